"""Reliability figures of the team project sync (issue 19): prints counts and seconds, asserts no timing.

    python tests/team_soak.py [--desktops 20] [--seconds 60] [--offline-changes 1000]

(a) N desktops, each a process with its own project file and login, confirm segments for S seconds (about one
in ten on a small shared pool, so some overlap on purpose) and sync every second or so, against one project
on a throwaway PostgreSQL cluster of its own. After a final sync of all, it counts: every local change is on
the server exactly once (no revision lost or duplicated), and the conflicts are exactly those the rule gives
when the server's revisions are replayed in order (two desktops wrote the segment since their last sync).
(b) one desktop, offline, makes 1,000 changes, then syncs: how long that takes (target < 10 s).
Exits non-zero when a count is wrong.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from workbench.core.importing.file_import import import_files  # noqa: E402
from workbench.core.records import Origin, Status  # noqa: E402
from workbench.core.store.project_store import Project  # noqa: E402
from workbench.core.team.local_cluster import start_cluster  # noqa: E402
from workbench.core.team.memory_outbox import TeamUnit  # noqa: E402
from workbench.core.team.project_publish import get_project, publish  # noqa: E402
from workbench.core.team.project_sync import sync_linked  # noqa: E402
from workbench.core.team.server_connection import connect  # noqa: E402
from workbench.core.team.team_link import team_link  # noqa: E402
from workbench.core.team.team_memory import lookup, push_units  # noqa: E402
from workbench.core.team.team_setup import add_user, initialise  # noqa: E402

SHARED_POOL = 20  # segments every desktop may write: the overlaps
ADDRESS = "postgresql://office/workbench"
MEMORY_UNITS = 20_000  # in the team memory before the desktops start
_PLACES = ("Sóc Trăng", "An Giang", "Trà Vinh", "Kiên Giang", "Bạc Liêu", "Cà Mau", "Hậu Giang", "Vĩnh Long")
_EVENTS = ("lễ hội Oóc Om Bóc", "hội nghị xúc tiến đầu tư", "giải đua ghe ngo", "chợ phiên nông sản")


def _memory_sentence(n: int) -> str:
    """Varied sentences for the team memory, and (with another n) near misses of them to look up."""
    return (f"Năm {2000 + n % 25}, {_EVENTS[n % 4]} tại {_PLACES[n % 8]} thu hút {n % 97 + 3} nghìn lượt "
            f"khách và {n % 13 + 2} đoàn nghệ thuật (số {n}).")  # fmt: skip


def _article(segments: int) -> str:
    return "\n".join(f"Câu số {n} của bài báo về lễ hội Oóc Om Bóc ở Sóc Trăng." for n in range(segments)) + "\n"


def _project(folder: Path, segments: int) -> tuple[Path, list[int]]:
    source = folder / "bai.txt"
    source.write_text(_article(segments), encoding="utf-8")
    path = folder / "soak-editor.wbp"
    with Project.create(path, "soak", "vi", ["en", "km"]) as project:
        import_files(project, [source])
        return path, [s.id for s in project.segments()]


def _desktop(number: int, url: str, path: str, ids: list[int], seconds: float, desktops: int) -> dict[str, object]:
    """One desktop: confirm, sync now and then, for `seconds`; then what it did."""
    rng = random.Random(number)
    own = [s for k, s in enumerate(ids[SHARED_POOL:]) if k % desktops == number]
    edits = syncs = 0
    durations: list[float] = []
    lookups: list[float] = []
    end = time.monotonic() + seconds
    next_sync = time.monotonic() + rng.uniform(0.5, 1.5)
    with Project.open(Path(path)) as project, connect(url) as memory:
        while time.monotonic() < end:
            segment = rng.choice(ids[:SHARED_POOL]) if rng.random() < 0.1 or not own else rng.choice(own)
            text = f"desktop {number} edit {edits}"
            project.save_translation(segment, "en", text, Status.TRANSLATED, Origin.HUMAN, f"d{number}")
            edits += 1
            started = time.perf_counter()  # the suggestions for the next segment: a near miss of a known unit
            lookup(memory, "soak", _memory_sentence(rng.randrange(MEMORY_UNITS)).replace("nghìn", "ngàn"), "en")
            lookups.append(time.perf_counter() - started)
            if edits % 10 == 0:  # a confirmation goes to the team memory too
                push_units(
                    memory, "soak", [TeamUnit(_memory_sentence(MEMORY_UNITS + number * 100_000 + edits), text, "en")]
                )
            time.sleep(rng.uniform(0.02, 0.1))
            if time.monotonic() >= next_sync:
                started = time.perf_counter()
                sync_linked(project, lambda _server: connect(url))
                durations.append(time.perf_counter() - started)
                syncs += 1
                next_sync = time.monotonic() + rng.uniform(0.5, 1.5)
        sync_linked(project, lambda _server: connect(url))
        client = team_link(project).client_id
        revisions = [int(r[0]) for r in project.connection.execute(
            "SELECT id FROM revisions WHERE id NOT IN (SELECT revision_id FROM team_pulled)")]  # fmt: skip
    return {"number": number, "client": client, "edits": edits, "syncs": syncs, "durations": durations,
            "revisions": revisions, "lookups": lookups}  # fmt: skip


def _final_sync(url: str, path: str) -> None:
    with Project.open(Path(path)) as project:
        sync_linked(project, lambda _server: connect(url))


def _expected_conflicts(rows: list[tuple[int, str, str, str, str, int | None]]) -> set[tuple[int, int]]:
    """Replay the server's revisions in seq order with the merge rule: (kept, other) of every conflict."""
    current: dict[tuple[str, str], tuple[int, str, str]] = {}
    found: set[tuple[int, int]] = set()
    for seq, key, language, text, client, base in rows:
        here = current.get((key, language))
        if here is None:
            current[(key, language)] = (seq, text, client)
            continue
        stale = base != here[0] and here[2] != client
        if stale and text != here[1]:
            found.add((here[0], seq))
        else:
            current[(key, language)] = (seq, text, client)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--desktops", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--offline-changes", type=int, default=1000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="team-soak-"))
    cluster = start_cluster()
    failures: list[str] = []
    try:
        cluster.create_database("workbench")
        admin_url = cluster.superuser_url("workbench")
        with connect(admin_url) as conn:
            initialise(conn, "workbench")
            editor = add_user(conn, "workbench", "soak_editor", "editor")
        segments = max(SHARED_POOL + args.desktops * 10, args.offline_changes // 2 + 1)
        path, ids = _project(folder, segments)
        with Project.open(path) as project, connect(cluster.url("workbench", editor.login, editor.password)) as conn:
            publish(project, conn, "soak", ADDRESS)
            units = [TeamUnit(_memory_sentence(n), f"Unit {n} in English.", "en") for n in range(MEMORY_UNITS)]
            push_units(conn, "soak", units)
        desktops: list[tuple[str, str]] = []
        with connect(admin_url) as conn:
            for n in range(args.desktops + 1):
                made = add_user(conn, "workbench", f"soak_{n}", "translator", project="soak")
                desktops.append((cluster.url("workbench", made.login, made.password), str(folder / f"d{n}.wbp")))
        for url, copy in desktops:
            with connect(url) as conn:
                get_project(conn, "soak", ADDRESS, "soak", Path(copy))
        offline_url, offline_path = desktops.pop()

        # (a) the desktops at work
        context = multiprocessing.get_context("spawn")
        with context.Pool(args.desktops) as pool:
            jobs = [
                pool.apply_async(_desktop, (n, url, copy, ids, args.seconds, len(desktops)))
                for n, (url, copy) in enumerate(desktops)
            ]
            results = [job.get() for job in jobs]
            pool.starmap(_final_sync, desktops)  # everyone pulls what the last to finish pushed
        with connect(admin_url) as conn:
            rows = conn.execute(
                "SELECT seq, segment_key, language, text, client_id, base_seq FROM wb.revisions ORDER BY seq"
            ).fetchall()
            conflicts = set(conn.execute("SELECT kept_seq, other_seq FROM wb.conflicts").fetchall())
            by_client: dict[str, list[int]] = {}
            for client, revision in conn.execute("SELECT client_id, client_revision_id FROM wb.revisions"):
                by_client.setdefault(client, []).append(int(revision))
            current = dict(
                ((k, lang), t)
                for k, lang, t in conn.execute("SELECT segment_key, language, text FROM wb.current_texts")
            )
        edits = sum(int(r["edits"]) for r in results)  # type: ignore[call-overload]
        server_revisions = sum(len(by_client.get(str(r["client"]), [])) for r in results)
        lost = sum(len(set(r["revisions"]) - set(by_client.get(str(r["client"]), []))) for r in results)  # type: ignore[arg-type]
        doubled = len(rows) - len({(c, rv) for c, revs in by_client.items() for rv in revs})
        expected = _expected_conflicts([tuple(r) for r in rows])  # type: ignore[misc]
        written_by: dict[str, set[str]] = {}
        for _seq, key, _lang, _text, client, _base in rows:
            written_by.setdefault(key, set()).add(client)
        single_writer_conflicts = sum(
            1 for kept, _ in conflicts if len(written_by[next(r[1] for r in rows if r[0] == kept)]) < 2
        )
        durations = [d for r in results for d in r["durations"]]  # type: ignore[attr-defined]
        open_keys = {next(r[1] for r in rows if r[0] == kept) for kept, _ in conflicts}
        diverged = diverged_elsewhere = 0
        for _url, copy in desktops:
            with Project.open(Path(copy), read_only=True) as project:
                keys = {s.id: f"bai.txt#{s.id}" for s in project.segments()}
                for s in project.segments():
                    mine = s.translations["en"].text
                    key = keys[s.id]
                    if (key, "en") in current and mine != current[(key, "en")]:
                        diverged += 1
                        diverged_elsewhere += key not in open_keys
        print(f"(a) {len(results)} desktops x {args.seconds:.0f} s, {segments} segments ({SHARED_POOL} shared)")
        print(
            f"    local changes {edits}, their revisions on the server {server_revisions}, lost {lost}, doubled {doubled}"
        )
        print(f"    syncs {len(durations)}: p50 {statistics.median(durations) * 1000:.0f} ms, "
              f"p95 {statistics.quantiles(durations, n=20)[18] * 1000:.0f} ms, max {max(durations) * 1000:.0f} ms")  # fmt: skip
        looked = [d for r in results for d in r["lookups"]]  # type: ignore[attr-defined]
        print(f"    team memory lookups ({MEMORY_UNITS:,} units, while syncing) {len(looked)}: "
              f"p50 {statistics.median(looked) * 1000:.1f} ms, p95 {statistics.quantiles(looked, n=20)[18] * 1000:.1f} ms, "
              f"max {max(looked) * 1000:.1f} ms")  # fmt: skip
        print(f"    conflicts {len(conflicts)} on {len(open_keys)} segments; the rule replayed gives {len(expected)}, "
              f"same set: {conflicts == expected}; on a segment only one desktop wrote: {single_writer_conflicts}")  # fmt: skip
        print(f"    desktop texts that differ from the server's current text after the final sync: {diverged} "
              f"(a desktop keeping its own text of an open conflict); on a segment without one: {diverged_elsewhere}")  # fmt: skip
        if (
            lost
            or doubled
            or edits != server_revisions
            or conflicts != expected
            or single_writer_conflicts
            or diverged_elsewhere
        ):
            failures.append("(a) counts")

        # (b) a week offline
        with Project.open(Path(offline_path)) as project:
            made = 0
            for segment in ids:
                for language in ("en", "km"):
                    if made < args.offline_changes:
                        project.save_translation(segment, language, f"offline {made}", Status.TRANSLATED,
                                                 Origin.HUMAN, "offline")  # fmt: skip
                        made += 1
            started = time.perf_counter()
            report = sync_linked(project, lambda _server: connect(offline_url))
            took = time.perf_counter() - started
        print(f"(b) a desktop offline with {made} local changes: sync {took:.2f} s (target < 10 s); sent "
              f"{report.sent + report.proposed}, received {report.applied}, kept here {report.kept_here}")  # fmt: skip
        if report.sent + report.proposed != made:
            failures.append("(b) not every change sent")
    finally:
        cluster.stop()
    if failures:
        print("FAILED: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
