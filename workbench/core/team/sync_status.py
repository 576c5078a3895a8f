"""A team project's standing as this desktop knows it, without asking the server (the status bar's line too).

Synced, or N local changes waiting, the last sync's time, offline since the first sync that failed after it,
the open conflicts and the document assignments as last pulled. Reading the project file only, it never
blocks on a server that does not answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.store.project_store import Project
from workbench.core.team.team_link import pending_count, team_link


@dataclass(frozen=True, slots=True)
class TeamStatus:
    project_name: str
    server: str
    login: str
    waiting: int  # local changes not yet pushed
    last_sync_at: str
    offline_since: str
    last_problem: str
    open_conflicts: int
    assignments: list[tuple[str, str]]  # (document, login)

    @property
    def line(self) -> str:
        """One line: "synced", "N change(s) waiting", and "offline since ..." when the last sync failed."""
        parts = ["synced" if not self.waiting else f"{self.waiting} local change(s) waiting"]
        if self.offline_since:
            parts.append(f"offline since {self.offline_since}")
        parts.append(f"last sync {self.last_sync_at or 'never'}")
        if self.open_conflicts:
            parts.append(f"{self.open_conflicts} conflict(s) for an editor")
        return ", ".join(parts)


def team_status(project: Project) -> TeamStatus:
    link = team_link(project)
    db = project.connection
    conflicts = int(db.execute("SELECT count(*) FROM team_conflicts").fetchone()[0])
    assignments = [(str(d), str(lg)) for d, lg in db.execute("SELECT document, login FROM team_assignments")]
    return TeamStatus(
        link.project_name,
        link.server,
        link.login,
        pending_count(db, link.pushed_revision),
        link.last_sync_at,
        link.offline_since,
        link.last_problem,
        conflicts,
        assignments,
    )
