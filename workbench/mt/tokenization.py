"""Text to model tokens and back with sentencepiece alone, identical for both backends.

NLLB and M2M100 frame the pieces as [source language token, *pieces, "</s>"] and force the target
language as the first output token; Marian frames them as [*pieces, "</s>"] and has one direction.
No Moses punctuation normalisation is done (MarianTokenizer does it only when sacremoses is
installed): both backends see exactly the same tokens.
"""

from __future__ import annotations

from pathlib import Path

import regex
import sentencepiece

from workbench.core.language_rules import clean_text
from workbench.mt.languages import model_language_token

_SPECIAL = regex.compile(r"^(?:<[^>]+>|[a-z]{3}_[A-Z][a-z]{3}|__[a-z]{2,3}__)$")


class SentencePieceCodec:
    def __init__(self, folder: Path, family: str) -> None:
        self.family = family
        if family == "marian":
            self._source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
            self._target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        else:
            self._source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.bpe.model"))
            self._target = self._source

    def pieces(self, text: str) -> list[str]:
        # clean_text also drops U+200B, which str.strip() keeps and which makes backends disagree.
        ids = self._source.encode(clean_text(text), out_type=int)
        unknown = self._source.unk_id()
        return ["<unk>" if i == unknown else self._source.id_to_piece(i) for i in ids]

    def source_tokens(self, text: str, source_language: str) -> list[str]:
        pieces = self.pieces(text)
        language = model_language_token(self.family, source_language)
        return [language, *pieces, "</s>"] if language else [*pieces, "</s>"]

    def target_prefix(self, target_language: str) -> list[str] | None:
        language = model_language_token(self.family, target_language)
        return [language] if language else None

    def detokenize(self, tokens: list[str]) -> str:
        pieces = [t for t in tokens if not _SPECIAL.match(t)]
        return str(self._target.decode_pieces(pieces)).strip()
