"""Qt tests run offscreen, and a test that leaves thread-pool work running fails.

`open_window` builds a real project (the shared article and a short text) and opens the real project
window on it; `shown_errors` collects the error dialogs instead of blocking on them; `tiny_models`
installs a tiny real NLLB model and chooses it for English and Khmer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool

from workbench.core.importing import import_files
from workbench.core.project_store import Project
from workbench.core.settings import Settings
from workbench.mt.model_store import ModelStore

SHORT_TEXT = "Núi Cấm là điểm du lịch nổi tiếng.\n\nHòa Bình có hồ lớn.\n\nChợ nổi Long Xuyên họp từ sáng sớm.\n"


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window geometry goes to a temporary folder, never the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qsettings")))


@pytest.fixture(autouse=True)
def no_leftover_background_work(qtbot):  # type: ignore[no-untyped-def]
    yield
    pool = QThreadPool.globalInstance()
    finished = pool.waitForDone(5000)
    assert finished and pool.activeThreadCount() == 0, "a test left background work running"


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(_parent: object, title: str, message: str, details: str = "") -> None:
        shown.append(f"{title}: {message}")

    import workbench.ui.import_dialog
    import workbench.ui.project_window

    monkeypatch.setattr(workbench.ui.project_window, "show_error", record)
    return shown


@pytest.fixture
def short_text(tmp_path: Path) -> Path:
    path = tmp_path / "ngan.txt"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def open_window(qtbot, tmp_path: Path, short_text: Path) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    from workbench.ui.project_window import ProjectWindow

    def opener(*files: Path, settings: Settings | None = None) -> ProjectWindow:
        path = tmp_path / "p.wbp"
        if not path.exists():
            with Project.create(path, "An Giang", "vi", ["en", "km"]) as project:
                import_files(project, [*files, short_text])
        window = ProjectWindow(Project.open(path), settings or Settings.load())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)  # shortcuts reach only the active window
        return window

    return opener


@pytest.fixture
def tiny_models(tiny, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Settings:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("models")
    ModelStore(folder).install(tiny.nllb_ct2_int8, name="tiny-nllb")
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(folder))
    settings = Settings.load()
    settings.mt_models = {"en": "tiny-nllb", "km": "tiny-nllb"}
    settings.beam_size = 1
    settings.save()
    return settings
