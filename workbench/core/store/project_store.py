"""`Project`: the one object the rest of the workbench holds for an open project file.

It is composed of one class per job, each in its own module: the file (project_file: open, lock,
upgrade, transaction), segment reads (segment_queries), documents and re-imports (documents),
single translation saves (translations) and counts (stats). Operations that span several of these
(approve, merge, pre-translate) are functions in core/ops that take a `Project`.
"""

from __future__ import annotations

from workbench.core.store.stats import ProjectStats
from workbench.core.store.translations import TranslationWrites


class Project(ProjectStats, TranslationWrites):
    """An open project file. Use `Project.create` or `Project.open`, and close it (or use `with`)."""

    def read_back_everything(self) -> None:
        """Every segment and paragraph read as the window and the exports read them (check-project): a value
        that SQLite keeps fine but that does not parse back raises ProjectDamaged."""
        total = self._db.execute("SELECT count(*) FROM segments WHERE position IS NOT NULL").fetchone()[0]
        for offset in range(0, total, 5000):
            self.segments(offset=offset, limit=5000)
        for doc in self.documents():
            self.paragraphs(doc.id)
