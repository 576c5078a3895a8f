"""The window's "measure models on your texts": run on FLORES-layout files, read the rows, cancel, choose."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt

from workbench.context import AppContext
from workbench.core.records import Origin, Status
from workbench.core.settings import Settings
from workbench.core.store.project_store import Project
from workbench.mt.evaluation_store import evaluations_path, load_results
from workbench.ui.evaluation_dialog import EvaluationDialog

KHMER = ["ខេត្តអានយ៉ាងជាខេត្តព្រំដែន។", "ពិធីបុណ្យប្រពៃណីរបស់ជនជាតិខ្មែរ។", "ទេសចរមកលេងខេត្តនេះ។"]
VIETNAMESE = ["Núi Cấm là điểm du lịch nổi tiếng.", "Hòa Bình có hồ lớn.", "Chợ nổi Long Xuyên họp từ sáng sớm."]


def flores(tmp_path: Path, count: int) -> tuple[Path, Path]:
    source, reference = tmp_path / "vie_Latn.devtest", tmp_path / "khm_Khmr.devtest"
    source.write_text("\n".join(f"{VIETNAMESE[i % 3]} ({i})" for i in range(count)) + "\n", encoding="utf-8")
    reference.write_text("\n".join(KHMER[i % 3] for i in range(count)) + "\n", encoding="utf-8")
    return source, reference


def dialog_on_files(qtbot, tmp_path: Path, count: int) -> EvaluationDialog:  # type: ignore[no-untyped-def]
    dialog = EvaluationDialog(AppContext.load())
    qtbot.addWidget(dialog)
    source, reference = flores(tmp_path, count)
    dialog.source_edit.setText(str(source))
    dialog.reference_edit.setText(str(reference))
    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    return dialog


def test_run_shows_a_row_per_candidate_and_use_for_sets_the_choice(
    qtbot, tiny_models: Settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_on_files(qtbot, tmp_path, 6)
    assert dialog.chosen_candidates() == ["tiny-nllb"]
    with qtbot.waitSignal(dialog.ended, timeout=120_000) as ended:
        dialog.run_button.click()
    assert ended.args == ["finished"]
    (row,) = dialog.table_model.rows
    (stored,) = load_results()
    assert row[0] == "tiny-nllb" and row[2] == f"{stored.chrf:.1f} chrF" and row[4] == "6"
    assert row[8] == "vie_Latn.devtest + khm_Khmr.devtest"

    reopened = EvaluationDialog(AppContext.load())  # results measured before are there when it opens
    qtbot.addWidget(reopened)
    reopened.language.setCurrentIndex(reopened.language.findData("km"))
    assert [r[0] for r in reopened.table_model.rows] == ["tiny-nllb"]

    reopened.table.selectRow(0)
    reopened.context.update_settings(replace(reopened.context.settings, mt_models={"en": "tiny-nllb"}))
    assert "km" not in Settings.load().mt_models
    assert reopened.use_button.isEnabled()
    reopened.use_button.click()
    assert Settings.load().mt_models["km"] == "tiny-nllb"
    assert reopened.context.settings.mt_models["km"] == "tiny-nllb"


def test_cancel_keeps_nothing_of_the_unfinished_candidate(qtbot, tiny_models: Settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_on_files(qtbot, tmp_path, 600)  # many batches: the cancel lands between two
    dialog.tasks.progressed.connect(lambda *_args: dialog.cancel_button.click())
    with qtbot.waitSignal(dialog.ended, timeout=120_000) as ended:
        dialog.run_button.click()
        assert dialog.cancel_button.isEnabled() and not dialog.run_button.isEnabled()
    assert ended.args == ["cancelled"]
    assert not evaluations_path().exists() and dialog.table_model.rows == []
    assert dialog.run_button.isEnabled()


def test_the_open_projects_approved_segments_with_a_bad_choice_named(  # type: ignore[no-untyped-def]
    qtbot, tiny_models: Settings, tmp_path: Path, shown_errors: list[str]
) -> None:
    path = tmp_path / "p.wbp"
    (tmp_path / "a.txt").write_text("\n\n".join(VIETNAMESE) + "\n", encoding="utf-8")
    from workbench.core.importing.file_import import import_files

    with Project.create(path, "p", "vi", ["en", "km"]) as project:
        import_files(project, [tmp_path / "a.txt"])
        for at, segment_id in enumerate(project.segment_ids()[:2]):
            project.save_translation(segment_id, "km", KHMER[at], Status.APPROVED, Origin.HUMAN, "Dara")
    dialog = EvaluationDialog(AppContext.load(), project=path)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))  # nothing approved in English
    with qtbot.waitSignal(dialog.ended, timeout=60_000) as ended:
        dialog.run_button.click()
    assert ended.args == ["failed"] and "p.wbp" in shown_errors[-1] and "no approved segment in en" in shown_errors[-1]

    dialog.language.setCurrentIndex(dialog.language.findData("km"))
    with qtbot.waitSignal(dialog.ended, timeout=120_000) as ended:
        dialog.run_button.click()
    assert ended.args == ["finished"]
    assert [(r[0], r[4], r[8]) for r in dialog.table_model.rows] == [("tiny-nllb", "2", "project p.wbp")]
    item = dialog.candidates.item(0)
    item.setCheckState(Qt.CheckState.Unchecked)
    dialog.run_button.click()  # nothing ticked: said, nothing started
    assert "Tick at least one candidate" in shown_errors[-1] and dialog.task_id is None


def test_use_for_chooses_the_model_as_installed_not_its_converted_copy(
    qtbot, tiny, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A result names the CTranslate2 copy it ran; the choice it makes names the model, as the manager lists it."""
    from workbench.mt.model_store import ModelStore

    store = ModelStore(tmp_path / "models")
    store.install(tiny.nllb, name="tiny-nllb")
    store.install(tiny.nllb_ct2_int8, name="tiny-nllb-ct2-int8")
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "models"))
    dialog = dialog_on_files(qtbot, tmp_path, 3)
    assert dialog.chosen_candidates() == ["tiny-nllb-ct2-int8"]
    with qtbot.waitSignal(dialog.ended, timeout=120_000):
        dialog.run_button.click()
    dialog.table.selectRow(0)
    dialog.use_button.click()
    assert Settings.load().mt_models["km"] == "tiny-nllb"
