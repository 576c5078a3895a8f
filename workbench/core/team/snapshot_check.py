"""A published structure is checked before any desktop opens it: it holds no code the workbench did not write.

`team get` writes a snapshot from the server to disk and opens it as a project. The snapshot is whatever an
editor's login uploaded: a hand-crafted SQLite file could carry a trigger (run on every later edit of the
desktop: deleting texts, rewriting approvals) or a view standing in for one of the project's, and the format
number beside it is the uploader's word too. So every trigger and view in it must be, by name and by SQL,
one that a project file of this workbench has; and it must be a SQLite database at all. Tables and indexes
run no code and are left to the project checks that `Project.open` makes.
"""

from __future__ import annotations

import functools
import sqlite3
import tempfile
from pathlib import Path

from workbench.core.errors import TeamServerError
from workbench.core.store.project_store import Project

_SQLITE_MAGIC = b"SQLite format 3\x00"


@functools.cache
def project_code() -> frozenset[tuple[str, str, str]]:
    """(type, name, SQL) of every trigger and view a new project file of this workbench has."""
    with tempfile.TemporaryDirectory(prefix="wb-schema-") as folder:
        path = Path(folder) / "reference.wbp"
        with Project.create(path, "reference", "vi", ["en"]) as project:
            return frozenset(_code_of(project.connection))


def _code_of(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = db.execute("SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchall()
    return [(str(kind), str(name), " ".join(str(sql or "").split())) for kind, name, sql in rows]


def check_snapshot(path: Path, server: str, name: str) -> None:
    """TeamServerError naming the server and the project unless `path` (a snapshot just written) is a
    SQLite file whose triggers and views are all the workbench's own."""
    with path.open("rb") as handle:
        if handle.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise TeamServerError(server, f"the published structure of {name} is not a project file: refused")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = _code_of(db)
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise TeamServerError(server, f"the published structure of {name} is damaged ({exc}): refused") from exc
    known = project_code()
    strange = sorted(f"{kind} {item}" for kind, item, sql in found if (kind, item, sql) not in known)
    if strange:
        shown = ", ".join(strange[:3]) + (f" and {len(strange) - 3} more" if len(strange) > 3 else "")
        raise TeamServerError(
            server,
            f"the published structure of {name} holds code no workbench writes ({shown}): refused; "
            "ask an editor to publish the project again from an up-to-date workbench",
        )
