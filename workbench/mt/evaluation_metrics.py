"""chrF and BLEU of a model's output against references, by sacrebleu, chosen per target script.

English (and any spaced script): chrF++ (character 6-grams plus word bigrams, sacrebleu word_order=2) and
BLEU with sacrebleu's default 13a tokenizer, as FLORES-200 results for English are usually given.
Khmer (and other scripts written without spaces between words): chrF with word_order 0, since Khmer
"words" between spaces are phrases, and BLEU on a tokenization that makes sense without spaces: spBLEU
(sacrebleu's "flores200" sentencepiece tokenizer, the one the NLLB paper used) when its model file is
already on this machine, else sacrebleu's "char" tokenizer (BLEU over characters; Khmer has no spaces
to split words at, and characters are what chrF counts too). sacrebleu would download the flores200
model (tinyurl.com/flores200sacrebleuspm) on first use; the workbench never downloads on its own, so
it uses the file only if someone copied it to sacrebleu's folder (~/.sacrebleu/models/
flores200sacrebleuspm, or $SACREBLEU/models/) and otherwise says "tok:char" in the signature. The signature of each metric is
kept with every result so figures measured differently are never compared unawares.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.language.language_rules import UNSPACED, chrf_word_order


@dataclass(frozen=True, slots=True)
class Scores:
    chrf: float
    #: "chrF++" or "chrF"
    chrf_name: str
    bleu: float
    #: "BLEU" or "spBLEU" (flores200 tokenizer) or "BLEU (char)"
    bleu_name: str
    #: sacrebleu's signatures, "chrF: nrefs:1|...; BLEU: nrefs:1|...|tok:char|..."
    signature: str


def flores200_model_path() -> Path:
    """Where sacrebleu's flores200 tokenizer looks for its sentencepiece model (it downloads it there if absent)."""
    from sacrebleu.tokenizers import tokenizer_spm

    url = tokenizer_spm.SPM_MODELS["flores200"]["url"]
    return Path(tokenizer_spm.SACREBLEU_DIR) / "models" / os.path.basename(url)


def flores200_tokenizer_here() -> bool:
    """Whether spBLEU can run offline: sacrebleu's flores200 sentencepiece model is already on disk."""
    return flores200_model_path().is_file()


def metric_settings(target: str) -> tuple[int, str]:
    """(chrF word order, BLEU tokenizer) for a target language."""
    if target in UNSPACED:
        return chrf_word_order(target), "flores200" if flores200_tokenizer_here() else "char"
    return chrf_word_order(target), "13a"


def score(hypotheses: Sequence[str], references: Sequence[str], target: str) -> Scores:
    """Corpus chrF and BLEU of `hypotheses` against one reference each."""
    from sacrebleu.metrics import BLEU, CHRF

    if len(hypotheses) != len(references) or not references:
        raise WorkbenchError(f"cannot score {len(hypotheses)} outputs against {len(references)} references")
    word_order, tokenizer = metric_settings(target)
    chrf = CHRF(word_order=word_order)
    bleu = BLEU(tokenize=tokenizer)
    refs = [list(references)]
    chrf_value = chrf.corpus_score(list(hypotheses), refs).score
    bleu_value = bleu.corpus_score(list(hypotheses), refs).score
    bleu_name = {"flores200": "spBLEU", "char": "BLEU (char)"}.get(tokenizer, "BLEU")
    return Scores(
        chrf=chrf_value,
        chrf_name="chrF++" if word_order else "chrF",
        bleu=bleu_value,
        bleu_name=bleu_name,
        signature=f"chrF: {chrf.get_signature()}; BLEU: {bleu.get_signature()}",
    )
