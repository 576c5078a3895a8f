"""Spell checking as you type: the red underline, suggestions and "add to dictionary".

Each editor (a cell editor or the editor pane's) gets a QSyntaxHighlighter, which Qt runs on the changed
block only, so a keystroke re-checks one line. A language's checker is loaded off the GUI thread the first
time an editor of that language opens (its dictionary takes about a second); the editor underlines as soon
as it is there, and a language without a dictionary is said once in the status bar while editing goes on.
Suggestions are looked for in the background when the context menu opens (0.1–0.3 s, at most a few
seconds for an odd word): the menu says "Looking for suggestions…" and fills when they are found, and a
word's suggestions are kept for the next right-click. Never while typing.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from workbench.core.errors import WorkbenchError
from workbench.core.qa.live_context import QaContext
from workbench.core.spelling.checker import NoDictionary, SpellChecker, spell_checker
from workbench.core.spelling.dictionary_files import DictionaryProblem
from workbench.core.spelling.word_lists import add_user_word, user_words, user_words_problem
from workbench.core.store.spelling_words import add_project_words, project_words
from workbench.ui.segment_editor import SegmentEditor
from workbench.ui.tag_chip_editor import ChipHighlighter
from workbench.ui.tasks import TaskRunner, TaskState
from workbench.ui.text_positions import qt_position
from workbench.ui.window_context import WindowContext

log = logging.getLogger(__name__)

Span = tuple[int, int]
#: how long suggestions are looked for (spylls has no time limit of its own: checked between suggestions)
SUGGESTION_SECONDS = 3.0
#: the words whose suggestions are kept (a right-click on the same word again shows them at once)
_KEPT_SUGGESTIONS = 128


class SpellingHighlighter(ChipHighlighter):
    """Underlines the misspelled words of one editor, in the editor's current language; the editor's one
    highlighter, so it draws the tags' chips too (a second highlighter would wipe one or the other)."""

    def __init__(self, editor: SegmentEditor, spelling: SpellingActions) -> None:
        super().__init__(editor.document(), editor.tags)
        self.editor = editor
        self.spelling = spelling
        self.look = QTextCharFormat()
        self.look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.look.setUnderlineColor(QColor(Qt.GlobalColor.red))

    def misspelled(self, text: str) -> list[Span]:
        checker = self.spelling.checker(self.editor.language)
        if checker is None:
            return []
        return checker.misspelled(text, source=self.spelling.source_of(self.editor))

    def highlightBlock(self, text: str) -> None:
        try:
            wide = any(ord(ch) > 0xFFFF for ch in text)
            for start, end in self.misspelled(text):
                a, b = (qt_position(text, start), qt_position(text, end)) if wide else (start, end)
                self.setFormat(a, b - a, self.look)
        except Exception:  # an exception must never leave a Qt virtual
            log.exception("spell checking a line failed")
        super().highlightBlock(text)  # the tags' chips, over any underline


class SpellingActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.spell_check_action = QAction(self.tr("Check &spelling as you type"), self)
        self.spell_check_action.setCheckable(True)
        self.spell_check_action.setChecked(window.settings.spell_check)
        self.spell_check_action.toggled.connect(self._switched)
        self.loading: TaskRunner[str] = TaskRunner(self)
        self.loading.finished.connect(self._loaded)
        self.loading.failed.connect(lambda _task, message: log.warning("spelling: %s", message))
        self.suggesting: TaskRunner[tuple[str, str]] = TaskRunner(self)
        self.suggesting.finished.connect(self._suggested)
        self.suggesting.failed.connect(lambda _task, message: log.warning("suggestions: %s", message))
        self._suggestions: dict[tuple[str, str], list[str]] = {}
        #: the menus waiting for a task's suggestions: (menu, its "Looking for suggestions…" item, editor, cursor)
        self._waiting: dict[int, tuple[QMenu, QAction, SegmentEditor, QTextCursor]] = {}
        self._checkers: dict[str, SpellChecker | NoDictionary] = {}
        self._asked: set[str] = set()
        self._highlighters: list[SpellingHighlighter] = []

    # --- the checkers ------------------------------------------------------------------------------------

    def checker(self, language: str) -> SpellChecker | None:
        """The checker of `language` when it is loaded and spell checking is on (else None: load it)."""
        if not language or not self.spell_check_action.isChecked():
            return None
        found = self._checkers.get(language)
        if found is None and language not in self._asked:
            self._asked.add(language)
            extra = project_words(self.window.project, language) | user_words(language)  # read on this thread
            problem = user_words_problem(language)
            if problem:  # said once: the user's own words are left out until the file can be read
                self.window.show_status(self.tr("Spelling: your dictionary is left out: {0}").format(problem), 10000)
            self.loading.start(partial(_load, language, extra), language)
        return found if isinstance(found, SpellChecker) else None

    def _loaded(self, task_id: int, loaded: object) -> None:
        if not isinstance(loaded, SpellChecker | NoDictionary):
            return
        self._checkers[loaded.language] = loaded
        if isinstance(loaded, NoDictionary):
            self.window.show_status(self.tr("Spelling: {0}").format(loaded.message), 10000)
        self.rehighlight(loaded.language)

    def rehighlight(self, language: str | None = None) -> None:
        for highlighter in list(self._highlighters):
            if language is None or highlighter.editor.language == language:
                highlighter.rehighlight()

    def settings_applied(self) -> None:
        """New settings (the Settings dialog): the menu item follows, the checks and underlines too."""
        on = self.window.settings.spell_check
        if self.spell_check_action.isChecked() != on:
            self.spell_check_action.setChecked(on)  # _switched reloads and re-underlines
        else:
            self.window.qa_context = QaContext.load(self.window.project, self.window.settings)
            self.rehighlight()

    def _switched(self, on: bool) -> None:
        self.window.context.update_settings(replace(self.window.settings, spell_check=on))
        self.window.qa_context = QaContext.load(self.window.project, self.window.settings)
        self.rehighlight()

    # --- the editors ------------------------------------------------------------------------------------

    def attach(self, editor: SegmentEditor) -> None:
        """Check the spelling of `editor`'s text (a cell editor or the editor pane) in its language."""
        if any(h.editor is editor for h in self._highlighters):
            return
        highlighter = SpellingHighlighter(editor, self)
        editor.use_highlighter(highlighter)
        self._highlighters.append(highlighter)
        editor.menu_hooks.append(self._menu_items)
        editor.destroyed.connect(lambda: self._forget(highlighter))
        if editor.toPlainText():
            highlighter.rehighlight()
        else:
            self.checker(editor.language)  # start loading while the translator reads the source

    def source_of(self, editor: SegmentEditor) -> str:
        """The Vietnamese source of the segment `editor` edits: the names it holds are not typos."""
        if not editor.segment_id:
            return ""
        try:
            return self.window.project.segment(editor.segment_id).source
        except Exception:  # split or joined away meanwhile, or the project closing under a last repaint
            return ""

    def _forget(self, highlighter: SpellingHighlighter) -> None:
        if highlighter in self._highlighters:
            self._highlighters.remove(highlighter)

    def misspelling_at(self, editor: SegmentEditor, pos: QPoint) -> tuple[QTextCursor, str] | None:
        """The misspelled word under `pos`, selected in a cursor, and the word."""
        checker = self.checker(editor.language)
        if checker is None:
            return None
        cursor = editor.cursorForPosition(pos)
        block = cursor.block()
        text, at = block.text(), cursor.positionInBlock()
        for start, end in checker.misspelled(text, source=self.source_of(editor)):
            if start <= at <= end:
                word = editor.textCursor()
                word.setPosition(block.position() + qt_position(text, start))
                word.setPosition(block.position() + qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
                return word, text[start:end]
        return None

    def _menu_items(self, editor: SegmentEditor, menu: QMenu, pos: QPoint) -> None:
        found = self.misspelling_at(editor, pos)
        checker = self.checker(editor.language)
        if found is None or checker is None:
            return
        cursor, word = found
        first = menu.actions()[0] if menu.actions() else None
        items: list[QAction] = []
        kept = self._suggestions.get((editor.language, word))
        if kept is not None:
            items += self._suggestion_items(menu, editor, cursor, kept)
        else:
            looking = QAction(self.tr("Looking for suggestions…"), menu)
            looking.setEnabled(False)
            items.append(looking)
            task = self.suggesting.start(partial(_suggest, checker, word), (editor.language, word))
            self._waiting[task] = (menu, looking, editor, cursor)
            menu.destroyed.connect(lambda _=None, t=task: self._waiting.pop(t, None))
        project_item = QAction(self.tr("Add “{0}” to the project dictionary").format(word), menu)
        project_item.triggered.connect(lambda: self.add_word(editor.language, word, to_project=True))
        user_item = QAction(self.tr("Add “{0}” to my dictionary").format(word), menu)
        user_item.triggered.connect(lambda: self.add_word(editor.language, word, to_project=False))
        ignore_item = QAction(self.tr("Ignore “{0}”").format(word), menu)
        ignore_item.triggered.connect(lambda: self.ignore_word(editor.language, word))
        items += [project_item, user_item, ignore_item]
        separator = QAction(menu)
        separator.setSeparator(True)
        if first is None:
            menu.addActions([*items, separator])
        else:
            menu.insertActions(first, [*items, separator])

    def _suggestion_items(
        self, menu: QMenu, editor: SegmentEditor, cursor: QTextCursor, suggestions: list[str]
    ) -> list[QAction]:
        items = []
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.triggered.connect(lambda _=False, s=suggestion: _replace(editor, cursor, s))
            items.append(action)
        if not suggestions:
            nothing = QAction(self.tr("(no suggestions)"), menu)
            nothing.setEnabled(False)
            items.append(nothing)
        return items

    def _suggested(self, task_id: int, found: object) -> None:
        """Suggestions found in the background: kept, and put in place of "Looking…" in a menu still open."""
        purpose = self.suggesting.purpose(task_id)
        if purpose is None or not isinstance(found, list):
            return
        if len(self._suggestions) >= _KEPT_SUGGESTIONS:
            self._suggestions.clear()
        self._suggestions[purpose] = found
        waiting = self._waiting.pop(task_id, None)
        if waiting is None:
            return  # the menu closed meanwhile: the next right-click on the word shows them at once
        menu, looking, editor, cursor = waiting
        menu.insertActions(looking, self._suggestion_items(menu, editor, cursor, found))
        menu.removeAction(looking)
        looking.deleteLater()

    def add_word(self, language: str, word: str, to_project: bool) -> bool:
        """Keep `word` in the project's or the user's dictionary; a word that cannot be one is said."""
        try:
            if to_project:
                add_project_words(self.window.project, language, [word], self.window.settings.user_name)
            else:
                add_user_word(language, word)
        except WorkbenchError as exc:
            self.window.show_status(str(exc), 10000)
            return False
        self.window.qa_context = QaContext.load(self.window.project, self.window.settings)
        self.ignore_word(language, word)
        return True

    def ignore_word(self, language: str, word: str) -> None:
        """Correct in this window from now on (not kept)."""
        checker = self._checkers.get(language)
        if isinstance(checker, SpellChecker):
            checker.add_words([word])
        self.rehighlight(language)


def _load(language: str, extra: set[str], _state: TaskState) -> SpellChecker | NoDictionary:
    """In the thread pool: the checker with its dictionary read, so the first keystroke does not wait."""
    checker = spell_checker(language, extra)
    if isinstance(checker, SpellChecker):
        try:
            checker.load()  # the dictionaries (and en_GB beside en_US) read now, not at the first word typed
        except DictionaryProblem as exc:
            return NoDictionary(language, str(exc))
    return checker


def _suggest(checker: SpellChecker, word: str, _state: TaskState) -> list[str]:
    """In the thread pool: the suggestions found within the time allowed."""
    return checker.suggest(word, SUGGESTION_SECONDS)


def _replace(editor: SegmentEditor, cursor: QTextCursor, suggestion: str) -> None:
    """The word replaced as one step of the editor's undo."""
    cursor.beginEditBlock()
    cursor.insertText(suggestion)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)
