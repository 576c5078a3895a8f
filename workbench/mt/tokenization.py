"""Text to model tokens and back with sentencepiece alone, identical for both backends.

A family that names languages (NLLB, M2M100) frames the pieces as [source language token, *pieces, "</s>"]
and forces the target language as the first output token; one that names the target in the source
(MADLAD-400) frames them as ["▁", target language token, *pieces, "</s>"] and forces nothing, which is what
sentencepiece and its own tokenizer make of "<2km> text"; one that names none (Marian) frames them as
[*pieces, "</s>"]. The
family (workbench.mt.families) says which, and which sentencepiece files to use.
No Moses punctuation normalisation is done (MarianTokenizer does it only when sacremoses is
installed): both backends see exactly the same tokens.
"""

from __future__ import annotations

from pathlib import Path

import regex
import sentencepiece

from workbench.core.language.language_rules import clean_text
from workbench.mt.families import family as family_named

_SPECIAL = regex.compile(r"^(?:<[^>]+>|[a-z]{3}_[A-Z][a-z]{3}|__[a-z]{2,3}__)$")


class SentencePieceCodec:
    def __init__(self, folder: Path, family: str) -> None:
        self.family = family
        self._family = family_named(family)
        self._source = sentencepiece.SentencePieceProcessor(model_file=str(folder / self._family.source_spm))
        if self._family.target_spm == self._family.source_spm:
            self._target = self._source
        else:
            self._target = sentencepiece.SentencePieceProcessor(model_file=str(folder / self._family.target_spm))

    def pieces(self, text: str) -> list[str]:
        # clean_text also drops U+200B, which str.strip() keeps and which makes backends disagree.
        ids = self._source.encode(clean_text(text), out_type=int)
        unknown = self._source.unk_id()
        return ["<unk>" if i == unknown else self._source.id_to_piece(i) for i in ids]

    def source_tokens(self, text: str, source_language: str, target_language: str) -> list[str]:
        pieces = self.pieces(text)
        if self._family.target_token_in_source:
            # Written into the text ("<2km> Xin chào") as MADLAD was trained: sentencepiece gives ["▁", "<2km>"]
            # for the token (its word-start mark, then the token kept whole) and the text's own pieces after it.
            language = self._family.language_token(target_language)
            return [*self.pieces(language or ""), *pieces, "</s>"]
        language = self._family.language_token(source_language)
        return [language, *pieces, "</s>"] if language else [*pieces, "</s>"]

    def target_prefix(self, target_language: str) -> list[str] | None:
        language = self._family.forced_target_token(target_language)
        return [language] if language else None

    def detokenize(self, tokens: list[str]) -> str:
        pieces = [t for t in tokens if not _SPECIAL.match(t)]
        return str(self._target.decode_pieces(pieces)).strip()
