"""`settings --model` with an installed model or route that cannot serve the language is kept (as a name not
installed yet is) but said so at once, instead of only when a translation is refused later."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mt.test_routes_cli import env, run

__all__ = ["env"]  # the fixture, shared with test_routes_cli


@pytest.mark.parametrize(
    ("choice", "note"),
    [
        ("km=opus-mt-vi-en-tiny", "cannot use opus-mt-vi-en-tiny for vi->km: opus-mt-vi-en-tiny translates vi-en"),
        ("km=vi-en-km:tiny-nllb+opus-mt-vi-en-tiny", "cannot use opus-mt-vi-en-tiny for en->km"),
    ],
)
def test_an_installed_choice_that_cannot_serve_the_language_is_noted_by_name(
    tmp_path: Path, env: dict[str, str], choice: str, note: str
) -> None:
    result = run("settings", "--model", choice, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "note: the choice for km cannot be used" in result.stdout and note in result.stdout, result.stdout


def test_a_choice_that_serves_the_language_gets_no_note(tmp_path: Path, env: dict[str, str]) -> None:
    result = run("settings", "--model", "km=tiny-nllb", "--model", "en=opus-mt-vi-en-tiny", cwd=tmp_path, env=env)
    assert result.returncode == 0 and "note:" not in result.stdout, result.stdout
