"""Render the workbench under Xvfb with a real Vietnamese/English/Khmer project and save PNG screenshots.

    python -m tests.screenshots [--out resources/screenshots]

The project is the web article the tests ship (tests/data/soc-trang-article-vi.txt) with the human sample
translations in resources/samples/soc-trang-sample-translations.json. Without a DISPLAY the script starts Xvfb itself
and uses Qt's xcb platform, so the pictures come from a real X window. Look at them: Khmer must be
real glyphs, not boxes, and must wrap.

Besides the 1500×900 pictures it shows the window as it is on an office laptop (1366×768) and a projector
(1280×720): the window's own area there, once a taskbar and the title bar took their part (SMALL_SCREENS),
and the editor pane under the grid with a long Khmer translation being edited.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "tests" / "data" / "soc-trang-article-vi.txt"
SAMPLES = REPO / "resources" / "samples" / "soc-trang-sample-translations.json"
#: picture name -> the window's size on that screen (a taskbar and the title bar take 72 pixels of height)
SMALL_SCREENS = {"workbench-1366x768.png": (1366, 696), "workbench-1280x720.png": (1280, 648)}


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """A private X server unless there is a display already; returns it so it can be stopped."""
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        sys.exit("Xvfb is not installed (apt-get install xvfb) and there is no DISPLAY")
    for number in range(90, 110):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        if time.monotonic() > deadline or server.poll() is not None:
            sys.exit("Xvfb did not start")
        time.sleep(0.05)
    os.environ["DISPLAY"] = f":{number}"
    return server


def build_project(folder: Path) -> Path:
    from workbench.core.importing.file_import import import_files
    from workbench.core.memory.glossary import Term, add_term
    from workbench.core.records import Origin, Status
    from workbench.core.store.project_store import Project

    path = folder / "soc-trang.wbp"
    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))["segments"]
    with Project.create(path, "Tin Sóc Trăng", "vi", ["en", "km"]) as project:
        import_files(project, [ARTICLE])
        add_term(project, Term("đồng bào Khmer", {"en": "Khmer people", "km": "ជនជាតិខ្មែរ"}))
        add_term(project, Term("ghe Ngo", {"en": "Ngo boat", "km": "ទូកង"}))
        add_term(project, Term("Ủy ban nhân dân tỉnh", {"en": "Provincial People's Committee"}))
        by_source = {s.source: s.id for s in project.segments() if s.translatable}
        for sample in samples:
            segment_id = by_source[sample["source"]]
            for language in ("en", "km"):
                project.save_translation(
                    segment_id, language, sample[language], Status(sample[f"{language}_status"]), Origin.HUMAN,
                    "Lan" if language == "en" else "Dara",
                )  # fmt: skip
    return path


def render(out: Path) -> list[Path]:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from workbench.context import AppContext
    from workbench.core.settings import Settings
    from workbench.core.store.project_store import Project
    from workbench.ui.project_window import ProjectWindow
    from workbench.ui.ui_language import install_translator

    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    os.environ["WORKBENCH_CONFIG_DIR"] = str(work / "config")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "qsettings"))
    app = QApplication.instance() or QApplication([])
    path = build_project(work)
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def settle() -> None:
        for _ in range(20):
            QCoreApplication.processEvents()
            time.sleep(0.02)

    def shoot(window: QWidget, name: str) -> None:
        settle()
        target = out / name
        window.grab().save(str(target))
        saved.append(target)

    def open_window(size: tuple[int, int] = (1500, 900), pane: bool = False) -> ProjectWindow:
        window = ProjectWindow(Project.open(path), AppContext(Settings(user_name="Lan", editor_pane=pane)))
        window.resize(*size)
        if size == (1500, 900):
            window.splitter.setSizes([330, 820, 350])
        window.show()
        window.documents.select_document(window.project.documents()[0].id)
        settle()
        return window

    window = open_window()
    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))["segments"]
    row = window.model.ids.index(next(s.id for s in window.project.segments() if s.source == samples[1]["source"]))
    first = window.model.ids.index(next(s.id for s in window.project.segments() if s.source == samples[0]["source"]))
    window.grid.size_visible_rows()
    window.grid.scrollTo(window.model.index(first, 1), window.grid.ScrollHint.PositionAtTop)
    window.grid.size_visible_rows()
    window.grid.setCurrentIndex(window.model.index(row, 3))
    shoot(window, "workbench-grid.png")
    editor = window.open_editor()
    if editor is not None:
        editor.insertPlainText(" ")
    shoot(window, "workbench-editing-khmer.png")
    if editor is not None:  # Esc: the space was only for the picture (no "unconfirmed edits" notice later)
        window.editing.cancel_typing(editor.segment_id, editor.language)
        window.close_editor(editor)
    window.close()

    window = open_window()
    window.context.update_settings(Settings(user_name="Hoa", role="editor"), save=False)
    window.apply_settings()
    window.grid.setCurrentIndex(window.model.index(first, 3))
    review = window.review.open_review()  # the Khmer translations waiting for the editor
    review.resize(1000, 720)
    shoot(review, "workbench-review-khmer.png")
    review.close()
    window.close()

    for name, size in SMALL_SCREENS.items():
        QSettings().remove("project_window")  # as the window first opens there, not with the 1500-pixel splitters
        window = open_window(size)
        window.grid.size_visible_rows()
        window.grid.scrollTo(window.model.index(first, 1), window.grid.ScrollHint.PositionAtTop)
        window.grid.size_visible_rows()
        window.grid.setCurrentIndex(window.model.index(row, 3))
        shoot(window, name)
        window.close()

    window = open_window(pane=True)
    window.grid_and_pane.setSizes([520, 300])
    window.grid.size_visible_rows()
    window.grid.scrollTo(window.model.index(first, 1), window.grid.ScrollHint.PositionAtTop)
    window.grid.size_visible_rows()
    window.grid.setCurrentIndex(window.model.index(row, 3))
    window.pane.editor.setFocus()
    shoot(window, "workbench-editor-pane.png")
    window.close()

    translator = install_translator(app, "vi")
    window = open_window()
    window.grid.size_visible_rows()
    window.grid.scrollTo(window.model.index(first, 1), window.grid.ScrollHint.PositionAtTop)
    window.grid.size_visible_rows()
    window.grid.setCurrentIndex(window.model.index(row, 2))
    shoot(window, "workbench-vietnamese-interface.png")
    window.close()
    if translator is not None:
        app.removeTranslator(translator)
    shutil.rmtree(work, ignore_errors=True)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "resources" / "screenshots")
    args = parser.parse_args()
    server = start_xvfb()
    try:
        for path in render(args.out):
            print(path)
    finally:
        if server is not None:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
