"""A desktop killed in the middle of a sync (kill -9, at several moments): its project file opens as it was,
nothing is half-applied on either side, and the next sync completes with every change on the server once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.team.conftest import TeamServer
from tests.team.project_desktops import published_team, server_count
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.team.sync_status import team_status

REPO = Path(__file__).resolve().parents[2]

_SYNC = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from workbench.core.store.project_store import Project
    from workbench.core.team.project_sync import sync_linked
    from workbench.core.team.server_connection import connect
    path, url = Path(sys.argv[1]), sys.argv[2]
    print("ready", flush=True)
    with Project.open(path) as project:
        sync_linked(project, lambda _server: connect(url))
    print("done", flush=True)
    """
)


def _sync_killed_after(path: Path, url: str, delay: float) -> bool:
    """Start a sync in a process of its own and kill it `delay` seconds in; whether it had finished."""
    child = subprocess.Popen([sys.executable, "-c", _SYNC, str(path), url], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"  # its imports are done: the sync itself starts now
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    rest = child.stdout.read()
    child.stdout.close()
    return "done" in rest


def test_a_desktop_killed_mid_sync_loses_nothing_and_the_next_sync_completes(
    team_server: TeamServer, tmp_path: Path
) -> None:
    editor, (lan,), ids = published_team(team_server, tmp_path)
    editor.confirm(ids[0], "Lễ hội Oóc Om Bóc, in Khmer.", language="km")  # something for lan's pull too
    editor.sync()
    with lan.open() as project:
        segments = [s.id for s in project.segments()]
        typed = {}
        for round_number in range(200):  # many revisions: a push that takes a while
            segment = segments[round_number % len(segments)]
            typed[segment] = f"Draft {round_number} of segment {segment}."
            project.save_translation(segment, "en", typed[segment], Status.TRANSLATED, Origin.HUMAN, lan.login.name)
    for delay in (0.0, 0.02, 0.05, 0.1, 0.2, 0.4):  # before, during and (perhaps) after the push
        _sync_killed_after(lan.path, lan.url, delay)
        with Project.open(lan.path) as project:  # the file opens (quick check) with every text as typed
            assert project.connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            for segment, text in typed.items():
                assert project.segment(segment).translations["en"].text == text
        sent = server_count(team_server, f"SELECT count(*) FROM wb.revisions WHERE author = '{lan.login.name}'")
        assert sent <= 200  # what reached the server is some of the changes, each once
    lan.sync()
    with Project.open(lan.path, read_only=True) as project:
        assert team_status(project).waiting == 0
        local = project.connection.execute(
            "SELECT count(*) FROM revisions WHERE id NOT IN (SELECT revision_id FROM team_pulled)"
        ).fetchone()[0]
    on_server = server_count(team_server, f"SELECT count(*) FROM wb.revisions WHERE author = '{lan.login.name}'")
    assert on_server == local == 200
    assert lan.text(ids[0], "km") == ("Lễ hội Oóc Om Bóc, in Khmer.", "translated")
