"""A model archive whose folder is refused names the archive the user gave, never the hidden work folder
(models/.unpack-xxxx) it was unpacked into and which is gone once the command ends."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest

from workbench.mt.model_files import ModelRefused
from workbench.mt.model_store import ModelStore


def test_a_refused_archive_is_named_as_given(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "nllb-copy"
    shutil.copytree(tiny.nllb_ct2_int8, folder)
    for tokenizer in folder.glob("*.model"):
        tokenizer.unlink()  # copied without its tokenizer
    archive = tmp_path / "nllb-copy.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname="nllb-copy")
    store = ModelStore(tmp_path / "models")
    with pytest.raises(ModelRefused) as refused:
        store.install(archive)
    message = str(refused.value)
    assert str(archive) in message and "missing" in message, message
    assert ".unpack-" not in message, message
    assert store.installed() == []
