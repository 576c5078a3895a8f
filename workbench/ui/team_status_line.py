"""The status bar's words for a team project: "synced 5 min ago", "3 changes waiting", "offline since 10:42",
"2 conflicts", from what the project file knows (core team_status), never from asking the server."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from workbench.core.errors import TeamServerError
from workbench.core.team.sync_status import TeamStatus

#: the words of a TeamServerError (server_connection) that mean the server could not be reached at all
UNREACHABLE = (
    "refused the connection",
    "no answer from the server",
    "name is not known",
    "busy or restarting",
    "connection was lost",
    "connection could not be made",
)


def is_unreachable(problem: str) -> bool:
    """Whether a sync failed because the server was out of reach (offline), not because it refused."""
    return any(words in problem for words in UNREACHABLE)


def _parsed(stamp: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def ago(stamp: str, now: datetime) -> str:
    """ "just now", "5 min ago", "3 h ago", or the date for a sync days back."""
    moment = _parsed(stamp)
    if moment is None:
        return stamp
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return QCoreApplication.translate("TeamStatusLine", "just now")
    if minutes < 60:
        return QCoreApplication.translate("TeamStatusLine", "{0} min ago").format(minutes)
    if minutes < 24 * 60:
        return QCoreApplication.translate("TeamStatusLine", "{0} h ago").format(minutes // 60)
    return moment.astimezone().strftime("%Y-%m-%d")


def clock(stamp: str, now: datetime) -> str:
    """The local time of day ("10:42") for today, the date and time before."""
    moment = _parsed(stamp)
    if moment is None:
        return stamp
    local = moment.astimezone()
    return local.strftime("%H:%M") if local.date() == now.astimezone().date() else local.strftime("%Y-%m-%d %H:%M")


def status_line(status: TeamStatus, now: datetime | None = None, syncing: bool = False) -> str:
    """One short line; the problem and the server go in the tooltip (`status_tip`)."""
    now = now or datetime.now(UTC)
    parts = []
    if syncing:
        parts.append(QCoreApplication.translate("TeamStatusLine", "syncing…"))
    elif status.offline_since and status.last_problem and not is_unreachable(status.last_problem):
        parts.append(
            QCoreApplication.translate("TeamStatusLine", "sync refused since {0}").format(
                clock(status.offline_since, now)
            )
        )
    elif status.offline_since:
        parts.append(
            QCoreApplication.translate("TeamStatusLine", "offline since {0}").format(clock(status.offline_since, now))
        )
    elif status.last_sync_at:
        parts.append(QCoreApplication.translate("TeamStatusLine", "synced {0}").format(ago(status.last_sync_at, now)))
    else:
        parts.append(QCoreApplication.translate("TeamStatusLine", "never synced"))
    if status.waiting:
        parts.append(
            QCoreApplication.translate("TeamStatusLine", "1 change waiting")
            if status.waiting == 1
            else QCoreApplication.translate("TeamStatusLine", "{0} changes waiting").format(status.waiting)
        )
    if status.open_conflicts:
        parts.append(
            QCoreApplication.translate("TeamStatusLine", "1 conflict")
            if status.open_conflicts == 1
            else QCoreApplication.translate("TeamStatusLine", "{0} conflicts").format(status.open_conflicts)
        )
    return QCoreApplication.translate("TeamStatusLine", "Team: {0}").format(", ".join(parts))


def status_tip(status: TeamStatus) -> str:
    from workbench.core.team.server_connection import server_label  # psycopg: loaded once a team project is open

    try:
        server = server_label(status.server)
    except TeamServerError:
        server = status.server
    lines = [
        QCoreApplication.translate("TeamStatusLine", "{0} on {1}, as {2}").format(
            status.project_name, server, status.login
        )
    ]
    mine = [document for document, login in status.assignments if login == status.login]
    if mine:
        lines.append(QCoreApplication.translate("TeamStatusLine", "Assigned to you: {0}").format(", ".join(mine)))
    if status.last_problem:
        lines.append(QCoreApplication.translate("TeamStatusLine", "Last problem: {0}").format(status.last_problem))
    lines.append(QCoreApplication.translate("TeamStatusLine", "Team > Sync now (F5) syncs at once"))
    return "\n".join(lines)
