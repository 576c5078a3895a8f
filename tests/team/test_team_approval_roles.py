"""On a team project the team server says who approves, not the desktop's settings: a translator's desktop
refuses to approve or send back even with `--as editor`, so it never shows or exports as approved a text the
server holds as a translation; an editor's desktop approves, and its approval reaches the others."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.team.conftest import TeamServer
from tests.team.project_desktops import make_project, published_team
from workbench.core.ops.approval import NotAllowed, approve, send_back
from workbench.core.records import Origin, Role, Status
from workbench.core.store.project_store import Project


def test_a_translators_desktop_cannot_approve_a_team_project_whatever_its_settings_say(
    team_server: TeamServer, tmp_path: Path
) -> None:
    editor, (lan,), ids = published_team(team_server, tmp_path)
    lan.confirm(ids[0], "The Ooc Om Boc festival.")
    with lan.open() as project:
        with pytest.raises(NotAllowed, match=f"the team server says {lan.login.name} is not an editor of angiang"):
            approve(project, "en", lan.login.name, Role.EDITOR.value)
        with pytest.raises(NotAllowed, match="not an editor"):
            send_back(project, ids[0], "en", "Check the name.", lan.login.name, Role.EDITOR.value)
    assert lan.text(ids[0]) == ("The Ooc Om Boc festival.", "translated")  # nothing was approved here
    lan.sync()
    editor.sync()
    with editor.open() as project:  # the editor's desktop approves what came in
        changes = approve(project, "en", editor.login.name, Role.EDITOR.value)
    assert list(changes.segment_ids) == [ids[0]]
    editor.sync()
    lan.sync()
    assert lan.text(ids[0]) == ("The Ooc Om Boc festival.", "approved")


def test_a_project_that_is_not_shared_keeps_to_the_settings_role(tmp_path: Path) -> None:
    path, ids = make_project(tmp_path)
    with Project.open(path) as project:
        project.save_translation(ids[0], "en", "The festival.", Status.TRANSLATED, Origin.HUMAN, "lan")
        assert list(approve(project, "en", "mai", Role.EDITOR.value).segment_ids) == [ids[0]]
        with pytest.raises(NotAllowed, match="only an editor can approve"):
            approve(project, "en", "lan", Role.TRANSLATOR.value)
