"""Many desktops pushing to the team memory at once (issue 19's soak): no push fails, each unit is kept once."""

from __future__ import annotations

import multiprocessing

from tests.team.conftest import TeamServer
from tests.team.memory_pushers import SHARED_UNITS, own_unit, own_units, push_as_a_desktop
from workbench.core.team.memory_outbox import TeamUnit
from workbench.core.team.server_connection import connect
from workbench.core.team.team_memory import lookup, push_units, stats

DESKTOPS = 8
#: seconds after which the desktops are taken to be waiting on each other for good (they take a few)
HUNG = 300


def test_a_unit_pushed_after_a_lookup_on_the_same_connection_is_on_the_server_at_once(
    team_server: TeamServer,
) -> None:
    translator = team_server.add_login("translator")
    unit = TeamUnit("Sở Y tế tỉnh thông báo lịch tiêm chủng tháng Mười.", "The October vaccination schedule.", "en")
    with connect(team_server.login_url(translator)) as desktop, connect(team_server.admin_url) as colleague:
        lookup(desktop, "office", unit.source, "en")  # leaves a transaction open (not autocommit)
        assert push_units(desktop, "office", [unit]).added == 1
        # another desktop sees it while this connection is still open: it was not a savepoint of the lookup's
        assert [m.match.unit.target for m in lookup(colleague, "office", unit.source, "en")] == [unit.target]


def test_desktops_pushing_at_once_all_succeed_and_the_memory_keeps_each_unit_once(team_server: TeamServer) -> None:
    urls = [team_server.login_url(team_server.add_login("translator")) for _ in range(DESKTOPS)]
    with multiprocessing.get_context("spawn").Pool(DESKTOPS) as pool:
        jobs = pool.starmap_async(push_as_a_desktop, [(url, n) for n, url in enumerate(urls)])
        # a bound on liveness, not on speed: pushes that wait on each other forever fail here, never hang CI
        failures = jobs.get(timeout=HUNG)
    assert [f for f in failures if f] == []
    with connect(team_server.admin_url) as conn:
        assert stats(conn, "office").units == SHARED_UNITS + DESKTOPS * len(own_units(0))
        # the pair counts the lookups rank by are the postings' true counts: no push lost or doubled one
        wrong = conn.execute(
            """SELECT count(*) FROM wb.memory_pair_docs d
               FULL JOIN (SELECT pair, count(*) AS docs FROM wb.memory_pairs GROUP BY pair) p USING (pair)
               WHERE d.docs IS DISTINCT FROM p.docs"""
        ).fetchone()
        assert wrong == (0,)
        assert lookup(conn, "office", own_unit(3, 7).source, "en")[0].match.score == 100
