"""Fuzzing the readers of files that come from elsewhere: the only exception that may leave one is ours.

Each reader (txt decoding, docx, html, PO through the import; TMX; XLIFF as merge-back reads it; TBX
and CSV glossaries) gets valid seed files changed by hypothesis: bytes flipped, cut off, inserted,
deleted or repeated, tokens that stress parsers spliced in, a docx's XML parts changed inside a
well-formed zip, and XML trees built from each format's own element and attribute names. Whatever
happens must end in a WorkbenchError (one message naming the file); anything else is a finding.

    python -m tests.fuzz_readers --minutes 5              # every reader, round-robin
    python -m tests.fuzz_readers --minutes 2 --reader tmx --save /tmp/findings

prints the runs per reader and each exception class found with its first message; `--save` keeps a
reproducer file per class. tests/core/test_fuzz_readers.py runs a few fixed examples of each.
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.errors import WorkbenchError
from workbench.core.exporting.xliff import read_xliff
from workbench.core.importing.file_import import prepare_import
from workbench.core.language.legacy_encodings import encode_tcvn3, encode_vni
from workbench.core.memory.glossary import read_glossary_csv, read_glossary_tbx
from workbench.core.memory.tmx import load_tmx
from workbench.core.ops.merge_back import plan_merge
from workbench.core.store.project_store import Project

TEXT = (
    "Ủy ban nhân dân tỉnh An Giang thông báo. Ngày 15/11/2024, 1.250 đại biểu dự họp “Lễ hội Bà Chúa Xứ”.\n\n"
    "TP. Châu Đốc có 25/CT-TTg. Liên hệ: 0296 3852 123, bbt@angiang.gov.vn\n\n© 2024 Báo An Giang\n"
)
HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin tức</title><style>p{color:red}</style></head>"
    "<body><nav>Trang chủ | Tin tức | Liên hệ</nav><h1>Lễ hội</h1><p>An Giang có <b>nhiều</b> lễ hội.&nbsp;Hết.</p>"
    "<table><tr><td>Châu Đốc</td><td>9.889</td></tr></table><script>var a = 1;</script></body></html>"
)
PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: km\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n\n#: main.c:1\n#, fuzzy\nmsgctxt "menu"\nmsgid "Mở tệp"\n'
    'msgstr "បើក"\n\nmsgid "Một tệp"\nmsgid_plural "%d tệp"\nmsgstr[0] "ឯកសារ %d"\n\n#~ msgid "Cũ"\n#~ msgstr "ចាស់"\n'
)
TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="vi" datatype="plaintext" '
    'segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>'
    '<tu tuid="1"><tuv xml:lang="vi"><seg>Xin chào <bpt i="1">&lt;b&gt;</bpt>bạn<ept i="1">&lt;/b&gt;</ept>.</seg>'
    '</tuv><tuv xml:lang="en-US"><seg>Hello <ph x="1"/>friend.</seg></tuv><tuv xml:lang="km"><seg>សួស្តី។</seg></tuv>'
    '</tu><tu srclang="en"><tuv xml:lang="en"><seg>Bye</seg></tuv><tuv xml:lang="vi"><seg>Tạm biệt</seg></tuv></tu>'
    "</body></tmx>\n"
)
XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '<file original="bai.txt" source-language="vi" target-language="km" datatype="plaintext" date="2024-11-15T10:00:00Z">'
    '<header><tool tool-id="workbench" tool-name="x"/></header><body>'
    '<trans-unit id="1" resname="12"><source>Xin chào.</source><target state="translated">សួស្តី។</target></trans-unit>'
    '<trans-unit id="2" approved="yes" xml:space="preserve"><source>Tạm <g id="1">biệt</g>.</source>'
    '<target>លា <x id="2"/>។</target><note>n</note></trans-unit></body></file></xliff>\n'
)
TBX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="vi"><text><body>'
    '<termEntry id="t1"><descrip type="definition">Cơ quan</descrip><langSet xml:lang="vi"><tig><term>Ủy ban nhân dân</term>'
    '</tig></langSet><langSet xml:lang="en"><tig><term>People\'s Committee</term></tig><tig><term>Council</term>'
    '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>'
    '<langSet xml:lang="km"><ntig><termGrp><term>គណៈកម្មាធិការ</term></termGrp></ntig></langSet></termEntry>'
    "</body></text></martif>\n"
)
CSV = (
    "vi,en,km,note,forbidden_en,forbidden_km\n"
    'Ủy ban nhân dân,People\'s Committee,គណៈកម្មាធិការ,"ghi chú, có dấu phẩy",Council;Board,\n'
    "Lễ hội,festival,,,,\n"
)

#: spliced into seeds: what breaks parsers and decoders
TOKENS = [
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xe2\x80",
    b"\r",
    b"\n\n",
    b"\t",
    b'"',
    b"'",
    b",",
    b";",
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"&#x110000;",
    b"&nbsp;",
    b"&amp",
    b"]]>",
    b"<![CDATA[",
    b"<!--",
    b"-->",
    b'<!DOCTYPE x [<!ENTITY a "b">]>',
    b"<!ENTITY",
    b"<?xml",
    b'encoding="utf-7"',
    b'encoding="bogus"',
    b'xml:lang=""',
    b'xml:lang="*all*"',
    b'srclang="*all*"',
    b'version="2.0"',
    b'version="1e9"',
    b'state="x"',
    b'approved="no"',
    b"msgid",
    b"msgstr[9]",
    b'"\\',
    b"\\x",
    b"#~",
    b"#|",
    b"%d",
    b"\xe1\xbb",
    b"\x1b",
    b"\x0b",
    "\u2028".encode(),
    b"9" * 40,
    b"-1",
    b"." * 200,
    b"a." * 100,
]

#: put in place of a quoted value
VALUES = [b"", b"0", b"-1", b"1e9", b"abc", b"9" * 5000, b"\xff", b"*all*", b"x-klingon", b"2024-13-45T99:99:99Z",
          b"1.2.3", b"&#0;", b"\\", b"%s%n", b"a" * 300, b"yes", b"needs-translation", b"\\n\\n", b"nplurals=0;"]  # fmt: skip
_QUOTED = regex.compile(rb'"([^"\n]{0,80})"')


@dataclass(frozen=True, slots=True)
class Reader:
    """One reader under test: the file name it is given, its seeds, and how it is called."""

    file_name: str
    seeds: Callable[[], list[bytes]]
    read: Callable[[Path], object]
    #: element and attribute names of the format, for generated trees (XML formats only)
    vocabulary: tuple[tuple[str, ...], tuple[str, ...]] | None = None


@lru_cache(maxsize=1)
def _docx_seed() -> bytes:
    from tests.builders.documents import build_docx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.docx"
        build_docx(path)
        return path.read_bytes()


def _text_seeds() -> list[bytes]:
    return [
        TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        encode_tcvn3(TEXT.split("\n")[0]),
        encode_vni("Tỉnh có lễ hội."),
    ]


@lru_cache(maxsize=1)
def _merge_project() -> Project:
    """A project holding the seed text, for reading hand-offs back against (plan_merge writes nothing)."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-merge-"))
    (folder / "bai.txt").write_text(TEXT, encoding="utf-8")
    project = Project.create(folder / "p.wbp", "fuzz", "vi", ["en", "km"])
    project.store_document(prepare_import(folder / "bai.txt"))
    return project


def _merged(path: Path) -> object:
    return plan_merge(_merge_project(), path, "km")


READERS: dict[str, Reader] = {
    "txt": Reader("bai.txt", _text_seeds, prepare_import),
    "html": Reader("bai.html", lambda: [HTML.encode(), HTML.encode("utf-16")], prepare_import),
    "docx": Reader("bai.docx", lambda: [_docx_seed()], prepare_import),
    "po": Reader("bai.po", lambda: [PO.encode()], prepare_import),
    "tmx": Reader(
        "memory.tmx",
        lambda: [TMX.encode()],
        load_tmx,
        (
            ("tmx", "header", "body", "tu", "tuv", "seg", "bpt", "ept", "ph", "it", "hi", "sub", "prop", "note"),
            ("xml:lang", "srclang", "version", "tuid", "i", "x", "type", "lang"),
        ),
    ),
    "xliff": Reader(
        "back.xlf",
        lambda: [XLIFF.encode()],
        lambda path: read_xliff(path, "km"),
        (
            (
                "xliff",
                "file",
                "header",
                "tool",
                "body",
                "group",
                "trans-unit",
                "source",
                "target",
                "note",
                "g",
                "x",
                "bx",
                "ex",
                "mrk",
                "ph",
                "bpt",
                "ept",
            ),
            (
                "version",
                "original",
                "source-language",
                "target-language",
                "id",
                "resname",
                "state",
                "approved",
                "xml:space",
                "date",
                "tool-id",
                "restype",
                "translate",
            ),
        ),
    ),
    "merge-xliff": Reader("back.xlf", lambda: [XLIFF.encode()], _merged),
    "merge-po": Reader("back.po", lambda: [PO.encode()], _merged),
    "tbx": Reader(
        "terms.tbx",
        lambda: [TBX.encode()],
        read_glossary_tbx,
        (
            (
                "martif",
                "tbx",
                "text",
                "body",
                "termEntry",
                "conceptEntry",
                "langSet",
                "langSec",
                "tig",
                "ntig",
                "termGrp",
                "termSec",
                "term",
                "termNote",
                "descrip",
                "note",
                "hi",
                "foreign",
            ),
            ("xml:lang", "type", "id", "style"),
        ),
    ),
    "csv": Reader("terms.csv", lambda: [CSV.encode(), CSV.encode("utf-8-sig")], read_glossary_csv),
}


# --- what hypothesis draws -------------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed with one to five changes: flips, cuts, insertions, deletions, repeats, spliced tokens."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(data)))
        change = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat", "token", "value"]))
        if change == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif change == "truncate":
            del data[at:]
        elif change == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif change == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif change == "repeat":
            piece = bytes(data[at : at + draw(st.integers(1, 64))])
            data[at:at] = piece * draw(st.integers(1, 50))
        elif change == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif change == "value":  # an attribute's or a quoted string's value swapped for a strange one
            quoted = [m.span(1) for m in _QUOTED.finditer(bytes(data))]
            if quoted:
                start, end = draw(st.sampled_from(quoted))
                data[start:end] = draw(st.sampled_from(VALUES))
    return bytes(data)


@st.composite
def docx_with_changed_parts(draw: st.DrawFn) -> bytes:
    """The seed docx re-zipped with one or two of its parts changed (the zip itself stays sound)."""
    with zipfile.ZipFile(io.BytesIO(_docx_seed())) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from(sorted(parts)))
        parts[name] = draw(mutated([parts[name]]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


#: (signature, offsets of 16-bit fields, offsets of 32-bit fields) of the zip headers: local file header
#: (version, flags, method, time, date; CRC, sizes), central directory (versions, flags, method; CRC, sizes,
#: offset), end record (counts; size and offset of the directory)
_ZIP_FIELDS = [
    (b"PK\x03\x04", (4, 6, 8, 10, 12, 26, 28), (14, 18, 22)),
    (b"PK\x01\x02", (4, 6, 8, 10, 28, 30, 32), (16, 20, 24, 42)),
    (b"PK\x05\x06", (8, 10, 20), (12, 16)),
]


@st.composite
def docx_with_changed_headers(draw: st.DrawFn) -> bytes:
    """The seed docx with a field of its zip headers set to another value (a method, a version, an offset)."""
    data = bytearray(_docx_seed())
    for _ in range(draw(st.integers(1, 3))):
        signature, shorts, longs = draw(st.sampled_from(_ZIP_FIELDS))
        starts = [m.start() for m in regex.finditer(regex.escape(signature), bytes(data))]
        if not starts:
            continue
        at = draw(st.sampled_from(starts))
        wide = draw(st.booleans())
        offset = draw(st.sampled_from(longs if wide else shorts))
        limit = 2**32 - 1 if wide else 2**16 - 1
        value = draw(
            st.one_of(st.sampled_from([0, 1, 8, 12, 14, 20, 99, 235, 0x800, 0x801, limit]), st.integers(0, limit))
        )
        if at + offset + (4 if wide else 2) <= len(data):
            struct.pack_into("<I" if wide else "<H", data, at + offset, value)
    return bytes(data)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def xml_trees(elements: tuple[str, ...], attributes: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    """Documents built from a format's own names, nested at random, with values of every sort."""
    values = st.one_of(
        st.sampled_from(["vi", "km", "en", "vi-VN", "*all*", "", "1", "0", "-1", "1.2", "yes", "translated"]),
        st.text(max_size=12),
    )
    texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)

    def element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            lambda tag, attrs, inner, tail: "<{}{}>{}</{}>{}".format(
                tag, "".join(f' {k}="{_escape(v)}"' for k, v in attrs.items()), "".join(inner), tag, _escape(tail)
            ),
            st.sampled_from(elements),
            st.dictionaries(st.sampled_from(attributes), values, max_size=3),
            st.lists(children, max_size=4),
            texts,
        )

    leaves = texts.map(_escape)
    tree = st.recursive(leaves, element, max_leaves=30)
    return st.builds(
        lambda root, inner: (
            f'<?xml version="1.0" encoding="UTF-8"?><{root} version="1.2" xmlns:xml="http://www.w3.org/XML/1998/namespace">'
            f"{inner}</{root}>"
        ).encode("utf-8", "surrogatepass"),
        st.sampled_from(elements[:2]),
        tree,
    )


def inputs_for(reader: Reader) -> st.SearchStrategy[bytes]:
    choices = [mutated(reader.seeds())]
    if reader.file_name.endswith(".docx"):
        choices += [docx_with_changed_parts(), docx_with_changed_headers()]
    if reader.vocabulary:
        choices.append(xml_trees(*reader.vocabulary))
    return st.one_of(choices)


# --- running -------------------------------------------------------------------------------------


class Finding(Exception):
    """A reader let an exception other than WorkbenchError out."""


@dataclass(slots=True)
class Tally:
    runs: int = 0
    refused: int = 0  # ended in a WorkbenchError, as they should when refused
    found: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)  # class -> (count, first message, input)


def read_once(reader: Reader, data: bytes, folder: Path, tally: Tally | None = None) -> None:
    """Give the reader one file; raises Finding (or records it in `tally`) for a foreign exception."""
    path = folder / reader.file_name
    path.write_bytes(data)
    try:
        reader.read(path)
    except WorkbenchError:
        if tally is not None:
            tally.refused += 1
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        name = f"{type(exc).__module__}.{type(exc).__qualname__} at {Path(where.filename).name}:{where.lineno}"
        if tally is None:
            raise Finding(f"{reader.file_name}: {name}: {exc}") from exc
        count, message, first = tally.found.get(name, (0, str(exc)[:200], data))
        tally.found[name] = (count + 1, message, first)
    finally:
        if tally is not None:
            tally.runs += 1


def check_reader(name: str, examples: int, derandomize: bool, tally: Tally | None = None) -> None:
    """Run `examples` hypothesis examples against one reader (raising at the first finding unless `tally`)."""
    reader = READERS[name]
    with tempfile.TemporaryDirectory() as folder:

        @settings(
            max_examples=examples,
            derandomize=derandomize,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(inputs_for(reader))
        def run(data: bytes) -> None:
            read_once(reader, data, Path(folder), tally)

        run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz_readers", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument(
        "--reader", choices=sorted(READERS), action="append", help="one reader (repeatable); default all"
    )
    parser.add_argument("--save", type=Path, help="a folder for one reproducer per exception class found")
    args = parser.parse_args(argv)
    names = args.reader or list(READERS)
    tallies = {name: Tally() for name in names}
    stop = time.monotonic() + args.minutes * 60
    while time.monotonic() < stop:
        for name in names:
            if time.monotonic() >= stop:
                break
            check_reader(name, 50, derandomize=False, tally=tallies[name])
    found = 0
    for name, tally in tallies.items():
        print(
            f"{name}: {tally.runs} runs, {tally.refused} refused with a message, {len(tally.found)} exception classes"
        )
        for where, (count, message, first) in sorted(tally.found.items()):
            found += 1
            print(f"  {count} x {where}: {message}")
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                kept = args.save / f"{name}-{found}{Path(READERS[name].file_name).suffix}"
                kept.write_bytes(first)
                print(f"    reproducer: {kept}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
