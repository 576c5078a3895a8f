"""Control codes (U+000B from Word, U+0001 from a damaged file) never stop an export: imports drop them,
and every XML writer leaves out what XML 1.0 cannot hold, for text that got in another way."""

from __future__ import annotations

from pathlib import Path

import docx
from lxml import etree

from workbench.core.exporting.export_formats import export, handoff
from workbench.core.importing.file_import import import_files
from workbench.core.memory.glossary import Term, add_term
from workbench.core.ops.glossary_files import export_glossary
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project


def test_control_codes_are_dropped_on_import_and_left_out_of_every_xml_export(tmp_path: Path) -> None:
    source = tmp_path / "tin.txt"
    source.write_bytes("Núi Cấm\x0bcao.\x01\n\nChợ nổi họp sớm.\n".encode())
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        import_files(project, [source])
        first, second = project.segments()
        assert first.source == "Núi Cấm cao."  # the vertical tab separated two words
        # Text that reached the project another way (an older version, a merge, the clipboard):
        project.save_translation(first.id, "km", "ភ្នំគូលែន\x0bខ្ពស់។\x01", Status.APPROVED, Origin.HUMAN, "Dara")
        project.save_translation(second.id, "km", "ផ្សារ\x02បណ្តែតទឹក។", Status.APPROVED, Origin.HUMAN, "Dara")
        add_term(project, Term("Núi\x0bCấm", {"km": "ភ្នំ\x01គូលែន"}, note="tên\x1bnúi"))
        document = project.documents()[0].id
        for fmt, name in (("xliff", "out.xlf"), ("tmx", "out.tmx"), ("html", "out.html")):
            export(project, fmt, ["km"], tmp_path / name, document if fmt == "html" else None)
        export(project, "docx", ["km"], tmp_path / "out.docx", document)
        handoff(project, "xliff", "km", tmp_path / "handoff.xlf")
        export_glossary(project, tmp_path / "terms.tbx")
    for name in ("out.xlf", "out.tmx", "handoff.xlf", "terms.tbx"):
        text = "".join(etree.parse(str(tmp_path / name)).getroot().itertext())  # a strict XML parser reads it
        assert "\x01" not in text and "\x0b" not in text, name
    assert "ភ្នំគូលែន ខ្ពស់។" in "".join(etree.parse(str(tmp_path / "out.xlf")).getroot().itertext())
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    assert "ភ្នំគូលែន ខ្ពស់។" in paragraphs[0] and "\x01" not in paragraphs[0]
    assert "\x02" not in (tmp_path / "out.html").read_text(encoding="utf-8")
