"""A malformed PO file is refused on import and on merge, naming the file, the line and the problem, as
msgfmt --check refuses it (our own reader: an office PC has no msgfmt); what peers really write is read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import REPO
from workbench.core.errors import ImportProblem
from workbench.core.exporting.export_formats import handoff
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.merge_back import plan_merge
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: km\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
)
#: (what is wrong, the file's entries after the header, what the message says)
MALFORMED = [
    ("unterminated string", 'msgid "Xin chà\nmsgstr "x"\n', "line 7, column 7: the string is not closed"),
    ("stray text between entries", 'msgid "a"\nmsgstr "b"\nXin chào\nmsgid "c"\nmsgstr "d"\n', "line 9, column 1: unknown keyword 'Xin'"),
    ("msgid without msgstr", 'msgid "a"\n\nmsgid "c"\nmsgstr "d"\n', "the entry 'a' (line 7) has no msgstr"),
    ("msgid_plural without msgstr[n]", 'msgid "a"\nmsgid_plural "as"\n', "has no msgstr[0]"),
    ("msgstr[0] without msgid_plural", 'msgid "a"\nmsgstr[0] "b"\n', "msgstr[0] in an entry without msgid_plural"),
    ("plain msgstr after msgid_plural", 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', "not msgstr"),
    ("msgstr[7] beyond nplurals", 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[7] "c"\n', "msgstr[7] where msgstr[1] was due"),
    ("more forms than nplurals", 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n', "has 2 plural forms, the header's Plural-Forms says nplurals=1"),
    ("duplicate msgid and msgctxt", 'msgctxt "m"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "m"\nmsgid "a"\nmsgstr "c"\n', "line 11: the entry 'm: a' is there twice (first on line 7"),
    ("duplicate of an obsolete entry", 'msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', "twice"),
    ("bad escape", 'msgid "a\\q"\nmsgstr "b"\n', "the escape '\\\\q' is not one of C's"),
    ("missing string after keyword", 'msgid\nmsgstr "b"\n', "msgid has no string"),
    ("comment inside an entry", 'msgid "a"\n# note\nmsgstr "b"\n', "has no msgstr"),
    ("half-obsolete entry", 'msgid "a"\n#~ msgstr "b"\n', "inconsistent use of #~"),
    ("msgctxt without msgid", 'msgctxt "menu"\n', "msgctxt without a msgid"),
    ("unterminated previous msgid", '#| msgid "old\nmsgid "a"\nmsgstr "b"\n', "line 7, column 10: the string is not closed"),
]  # fmt: skip
BAD_HEADERS = [
    ("nplurals=abc", "nplurals=abc; plural=0;", "nplurals='abc' is not a whole number"),
    ("plural expression of another grammar", "nplurals=2; plural=n !! 1;", "invalid plural expression 'n !! 1'"),
    ("division by zero", "nplurals=2; plural=n/(n-n);", "divides by zero"),
    ("forms beyond nplurals", "nplurals=2; plural=n%10;", "says nplurals=2 but plural=n%10 gives 2 for n=2"),
    ("nplurals=0", "nplurals=0; plural=0;", "gives 0 for n=0"),
    ("nested past the limit", "nplurals=2; plural=" + "(" * 60 + "n" + ")" * 60 + ";", "nests deeper than 50"),
]  # fmt: skip


def _msgfmt_verdict(path: Path) -> bool | None:
    """True when GNU msgfmt --check accepts the file, None when msgfmt is not installed."""
    if shutil.which("msgfmt") is None:
        return None
    return subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


def _write(tmp_path: Path, text: str, name: str = "bad.po") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(("what", "entries", "problem"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_po_is_refused_naming_the_line_as_msgfmt_refuses_it(
    tmp_path: Path, what: str, entries: str, problem: str
) -> None:
    path = _write(tmp_path, HEADER + entries)
    with pytest.raises(ImportProblem) as refused:
        prepare_import(path)
    assert str(refused.value).startswith(f"{path}: is not a valid PO file: line ")
    assert problem in str(refused.value)
    assert _msgfmt_verdict(path) in (False, None)


@pytest.mark.parametrize(("what", "forms", "problem"), BAD_HEADERS, ids=[b[0] for b in BAD_HEADERS])
def test_a_malformed_plural_forms_header_is_refused(tmp_path: Path, what: str, forms: str, problem: str) -> None:
    text = HEADER.replace("nplurals=1; plural=0;", forms) + 'msgid "Xin chào"\nmsgstr "x"\n'
    path = _write(tmp_path, text)
    with pytest.raises(ImportProblem, match="the header's Plural-Forms") as refused:
        prepare_import(path)
    assert problem in str(refused.value) and "line 1" in str(refused.value)
    assert _msgfmt_verdict(path) in (False, None)


def test_invalid_utf8_in_a_file_that_says_utf8_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "legacy.po"
    path.write_bytes(HEADER.encode() + b'msgid "Xin ch\xe0o"\nmsgstr "x"\n')
    with pytest.raises(
        ImportProblem, match=r"line 7: the byte 0xE0 is not UTF-8, though the header says charset=UTF-8"
    ):
        prepare_import(path)
    assert _msgfmt_verdict(path) in (False, None)


#: what msgmerge, Poedit, Lokalize and translate-toolkit write: header comments, every kind of comment,
#: wrapped strings, #| previous msgids, #~ obsolete entries with their own #~| history, plurals, CRLF
PEER_FILE = """# Vietnamese news for Khmer readers.
# Dara <dara@example.org>, 2024.
#
msgid ""
msgstr ""
"Project-Id-Version: tin-an-giang 1.0\\n"
"PO-Revision-Date: 2024-11-15 09:30+0700\\n"
"Last-Translator: Dara <dara@example.org>\\n"
"Language-Team: Khmer\\n"
"Language: km\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"X-Generator: Poedit 3.4\\n"

#. TRANSLATORS: the site's menu
#: menu.py:12 menu.py:40
msgctxt "menu"
msgid "Trang chủ"
msgstr "ទំព័រដើម"

#, fuzzy, python-format
#| msgid "Giờ mở cửa: %s"
msgid "Giờ mở cửa hôm nay: %s"
msgstr "ម៉ោងបើក៖ %s"

#: news.py:40
msgid ""
"Lễ hội Bà Chúa Xứ núi Sam được tổ chức từ ngày 22 đến 27 tháng 4 âm lịch "
"hằng năm."
msgstr ""
"ពិធីបុណ្យ "
"\\"Bà Chúa Xứ\\"\\tឆ្នាំ\\\\ថ្មី"

msgid "Có %d tin mới"
msgid_plural "Có %d tin mới"
msgstr[0] "មាន %d ព័ត៌មានថ្មី"

#~ msgid "Bản đồ cũ"
#~ msgstr "ផែនទីចាស់"

#, fuzzy
#~| msgid "Giá vé cũ"
#~ msgid "Giá vé"
#~ msgstr ""
#~ "តម្លៃ"
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_what_peers_write_is_read_as_polib_and_msgfmt_read_it(tmp_path: Path, newline: str) -> None:
    path = _write(tmp_path, PEER_FILE.replace("\n", newline), "peer.po")
    assert _msgfmt_verdict(path) in (True, None)
    prepared = prepare_import(path)
    lenient = polib.pofile(PEER_FILE, wrapwidth=0)
    assert [b.text for b in prepared.blocks] == [e.msgid for e in lenient if not e.obsolete]
    texts = [t.text for s in prepared.segments for t in s.translations]
    assert texts == ["ទំព័រដើម", "ម៉ោងបើក៖ %s", 'ពិធីបុណ្យ "Bà Chúa Xứ"\tឆ្នាំ\\ថ្មី', "មាន %d ព័ត៌មានថ្មី"]
    hours = prepared.blocks[1].meta
    assert (hours["previous_msgid"], hours["flags"]) == ("Giờ mở cửa: %s", ["fuzzy", "python-format"])
    assert prepared.blocks[0].meta["occurrences"] == [["menu.py", "12"], ["menu.py", "40"]]
    assert prepared.properties["po_metadata"]["X-Generator"] == "Poedit 3.4"
    assert prepared.properties["po_header"].startswith("Vietnamese news for Khmer readers.")
    assert len(prepared.properties["po_obsolete"]) == 2


def test_a_template_with_xgettexts_placeholders_is_read(tmp_path: Path) -> None:
    pot = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=CHARSET\\n"\n'
        '"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\n'
        'msgid "Có %d tin mới"\nmsgid_plural "Có %d tin mới"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        'msgid "Xin chào" "An Giang"\nmsgstr ""\n'
    )
    prepared = prepare_import(_write(tmp_path, pot, "site.pot"))
    assert [b.text for b in prepared.blocks] == ["Có %d tin mới", "Xin chàoAn Giang"]


def test_translate_toolkits_po_is_read(tmp_path: Path) -> None:
    from translate.storage import po as ttk_po

    store = ttk_po.pofile()
    store.updateheader(add=True, Language="km", Content_Type="text/plain; charset=UTF-8")
    unit = store.addsourceunit("Núi Cấm cao.")
    unit.target = "ភ្នំកម្ពស់។"
    unit.addnote("from the article", origin="developer")
    path = tmp_path / "ttk.po"
    path.write_bytes(bytes(store))
    assert _msgfmt_verdict(path) in (True, None)
    (segment,) = prepare_import(path).segments
    assert [t.text for t in segment.translations] == ["ភ្នំកម្ពស់។"]


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "an-giang.txt"
    source.write_text("Xin chào.\n\nChợ nổi họp sớm.\n", encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    project.save_translation(project.segment_ids()[0], "km", "សួស្តី។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    return project


def test_a_handoff_broken_in_an_editor_is_refused_on_merge_and_nothing_is_written(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        handoff(project, "po", "km", tmp_path / "handoff.po")
        text = (tmp_path / "handoff.po").read_text(encoding="utf-8")
        # the translator's editor cut a line: an unterminated string, which polib read as "Xin chà"
        broken = text.replace('msgstr "សួស្តី។"', 'msgstr "Xin chà')
        returned = _write(tmp_path, broken, "returned.po")
        with pytest.raises(
            ImportProblem, match=r"returned.po: is not a valid PO file: line \d+, column \d+: the string is not closed"
        ):
            plan_merge(project, returned, "km")
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "merge", "p.wbp", str(returned), "--to", "km"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {returned}: is not a valid PO file: line ")
    assert "Traceback" not in done.stderr
    with Project.open(tmp_path / "p.wbp", read_only=True) as project:
        assert project.segment(project.segment_ids()[0]).translations["km"].text == "សួស្តី។"


def test_the_reader_is_linear_on_a_hostile_string(tmp_path: Path) -> None:
    # a million escaped backslashes and quotes in one string, then the same left open: read or refused whole
    body = '\\\\\\"' * 1_000_000
    prepared = prepare_import(_write(tmp_path, HEADER + f'msgid "x"\nmsgstr "{body}"\n', "long.po"))
    assert prepared.segments[0].translations[0].text == '\\"' * 1_000_000
    with pytest.raises(ImportProblem, match="line 8, column 8: the string is not closed"):
        prepare_import(_write(tmp_path, HEADER + f'msgid "x"\nmsgstr "{body}\n', "open.po"))


def test_a_header_charset_that_lies_about_a_utf8_file_is_overruled_with_a_word(tmp_path: Path) -> None:
    """A tool re-encoded the file to UTF-8 and left charset=ISO-8859-1: read as what it is, and say so."""
    from workbench.core.importing.file_import import prepare_import

    po = tmp_path / "lie.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n"Language: km\\n"\n\n'
        'msgid "Lưu"\nmsgstr "រក្សាទុក"\n',
        encoding="utf-8",
    )
    prepared = prepare_import(po)
    assert [s.source for s in prepared.segments] == ["Lưu"] and prepared.encoding == "utf-8"
    assert any("charset=ISO-8859-1, but the file is UTF-8" in w for w in prepared.warnings)
    nonsense = tmp_path / "rot.po"
    nonsense.write_text(po.read_text(encoding="utf-8").replace("ISO-8859-1", "rot13"), encoding="utf-8")
    assert any("charset=rot13" in w for w in prepare_import(nonsense).warnings)
