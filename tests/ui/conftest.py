"""Qt tests run offscreen, and a test that leaves thread-pool work running fails.

`open_window` builds a real project (the shared article and a short text) and opens the real project
window on it; `tiny_models` installs a tiny real NLLB model and chooses it for English and Khmer.

No message box ever opens in a test: QMessageBox (its static helpers and `exec`) and the project's
`error_dialog.show_error` are replaced for every test by a recorder, and a test that shows a dialog
it did not ask for fails. A test that expects an error asks for `shown_errors` and asserts on it; a
test that expects a question or a notice patches that QMessageBox helper itself."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QMessageBox

from workbench.context import AppContext
from workbench.core.importing.file_import import import_files
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
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


def _ui_modules() -> list[object]:
    """Every module of workbench.ui and its subpackages (ui/actions/), imported now, so a `from ... import
    show_error` is bound to the real function before it is patched (a module first imported under the
    patch would keep the recorder)."""
    import workbench.ui

    return [importlib.import_module(m.name) for m in pkgutil.walk_packages(workbench.ui.__path__, "workbench.ui.")]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Every message box a test shows, as "title: message", instead of a dialog that blocks."""
    shown: list[str] = []
    from workbench.ui import error_dialog

    real_show_error = error_dialog.show_error

    def record_error(_parent: object, title: str, message: str, details: str = "") -> None:
        shown.append(f"{title}: {message}")

    def record_box(_parent: object, title: str, text: str, *_args: object, **_kwargs: object) -> object:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Cancel  # an unexpected question is never answered yes

    def record_exec(box: QMessageBox) -> int:
        shown.append(f"{box.windowTitle()}: {box.text()}")
        return int(QMessageBox.StandardButton.Cancel.value)

    for module in _ui_modules():
        if getattr(module, "show_error", None) is real_show_error:
            monkeypatch.setattr(module, "show_error", record_error)
    for helper in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, helper, record_box)
    monkeypatch.setattr(QMessageBox, "exec", record_exec)
    yield shown
    if shown and "shown_errors" not in request.fixturenames:
        pytest.fail(f"the test showed a dialog it did not expect: {shown}")


@pytest.fixture
def shown_errors(dialogs: list[str]) -> list[str]:
    """The error dialogs shown; a test that asks for this expects them and asserts on them."""
    return dialogs


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
        window = ProjectWindow(Project.open(path), AppContext(settings) if settings else AppContext.load())
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
