"""Shared fixtures: every test gets its own settings folder and never touches the user's."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from workbench.core.project_store import Project

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ARTICLE = SHARED / "corpus" / "an-giang-article-vi.txt"


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def article_path() -> Path:
    if not ARTICLE.exists():
        pytest.skip(f"the shared corpus is not beside the repository ({ARTICLE})")
    return ARTICLE


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Project.create(tmp_path / "test.wbp", "test", "vi", ["en", "km"]) as opened:
        yield opened
