"""The pool loads a model once and lends it out: by the settings' choice for a language, or by name for a
job that keeps the model it planned with whatever the settings say by now."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.settings import Settings
from workbench.mt.model_choice import EnginePool, choose
from workbench.mt.model_store import ModelStore


@pytest.fixture
def pool(tmp_path: Path, tiny) -> EnginePool:  # type: ignore[no-untyped-def]
    store = ModelStore(tmp_path / "models")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb-other")
    return EnginePool(store, Settings(mt_models={"km": "tiny-nllb"}))


def test_a_model_asked_for_by_name_is_loaded_once_whatever_the_settings_choose(pool: EnginePool) -> None:
    planned = pool.for_model(choose(pool.store, pool.settings, "km", "vi"))
    assert planned.model.name == "tiny-nllb" and planned.engine.model_name == "tiny-nllb"
    pool.settings = replace(pool.settings, mt_models={"km": "tiny-nllb-other"})
    assert pool.for_model("tiny-nllb") is planned  # the job's model, reused, not the new choice
    assert (
        pool.for_model(choose(pool.store, pool.settings, "km", "vi")).model.name == "tiny-nllb-other"
    )  # the next job's
    assert pool.for_model("tiny-nllb-other") is pool.for_model(choose(pool.store, pool.settings, "km", "vi"))


def test_a_model_that_is_not_installed_is_refused_by_name(pool: EnginePool) -> None:
    with pytest.raises(WorkbenchError, match="no installed model is called 'gone'"):
        pool.for_model("gone")


def test_without_the_khmer_default_installed_a_freely_licensed_fallback_drafts(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    """MADLAD-400 is the Khmer default; an office that installed only m2m100_418M still gets Khmer drafts from it,
    never silently from a model under a licence it did not choose."""
    from workbench.mt.model_choice import choose

    store = ModelStore(tmp_path / "models")
    assert store.catalogue.default_for("vi", "km") == "madlad400-3b-mt"
    store.install(tiny.nllb_ct2_int8, name="nllb-200-distilled-600M")
    with pytest.raises(WorkbenchError, match="madlad400-3b-mt is not installed"):
        choose(store, Settings(), "km", "vi")
    store.install(tiny.m2m100_ct2, name="m2m100_418M")
    assert choose(store, Settings(), "km", "vi") == "m2m100_418M"
    assert choose(store, Settings(mt_models={"km": "nllb-200-distilled-600M"}), "km", "vi") == "nllb-200-distilled-600M"
