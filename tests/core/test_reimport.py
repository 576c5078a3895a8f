"""Importing a changed version of a document updates it in place and keeps the translators' work."""

from __future__ import annotations

from pathlib import Path

from workbench.core.importing.file_import import import_files
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

VERSION_1 = "Câu một không đổi.\n\nCâu hai sẽ được sửa.\n\nCâu ba sẽ bị xóa.\n\nCâu bốn không đổi.\n"
VERSION_2 = "Câu một không đổi.\n\nCâu hai đã được sửa lại.\n\nCâu mới được thêm vào.\n\nCâu bốn không đổi.\n"


def translate_all(project: Project) -> None:
    """A translator confirms an English text for every segment."""
    for seg in project.segments():
        project.save_translation(seg.id, "en", f"EN {seg.source}", Status.TRANSLATED, Origin.HUMAN, "lan")


def test_reimport_keeps_unchanged_drafts_changed_and_historises_removed(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "bai.txt"
    path.write_text(VERSION_1, encoding="utf-8")
    import_files(project, [path])
    translate_all(project)
    old = {s.source: s for s in project.segments()}

    path.write_text(VERSION_2, encoding="utf-8")
    (outcome,) = import_files(project, [path])
    assert outcome.result is not None
    result = outcome.result
    assert (result.created, result.unchanged, result.changed, result.added, result.removed) == (False, 2, 1, 1, 1)

    assert len(project.documents()) == 1
    now = project.segments()
    assert [s.source for s in now] == [
        "Câu một không đổi.",
        "Câu hai đã được sửa lại.",
        "Câu mới được thêm vào.",
        "Câu bốn không đổi.",
    ]
    same, changed, added, last = now
    assert same.id == old["Câu một không đổi."].id
    assert same.translations["en"].text == "EN Câu một không đổi."
    assert same.translations["en"].status is Status.TRANSLATED
    assert last.id == old["Câu bốn không đổi."].id
    assert changed.translations["en"].text == "EN Câu hai sẽ được sửa."
    assert changed.translations["en"].status is Status.DRAFT
    assert changed.translations["en"].origin is Origin.PREVIOUS_VERSION
    note = project.revisions(changed.id, "en")[-1]["note"]
    assert "Câu hai sẽ được sửa." in note
    assert added.translations["en"].status is Status.UNTRANSLATED
    removed = project.segment(old["Câu ba sẽ bị xóa."].id)
    assert removed.position == -1  # out of the document, kept as history
    assert project.revisions(removed.id, "en")[-1]["text"] == "EN Câu ba sẽ bị xóa."


def test_reimporting_the_same_file_changes_nothing(project: Project, article_path: Path) -> None:
    import_files(project, [article_path])
    before = [(s.id, s.source, s.translatable) for s in project.segments()]
    (outcome,) = import_files(project, [article_path])
    assert outcome.result is not None and outcome.result.unchanged == len(before)
    assert [(s.id, s.source, s.translatable) for s in project.segments()] == before
