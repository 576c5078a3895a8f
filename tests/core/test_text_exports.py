"""Plain text, CSV and TMX exports: approved text only unless asked, the fallback chosen by the editor,
read back with independent readers (csv, the TMX reader)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from workbench.core.exporting.text_exports import PLACEHOLDER, export_csv, export_project_tmx, export_text
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.tmx import read_tmx
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

TEXT = "Núi Cấm cao. Chùa đẹp.\n\nChợ nổi họp sớm.\n"


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "an-giang.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    first, second, third = project.segment_ids()
    project.save_translation(first, "en", "Cam Mountain is high.", Status.APPROVED, Origin.HUMAN, "Lan")
    project.save_translation(second, "en", "The pagoda is beautiful.", Status.TRANSLATED, Origin.HUMAN, "Lan")
    project.save_translation(third, "en", "The floating market opens early.", Status.APPROVED, Origin.HUMAN, "Lan")
    project.save_translation(first, "km", "ភ្នំកម្ពស់។", Status.APPROVED, Origin.HUMAN, "Dara")
    return project


def test_text_export_rebuilds_paragraphs_with_the_chosen_fallback(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        document = project.documents()[0].id
        report = export_text(project, "en", tmp_path / "out.txt", document)
        assert (tmp_path / "out.txt").read_text(encoding="utf-8") == (
            "Cam Mountain is high. Chùa đẹp.\n\nThe floating market opens early.\n"
        )
        assert report.left_out == [("an-giang.txt", 2, "en", "translated (not approved)")]
        export_text(project, "en", tmp_path / "marked.txt", document, fallback="placeholder")
        assert PLACEHOLDER in (tmp_path / "marked.txt").read_text(encoding="utf-8")
        export_text(project, "en", tmp_path / "all.txt", document, include_unapproved=True)
        assert "The pagoda is beautiful." in (tmp_path / "all.txt").read_text(encoding="utf-8")


def test_csv_and_tmx_exports_read_back(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        export_csv(project, "en", tmp_path / "out.csv")
        rows = list(csv.reader((tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()))
        assert rows[0] == ["document", "position", "source", "en", "status"]
        assert rows[1][2:] == ["Núi Cấm cao.", "Cam Mountain is high.", "approved"]
        assert rows[2][3] == ""  # translated, not approved: left out
        export_project_tmx(project, ["en", "km"], tmp_path / "out.tmx")
        units = read_tmx(tmp_path / "out.tmx")
        assert sorted((u.source, u.target_language, u.target) for u in units) == [
            ("Chợ nổi họp sớm.", "en", "The floating market opens early."),
            ("Núi Cấm cao.", "en", "Cam Mountain is high."),
            ("Núi Cấm cao.", "km", "ភ្នំកម្ពស់។"),
        ]


def test_the_export_command_writes_each_format(tmp_path: Path) -> None:
    _project(tmp_path).close()
    for fmt, extra in (("po", []), ("csv", []), ("tmx", []), ("txt", ["--document", "an-giang.txt"])):
        to = "en,km" if fmt == "tmx" else "en"
        done = subprocess.run(
            [sys.executable, str(REPO / "main.py"), "export", "p.wbp", "--to", to, "--format", fmt, "-o", f"out.{fmt}", *extra],
            cwd=tmp_path, capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"out.{fmt}").stat().st_size > 0
    refused = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "export", "p.wbp", "--to", "en", "--format", "txt", "-o", "an-giang.txt",
         "--document", "an-giang.txt"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert refused.returncode == 2 and "imported source file" in refused.stderr
    assert (tmp_path / "an-giang.txt").read_text(encoding="utf-8") == TEXT
