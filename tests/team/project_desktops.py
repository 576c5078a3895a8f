"""Desktops of a team project for the sync tests: a published project and members' copies of it.

Each desktop is a real project file opened by the real store, talking to the real test server as its own
login; nothing is mocked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from tests.team.conftest import TeamLogin, TeamServer
from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.team.project_publish import get_project, publish
from workbench.core.team.project_sync import SyncReport, sync_linked
from workbench.core.team.server_connection import connect

ARTICLE = "Lễ hội Oóc Om Bóc diễn ra ở Sóc Trăng. Người dân đua ghe ngo trên sông. Du khách đến xem rất đông.\n"


@dataclass
class Desktop:
    """One desktop: its own project file and its login on the team server."""

    path: Path
    login: TeamLogin
    url: str

    def open(self) -> Project:
        return Project.open(self.path)

    def connect(self) -> psycopg.Connection:
        return connect(self.url)

    def sync(self) -> SyncReport:
        with self.open() as project:
            return sync_linked(project, lambda _server: self.connect())

    def confirm(self, segment: int, text: str, language: str = "en") -> None:
        with self.open() as project:
            project.save_translation(segment, language, text, Status.TRANSLATED, Origin.HUMAN, self.login.name)

    def approve(self, segment: int, text: str, language: str = "en") -> None:
        with self.open() as project:
            project.save_translation(segment, language, text, Status.APPROVED, Origin.HUMAN, self.login.name)

    def text(self, segment: int, language: str = "en") -> tuple[str, str]:
        with Project.open(self.path, read_only=True) as project:
            found = project.segment(segment).translations[language]
            return found.text, str(found.status)


def make_project(folder: Path, name: str = "angiang") -> tuple[Path, list[int]]:
    """A project with one imported article of three sentences; the path and the segment ids."""
    source = folder / "le-hoi.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    path = folder / f"{name}-editor.wbp"
    with Project.create(path, name, "vi", ["en", "km"]) as project:
        import_files(project, [source])
        ids = [s.id for s in project.segments()]
    return path, ids


def published_team(
    team_server: TeamServer, folder: Path, translators: int = 1
) -> tuple[Desktop, list[Desktop], list[int]]:
    """An editor publishes a project; `translators` members each get their own copy."""
    path, ids = make_project(folder)
    editor = team_server.add_login("editor", prefix="ed")
    editor_desktop = Desktop(path, editor, team_server.login_url(editor))
    with Project.open(path) as project, editor_desktop.connect() as conn:
        publish(project, conn, editor.name, "postgresql://office/workbench")
    others = []
    for number in range(translators):
        login = team_server.add_login("translator", project="angiang", prefix="tr")
        desktop = Desktop(folder / f"angiang-{number}.wbp", login, team_server.login_url(login))
        with desktop.connect() as conn:
            get_project(conn, login.name, "postgresql://office/workbench", "angiang", desktop.path)
        others.append(desktop)
    return editor_desktop, others, ids


def server_count(team_server: TeamServer, sql: str) -> int:
    with connect(team_server.admin_url) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return int(row[0])
