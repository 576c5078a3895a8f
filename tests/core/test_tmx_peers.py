"""TMX files as other tools write them (the LISA TMX compliance kit's shapes, translate-toolkit's po2tmx,
OmegaT's project memory) come into the memory whole, and our export is read back by translate-toolkit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from translate.convert import po2tmx
from translate.storage import tmx as tt_tmx

from tests.conftest import REPO
from workbench.core.errors import ImportProblem
from workbench.core.memory.tmx import load_tmx, read_tmx, write_tmx
from workbench.core.memory.translation_memory import MemoryUnit, SharedMemory, units
from workbench.core.store.project_store import Project


@pytest.fixture(autouse=True)
def _data_dir_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands run here keep their shared memory where the test can open it."""
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "config" / "data"))


# The kit's ImportTest2A/2C shape (HTML content markup: paired codes, an image placeholder whose alt text
# is a <sub>, a highlighted word, comments, notes and props everywhere), in Vietnamese and English.
LISA_CONTENT_MARKUP = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<!-- Some comments -->
<tmx version="1.4">
 <header creationtool="myTool" creationtoolversion="v10" segtype="block" o-tmf="Text" adminlang="en-us"
  srclang="vi-vn" datatype="html" o-encoding="utf-8" creationdate="20020523T091200Z" creationid="ys">
  <!-- Some comments -->
  <ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="AppleLogo" subst="[Apple]"/></ude>
  <note xml:lang="en-us">Text of header note 1</note>
  <prop type="myPropeType" xml:lang="en-us">Data</prop>
 </header>
 <body>
  <!-- Some comments testing the parser... > -> -!> -->
  <tu tuid="tu001" datatype="html" creationid="ys" creationdate="20020523T091200Z" srclang="vi-vn">
   <note xml:lang="en-us">Text of tu note 1</note>
   <prop type="myPropeType" xml:lang="en-us">Data</prop>
   <tuv xml:lang="vi-vn">
    <note xml:lang="en-us">Text of tuv vi note</note>
    <seg><it x="1" pos="begin" type="italic">&lt;I></it><bpt x="2" i="1" type="bold">&lt;B></bpt>Nhấn <ph x="3" type="image" assoc="b">&lt;IMG SRC="here.png" ALT="<sub>Bắt đầu ở đây!</sub>"></ph> để <hi type="verb" x="4">bắt đầu</hi>.<ept i="1">&lt;/B></ept></seg>
   </tuv>
   <tuv xml:lang="en-us">
    <prop type="myPropeType" xml:lang="en-us">Data</prop>
    <seg><it x="1" pos="begin" type="italic">&lt;I></it><bpt x="2" i="1" type="bold">&lt;B></bpt>Click <ph x="3" type="image" assoc="b">&lt;IMG SRC="here.png" ALT="<sub>Start Here!</sub>"></ph> to <hi type="verb" x="4">start</hi>.<ept i="1">&lt;/B></ept></seg>
   </tuv>
  </tu>
  <tu tuid="tu002">
   <tuv xml:lang="vi-vn"><seg>Nhấn <hi>bắt đầu</hi> để tiếp tục.</seg></tuv>
   <tuv xml:lang="en-us"><seg>Click <hi>start</hi> to<!-- a comment --> continue.</seg></tuv>
  </tu>
  <tu tuid="tu003">
   <tuv xml:lang="vi-vn"><seg>Mở <bpt i="1">&lt;a href="x"></bpt>trang chủ<ept i="1">&lt;/a></ept>.</seg></tuv>
   <tuv xml:lang="en-us"><seg>Open the <g id="1">home page</g>.</seg></tuv>
  </tu>
 </body>
</tmx>
"""


def test_text_inside_hi_and_sub_and_around_inline_codes_reaches_the_memory_whole(tmp_path: Path) -> None:
    path = tmp_path / "ImportTest2C.tmx"
    path.write_text(LISA_CONTENT_MARKUP, encoding="utf-8")
    read = load_tmx(path)
    pairs = {(u.source, u.target) for u in read.units}
    # the codes are tags numbered by their x, the image's alt text stays words, the isolated <it> is left out
    assert pairs == {
        (
            "<b2>Nhấn <x3/>Bắt đầu ở đây! để <g4>bắt đầu</g4>.</b2>",
            "<b2>Click <x3/>Start Here! to <g4>start</g4>.</b2>",
        ),
        ("Nhấn <g1>bắt đầu</g1> để tiếp tục.", "Click <g1>start</g1> to continue."),
    }
    assert {(u.source, u.target) for u in load_tmx(path, inline_tags=False).units} == {
        ("Nhấn Bắt đầu ở đây! để bắt đầu.", "Click Start Here! to start."),
        ("Nhấn bắt đầu để tiếp tục.", "Click start to continue."),
    }
    # <g> is XLIFF's, not TMX's: "Open the ." would be a corrupted unit, so the translation is left out, and said so
    assert any("<g>" in line for line in read.summary())


def test_a_memory_from_po2tmx_is_read_by_its_units_languages_and_says_so(tmp_path: Path) -> None:
    po = tmp_path / "vi.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Xin chào."\nmsgstr "Hello."\n\nmsgid "Hình ảnh: "\nmsgstr "Picture: "\n',
        encoding="utf-8",
    )
    po2tmx.main(["--progress=none", "-l", "en", "--source-language", "vi-VN", str(po), str(tmp_path / "po2tmx.tmx")])
    written = (tmp_path / "po2tmx.tmx").read_text(encoding="utf-8")
    assert 'srclang="en"' in written and '<tu srclang="vi-VN">' in written  # the peer's shape
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "tm", "import", "po2tmx.tmx"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 units read, 2 new" in done.stdout
    assert "header gives the source language as 'en', but 2 units declare 'vi'" in done.stdout
    shared = SharedMemory(tmp_path / "config" / "data" / "shared-memory.sqlite")
    assert {(u.source, u.target) for u in units(shared.db)} == {("Xin chào.", "Hello."), ("Hình ảnh: ", "Picture: ")}
    shared.close()


def test_header_star_all_and_units_translated_into_vietnamese_are_decided_by_the_units(tmp_path: Path) -> None:
    star = tmp_path / "all.tmx"
    star.write_text(
        '<tmx version="1.4"><header srclang="*all*" adminlang="en" datatype="plaintext" segtype="sentence" '
        'o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu>'
        '<tuv xml:lang="en-GB"><seg>Good morning.</seg></tuv><tuv xml:lang="vi"><seg>Chào buổi sáng.</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    read = load_tmx(star)
    assert [(u.source, u.target, u.target_language) for u in read.units] == [("Chào buổi sáng.", "Good morning.", "en")]
    assert read.summary() == []
    # OmegaT's memory of an English-to-Vietnamese project: the pairs serve the other way round too, and it is said
    reverse = tmp_path / "en-vi.tmx"
    reverse.write_text(
        '<tmx version="1.4"><header srclang="en-US" adminlang="EN-US" datatype="plaintext" segtype="sentence" '
        'o-tmf="OmegaT TMX" creationtool="OmegaT" creationtoolversion="6.0"/><body><tu>'
        '<tuv lang="en-US"><seg>Save</seg></tuv><tuv lang="vi-VN"><seg>Lưu</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    read = load_tmx(reverse)
    assert [(u.source, u.target) for u in read.units] == [("Lưu", "Save")]
    assert read.summary() == ["1 unit translated into 'vi' (from en: 1) read the other way round, from their 'vi' text"]


# OmegaT's project_save.tmx: the default translation and an alternative one of the same source in two <tu>.
OMEGAT_ALTERNATIVES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
    creationtoolversion="6.0.1" segtype="sentence" srclang="vi"/>
  <body>
<!-- Default translations -->
    <tu>
      <tuv xml:lang="vi">
        <seg>Hình ảnh: </seg>
      </tuv>
      <tuv xml:lang="en-GB" changeid="lan" changedate="20240523T143256Z">
        <seg>Picture: </seg>
      </tuv>
    </tu>
<!-- Alternative translations -->
    <tu>
      <prop type="file">gioi-thieu.html</prop>
      <prop type="prev">Xin chào.</prop>
      <tuv xml:lang="vi">
        <seg>Hình ảnh: </seg>
      </tuv>
      <tuv xml:lang="en-GB" changeid="lan" changedate="20240526T131742Z">
        <seg>Image: </seg>
      </tuv>
    </tu>
  </body>
</tmx>
"""


def test_trailing_spaces_and_every_distinct_translation_survive_import_and_export(tmp_path: Path) -> None:
    (tmp_path / "project_save.tmx").write_text(OMEGAT_ALTERNATIVES, encoding="utf-8")
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, str(REPO / "main.py"), *args], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run("new", "p.wbp", "--source", "vi", "--targets", "en,km").returncode == 0
    imported = run("tm", "import", "project_save.tmx")
    assert imported.returncode == 0 and "2 units read, 2 new" in imported.stdout, imported.stdout + imported.stderr
    looked_up = run("tm", "lookup", "p.wbp", "Hình ảnh:", "--to", "en")
    assert "100% [shared] Picture: " in looked_up.stdout and "100% [shared] Image: " in looked_up.stdout
    assert run("tm", "export", "back.tmx").returncode == 0
    with (tmp_path / "back.tmx").open("rb") as handle:
        peer = tt_tmx.tmxfile(handle)
    assert sorted((u.source, u.target) for u in peer.units) == [("Hình ảnh: ", "Image: "), ("Hình ảnh: ", "Picture: ")]


def test_our_export_is_read_by_translate_toolkit_with_every_language_and_alternative(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    assert write_tmx(path, [
        MemoryUnit("Hình ảnh: ", "Picture: ", "en"), MemoryUnit("Hình ảnh: ", "រូបភាព៖ ", "km"),
        MemoryUnit("Hình ảnh: ", "Image: ", "en"), MemoryUnit("Xin chào.", "Hello.", "en"),
    ]) == 3  # fmt: skip
    with path.open("rb") as handle:
        peer = tt_tmx.tmxfile(handle)
    found = [(u.source, u.gettarget("en"), u.gettarget("km")) for u in peer.units]
    assert found == [
        ("Hình ảnh: ", "Picture: ", "រូបភាព៖ "),
        ("Hình ảnh: ", "Image: ", None),
        ("Xin chào.", "Hello.", None),
    ]


def test_languages_the_project_does_not_translate_into_are_left_out_and_counted(tmp_path: Path) -> None:
    many = tmp_path / "many.tmx"
    variants = "".join(
        f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>'
        for lang, text in (("vi", "Xin chào."), ("en", "Hello."), ("km", "សួស្តី។"), ("es", "Hola."),
                           ("fr", "Bonjour."), ("ja", "こんにちは。"))
    )  # fmt: skip
    many.write_text(
        f'<tmx version="1.4"><header srclang="vi"/><body><tu>{variants}</tu><tu><tuv xml:lang="fr"><seg>Oui</seg></tuv>'
        '<tuv xml:lang="en"><seg>Yes</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]):
        pass
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "tm", "import", "many.tmx", "--project", "p.wbp"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 unit read, 1 new" in done.stdout
    assert (
        "4 translations left out in languages not translated here (es: 1, fr: 1, ja: 1, km: 1; kept: en)" in done.stdout
    )
    assert "1 unit without a 'vi' text left out" in done.stdout
    with Project.open(tmp_path / "p.wbp", read_only=True) as project:
        assert [(u.target_language, u.target) for u in units(project.connection)] == [("en", "Hello.")]
    # the shared memory keeps what the workbench translates into: English and Khmer
    assert sorted(u.target_language for u in read_tmx(many)) == ["en", "km"]


def test_a_file_with_nothing_for_vietnamese_is_refused_with_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "fr.tmx"
    path.write_text(
        '<tmx version="1.4"><header srclang="vi"/><body><tu><tuv xml:lang="vi"><seg>Có</seg></tuv>'
        '<tuv xml:lang="fr"><seg>Oui</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem, match=r"fr\.tmx: holds no translation unit .* into en, km .*fr: 1"):
        read_tmx(path)


def test_lookup_without_a_match_says_so(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en"]):
        pass
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "tm", "lookup", "p.wbp", "Một câu chưa dịch.", "--to", "en"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "No match of 75 % or more in the project or shared memory."


def test_an_entity_of_an_external_dtd_never_vanishes_from_a_text(tmp_path: Path) -> None:
    path = tmp_path / "entities.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx-html.dtd">\n<tmx version="1.4">'
        '<header srclang="vi"/><body>'
        '<tu><tuv xml:lang="vi"><seg>Giá:&nbsp;100 đồng</seg></tuv><tuv xml:lang="en"><seg>Price: 100 dong</seg></tuv></tu>'
        '<tu><tuv xml:lang="vi"><seg>Có</seg></tuv><tuv xml:lang="en"><seg>Yes</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    read = load_tmx(path)
    assert [(u.source, u.target) for u in read.units] == [("Có", "Yes")]  # not "Giá:100 đồng"
    assert read.summary() == [
        "1 text left out: their <seg> holds markup or entities TMX does not define (&nbsp;), so their text cannot be known"
    ]


def test_languages_stored_by_an_earlier_import_are_not_exported_again(tmp_path: Path) -> None:
    shared = SharedMemory(tmp_path / "config" / "data" / "shared-memory.sqlite")
    shared.add([MemoryUnit("Xin chào.", "Hello.", "en"), MemoryUnit("Xin chào.", "Bonjour.", "fr")], "2025-01-01")
    shared.close()
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "tm", "export", "out.tmx"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "out.tmx: 1 translation unit (en, km)" in done.stdout
    with (tmp_path / "out.tmx").open("rb") as handle:
        peer = tt_tmx.tmxfile(handle)
    assert [(u.source, u.gettarget("en"), u.gettarget("fr")) for u in peer.units] == [("Xin chào.", "Hello.", None)]
