"""A glossary CSV as spreadsheets write it is read whole, or refused whole with the line: never half-read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.core.errors import ImportProblem
from workbench.core.memory.glossary import read_glossary_csv


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('vi,en\n"unclosed,x\nghe Ngo,Ngo boat\n', "a quoted field is never closed"),
        ("vi,vi,en\nA,B,C\n", "has the column 'vi' twice in its header"),
        ("vi,en\nghe Ngo,Ngo boat,ទូកង,extra\n", "line 2 has more fields than the header (2)"),
    ],
    ids=["unclosed quote", "doubled column", "more fields than the header"],
)
def test_a_broken_csv_is_refused_naming_the_problem(tmp_path: Path, content: str, said: str) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportProblem, match=re.escape(said)):
        read_glossary_csv(path)


def test_excels_semicolons_and_short_rows_are_read(tmp_path: Path) -> None:
    """Excel separates with ';' where the decimal mark is a comma (a Vietnamese locale)."""
    path = tmp_path / "terms.csv"
    path.write_text("\ufeffvi;en;km\nghe Ngo;Ngo boat;ទូកង\nđồng bào Khmer\n", encoding="utf-8")
    terms = read_glossary_csv(path)
    assert [(t.source, t.targets) for t in terms] == [
        ("ghe Ngo", {"en": "Ngo boat", "km": "ទូកង"}),
        ("đồng bào Khmer", {}),
    ]
