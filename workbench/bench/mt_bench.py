"""`python main.py bench mt`: decoding speed and memory of the real architectures, on random weights.

A random-weight model of the exact architecture (workbench.mt.random_models) measures what the real one
would do: decoding speed does not depend on the weights' values. The measuring is mt/speed.py's.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.mt.model_store import MissingExtra, ModelStore, convert_needs
from workbench.mt.random_models import build_random_model
from workbench.mt.speed import PAIRS, measure_engines


@dataclass(frozen=True, slots=True)
class RandomModel:
    """A random-weight model of a real architecture, installed in a store of its own and converted to int8."""

    store: ModelStore
    transformers: Path
    converted: Path
    build_seconds: float
    convert_seconds: float


def require_convert_extra(benchmark: str) -> None:
    """The random-weight models are built with transformers: say which extra is missing, before any work."""
    if needs := convert_needs():
        raise MissingExtra(f"{benchmark} builds its random-weight models with transformers: {needs}")


def build_int8_model(architecture: str, work: Path) -> RandomModel:
    """Build `architecture` with random weights under `work`, install it in `work/models` and convert it to int8."""
    started = time.perf_counter()
    hf = build_random_model(architecture, work / architecture)
    built = time.perf_counter()
    store = ModelStore(work / "models")
    store.install(hf, name=architecture)
    converted = store.convert(architecture, "int8")
    return RandomModel(store, hf, converted.path, built - started, time.perf_counter() - built)


def run_mt_benchmark(architecture: str, out: Callable[[str], None], threads: int = 0, pairs: int = PAIRS) -> None:
    """Build a random-weight model of `architecture`, convert it to int8 and measure it."""
    require_convert_extra("the MT benchmark")
    work = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    try:
        model = build_int8_model(architecture, work)
        hf_size = sum(f.stat().st_size for f in model.transformers.glob("*.safetensors")) / 1e6
        size = sum(f.stat().st_size for f in model.converted.rglob("*") if f.is_file()) / 1e6
        out(f"{architecture}: random weights, {hf_size:.0f} MB safetensors -> {size:.0f} MB CTranslate2 int8")
        out(f"  build {model.build_seconds:.1f} s, conversion {model.convert_seconds:.1f} s")
        measure_engines(model.transformers, model.converted, out, threads, pairs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
