"""PO export: approved text only (or fuzzy on request), a correct header, unique entries, PO files back
with their own context, references and plurals; msgfmt --check passes and polib reads it back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.importing import prepare_import
from workbench.core.po_export import export_po
from workbench.core.project_store import Project
from workbench.core.records import Origin, Status

PO_SOURCE = """msgid ""
msgstr ""
"Language: vi\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#. the site's menu
#: menu.py:12
msgctxt "menu"
msgid "Trang chủ"
msgstr ""

#: news.py:40
msgid "Có %d tin mới"
msgid_plural "Có %d tin mới"
msgstr[0] ""

#: footer.py:3
#, python-format
msgid "Liên hệ: %s"
msgstr ""
"""


def _msgfmt_ok(path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_prose_exports_only_approved_text_with_unique_contexts(tmp_path: Path) -> None:
    source = tmp_path / "tin.txt"
    source.write_text("Câu một.\n\nCâu một.\n\nCâu hai.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "Tin An Giang", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        first, _second, third = project.segment_ids()
        project.save_translation(first, "km", "ប្រយោគមួយ។", Status.APPROVED, Origin.HUMAN, "Dara")
        project.save_translation(third, "km", "ប្រយោគពីរ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
        out = tmp_path / "tin.km.po"
        report = export_po(project, "km", out, translator="Chị Hoa")
        _msgfmt_ok(out)
        po = polib.pofile(str(out))
        assert po.metadata["Language"] == "km" and po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
        assert po.metadata["Last-Translator"] == "Chị Hoa" and po.metadata["X-Generator"] == "Translation Workbench"
        assert [(e.msgctxt, e.msgid, e.msgstr) for e in po] == [
            ("tin.txt:1", "Câu một.", "ប្រយោគមួយ។"),
            ("tin.txt:2", "Câu một.", ""),
            ("tin.txt:3", "Câu hai.", ""),
        ]
        assert ("tin.txt", 3, "translated (not approved)") in report.left_out
        fuzzy = tmp_path / "fuzzy.po"
        export_po(project, "km", fuzzy, include_unapproved=True)
        _msgfmt_ok(fuzzy)
        entry = polib.pofile(str(fuzzy)).find("Câu hai.", msgctxt="tin.txt:3")
        assert entry is not None and entry.msgstr == "ប្រយោគពីរ។" and "fuzzy" in entry.flags
        with pytest.raises(WorkbenchError, match="imported source file"):
            export_po(project, "km", source)


def test_an_imported_po_file_goes_back_with_its_context_references_and_plurals(tmp_path: Path) -> None:
    source = tmp_path / "site.po"
    source.write_text(PO_SOURCE, encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "site", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        segments = project.segments()
        texts = ["Home", "%d new article", "%d new articles", "Contact: %s"]
        for segment, text in zip(segments, texts, strict=True):
            project.save_translation(segment.id, "en", text, Status.APPROVED, Origin.HUMAN, "Lan")
        out = tmp_path / "site.en.po"
        export_po(project, "en", out)
        _msgfmt_ok(out)
        po = polib.pofile(str(out))
        home = po.find("Trang chủ", msgctxt="menu")
        assert home is not None and home.msgstr == "Home" and home.occurrences == [("menu.py", "12")]
        assert home.comment == "the site's menu"
        plural = po.find("Có %d tin mới")
        assert plural is not None and plural.msgstr_plural == {0: "%d new article", 1: "%d new articles"}
        contact = po.find("Liên hệ: %s")
        assert contact is not None and "python-format" in contact.flags and contact.msgstr == "Contact: %s"
