"""--backend transformers (the reference backend, for comparing with CTranslate2) runs a model's transformers
folder even when a converted copy is installed beside it, instead of handing the CTranslate2 folder to
transformers and saying the model "cannot be loaded"."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.settings import Settings
from workbench.mt.engine import DecodingOptions
from workbench.mt.engine_pool import EnginePool
from workbench.mt.model_store import ModelStore


@pytest.fixture
def store(tiny, tmp_path: Path) -> ModelStore:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.marian, name="opus-mt-vi-en-tiny")
    store.install(tiny.marian_ct2, name="opus-mt-vi-en-tiny-ct2-int8")
    return store


@pytest.mark.parametrize("named", ["opus-mt-vi-en-tiny", "opus-mt-vi-en-tiny-ct2-int8"])
def test_the_transformers_backend_runs_the_transformers_folder(store: ModelStore, named: str) -> None:
    loaded = EnginePool(store, Settings(), backend="transformers").for_model(named)
    assert (loaded.model.name, loaded.model.format) == ("opus-mt-vi-en-tiny", "transformers")
    assert loaded.engine.translate_batch(["Xin chào."], "vi", "en", DecodingOptions(beam_size=1))[0].tokens


def test_the_default_backend_still_runs_the_converted_copy(store: ModelStore) -> None:
    loaded = EnginePool(store, Settings()).for_model("opus-mt-vi-en-tiny")
    assert (loaded.model.name, loaded.model.format) == ("opus-mt-vi-en-tiny-ct2-int8", "ct2")


def test_a_converted_model_alone_is_refused_by_the_transformers_backend_by_name(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.marian_ct2, name="only-ct2")
    with pytest.raises(WorkbenchError, match=r"only-ct2 is a CTranslate2 model.*--backend ct2"):
        EnginePool(store, Settings(), backend="transformers").for_model("only-ct2")


def test_models_evaluate_with_the_transformers_backend_names_the_folder_that_ran(
    store: ModelStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.mt.test_evaluation import evaluate, flores
    from workbench.mt.evaluation_store import load_results

    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(store.root))
    source, reference = flores(tmp_path, 2, "eng_Latn")
    arguments = ("--source", str(source), "--reference", str(reference), "--to", "en", "--beam", "1")
    assert evaluate(*arguments, "--models", "opus-mt-vi-en-tiny-ct2-int8", "--backend", "transformers") == 0
    assert [r.candidate for r in load_results()] == ["opus-mt-vi-en-tiny"]


def test_a_route_on_the_transformers_backend_records_the_folders_that_ran(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from workbench.mt.pipeline import TranslateOptions
    from workbench.mt.routes import drafter_for

    store = ModelStore(tmp_path / "models")
    for folder, name in [(tiny.marian, "opus-mt-vi-en-tiny"), (tiny.marian_ct2, "opus-mt-vi-en-tiny-ct2-int8"),
                         (tiny.nllb, "tiny-nllb"), (tiny.nllb_ct2_int8, "tiny-nllb-ct2-int8")]:  # fmt: skip
        store.install(folder, name=name)
    pool = EnginePool(store, Settings(), backend="transformers")
    drafter = drafter_for("vi-en-km:opus-mt-vi-en-tiny+tiny-nllb", pool, "vi", "km", TranslateOptions())
    assert drafter.model == "vi-en-km:opus-mt-vi-en-tiny+tiny-nllb"
