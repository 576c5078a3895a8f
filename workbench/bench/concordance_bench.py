"""`python main.py bench concordance [--units N]`: concordance queries on a shared memory of 200,000 units.

The memory is tm_bench's (generated Vietnamese with a Zipf-like spread of syllables and phrases of a press
text), each unit in English and a third in Khmer too, beside a project of about 2,000 segments. The
queries are the cases a translator meets: the commonest two-word phrase, a rare one, the commonest word,
the phrase typed without diacritics (diacritic-blind), a diacritic-sensitive word whose blind form is
common (the search reads and drops many candidates), words found nowhere, and an old unit's run of words
with five d or đ typed without diacritics (once 32 spellings asked in any order; now one phrase, đ read as d). They are asked in rounds
(every query once per round, so the machine's noise spreads over all of them): median and min-max wall
time, median CPU time. Also: the time to index an existing memory (what opening a shared memory made
before the concordance costs, once) and how much the index adds to the file.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import regex

from workbench.bench.project_bench import generate_vietnamese_text
from workbench.bench.tm_bench import generate_units
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.concordance import concordance
from workbench.core.memory.concordance_index import MEMORY_CONCORDANCE, MEMORY_INDEXES, ensure_memory_concordance
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.store.project_store import Project

ROUNDS = 15
_WORD = regex.compile(r"\p{L}+")


def run_concordance_benchmark(units: int, out: Callable[[str], None]) -> None:
    sources = generate_units(units)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shared = SharedMemory(folder / "shared.sqlite")
        began, began_cpu = time.perf_counter(), time.process_time()
        for low in range(0, len(sources), 5000):
            batch = sources[low : low + 5000]
            shared.add((MemoryUnit(s, f"[en] {s}", "en") for s in batch), "2026-01-01T00:00:00+00:00")
            shared.add((MemoryUnit(s, f"[km] {s}", "km") for s in batch[::3]), "2026-01-02T00:00:00+00:00")
        built, built_cpu = time.perf_counter() - began, time.process_time() - began_cpu
        count = shared.db.execute("SELECT count(*) FROM tm_units").fetchone()[0]
        out(
            f"shared memory of {len(sources):,} sources ({count:,} units, en and a third km too): built in "
            f"{built:.1f} s ({built_cpu:.1f} s CPU), its concordance indexes filled as each batch is added"
        )
        text = folder / "article.txt"
        text.write_text(generate_vietnamese_text(0.25), encoding="utf-8")
        with Project.create(folder / "bench.wbp", "bench", "vi", ["en", "km"]) as project:
            project.store_document(prepare_import(text))
            segments = len(project.segment_ids())
            memories = Memories(project, shared)
            queries = _queries(sources)
            out(f"  project of {segments:,} segments; {ROUNDS} rounds of {len(queries)} queries, limit 100:")
            _time_queries(memories, queries, out)
        with_index = _used_megabytes(shared)
        index_s, index_cpu = _reindex(shared)
        without_index = with_index - _index_megabytes(shared, with_index)
        out(
            f"  concordance indexes (as written and diacritic-blind) made over the existing units, as opening a "
            f"memory made before them does: {index_s:.1f} s ({index_cpu:.1f} s CPU); file {without_index:.0f} MB "
            f"without them, {with_index:.0f} MB with them (+{with_index - without_index:.0f} MB, "
            f"+{(with_index / without_index - 1) * 100:.0f} %)"
        )
        shared.close()


def _queries(sources: list[str]) -> list[tuple[str, str, bool]]:
    """(what it is, the query, diacritic-blind) for the cases a translator meets."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for source in sources:
        found = [w.lower() for w in _WORD.findall(source)]
        words.update(set(found))
        pairs.update({f"{a} {b}" for a, b in pairwise(found)})
    common_pair = next(p for p, _n in pairs.most_common() if all(len(w) > 1 for w in p.split()))
    common_word = words.most_common(1)[0][0]
    rare_pair = next(p for p, n in reversed(pairs.most_common()) if n >= 2 and all(len(w) > 1 for w in p.split()))
    blind: Counter[str] = Counter()
    for w, n in words.items():
        blind[_bare(w)] += n
    # a word with diacritics, much rarer than its blind form: the sensitive search reads and drops the rest
    many_d = _many_d_phrase(sources)
    hidden = max((w for w in words if _bare(w) != w), key=lambda w: blind[_bare(w)] / words[w])
    return [
        (f"common phrase ({pairs[common_pair]:,} sources)", common_pair, False),
        (f"rare phrase ({pairs[rare_pair]:,} sources)", rare_pair, False),
        (f"commonest word ({words[common_word]:,} sources)", common_word, False),
        ("common phrase without diacritics, diacritic-blind", _bare(common_pair), True),
        (f"word rarer than its blind form ({words[hidden]:,} of {blind[_bare(hidden)]:,})", hidden, False),
        ("no hits", "quokka xyzzy", False),
        (f"an old unit's words with {_d_count(many_d)} d/đ, diacritic-blind", _bare(many_d), True),
    ]


def _d_count(text: str) -> int:
    return sum(text.lower().count(letter) for letter in "dđ")


def _many_d_phrase(sources: list[str]) -> str:
    """The shortest run of words with at least five d or đ in the oldest sources: its blind query once had
    more than 16 spellings (d or đ each) and asked for its words in any order."""
    for length in range(2, 8):
        for source in sources[: max(1, len(sources) // 10)]:
            found = _WORD.findall(source)
            for start in range(len(found) - length + 1):
                run = " ".join(found[start : start + length])
                if _d_count(run) >= 5:
                    return run
    return "đi đến đó đã được"


def _time_queries(memories: Memories, queries: list[tuple[str, str, bool]], out: Callable[[str], None]) -> None:
    walls: list[list[float]] = [[] for _ in queries]
    cpus: list[list[float]] = [[] for _ in queries]
    found = [0] * len(queries)
    for _round in range(ROUNDS):
        for number, (_name, query, blind) in enumerate(queries):
            began, began_cpu = time.perf_counter(), time.process_time()
            hits = concordance(memories, query, diacritic_blind=blind)
            walls[number].append((time.perf_counter() - began) * 1000)
            cpus[number].append((time.process_time() - began_cpu) * 1000)
            found[number] = len(hits)
    for number, (name, query, _blind) in enumerate(queries):
        wall = walls[number]
        out(
            f"    {name}: {query!r}: median {statistics.median(wall):.1f} ms (min {min(wall):.1f}, max "
            f"{max(wall):.1f}), {statistics.median(cpus[number]):.1f} ms CPU; {found[number]} hits"
        )


def _bare(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def _used_megabytes(memory: SharedMemory) -> float:
    db = memory.db
    used = db.execute("PRAGMA page_count").fetchone()[0] - db.execute("PRAGMA freelist_count").fetchone()[0]
    return float(used * db.execute("PRAGMA page_size").fetchone()[0] / 1e6)


def _reindex(memory: SharedMemory) -> tuple[float, float]:
    """The index dropped and made again as opening an older memory makes it: wall and CPU seconds."""
    _drop_index(memory)
    began, began_cpu = time.perf_counter(), time.process_time()
    ensure_memory_concordance(memory.db)
    return time.perf_counter() - began, time.process_time() - began_cpu


def _index_megabytes(memory: SharedMemory, with_index: float) -> float:
    """What the index takes: the used pages with it, less those without it (dropped, then made again)."""
    _drop_index(memory)
    without = _used_megabytes(memory)  # (the pause table stays: one page)
    ensure_memory_concordance(memory.db)
    return with_index - without


def _drop_index(memory: SharedMemory) -> None:
    with memory.transaction() as db:
        for index in MEMORY_INDEXES:
            db.execute(f"DROP TABLE {index}")
        for statement in MEMORY_CONCORDANCE:  # the triggers; the pause table stays
            if statement.startswith("CREATE TRIGGER"):
                db.execute(f"DROP TRIGGER IF EXISTS {statement.split()[5]}")
