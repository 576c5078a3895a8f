"""A model already installed that no longer loads (its sentencepiece file lost) is named with the file, and the
message does not claim that "nothing was installed": it was, and translate or evaluate is what refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.mt.model_files import ModelRefused, inspect_model_folder
from workbench.mt.model_store import ModelStore


def test_an_installed_model_that_lost_its_tokenizer_is_named_without_talk_of_installing(
    tiny,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    model = ModelStore(tmp_path / "models").install(tiny.nllb_ct2_int8, name="tiny-nllb")
    (lost,) = [p for p in model.path.iterdir() if p.suffix in (".model", ".spm")]
    lost.unlink()
    with pytest.raises(ModelRefused) as refused:
        inspect_model_folder(model.path)
    message = str(refused.value)
    assert str(model.path) in message and lost.name in message and "missing" in message, message
    assert "nothing was installed" not in message, message
