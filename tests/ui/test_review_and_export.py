"""Review in the window: an editor steps through translated segments, approves with one key or sends a
segment back with a comment; a translator cannot approve. Export, hand-off and merge back from the File
menu write real files (read back with python-docx and the XLIFF reader) and show their report."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import docx
import pytest
from lxml import etree
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QPlainTextEdit

from workbench.core.exporting.export_formats import handoff
from workbench.core.exporting.xliff import NS
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.merge_back import Outcome
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.core.store.segment_comments import comment


def _settings(role: str) -> Settings:
    settings = Settings.load()
    settings.user_name, settings.role = ("Chị Hoa", role)
    return settings


def _translated(project: Project) -> list[int]:
    """The three short-text segments translated into Khmer: the first post-edited from an MT draft."""
    ids = [s.id for s in project.segments() if s.source.startswith(("Núi Cấm", "Hòa Bình", "Chợ nổi"))]
    project.save_translation(ids[0], "km", "ភ្នំកម្ពស់ល្បី", Status.DRAFT, Origin.MT, "", "nllb-200-distilled-600M")
    project.save_translation(ids[0], "km", "ភ្នំកម្ពស់ជាកន្លែងទេសចរណ៍ល្បី។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    project.save_translation(ids[1], "km", "ហ័របិញមានបឹងធំ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    project.save_translation(ids[2], "km", "ផ្សារបណ្តែតទឹក។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    return ids


def _km_cell(window, row: int):  # type: ignore[no-untyped-def]
    return window.model.index(row, window.model.column_of("km"))


def test_review_mode_approves_with_one_key_and_sends_back_with_a_comment(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=_settings("editor"))
    first, second, third = _translated(window.project)
    window.reload_grid()
    window.grid.setCurrentIndex(_km_cell(window, 0))
    qtbot.keyClick(window.grid, Qt.Key.Key_F8)
    dialog = window.review.review_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    assert dialog.source.toPlainText().startswith("Núi Cấm")
    assert "nllb-200-distilled-600M" in dialog.draft.toPlainText()
    assert "ជាកន្លែងទេសចរណ៍ល្បី។" in dialog.changes.toPlainText()  # the words the translator added
    qtbot.keyClick(dialog.translation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.project.segment(first).translations["km"].status is Status.APPROVED
    assert window.project.segment(first).translations["km"].author == "Chị Hoa"
    assert dialog.source.toPlainText().startswith("Hòa Bình")
    qtbot.keyClick(
        dialog.translation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.project.segment(second).translations["km"].status is Status.TRANSLATED  # no comment: not sent
    dialog.comment.setText("Tên riêng: Hòa Bình")
    qtbot.keyClick(
        dialog.translation, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.project.segment(second).translations["km"].status is Status.NEEDS_WORK
    assert comment(window.project, second, "km") == "Tên riêng: Hòa Bình"
    dialog.translation.setPlainText("ផ្សារបណ្តែតទឹកឡុងសៀន។")  # a small correction, approved at once
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    fixed = window.project.segment(third).translations["km"]
    assert (fixed.text, fixed.status) == ("ផ្សារបណ្តែតទឹកឡុងសៀន។", Status.APPROVED)
    assert window.project.revisions(third, "km")[-1]["note"] == "edited and approved"
    assert "2 approved, 1 sent back" in dialog.summary.text() and not dialog.approve_button.isEnabled()
    assert window.model.data(_km_cell(window, window.model.row_of(third)), Qt.ItemDataRole.DisplayRole).startswith(
        "ផ្សារ"
    )  # fmt: skip
    dialog.close()
    window.undo_action.trigger()  # each decision of the review is a step of the window's undo
    undone = window.project.segment(third).translations["km"]
    assert (undone.text, undone.status) == ("ផ្សារបណ្តែតទឹក។", Status.TRANSLATED)
    window.redo_action.trigger()
    report = window.review.show_post_edit_report()
    text = report.findChild(QPlainTextEdit).toPlainText()
    assert "nllb-200-distilled-600M: 1 post-edited draft, 0% unchanged, 0 of 1 approved unchanged" in text
    report.close()
    window.close()


def test_a_translator_cannot_approve_from_the_window(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=_settings("translator"))
    first = _translated(window.project)[0]
    window.reload_grid()
    assert not window.review.approve_action.isEnabled() and "Only an editor" in window.review.approve_action.statusTip()
    window.grid.setCurrentIndex(_km_cell(window, window.model.row_of(first)))
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.project.segment(first).translations["km"].status is Status.TRANSLATED
    window.close()


def test_an_editor_approves_the_selection_with_ctrl_shift_a(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=_settings("editor"))
    first, second, third = _translated(window.project)
    window.reload_grid()
    rows = [window.model.row_of(first), window.model.row_of(second)]
    window.grid.setCurrentIndex(_km_cell(window, rows[0]))
    window.grid.selectionModel().select(_km_cell(window, rows[1]), QItemSelectionModel.SelectionFlag.Select)
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    statuses = [window.project.segment(i).translations["km"].status for i in (first, second, third)]
    assert statuses == [Status.APPROVED, Status.APPROVED, Status.TRANSLATED]
    window.undo_action.trigger()  # one step puts both back, and the history keeps the approval and the undo
    assert [window.project.segment(i).translations["km"].status for i in (first, second)] == [Status.TRANSLATED] * 2
    assert [r["note"] for r in window.project.revisions(first, "km")][-2:] == ["approved", "undo"]
    window.redo_action.trigger()
    assert window.project.segment(second).translations["km"].status is Status.APPROVED
    assert window.review.approve_document(confirm=False) == [third]
    window.close()


def test_export_dialog_writes_a_word_document_and_shows_the_report(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=_settings("editor"))
    first = _translated(window.project)[0]
    window.review.approve_selection()  # nothing selected: nothing happens
    window.grid.setCurrentIndex(_km_cell(window, window.model.row_of(first)))
    window.review.approve_selection()
    document = window.project.segment(first).document_id
    window.documents.select_document(document)
    dialog = window.review.open_export()
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    dialog.fallback.setCurrentIndex(dialog.fallback.findData("placeholder"))
    dialog.path.setText(str(tmp_path / "ngan.km.docx"))
    with qtbot.waitSignal(dialog.jobs.finished, timeout=20_000):
        dialog.start(confirm_overwrite=False)
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "ngan.km.docx")).paragraphs]
    assert paragraphs[0] == "ភ្នំកម្ពស់ជាកន្លែងទេសចរណ៍ល្បី។" and "[untranslated]" in paragraphs[1]
    assert "2 without exported text, marked by a placeholder" in dialog.report_view.toPlainText()
    dialog.close()
    window.close()


def test_export_dialog_keeps_a_photo_caption_unless_asked_to_leave_it_out(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = Path(__file__).resolve().parents[1] / "data" / "export-article-vi.txt"
    caption = "Chương trình nghệ thuật kỷ niệm 55 năm cuộc Tổng tiến công và nổi dậy Tết Mậu Thân 1968. Ảnh: nhandan.vn"
    window = open_window(article, settings=_settings("editor"))
    dialog = window.review.open_export()
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    dialog.document.setCurrentIndex(dialog.document.findText("export-article-vi.txt"))
    assert dialog.leave_out.isEnabled() and not dialog.leave_out.isChecked()
    for name, leave_out in (("kept.txt", False), ("dropped.txt", True)):
        dialog.leave_out.setChecked(leave_out)
        dialog.path.setText(str(tmp_path / name))
        with qtbot.waitSignal(dialog.jobs.finished, timeout=20_000):
            dialog.start(confirm_overwrite=False)
        assert (caption in (tmp_path / name).read_text(encoding="utf-8")) is not leave_out
        report = dialog.report_view.toPlainText()
        assert "copyright line: © Bản quyền thuộc về Báo Nhân Dân" in report  # page furniture, always listed
        assert ("photo caption: Chương trình nghệ thuật kỷ niệm 55 năm…" in report) is leave_out
    dialog.format.setCurrentIndex(dialog.format.findData("po"))
    assert not dialog.leave_out.isEnabled()  # PO, XLIFF, TMX and CSV carry only the text to translate
    dialog.close()
    again = window.review.open_export()
    assert again.leave_out.isChecked()  # remembered, like the other options
    again.close()
    window.close()


def test_merge_back_dialog_lists_conflicts_and_writes_only_what_is_ticked(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=_settings("editor"))
    first, second, _third = _translated(window.project)
    window.grid.setCurrentIndex(_km_cell(window, window.model.row_of(first)))
    window.review.approve_selection()
    document = window.project.segment(first).document_id
    handoff(window.project, "xliff", "km", tmp_path / "out.xlf", document)
    tree = etree.parse(str(tmp_path / "out.xlf"))
    for unit in tree.getroot().iter(f"{{{NS}}}trans-unit"):
        target = unit.find(f"{{{NS}}}target")
        if unit.get("id") in (str(first), str(second)):
            target.text = target.text + " (Lan)"
    tree.write(str(tmp_path / "back.xlf"), encoding="UTF-8", xml_declaration=True)
    window.grid.setCurrentIndex(window.model.index(0, window.model.column_of("en")))
    dialog = window.review.merge_back(tmp_path / "back.xlf")
    assert dialog.language.currentData() == "km"  # the language the file says it holds, not the current column
    assert dialog.rows[0].outcome is Outcome.CONFLICT and dialog.rows[0].segment_id == first
    assert "1 conflicts" in dialog.summary.text()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert window.project.segment(first).translations["km"].status is Status.APPROVED  # not ticked: kept
    assert window.project.segment(second).translations["km"].text.endswith("(Lan)")
    dialog = window.review.merge_back(tmp_path / "back.xlf")
    dialog.table.model().set_checked(0, True)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert window.project.segment(first).translations["km"].text.endswith("(Lan)")
    window.close()


def test_a_file_that_cannot_be_merged_says_why_in_the_dialog(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=_settings("editor"))
    bad = tmp_path / "bad.xlf"
    bad.write_bytes(b"\x00\x01 not xml")
    dialog = window.review.merge_back(bad)
    assert "bad.xlf" in dialog.summary.text() and "cannot be merged" in dialog.summary.text()
    assert not dialog.merge_button.isEnabled()
    dialog.close()
    window.close()


@pytest.fixture(autouse=True)
def _no_question_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_hand_off_from_the_file_menu_writes_every_text_with_its_state(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=_settings("translator"))
    first, second, _third = _translated(window.project)
    window.documents.select_document(window.project.segment(first).document_id)
    dialog = window.review.open_export(handoff=True)
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == ["xliff", "po"]
    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    dialog.path.setText(str(tmp_path / "ngan.km.xlf"))
    with qtbot.waitSignal(dialog.jobs.finished, timeout=20_000):
        dialog.start(confirm_overwrite=False)
    units = {u.get("id"): u for u in etree.parse(str(tmp_path / "ngan.km.xlf")).getroot().iter(f"{{{NS}}}trans-unit")}
    assert units[str(first)].find(f"{{{NS}}}target").get("state") == "translated"
    assert units[str(second)].find(f"{{{NS}}}target").text == "ហ័របិញមានបឹងធំ។"
    dialog.close()
    window.close()


def test_each_approval_in_review_mode_teaches_the_shared_memory_it_is_given(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.review_dialog import ReviewDialog

    source = tmp_path / "a.txt"
    source.write_text("Câu một.\n\nCâu hai.\n", encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        first, second = project.segment_ids()
        project.save_translation(first, "km", "ប្រយោគមួយ។", Status.TRANSLATED, Origin.HUMAN, "Dara")
        project.save_translation(second, "km", "ប្រយោគពីរ", Status.TRANSLATED, Origin.HUMAN, "Dara")
        with closing(SharedMemory(tmp_path / "shared.sqlite")) as shared:
            dialog = ReviewDialog(project, "km", None, "Chị Hoa", "editor", "Khmer", memory=shared)
            qtbot.addWidget(dialog)
            qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)  # as it is
            dialog.translation.setPlainText("ប្រយោគពីរ។")  # corrected, then approved
            qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
            learnt = {
                s: [m.unit.target for m in shared.lookup(s, "km") if m.score == 100] for s in ("Câu một.", "Câu hai.")
            }
            assert learnt == {"Câu một.": ["ប្រយោគមួយ។"], "Câu hai.": ["ប្រយោគពីរ។"]}
            assert project.segment(first).translations["km"].origin is Origin.HUMAN
            assert project.revisions(second, "km")[-1]["note"] == "edited and approved"
