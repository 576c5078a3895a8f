"""Tags survive TMX: a project's memory written as TMX reads back with the same markers in the same places,
the shared memory's markers go out as <bpt>/<ept>/<ph> (never as "<b1>" text), and a TMX as OmegaT,
Trados or a LISA-style tool writes it comes in with tags the memory still finds for the plain sentence."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from translate.storage import tmx as tt_tmx

from tests.builders.tagged_documents import project_with_paragraph
from workbench.core.exporting.export_formats import export
from workbench.core.exporting.text_exports import export_memory
from workbench.core.language.language_rules import clean_text
from workbench.core.memory.match_normalization import normalize_for_matching
from workbench.core.memory.project_memory import Memories
from workbench.core.memory.suggestions import memory_suggestions
from workbench.core.memory.tmx import load_tmx, read_tmx
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory, units
from workbench.core.records import (
    Origin,
    PreparedDocument,
    PreparedSegment,
    Status,
)
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import TagInfo, nesting_problems, tags_to_json
from workbench.core.tags.tagged_paragraphs import TaggedParagraph

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="vi" datatype="plaintext" '
    'segtype="sentence" adminlang="en" creationtool="peer" creationtoolversion="1" o-tmf="peer"/><body>'
)
TRANSLATIONS = {
    "Xem <b1>Quyết định 12</b1> của tỉnh.": "See <b1>Decision 12</b1> of the province.",
    "Mời <i2>bà con</i2> xem<br3/>trên <a4>trang web</a4>.": "People can read it<br3/>on the <a4>website</a4> <i2>now</i2>.",
}


def _tmx(tmp_path: Path, units_xml: str, name: str = "peer.tmx") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + units_xml + "</body></tmx>", encoding="utf-8")
    return path


def _unit(source: str, target: str) -> str:
    return f'<tu><tuv xml:lang="vi"><seg>{source}</seg></tuv><tuv xml:lang="en"><seg>{target}</seg></tuv></tu>'


def _tagged_project(tmp_path: Path) -> Project:
    """Two sentences of one Word-like paragraph: the second's tags are numbered 2 to 4, as segmentation keeps them."""
    paragraph = TaggedParagraph()
    paragraph.add_text("Xem ")
    paragraph.add_text("Quyết định 12", {"bold": True})
    paragraph.add_text(" của tỉnh. Mời ")
    paragraph.add_text("bà con", {"italic": True})
    paragraph.add_text(" xem")
    paragraph.add_standalone("break")
    paragraph.add_text("trên ")
    paragraph.add_text("trang web", href="https://angiang.gov.vn")
    paragraph.add_text(".")
    project = project_with_paragraph(tmp_path, paragraph.finish(clean_text))
    for segment in project.segments():
        project.save_translation(segment.id, "en", TRANSLATIONS[segment.source], Status.APPROVED, Origin.HUMAN, "Hoa")
    return project


def _offered(tmp_path: Path, read: list[MemoryUnit], source: str, tags: dict[int, TagInfo] | None = None) -> list:
    """What the memory offers a segment `source` once the units `read` are in the shared memory."""
    here = tmp_path / f"lookup-{len(list(tmp_path.glob('lookup-*')))}"
    here.mkdir()
    shared = SharedMemory(here / "shared.sqlite")
    shared.add(read, "2026-01-02")
    project = Project.create(here / "p.wbp", "p", "vi", ["en"])
    meta = {"tags": tags_to_json(tags)} if tags else {}
    project.store_document(
        PreparedDocument("tin.docx", "docx", "utf-8", "", [], [PreparedSegment(0, source, meta=meta)])
    )
    with project:
        found = memory_suggestions(Memories(project, shared), project.segment(project.segment_ids()[0]), "en")
    shared.close()
    return found


def test_the_project_has_the_tags_this_test_is_about(tmp_path: Path) -> None:
    with _tagged_project(tmp_path) as project:
        assert [s.source for s in project.segments()] == list(TRANSLATIONS)
        assert sorted((u.source, u.target) for u in units(project.connection)) == sorted(TRANSLATIONS.items())


def test_a_projects_memory_and_translations_come_back_from_tmx_with_the_same_markers_in_the_same_places(
    tmp_path: Path,
) -> None:
    with _tagged_project(tmp_path) as project:
        export_memory(tmp_path / "memory.tmx", project)
        export(project, "tmx", ["en"], tmp_path / "project.tmx")
    for name in ("memory.tmx", "project.tmx"):
        back = read_tmx(tmp_path / name, "vi", ["en"])
        assert sorted((u.source, u.target) for u in back) == sorted(TRANSLATIONS.items()), name
    # what a peer sees: codes with the HTML markup inside, no marker anywhere in the file
    written = (tmp_path / "memory.tmx").read_text(encoding="utf-8")
    assert "&lt;b1" not in written and "&lt;br3" not in written
    with (tmp_path / "memory.tmx").open("rb") as handle:
        peer = {u.source: u.target for u in tt_tmx.tmxfile(handle).units}
    assert peer["Xem <b>Quyết định 12</b> của tỉnh."] == "See <b>Decision 12</b> of the province."


def test_the_shared_memorys_markers_go_out_as_codes_and_a_unit_with_broken_markers_as_its_text(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([
        MemoryUnit("Xem <b1>Quyết định</b1><br2/>ngay, <x3/> <a4>ở đây</a4>.",
                   "See <b1>the Decision</b1><br2/>now, <x3/> <a4>here</a4>.", "en"),
        MemoryUnit("<b1>Chưa đóng", "<b1>Not closed", "en"),
        MemoryUnit("Không có thẻ.", "No tags.", "en"),
    ], "2026-01-02")  # fmt: skip
    written, _languages = export_memory(tmp_path / "shared.tmx", shared=shared)
    shared.close()
    assert written == 3
    segs = {
        "".join(seg.itertext()): seg
        for seg in etree.parse(str(tmp_path / "shared.tmx")).getroot().iter("seg")
        if seg.getparent().get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    }
    tagged = segs["See <b>the Decision</b><br/>now, <x3/> <a>here</a>."]
    codes = [(code.tag, code.get("i"), code.get("x"), code.text) for code in tagged]
    assert codes == [
        ("bpt", "1", "1", "<b>"), ("ept", "1", None, "</b>"), ("ph", None, "2", "<br/>"), ("ph", None, "3", "<x3/>"),
        ("bpt", "4", "4", "<a>"), ("ept", "4", None, "</a>"),
    ]  # fmt: skip
    assert tagged.text == "See " and [code.tail for code in tagged][:3] == ["the Decision", None, "now, "]
    broken = segs["<b1>Not closed"]  # no <bpt> without its <ept>: the text as it is, escaped
    assert len(broken) == 0 and broken.text == "<b1>Not closed"
    assert "&lt;b1&gt;Not closed" in (tmp_path / "shared.tmx").read_text(encoding="utf-8")
    with (tmp_path / "shared.tmx").open("rb") as handle:
        peer = {u.source: u.target for u in tt_tmx.tmxfile(handle).units}
    assert peer["Không có thẻ."] == "No tags." and peer["<b1>Chưa đóng"] == "<b1>Not closed"
    back = {u.source: u.target for u in read_tmx(tmp_path / "shared.tmx", "vi", ["en"])}
    assert back["Xem <b1>Quyết định</b1><br2/>ngay, <x3/> <a4>ở đây</a4>."] == (
        "See <b1>the Decision</b1><br2/>now, <x3/> <a4>here</a4>."
    )


def test_omegat_trados_and_hi_codes_are_tags_the_plain_sentence_still_finds(tmp_path: Path) -> None:
    path = _tmx(tmp_path, "".join([
        # OmegaT: its own markers inside the codes
        _unit('Nhấn <bpt i="1" x="1">&lt;b0&gt;</bpt>Lưu<ept i="1">&lt;/b0&gt;</ept> để tiếp tục.',
              'Press <bpt i="1" x="1">&lt;b0&gt;</bpt>Save<ept i="1">&lt;/b0&gt;</ept> to go on.'),
        # Trados: RTF inside the codes, the translation's pairs in another order
        _unit('Chọn <bpt i="1">{\\b </bpt>Mở<ept i="1">}</ept> rồi <bpt i="2">{\\i </bpt>Đóng<ept i="2">}</ept>.',
              'Choose <bpt i="1">{\\i </bpt>Close<ept i="1">}</ept> after <bpt i="2">{\\b </bpt>Open<ept i="2">}</ept>.'),
        # LISA-style highlighting and a line break
        _unit('Đọc <hi type="bold">kỹ</hi><ph x="2">&lt;br/&gt;</ph>hướng dẫn.',
              'Read the <hi type="bold">whole</hi><ph x="2">&lt;br/&gt;</ph>guide.'),
    ]))  # fmt: skip
    read = read_tmx(path, "vi", ["en"])
    assert [(u.source, u.target) for u in read] == [
        ("Nhấn <b1>Lưu</b1> để tiếp tục.", "Press <b1>Save</b1> to go on."),
        ("Chọn <b1>Mở</b1> rồi <i2>Đóng</i2>.", "Choose <i2>Close</i2> after <b1>Open</b1>."),
        ("Đọc <b1>kỹ</b1><br2/>hướng dẫn.", "Read the <b1>whole</b1><br2/>guide."),
    ]
    (offered,) = _offered(tmp_path, read, "Chọn Mở rồi Đóng.")  # no tags in the segment: 99 %, the tags offered
    assert offered.score == 99 and offered.text == "Choose <i2>Close</i2> after <b1>Open</b1>."
    (offered,) = _offered(tmp_path, read, "Đọc kỹ hướng dẫn.")  # the break keeps "kỹ" and "hướng" apart
    assert offered.score == 99
    tags = {1: TagInfo(1, "b", True, formats={"bold": True})}
    (offered,) = _offered(tmp_path, read, "Nhấn <b1>Lưu</b1> để tiếp tục.", tags)
    assert offered.score == 100


def test_the_letter_comes_from_the_codes_markup_else_a_generic_one(tmp_path: Path) -> None:
    path = _tmx(tmp_path, _unit(
        'A <bpt i="1">&lt;strong&gt;</bpt>b<ept i="1">&lt;/strong&gt;</ept> '
        '<bpt i="2">&lt;w:r&gt;&lt;w:rPr&gt;&lt;w:i/&gt;&lt;/w:rPr&gt;</bpt>c<ept i="2">&lt;/w:r&gt;</ept> '
        '<bpt i="3">&lt;span style="text-decoration: underline"&gt;</bpt>d<ept i="3">&lt;/span&gt;</ept> '
        '<bpt i="4">&lt;a href="https://x.vn"&gt;</bpt>e<ept i="4">&lt;/a&gt;</ept> '
        '<bpt i="5">&lt;span class="k"&gt;</bpt>f<ept i="5">&lt;/span&gt;</ept>'
        '<ph>\t</ph>g<ph>&lt;img src="p.png"/&gt;</ph><ut>{\\line }</ut>h '
        '<bpt i="9" type="italic"/>k<ept i="9"/><ph type="fnote"/>',  # no markup: TMX's own type says it
        "A b c d e f g h k",
    ))  # fmt: skip
    (unit,) = read_tmx(path, "vi", ["en"])
    assert unit.source == "A <b1>b</b1> <i2>c</i2> <u3>d</u3> <a4>e</a4> <g5>f</g5><t6/>g<x7/><br8/>h <i9>k</i9><fn10/>"
    assert unit.target == "A b c d e f g h k"


def test_half_pairs_never_become_unbalanced_markers_and_their_words_stay(tmp_path: Path) -> None:
    path = _tmx(tmp_path, _unit(
        '<it pos="begin" x="1">&lt;i&gt;</it>Một <bpt i="2">&lt;b&gt;</bpt>hai <bpt i="3">&lt;u&gt;</bpt>ba'
        '<ept i="2">&lt;/b&gt;</ept> bốn<ept i="3">&lt;/u&gt;</ept> năm<ept i="9">&lt;/s&gt;</ept> '
        '<bpt i="4">&lt;b&gt;</bpt>sáu',
        'One <bpt i="1">&lt;b&gt;</bpt>two<ept i="1">&lt;/b&gt;</ept> three four five six',
    ))  # fmt: skip
    (unit,) = read_tmx(path, "vi", ["en"])
    # the crossing bold pair, the closing code without its opening and the bold never closed are left out
    assert unit.source == "Một hai <u1>ba bốn</u1> năm sáu"
    assert unit.target == "One <b2>two</b2> three four five six"
    assert nesting_problems(unit.source, {1: TagInfo(1, "u", True)}) == []


def test_text_that_looks_like_a_marker_stays_text(tmp_path: Path) -> None:
    path = _tmx(tmp_path, _unit(
        'Gõ &lt;b1&gt; rồi <bpt i="1" x="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept>.',
        'Type &lt;b1&gt; then <bpt i="1" x="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept>.',
    ))  # fmt: skip
    (unit,) = read_tmx(path, "vi", ["en"])
    assert unit.source == "Gõ <\u2060b1> rồi <b1>Enter</b1>."
    assert normalize_for_matching(unit.source) != normalize_for_matching("Gõ rồi Enter.")
    # written back, the look-alike is text again and the real tag a code
    shared = SharedMemory(tmp_path / "shared.sqlite")
    shared.add([unit], "2026-01-02")
    export_memory(tmp_path / "out.tmx", shared=shared)
    shared.close()
    seg = etree.parse(str(tmp_path / "out.tmx")).getroot().find(".//seg")
    assert seg.text == "Gõ <\u2060b1> rồi " and [code.tag for code in seg] == ["bpt", "ept"]
    # translate-toolkit writes a PO's markers as text: they come in as that text, never as tags
    peer = tt_tmx.tmxfile()
    peer.addtranslation("Nhấn <b1>Lưu</b1>.", "vi", "Press <b1>Save</b1>.", "en")
    (tmp_path / "tt.tmx").write_bytes(bytes(peer))
    (unit,) = read_tmx(tmp_path / "tt.tmx", "vi", ["en"])
    assert (unit.source, unit.target) == ("Nhấn <\u2060b1>Lưu<\u2060/b1>.", "Press <\u2060b1>Save<\u2060/b1>.")


def test_a_reference_set_and_a_plain_reading_keep_only_the_words(tmp_path: Path) -> None:
    path = _tmx(tmp_path, _unit(
        'Xem <bpt i="1">&lt;b&gt;</bpt>kỹ<ept i="1">&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph>trang.',
        'Read <bpt i="1">&lt;b&gt;</bpt>closely<ept i="1">&lt;/b&gt;</ept><ph>&lt;br/&gt;</ph>page.',
    ))  # fmt: skip
    (unit,) = load_tmx(path, "vi", ["en"], inline_tags=False).units
    assert (unit.source, unit.target) == ("Xem kỹ trang.", "Read closely page.")
