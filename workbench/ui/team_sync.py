"""The window's background sync of a team project: the server's half in a worker, the file's half here.

A sync has two halves (core/team/project_sync): talking to the server (push, then pull) and one SQLite
transaction that applies both. The first can wait up to the connect timeout on a district office's line, so
it runs in the thread pool on a read-only connection of its own to the project file, and the window keeps
typing; the second is short and writes, so it runs on the GUI thread, on the window's own connection (one
owner of the project's connection). A change typed while the worker talks is above the push cursor the
worker saw and so still waits for the next sync, and a pulled text never lands on it (apply_sync reads the
waiting changes again when it applies).

An editor's resolution of a conflict goes the same way: the worker writes the choice on the server and
syncs in the same connection, so the list and the grid show the choice when it is back.

The team memory's outbox (the units this desktop's confirmations queued, memory_outbox) goes in the same
connection when the project's server is the settings' team server, the one the memory lives on; a memory
push that fails leaves the units queued for the next sync and the project's sync stands. The same
connection then refreshes the desktop's cache of the team memory (the pull `team memory pull` does), which
the side panel's team suggestions read; a pull that fails leaves the cache as it was. The team glossary is
read too, and the project's glossary takes the terms and translations it lacks (team_glossary: its own are
never replaced), so the terms panel and the highlights know the team's terms offline.

An unreachable server only marks the project offline (no dialog: a laptop on a bus is not an error); any
other refusal (a login that may not, a project it is no longer a member of) is said once, naming the server,
until a sync succeeds again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from workbench.core.errors import TeamServerError, WorkbenchError
from workbench.core.store.project_store import Project
from workbench.core.team.team_link import TeamLink, read_link
from workbench.ui.tasks import TaskRunner
from workbench.ui.team_status_line import is_unreachable

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    import psycopg

    from workbench.core.memory.glossary import Term
    from workbench.core.team.conflict_resolution import LocalConflict
    from workbench.core.team.project_sync import PullBatch, PushResult, SyncReport


OpenConnection = Callable[[str], "psycopg.Connection[Any]"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """An editor's choice for one conflict: the text (and status) that becomes current."""

    conflict: LocalConflict
    text: str
    status: str


@dataclass(frozen=True, slots=True)
class Exchanged:
    """What the worker learned from the server, for apply_sync on the GUI thread."""

    link: TeamLink
    pushed: PushResult
    batch: PullBatch
    resolved: Resolution | None
    memory_sent: int = 0
    memory_problem: str = ""
    #: units the team memory's cache read in this sync's pull
    memory_pulled: int = 0
    #: the team glossary as the server has it (None: it could not be read this time)
    glossary: list[Term] | None = None


@dataclass(frozen=True, slots=True)
class SyncFailed:
    server: str
    problem: str
    resolved: Resolution | None


def exchange(
    path: Path,
    link: TeamLink,
    open_connection: OpenConnection,
    resolution: Resolution | None,
    outbox: Path | None = None,
) -> Exchanged | SyncFailed:
    """In a worker: (resolve, then) push and pull on a connection of its own, the project file only read;
    then the team memory's `outbox`, if given, and the pull into its cache (beside the outbox)."""
    from workbench.core.team.conflict_resolution import resolve
    from workbench.core.team.memory_outbox import MemoryOutbox
    from workbench.core.team.project_sync import pull, push
    from workbench.core.team.server_connection import server_label
    from workbench.core.team.team_memory_sync import send_outbox

    try:
        label = server_label(link.server)
        with open_connection(link.server) as conn, Project.open(path, read_only=True) as copy:
            if resolution is not None:
                resolve(conn, label, link, resolution.conflict, resolution.text, resolution.status)
            pushed = push(copy, conn, label, link)
            batch = pull(conn, label, link)
            done = Exchanged(link, pushed, batch, resolution, glossary=_team_glossary(conn, label))
            if outbox is not None:
                try:
                    done = replace(done, memory_sent=send_outbox(conn, label, MemoryOutbox(outbox)).sent)
                except WorkbenchError as exc:  # the units stay queued; the project's sync stands
                    done = replace(done, memory_problem=str(exc))
                done = _refresh_memory_cache(conn, label, done)
    except TeamServerError as exc:
        return SyncFailed(exc.server, exc.problem, resolution)
    return done


def _team_glossary(conn: psycopg.Connection[Any], label: str) -> list[Term] | None:
    """The team's glossary, for the project's to take what it lacks; a failure leaves the project's as it is."""
    from workbench.core.team.team_glossary import team_terms

    try:
        return team_terms(conn, label)
    except WorkbenchError as exc:
        log.warning("team glossary not read with the sync: %s", exc)
        return None


def _refresh_memory_cache(conn: psycopg.Connection[Any], label: str, done: Exchanged) -> Exchanged:
    """The team memory's changes since the last pull into the cache; a failure leaves the old cache."""
    from workbench.core.team.team_memory_cache import TeamMemoryCache
    from workbench.core.team.team_memory_sync import cache_path

    try:
        cache = TeamMemoryCache(cache_path())
        try:
            return replace(done, memory_pulled=cache.pull(conn, label).read)
        finally:
            cache.close()
    except WorkbenchError as exc:
        problem = "; ".join(p for p in (done.memory_problem, str(exc)) if p)
        return replace(done, memory_problem=problem)


def memory_outbox_for(project_server: str, memory_server: str) -> Path | None:
    """The outbox to send with a project's sync: when the project is on the server the team memory is on."""
    from workbench.core.team.server_connection import server_label
    from workbench.core.team.team_memory_sync import outbox_path

    if not memory_server:
        return None
    try:
        same = server_label(project_server) == server_label(memory_server)
    except TeamServerError:
        return None
    return outbox_path() if same else None


class TeamSync(QObject):
    """Syncs the window's team project on a timer and on demand, one sync at a time."""

    started = Signal()
    synced = Signal(object)  # SyncReport
    offline = Signal(str)  # the problem, for the status bar
    refused = Signal(str)  # the message naming the server, said once until a sync succeeds
    resolved = Signal(int)  # the id of a conflict the server now has settled
    ended = Signal()  # after every sync, whatever its outcome: the status is worth reading again
    glossary_taken = Signal()  # the team glossary added terms or translations to the project's

    def __init__(
        self,
        project: Project,
        open_connection: OpenConnection,
        memory_server: Callable[[], str] = str,
        parent: QObject | None = None,
        interval_minutes: int = 3,
    ) -> None:
        """`memory_server`: the settings' team server, where the team memory's outbox goes ("" for none);
        `interval_minutes`: how often it syncs by itself (the settings' team_sync_minutes; 0: never)."""
        super().__init__(parent)
        self.project = project
        self.open_connection = open_connection
        self.memory_server = memory_server
        self.runner: TaskRunner[str] = TaskRunner(self)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self._said = ""
        self._queued = False  # a sync asked for while one ran: it follows
        self._queued_resolutions: list[Resolution] = []
        self.timer = QTimer(self)
        self.timer.setInterval(max(interval_minutes, 1) * 60 * 1000)
        self.timer.timeout.connect(self.start)
        if self.is_team_project() and interval_minutes > 0:
            self.timer.start()

    def is_team_project(self) -> bool:
        return read_link(self.project.connection) is not None

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def start(self, resolution: Resolution | None = None) -> bool:
        """Start a sync (with an editor's resolution first); one asked for while another runs follows it."""
        link = read_link(self.project.connection)
        if link is None:
            return False
        if self.runner.busy:
            self._queued = True
            if resolution is not None:
                self._queued_resolutions.append(resolution)
            return True
        path, opener = self.project.path, self.open_connection
        outbox = memory_outbox_for(link.server, self.memory_server())
        self.runner.start(lambda _state: exchange(path, link, opener, resolution, outbox), "sync")
        self.started.emit()
        return True

    def shutdown(self) -> None:
        """The window closes: stop the timer and wait for a running exchange (its result is not applied)."""
        self.timer.stop()
        self._queued = False
        self._queued_resolutions.clear()
        for task_id in self.runner.tasks():
            self.runner.drop(task_id)
        self.runner.shutdown()

    def _finished(self, _task_id: int, outcome: object) -> None:
        from workbench.core.team.project_sync import apply_sync, record_problem

        try:
            if isinstance(outcome, Exchanged):
                report: SyncReport = apply_sync(self.project, outcome.link, outcome.pushed, outcome.batch)
                self._said = ""
                if outcome.glossary:
                    self._take_glossary(outcome.glossary)
                if outcome.memory_problem:
                    log.warning("team memory not sent with the sync: %s", outcome.memory_problem)
                if outcome.resolved is not None:
                    self.resolved.emit(outcome.resolved.conflict.id)
                self.synced.emit(report)
            elif isinstance(outcome, SyncFailed):
                record_problem(self.project, outcome.problem)
                if is_unreachable(outcome.problem) and outcome.resolved is None:
                    self.offline.emit(outcome.problem)
                else:
                    self._say(str(TeamServerError(outcome.server, outcome.problem)), outcome.resolved is not None)
        except WorkbenchError as exc:  # the project file could not take it (full disk, ...): nothing half-written
            self._say(str(exc), False)
        finally:
            self.ended.emit()
            self._follow_up()

    def _take_glossary(self, team: list[Term]) -> None:
        """The team's terms the project lacks, into its glossary (its own translations are kept)."""
        from workbench.core.team.team_glossary import pull_into_project

        try:
            taken = pull_into_project(self.project, team)
        except WorkbenchError as exc:  # the project's glossary stays as it was; the sync stands
            log.warning("team glossary not taken into %s: %s", self.project.path.name, exc)
            return
        if taken.terms_added or taken.translations_added:
            self.glossary_taken.emit()

    def _failed(self, _task_id: int, message: str) -> None:
        try:
            self._say(message, False)
        finally:
            self.ended.emit()
            self._follow_up()

    def _say(self, message: str, always: bool) -> None:
        """A refusal once (the timer would repeat it every few minutes); a resolution's refusal every time."""
        if always or message != self._said:
            self._said = message
            self.refused.emit(message)

    def _follow_up(self) -> None:
        if not self._queued:
            return
        resolution = self._queued_resolutions.pop(0) if self._queued_resolutions else None
        self._queued = bool(self._queued_resolutions)
        self.start(resolution)
