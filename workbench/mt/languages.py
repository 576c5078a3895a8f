"""How each model family names the project's languages."""

from __future__ import annotations

from workbench.core.errors import WorkbenchError

#: Project code -> NLLB-200 (FLORES-200) code.
NLLB_CODES = {"vi": "vie_Latn", "en": "eng_Latn", "km": "khm_Khmr"}
#: Project code -> M2M100 language token.
M2M100_CODES = {"vi": "__vi__", "en": "__en__", "km": "__km__"}


def model_language_token(family: str, language: str) -> str | None:
    """The token that names `language` for a model family, or None where the family has none (Marian)."""
    table = {"nllb": NLLB_CODES, "m2m100": M2M100_CODES}.get(family)
    if table is None:
        return None
    try:
        return table[language]
    except KeyError:
        raise WorkbenchError(f"{family} models have no code for the language {language!r}") from None
