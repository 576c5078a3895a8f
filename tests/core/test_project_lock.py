"""One writer per project: the lock holds against processes racing for it and against planted links."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.core.errors import ProjectError, ProjectLocked
from workbench.core.store.project_lock import ProjectLock
from workbench.core.store.project_store import Project

REPO = Path(__file__).resolve().parents[2]

#: Each racer takes the lock as often as it can for a few seconds; while holding it, it makes a marker
#: file that only one process at a time can make (O_EXCL): a second holder finds it there.
RACER = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path
    from workbench.core.errors import ProjectLocked
    from workbench.core.store.project_lock import ProjectLock

    project, marker, seconds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    held = overlaps = refused = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lock = ProjectLock(project)
        try:
            lock.acquire()
        except ProjectLocked:
            refused += 1
            continue
        held += 1
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            overlaps += 1
        else:
            os.close(fd)
            os.unlink(marker)
        lock.release()
    print(json.dumps({"held": held, "overlaps": overlaps, "refused": refused}))
    """
)


def test_four_processes_racing_for_the_lock_never_hold_it_at_once(tmp_path: Path) -> None:
    project = tmp_path / "p.wbp"
    project.write_bytes(b"")
    marker = tmp_path / "holder"
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(project), str(marker), "3"], stdout=subprocess.PIPE, text=True, cwd=REPO
        )
        for _ in range(4)
    ]
    results = [json.loads(racer.communicate(timeout=60)[0]) for racer in racers]
    held = sum(r["held"] for r in results)
    assert held > 200 and sum(r["refused"] for r in results) > 200  # they really raced
    assert sum(r["overlaps"] for r in results) == 0, results
    assert not (tmp_path / "p.wbp.lock").exists()  # the last one out leaves the folder as it was


def test_a_planted_symbolic_link_is_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "p.wbp"
    Project.create(path, "p", "vi", ["en"]).close()
    victim = tmp_path / "thesis.docx"
    victim.write_bytes(b"years of work")
    (tmp_path / "p.wbp.lock").symlink_to(victim)
    with pytest.raises(ProjectError, match=r"p\.wbp\.lock is a symbolic link, not a lock the workbench made"):
        Project.open(path)
    assert victim.read_bytes() == b"years of work"
    (tmp_path / "p.wbp.lock").unlink()
    (tmp_path / "p.wbp.lock").symlink_to(tmp_path / "not-yet-there")  # a dangling link would create its target
    with pytest.raises(ProjectError, match="symbolic link"):
        Project.open(path)
    assert not (tmp_path / "not-yet-there").exists()


def test_a_planted_second_name_of_another_file_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "p.wbp"
    Project.create(path, "p", "vi", ["en"]).close()
    victim = tmp_path / "thesis.docx"
    victim.write_bytes(b"years of work")
    os.link(victim, tmp_path / "p.wbp.lock")
    with pytest.raises(ProjectError, match="not a lock file the workbench made"):
        Project.open(path)
    assert victim.read_bytes() == b"years of work"


def test_the_second_writer_is_told_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "p.wbp"
    first = ProjectLock(path)
    first.acquire()
    with pytest.raises(ProjectLocked, match=rf"p.wbp is open in another window or command \(.* process {os.getpid()}"):
        ProjectLock(path).acquire()
    first.release()
    again = ProjectLock(path)
    again.acquire()
    again.release()


def test_a_folder_where_the_lock_file_goes_is_named(tmp_path: Path) -> None:
    Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]).close()
    (tmp_path / "p.wbp.lock").mkdir()
    with pytest.raises(ProjectError, match=r"p\.wbp\.lock is a folder; remove or rename it"):
        Project.open(tmp_path / "p.wbp")
