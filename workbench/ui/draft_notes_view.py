"""The "Machine draft" box of the side panel: what is known about the cell's machine draft beyond its
text — the quality band with the signals behind it, the glossary terms enforced and still missing, the
edit rules applied, and the machine back-translation into the source language with the words that differ
from the source highlighted, so an editor who reads Khmer less well can see what the draft says.

Review mode shows the same back-translation through `back_translation_html`.
"""

from __future__ import annotations

import html
import string
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from workbench.core.memory.glossary import TERM_NOT_USED
from workbench.core.records import Translation
from workbench.core.review.post_edit_diff import word_diff
from workbench.core.store.draft_notes import DraftNote
from workbench.ui.narrow_label import narrow_wrapping
from workbench.ui.status_look import BAND_COLOURS, band_name, quality_line, signal_lines

#: how the flag of a glossary term the draft still lacks starts (the QA check term-not-used's wording)
_PUNCTUATION = string.punctuation + "“”‘’…–—«»"
DIFFERING_STYLE = "background-color:#fff2a8;font-weight:bold;"


def _fold(word: str) -> str:
    """Words compare without case and the punctuation stuck to them ("tiếng." is "Tiếng")."""
    return word.strip(_PUNCTUATION).lower()


def highlighted_back_translation(source: str, back: str) -> str:
    """The back-translation as HTML, its words that differ from the source highlighted."""
    return " ".join(
        html.escape(text) if tag == "=" else f'<span style="{DIFFERING_STYLE}">{html.escape(text)}</span>'
        for tag, text in word_diff(source, back, fold=_fold)
        if tag != "-"
    )


def back_translation_html(
    source: str, note: DraftNote | None, source_name: str, language_name: str, can_back_translate: bool | None
) -> str:
    """The back-translation with its label, or why there is none: not made yet, or no installed model
    translates the draft's language into the source language (`can_back_translate` False; None: unknown)."""
    if note is not None and note.back_translation is not None:
        label = QCoreApplication.translate("DraftNotesView", "Machine back-translation into {0} (model {1}):").format(
            source_name, note.back_model or "?"
        )
        return f"<i>{html.escape(label)}</i><br>{highlighted_back_translation(source, note.back_translation)}"
    if can_back_translate is False:
        text = QCoreApplication.translate("DraftNotesView", "No model can translate {0} into {1}").format(
            language_name, source_name
        )
    else:
        text = QCoreApplication.translate("DraftNotesView", "No back-translation yet")
    return f"<i>{html.escape(text)}</i>"


class DraftNotesView(QGroupBox):
    def __init__(self, names: dict[str, str], source_language: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Machine draft"), parent)
        self.names = names
        self.source_language = source_language
        #: whether an installed model can translate a language into the source language (None: not known)
        self.can_back_translate: Callable[[str], bool | None] | None = None
        #: False when the user turned back-translation off in the settings
        self.back_translating: Callable[[], bool] | None = None
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()  # a long back-translation scrolls instead of squeezing the panel
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumHeight(140)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)
        self.quality = QLabel()
        self.terms = QLabel()
        self.rules = QLabel()
        self.back_translation = QLabel()
        for label in (self.quality, self.back_translation, self.terms, self.rules):
            narrow_wrapping(label)  # a long unbroken back-translation must not widen the side panel
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addStretch(1)
        self.show_note("", "", None, None)

    def show_note(self, source: str, language: str, translation: Translation | None, note: DraftNote | None) -> None:
        """The notes on the machine draft of the current cell; the box hides when there are none."""
        self.setVisible(note is not None)
        if note is None:
            for label in (self.quality, self.terms, self.rules, self.back_translation):
                label.clear()
            return
        lines = []
        if (translation is None or not translation.text) and note.band == "poor":
            left_out = self.tr("Left out of the cell as a poor draft; the suggestions offer it.")
            lines.append(f"<i>{html.escape(left_out)}</i>")
        elif not note.describes(translation):
            edited = self.tr("About the machine draft of {0}; the cell was changed since.").format(note.model or "?")
            lines.append(f"<i>{html.escape(edited)}</i>")
        if note.band:
            colour = BAND_COLOURS.get(note.band)
            shown = html.escape(quality_line(note.band, note.quality))
            word = html.escape(band_name(note.band))
            if colour is not None:
                shown = shown.replace(word, f'<b style="color:{colour.name()}">{word}</b>', 1)
            lines.append(shown)
            signals = signal_lines(note.signals)
            if signals:
                lines.append(html.escape(" · ".join(signals)))
        else:
            lines.append(html.escape(self.tr("Quality not estimated yet")))
        self.quality.setText("<br>".join(lines))
        self._show_terms(note, translation)
        rules = [str(rule) for rule in note.meta.get("rules", []) or []]
        self.rules.setText(
            html.escape(self.tr("Edit rules applied:")) + "<br>" + "<br>".join(f"· {html.escape(r)}" for r in rules)
        )
        self.rules.setVisible(bool(rules))
        name = self.names.get(language, language)
        source_name = self.names.get(self.source_language, self.source_language)
        if note.back_translation is None and self.back_translating is not None and not self.back_translating():
            self.back_translation.setText(f"<i>{html.escape(self.tr('Back-translation is off (Settings)'))}</i>")
            return
        possible = self.can_back_translate(language) if self.can_back_translate is not None else None
        self.back_translation.setText(back_translation_html(source, note, source_name, name, possible))

    def _show_terms(self, note: DraftNote, translation: Translation | None) -> None:
        enforced = [str(term) for term in note.meta.get("terms", []) or []]
        flags = translation.flags if translation is not None and note.describes(translation) else ()
        missing = [flag for flag in flags if flag.startswith(TERM_NOT_USED)]
        parts = []
        if enforced:
            parts.append(html.escape(self.tr("Glossary terms enforced: {0}").format(", ".join(enforced))))
        parts += [f'<span style="color:#b3261e">{html.escape(flag)}</span>' for flag in missing]
        self.terms.setText("<br>".join(parts))
        self.terms.setVisible(bool(parts))
