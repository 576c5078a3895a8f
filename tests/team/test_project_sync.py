"""A team project shared offline-first: publish, get, sync between desktops, conflicts, retries, members only."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from tests.team.conftest import TeamLogin, TeamServer
from tests.team.project_desktops import Desktop, make_project, published_team, server_count
from workbench.core.errors import TeamServerError, WorkbenchError
from workbench.core.importing.file_import import import_files
from workbench.core.ops.segment_structure import split_segment
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.team.conflict_resolution import chosen_text, local_conflicts, resolve
from workbench.core.team.project_publish import get_project, publish
from workbench.core.team.project_sync import push
from workbench.core.team.server_connection import connect
from workbench.core.team.sync_status import team_status
from workbench.core.team.team_link import team_link


def test_a_member_gets_the_published_project_with_its_texts(team_server: TeamServer, tmp_path: Path) -> None:
    path, ids = make_project(tmp_path)
    with Project.open(path) as project:
        project.save_translation(ids[0], "en", "The Ooc Om Boc festival.", *_confirmed("lan"))
    _, (translator,), _ = _publish_existing(team_server, tmp_path, path)
    assert translator.text(ids[0]) == ("The Ooc Om Boc festival.", "translated")
    with Project.open(translator.path, read_only=True) as copy:
        assert [s.source for s in copy.segments()][1] == "Người dân đua ghe ngo trên sông."
        assert team_status(copy).line.startswith("synced")


def test_two_desktops_editing_different_segments_both_end_with_both(team_server: TeamServer, tmp_path: Path) -> None:
    _, (lan, minh), ids = published_team(team_server, tmp_path, translators=2)
    lan.confirm(ids[0], "The festival takes place in Soc Trang.")
    minh.confirm(ids[1], "People race ngo boats on the river.")
    with lan.open() as project:
        assert team_status(project).line.startswith("1 local change(s) waiting")
    lan.sync()
    minh.sync()
    lan.sync()
    for desktop in (lan, minh):
        assert desktop.text(ids[0]) == ("The festival takes place in Soc Trang.", "translated")
        assert desktop.text(ids[1]) == ("People race ngo boats on the river.", "translated")
    assert server_count(team_server, "SELECT count(*) FROM wb.conflicts") == 0


def test_the_same_segment_on_two_desktops_is_one_conflict_and_neither_text_is_lost(
    team_server: TeamServer, tmp_path: Path
) -> None:
    editor, (lan, minh), ids = published_team(team_server, tmp_path, translators=2)
    lan.confirm(ids[2], "Many visitors come to watch.")
    minh.confirm(ids[2], "Crowds of tourists come to see it.")
    lan.sync()
    minh.sync()
    lan.sync()
    assert server_count(team_server, "SELECT count(*) FROM wb.conflicts WHERE resolved_at IS NULL") == 1
    assert lan.text(ids[2])[0] == "Many visitors come to watch."
    assert minh.text(ids[2])[0] == "Crowds of tourists come to see it."  # not overwritten by the first to arrive
    editor.sync()
    with editor.open() as project:
        (conflict,) = local_conflicts(project)
    assert (conflict.kept[0], conflict.kept[2]) == ("Many visitors come to watch.", lan.login.name)
    assert (conflict.other[0], conflict.other[2]) == ("Crowds of tourists come to see it.", minh.login.name)
    assert conflict.kept[3] and conflict.other[3]  # both times


def test_an_editor_resolves_and_every_desktop_gets_the_choice(team_server: TeamServer, tmp_path: Path) -> None:
    editor, (lan, minh), ids = published_team(team_server, tmp_path, translators=2)
    lan.confirm(ids[2], "Many visitors come to watch.")
    minh.confirm(ids[2], "Crowds of tourists come to see it.")
    for desktop in (lan, minh, editor):
        desktop.sync()
    with minh.open() as project, minh.connect() as conn:  # a translator may not settle it: nothing is written
        (conflict,) = local_conflicts(project)
        with pytest.raises(TeamServerError, match=r"not allowed|only an editor"):
            resolve(conn, minh.login.name, team_link(project), conflict, "Mine wins.", "translated")
    with editor.open() as project, editor.connect() as conn:
        (conflict,) = local_conflicts(project)
        text, status = chosen_text(project, conflict, "theirs", None)
        assert text == "Crowds of tourists come to see it."  # the editor's copy holds lan's (the kept) text
        resolve(conn, editor.login.name, team_link(project), conflict, text, status)
    for desktop in (lan, minh, editor):
        desktop.sync()
        assert desktop.text(ids[2])[0] == "Crowds of tourists come to see it."
        with desktop.open() as project:
            assert local_conflicts(project) == []


def test_a_translators_change_over_approved_text_is_queued_and_the_approval_stays(
    team_server: TeamServer, tmp_path: Path
) -> None:
    editor, (lan,), ids = published_team(team_server, tmp_path)
    editor.approve(ids[0], "The Ooc Om Boc festival is held in Soc Trang.")
    editor.sync()
    lan.sync()
    assert lan.text(ids[0]) == ("The Ooc Om Boc festival is held in Soc Trang.", "approved")
    lan.confirm(ids[0], "Ooc Om Boc happens in Soc Trang.")
    lan.confirm(ids[1], "People race boats.")  # in the same push: not failed by the refused one
    report = lan.sync()
    assert (report.sent, report.proposed) == (1, 1)
    current = server_count(
        team_server, "SELECT count(*) FROM wb.current_texts WHERE status = 'approved' AND text LIKE 'The Ooc%'"
    )
    assert current == 1
    assert server_count(team_server, "SELECT count(*) FROM wb.current_texts WHERE text = 'People race boats.'") == 1
    editor.sync()
    with editor.open() as project:
        (conflict,) = local_conflicts(project)
    assert conflict.kept[1] == "approved" and conflict.other[0] == "Ooc Om Boc happens in Soc Trang."
    assert editor.text(ids[0])[1] == "approved"


def test_a_push_retried_after_a_crash_never_duplicates_a_revision(team_server: TeamServer, tmp_path: Path) -> None:
    _, (lan,), ids = published_team(team_server, tmp_path)
    for n, segment in enumerate(ids):
        lan.confirm(segment, f"Sentence {n}.")
    before = server_count(team_server, "SELECT count(*) FROM wb.revisions")
    with lan.open() as project, lan.connect() as conn:
        push(project, conn, lan.login.name, team_link(project))  # the server committed; the desktop "died" here
    with lan.open() as project:
        assert team_status(project).waiting == 3  # nothing local moved
    lan.sync()
    lan.sync()
    assert server_count(team_server, "SELECT count(*) FROM wb.revisions") == before + 3
    with lan.open() as project:
        assert team_status(project).waiting == 0


def test_a_non_member_can_neither_get_nor_sync_the_project(team_server: TeamServer, tmp_path: Path) -> None:
    _, (lan,), _ = published_team(team_server, tmp_path)
    outsider = team_server.add_login("translator", prefix="out")
    with pytest.raises(TeamServerError, match="no project angiang"):
        get_project(team_server_connect(team_server, outsider), outsider.name, "x", "angiang", tmp_path / "o.wbp")
    assert not (tmp_path / "o.wbp").exists()
    lan.confirm(1, "Text.")
    stolen = Desktop(lan.path, outsider, team_server.login_url(outsider))
    with pytest.raises(TeamServerError, match="not a member"):
        stolen.sync()
    with lan.open() as project:
        status = team_status(project)
    assert status.waiting == 1 and status.offline_since and "not a member" in status.last_problem


def test_the_structure_of_a_team_project_cannot_be_changed_on_a_desktop(
    team_server: TeamServer, tmp_path: Path
) -> None:
    _, (lan,), ids = published_team(team_server, tmp_path)
    with lan.open() as project, pytest.raises(WorkbenchError, match="team project"):
        split_segment(project, ids[0], 5, "lan")
    other = tmp_path / "bai-moi.txt"
    other.write_text("Một bài mới.\n", encoding="utf-8")
    with lan.open() as project, pytest.raises(WorkbenchError, match=r"is a team project.*not imported: bai-moi\.txt"):
        import_files(project, [other])
    with Project.open(lan.path, read_only=True) as project:
        assert [s.id for s in project.segments()] == ids


def team_server_connect(team_server: TeamServer, login: TeamLogin) -> psycopg.Connection:
    return connect(team_server.login_url(login))


def _confirmed(author: str) -> tuple[Status, Origin, str]:
    return Status.TRANSLATED, Origin.HUMAN, author


def _publish_existing(team_server: TeamServer, folder: Path, path: Path) -> tuple[Desktop, list[Desktop], None]:
    editor = team_server.add_login("editor", prefix="ed")
    desktop = Desktop(path, editor, team_server.login_url(editor))
    with Project.open(path) as project, desktop.connect() as conn:
        publish(project, conn, editor.name, "postgresql://office/workbench")
    login = team_server.add_login("translator", project="angiang", prefix="tr")
    copy = Desktop(folder / "copy.wbp", login, team_server.login_url(login))
    with copy.connect() as conn:
        get_project(conn, login.name, "x", "angiang", copy.path)
    return desktop, [copy], None


def test_sync_is_idempotent_when_nothing_changed(team_server: TeamServer, tmp_path: Path) -> None:
    _, (lan,), _ = published_team(team_server, tmp_path)
    before = server_count(team_server, "SELECT count(*) FROM wb.revisions")
    first, second = lan.sync(), lan.sync()
    assert (first.sent, first.applied, second.sent, second.applied) == (0, 0, 0, 0)
    assert server_count(team_server, "SELECT count(*) FROM wb.revisions") == before
