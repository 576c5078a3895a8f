"""Tiny real models, built once per test session (a few seconds): see tests/builders/tiny_models.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.builders.tiny_models import build_tiny_m2m100, build_tiny_marian, build_tiny_nllb, convert_to_ct2


@dataclass(frozen=True)
class TinyModels:
    nllb: Path  # transformers layout, safetensors
    nllb_ct2: Path  # CTranslate2 float32 (same numbers as transformers: greedy output must match)
    nllb_ct2_int8: Path
    marian: Path
    marian_ct2: Path
    m2m100: Path
    m2m100_ct2: Path


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    root = tmp_path_factory.mktemp("tiny-models")
    nllb = build_tiny_nllb(root / "tiny-nllb")
    marian = build_tiny_marian(root / "opus-mt-vi-en-tiny")
    m2m100 = build_tiny_m2m100(root / "tiny-m2m100")
    return TinyModels(
        nllb=nllb,
        nllb_ct2=convert_to_ct2(nllb, root / "tiny-nllb-ct2"),
        nllb_ct2_int8=convert_to_ct2(nllb, root / "tiny-nllb-ct2-int8", "int8"),
        marian=marian,
        marian_ct2=convert_to_ct2(marian, root / "opus-mt-vi-en-tiny-ct2"),
        m2m100=m2m100,
        m2m100_ct2=convert_to_ct2(m2m100, root / "tiny-m2m100-ct2"),
    )
