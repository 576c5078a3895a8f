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
from workbench.mt.speed import PAIRS, measure_engines, peak_memory_mb


@dataclass(frozen=True, slots=True)
class RandomModel:
    """A random-weight model of a real architecture, installed in a store of its own and converted to int8."""

    store: ModelStore
    #: the transformers copy, None when the architecture is built straight as CTranslate2 (MADLAD-400 3B)
    transformers: Path | None
    converted: Path
    build_seconds: float
    convert_seconds: float
    #: this process's peak resident memory once built (the build's own for the direct CTranslate2 build)
    build_peak_mb: float = 0.0


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
    installed = store.install(hf, name=architecture)
    if installed.format == "ct2":  # built straight as CTranslate2 int8: nothing to convert
        shutil.rmtree(hf, ignore_errors=True)  # the store holds its own copy: one on disk is enough
        return RandomModel(store, None, installed.path, built - started, 0.0, peak_memory_mb())
    converted = store.convert(architecture, "int8")
    return RandomModel(store, hf, converted.path, built - started, time.perf_counter() - built)


def run_mt_benchmark(architecture: str, out: Callable[[str], None], threads: int = 0, pairs: int = PAIRS) -> None:
    """Build a random-weight model of `architecture`, convert it to int8 and measure it."""
    require_convert_extra("the MT benchmark")
    work = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    try:
        model = build_int8_model(architecture, work)
        size = sum(f.stat().st_size for f in model.converted.rglob("*") if f.is_file()) / 1e6
        if model.transformers is None:
            out(
                f"{architecture}: random weights built straight as {size:.0f} MB CTranslate2 int8 (no transformers "
                "copy: in float32 it would not fit beside the others here), so no transformers reference"
            )
            out(f"  build {model.build_seconds:.1f} s, peak memory of the build {model.build_peak_mb:.0f} MB")
        else:
            hf_size = sum(f.stat().st_size for f in model.transformers.glob("*.safetensors")) / 1e6
            out(f"{architecture}: random weights, {hf_size:.0f} MB safetensors -> {size:.0f} MB CTranslate2 int8")
            out(f"  build {model.build_seconds:.1f} s, conversion {model.convert_seconds:.1f} s")
        measure_engines(model.transformers, model.converted, out, threads, pairs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
