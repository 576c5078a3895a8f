"""The plain install (`pip install -e .`, no extras) gives a program whose every command imports.

A module-level import of a package that only an extra (convert, test) brings is a program that fails on
a fresh office PC while the tests, which install everything, stay green. This reads every module of
the package and checks each imported distribution against `dependencies` in pyproject.toml.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: Modules that are the convert extra's own (the transformers reference backend): only ever imported inside
#: a function that turns the ImportError into a message saying which extra to install.
EXTRA_ONLY = {"workbench/mt/transformers_engine.py"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _module_level_imports(path: Path) -> set[str]:
    """Top-level package names imported when the module is imported (not inside functions)."""
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.If | ast.Try | ast.With):  # still run at import time
                for block in ("body", "orelse", "finalbody", "handlers"):
                    for child in getattr(node, block, []):
                        visit(child.body if isinstance(child, ast.ExceptHandler) else [child])

    tree = ast.parse(path.read_text(encoding="utf-8"))
    visit([n for n in tree.body if not (isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test))])
    return found


def test_every_module_level_import_is_a_runtime_dependency() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    distributions = packages_distributions()
    missing: dict[str, set[str]] = {}
    for path in sorted((REPO / "workbench").rglob("*.py")):
        if str(path.relative_to(REPO)) in EXTRA_ONLY:
            continue
        for package in _module_level_imports(path):
            if package in sys.stdlib_module_names or package in ("workbench", "__future__"):
                continue
            names = {_name(d) for d in distributions.get(package, [package])}
            if not names & runtime:
                missing.setdefault(str(path.relative_to(REPO)), set()).update(names)
    assert missing == {}, f"imported at module level but not in [project].dependencies: {missing}"


def test_the_audit_sees_an_import_that_only_an_extra_provides(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import os\nimport torch\ntry:\n    import docx\nexcept ImportError:\n    pass\n\ndef f():\n    import transformers\n"
    )
    assert _module_level_imports(module) == {"os", "torch", "docx"}


def test_modules_of_the_convert_extra_are_imported_only_where_the_program_asks_for_it() -> None:
    extra_only = {p.removesuffix(".py").replace("/", ".") for p in EXTRA_ONLY}
    importing = []
    for path in sorted((REPO / "workbench").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            importing += [str(path.relative_to(REPO)) for name in names if name in extra_only]
    assert importing == []


def test_every_runtime_dependency_is_used() -> None:
    """`dependencies` lists what the program imports, nothing a fresh install would carry for no reason."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    distributions = packages_distributions()
    used: set[str] = set()
    for path in (REPO / "workbench").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                packages = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                packages = [node.module.split(".")[0]]
            else:
                continue
            used.update(_name(d) for p in packages for d in distributions.get(p, [p]))
    assert {_name(r) for r in project["dependencies"]} - used == set()
