"""Sentences are split where a Vietnamese reader would split them, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import WorkbenchError
from workbench.core.importing.file_import import prepare_import
from workbench.core.language.segmentation_check import read_reference, score_reference
from workbench.core.language.segmenter import Segmenter, load_rules, segmenter_for
from workbench.core.resources import resource_path

REFERENCE = resource_path("samples", "segmentation-reference-vi.txt")
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "reference",
    [REFERENCE, DATA / "an-giang-article-reference.txt", DATA / "soc-trang-article-reference.txt"],
    ids=["hand-made sample", "An Giang article", "Soc Trang article"],
)
def test_hand_made_references_are_segmented_exactly(reference: Path) -> None:
    paragraphs = read_reference(reference)
    assert sum(len(p) for p in paragraphs) >= 15
    score = score_reference(paragraphs, segmenter_for("vi"))
    assert score.mismatches == []
    assert score.precision == score.recall == 1.0


def test_the_score_counts_missed_and_extra_breaks() -> None:
    # The built-in rules break after "etc." before a capital; a reference may disagree.
    paragraphs = [["Bánh, trái cây, etc. Ngoài ra còn có hàng lưu niệm."], ["Câu một.", "Câu hai."]]
    score = score_reference(paragraphs, segmenter_for("vi"))
    assert (score.sentences, score.found, score.correct) == (3, 4, 3)
    assert score.precision == 0.75 and score.recall == 1.0
    assert len(score.mismatches) == 1


@pytest.mark.parametrize(
    "unsplittable",
    [
        "TP. Cần Thơ",
        "Tp. Hồ Chí Minh",
        "TS. Trần Văn Nam",
        "ThS. Lê Minh",
        "PGS. Phạm Hùng",
        "GS. Ngô Bảo Châu",
        "Q. Ninh Kiều",
        "P. Mỹ Xuyên",
        "07/06/2023",
        "24 tháng 11 năm 2021",
        "25/CT-TTg",
        "720/KH-UBND",
        "33-NQ/TW",
        "692/STTTT–TTBCXB",
        "9.889",
        "2,5",
        "sotttt@angiang.gov.vn",
        "sotttt.angiang.gov.vn",
        "Nguyễn T. Hà",
    ],
)
def test_never_splits_inside(unsplittable: str) -> None:
    sentence = f"Theo thông báo, {unsplittable} được nhắc đến trong văn bản. Sau đó hội nghị bế mạc."
    pieces = [p.text for p in segmenter_for("vi").split(sentence)]
    assert pieces == [f"Theo thông báo, {unsplittable} được nhắc đến trong văn bản.", "Sau đó hội nghị bế mạc."]


def test_separators_are_kept_so_the_paragraph_can_be_rebuilt() -> None:
    paragraph = "Câu thứ nhất.  Câu thứ hai? Câu thứ ba!"
    pieces = segmenter_for("vi").split(paragraph)
    assert "".join(p.text + p.space_after for p in pieces) == paragraph


def test_khmer_sentences_end_with_khan() -> None:
    pieces = segmenter_for("km").split("ខេត្តអានយ៉ាងមានទេសភាពស្អាត។ ភ្ញៀវទេសចរជាច្រើនមកលេង។")
    assert [p.text for p in pieces] == ["ខេត្តអានយ៉ាងមានទេសភាពស្អាត។", "ភ្ញៀវទេសចរជាច្រើនមកលេង។"]


def test_an_abbreviation_added_to_the_rules_file_is_honoured(tmp_path: Path) -> None:
    rules = resource_path("segmentation", "rules.srx").read_text(encoding="utf-8")
    sentence = "Đoàn đến Thị trấn NBa. Lê để khảo sát."
    default = Segmenter(load_rules(), "vi")
    assert len(default.split(sentence)) == 2
    custom = tmp_path / "rules.srx"
    custom.write_text(rules.replace("|tt)\\.", "|tt|NBa)\\."), encoding="utf-8")
    assert [p.text for p in Segmenter(load_rules(custom), "vi").split(sentence)] == [sentence]


def test_rules_with_their_own_groups_and_flags_are_honoured(tmp_path: Path) -> None:
    """The rules are tried as one pattern where that reads the same; a rule with a group or a global flag
    is read on its own, as written."""
    rules = resource_path("segmentation", "rules.srx").read_text(encoding="utf-8")
    own = (
        '<languagerule languagerulename="Vietnamese">\n'
        '<rule break="no"><beforebreak>(?i)\\bxã aa\\.</beforebreak><afterbreak>\\s</afterbreak></rule>\n'
        '<rule break="no"><beforebreak>phố (BB|CC)\\.</beforebreak><afterbreak>\\s</afterbreak></rule>'
    )
    custom = tmp_path / "rules.srx"
    custom.write_text(rules.replace('<languagerule languagerulename="Vietnamese">', own, 1), encoding="utf-8")
    segmenter = Segmenter(load_rules(custom), "vi")
    split = [
        [p.text for p in segmenter.split(text)]
        for text in ("Về XÃ AA. Sau đó.", "Ở phố CC. Sau đó.", "Ở phố BC. Sau đó.")
    ]
    assert split == [["Về XÃ AA. Sau đó."], ["Ở phố CC. Sau đó."], ["Ở phố BC.", "Sau đó."]]
    assert [p.text for p in segmenter.split("Tôi đi. anh ở lại. Tôi đi. Anh ở lại.")] == [
        "Tôi đi. anh ở lại.",
        "Tôi đi.",
        "Anh ở lại.",
    ]


def test_a_broken_rules_file_is_reported_by_name(tmp_path: Path) -> None:
    broken = tmp_path / "broken.srx"
    broken.write_text("<srx><body>", encoding="utf-8")
    with pytest.raises(WorkbenchError, match=r"broken\.srx"):
        load_rules(broken)


def test_a_copied_web_article_splits_as_a_reader_would(article_path: Path) -> None:
    """The import of the whole page (noise included) gives exactly the hand-checked sentences of its body."""
    doc = prepare_import(article_path)
    texts = [s.source for s in doc.segments if s.translatable]
    expected = [
        sentence for paragraph in read_reference(DATA / "soc-trang-article-reference.txt") for sentence in paragraph
    ]
    assert texts == expected
    # The list "(1) ... (3)" after its lead-in: each item its own segment; numbered sources keep their numbers.
    assert [t[:3] for t in texts if t[:3] in ("(1)", "(2)", "(3)")] == ["(1)", "(2)", "(3)"]
    assert any(t.startswith("2. Thông báo số 96/TB-SVHTTDL ngày 08/11/2024") for t in texts)
