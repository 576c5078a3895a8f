"""Segmentation measured on human references, and the splits a Vietnamese reader expects in prose:
sentences starting with a number, quotations in any quotation marks, lower case after a quotation mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.commands.main import main as run_cli
from workbench.core.language.segmentation_check import read_reference, score_reference, shipped_references
from workbench.core.language.segmenter import quotations_marked, segmenter_for
from workbench.core.resources import resource_path

PROSE = resource_path("samples", "segmentation-reference-prose-vi.txt")
TREEBANK = resource_path("samples", "segmentation-reference-ud-vtb-vi.txt")


def sentences(paragraph: str) -> list[str]:
    return [piece.text for piece in segmenter_for("vi").split(paragraph)]


def test_the_prose_reference_is_segmented_as_its_writer_split_it() -> None:
    paragraphs = read_reference(PROSE)
    assert sum(len(p) for p in paragraphs) >= 300
    score = score_reference(paragraphs, segmenter_for("vi"))
    assert score.f1 >= 0.99, score.mismatches
    assert score.mismatches == []


def test_the_treebank_reference_keeps_its_score() -> None:
    # Human splits of the UD Vietnamese treebank; the treebank splits inside some quotations, we do not.
    paragraphs = read_reference(TREEBANK)
    assert sum(len(p) for p in paragraphs) == 800
    score = score_reference(paragraphs, segmenter_for("vi"))
    assert score.precision >= 0.995 and score.recall >= 0.985 and score.f1 >= 0.99


def requoted(sentence: str, opening: str, closing: str) -> str:
    """The sentence with every quotation mark of the reference (“ ” « » ‘ ’ and paired ") in one style."""
    chars, inside = [], False
    for ch in sentence:
        if ch == '"':
            ch, inside = (closing if inside else opening), not inside
        chars.append(opening if ch in "“«‘" else closing if ch in "”»’" else ch)
    return "".join(chars)


@pytest.mark.parametrize("marks", ["“”", '""', "«»", "‘’"], ids=["curly", "straight", "guillemets", "single curly"])
def test_the_whole_prose_reference_segments_the_same_in_every_quotation_style(marks: str) -> None:
    opening, closing = marks
    paragraphs = [[requoted(s, opening, closing) for s in p] for p in read_reference(PROSE)]
    assert score_reference(paragraphs, segmenter_for("vi")).mismatches == []


def test_bench_segmentation_scores_every_shipped_reference_with_f1(capsys: pytest.CaptureFixture[str]) -> None:
    assert {PROSE, TREEBANK, resource_path("samples", "segmentation-reference-vi.txt")} <= set(shipped_references())
    assert run_cli(["bench", "segmentation"]) == 0
    out = capsys.readouterr().out
    for path in shipped_references():
        assert f"{path.name}: " in out
    overall = [line for line in out.splitlines() if line.startswith("overall: ")]
    assert len(overall) == 1 and "precision" in overall[0] and "recall" in overall[0]
    assert float(overall[0].rsplit("F1 ", 1)[1]) >= 0.99


# --- A full stop before a sentence that starts with a number -------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Đó là năm 2020. 10 năm sau, mọi thứ đã khác.", ["Đó là năm 2020.", "10 năm sau, mọi thứ đã khác."]),
        (
            "Công lý không biên giới. 25 năm để thành nghề quả là khó.",
            ["Công lý không biên giới.", "25 năm để thành nghề quả là khó."],
        ),
        (
            "Cả đội đã về đích. “15 phút nữa là trời tối”, anh nói.",
            ["Cả đội đã về đích.", "“15 phút nữa là trời tối”, anh nói."],
        ),
        (
            "Hồ sơ gồm: 1. Đơn đề nghị theo mẫu. 2. Bản sao giấy khai sinh.",
            ["Hồ sơ gồm:", "1. Đơn đề nghị theo mẫu.", "2. Bản sao giấy khai sinh."],
        ),
    ],
)
def test_a_sentence_starting_with_a_number_is_its_own_segment(paragraph: str, expected: list[str]) -> None:
    assert sentences(paragraph) == expected


@pytest.mark.parametrize(
    "whole",
    [
        "Ông ở TP. 2 năm rồi mới về quê.",
        "Nhà ở P. 3, Q. 10 gần chợ.",
        "Theo văn bản số 25. 3 đơn vị đã ký.",
        "Mỗi năm bà chu cấp cho cô 30. 000 usd.",
        "Xem tr. 25 của sách.",
        "Bánh, kẹo, v.v. 3 gian hàng đều bán.",
        "Khi xảy ra vụ việc, h. 15 tuổi và p. 14 tuổi.",
        "Tổng cộng 1... 2... 3 người bước vào.",
    ],
)
def test_an_abbreviation_or_a_number_before_a_number_is_no_sentence_end(whole: str) -> None:
    assert sentences(whole) == [whole]


def test_an_abbreviation_with_its_number_can_end_a_sentence() -> None:
    assert sentences("Ông sống ở Q. 1. Bà sống ở Q. 3.") == ["Ông sống ở Q. 1.", "Bà sống ở Q. 3."]


# --- Quotations, whatever marks they are typed with ----------------------------------------------

QUOTE_STYLES = [("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’")]


@pytest.mark.parametrize(("opening", "closing"), QUOTE_STYLES, ids=["curly", "straight", "guillemets", "single"])
@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Bé gọi: {o}Mẹ! Bố!{c}.", ["Bé gọi: {o}Mẹ! Bố!{c}."]),
        ("Bé gọi: {o}Mẹ! Bố!{c}. Cả nhà chạy ra.", ["Bé gọi: {o}Mẹ! Bố!{c}.", "Cả nhà chạy ra."]),
        ("{o}Mẹ! Bố!{c}. Bé gọi to.", ["{o}Mẹ! Bố!{c}.", "Bé gọi to."]),
        (
            "Ông nói: {o}Tôi đi. Anh ở lại.{c} Rồi ông ra cửa.",
            ["Ông nói: {o}Tôi đi. Anh ở lại.{c}", "Rồi ông ra cửa."],
        ),
        (
            "Anh hỏi: {o}Em đi đâu? Sao không nói?{c} Cô đáp: {o}Em đi chợ.{c}",
            ["Anh hỏi: {o}Em đi đâu? Sao không nói?{c}", "Cô đáp: {o}Em đi chợ.{c}"],
        ),
        ("{o}Năm nay trúng mùa! Ai cũng vui.{c}, ông Ba nói.", ["{o}Năm nay trúng mùa! Ai cũng vui.{c}, ông Ba nói."]),
    ],
)
def test_a_quotation_is_segmented_the_same_in_every_quotation_style(
    opening: str, closing: str, template: str, expected: list[str]
) -> None:
    paragraph = template.format(o=opening, c=closing)
    assert sentences(paragraph) == [s.format(o=opening, c=closing) for s in expected]


def test_quotation_marks_are_paired_without_moving_the_text() -> None:
    text = 'Anh nói "đi" rồi «Mẹ! ‘Con’ đâu?» và 5" màn hình, cô\'s'
    marked = quotations_marked(text)
    assert len(marked) == len(text)
    assert marked == "Anh nói “đi” rồi “Mẹ! “Con” đâu?” và 5\" màn hình, cô's"


# --- Lower case after an opening quotation mark or bracket; initials -----------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            'Anh chỉ ngại bạn hàng không biết số di động của anh nên gọi về đây. "vâng ạ!".',
            ["Anh chỉ ngại bạn hàng không biết số di động của anh nên gọi về đây.", '"vâng ạ!".'],
        ),
        ("Hai đứa nín thở. “nghe gì?” Không ai trả lời.", ["Hai đứa nín thở.", "“nghe gì?”", "Không ai trả lời."]),
        (
            "Cô gái chỉ học bằng... tai! « bà John là ông Bụt của đời tôi », cô nói.",
            ["Cô gái chỉ học bằng... tai!", "« bà John là ông Bụt của đời tôi », cô nói."],
        ),
        ("Hội nghị bế mạc lúc 11 giờ. (theo TTXVN)", ["Hội nghị bế mạc lúc 11 giờ.", "(theo TTXVN)"]),
    ],
)
def test_after_an_opening_quotation_mark_or_bracket_a_sentence_may_start_in_lower_case(
    paragraph: str, expected: list[str]
) -> None:
    assert sentences(paragraph) == expected


@pytest.mark.parametrize(
    "whole",
    [
        "Khách tự giới thiệu tên Hùng, đang làm ở công ty TNHH K. Bảo vệ nói: vừa về.",
        'Ai cũng nhắc đến biệt danh m. "khùng" đầy ngang tàng.',
        "Bánh, kẹo, v.v. (xem bảng 2) đều được bày bán.",
        "Ông làm ở TP. (tức thành phố) Cần Thơ.",
    ],
)
def test_an_initial_or_abbreviation_before_lower_case_is_no_sentence_end(whole: str) -> None:
    assert sentences(whole) == [whole]


def test_an_ellipsis_opening_a_sentence_belongs_to_it() -> None:
    paragraph = "Hai đội quân từng đối mặt nơi đây. ... Rồi cũng chính con sông này nối liền hai miền."
    assert sentences(paragraph) == [
        "Hai đội quân từng đối mặt nơi đây.",
        "... Rồi cũng chính con sông này nối liền hai miền.",
    ]


def test_a_reference_file_path_outside_the_samples_is_still_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "own.txt"
    own.write_text("# an office's own\nĐó là năm 2020.\n10 năm sau, mọi thứ đã khác.\n", encoding="utf-8")
    assert run_cli(["bench", "segmentation", "--reference", str(own)]) == 0
    assert "own.txt: 2 sentences, boundary precision 1.000, recall 1.000, F1 1.000" in capsys.readouterr().out


def test_bench_segmentation_names_a_reference_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.txt")  # read, it would wait for a writer for ever
    for reference, said in (
        (tmp_path / "missing.txt", "does not exist"),
        (tmp_path, "is a folder, not a file"),
        (tmp_path / "pipe.txt", "is a named pipe (FIFO), not a regular file"),
    ):
        assert run_cli(["bench", "segmentation", "--reference", str(reference)]) == 2
        assert f"error: {reference}: {said}" in capsys.readouterr().err
