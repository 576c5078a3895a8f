"""Bands in the window: the quality band of each machine draft as an icon and a tooltip in the grid, a band
filter and "poor drafts first", the machine-draft box of the side panel (band, signals, terms, rules, the
back-translation with the words that differ from the source highlighted), review mode in band order, and
the settings for back-translation and leaving poor drafts out.

The drafts are real (a tiny NLLB model pre-translates the text); the notes the quality estimate and the
back-translation would add are written through the core's own functions, as those jobs do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage

from workbench.context import AppContext
from workbench.core.changes import SegmentChanges
from workbench.core.importing.file_import import import_files
from workbench.core.ops.pretranslation import plan_pretranslation, run_pretranslation, save_batch
from workbench.core.records import Origin, Status, TranslationState
from workbench.core.settings import Settings
from workbench.core.store.draft_notes import notes_for, set_back_translation, set_quality, write_note
from workbench.core.store.draft_store import NewDraft, save_drafts
from workbench.core.store.project_store import Project
from workbench.core.store.translations import write_translation
from workbench.core.timestamps import now
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import EngineDrafter, TranslateOptions
from workbench.ui.draft_notes_view import DIFFERING_STYLE
from workbench.ui.segment_table_model import BAND_ROLE, SegmentTableModel
from workbench.ui.status_look import band_icon, status_icon

TEXT = [
    "Núi Cấm là điểm du lịch nổi tiếng.",  # A good
    "Hòa Bình có hồ lớn.",  # B poor, back-translated, a term enforced and a rule applied
    "Chợ nổi Long Xuyên họp từ sáng sớm.",  # C check
    "Tỉnh An Giang có nhiều lễ hội.",  # D not estimated
    "Châu Đốc nằm bên sông Hậu.",  # E poor, a term missing
    "Người dân đón khách.",  # F translated by hand: no machine draft
]
BANDS = {0: ("good", 0.83), 1: ("poor", 0.21), 2: ("check", 0.54), 4: ("poor", 0.3)}
SIGNALS = {"mean_logprob": -0.5, "min_logprob": -2.0, "length_ratio": 1.2, "spans_lost": 0, "runaway": False,
           "round_trip": 0.71}  # fmt: skip
BACK = "Hòa Bình có một cái hồ rộng."
MISSING = "glossary term not used: sông Hậu → Hau River"


@dataclass(frozen=True)
class Drafted:
    path: Path
    ids: list[int]


@pytest.fixture
def drafted(tiny, tmp_path: Path) -> Drafted:  # type: ignore[no-untyped-def]
    """p.wbp (where `open_window` looks): six segments, five machine-drafted into English by a tiny model,
    with notes as the quality estimate and the back-translation leave them."""
    source = tmp_path / "bai.txt"
    source.write_text("\n\n".join(TEXT) + "\n", encoding="utf-8")
    path = tmp_path / "p.wbp"
    with Project.create(path, "An Giang", "vi", ["en", "km"]) as project:
        import_files(project, [source])
        ids = project.segment_ids()
        project.save_translation(ids[5], "en", "People welcome guests.", Status.TRANSLATED, Origin.HUMAN, "Lan")
        engine = load_engine(tiny.nllb_ct2_int8, "tiny-nllb")
        options = TranslateOptions(decoding=DecodingOptions(beam_size=1))
        plan = plan_pretranslation(project, "en", engine.model_name, options.cache_key())
        drafter = EngineDrafter(engine, "vi", options)
        run_pretranslation(plan, drafter, lambda p, model, batch: save_batch(project, p, model, batch))
        drafts = {i: t.text for i in ids[:5] if (t := project.segment(i).translations.get("en"))}
        assert len(drafts) == 5  # every segment for the model got a draft
        with project.transaction() as db:
            meta = {"signals": SIGNALS, "terms": ["Hoa Binh"], "rules": ["rule 1: hồ -> hồ nước"]}
            write_note(db, ids[1], "en", drafts[ids[1]], "tiny-nllb", meta)
            write_note(db, ids[3], "en", drafts[ids[3]], "tiny-nllb", {"signals": SIGNALS})  # not estimated
            for row, (band, quality) in BANDS.items():
                set_quality(db, ids[row], "en", quality, band, SIGNALS)
            assert set_back_translation(db, ids[1], "en", drafts[ids[1]], BACK, "tiny-nllb-back")
            state = TranslationState(drafts[ids[4]], Status.DRAFT, Origin.MT, "tiny-nllb", flags=(MISSING,))
            write_translation(db, ids[4], "en", state, now())
    return Drafted(path, ids)


def _alpha(icon) -> QImage:  # type: ignore[no-untyped-def]
    return icon.pixmap(14, 14).toImage().convertToFormat(QImage.Format.Format_Alpha8)


def test_each_band_has_its_own_icon_and_tooltip_line_and_an_edit_drops_it(qtbot, drafted: Drafted) -> None:  # type: ignore[no-untyped-def]
    with Project.open(drafted.path) as project:
        model = SegmentTableModel(project)
        cells = [model.index(row, 2) for row in range(6)]
        assert [model.data(c, BAND_ROLE) for c in cells] == ["good", "poor", "check", "", "poor", ""]
        icons = {row: model.data(cells[row], Qt.ItemDataRole.DecorationRole) for row in range(6)}
        for row, (band, _quality) in BANDS.items():
            assert icons[row].cacheKey() == band_icon(band).cacheKey()
        shapes = {band: _alpha(band_icon(band)) for band in ("good", "check", "poor")}
        assert shapes["good"] != shapes["check"] != shapes["poor"] != shapes["good"]  # not colour alone
        assert icons[3].cacheKey() not in {band_icon(b).cacheKey() for b in shapes}  # not estimated: status icon
        assert icons[5].cacheKey() == status_icon(Status.TRANSLATED).cacheKey()

        tooltip = model.data(cells[2], Qt.ItemDataRole.ToolTipRole)
        assert "Quality estimate: check (0.54)" in tooltip
        assert "round-trip similarity 71%" in tooltip and "length ×1.20 of the source" in tooltip
        assert "Quality estimate: poor (0.21)" in model.data(cells[1], Qt.ItemDataRole.ToolTipRole)
        assert "Quality estimate" not in model.data(cells[3], Qt.ItemDataRole.ToolTipRole)

        project.save_translation(
            drafted.ids[1], "en", "Hoa Binh has a big lake.", Status.TRANSLATED, Origin.HUMAN, "Lan"
        )
        model.refresh_segments([drafted.ids[1]])
        assert model.data(cells[1], BAND_ROLE) == ""  # the estimate was about the draft, not the new text
        assert (
            model.data(cells[1], Qt.ItemDataRole.DecorationRole).cacheKey() == status_icon(Status.TRANSLATED).cacheKey()
        )


def test_band_filter_and_poor_drafts_first(qtbot, drafted: Drafted, open_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WORKBENCH_MODELS_DIR", str(tmp_path / "no-models"))
    window = open_window()
    bar, ids = window.filter_bar, drafted.ids
    a, b, c, d, e, f = ids
    bar.poor_first.setChecked(True)
    assert window.model.ids == [b, e, c, a, d, f]  # poor, check, good, the rest; each in document order
    assert window.model.data(window.model.index(0, 2), BAND_ROLE) == "poor"
    bar.poor_first.setChecked(False)
    assert window.model.ids == ids
    bar.band.setCurrentIndex(bar.band.findText("Poor drafts"))
    assert window.model.ids == [b, e]
    bar.band.setCurrentIndex(bar.band.findText("Drafts not estimated"))
    assert window.model.ids == [d]  # the hand translation is no machine draft
    bar.band.setCurrentIndex(bar.band.findText("Good drafts"))
    bar.language.setCurrentIndex(bar.language.findData("km"))
    assert window.model.ids == []  # no Khmer drafts at all
    bar.band.setCurrentIndex(0)
    bar.language.setCurrentIndex(0)
    window.grid.setCurrentIndex(window.model.index(2, window.model.column_of("en")))
    text = window.side_panel.draft_notes.back_translation.text()
    assert "No model can translate English into Vietnamese" in text  # nothing installed goes back
    window.close()


def _go_to_row(window, row: int) -> None:  # type: ignore[no-untyped-def]
    window.grid.setCurrentIndex(window.model.index(row, window.model.column_of("en")))


def test_side_panel_shows_band_terms_rules_and_the_highlighted_back_translation(  # type: ignore[no-untyped-def]
    qtbot, drafted: Drafted, open_window, tiny_models
) -> None:
    window = open_window()  # tiny-nllb is installed: it could back-translate English into Vietnamese
    view = window.side_panel.draft_notes
    _go_to_row(window, 1)
    assert view.isVisible()
    assert "poor" in view.quality.text() and "0.21" in view.quality.text()
    assert "model confidence 61%" in view.quality.text()  # exp(-0.5), in words
    assert "Glossary terms enforced: Hoa Binh" in view.terms.text()
    assert "rule 1: hồ -&gt; hồ nước" in view.rules.text()
    back = view.back_translation.text()
    assert "Machine back-translation into Vietnamese (model tiny-nllb-back)" in back
    assert f'<span style="{DIFFERING_STYLE}">một cái</span>' in back
    assert f'<span style="{DIFFERING_STYLE}">rộng.</span>' in back
    assert "lớn" not in back  # the back-translation's own words, not the source's mixed in
    assert "Hòa Bình có " in back and f'<span style="{DIFFERING_STYLE}">Hòa' not in back  # same words plain

    _go_to_row(window, 4)
    assert MISSING in view.terms.text() and view.terms.isVisible()
    assert "No back-translation yet" in view.back_translation.text()
    window.context.update_settings(replace(window.settings, back_translate=False), save=False)
    _go_to_row(window, 2)
    assert "Back-translation is off" in view.back_translation.text()
    window.context.update_settings(replace(window.settings, back_translate=True), save=False)
    _go_to_row(window, 5)
    assert not view.isVisible()  # a hand translation: no machine draft to speak of

    _go_to_row(window, 2)  # a back-translation arrives while the segment is shown
    c = drafted.ids[2]
    with window.project.transaction() as db:
        draft = notes_for(window.project, "en", [c])[c].draft
        set_back_translation(db, c, "en", draft, "Chợ nổi Long Xuyên mở từ sáng sớm.", "tiny-nllb-back")
    window.mt.saved.emit([c])
    assert f'<span style="{DIFFERING_STYLE}">mở</span>' in view.back_translation.text()
    window.close()


def test_review_mode_shows_the_back_translation_and_steps_in_band_order(qtbot, drafted: Drafted, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window(settings=Settings(role="editor"))
    a, b, c, d, e, _f = drafted.ids
    for segment_id in (a, b, c, d, e):
        text = window.project.segment(segment_id).translations["en"].text
        assert window.editing.set_text(segment_id, "en", text, confirmed=True)  # confirmed unchanged
    dialog = window.review.open_review()
    qtbot.addWidget(dialog)
    assert dialog.ids[:5] == [a, b, c, d, e]
    dialog.in_band_order.setChecked(True)
    assert dialog.ids[:5] == [b, e, c, a, d]
    assert dialog.segment is not None and dialog.segment.id == a  # stays on the segment shown
    dialog.position = 0
    dialog.show_current()
    assert "Quality estimate: poor (0.21)" in dialog.draft.toPlainText()
    assert "Machine back-translation into Vietnamese (model tiny-nllb-back)" in dialog.back_translation.toPlainText()
    assert DIFFERING_STYLE.split(";")[0].split(":")[1] in dialog.back_translation.toHtml()  # highlighted words
    dialog.step(1)
    # e has none, and the window's models hold none into Vietnamese (the other drafts' model is gone): it says so
    assert dialog.segment.id == e
    assert "No model can translate English into Vietnamese" in dialog.back_translation.toPlainText()
    dialog.close()
    assert QSettings().value("review/band_order", False, type=bool)
    again = window.review.open_review()
    qtbot.addWidget(again)
    assert again.in_band_order.isChecked() and again.ids[:2] == [b, e]  # the choice is remembered
    again.close()
    window.close()


def test_settings_back_translation_and_leaving_poor_drafts_out_are_saved(qtbot, private_settings) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.settings_dialog import SettingsDialog

    context = AppContext.load()
    dialog = SettingsDialog(context.settings)
    qtbot.addWidget(dialog)
    assert dialog.back_translate.isChecked() and not dialog.leave_poor_drafts_out.isChecked()  # the defaults
    dialog.back_translate.setChecked(False)
    dialog.leave_poor_drafts_out.setChecked(True)
    dialog.save()
    context.update_settings(dialog.settings)
    stored = Settings.load()
    assert (stored.back_translate, stored.leave_poor_drafts_out) == (False, True)
    shown_again = SettingsDialog(stored)
    qtbot.addWidget(shown_again)
    assert not shown_again.back_translate.isChecked() and shown_again.leave_poor_drafts_out.isChecked()


def test_a_poor_draft_left_out_of_its_cell_is_marked_and_explained(qtbot, tiny, drafted: Drafted, open_window) -> None:  # type: ignore[no-untyped-def]
    a = drafted.ids[0]
    with Project.open(drafted.path) as project:  # the Khmer draft of A, estimated poor, left out as the setting asks
        engine = load_engine(tiny.nllb_ct2_int8, "tiny-nllb")
        options = TranslateOptions(decoding=DecodingOptions(beam_size=1))
        plan = plan_pretranslation(project, "km", engine.model_name, options.cache_key(), segment_ids=[a])

        def save_left_out(p, model, batch):  # type: ignore[no-untyped-def]
            new = [NewDraft(d.unit.source, d.unit.segment_ids, d.text, d.score, d.flags, d.meta, quality=0.12,
                            band="poor", leave_out=True) for d in batch]  # fmt: skip
            assert save_drafts(project, model, p.options, "km", new).left_out == [a]
            return SegmentChanges.of([a], "km")

        run_pretranslation(plan, EngineDrafter(engine, "vi", options), save_left_out)
        kept = project.segment(a).translations.get("km")
        assert kept is None or (kept.text == "" and kept.status is Status.UNTRANSLATED)  # the cell stays empty
    window = open_window()
    cell = window.model.index(0, window.model.column_of("km"))
    assert window.model.data(cell, Qt.ItemDataRole.DecorationRole).cacheKey() == band_icon("poor").cacheKey()
    assert "left out of this cell" in window.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    other = window.model.data(window.model.index(1, window.model.column_of("km")), Qt.ItemDataRole.DecorationRole)
    assert other.cacheKey() == status_icon(Status.UNTRANSLATED).cacheKey()  # an empty cell with nothing left out
    window.grid.setCurrentIndex(cell)
    assert "Left out of the cell as a poor draft" in window.side_panel.draft_notes.quality.text()
    window.close()
