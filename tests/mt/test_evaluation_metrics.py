"""Which metrics `models evaluate` reports per language, and that spBLEU is used only when it runs offline."""

from __future__ import annotations

from pathlib import Path

import pytest
import sentencepiece as spm
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.tokenizers import tokenizer_spm

from tests.builders.tiny_models import corpus_lines
from workbench.mt.evaluation_metrics import flores200_model_path, score

HYPOTHESES = ["ខេត្តអានយ៉ាងជាខេត្ត។", "ពិធីបុណ្យរបស់ជនជាតិខ្មែរ។"]
REFERENCES = ["ខេត្តអានយ៉ាងជាខេត្តព្រំដែន។", "ពិធីបុណ្យប្រពៃណីរបស់ជនជាតិខ្មែរ។"]


def test_english_is_chrf_plus_plus_and_13a_bleu() -> None:
    hypotheses, references = ["The province has many festivals."], ["The province has many traditional festivals."]
    scores = score(hypotheses, references, "en")
    assert (scores.chrf_name, scores.bleu_name) == ("chrF++", "BLEU")
    assert scores.chrf == pytest.approx(CHRF(word_order=2).corpus_score(hypotheses, [references]).score)
    assert scores.bleu == pytest.approx(BLEU().corpus_score(hypotheses, [references]).score)
    assert "nw:2" in scores.signature and "tok:13a" in scores.signature


def test_khmer_without_the_flores200_model_scores_characters_and_downloads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tokenizer_spm, "SACREBLEU_DIR", str(tmp_path / "sacrebleu"))
    scores = score(HYPOTHESES, REFERENCES, "km")
    assert (scores.chrf_name, scores.bleu_name) == ("chrF", "BLEU (char)") and "tok:char" in scores.signature
    assert scores.bleu == pytest.approx(BLEU(tokenize="char").corpus_score(HYPOTHESES, [REFERENCES]).score)
    assert not (tmp_path / "sacrebleu").exists()  # nothing fetched, not even a folder made


def test_khmer_with_the_flores200_model_on_disk_is_spbleu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenizer_spm, "SACREBLEU_DIR", str(tmp_path / "sacrebleu"))
    model = flores200_model_path()
    model.parent.mkdir(parents=True)
    spm.SentencePieceTrainer.train(  # a stand-in for the real file, which someone copied here
        sentence_iterator=iter(corpus_lines() * 3), model_prefix=str(tmp_path / "spm"), vocab_size=300,
        character_coverage=1.0, minloglevel=2,
    )  # fmt: skip
    (tmp_path / "spm.model").rename(model)
    scores = score(HYPOTHESES, REFERENCES, "km")
    assert scores.bleu_name == "spBLEU" and "tok:flores200" in scores.signature
    assert scores.bleu == pytest.approx(BLEU(tokenize="flores200").corpus_score(HYPOTHESES, [REFERENCES]).score)
