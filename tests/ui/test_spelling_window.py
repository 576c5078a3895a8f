"""Spelling as a translator types in a cell: the red underline, a suggestion from the context menu, and a
word added to the project's dictionary."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor

from tests.core.test_spelling import tiny_english, without_system_dictionaries
from workbench.core.store.spelling_words import project_words
from workbench.ui.segment_editor import SegmentEditor

EN = 2
WORDS = ["this", "is", "a", "sentence", "about", "the", "river", "mountain"]


def _underlined(editor: SegmentEditor) -> list[str]:
    block = editor.document().firstBlock()
    return [
        block.text()[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    ]


def _point_at(editor: SegmentEditor, word: str) -> QPoint:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(editor.toPlainText().index(word) + 2)
    return editor.cursorRect(cursor).center()


def _edit(qtbot, window) -> SegmentEditor:  # type: ignore[no-untyped-def]
    window.grid.setCurrentIndex(window.model.index(0, EN))
    qtbot.keyClick(window.grid, Qt.Key.Key_F2)
    editor = window.delegate.open_editor
    assert isinstance(editor, SegmentEditor)
    return editor


def test_a_misspelled_word_is_underlined_and_a_suggestion_replaces_it(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    tiny_english(WORDS)
    window = open_window()
    editor = _edit(qtbot, window)
    qtbot.keyClicks(editor, "This is a sentense about the river")
    qtbot.waitUntil(lambda: _underlined(editor) == ["sentense"], timeout=10000)

    menu = editor.context_menu(_point_at(editor, "sentense"))
    # looked for in the background: the menu opens at once and says so, then fills
    assert "Looking for suggestions…" in [action.text() for action in menu.actions()]
    assert "Add “sentense” to the project dictionary" in [action.text() for action in menu.actions()]
    qtbot.waitUntil(lambda: "sentence" in [action.text() for action in menu.actions()], timeout=10000)
    offered = {action.text(): action for action in menu.actions()}
    assert "Looking for suggestions…" not in offered
    assert "Add “sentense” to the project dictionary" in offered
    again = editor.context_menu(_point_at(editor, "sentense"))  # the same word again: shown at once
    assert "sentence" in [action.text() for action in again.actions()]
    assert "&Copy" in offered or any("Copy" in text for text in offered)  # Qt's own items stay
    offered["sentence"].trigger()
    assert editor.toPlainText() == "This is a sentence about the river"
    assert _underlined(editor) == []
    editor.undo()  # the replacement is one step of the editor's undo
    assert editor.toPlainText() == "This is a sentense about the river"
    window.close()


def test_a_word_added_to_the_project_dictionary_loses_its_underline(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    tiny_english(WORDS)
    window = open_window()
    editor = _edit(qtbot, window)
    qtbot.keyClicks(editor, "The Mekong river")
    qtbot.waitUntil(lambda: _underlined(editor) == ["Mekong"], timeout=10000)
    menu = editor.context_menu(_point_at(editor, "Mekong"))
    add = next(a for a in menu.actions() if a.text() == "Add “Mekong” to the project dictionary")
    add.trigger()
    assert _underlined(editor) == []
    assert "Mekong" in project_words(window.project, "en")
    assert not [p for p in window.qa_context.spelling.words_of("en") if p != "Mekong"]
    menu = editor.context_menu(_point_at(editor, "river"))  # a correct word: no spelling items
    assert not any("dictionary" in a.text() for a in menu.actions())
    window.spelling.spell_check_action.setChecked(False)  # off: nothing underlined
    qtbot.keyClicks(editor, " zzzq")
    assert _underlined(editor) == []
    window.spelling.spell_check_action.setChecked(True)
    qtbot.waitUntil(lambda: _underlined(editor) == ["zzzq"], timeout=10000)
    window.context.update_settings(replace(window.settings, spell_check=False))  # what the Settings dialog does
    window.spelling.settings_applied()
    assert not window.spelling.spell_check_action.isChecked() and _underlined(editor) == []
    assert window.qa_context.spelling is None
    window.close()


def test_a_damaged_dictionary_is_said_in_the_status_bar_and_typing_goes_on(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    without_system_dictionaries(monkeypatch)  # nothing to fall back to: the language goes unchecked
    path = tiny_english(WORDS, dic=b"not a word count\n\xff\xfe")
    for variant in ("en_GB", "en_AU", "en_CA"):  # each English variant damaged too: none to fall back to
        path.with_name(f"{variant}.dic").write_bytes(path.read_bytes())
    window = open_window()
    editor = _edit(qtbot, window)
    qtbot.keyClicks(editor, "This is a sentense")
    qtbot.waitUntil(lambda: "English" in window.statusBar().currentMessage(), timeout=10000)
    assert str(path) in window.statusBar().currentMessage()
    qtbot.keyClicks(editor, " still typing")
    assert editor.toPlainText() == "This is a sentense still typing" and _underlined(editor) == []
    window.close()


def test_the_editor_pane_underlines_in_the_language_of_the_cell_it_shows(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    tiny_english(WORDS)
    window = open_window()
    window.pane_action.trigger()
    window.grid.setCurrentIndex(window.model.index(0, EN))
    editor = window.pane.editor
    qtbot.waitUntil(lambda: editor.segment_id == window.model.segment_id(0))
    qtbot.keyClicks(editor, "the rivr")
    qtbot.waitUntil(lambda: _underlined(editor) == ["rivr"], timeout=10000)
    window.grid.setCurrentIndex(window.model.index(1, EN + 1))  # the Khmer cell of the next row
    qtbot.waitUntil(lambda: editor.language == "km")
    editor.insertPlainText("ខ្ញុំប្រទែសកម្ពុជា")  # as a Khmer input method puts it in (QTest types Latin keys only)
    qtbot.waitUntil(lambda: _underlined(editor) == ["ប្រទែស"], timeout=10000)
    window.close()


def test_add_to_my_dictionary_refuses_a_file_it_cannot_read_and_leaves_it_as_it_was(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.spelling.word_lists import user_dictionary_path

    tiny_english(WORDS)
    mine = user_dictionary_path("en")
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_bytes(b"Kampot\ncaf\xe9\n")  # written by another program in Latin-1
    window = open_window()
    editor = _edit(qtbot, window)
    qtbot.waitUntil(lambda: "your dictionary is left out" in window.statusBar().currentMessage(), timeout=10000)
    qtbot.keyClicks(editor, "The Mekong river")
    qtbot.waitUntil(lambda: _underlined(editor) == ["Mekong"], timeout=10000)
    menu = editor.context_menu(_point_at(editor, "Mekong"))
    next(a for a in menu.actions() if a.text() == "Add “Mekong” to my dictionary").trigger()
    assert str(mine) in window.statusBar().currentMessage() and "not UTF-8" in window.statusBar().currentMessage()
    assert mine.read_bytes() == b"Kampot\ncaf\xe9\n"
    assert _underlined(editor) == ["Mekong"]  # not added, so still underlined
    window.close()
