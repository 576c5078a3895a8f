"""Tools > Export the glossary / the project memory refuse, in a dialog, what the CLI refuses: the project
file, an imported source, a missing folder; the project stays open and whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from workbench.core.store.project_store import Project


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The save dialog answers `path`, as if the user typed it."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kwargs: (str(path), ""))


@pytest.mark.parametrize("action", ["export_glossary", "export_tmx"])
def test_the_tools_exports_refuse_the_project_file_a_source_and_a_missing_folder(
    open_window: Callable[..., object],
    shown_errors: list[str],
    short_text: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    action: str,
) -> None:
    window = open_window()
    title = "Cannot export the glossary" if action == "export_glossary" else "Cannot export the memory"
    project_file = tmp_path / "p.wbp"
    source_text = short_text.read_bytes()
    for chosen, why in (
        (project_file, f"{project_file} is the project file; choose another name"),
        (short_text, f"{short_text} is an imported source file; choose another name"),
        (tmp_path / "nodir" / "out.csv", f"cannot write {tmp_path / 'nodir' / 'out.csv'}: the folder "),
    ):
        _choose(monkeypatch, chosen)
        getattr(window.memory, action)()
        assert shown_errors and shown_errors[-1].startswith(f"{title}: {why}"), shown_errors
    assert len(shown_errors) == 3
    assert short_text.read_bytes() == source_text
    assert len(window.project.segments()) == 3  # the open project still reads
    window.close()
    with Project.open(project_file, read_only=True) as reopened:
        assert len(reopened.segments()) == 3


def test_the_memory_export_writes_a_tmx_file_and_leaves_no_temporary(
    open_window: Callable[..., object], shown_errors: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window()
    _choose(monkeypatch, tmp_path / "memory.tmx")
    window.memory.export_tmx()
    assert shown_errors == []
    assert (tmp_path / "memory.tmx").read_bytes().startswith(b"<?xml")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
