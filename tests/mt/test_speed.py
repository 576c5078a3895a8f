"""`bench mt` and the Measure button compare our pipeline with raw CTranslate2 honestly: runs interleaved,
medians with their spread by wall and CPU time, a difference claimed only outside the noise, raw at the
best setting its search tried. Figures are never asserted, only how they are read and reported."""

from __future__ import annotations

import math
import re
from pathlib import Path

from workbench.core.language.language_rules import VIETNAMESE
from workbench.mt.ct2_engine import Ct2Engine
from workbench.mt.loader import load_engine
from workbench.mt.speed import measure_engines
from workbench.mt.speed_layouts import Layout, candidate_layouts, search_layouts
from workbench.mt.speed_stats import Series, Spread, ratio_line, verdict
from workbench.mt.speed_workloads import OUTPUT_TOKENS, workloads

NUMBER = r"([\d.]+)"
SPREAD = rf"{NUMBER} \({NUMBER}-{NUMBER}\)"


def test_a_difference_is_claimed_only_when_the_spreads_do_not_overlap() -> None:
    raw = Spread.of([1.00, 1.10, 1.30])
    assert verdict(Spread.of([1.20, 1.25, 1.40]), raw) == "equal within noise"
    assert verdict(Spread.of([1.40, 1.50, 1.45]), raw) == "pipeline slower"
    assert verdict(Spread.of([0.70, 0.80, 0.75]), raw) == "pipeline faster"


def test_the_ratio_is_read_by_wall_and_by_cpu_time_separately() -> None:
    # A busy machine: wall times all over the place, CPU times steady and 20 % apart.
    pipeline = Series(wall=(2.0, 1.1, 1.6), cpu=(1.20, 1.21, 1.19))
    raw = Series(wall=(1.2, 1.9, 1.5), cpu=(1.00, 1.01, 0.99))
    line = ratio_line("pipeline", pipeline, raw)
    wall, cpu = line.split("; ")
    assert "equal within noise" in wall and "wall 0.94" in wall  # 1.5 / 1.6
    assert "pipeline slower" in cpu and "cpu 0.83" in cpu  # 1.00 / 1.20
    assert "pairs 0.83-0.83" in cpu  # each pair's own ratio: raw over pipeline of the same pair


def test_the_mixed_workload_makes_the_pipeline_cut_long_segments(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.nllb_ct2_int8, "tiny", "ct2", 1)
    equal, mixed = workloads(engine)
    assert len(equal.pieces) == len(equal.sources) == 32
    over = [s for s in mixed.sources if engine.count_tokens(s) > engine.max_input_tokens]
    assert len(over) >= 2
    assert len(mixed.pieces) >= len(mixed.sources) + len(over)  # each long one became two pieces or more
    assert max(mixed.piece_tokens) <= engine.max_input_tokens
    assert min(mixed.piece_tokens) < max(mixed.piece_tokens) // 4  # mixed lengths: sorting and batching matter
    assert mixed.output_tokens == len(mixed.pieces) * OUTPUT_TOKENS


def test_the_best_raw_setting_is_one_the_search_tried(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = load_engine(tiny.nllb_ct2_int8, "tiny", "ct2", 2)
    assert isinstance(engine, Ct2Engine)
    inputs = {w.name: [engine.codec.source_tokens(p, VIETNAMESE, "km") for p in w.pieces] for w in workloads(engine)}
    candidates = candidate_layouts(2)
    assert {(c.inter_threads, c.intra_threads) for c in candidates} >= {(1, 2), (2, 1)}
    assert any(c.max_batch_tokens for c in candidates) and any(not c.max_batch_tokens for c in candidates)
    lines: list[str] = []
    best, tried = search_layouts(
        tiny.nllb_ct2_int8, candidates, inputs, engine.codec.target_prefix("km"), 8, lines.append
    )
    assert set(best) == {"equal", "mixed"}
    assert {(t.workload, t.layout) for t in tried} == {(name, c) for name in inputs for c in candidates}
    for name, layout in best.items():
        assert layout in candidates
        fastest = min(t.wall for t in tried if t.workload == name)
        assert next(t for t in tried if t.workload == name and t.layout == layout).wall == fastest
    assert len(lines) == len(tried) and all("wall" in line and "cpu" in line for line in lines)


def _report(tiny, pairs: int) -> str:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    measure_engines(tiny.nllb, tiny.nllb_ct2_int8, lines.append, threads=2, pairs=pairs)
    return "\n".join(lines)


def _block(out: str, header: str) -> str:
    """The indented lines under `header`."""
    lines = out.splitlines()
    at = lines.index(header)
    block = []
    for line in lines[at + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line)
    return "\n".join(block)


def test_the_report_interleaves_raw_and_pipeline_and_reads_the_spread(tiny) -> None:  # type: ignore[no-untyped-def]
    out = _report(tiny, pairs=3)
    pieces = {name: int(n) for name, n in re.findall(r"^  (equal|mixed): \d+ segments -> (\d+) pieces", out, re.M)}
    assert set(pieces) == {"equal", "mixed"}, out
    tried = set(re.findall(r"^    (?:equal|mixed) +(\d+x\d+ \w+ (?:one batch|tokens<=\d+)) +wall", out, re.M))
    chosen = dict(re.findall(r"^  raw on (equal|mixed) = best found: (.+)$", out, re.M))
    assert set(chosen) == {"equal", "mixed"} and set(chosen.values()) <= tried, out
    for workload, modes in (("equal", ("greedy", "beam 4")), ("mixed", ("greedy",))):
        for mode in modes:
            block = _block(out, f"  {workload} {mode}:")
            medians = {}
            for kind in re.findall(r"^    (raw|pipeline|app) +wall", block, re.M):
                row = re.search(
                    rf"^    {kind} +wall {SPREAD} s  cpu {SPREAD} s +{NUMBER} tok/s \(n=(\d+)\)$", block, re.M
                )
                assert row, (kind, block)
                wall, wall_low, wall_high, cpu, cpu_low, cpu_high, rate, runs = (float(n) for n in row.groups())
                assert runs == 3
                assert wall_low <= wall <= wall_high and cpu_low <= cpu <= cpu_high
                assert math.isfinite(rate) and rate > 0
                # tok/s is the pieces' forced output over the median wall time, up to the rounding
                assert abs(rate * wall - pieces[workload] * OUTPUT_TOKENS) <= rate * 0.0006 + 0.1
                medians[kind] = (wall, wall_low, wall_high)
            assert {"raw", "pipeline"} <= set(medians), block
            for kind in set(medians) - {"raw"}:
                ratio = re.search(
                    rf"{kind}/raw speed: wall {NUMBER} \(pairs {NUMBER}-{NUMBER}, ([a-z ]+)\); cpu", block
                )
                assert ratio, block
                raw, ours = medians["raw"][0], medians[kind][0]
                assert abs(float(ratio[1]) - raw / ours) <= 0.006 + (raw / ours) * (0.0005 / raw + 0.0005 / ours)
                (_, raw_low, raw_high), (_, low, high) = medians["raw"], medians[kind]
                if raw_low < high and low < raw_high:  # overlapping as printed (touching ends may be rounding)
                    assert ratio[4] == "equal within noise", block
                elif raw_high < low or high < raw_low:
                    assert ratio[4] == (f"{kind} slower" if raw_high < low else f"{kind} faster"), block
    summary = re.search(r"^  pipeline/raw speed \(wall/cpu\): (.+); equal within noise in (\d) of 3 by wall", out, re.M)
    assert summary and summary[1].startswith("equal greedy ") and "mixed greedy " in summary[1], out
    assert re.search(rf"^    greedy +wall {NUMBER} s  cpu {NUMBER} s", out, re.M), out  # the transformers reference
    memory = re.search(
        r"peak memory .*: raw (\d+) MB, pipeline (\d+) MB; transformers fp32 (\d+) MB \(its greedy run above\)$",
        out,
        re.M,
    )
    assert memory and all(int(n) > 0 for n in memory.groups()), out
    assert re.search(r"during a pre-translation: median [\d.]+ s, worst [\d.]+ s", out), out


def test_a_given_layout_skips_the_search_and_pairs_are_counted(tiny) -> None:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    measure_engines(None, tiny.nllb_ct2_int8, lines.append, threads=1, pairs=4, layout=Layout(1, 1, "int8", 256))
    out = "\n".join(lines)
    assert "settings tried" not in out
    assert re.findall(r"^  raw on (?:equal|mixed) = given: (.+)$", out, re.M) == ["1x1 int8 tokens<=256"] * 2
    rows = re.findall(r"^    (raw|pipeline|app) +wall .*\(n=(\d+)\)$", out, re.M)
    assert [kind for kind, _n in rows].count("raw") == 3  # equal greedy and beam 4, mixed greedy
    assert [kind for kind, _n in rows].count("pipeline") == 3 and {n for _kind, n in rows} == {"4"}, out
    assert "transformers fp32" not in out  # no transformers copy, no reference


def test_a_model_too_large_for_the_full_workloads_gets_the_smaller_ones(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`bench --architecture madlad400-3b-mt` (2.9 GB of int8 weights) must end in minutes on 2 cores."""
    from workbench.mt.speed_workloads import FULL, LARGE, LARGE_MODEL_MB, scale_for

    assert scale_for(tiny.nllb_ct2_int8) == FULL
    large = tmp_path / "large"
    large.mkdir()
    with open(large / "model.bin", "wb") as handle:  # sparse: its size is all scale_for reads
        handle.truncate((LARGE_MODEL_MB + 1) * 10**6)
    assert scale_for(large) == LARGE
    engine = load_engine(tiny.nllb_ct2_int8, "tiny", "ct2", 2)
    equal, mixed = workloads(engine, LARGE)
    assert len(equal.sources) == LARGE.segments < FULL.segments
    assert len(mixed.sources) == LARGE.long_segments + LARGE.mixed_segments
    assert "equal 8 segments (not 32)" in LARGE.describe()
