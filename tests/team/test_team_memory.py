"""The team memory on a real server: the local memory's matches, the roles, the outbox and the cache."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from tests.team.conftest import TeamServer
from tests.team.pg_cluster import start_cluster
from workbench.bench.tm_bench import generate_units
from workbench.context import AppContext
from workbench.core.errors import TeamServerError
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory
from workbench.core.ops.approval import approve
from workbench.core.ops.confirmation import edit_segment
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.team.memory_outbox import MemoryOutbox, TeamUnit
from workbench.core.team.server_connection import connect
from workbench.core.team.team_memory import lookup, push_units, stats
from workbench.core.team.team_memory_cache import TeamMemoryCache
from workbench.core.team.team_memory_sync import outbox_path, send_outbox, team_lookup
from workbench.core.team.team_setup import initialise

HANDMADE = [
    ("Hòa bình cho toàn thể nhân dân tỉnh An Giang.", "Peace for all the people of An Giang province."),
    ("Hòa bình cho toàn thể nhân dân tỉnh An Giang.", "Peace to all people of An Giang province."),
    ("Sở Y tế tỉnh thông báo lịch tiêm chủng tháng Mười.", "The provincial health department announces the October vaccination schedule."),
    ("Sở Y tế tỉnh thông báo lịch tiêm chủng tháng Chín.", "The provincial health department announces the September vaccination schedule."),
    ("Ủy ban nhân dân huyện họp vào sáng thứ Hai.", "The district people's committee meets on Monday morning."),
    ("Người dân cần mang theo giấy tờ tùy thân khi đến làm thủ tục.", "People must bring identity papers to the procedure."),
]  # fmt: skip


def _units(count: int = 400) -> list[tuple[str, str]]:
    generated = [(source, f"EN {n}: {source[:30]}") for n, source in enumerate(generate_units(count, seed=3))]
    return HANDMADE + generated


def _queries(units: list[tuple[str, str]]) -> list[str]:
    rng = random.Random(5)
    changed = []
    for source, _target in rng.sample(units[len(HANDMADE) :], 25):
        words = source.split()
        words[rng.randrange(len(words))] = "khác"
        changed.append(" ".join(words))
    return [
        "Hòa bình cho toàn thể nhân dân tỉnh An Giang.",  # exact, two translations
        "Hoà bình cho toàn thể nhân dân tỉnh An Giang.",  # the other tone placement
        unicodedata.normalize("NFD", "HÒA BÌNH CHO TOÀN THỂ NHÂN DÂN TỈNH AN GIANG."),  # decomposed, capitals
        "Sở Y tế tỉnh thông báo lịch tiêm chủng tháng Mười Một.",  # fuzzy: two near units
        "Ủy ban nhân dân huyện họp vào chiều thứ Hai.",  # fuzzy, one word
        "Uy ban nhan dan huyen hop vao sang thu Hai.",  # the diacritics lost: a different text
        "Hôm nay trời đẹp quá, chúng ta đi chơi nhé.",  # nothing like it
        *changed,
        *(source for source, _t in units[len(HANDMADE) : len(HANDMADE) + 10]),  # exact generated ones
    ]


def _seen(matches: list[object]) -> list[tuple[str, str, int]]:
    out = []
    for m in matches:
        match = getattr(m, "match", m)
        out.append((match.unit.source, match.unit.target, match.score))
    return out


def test_the_team_memory_finds_what_the_local_memory_finds_with_the_same_scores(
    team_server: TeamServer, tmp_path: Path
) -> None:
    units = _units()
    translator = team_server.add_login("translator")
    local = SharedMemory(tmp_path / "local.sqlite")
    local.add([MemoryUnit(s, t, "en") for s, t in units], "2026-01-01T00:00:00")
    with connect(team_server.login_url(translator)) as conn:
        report = push_units(conn, "test", [TeamUnit(s, t, "en") for s, t in units])
        assert report.added == len(units)
        cache = TeamMemoryCache(tmp_path / "cache.sqlite")
        cache.pull(conn, "test")
        compared = 0
        for query in _queries(units):
            expected = _seen(local.lookup(query, "en"))
            assert _seen(lookup(conn, "test", query, "en")) == expected, query
            assert _seen(cache.lookup(query, "en")) == expected, query
            compared += bool(expected)
        assert _seen(lookup(conn, "test", "Hôm nay trời đẹp quá, chúng ta đi chơi nhé.", "en")) == []
        assert lookup(conn, "test", HANDMADE[0][0], "km") == []  # another language
    # the set of queries met exact, fuzzy and empty answers alike
    assert compared >= 30
    scores = {score for query in _queries(units) for _s, _t, score in _seen(local.lookup(query, "en"))}
    assert 100 in scores and any(75 <= s < 100 for s in scores)
    local.close()
    cache.close()


def test_with_more_sharing_units_than_are_scored_the_team_memory_scores_the_same_ones(
    team_server: TeamServer, tmp_path: Path
) -> None:
    # 400 units share every pair but the number's with the query: which CANDIDATES of them are scored decides
    units = [(f"Báo cáo số {n} của tỉnh An Giang gửi các huyện năm nay.", f"Report {n}.") for n in range(400)]
    units += [(f"Báo cáo số {n} của huyện Châu Thành gửi các xã.", f"District report {n}.") for n in range(50)]
    local = SharedMemory(tmp_path / "local.sqlite")
    local.add([MemoryUnit(s, t, "en") for s, t in units], "2026-01-01T00:00:00")
    with connect(team_server.admin_url) as conn:
        push_units(conn, "test", [TeamUnit(s, t, "en") for s, t in units])
        for query in (
            "Báo cáo số 7 của tỉnh An Giang gửi các huyện năm trước.",
            "Báo cáo số 399 của tỉnh An Giang gửi các xã năm nay.",
            "Báo cáo của huyện Châu Thành gửi các xã.",
        ):
            expected = _seen(local.lookup(query, "en"))
            assert len(expected) == 5
            assert _seen(lookup(conn, "test", query, "en")) == expected, query
    local.close()


def test_a_push_sent_twice_adds_each_unit_once(team_server: TeamServer) -> None:
    translator = team_server.add_login("translator")
    batch = [TeamUnit(s, t, "en") for s, t in HANDMADE]
    unstorable = TeamUnit("Câu có ký tự\x00 lạ.", "A sentence with a NUL.", "en")  # PostgreSQL's text refuses NUL
    with connect(team_server.login_url(translator)) as conn:
        assert push_units(conn, "test", [*batch, unstorable]).added == len(HANDMADE)
        assert push_units(conn, "test", batch).added == 0
        assert stats(conn, "test").units == len(HANDMADE)


def test_a_translator_cannot_approve_or_overwrite_an_approved_unit(team_server: TeamServer) -> None:
    editor = team_server.add_login("editor")
    translator = team_server.add_login("translator")
    source, target = HANDMADE[4]
    with connect(team_server.login_url(editor)) as conn:
        report = push_units(conn, "test", [TeamUnit(source, target, "en", approved=True)])
        assert report.approved == 1
    cluster, url = team_server.cluster, team_server.login_url(translator)
    unit_id = cluster.psql(url, "SELECT id FROM wb.memory_units").stdout.strip()
    refused = [
        f"UPDATE wb.memory_units SET target = 'Something else' WHERE id = {unit_id}",
        f"UPDATE wb.memory_units SET approved_by = NULL WHERE id = {unit_id}",
        f"DELETE FROM wb.memory_units WHERE id = {unit_id}",
        "INSERT INTO wb.memory_units (target_language, source, source_key, target, pairs, approved_by)"
        " VALUES ('en', 'a b', 'a b', 'x', '{1}', current_user)",
        "INSERT INTO wb.memory_pair_docs VALUES (1, 1)",
        f"INSERT INTO wb.memory_pairs VALUES (1, {unit_id})",
    ]
    for command in refused:
        done = cluster.psql(url, command)
        assert done.returncode != 0 and "permission denied" in done.stderr, command
    # its own-unit policy does not reach an approved unit: nothing changes
    assert cluster.psql(url, f"UPDATE wb.memory_units SET origin = 'mine' WHERE id = {unit_id}").stdout == "UPDATE 0\n"
    # a translator's approval is sent as a plain unit; its other translation is a unit of its own
    with connect(url) as conn:
        report = push_units(conn, "test", [TeamUnit(source, "The committee meets Monday.", "en", approved=True)])
        assert (report.added, report.approved, report.approvals_dropped) == (1, 0, 1)
        rows = conn.execute("SELECT target, approved_by, author FROM wb.memory_units ORDER BY id").fetchall()
    assert rows == [(target, editor.name, editor.name), ("The committee meets Monday.", None, translator.name)]
    # and an author is the server's login, never what the desktop says
    done = cluster.psql(
        url,
        "INSERT INTO wb.memory_units (target_language, source, source_key, target, pairs, author)"
        " VALUES ('en', 'a b', 'a b', 'x', '{1}', 'someone')",
    )
    assert done.returncode != 0 and "permission denied" in done.stderr


def test_a_confirmation_offline_waits_in_the_outbox_and_the_next_push_sends_it_once(
    team_server: TeamServer, tmp_path: Path
) -> None:
    translator = team_server.add_login("translator")
    outbox = MemoryOutbox(tmp_path / "outbox.sqlite")
    shared = SharedMemory(tmp_path / "shared.sqlite", outbox)
    source, target = HANDMADE[2]
    shared.team_outbox.queue_learned([(MemoryUnit(source, target, "en"), False)])  # type: ignore[union-attr]
    closed = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
    with pytest.raises(TeamServerError):
        send_outbox(connect(closed), "offline", outbox)
    assert outbox.count() == 1
    with connect(team_server.login_url(translator)) as conn:
        # the answer of the first push is lost: the unit is still queued, and is sent again
        push_units(conn, "test", [unit for _id, unit in outbox.pending()])
        assert outbox.count() == 1
        report = send_outbox(conn, "test", outbox)
        assert (report.sent, report.added) == (1, 0)
        assert outbox.count() == 0
        # taken off the outbox only once the server has committed it, even inside the caller's transaction
        conn.execute("SELECT 1")
        outbox.queue([TeamUnit(*HANDMADE[3], "en", approved=True)])
        assert send_outbox(conn, "test", outbox).approvals_dropped == 1
        with connect(team_server.admin_url) as other:
            assert other.execute("SELECT count(*) FROM wb.memory_units").fetchone() == (2,)
    shared.close()


def test_the_cache_answers_lookups_while_the_server_is_stopped(tmp_path: Path) -> None:
    cluster = start_cluster()
    try:
        cluster.create_database("office")
        with connect(cluster.superuser_url("office")) as conn:
            initialise(conn, "office")
            push_units(conn, "office", [TeamUnit(s, t, "en") for s, t in HANDMADE])
            cache = TeamMemoryCache(tmp_path / "cache.sqlite")
            cache.pull(conn, "office")
            cache.close()
        url = cluster.superuser_url("office")
        online = team_lookup(lambda: connect(url), "office", HANDMADE[5][0], "en", tmp_path / "cache.sqlite")
        assert online.answered_by == "server" and online.matches[0].match.score == 100
    finally:
        cluster.stop()
    offline = team_lookup(lambda: connect(url, timeout=2), "office", HANDMADE[5][0], "en", tmp_path / "cache.sqlite")
    assert offline.answered_by == "cache" and "refused" in offline.offline_reason
    assert offline.cache_pulled_at is not None
    assert _seen(offline.matches) == _seen(online.matches)


def test_a_pull_reads_only_what_changed_and_learns_an_approval(team_server: TeamServer, tmp_path: Path) -> None:
    editor = team_server.add_login("editor")
    cache = TeamMemoryCache(tmp_path / "cache.sqlite")
    with connect(team_server.login_url(editor)) as conn:
        push_units(conn, "test", [TeamUnit(s, t, "en") for s, t in HANDMADE])
        assert cache.pull(conn, "test").read == len(HANDMADE)
        assert cache.pull(conn, "test").read == 0
        conn.execute("UPDATE wb.memory_units SET approved_by = current_user WHERE target LIKE 'People%'")
        conn.commit()
        assert cache.pull(conn, "test").read == 1
    [match] = [m for m in cache.lookup(HANDMADE[5][0], "en") if m.match.score == 100]
    assert match.approved_by == editor.name
    cache.close()


def test_only_team_members_read_the_team_memory(team_server: TeamServer) -> None:
    with connect(team_server.admin_url) as conn:
        conn.execute("CREATE ROLE outsider_memory LOGIN PASSWORD 'pw'")
    done = team_server.cluster.psql(team_server.url("outsider_memory", "pw"), "SELECT count(*) FROM wb.memory_units")
    assert done.returncode != 0 and "permission denied" in done.stderr
    with psycopg.connect(team_server.admin_url, autocommit=True) as conn:
        conn.execute("DROP ROLE outsider_memory")


def test_confirming_and_approving_queue_the_units_for_the_team_and_never_ask_the_server(
    tmp_path: Path,
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    # a team server nobody can reach: the confirmation does not wait for it, nor fail
    context = AppContext(
        replace(Settings(), team_server="postgresql://lan@127.0.0.1:1/workbench"), tmp_path / "m.sqlite"
    )
    with Project.create(tmp_path / "p.wbp", "angiang", "vi", ["en"]) as project:
        project.store_document(prepare_import(text))
        first, second = project.segment_ids()
        shared = context.open_shared_memory()
        edit_segment(project, first, "en", "Sentence one.", "Lan", confirm=True, memory=shared)
        edit_segment(project, second, "en", "Sentence two.", "Lan", confirm=False, memory=shared)  # not confirmed
        approve(project, "en", "Hoa", "editor", memory=shared)
        shared.close()
    queued = [(u.source, u.target, u.origin, u.approved) for _id, u in MemoryOutbox(outbox_path()).pending()]
    assert queued == [("Câu một.", "Sentence one.", "angiang", False), ("Câu một.", "Sentence one.", "angiang", True)]
    # off a team, nothing is queued
    alone = AppContext(Settings(), tmp_path / "m.sqlite").open_shared_memory()
    assert alone.team_outbox is None
    alone.close()
