"""Tools > Import a TMX file: what the import decided about a peer's file is shown, not only counted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox
from translate.convert import po2tmx


def test_a_po2tmx_memory_imports_and_the_window_says_how_it_was_read(
    qtbot, open_window, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    po = tmp_path / "vi.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Chùa Dơi là ngôi chùa Khmer nổi tiếng."\nmsgstr "The Bat Pagoda is a famous Khmer pagoda."\n',
        encoding="utf-8",
    )
    memory = tmp_path / "po2tmx.tmx"
    po2tmx.main(["--progress=none", "-l", "en", "--source-language", "vi-VN", str(po), str(memory)])
    window = open_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(memory), "TMX (*.tmx)"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    window.memory.import_tmx()
    assert window.statusBar().currentMessage() == "1 new unit in the shared memory"
    (message,) = shown
    assert "header gives the source language as 'en'" in message and "read by the units' own languages" in message
    assert window.memories.shared is not None
    (match,) = window.memories.shared.lookup("Chùa Dơi là ngôi chùa Khmer nổi tiếng.", "en")
    assert match.unit.target == "The Bat Pagoda is a famous Khmer pagoda."
