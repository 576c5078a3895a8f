"""PO export: approved text only (or fuzzy on request), a correct header, unique entries, PO files back
with their own context, references and plurals; msgfmt --check passes and polib reads it back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.exporting.po_export import export_po
from workbench.core.importing.file_import import prepare_import
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

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
        assert ("tin.txt", 3, "km", "translated (not approved)") in report.left_out
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


def test_a_cp1251_po_is_read_in_the_charset_its_header_declares(tmp_path: Path) -> None:
    source = tmp_path / "ru.po"
    header = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=CP1251\\n"\n\n'
    source.write_bytes((header + 'msgid "Xin chao"\nmsgstr "Здравствуйте"\n').encode("cp1251"))
    prepared = prepare_import(source)
    assert prepared.encoding == "cp1251"
    (translation,) = prepared.segments[0].translations
    assert (translation.language, translation.text) == ("ru", "Здравствуйте")


PO_WITH_HISTORY = """msgid ""
msgstr ""
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, fuzzy
#| msgid "Giờ mở cửa: %s"
msgid "Giờ mở cửa hôm nay: %s"
msgstr "Opening hours: %s"

msgid "Vé vào cửa"
msgstr "Admission"

#~ msgid "Bản đồ cũ"
#~ msgstr "Old map"
"""


def test_an_imported_po_goes_back_with_previous_msgids_obsolete_entries_and_fuzzy_text(tmp_path: Path) -> None:
    source = tmp_path / "site.po"
    source.write_text(PO_WITH_HISTORY, encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "site", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        out = tmp_path / "site.en.po"
        export_po(project, "en", out, include_unapproved=True)
        _msgfmt_ok(out)
        po = polib.pofile(str(out))
        hours = po.find("Giờ mở cửa hôm nay: %s")
        assert hours is not None and "fuzzy" in hours.flags and hours.msgstr == "Opening hours: %s"
        assert hours.previous_msgid == "Giờ mở cửa: %s"
        admission = po.find("Vé vào cửa")
        assert admission is not None and admission.msgstr == "Admission" and "fuzzy" in admission.flags
        assert [(e.msgid, e.msgstr) for e in po.obsolete_entries()] == [("Bản đồ cũ", "Old map")]
        # only approved text: the fuzzy msgstr stays out, the history stays in
        export_po(project, "en", out)
        _msgfmt_ok(out)
        po = polib.pofile(str(out))
        hours = po.find("Giờ mở cửa hôm nay: %s")
        assert hours is not None and hours.msgstr == "" and hours.previous_msgid == "Giờ mở cửa: %s"
        assert len(po.obsolete_entries()) == 1


def test_merge_and_import_put_a_khmer_plural_into_the_same_segments(tmp_path: Path) -> None:
    from workbench.core.exporting.export_formats import handoff
    from workbench.core.ops.merge_back import apply_merge, plan_merge

    km_po = PO_SOURCE.replace("Language: vi", "Language: km").replace('msgstr[0] ""', 'msgstr[0] "មាន %d ព័ត៌មានថ្មី"')
    (tmp_path / "imported").mkdir()
    imported = tmp_path / "imported" / "site.po"
    imported.write_text(km_po, encoding="utf-8")
    with Project.create(tmp_path / "i.wbp", "i", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(imported))
        by_import = [s.translations.get("km") for s in project.segments() if s.source == "Có %d tin mới"]
    source = tmp_path / "site.po"
    source.write_text(PO_SOURCE, encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        handoff(project, "po", "km", tmp_path / "site.km.po")
        po = polib.pofile(str(tmp_path / "site.km.po"))
        news = po.find("Có %d tin mới")
        assert news is not None and sorted(news.msgstr_plural) == [0]  # Khmer has one form
        news.msgstr_plural = {0: "មាន %d ព័ត៌មានថ្មី"}
        po.save(str(tmp_path / "site.km.po"))
        apply_merge(project, plan_merge(project, tmp_path / "site.km.po", "km"), "Lan")
        by_merge = [s.translations.get("km") for s in project.segments() if s.source == "Có %d tin mới"]

    def seen(found: list) -> list[tuple[str, Status]]:
        return [(t.text, t.status) if t else ("", Status.UNTRANSLATED) for t in found]

    assert seen(by_merge) == seen(by_import) == [
        ("មាន %d ព័ត៌មានថ្មី", Status.TRANSLATED), ("", Status.UNTRANSLATED),
    ]  # fmt: skip
