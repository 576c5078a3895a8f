"""Shared fixtures: every test gets its own settings folder and never touches the user's; tiny real MT
models are built once per session, when a test first asks for them (see tests/builders/tiny_models.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.builders.tiny_models import build_tiny_m2m100, build_tiny_marian, build_tiny_nllb, convert_to_ct2
from workbench.context import AppContext
from workbench.core.store.project_store import Project

REPO = Path(__file__).resolve().parents[1]
#: A provincial web page's article as an office copies it (banner, repeated title, caption, byline, contact
#: block, copyright, CSS), written for these tests: a fresh clone has everything the tests read.
ARTICLE = REPO / "tests" / "data" / "soc-trang-article-vi.txt"
ARTICLE_REFERENCE = REPO / "tests" / "data" / "soc-trang-article-reference.txt"


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(folder))
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(folder / "data"))  # the shared translation memory
    return folder


@pytest.fixture
def app_context(private_settings: Path) -> AppContext:
    """What `workbench.app` hands a front end, built on this test's own settings folder."""
    return AppContext.load()


@pytest.fixture
def article_path() -> Path:
    return ARTICLE


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Project.create(tmp_path / "test.wbp", "test", "vi", ["en", "km"]) as opened:
        yield opened


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
