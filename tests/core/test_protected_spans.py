"""What must survive translation untouched is found at import and stored with each segment."""

from __future__ import annotations

from pathlib import Path

from workbench.core.language.protected_spans import find_protected_spans, number_values


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_protected_spans(text)]


def test_codes_dates_and_addresses_of_a_press_release() -> None:
    text = (
        "Chỉ thị 25/CT-TTg ngày 07/06/2023 (sotttt.angiang.gov.vn) và Kế hoạch số 720/KH-UBND "
        "ngày 24 tháng 11 năm 2021; Nghị quyết số 33-NQ/TW; Công văn 692/STTTT–TTBCXB; Nghị định 15/2020/NĐ-CP."
    )
    assert kinds(text) == [
        ("code", "25/CT-TTg"),
        ("date", "07/06/2023"),
        ("url", "sotttt.angiang.gov.vn"),
        ("code", "720/KH-UBND"),
        ("date", "ngày 24 tháng 11 năm 2021"),
        ("code", "33-NQ/TW"),
        ("code", "692/STTTT–TTBCXB"),
        ("code", "15/2020/NĐ-CP"),
    ]


def test_contacts_and_numbers() -> None:
    text = "Điện thoại: 0296.3.957.049 - 0378.247.247, email sotttt@angiang.gov.vn, https://angiang.gov.vn/tin/a.html. Diện tích 9.889 ha, tăng 2,5%."
    assert kinds(text) == [
        ("phone", "0296.3.957.049"),
        ("phone", "0378.247.247"),
        ("email", "sotttt@angiang.gov.vn"),
        ("url", "https://angiang.gov.vn/tin/a.html"),
        ("number", "9.889"),
        ("number", "2,5%"),
    ]


def test_span_offsets_point_into_the_text() -> None:
    text = "Năm 2023 có 55 sự kiện tại TP. Châu Đốc."
    for span in find_protected_spans(text):
        assert text[span.start : span.end] == span.text


def test_khmer_digits_are_the_same_numbers() -> None:
    assert number_values("ឆ្នាំ ២០២៣ មាន ៥៥ ព្រឹត្តិការណ៍") == number_values("Năm 2023 có 55 sự kiện")


def test_imported_segments_carry_their_spans(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.importing.file_import import import_files

    source = tmp_path / "tin.txt"
    source.write_text("Theo Chỉ thị 25/CT-TTg, tỉnh đón 9.889 lượt khách.", encoding="utf-8")
    import_files(project, [source])
    (segment,) = project.segments()
    assert [(s.kind, s.text) for s in segment.spans] == [("code", "25/CT-TTg"), ("number", "9.889")]
