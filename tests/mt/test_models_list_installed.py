"""`models list` shows a model installed from a folder of its own (not in the catalogue) as a user needs it:
which directions it translates and a licence column that is not cut mid-word."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main as cli_main
from workbench.context import AppContext
from workbench.mt.model_store import ModelStore


def test_a_model_of_ones_own_shows_its_directions_and_an_unknown_licence_whole(
    tiny,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    store = ModelStore(tmp_path / "models")
    store.install(tiny.marian_ct2, name="office-vi-en")
    store.install(tiny.nllb_ct2_int8, name="office-nllb")
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    assert cli_main(["models", "list"], AppContext.load()) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("office-")}
    assert rows["office-vi-en"].split()[1:3] == ["unknown", "vi-en"], rows
    assert rows["office-nllb"].split()[1:3] == ["unknown", "vi-en,vi-km,en-km"], rows
    assert "unknown: check the model's own licence" in out  # said once, in full, under the table
