"""XML from elsewhere: an entity bomb is called one, and an entity nobody can resolve never leaves a hole."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.builders.returned_handoff import returned_xliff
from workbench.core.errors import ImportProblem
from workbench.core.exporting.xliff import NS
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.tmx import read_tmx
from workbench.core.ops.merge_back import plan_merge
from workbench.core.store.project_store import Project

LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))


def test_a_billion_laughs_is_called_an_entity_bomb_not_a_parser_error(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE tmx [{LAUGHS}]><tmx version="1.4"><header srclang="vi"/><body><tu>'
        '<tuv xml:lang="vi"><seg>&l9;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem, match="declares XML entities") as refused:
        read_tmx(bomb)
    assert "xmlCtxtSetMaxAmplification" not in str(refused.value)


def test_a_returned_xliff_using_an_entity_of_an_unloaded_dtd_is_refused_not_merged_with_a_hole(
    tmp_path: Path,
) -> None:
    source = tmp_path / "tin.txt"
    source.write_text("Núi Cấm cao.\n\nChợ nổi họp sớm.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        returned = returned_xliff(project, tmp_path, ["ភ្នំខ្ពស់។", "ផ្សារ។"])
        text = returned.read_text(encoding="utf-8").replace("ផ្សារ។", "ផ្សារ &leak; ។")
        text = text.replace("?>", '?><!DOCTYPE xliff SYSTEM "nothing.dtd">', 1)
        returned.write_text(text, encoding="utf-8")
        assert etree.parse(str(returned), etree.XMLParser(resolve_entities=False, load_dtd=False)).getroot().tag == (
            f"{{{NS}}}xliff"
        )  # the file is well-formed: only the entity's text is unknown
        with pytest.raises(ImportProblem, match=r"uses the entity &leak; \(line \d+\)"):
            plan_merge(project, returned, "km")


def test_an_xml_declaration_that_lies_about_utf8_bytes_is_named_as_such(tmp_path: Path) -> None:
    memory = tmp_path / "u16.tmx"
    memory.write_text(
        '<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><header srclang="vi"/><body><tu>'
        '<tuv xml:lang="vi"><seg>Chùa Dơi</seg></tuv><tuv xml:lang="en"><seg>Bat Pagoda</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with pytest.raises(ImportProblem, match="says it is in UTF-16, but its bytes are UTF-8"):
        read_tmx(memory)
