"""Long Khmer lines can wrap on screen, between syllables, without the stored text changing."""

from __future__ import annotations

from workbench.core.language.khmer_breaks import ZERO_WIDTH_SPACE, for_display, from_display

SENTENCE = "ខេត្តអានយ៉ាងជាខេត្តព្រំដែននៅតំបន់ដីសណ្ដទន្លេមេគង្គ។ ភ្ញៀវទេសចរ 9.889 នាក់"


def test_breaks_fall_between_syllables_and_never_inside_one() -> None:
    shown = for_display(SENTENCE)
    pieces = shown.replace(" ", ZERO_WIDTH_SPACE).split(ZERO_WIDTH_SPACE)
    assert "ខេត្ត" in pieces and "អាន" in pieces  # final consonants stay with their syllable
    assert "ព្រំ" in pieces  # subscripts and signs stay with their consonant
    assert not any(p.startswith(("\u17d2", "\u17b6", "\u17c6", "\u17cb", "។")) for p in pieces if p)
    assert len(pieces) > 12


def test_the_stored_text_comes_back_unchanged() -> None:
    assert from_display(for_display(SENTENCE)) == SENTENCE


def test_text_without_khmer_is_left_alone() -> None:
    text = "An Giang là tỉnh biên giới."
    assert for_display(text) == text
