"""The project's errors cross a process boundary whole: a failure in a worker process (the team soak's
desktops, a pool of readers) reaches the parent with its message, instead of hanging the pool."""

from __future__ import annotations

import multiprocessing

import pytest

from workbench.core.errors import ImportProblem, ProjectError, TeamServerError, WorkbenchError


def _fail(error: WorkbenchError) -> None:
    raise error


@pytest.mark.parametrize(
    "error",
    [
        TeamServerError("lan@office/workbench", "the connection was lost"),
        ImportProblem("tin.docx", "is damaged"),
        ProjectError("angiang.wbp is locked"),
    ],
)
def test_an_error_raised_in_a_worker_process_reaches_the_parent_with_its_message(error: WorkbenchError) -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool, pytest.raises(type(error)) as raised:
        pool.apply(_fail, (error,))
    assert str(raised.value) == str(error)
    assert vars(raised.value) == vars(error)
