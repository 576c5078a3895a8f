"""Both backends run the same model to the same tokens; the target language is forced; scores are kept."""

from __future__ import annotations

import pytest

from workbench.core.errors import WorkbenchError
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.tokenization import SentencePieceCodec

SENTENCES = [
    "An Giang là tỉnh biên giới ở Đồng bằng sông Cửu Long.",
    "Chỉ thị 25/CT-TTg của Thủ tướng Chính phủ được triển khai.",
    "\u200bNúi Cấm\u200b",
    "Năm 2023 tỉnh đón 9.889 lượt khách quốc tế, tăng 2,5%.",
]
GREEDY = DecodingOptions(beam_size=1, max_output_tokens=24)


def test_our_tokens_are_the_official_nllb_tokenizers(tiny) -> None:  # type: ignore[no-untyped-def]
    from transformers import AutoTokenizer

    official = AutoTokenizer.from_pretrained(str(tiny.nllb), src_lang="vie_Latn")
    codec = SentencePieceCodec(tiny.nllb, "nllb")
    for sentence in SENTENCES:
        expected = official.convert_ids_to_tokens(official(sentence.replace("\u200b", "").strip()).input_ids)
        assert codec.source_tokens(sentence, "vi", "km") == expected


@pytest.mark.parametrize(("family", "target"), [("nllb", "km"), ("nllb", "en"), ("m2m100", "km"), ("marian", "en")])
def test_greedy_tokens_are_identical_across_backends(tiny, family: str, target: str) -> None:  # type: ignore[no-untyped-def]
    hf_path, ct2_path = {
        "nllb": (tiny.nllb, tiny.nllb_ct2),
        "m2m100": (tiny.m2m100, tiny.m2m100_ct2),
        "marian": (tiny.marian, tiny.marian_ct2),
    }[family]
    reference = load_engine(hf_path, "tiny", backend="transformers")
    fast = load_engine(ct2_path, "tiny")
    expected = reference.translate_batch(SENTENCES, "vi", target, GREEDY)
    got = fast.translate_batch(SENTENCES, "vi", target, GREEDY)
    assert [h.tokens for h in got] == [h.tokens for h in expected]
    assert all(len(h.tokens) > 0 for h in got)
    for a, b in zip(got, expected, strict=True):
        assert a.score < 0 and a.score == pytest.approx(b.score, abs=0.05)


def test_the_target_language_is_forced(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.nllb_ct2, "tiny")
    source = engine.codec.source_tokens(SENTENCES[0], "vi", "km")
    assert source[0] == "vie_Latn" and source[-1] == "</s>"
    for code in ("khm_Khmr", "eng_Latn"):
        raw = engine.translator.translate_batch([source], target_prefix=[[code]], beam_size=1, max_decoding_length=8)
        assert raw[0].hypotheses[0][0] == code
    km = engine.translate_batch(SENTENCES[:1], "vi", "km", GREEDY)[0]
    en = engine.translate_batch(SENTENCES[:1], "vi", "en", GREEDY)[0]
    assert "khm_Khmr" not in km.tokens and km.tokens != en.tokens


def test_m2m100_language_tokens_survive_conversion(tiny) -> None:  # type: ignore[no-untyped-def]
    from transformers import AutoTokenizer

    official = AutoTokenizer.from_pretrained(str(tiny.m2m100), src_lang="vi")
    engine = load_engine(tiny.m2m100_ct2, "tiny-m2m100")
    assert engine.family == "m2m100"
    source = engine.codec.source_tokens(SENTENCES[0], "vi", "km")
    assert source == official.convert_ids_to_tokens(official(SENTENCES[0]).input_ids)
    raw = engine.translator.translate_batch([source], target_prefix=[["__km__"]], beam_size=1, max_decoding_length=4)
    assert raw[0].hypotheses[0][0] == "__km__"
    vocabulary = (tiny.m2m100_ct2 / "shared_vocabulary.json").read_text(encoding="utf-8")
    assert '"__vi__"' in vocabulary and '"__km__"' in vocabulary


def test_int8_model_runs_and_beam_search_works(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.nllb_ct2_int8, "tiny-int8")
    hypotheses = engine.translate_batch(SENTENCES, "vi", "km", DecodingOptions(beam_size=4, max_output_tokens=16))
    assert len(hypotheses) == len(SENTENCES)
    assert all(h.score < 0 and 0 < len(h.tokens) <= 15 for h in hypotheses)


def test_a_marian_model_has_one_direction(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.marian_ct2, "opus-mt-vi-en-tiny")
    with pytest.raises(WorkbenchError, match="translates vi-en only"):
        engine.translate_batch(SENTENCES[:1], "vi", "km", GREEDY)
