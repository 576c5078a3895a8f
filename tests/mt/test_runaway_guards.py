"""Runaway output is stopped near a sane length and flagged, and the guards leave human translations alone.

The tiny random models babble (one token over and over, to the end of max_output_tokens): they show the cap
and the flags working. The human translations the project ships (the tiny corpus's vi/en/km triples and
the sample translations) show the values are safe: none would be cut by its cap, none repeats an n-gram
as long as a family's no-repeat size, none is flagged.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
import sentencepiece as spm

from tests.builders.tiny_models import corpus_lines
from workbench.core.ops.draft_confidence import REPEAT_FLAG, RUNAWAY_FLAG, is_weak_draft
from workbench.core.ops.pretranslation import Unit
from workbench.core.records import Origin, Status, Translation
from workbench.mt import families
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.long_inputs import split_for_model
from workbench.mt.pipeline import TranslateOptions, translate_one
from workbench.mt.runaway import output_cap, repeated_phrase, runaway_flags

REPO = Path(__file__).resolve().parents[2]
#: Vietnamese press prose the project ships: its own repeats are what a faithful translation repeats too
VIETNAMESE_PROSE = [
    REPO / "tests" / "data" / "an-giang-article-reference.txt",
    REPO / "tests" / "data" / "soc-trang-article-reference.txt",
    REPO / "resources" / "samples" / "segmentation-reference-prose-vi.txt",
    REPO / "resources" / "samples" / "segmentation-reference-ud-vtb-vi.txt",
]
SHORT = "Núi Cấm là điểm du lịch nổi tiếng."
LONG_OUTPUT = DecodingOptions(beam_size=1, max_output_tokens=256)


def human_translations() -> list[tuple[str, str, str]]:
    """(vi, en, km) written by people: the tiny corpus's triples and the sample translations."""
    lines = corpus_lines()
    triples = [(lines[i], lines[i + 1], lines[i + 2]) for i in range(0, len(lines) - 2, 3)]
    samples = json.loads((REPO / "resources" / "samples" / "soc-trang-sample-translations.json").read_text("utf-8"))
    return triples + [(s["source"], s["en"], s["km"]) for s in samples["segments"]]


def prose_lines() -> list[str]:
    return [
        line
        for path in VIETNAMESE_PROSE
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def trained_pieces(lines: list[str], vocab_size: int) -> spm.SentencePieceProcessor:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 3),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="bpe",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return spm.SentencePieceProcessor(model_proto=model.getvalue())


def longest_repeated_ngram(tokens: list[str]) -> int:
    """The largest n such that some n-gram of tokens comes twice."""
    n = 0
    while True:
        grams = [tuple(tokens[i : i + n + 1]) for i in range(len(tokens) - n)]
        if len(grams) == len(set(grams)):
            return n
        n += 1


def tokenizers(tiny) -> dict[str, tuple[object, object]]:  # type: ignore[no-untyped-def]
    """name -> (source tokenizer, target tokenizer) as `pieces(text) -> list[str]` callables."""
    nllb = load_engine(tiny.nllb_ct2, "tiny").codec
    marian = load_engine(tiny.marian_ct2, "opus-mt-vi-en-tiny").codec
    marian_target = spm.SentencePieceProcessor(model_file=str(tiny.marian_ct2 / "target.spm"))
    triples = human_translations()
    alike = trained_pieces([x for t in triples for x in t], 500)
    vietnamese_heavy = trained_pieces([x for t in triples for x in t] + prose_lines(), 1000)
    return {
        "tiny nllb (joint BPE)": (nllb.pieces, nllb.pieces),
        "tiny marian (one per side)": (marian.pieces, lambda t: marian_target.encode(t, out_type=str)),
        "three languages alike": (lambda t: alike.encode(t, out_type=str),) * 2,
        "mostly Vietnamese": (lambda t: vietnamese_heavy.encode(t, out_type=str),) * 2,
    }


def test_no_human_translation_would_be_cut_by_its_length_cap(tiny) -> None:  # type: ignore[no-untyped-def]
    for name, (source_pieces, target_pieces) in tokenizers(tiny).items():
        for column, language in ((1, "en"), (2, "km")):
            if name.startswith("tiny marian") and language == "km":
                continue  # its target tokenizer is English
            ratios = []
            for triple in human_translations():
                source = len(source_pieces(triple[0])) + 2  # framed: language token and </s>
                output = len(target_pieces(triple[column])) + 1  # and the forced language token
                cap = output_cap(source, language, max_output_tokens=10_000)
                ratios.append(output / source)
                # stopped at the cap means it reached it: a translation must end before
                assert output < cap, (name, language, triple[column], output, cap)
            print(f"{name:28} vi->{language}: target/source tokens at most {max(ratios):.2f}")


def test_no_human_text_repeats_an_ngram_as_long_as_a_familys_no_repeat_size(tiny) -> None:  # type: ignore[no-untyped-def]
    smallest = min(f.no_repeat_ngram_size for f in families.families() if f.no_repeat_ngram_size > 0)
    longest = 0
    for name, (source_pieces, target_pieces) in tokenizers(tiny).items():
        pieces = [list(target_pieces(t)) for triple in human_translations() for t in triple[1:]]
        for line in prose_lines():  # cut as the model gets them
            split = split_for_model(line, lambda t: len(source_pieces(t)) + 2, 200)  # noqa: B023
            pieces += [list(source_pieces(piece)) for piece, _sep in split]
        found = max(longest_repeated_ngram(p) for p in pieces)
        print(f"{name:28}: longest repeated n-gram of tokens in human text {found}")
        longest = max(longest, found)
    assert 0 < longest < smallest


def test_human_translations_are_not_flagged(tiny) -> None:  # type: ignore[no-untyped-def]
    for name, (source_pieces, target_pieces) in tokenizers(tiny).items():
        for triple in human_translations():
            for text in triple[1:]:
                assert runaway_flags(tuple(target_pieces(text)), None, 0, triple[0]) == (), (name, text)
        for line in prose_lines():
            assert repeated_phrase(list(source_pieces(line)), line) is None, (name, line)


def test_a_repeat_the_source_has_is_not_babble() -> None:
    tokens = ["▁S", "T", "T", "T", "T", "–", "TT"]  # the code "STTTT" as pieces
    assert repeated_phrase(tokens, "Công văn số 692/STTTT–TTBCXB") is None
    assert repeated_phrase(tokens, "Công văn số 692") is not None
    assert repeated_phrase(["▁....", "....", "....", "...."], "Họ tên") is None  # dot leaders have no letter


@pytest.mark.parametrize(("family", "target"), [("nllb", "km"), ("nllb", "en"), ("m2m100", "km"), ("marian", "en")])
def test_a_babbling_model_stops_near_its_inputs_length_and_says_why(tiny, family: str, target: str) -> None:  # type: ignore[no-untyped-def]
    folder = {"nllb": tiny.nllb_ct2, "m2m100": tiny.m2m100_ct2, "marian": tiny.marian_ct2}[family]
    engine = load_engine(folder, "opus-mt-vi-en-tiny" if family == "marian" else "tiny")
    (unguarded,) = engine.translate_batch([SHORT], "vi", target, replace(LONG_OUTPUT, guards=False))
    forced = 0 if family == "marian" else 1
    assert unguarded.cap == 256 and forced + len(unguarded.tokens) == 256  # it used to run to the end

    (guarded,) = engine.translate_batch([SHORT], "vi", target, LONG_OUTPUT)
    source_tokens = engine.count_tokens(SHORT) - (1 if family == "marian" else 0)
    cap = output_cap(source_tokens, target, 256)
    assert guarded.cap == cap < 128 and forced + len(guarded.tokens) == cap
    # the same start (the no-repeat guard may turn the babble later on), stopped sooner
    assert guarded.tokens[:16] == unguarded.tokens[:16]

    draft = translate_one(Unit(SHORT, (1,), ()), engine, "vi", target, TranslateOptions(decoding=LONG_OUTPUT))
    runaway = [f for f in draft.flags if f.startswith(RUNAWAY_FLAG)]
    assert runaway == [f"{RUNAWAY_FLAG} stopped at the length cap ({cap} tokens for a {source_tokens}-token source)"]
    saved = Translation(target, draft.text, Status.DRAFT, Origin.MT, "tiny", "", -0.1, "", draft.flags)
    assert is_weak_draft(saved)  # confident by its score, weak by its flag
    assert not is_weak_draft(replace(saved, status=Status.APPROVED))


def test_a_long_input_batched_with_a_short_one_gets_its_own_longer_cap(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.nllb_ct2, "tiny")
    longer = "An Giang là tỉnh biên giới ở Đồng bằng sông Cửu Long, có nhiều lễ hội truyền thống của đồng bào Khmer."
    short, long = engine.translate_batch([SHORT, longer], "vi", "en", LONG_OUTPUT)
    alone = engine.translate_batch([SHORT], "vi", "en", LONG_OUTPUT)[0]
    assert short.cap is not None and long.cap is not None and short.cap < long.cap
    assert short.tokens == alone.tokens  # greedy: cut at its own cap, as decoded alone


def test_babble_the_cap_does_not_reach_is_flagged_as_a_repeated_phrase(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.marian_ct2, "opus-mt-vi-en-tiny")
    draft = translate_one(Unit(SHORT, (1,), ()), engine, "vi", "en", TranslateOptions(decoding=LONG_OUTPUT))
    (repeat,) = [f for f in draft.flags if f.startswith(REPEAT_FLAG)]
    (hypothesis,) = engine.translate_batch([SHORT], "vi", "en", LONG_OUTPUT)
    found = repeated_phrase(hypothesis.tokens, SHORT)
    assert found is not None and f"«{found.text}» ×{found.count}" in repeat and found.count >= 3


@pytest.mark.parametrize(("family", "target"), [("nllb", "km"), ("m2m100", "km"), ("marian", "en")])
def test_both_backends_apply_the_repeat_guards_alike(tiny, family: str, target: str) -> None:  # type: ignore[no-untyped-def]
    """With a no-repeat size small enough to act on babble, both backends still give the same tokens."""
    hf_path, ct2_path = {
        "nllb": (tiny.nllb, tiny.nllb_ct2),
        "m2m100": (tiny.m2m100, tiny.m2m100_ct2),
        "marian": (tiny.marian, tiny.marian_ct2),
    }[family]
    name = "opus-mt-vi-en-tiny" if family == "marian" else "tiny"
    original = families.family(family)
    sentences = [SHORT, "Chỉ thị 25/CT-TTg của Thủ tướng Chính phủ được triển khai."]
    options = DecodingOptions(beam_size=1, max_output_tokens=40)
    unguarded = load_engine(ct2_path, name).translate_batch(sentences, "vi", target, replace(options, guards=False))
    families.register(replace(original, no_repeat_ngram_size=3))
    try:
        reference = load_engine(hf_path, name, backend="transformers").translate_batch(sentences, "vi", target, options)
        fast = load_engine(ct2_path, name).translate_batch(sentences, "vi", target, options)
    finally:
        families.register(original)
    assert [h.tokens for h in fast] == [h.tokens for h in reference]
    assert [h.tokens for h in fast] != [h.tokens[: len(f.tokens)] for h, f in zip(unguarded, fast, strict=True)]
    for hypothesis in fast:  # no trigram twice
        trigrams = [hypothesis.tokens[i : i + 3] for i in range(len(hypothesis.tokens) - 2)]
        assert len(trigrams) == len(set(trigrams))


def test_drafts_decoded_under_other_guards_are_not_served_from_the_cache_as_equal() -> None:
    guarded = TranslateOptions(decoding=DecodingOptions(beam_size=1))
    unguarded = TranslateOptions(decoding=DecodingOptions(beam_size=1, guards=False))
    assert guarded.cache_key() != unguarded.cache_key()
    assert guarded.for_urgent().cache_key() != unguarded.for_urgent().cache_key()


def test_the_repetition_penalty_stays_off_as_normal_sentences_reuse_tokens(tiny) -> None:  # type: ignore[no-untyped-def]
    _source, target_pieces = tokenizers(tiny)["tiny nllb (joint BPE)"]
    references = [list(target_pieces(t)) for triple in human_translations() for t in triple[1:]]
    reusing = sum(1 for pieces in references if len(set(pieces)) < len(pieces)) / len(references)
    print(f"human translations reusing a token: {reusing:.0%}")
    assert reusing > 0.5  # a penalty on reused tokens would change most normal sentences
    assert all(f.repetition_penalty == 1.0 for f in families.families())
