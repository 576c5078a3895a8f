"""Source documents that tests build themselves: Word files with modern and legacy Vietnamese fonts."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt

from workbench.core.language.legacy_encodings import encode_tcvn3, encode_vni


def legacy_run_text(text: str, encoding: str) -> str:
    """What Word stores for Vietnamese typed in an 8-bit font: the bytes as cp1252 characters."""
    raw = encode_tcvn3(text) if encoding == "tcvn3" else encode_vni(text)
    return raw.decode("cp1252")


def build_docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading("Du lịch An Giang", level=1)
    document.add_paragraph("An Giang có nhiều lễ hội. TP. Châu Đốc nổi tiếng với Miếu Bà Chúa Xứ.")
    document.add_paragraph("Núi Cấm", style="List Bullet")
    document.add_paragraph("Rừng tràm Trà Sư", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Địa điểm"
    table.cell(0, 1).text = "Lượt khách"
    table.cell(1, 0).text = "Châu Đốc"
    table.cell(1, 1).text = "9.889"
    legacy = document.add_paragraph()
    run = legacy.add_run(legacy_run_text("Ủy ban nhân dân tỉnh ", "tcvn3"))
    run.font.name = ".VnTime"
    capitals = legacy.add_run(legacy_run_text("thông báo", "tcvn3"))
    capitals.font.name = ".VnTimeH"
    vni = document.add_paragraph()
    vni_run = vni.add_run(legacy_run_text("Đồng bằng sông Cửu Long", "vni"))
    vni_run.font.name = "VNI-Times"
    vni_run.font.size = Pt(13)
    symbol = document.add_paragraph()
    symbol_run = symbol.add_run("".join(chr(0xF000 + b) for b in encode_tcvn3("Việt Nam")))
    symbol_run.font.name = ".VnArial"
    document.save(str(path))
