"""`team memory push|pull|lookup|stats` as a translator types them, online and with the server out of reach."""

from __future__ import annotations

import pytest

from tests.team.conftest import TeamServer
from workbench.commands.main import main
from workbench.core.team.memory_outbox import MemoryOutbox, TeamUnit
from workbench.core.team.team_memory_sync import outbox_path

UNITS = [
    TeamUnit("Ủy ban nhân dân huyện họp vào sáng thứ Hai.", "The district committee meets on Monday morning.", "en"),
    TeamUnit(
        "Sở Y tế tỉnh thông báo lịch tiêm chủng.", "The health department announces the vaccination schedule.", "en"
    ),
]


def test_a_translator_pushes_pulls_and_looks_up_and_offline_the_cache_answers(
    team_server: TeamServer, capsys: pytest.CaptureFixture[str]
) -> None:
    translator = team_server.add_login("translator")
    assert main(["settings", "--team", team_server.login_url(translator, tcp=True)]) == 0
    assert main(["team", "memory", "push"]) == 0
    assert "nothing waits for the team memory" in capsys.readouterr().out

    MemoryOutbox(outbox_path()).queue(UNITS)
    assert main(["team", "memory", "stats"]) == 0
    assert "0 unit(s) (none)" in capsys.readouterr().out
    assert main(["team", "memory", "push"]) == 0
    assert "2 unit(s) sent, 2 new, 0 approved" in capsys.readouterr().out
    assert main(["team", "memory", "stats"]) == 0
    out = capsys.readouterr().out
    assert "2 unit(s) (en 2), 0 approved, 1 author(s)" in out and "waiting in this desktop's outbox: 0" in out

    assert main(["team", "memory", "pull"]) == 0
    assert "2 unit(s) read, 2 new in the cache (2 in all)" in capsys.readouterr().out
    query = "Ủy ban nhân dân huyện họp vào chiều thứ Hai."
    assert main(["team", "memory", "lookup", query, "--to", "en"]) == 0
    out = capsys.readouterr().out
    assert "your shared memory: 0 match(es)" in out
    assert "team memory (" in out and "The district committee meets on Monday morning." in out
    assert f"({translator.name})" in out

    closed = f"postgresql://{translator.name}@127.0.0.1:1/{team_server.name}?connect_timeout=2"
    assert main(["team", "memory", "lookup", query, "--to", "en", "--server", closed]) == 0
    out = capsys.readouterr().out
    assert "team memory: the local cache (pulled " in out and "the server refused the connection" in out
    assert "The district committee meets on Monday morning." in out
    assert main(["team", "memory", "push", "--server", closed]) == 0  # nothing waits: the server is not asked
    MemoryOutbox(outbox_path()).queue(UNITS[:1])
    assert main(["team", "memory", "push", "--server", closed]) == 2
    assert "the server refused the connection" in capsys.readouterr().err
    assert MemoryOutbox(outbox_path()).count() == 1  # still waiting for the next push
