"""Models are installed offline from folders or archives, checked first, and never half-installed."""

from __future__ import annotations

import shutil
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.model_files import ModelRefused
from workbench.mt.model_store import ModelStore


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "models")


def test_install_convert_and_run_without_torch_paths(store: ModelStore, tiny) -> None:  # type: ignore[no-untyped-def]
    model = store.install(tiny.nllb, name="tiny-nllb")
    assert (model.format, model.family) == ("transformers", "nllb")
    assert store.runnable("tiny-nllb").format == "transformers"
    converted = store.convert("tiny-nllb", "int8")
    assert converted.name == "tiny-nllb-ct2-int8" and converted.format == "ct2" and converted.quantization == "int8"
    assert (converted.path / "sentencepiece.bpe.model").exists()
    assert store.runnable("tiny-nllb").name == "tiny-nllb-ct2-int8"
    engine = load_engine(converted.path, converted.name)
    (hypothesis,) = engine.translate_batch(["Núi Cấm"], "vi", "km", DecodingOptions(beam_size=1, max_output_tokens=8))
    assert hypothesis.tokens
    assert sorted(m.name for m in store.installed()) == ["tiny-nllb", "tiny-nllb-ct2-int8"]


def test_catalogue_models_show_their_licence(store: ModelStore, tiny) -> None:  # type: ignore[no-untyped-def]
    installed = store.install(tiny.marian_ct2, name="opus-mt-vi-en")
    assert installed.licence == "Apache-2.0" and installed.family == "marian"
    nllb = store.catalogue.get("nllb-200-distilled-600M")
    assert nllb is not None and nllb.licence == "CC-BY-NC-4.0" and nllb.scores.headline("vi-en").value == 57.23
    assert store.catalogue.default_for("vi", "en") == "opus-mt-vi-en"


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_install_from_an_archive(store: ModelStore, tiny, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / f"opus-mt-vi-en-tiny.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(archive, "w") as zipped:
            for file in tiny.marian_ct2.iterdir():
                zipped.write(file, f"opus-mt-vi-en-tiny/{file.name}")
    else:
        with tarfile.open(archive, "w:gz") as tarred:
            tarred.add(tiny.marian_ct2, arcname="opus-mt-vi-en-tiny")
    model = store.install(archive)
    assert model.name == "opus-mt-vi-en-tiny" and model.format == "ct2"


@pytest.mark.parametrize("weights", ["pytorch_model.bin", "model.pt", "weights.pkl"])
def test_pickled_weights_are_refused_and_never_loaded(store: ModelStore, tiny, tmp_path: Path, weights: str) -> None:  # type: ignore[no-untyped-def]
    import torch

    folder = tmp_path / "suspicious"
    shutil.copytree(tiny.nllb, folder)
    torch.save({"weight": torch.zeros(2)}, folder / weights)
    with pytest.raises(ModelRefused, match=r"pickle can run any code") as info:
        store.install(folder)
    assert weights in str(info.value)
    assert store.installed() == []
    assert not any(p.name.startswith(".") for p in store.root.iterdir())


def test_folders_that_are_not_models_are_refused(store: ModelStore, tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    no_tokenizer = tmp_path / "no-tokenizer"
    shutil.copytree(tiny.nllb, no_tokenizer)
    (no_tokenizer / "sentencepiece.bpe.model").unlink()
    with pytest.raises(ModelRefused, match=r"sentencepiece\.bpe\.model are missing"):
        store.install(no_tokenizer)
    other = tmp_path / "bert"
    shutil.copytree(tiny.nllb, other)
    (other / "config.json").write_text('{"model_type": "bert"}')
    with pytest.raises(ModelRefused, match="architecture 'bert' is not supported"):
        store.install(other)
    with pytest.raises(ModelRefused, match=r"no config\.json"):
        store.install(tmp_path)
    assert store.installed() == []


def test_a_failed_copy_leaves_nothing_installed(store: ModelStore, tiny, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    copied: list[object] = []

    def failing_copy(src, dst, length=0) -> None:  # type: ignore[no-untyped-def]
        copied.append(src)
        if len(copied) == 3:  # the disk fills up in the middle of the model
            raise OSError(28, "No space left on device")
        dst.write(src.read())

    monkeypatch.setattr(shutil, "copyfileobj", failing_copy)
    with pytest.raises(WorkbenchError, match=r"No space left on device.*nothing was installed"):
        store.install(tiny.nllb, name="tiny")
    assert store.installed() == []
    assert list(store.root.iterdir()) == []  # no half-copied hidden folder either
    with pytest.raises(WorkbenchError, match="no installed model is called 'tiny'"):
        store.get("tiny")


def test_download_offline_fails_at_once_pointing_to_install(store: ModelStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import socket

    def offline(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("Network is unreachable")

    monkeypatch.setattr(socket, "create_connection", offline)  # an office PC without internet
    started = time.monotonic()
    with pytest.raises(WorkbenchError, match="models install PATH"):
        store.download("opus-mt-vi-en")
    assert time.monotonic() - started < 10
    assert store.installed() == []
