"""The import dialog tells the translator which file to check before it is stored, and where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt


def test_a_damaged_utf8_file_previews_as_vietnamese_with_the_bad_place_named(
    qtbot, open_window, tmp_path: Path, article_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.import_dialog import ImportDialog

    data = article_path.read_bytes()
    offset = data.index("Đua ghe Ngo lần thứ V".encode())
    damaged = tmp_path / "tin-bai.txt"
    damaged.write_bytes(data[:offset] + b"\x96" + data[offset:])
    window = open_window()
    dialog = ImportDialog(window.project, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.add_files([damaged])
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)

    shown = dialog.detected.text()
    assert "encoding utf-8" in shown
    assert "1 place is not valid UTF-8" in shown and f"byte {offset:,}" in shown
    assert "1 place is not valid UTF-8" in dialog.status.text()
    assert "1 place is not valid UTF-8" in dialog.files.item(0).toolTip()
    model = dialog.preview_model
    rows = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    title = rows.index("Sóc Trăng sẵn sàng cho Lễ hội Oóc Om Bóc – Đua ghe Ngo năm 2024")  # not mojibake
    assert model.data(model.index(title, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked  # to translate
    assert dialog.import_button.isEnabled()  # a warning, not a refusal
