"""Inline tags travel in the exchange formats: XLIFF <g>/<x> a peer shows as placeables and the merge
reads back as our markers (even moved around the words), TMX <bpt>/<ept> a memory reads back as markers,
PO with the markers as text and a header saying so; plain text and CSV have no markers at all."""

from __future__ import annotations

import csv
from pathlib import Path

import polib
from lxml import etree
from translate.storage import xliff as tt_xliff

from tests.builders.tagged_documents import project_with_paragraph
from workbench.core.exporting.export_formats import export, handoff
from workbench.core.exporting.text_exports import export_memory
from workbench.core.exporting.xliff import NS
from workbench.core.language.language_rules import clean_text
from workbench.core.memory.tmx import read_tmx
from workbench.core.memory.translation_memory import units
from workbench.core.ops.merge_back import apply_merge, plan_merge
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import tag_problems
from workbench.core.tags.tagged_paragraphs import TaggedParagraph

X = f"{{{NS}}}"
TARGET = "See <b1>Decision 12</b1> of the province<br2/>on the <a3>website</a3>."


def _project(tmp_path: Path) -> Project:
    paragraph = TaggedParagraph()
    paragraph.add_text("Xem ")
    paragraph.add_text("Quyết định 12", {"bold": True})
    paragraph.add_text(" của tỉnh")
    paragraph.add_standalone("break")
    paragraph.add_text("trên ")
    paragraph.add_text("trang web", href="https://angiang.gov.vn")
    paragraph.add_text(".")
    project = project_with_paragraph(tmp_path, paragraph.finish(clean_text))
    (segment_id,) = project.segment_ids()
    project.save_translation(segment_id, "en", TARGET, Status.APPROVED, Origin.HUMAN, "Hoa")
    return project


def test_the_source_has_the_tags_this_test_is_about(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        (segment,) = project.segments()
    assert segment.source == "Xem <b1>Quyết định 12</b1> của tỉnh<br2/>trên <a3>trang web</a3>."
    assert tag_problems(segment.source, TARGET, segment.tags) == []


def test_xliff_carries_pairs_as_g_and_breaks_as_x_that_a_peer_reads_as_placeables(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        export(project, "xliff", ["en"], tmp_path / "out.xlf")
    unit = etree.parse(str(tmp_path / "out.xlf")).getroot().find(f".//{X}trans-unit")
    target = unit.find(f"{X}target")
    bold, brk, link = target.find(f"{X}g"), target.find(f"{X}x"), target.findall(f"{X}g")[1]
    assert (bold.get("id"), bold.get("ctype"), bold.text) == ("1", "bold", "Decision 12")
    assert (brk.get("id"), brk.get("ctype")) == ("2", "lb")
    assert (link.get("ctype"), link.text) == ("link", "website")
    assert "https://angiang.gov.vn" in link.attrib.values()
    assert unit.find(f"{X}source/{X}g").text == "Quyết định 12"
    peer = tt_xliff.xlifffile.parsefile(str(tmp_path / "out.xlf"))
    (peer_unit,) = [u for u in peer.units if not u.isheader()]
    kinds = [type(p).__name__ for p in peer_unit.rich_target[0].sub if not isinstance(p, str)]
    assert kinds.count("G") == 2 and kinds.count("X") == 1
    assert "Decision 12" in peer_unit.target and "website" in peer_unit.target


def test_a_returned_xliff_with_the_words_moved_merges_back_with_our_markers(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        handoff(project, "xliff", "en", tmp_path / "handoff.xlf")
        tree = etree.parse(str(tmp_path / "handoff.xlf"))
        target = tree.getroot().find(f".//{X}target")
        bold, brk, link = target.find(f"{X}g"), target.find(f"{X}x"), target.findall(f"{X}g")[1]
        for child in list(target):
            target.remove(child)
        # the translator rewrote the sentence: the link first, then the bold words, the break kept
        target.text = "On the "
        link.text, link.tail = "site", " read "
        bold.text, bold.tail = "Decision 12", " of the province"
        brk.tail = "today."
        target.extend([link, bold, brk])
        target.set("state", "translated")
        tree.write(str(tmp_path / "back.xlf"), encoding="UTF-8", xml_declaration=True)
        (segment,) = project.segments()
        project.save_translation(segment.id, "en", TARGET, Status.DRAFT, Origin.HUMAN, "Hoa")
        plan = plan_merge(project, tmp_path / "back.xlf", "en")
        apply_merge(project, plan, "Dara")
        (segment,) = project.segments()
    text = segment.translations["en"].text
    assert text == "On the <a3>site</a3> read <b1>Decision 12</b1> of the province<br2/>today."
    problems = tag_problems(segment.source, text, segment.tags)
    assert problems == ["tags in a different order: <a3> </a3> <b1> </b1> <br2/>"]


def test_tmx_writes_pairs_as_bpt_ept_and_a_memory_reading_it_keeps_every_word(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        export(project, "tmx", ["en"], tmp_path / "out.tmx")
    seg = etree.parse(str(tmp_path / "out.tmx")).getroot().findall(".//seg")[1]
    bpt, ept = seg.find("bpt"), seg.find("ept")
    assert (bpt.get("i"), bpt.get("x"), bpt.text) == ("1", "1", "<b>") and (ept.get("i"), ept.text) == ("1", "</b>")
    assert seg.find("ph").get("x") == "2"
    (unit,) = read_tmx(tmp_path / "out.tmx", "vi", ["en"])  # the codes come back as the same markers
    assert unit.source == "Xem <b1>Quyết định 12</b1> của tỉnh<br2/>trên <a3>trang web</a3>."
    assert unit.target == TARGET
    (plain,) = read_tmx(tmp_path / "out.tmx", "vi", ["en"], inline_tags=False)
    assert plain.target == "See Decision 12 of the province on the website."


def test_po_writes_the_markers_as_text_and_says_so_and_they_merge_back_as_tags(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        handoff(project, "po", "en", tmp_path / "out.po")
        written = (tmp_path / "out.po").read_text(encoding="utf-8")
        assert written.startswith("# Inline tags are written as <b1>…</b1> and <x2/>")
        (entry,) = polib.pofile(str(tmp_path / "out.po"))
        assert entry.msgstr == TARGET
        entry.msgstr = "On the <a3>site</a3>: <b1>Decision 12</b1> of the province<br2/>."
        po = polib.pofile(str(tmp_path / "out.po"))
        po[0].msgstr = entry.msgstr
        po.save(str(tmp_path / "back.po"))
        (segment,) = project.segments()
        project.save_translation(segment.id, "en", TARGET, Status.DRAFT, Origin.HUMAN, "Hoa")
        apply_merge(project, plan_merge(project, tmp_path / "back.po", "en"), "Dara")
        (segment,) = project.segments()
    text = segment.translations["en"].text
    assert text == entry.msgstr
    assert tag_problems(segment.source, text, segment.tags) == [
        "tags in a different order: <a3> </a3> <b1> </b1> <br2/>"
    ]


def test_plain_text_and_csv_have_no_markers(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        export(project, "txt", ["en"], tmp_path / "out.txt", project.documents()[0].id)
        export(project, "csv", ["en"], tmp_path / "out.csv")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == ("See Decision 12 of the province\non the website.\n")
    rows = list(csv.reader((tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1][2:4] == [
        "Xem Quyết định 12 của tỉnh trên trang web.",
        "See Decision 12 of the province on the website.",
    ]


def test_a_peers_renumbered_bpt_ept_and_ph_are_our_tags_by_their_order(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        handoff(project, "xliff", "en", tmp_path / "handoff.xlf")
        tree = etree.parse(str(tmp_path / "handoff.xlf"))
        target = tree.getroot().find(f".//{X}target")
        for child in list(target):
            target.remove(child)
        target.text = "Read "
        codes = [("bpt", "7", "<b>", "Decision 12"), ("ept", "7", "</b>", " here"),
                 ("ph", "8", "<br/>", "on the "), ("bpt", "9", "<a>", "site"),
                 ("ept", "9", "</a>", ".")]  # fmt: skip
        for name, ident, native, tail in codes:
            code = etree.SubElement(target, f"{X}{name}", id=ident)
            code.text, code.tail = native, tail
        tree.write(str(tmp_path / "back.xlf"), encoding="UTF-8", xml_declaration=True)
        (segment,) = project.segments()
        project.save_translation(segment.id, "en", TARGET, Status.DRAFT, Origin.HUMAN, "Hoa")
        apply_merge(project, plan_merge(project, tmp_path / "back.xlf", "en"), "Dara")
        (segment,) = project.segments()
    text = segment.translations["en"].text
    assert text == "Read <b1>Decision 12</b1> here<br2/>on the <a3>site</a3>."
    assert tag_problems(segment.source, text, segment.tags) == []


def test_a_tmx_from_a_peer_keeps_the_words_inside_hi_and_around_its_codes(tmp_path: Path) -> None:
    (tmp_path / "peer.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="vi" datatype="plaintext" '
        'segtype="sentence" adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/><body><tu>'
        '<tuv xml:lang="vi"><seg>Xem <hi type="bold">Quyết định</hi><ph x="1">&lt;br/&gt;</ph>ngay.</seg></tuv>'
        '<tuv xml:lang="en"><seg>See <bpt i="1">&lt;b&gt;</bpt>the Decision<ept i="1">&lt;/b&gt;</ept>'
        '<ph x="2">&lt;br/&gt;</ph>now.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    (unit,) = read_tmx(tmp_path / "peer.tmx", "vi", ["en"])
    # the peer's <hi> and its <bpt>/<ept> are the same bold tag, its two <ph> the same break
    assert (unit.source, unit.target) == ("Xem <b1>Quyết định</b1><br2/>ngay.", "See <b1>the Decision</b1><br2/>now.")


def test_the_projects_memory_as_tmx_has_its_units_markers_as_codes(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        assert [u.target for u in units(project.connection)] == [TARGET]  # the memory keeps the markers
        export_memory(tmp_path / "m.tmx", project)
    written = (tmp_path / "m.tmx").read_text(encoding="utf-8")
    assert "b1&gt;" not in written and '<bpt i="1" x="1">' in written and '<ph x="2">' in written
    (unit,) = read_tmx(tmp_path / "m.tmx", "vi", ["en"])
    assert unit.target == TARGET
