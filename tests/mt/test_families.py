"""Each model family is one registry entry (workbench.mt.families); detection, framing and conversion ask it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.builders.tiny_models import TINY_BUILDERS
from workbench.core.errors import WorkbenchError
from workbench.mt.families import (
    FolderFacts,
    ModelFamily,
    detect_family,
    families,
    family,
    register,
    unregister,
)
from workbench.mt.model_files import ModelRefused, family_of_folder, inspect_model_folder
from workbench.mt.tokenization import SentencePieceCodec


def test_every_family_round_trips_through_the_registry() -> None:
    names = [f.name for f in families()]
    assert names == ["nllb", "m2m100", "marian", "madlad"]
    for registered in families():
        assert family(registered.name) is registered
        assert registered.tokenizer_files and all(registered.tokenizer_files)
    with pytest.raises(WorkbenchError, match="'toy' is not a supported model family"):
        family("toy")


def test_every_family_has_a_tiny_test_model_builder() -> None:
    assert set(TINY_BUILDERS) == {f.name for f in families()}


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        ("nllb", "nllb"),
        ("nllb_ct2", "nllb"),
        ("nllb_ct2_int8", "nllb"),
        ("m2m100", "m2m100"),
        ("m2m100_ct2", "m2m100"),
        ("marian", "marian"),
        ("marian_ct2", "marian"),
    ],
)
def test_a_folder_of_each_tiny_model_is_recognised_as_its_family(tiny, attribute: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    folder = getattr(tiny, attribute)
    assert family_of_folder(folder).name == expected
    assert inspect_model_folder(folder).tokenizer_files == family(expected).tokenizer_files


def test_framing_follows_the_family(tiny) -> None:  # type: ignore[no-untyped-def]
    nllb = SentencePieceCodec(tiny.nllb, "nllb")
    assert nllb.source_tokens("Núi Cấm", "vi", "km")[0] == "vie_Latn" and nllb.target_prefix("km") == ["khm_Khmr"]
    m2m100 = SentencePieceCodec(tiny.m2m100, "m2m100")
    assert m2m100.source_tokens("Núi Cấm", "vi", "en")[0] == "__vi__" and m2m100.target_prefix("en") == ["__en__"]
    marian = SentencePieceCodec(tiny.marian, "marian")
    tokens = marian.source_tokens("Núi Cấm", "vi", "en")
    assert tokens[-1] == "</s>" and tokens[:-1] == marian.pieces("Núi Cấm") and marian.target_prefix("en") is None
    assert family("marian").direction_of("opus-mt-en-km") == "en-km"
    assert family("marian").direction_of("some-model") == "vi-en"
    assert family("nllb").direction_of("opus-mt-en-km") is None
    with pytest.raises(WorkbenchError, match="nllb models have no code for the language 'fr'"):
        family("nllb").language_token("fr")


def test_a_converted_vocabulary_decides_between_families_that_share_an_architecture() -> None:
    files = ("config.json", "model.bin", "shared_vocabulary.json", "sentencepiece.bpe.model")
    assert detect_family(FolderFacts(files, vocabulary=("a", "vie_Latn"))).name == "nllb"
    assert detect_family(FolderFacts(files, vocabulary=("a", "__vi__"))).name == "m2m100"
    assert detect_family(FolderFacts((*files, "vocab.json"))).name == "m2m100"
    assert detect_family(FolderFacts(files)).name == "nllb"  # nothing says: the fallback, as before
    assert detect_family(FolderFacts(files, model_type="m2m_100", tokenizer_class="M2M100Tokenizer")).name == "m2m100"


def test_an_unknown_architecture_is_refused_as_before(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = shutil.copytree(tiny.marian, tmp_path / "bert")
    (folder / "config.json").write_text(json.dumps({"model_type": "bert"}), encoding="utf-8")
    with pytest.raises(ModelRefused, match=r"the architecture 'bert' is not supported \(known: m2m_100, marian, t5\)"):
        inspect_model_folder(folder)


@pytest.fixture
def toy_family() -> Iterator[ModelFamily]:
    """A family of a made-up architecture registered by the test alone: nothing else in workbench.mt is edited."""
    added = register(
        ModelFamily(
            "toy",
            model_types=("toy5",),
            source_spm="toy.model",
            target_spm="toy.model",
            language_tokens={"vi": "<2vi>", "en": "<2en>", "km": "<2km>"},
        )
    )
    try:
        yield added
    finally:
        unregister("toy")


def _toy_folder(tiny, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    folder.mkdir()
    shutil.copy(tiny.marian / "model.safetensors", folder / "model.safetensors")
    shutil.copy(tiny.nllb / "sentencepiece.bpe.model", folder / "toy.model")
    (folder / "config.json").write_text(json.dumps({"model_type": "toy5"}), encoding="utf-8")
    return folder


def test_a_family_registered_here_is_picked_up_by_detection(tiny, tmp_path: Path, toy_family: ModelFamily) -> None:  # type: ignore[no-untyped-def]
    folder = _toy_folder(tiny, tmp_path / "toy-tiny")
    described = inspect_model_folder(folder)
    assert (described.format, described.family, described.tokenizer_files) == ("transformers", "toy", ("toy.model",))
    assert family_of_folder(folder) is toy_family
    codec = SentencePieceCodec(folder, "toy")
    assert codec.source_tokens("Núi Cấm", "vi", "km")[0] == "<2vi>" and codec.target_prefix("km") == ["<2km>"]


def test_a_family_registered_here_installs_and_keeps_its_own_rules(
    tiny, tmp_path: Path, toy_family: ModelFamily
) -> None:  # type: ignore[no-untyped-def]
    """Installing, the engines' direction check and conversion ask the entry: nothing else knows of it."""
    from workbench.mt.engine import check_direction
    from workbench.mt.model_store import ModelStore

    installed = ModelStore(tmp_path / "models").install(_toy_folder(tiny, tmp_path / "toy-tiny"))
    assert (installed.name, installed.family, installed.format) == ("toy-tiny", "toy", "transformers")
    assert (installed.path / "toy.model").is_file()
    check_direction("toy", installed.name, installed.path, "vi", "km")  # any pair: the entry has no fixed one
    with toy_family.converting():  # no conversion patch in its entry: nothing to hold
        pass
    one_way = register(replace(toy_family, fixed_directions=("vi-en",)))
    with pytest.raises(WorkbenchError, match="toy-tiny translates vi-en only, not vi-km"):
        check_direction(one_way.name, installed.name, installed.path, "vi", "km")


def test_without_its_registry_entry_the_same_folder_is_refused(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _toy_folder(tiny, tmp_path / "toy-tiny")
    with pytest.raises(ModelRefused, match="the architecture 'toy5' is not supported"):
        inspect_model_folder(folder)


def test_no_module_outside_the_registry_names_a_family() -> None:
    """`if family == "marian"` anywhere but families.py (and the random-weight builders keyed by family)
    would be knowledge of a family outside its entry."""
    import ast

    package = Path(__file__).resolve().parents[2] / "workbench"
    allowed = {package / "mt" / "families.py", package / "mt" / "random_models.py"}
    names = {f.name for f in families()}
    found = [
        f"{path.relative_to(package)}:{node.lineno} {node.value!r}"
        for path in sorted(package.rglob("*.py"))
        if path not in allowed
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in names
    ]
    assert found == []
