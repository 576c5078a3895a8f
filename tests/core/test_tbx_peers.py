"""Glossaries from elsewhere: TBX as other tools write them (TBX-Basic in TBX v2 martif, TBX v3 ISO 30042:2019, translate-toolkit's
own TBX) come in with whole terms and their definitions, and our export is read by translate-toolkit's TBX reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from translate.storage import tbx as tt_tbx

from workbench.core.errors import ImportProblem
from workbench.core.memory.glossary import (
    Term,
    add_term,
    read_glossary_csv,
    read_glossary_tbx,
    terms,
    write_glossary_tbx,
)
from workbench.core.store.project_store import Project

# TBX-Basic as its specification's samples and MultiTerm write it: the subject field at entry level, the
# definition in a descripGrp of the language, part of speech and status on each term, a highlighted word.
TBX_BASIC_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader>
    <fileDesc><sourceDesc><p>From an Excel file</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="c1">
        <descrip type="subjectField">public administration</descrip>
        <langSet xml:lang="vi-VN">
          <descripGrp>
            <descrip type="definition">Người đứng đầu Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam.</descrip>
            <admin type="source">Hiến pháp 2013</admin>
          </descripGrp>
          <tig>
            <term>Thủ tướng <hi type="entailedTerm">Chính phủ</hi></term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="en-US">
          <tig>
            <term>Prime Minister</term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>Premier</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""

# TBX v3 (ISO 30042:2019), DCA style, TBX-Basic dialect: conceptEntry, langSec, termSec.
TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader>
    <fileDesc><sourceDesc><p>Glossary of the provincial office</p></sourceDesc></fileDesc>
  </tbxHeader>
  <text>
    <body>
      <conceptEntry id="c7">
        <descrip type="subjectField">government</descrip>
        <langSec xml:lang="vi">
          <descrip type="definition">Cơ quan hành chính nhà nước ở tỉnh.</descrip>
          <termSec>
            <term>Ủy ban <hi>nhân dân</hi> tỉnh</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="km">
          <termSec><term>គណៈកម្មាធិការប្រជាជនខេត្ត</term></termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>Provincial People's Committee</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>People's Committee of the province</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""


def test_a_tbx_basic_v2_term_keeps_its_highlighted_words_and_its_definition(tmp_path: Path) -> None:
    path = tmp_path / "basic.tbx"
    path.write_text(TBX_BASIC_V2, encoding="utf-8")
    (term,) = read_glossary_tbx(path)
    assert term.source == "Thủ tướng Chính phủ"
    assert term.targets == {"en": "Prime Minister"} and term.forbidden == {"en": ("Premier",)}
    assert (
        term.note == "Người đứng đầu Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam."
    )  # not "public administration"


def test_a_tbx_v3_concept_entry_is_read_with_the_same_rules(tmp_path: Path) -> None:
    path = tmp_path / "v3.tbx"
    path.write_text(TBX_V3, encoding="utf-8")
    (term,) = read_glossary_tbx(path)
    assert term.source == "Ủy ban nhân dân tỉnh"
    assert term.targets == {"km": "គណៈកម្មាធិការប្រជាជនខេត្ត", "en": "Provincial People's Committee"}
    assert term.forbidden == {"en": ("People's Committee of the province",)}
    assert term.note == "Cơ quan hành chính nhà nước ở tỉnh."


def test_a_glossary_written_by_translate_toolkit_is_read_with_its_definition(tmp_path: Path) -> None:
    peer = tt_tbx.tbxfile(sourcelanguage="vi", targetlanguage="en")
    unit = peer.addsourceunit("Thủ tướng Chính phủ")
    unit.settarget("Prime Minister")
    unit.addnote("Người đứng đầu Chính phủ.", origin="definition")
    (tmp_path / "tt.tbx").write_bytes(bytes(peer))
    (term,) = read_glossary_tbx(tmp_path / "tt.tbx")
    assert (term.source, term.targets, term.note) == ("Thủ tướng Chính phủ", {"en": "Prime Minister"},
                                                      "Người đứng đầu Chính phủ.")  # fmt: skip


def test_our_export_is_read_by_translate_toolkit_with_statuses_and_definition(project: Project, tmp_path: Path) -> None:
    add_term(project, Term("Ủy ban nhân dân tỉnh", {"en": "Provincial People's Committee", "km": "គណៈកម្មាធិការប្រជាជនខេត្ត"},
                           {"en": ("People's Committee of the province",)}, "official name"))  # fmt: skip
    add_term(project, Term("Ủy ban", {"en": "Committee"}))
    path = tmp_path / "out.tbx"
    write_glossary_tbx(path, terms(project))
    with path.open("rb") as handle:
        peer = tt_tbx.tbxfile(handle)
    by_source = {unit.source: unit for unit in peer.units}
    assert set(by_source) == {"Ủy ban nhân dân tỉnh", "Ủy ban"}
    unit = by_source["Ủy ban nhân dân tỉnh"]
    assert [(t.text, t.deprecated) for t in unit.get_target_terms("en")] == [
        ("Provincial People's Committee", False), ("People's Committee of the province", True),
    ]  # fmt: skip
    assert unit.gettarget("km") == "គណៈកម្មាធិការប្រជាជនខេត្ត"
    assert [note.text for note in unit.get_common_notes(source=True)] == ["official name"]
    assert by_source["Ủy ban"].target == "Committee"
    again = {t.source: t for t in read_glossary_tbx(path)}  # and we read our own back
    assert again["Ủy ban nhân dân tỉnh"].forbidden == {"en": ("People's Committee of the province",)}


def test_a_file_that_is_not_tbx_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "page.tbx"
    path.write_text("<html><body><termEntry/></body></html>", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"page\.tbx: is not a TBX file \(its root is <html>"):
        read_glossary_tbx(path)


def test_a_csv_glossary_with_a_field_too_long_to_read_is_refused_by_name_and_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text("vi,en\nỦy ban,Committee\n" + "a" * 200_000 + ",b\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"terms\.csv: is not a readable CSV file \(line 2: field larger"):
        read_glossary_csv(path)


def test_a_term_using_an_entity_of_an_unloaded_dtd_is_refused_not_mangled(tmp_path: Path) -> None:
    path = tmp_path / "entities.tbx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "http://example.invalid/martif-html.dtd">\n<martif type="TBX">'
        '<text><body><termEntry><langSet xml:lang="vi"><tig><term>Ủy&nbsp;ban</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>Committee</term></tig></langSet></termEntry></body></text></martif>',
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem, match=r"entities\.tbx: uses the entity &nbsp; \(line 3\)"):
        read_glossary_tbx(path)
