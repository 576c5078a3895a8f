"""The MT commands as a translator types them: install a model offline, convert it, pre-translate, resume."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_install_convert_translate_and_resume(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    installed = run("models", "install", str(tiny.nllb), "--name", "tiny-nllb", cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stderr
    assert "licence: unknown" in installed.stdout
    converted = run("models", "convert", "tiny-nllb", cwd=tmp_path, env=env)
    assert converted.returncode == 0, converted.stderr
    listing = run("models", "list", cwd=tmp_path, env=env)
    assert "opus-mt-vi-en" in listing.stdout and "CC-BY-NC-4.0" in listing.stdout
    assert "tiny-nllb-ct2-int8" in listing.stdout

    assert run("new", "p.wbp", cwd=tmp_path, env=env).returncode == 0
    text = "\n\n".join(f"Đoạn {i}: du khách đến An Giang năm 2023 theo Kế hoạch số {i}/KH-UBND." for i in range(200))
    (tmp_path / "bai.txt").write_text(text, encoding="utf-8")
    assert run("import", "p.wbp", "bai.txt", cwd=tmp_path, env=env).returncode == 0

    # Ctrl+C in the middle: what was finished stays, the next run goes on from there.
    child = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "translate", "p.wbp", "--to", "km", "--model", "tiny-nllb"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    seen = ""
    while not re.search(r"\] ([1-9]\d*)/200 segments", seen):
        seen += child.stderr.read(1)
        assert child.poll() is None, seen
    child.send_signal(signal.SIGINT)
    _out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "run the same command to continue" in err

    def km_statuses() -> list[str]:
        listed = run("segments", "p.wbp", "--json", cwd=tmp_path, env=env).stdout.splitlines()
        return [json.loads(line)["translations"]["km"]["status"] for line in listed]

    after_stop = km_statuses()
    assert 0 < after_stop.count("draft") < 200
    resumed = run("translate", "p.wbp", "--to", "km", "--model", "tiny-nllb", "--beam", "1", cwd=tmp_path, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert f"km: {200 - after_stop.count('draft')} segments to draft" in resumed.stdout
    assert km_statuses() == ["draft"] * 200
    first = json.loads(run("segments", "p.wbp", "--json", "--limit", "1", cwd=tmp_path, env=env).stdout)
    assert first["translations"]["en"]["status"] == "untranslated"


def test_translate_without_an_installed_model_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    run("new", "p.wbp", cwd=tmp_path, env=env)
    result = run("translate", "p.wbp", "--to", "en", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "opus-mt-vi-en is not installed" in result.stderr and "models install PATH" in result.stderr
    assert "Traceback" not in result.stderr


def test_pickled_model_is_refused_by_the_cli(tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    folder = tmp_path / "old-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "marian"}')
    (folder / "pytorch_model.bin").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    result = run("models", "install", str(folder), cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "pytorch_model.bin" in result.stderr and "pickle can run any code" in result.stderr


def test_mt_benchmark_prints_its_figures(tmp_path: Path) -> None:
    result = run("bench", "--architecture", "tiny", cwd=tmp_path, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    for figure in (
        "transformers fp32",
        "CTranslate2 (raw)",
        "our pipeline",
        "tok/s",
        "peak MB",
        "during a pre-translation",
    ):
        assert figure in result.stdout
