"""The MT commands as a translator types them: install a model offline, convert it, pre-translate, resume."""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import signal
import subprocess
import sys
import time
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

    def interrupt(number: signal.Signals) -> str:
        """Start a translation, let it finish a batch or more, then send the signal; returns stderr."""
        # Started as a background job is: with SIGINT ignored, which Python would otherwise inherit and obey.
        child = subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), "translate", "p.wbp", "--to", "km", "--model", "tiny-nllb"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
        )
        assert child.stderr is not None
        seen = ""
        while not re.search(r"\] ([1-9]\d*)/\d+ segments", seen):
            seen += child.stderr.read(1)
            assert child.poll() is None, seen
        child.send_signal(number)
        _out, err = child.communicate(timeout=60)
        assert child.returncode == 128 + number, err
        assert "run the same command to continue" in err
        return err

    def km_statuses() -> list[str]:
        listed = run("segments", "p.wbp", "--json", cwd=tmp_path, env=env).stdout.splitlines()
        return [json.loads(line)["translations"]["km"]["status"] for line in listed]

    # Ctrl+C in the middle, then a `kill`: what was finished stays, the next run goes on from there.
    interrupt(signal.SIGINT)
    after_ctrl_c = km_statuses().count("draft")
    assert 0 < after_ctrl_c < 200
    interrupt(signal.SIGTERM)
    assert after_ctrl_c < km_statuses().count("draft") < 200

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
    result = run("bench", "--architecture", "tiny", "--pairs", "3", cwd=tmp_path, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"^  raw on equal = best found: \d+x\d+ ", out, re.M), out
    for workload, modes in (("equal", ("greedy", "beam 4")), ("mixed", ("greedy",))):
        assert re.search(rf"^  {workload}: \d+ segments -> \d+ pieces", out, re.M), out
        for mode in modes:
            after = out.split(f"\n  {workload} {mode}:\n", 1)[1].splitlines()
            block = "\n".join(itertools.takewhile(lambda line: line.startswith("    "), after))
            for kind in ("raw", "pipeline"):
                row = re.search(
                    rf"^    {kind} +wall ([\d.]+) \(([\d.]+)-([\d.]+)\) s  cpu [\d.]+ \([\d.]+-[\d.]+\) s .*\(n=3\)$",
                    block,
                    re.M,
                )
                assert row, block
                median, low, high = (float(n) for n in row.groups())
                assert math.isfinite(median) and low <= median <= high
            assert re.search(r"pipeline/raw speed: wall [\d.]+ \(pairs .*\); cpu [\d.]+ \(pairs ", block), block
    assert "transformers fp32 reference" in out and re.search(r"peak memory .*: raw \d+ MB, pipeline \d+ MB", out)
    urgent = re.search(r"during a pre-translation: median ([\d.]+) s, worst ([\d.]+) s \(of (\d+)\)", out)
    assert urgent, out
    median, worst, tries = float(urgent.group(1)), float(urgent.group(2)), int(urgent.group(3))
    assert math.isfinite(worst) and 0 <= median <= worst and tries > 0


def test_without_the_convert_extra_install_and_convert_say_what_to_install(tiny, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An office PC with the plain install: no torch, no transformers (blocked here as if not installed)."""
    env = {**os.environ, "WORKBENCH_MODELS_DIR": str(tmp_path / "models")}
    without_extra = (
        "import sys; sys.modules.update(torch=None, transformers=None, safetensors=None); "
        "from workbench.commands.main import main; sys.exit(main(sys.argv[1:]))"
    )

    def plain(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", without_extra, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=300
        )

    installed = plain("models", "install", str(tiny.nllb), "--name", "tiny-nllb")
    assert installed.returncode == 0, installed.stderr
    assert "pip install -e '.[convert]'" in installed.stdout and "torch" in installed.stdout
    converted = plain("models", "convert", "tiny-nllb")
    assert converted.returncode == 2
    assert "Traceback" not in converted.stderr and "NameError" not in converted.stderr
    assert "pip install -e '.[convert]'" in converted.stderr and "torch, transformers" in converted.stderr
    assert not (tmp_path / "models" / "tiny-nllb-ct2-int8").exists()


def test_a_second_signal_ends_a_command_at_once_even_inside_a_long_call(tmp_path: Path) -> None:
    """A beam search can keep the main thread in C++ for minutes: the second Ctrl+C or kill must not wait."""
    script = (
        "import sys, time\n"
        "from workbench.commands.stopping import stop_on_signals\n"
        "with stop_on_signals() as stop:\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(60)  # stands for one long batch\n"
        "    print('finished the batch', flush=True)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )  # fmt: skip
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    child.send_signal(signal.SIGINT)  # the first asks to stop after the step: the batch goes on
    time.sleep(0.5)
    assert child.poll() is None
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=10)
    assert child.returncode == 128 + signal.SIGTERM and "finished the batch" not in out
    assert "stopped at once: every finished batch is saved" in err
