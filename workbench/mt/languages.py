"""How each model family names the project's languages (the tables live with the families)."""

from __future__ import annotations

from workbench.mt.families import M2M100_CODES, NLLB_CODES, family

__all__ = ["M2M100_CODES", "NLLB_CODES", "model_language_token"]


def model_language_token(family_name: str, language: str) -> str | None:
    """The token that names `language` for a model family, or None where the family has none (Marian)."""
    return family(family_name).language_token(language)
