"""The team status as the status bar words it: how long ago the last sync was, since when the desktop is
offline (the local time of day), the changes waiting and the open conflicts, in the user's words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from workbench.core.team.sync_status import TeamStatus
from workbench.ui.team_status_line import status_line, status_tip

NOW = datetime(2026, 3, 9, 8, 30, tzinfo=UTC)


def _status(waiting: int = 0, synced: str = "", offline: str = "", conflicts: int = 0, problem: str = "") -> TeamStatus:
    server = "postgresql://lan@office/workbench"
    return TeamStatus("angiang", server, "lan", waiting, synced, offline, problem, conflicts, [])


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def test_synced_minutes_ago_with_changes_waiting_and_conflicts() -> None:
    status = _status(waiting=3, synced=_stamp(NOW - timedelta(minutes=5)), conflicts=2)
    assert status_line(status, NOW) == "Team: synced 5 min ago, 3 changes waiting, 2 conflicts"


def test_one_of_each_is_said_in_the_singular() -> None:
    status = _status(waiting=1, synced=_stamp(NOW - timedelta(seconds=20)), conflicts=1)
    assert status_line(status, NOW) == "Team: synced just now, 1 change waiting, 1 conflict"


def test_offline_says_since_when_in_local_time_instead_of_the_last_sync() -> None:
    went = NOW - timedelta(minutes=1)  # the same local day in every time zone
    problem = "the server refused the connection (is it running, on this port?)"
    status = _status(waiting=4, synced=_stamp(NOW - timedelta(hours=2)), offline=_stamp(went), problem=problem)
    assert status_line(status, NOW) == f"Team: offline since {went.astimezone().strftime('%H:%M')}, 4 changes waiting"


def test_a_server_that_refuses_is_not_called_offline() -> None:
    went = NOW - timedelta(minutes=1)
    problem = "this login is not a member of the team project angiang"
    status = _status(waiting=1, synced=_stamp(NOW - timedelta(hours=2)), offline=_stamp(went), problem=problem)
    assert (
        status_line(status, NOW) == f"Team: sync refused since {went.astimezone().strftime('%H:%M')}, 1 change waiting"
    )


def test_a_project_never_synced_and_a_sync_under_way() -> None:
    assert status_line(_status(), NOW) == "Team: never synced"
    assert status_line(_status(waiting=2), NOW, syncing=True) == "Team: syncing…, 2 changes waiting"


def test_the_tooltip_names_the_server_without_a_password_and_the_documents_assigned_to_this_login() -> None:
    status = TeamStatus(
        "angiang", "postgresql://lan:secret@office/workbench", "lan", 0, "", "", "", 0,
        [("le-hoi.txt", "lan"), ("tin.docx", "minh")],
    )  # fmt: skip
    tip = status_tip(status)
    assert "angiang on lan@office/workbench, as lan" in tip and "secret" not in tip
    assert "Assigned to you: le-hoi.txt" in tip and "tin.docx" not in tip
