"""The dialogs around the grid: import with a preview, settings, the model manager."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from workbench.core.language.legacy_encodings import encode_cp1258
from workbench.core.settings import Settings


def test_import_previews_encoding_and_segments_and_stores_the_users_choices(
    qtbot, open_window, tmp_path: Path, article_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.import_dialog import ImportDialog

    window = open_window()
    legacy = tmp_path / "cp1258.txt"
    legacy.write_bytes(encode_cp1258("Thành phố Long Xuyên đẹp.\n\nLiên hệ: 0296 3852 111\n"))
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    dialog = ImportDialog(window.project, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.add_files([article_path, legacy, binary])
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    assert "photo.txt" in dialog.problems[str(binary)]
    assert "photo.txt" in dialog.status.text()

    dialog.files.setCurrentRow(1)
    assert "cp1258" in dialog.detected.text()
    model = dialog.preview_model
    assert model.data(model.index(0, 1)) == "Thành phố Long Xuyên đẹp."
    dialog.files.setCurrentRow(0)
    rows = {model.data(model.index(r, 1)): r for r in range(model.rowCount())}
    caption = next(text for text in rows if text.startswith("Các đội ghe Ngo tranh tài"))
    tick = model.index(rows[caption], 0)
    assert model.data(tick, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked  # photo caption
    assert model.data(model.index(rows[caption], 1), Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    model.setData(tick, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)  # the translator wants it

    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert len(dialog.imported) == 2
    names = [d.name for d in window.project.documents()]
    assert "cp1258.txt" in names and "soc-trang-article-vi.txt" in names and "photo.txt" not in names
    article = window.project.document("soc-trang-article-vi.txt")
    kept = [s for s in window.project.segments(article.id) if s.source == caption]
    assert kept and kept[0].translatable
    window.documents.reload()
    assert window.documents.topLevelItemCount() == 4  # all, the short text, two imported


def test_reading_again_with_another_encoding_updates_the_preview(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.import_dialog import ImportDialog

    window = open_window()
    legacy = tmp_path / "cp1258.txt"
    legacy.write_bytes(encode_cp1258("Thành phố Long Xuyên đẹp.\n"))
    dialog = ImportDialog(window.project, window.settings, window)
    qtbot.addWidget(dialog)
    dialog.add_files([legacy])
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("utf-8"))
    dialog.reread_current()
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    assert "utf-8" in dialog.problems[str(legacy)]  # not valid UTF-8: said so, nothing stored
    assert not dialog.import_button.isEnabled()


def test_settings_are_remembered(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.settings_dialog import SettingsDialog

    window = open_window()

    def fill_in(dialog: SettingsDialog) -> int:
        dialog.user_name.setText("Chị Lan")
        dialog.role.setCurrentIndex(dialog.role.findData("editor"))
        dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("vi"))
        dialog.font_size.setValue(14)
        dialog.beam_size.setValue(2)
        dialog.save()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fill_in)
    window.dialogs.open_settings()
    stored = Settings.load()
    assert (stored.user_name, stored.role, stored.ui_language, stored.font_size, stored.beam_size) == (
        "Chị Lan", "editor", "vi", 14, 2,
    )  # fmt: skip
    assert window.settings == stored  # the window works with what was saved
    window.apply_settings()
    assert window.grid.font().pointSize() == 14
    window.close()


def test_cancelled_settings_change_nothing(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.settings_dialog import SettingsDialog

    window = open_window()
    before = Settings.load()

    def type_then_cancel(dialog: SettingsDialog) -> int:
        dialog.user_name.setText("Someone else")
        dialog.beam_size.setValue(8)
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", type_then_cancel)
    window.dialogs.open_settings()
    assert window.settings.user_name == before.user_name and window.settings.beam_size == before.beam_size
    assert Settings.load() == before
    window.close()


def test_model_manager_installs_from_a_folder_and_sets_the_model_per_language(
    qtbot, tiny, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from workbench.mt.model_store import ModelStore
    from workbench.ui.model_manager import ModelManagerDialog

    store = ModelStore(tmp_path / "models")
    settings = Settings.load()
    dialog = ModelManagerDialog(store, settings, ["en", "km"])
    qtbot.addWidget(dialog)
    names = [row[0] for row in dialog.model.rows]
    assert "opus-mt-vi-en" in names and "nllb-200-distilled-600M" in names
    licences = {row[0]: row[2] for row in dialog.model.rows}
    assert licences["opus-mt-vi-en"] == "Apache-2.0"

    with qtbot.waitSignal(dialog.ended, timeout=60_000) as ended:
        dialog.install(tiny.marian_ct2)
    assert ended.args[0], ended.args
    assert [m.name for m in store.installed()] == ["opus-mt-vi-en-tiny-ct2"]
    combo = dialog.choices["en"]
    combo.setCurrentIndex(combo.findData("opus-mt-vi-en-tiny-ct2"))
    combo.activated.emit(combo.currentIndex())
    assert Settings.load().mt_models["en"] == "opus-mt-vi-en-tiny-ct2"

    bad = tmp_path / "pickled"
    shutil.copytree(tiny.marian, bad)
    (bad / "pytorch_model.bin").write_bytes(b"\x80\x04K\x01.")  # a pickle: never opened
    monkeypatch.setattr("workbench.ui.model_manager.QMessageBox.warning", lambda *_args: None)
    with qtbot.waitSignal(dialog.ended, timeout=60_000) as ended:
        dialog.install(bad)
    assert not ended.args[0] and "pytorch_model.bin" in ended.args[1]
    assert "pytorch_model.bin" in dialog.state.text()
