"""The core and the MT layer must run without Qt: a test imports every module with PySide6 blocked."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import workbench.core
import workbench.mt

REPO = Path(__file__).resolve().parents[2]


def test_core_and_mt_import_with_pyside6_blocked() -> None:
    modules = [
        info.name
        for package in (workbench.core, workbench.mt)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]
    assert "workbench.core.store.project_store" in modules
    script = "import sys\nsys.modules['PySide6'] = None\n" + "".join(f"import {m}\n" for m in modules)
    script += "assert not any(name.startswith('PySide6') and sys.modules[name] for name in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
