"""`team glossary push|pull`: a project's terms shared through the server, a project's own never replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.team.conftest import TeamServer
from workbench.commands.main import main
from workbench.core.memory.glossary import Term, add_term, terms
from workbench.core.store.project_store import Project
from workbench.core.team.server_connection import connect


def _project(path: Path, glossary: list[Term]) -> Path:
    with Project.create(path, path.stem, "vi", ["en", "km"]) as project:
        for term in glossary:
            add_term(project, term)
    return path


def test_terms_go_through_the_team_glossary_and_an_approved_translation_is_the_one_pulled(
    team_server: TeamServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    translator, editor = team_server.add_login("translator"), team_server.add_login("editor")
    first = _project(tmp_path / "a.wbp", [
        Term("Ủy ban nhân dân tỉnh", {"en": "Provincial People's Committee"}),
        Term("Sở Y tế", {"en": "Health Department", "km": "មន្ទីរសុខាភិបាល"}),
    ])  # fmt: skip
    assert main(["team", "glossary", "push", str(first), "--server", team_server.login_url(translator)]) == 0
    assert "2 term(s) sent, 3 translation(s) new to the team glossary" in capsys.readouterr().out
    second = _project(tmp_path / "b.wbp", [Term("Sở y tế", {"en": "Department of Health"})])
    assert main(["team", "glossary", "push", str(second), "--server", team_server.login_url(editor)]) == 0
    # an editor approves the other translation; a translator may not approve, nor change one
    url = team_server.login_url(translator)
    for command in (
        "UPDATE wb.glossary_terms SET approved_by = current_user",
        "UPDATE wb.glossary_terms SET translation = 'x'",
        "DELETE FROM wb.glossary_terms",
    ):
        done = team_server.cluster.psql(url, command)
        assert done.returncode != 0 and "permission denied" in done.stderr, command
    with connect(team_server.login_url(editor)) as conn:
        conn.execute(
            "UPDATE wb.glossary_terms SET approved_by = current_user WHERE translation = 'Department of Health'"
        )
    third = _project(tmp_path / "c.wbp", [Term("Ủy ban nhân dân tỉnh", {"en": "Province Committee"})])
    capsys.readouterr()
    assert main(["team", "glossary", "pull", str(third), "--server", url]) == 0
    out = capsys.readouterr().out
    assert "2 team term(s); 1 term(s) and 0 translation(s) added to c.wbp" in out
    assert 'kept Ủy ban nhân dân tỉnh (en): "Province Committee"; the team\'s: "Provincial People\'s Committee"' in out
    with Project.open(third, read_only=True) as project:
        pulled = {t.source: t.targets for t in terms(project)}
    assert pulled == {
        "Ủy ban nhân dân tỉnh": {"en": "Province Committee"},  # its own, kept
        # the approved en (written as its row writes the term), the only km
        "Sở y tế": {"en": "Department of Health", "km": "មន្ទីរសុខាភិបាល"},
    }
