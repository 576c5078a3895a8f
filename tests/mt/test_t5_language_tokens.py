"""A T5 model that is not MADLAD-400 (t5-small, flan-t5: no <2km> pieces) is refused by name at install,
instead of installing and then reading "<2km>" as plain text and writing whatever it likes."""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.builders.tiny_models as tiny_models
from tests.builders.tiny_models import build_tiny_madlad
from workbench.mt.families import family
from workbench.mt.model_files import ModelRefused
from workbench.mt.model_store import ModelStore


@pytest.fixture(scope="module")
def plain_t5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny T5 laid out as MADLAD is, whose sentencepiece model has no <2xx> language pieces."""
    folder = tmp_path_factory.mktemp("plain-t5") / "t5-small-like"
    patch = pytest.MonkeyPatch()
    patch.setattr(tiny_models, "MADLAD_LANGUAGE_PIECES", ["<extra_id_0>"])
    try:
        return build_tiny_madlad(folder)
    finally:
        patch.undo()


def test_a_t5_without_madlads_language_tokens_is_refused_naming_the_folder_and_the_tokens(
    plain_t5: Path, tmp_path: Path
) -> None:
    store = ModelStore(tmp_path / "models")
    with pytest.raises(ModelRefused) as refused:
        store.install(plain_t5)
    message = str(refused.value)
    assert str(plain_t5) in message and "spiece.model" in message and "<2km>" in message, message
    assert store.installed() == []


def test_its_ctranslate2_conversion_is_refused_too(plain_t5: Path, tmp_path: Path) -> None:
    from ctranslate2.converters import TransformersConverter

    converted = tmp_path / "t5-small-like-ct2"
    with family("madlad").converting():  # as convert_to_ct2 would, had the folder not been refused
        TransformersConverter(str(plain_t5), copy_files=["spiece.model"]).convert(str(converted))
    store = ModelStore(tmp_path / "models")
    with pytest.raises(ModelRefused, match="<2km>"):
        store.install(converted)
    assert store.installed() == []


def test_a_madlad_folder_still_installs(tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "models")
    model = store.install(build_tiny_madlad(tmp_path / "madlad-tiny"))
    assert model.family == "madlad"
