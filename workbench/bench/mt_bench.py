"""`python main.py bench mt`: decoding speed and memory of the real architectures, on random weights.

A random-weight model of the exact architecture (workbench.mt.random_models) measures what the real one
would do: decoding speed does not depend on the weights' values. The measuring is mt/speed.py's.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from workbench.mt.random_models import build_random_model
from workbench.mt.speed import PAIRS, measure_engines


def run_mt_benchmark(architecture: str, out: Callable[[str], None], threads: int = 0, pairs: int = PAIRS) -> None:
    """Build a random-weight model of `architecture`, convert it to int8 and measure it."""
    from workbench.mt.model_store import MissingExtra, ModelStore, convert_needs

    if needs := convert_needs():
        raise MissingExtra(f"the MT benchmark builds its random-weight models with transformers: {needs}")
    work = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    try:
        started = time.perf_counter()
        hf = build_random_model(architecture, work / architecture)
        built = time.perf_counter()
        store = ModelStore(work / "models")
        store.install(hf, name=architecture)
        converted = store.convert(architecture, "int8")
        done = time.perf_counter()
        hf_size = sum(f.stat().st_size for f in hf.glob("*.safetensors")) / 1e6
        size = sum(f.stat().st_size for f in converted.path.rglob("*") if f.is_file()) / 1e6
        out(f"{architecture}: random weights, {hf_size:.0f} MB safetensors -> {size:.0f} MB CTranslate2 int8")
        out(f"  build {built - started:.1f} s, conversion {done - built:.1f} s")
        measure_engines(hf, converted.path, out, threads, pairs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
