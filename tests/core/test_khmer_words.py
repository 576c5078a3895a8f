"""Khmer is written without spaces: the words a spell checker and a word count see come from the segmenter."""

from __future__ import annotations

from workbench.core.language.khmer_words import KhmerSegmenter, khmer_words, shipped_segmenter


def test_a_sentence_without_spaces_is_cut_into_dictionary_words() -> None:
    # "I love the country of Cambodia. The capital Phnom Penh is the biggest city"
    text = "ខ្ញុំស្រលាញ់ប្រទេសកម្ពុជា។ រាជធានីភ្នំពេញគឺជាទីក្រុងធំជាងគេ"
    words = khmer_words(text)
    assert words[:4] == ["ខ្ញុំ", "ស្រលាញ់", "ប្រទេស", "កម្ពុជា"]
    assert "ភ្នំពេញ" in words and "ទីក្រុង" in words
    assert "".join(words) == text.replace("។ ", "")  # nothing lost, punctuation and spaces left out


def test_latin_text_and_digits_have_no_khmer_words() -> None:
    assert khmer_words("Hello 2024 world") == []
    assert khmer_words("ខ្ញុំ OK ១២៣") == ["ខ្ញុំ"]


def test_a_garbled_stretch_is_one_unknown_word_and_the_rest_stays_known() -> None:
    text = "ខ្ញុំក្ឞ្ឞុំកម្ពុជា"
    spans = shipped_segmenter().spans(text)
    assert [text[a:b] for a, b, known in spans if not known] == ["ក្ឞ្ឞុំ"]
    assert [text[a:b] for a, b, known in spans if known] == ["ខ្ញុំ", "កម្ពុជា"]


def test_a_word_a_person_added_is_a_word_from_then_on() -> None:
    segmenter = KhmerSegmenter(["ខ្ញុំ"])
    assert segmenter.spans("ខ្ញុំស្រលាញ់")[-1][2] is False
    segmenter.add(["ស្រលាញ់"])
    assert segmenter.words("ខ្ញុំស្រលាញ់") == ["ខ្ញុំ", "ស្រលាញ់"]
    assert all(known for _a, _b, known in segmenter.spans("ខ្ញុំស្រលាញ់"))


def test_coeng_da_and_coeng_ta_which_look_alike_are_the_same_word() -> None:
    with_ta, with_da = "សក្តានុពល", "សក្ដានុពល"  # "potential", written both ways in real texts
    segmenter = shipped_segmenter()
    assert all(known for _a, _b, known in segmenter.spans(with_ta))
    assert all(known for _a, _b, known in segmenter.spans(with_da))
    assert khmer_words(f"{with_da}ខ្ញុំ") == [with_da, "ខ្ញុំ"]  # the text as written, not folded


def test_a_long_run_without_spaces_is_cut_at_words_only_wherever_it_starts() -> None:
    # a line of correct words (no punctuation) long enough that a cut at fixed offsets would fall mid-word
    sentence = "ខ្ញុំស្រឡាញ់ប្រទេសកម្ពុជា"
    segmenter = shipped_segmenter()
    per_sentence = segmenter.words(sentence)
    assert all(known for _a, _b, known in segmenter.spans(sentence))
    for times in (40, 400):  # about 1,000 and 10,000 characters
        for lead in ("", "ក", "សាលា", "ខ្ញុំ" * 3):
            text = lead + sentence * times
            spans = segmenter.spans(text)
            unknown = [(a, b) for a, b, known in spans if not known and a >= len(lead)]
            assert unknown == [], (times, lead, unknown[:3])
            assert [text[a:b] for a, b, _known in spans if a >= len(lead)] == per_sentence * times
        assert len(khmer_words(sentence * times)) == len(per_sentence) * times  # the analysis' word count
