"""`python main.py bench mt`: decoding speed and memory of the real architectures, on random weights.

Decoding speed does not depend on the weights' values, so a model with the exact architecture of
nllb-200-distilled-600M or opus-mt-vi-en and random weights measures what the real one would do.
Each engine runs in its own process so its peak memory is its own. Figures are printed, never asserted.
Building the models needs the convert extra (torch, transformers).
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sentencepiece as spm

from workbench.mt.engine import DecodingOptions, TranslationEngine
from workbench.mt.families import family as model_family
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import TranslateOptions, Unit, UrgentRequests, translate_units

SEGMENTS = 32
SOURCE_TOKENS = 30
OUTPUT_TOKENS = 30

_SAMPLE = (
    "Sở Thông tin và Truyền thông An Giang vừa có công văn hướng dẫn đẩy mạnh công tác truyền thông triển khai "
    "Chỉ thị 25/CT-TTg của Thủ tướng Chính phủ về việc đẩy mạnh triển khai Chiến lược Văn hóa đối ngoại của "
    "Việt Nam giai đoạn 2022 – 2026 trên địa bàn tỉnh An Giang. Tăng cường các thông tin, tuyên truyền các giá "
    "trị văn hóa, lịch sử; quảng bá hình ảnh của An Giang bằng tiếng Việt, tiếng Anh và tiếng Khmer để quảng bá."
)


@dataclass(frozen=True, slots=True)
class Architecture:
    family: str
    vocab_size: int
    d_model: int
    layers: int
    heads: int
    ffn: int


ARCHITECTURES = {
    "nllb-200-distilled-600M": Architecture("nllb", 256206, 1024, 12, 16, 4096),
    "opus-mt-vi-en": Architecture("marian", 53739, 512, 6, 8, 2048),
    # For the tests of this benchmark: seconds, not minutes.
    "tiny": Architecture("nllb", 1024, 64, 2, 4, 128),
}


def _train_spm(folder: Path, name: str, model_type: str, vocab_size: int) -> Path:
    words = _SAMPLE.replace(".", " .").split() * 50
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(folder / name),
        vocab_size=vocab_size,
        model_type=model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=1 if model_type == "bpe" else -1,
        eos_id=2 if model_type == "bpe" else 1,
        pad_id=-1,
        minloglevel=2,
    )
    return folder / f"{name}.model"


def build_random_model(architecture: str, folder: Path) -> Path:
    """A transformers model folder with the given architecture and random weights, saved as safetensors."""
    import torch

    spec = ARCHITECTURES[architecture]
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    common: dict[str, Any] = {
        "d_model": spec.d_model,
        "encoder_layers": spec.layers,
        "decoder_layers": spec.layers,
        "encoder_attention_heads": spec.heads,
        "decoder_attention_heads": spec.heads,
        "encoder_ffn_dim": spec.ffn,
        "decoder_ffn_dim": spec.ffn,
        "scale_embedding": True,
    }
    RANDOM_MODEL_BUILDERS[spec.family](spec, folder, common)
    return folder


def _random_nllb(spec: Architecture, folder: Path, common: dict[str, Any]) -> None:
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    model_file = _train_spm(folder, "sentencepiece.bpe", "bpe", 300)
    model_file.with_suffix(".vocab").unlink(missing_ok=True)
    tokenizer = NllbTokenizer.from_pretrained(
        str(folder), extra_special_tokens=FAIRSEQ_LANGUAGE_CODES, src_lang="vie_Latn"
    )
    config = M2M100Config(
        vocab_size=max(spec.vocab_size, len(tokenizer)),
        max_position_embeddings=1024,
        activation_function="relu",
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        **common,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def _random_marian(spec: Architecture, folder: Path, common: dict[str, Any]) -> None:
    from transformers import MarianConfig, MarianMTModel

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for side in ("source", "target"):
        model_file = _train_spm(folder, side, "unigram", 300)
        model_file.rename(folder / f"{side}.spm")
        (folder / f"{side}.vocab").unlink(missing_ok=True)
        processor = spm.SentencePieceProcessor(model_file=str(folder / f"{side}.spm"))
        for i in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    while len(vocab) < spec.vocab_size - 1:
        vocab[f"<filler{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    marian = MarianConfig(
        vocab_size=len(vocab),
        max_position_embeddings=512,
        activation_function="swish",
        pad_token_id=vocab["<pad>"],
        decoder_start_token_id=vocab["<pad>"],
        eos_token_id=0,
        forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True,
        **common,
    )
    MarianMTModel(marian).save_pretrained(folder)
    (folder / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "MarianTokenizer"}), encoding="utf-8")


#: family name -> what builds a random-weight model of it (one per family that `bench mt` measures)
RANDOM_MODEL_BUILDERS: dict[str, Callable[[Architecture, Path, dict[str, Any]], None]] = {
    "nllb": _random_nllb,
    "marian": _random_marian,
}


def bench_target(engine: TranslationEngine) -> tuple[str, int]:
    """The language the benchmark translates Vietnamese into, and how many forced tokens start the output:
    the model's own direction for a one-direction family, else Khmer behind its language token."""
    direction = model_family(engine.family).fixed_directions
    target = direction[0].split("-")[1] if direction else "km"
    return target, 1 if model_family(engine.family).language_token(target) else 0


def benchmark_sources(count_tokens: Callable[[str], int]) -> list[str]:
    """32 distinct Vietnamese segments of about 30 tokens each."""
    words = _SAMPLE.split()
    sources = []
    for i in range(SEGMENTS):
        start = (i * 7) % (len(words) - 45)
        end = start + 1
        while end < len(words) and count_tokens(" ".join(words[start:end])) < SOURCE_TOKENS:
            end += 1
        sources.append(" ".join(words[start:end]))
    return sources


def peak_memory_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: the latter keeps the high-water mark of
    the (large) parent this worker was forked from."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(kind: str, folder: str, beam: int, threads: int) -> dict[str, float]:
    """Runs in a child process: one engine, one decoding mode; returns tokens/s and peak memory."""
    path = Path(folder)
    backend = "transformers" if kind == "transformers" else "ct2"
    engine = load_engine(path, path.name, backend, threads)
    target, prefix = bench_target(engine)
    sources = benchmark_sources(engine.count_tokens)
    length = OUTPUT_TOKENS + prefix
    options = DecodingOptions(beam_size=beam, max_output_tokens=length, min_output_tokens=length)
    engine.translate_batch(sources[:2], "vi", target, options)  # warm-up
    started = time.perf_counter()
    if kind == "ct2-raw":
        from workbench.mt.ct2_engine import Ct2Engine

        assert isinstance(engine, Ct2Engine)
        tokens = [engine.codec.source_tokens(s, "vi") for s in sources]
        target_prefix = engine.codec.target_prefix(target)
        started = time.perf_counter()
        engine.translator.translate_batch(
            tokens,
            target_prefix=[target_prefix] * len(tokens) if target_prefix else None,
            beam_size=beam,
            max_decoding_length=OUTPUT_TOKENS + prefix,
            min_decoding_length=OUTPUT_TOKENS + prefix,
        )
    elif kind == "pipeline":
        units = [Unit(s, (i,), ()) for i, s in enumerate(sources)]
        for _batch in translate_units(units, engine, "vi", target, TranslateOptions(decoding=options)):
            pass
    else:
        engine.translate_batch(sources, "vi", target, options)
    seconds = time.perf_counter() - started
    return {"tokens_per_second": SEGMENTS * OUTPUT_TOKENS / seconds, "seconds": seconds, "peak_mb": peak_memory_mb()}


def _urgent_latency(folder: str, threads: int) -> dict[str, float]:
    """Time to the first draft of one segment asked for while a pre-translation runs."""
    path = Path(folder)
    engine = load_engine(path, path.name, "ct2", threads)
    target, prefix = bench_target(engine)
    sources = benchmark_sources(engine.count_tokens)
    units = [Unit(f"{sources[i % SEGMENTS]} {i}", (i,), ()) for i in range(4000)]  # stopped once measured
    urgent = UrgentRequests()
    # Random weights never stop by themselves: cap outputs at the ~30 tokens a real model writes here.
    options = TranslateOptions(decoding=DecodingOptions(beam_size=4, max_output_tokens=OUTPUT_TOKENS + prefix))
    stop = threading.Event()
    batches_done = threading.Semaphore(0)

    def background() -> None:
        for _batch in translate_units(units, engine, "vi", target, options, urgent=urgent):
            batches_done.release()
            if stop.is_set():
                return

    worker = threading.Thread(target=background, daemon=True)
    worker.start()
    for _ in range(3):  # let the pre-translation settle into its batch size first
        batches_done.acquire(timeout=120)
    latencies = []
    for i in range(5):  # a translator asks now and then, at any point of a batch
        if not urgent.serving:
            break  # a small model can finish the whole run first
        asked = time.perf_counter()
        try:
            urgent.submit(Unit(sources[i], (9999 + i,), ())).result(timeout=120)
        except RuntimeError:
            break  # the run ended between the check and the request
        latencies.append(time.perf_counter() - asked)
        time.sleep(0.37)
    stop.set()
    worker.join(120)
    latencies.sort()
    if not latencies:
        return {"latency_seconds": float("nan"), "worst_seconds": float("nan")}
    return {"latency_seconds": latencies[len(latencies) // 2], "worst_seconds": latencies[-1]}


def _run_child(args: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-m", "workbench.mt.benchmark", *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark worker failed: {out.stderr[-2000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run_mt_benchmark(architecture: str, out: Callable[[str], None], threads: int = 0) -> None:
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
        measure_engines(hf, converted.path, out, threads)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_engines(hf: Path | None, ct2: Path, out: Callable[[str], None], threads: int = 0) -> None:
    """Tokens/s and peak memory of transformers fp32 (if there is a transformers copy), raw CTranslate2 and
    our whole pipeline, greedy and beam 4; then the wait for an urgent segment during a pre-translation."""
    from workbench.mt.engine import default_threads

    threads = threads or default_threads()
    out(f"  {SEGMENTS} segments x ~{SOURCE_TOKENS} tokens -> {OUTPUT_TOKENS} output tokens each, {threads} threads")
    out(f"  {'engine':26} {'mode':8} {'tok/s':>8} {'seconds':>8} {'peak MB':>8}")
    results: dict[tuple[str, int], dict[str, float]] = {}
    labels = {"transformers": "transformers fp32", "ct2-raw": "CTranslate2 (raw)", "pipeline": "our pipeline"}
    runs = [("ct2-raw", ct2), ("pipeline", ct2)]
    if hf is not None:
        runs.insert(0, ("transformers", hf))
    for kind, folder in runs:
        for beam in (1, 4):
            r = _run_child(["worker", kind, str(folder), str(beam), str(threads)])
            results[(kind, beam)] = r
            mode = "greedy" if beam == 1 else "beam 4"
            out(
                f"  {labels[kind]:26} {mode:8} {r['tokens_per_second']:>8.1f} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f}"
            )
    for beam in (1, 4):
        raw = results[("ct2-raw", beam)]["tokens_per_second"]
        ours = results[("pipeline", beam)]["tokens_per_second"]
        out(f"  our pipeline vs raw CTranslate2, {'greedy' if beam == 1 else 'beam 4'}: {100 * ours / raw:.0f}%")
    latency = _run_child(["urgent", str(ct2), str(threads)])
    out(
        f"  first draft of one segment asked for during a pre-translation: median {latency['latency_seconds']:.2f} s, "
        f"worst {latency['worst_seconds']:.2f} s (of 5)"
    )


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "worker":
        result = _worker(rest[0], rest[1], int(rest[2]), int(rest[3]))
    else:
        result = _urgent_latency(rest[0], int(rest[1]))
    print(json.dumps(result))
