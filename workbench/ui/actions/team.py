"""The Team menu and the team status in the status bar, for a project shared on a team server.

Team > Sync now (F5) and the timer start the background sync (ui/team_sync); Team > Conflicts… opens the
conflicts view. The status bar says "Team: synced 5 min ago, 2 changes waiting, 1 conflict" from the
project file (core team_status), read again after every change the window shows, after every sync, and
each minute (so "5 min ago" stays true). A project that is not shared has the menu's commands disabled and
no team status.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from workbench.core.changes import SegmentChanges
from workbench.core.errors import WorkbenchError
from workbench.core.team.sync_status import team_status
from workbench.ui.actions.new_action import new_action
from workbench.ui.error_dialog import show_error
from workbench.ui.team_status_line import status_line, status_tip
from workbench.ui.team_sync import Resolution, TeamSync
from workbench.ui.window_context import WindowContext

if TYPE_CHECKING:
    from workbench.core.team.project_sync import SyncReport
    from workbench.ui.conflicts_dialog import ConflictsDialog

#: the status line is read again at most this often while changes pour in (a pre-translation's batches)
STATUS_REFRESH_MS = 300
CLOCK_REFRESH_MS = 60 * 1000


class TeamActions(QObject):
    def __init__(self, window: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.sync = TeamSync(
            window.project,
            window.context.open_team_connection,
            lambda: window.settings.team_server,
            self,
            interval_minutes=window.settings.team_sync_minutes,
        )
        self.sync_action = new_action(self, self.tr("&Sync now"), self.sync_now, "F5")
        self.conflicts_action = new_action(self, self.tr("&Conflicts…"), self.open_conflicts, "Ctrl+Shift+K")
        self.shared = shared = self.sync.is_team_project()
        for action in (self.sync_action, self.conflicts_action):
            action.setEnabled(shared)
            if not shared:
                action.setToolTip(self.tr("This project is not shared on a team server (team publish shares it)"))
        self.label = QLabel()
        if not shared:
            self.label.hide()  # explicitly: the status bar keeps it hidden
        self.dialog: ConflictsDialog | None = None
        self._manual = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.timeout.connect(self.refresh_status)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_REFRESH_MS)
        self._clock.timeout.connect(self.refresh_status)
        self.sync.started.connect(self.refresh_status)
        self.sync.synced.connect(self._synced)
        self.sync.glossary_taken.connect(lambda: self.window.apply(SegmentChanges(glossary=True)))
        self.sync.offline.connect(self._offline)
        self.sync.refused.connect(self._refused)
        self.sync.ended.connect(self._ended)
        if shared:
            self._clock.start()
            self.refresh_status()
            QTimer.singleShot(0, self.sync.start)  # a sync as the project opens: what others did meanwhile

    def status_widgets(self) -> list[QLabel]:
        return [self.label]

    def changes_shown(self, changes: SegmentChanges) -> None:
        """The window showed a change: the count of waiting changes may have moved."""
        if changes and self.shared and not self._refresh_timer.isActive():
            self._refresh_timer.start(STATUS_REFRESH_MS)

    def refresh_status(self) -> None:
        if not self.shared or self.window.is_closing:
            return
        try:
            status = team_status(self.window.project)
        except WorkbenchError as exc:
            self.label.setText(self.tr("Team: {0}").format(exc))
            return
        self.label.setText(status_line(status, syncing=self.sync.busy))
        self.label.setToolTip(status_tip(status))

    def sync_now(self) -> None:
        self._manual = True
        if self.sync.start():
            self.window.show_status(self.tr("Syncing with the team server…"), 3000)

    def open_conflicts(self) -> None:
        from workbench.ui.conflicts_dialog import ConflictsDialog  # psycopg: loaded when asked

        if self.dialog is None:
            self.dialog = ConflictsDialog(
                self.window.project, self.resolve, self.window.names, self.window.dialog_parent()
            )
        else:
            self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def resolve(self, resolution: Resolution) -> None:
        self.sync.start(resolution)

    def shutdown(self) -> None:
        self._clock.stop()
        self._refresh_timer.stop()
        self.sync.shutdown()
        if self.dialog is not None:
            self.dialog.close()

    def _synced(self, report: SyncReport) -> None:
        if report.applied:  # others' texts written here: the rows on screen show them
            self.window.apply(SegmentChanges.of(self.window.grid_ids()))
        if self._manual:
            self.window.show_status(
                self.tr("Synced: {0} sent, {1} received, {2} open conflict(s)").format(
                    report.sent + report.proposed, report.applied, report.open_conflicts
                ),
                6000,
            )

    def _offline(self, problem: str) -> None:
        if self._manual:
            self.window.show_status(self.tr("The team server cannot be reached: {0}").format(problem), 8000)

    def _refused(self, message: str) -> None:
        if not self.window.is_closing:
            show_error(self.window.dialog_parent(), self.tr("Team sync"), message)

    def _ended(self) -> None:
        self._manual = False
        self.refresh_status()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.resolution_ended()
