"""Bad files get one clear message naming the file and the problem, and the project stays as it was."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.builders.documents import build_docx
from workbench.core.importing.file_import import import_files
from workbench.core.store.project_store import Project


def snapshot(project: Project) -> tuple[object, ...]:
    return (
        [d.name for d in project.documents()],
        [(s.id, s.source) for s in project.segments()],
    )


def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("An Giang là tỉnh biên giới. Tỉnh có nhiều lễ hội.", encoding="utf-8")
    return path


def make_bad(kind: str, tmp_path: Path) -> Path:
    if kind == "binary renamed .txt":
        path = tmp_path / "photo.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    elif kind == "empty":
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
    elif kind == "truncated docx":
        whole = tmp_path / "whole.docx"
        build_docx(whole)
        path = tmp_path / "truncated.docx"
        path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    elif kind == "password-protected docx":
        path = tmp_path / "secret.docx"  # Office writes encrypted documents as OLE compound files
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    elif kind == "zip bomb docx":
        path = tmp_path / "bomb.docx"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", b"<w:document>" + b" " * 11_000_000 + b"</w:document>")
    elif kind == "entity bomb docx":
        path = tmp_path / "laughs.docx"
        lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        body = (
            '<?xml version="1.0"?>' + lol + '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", body)
        path.write_bytes(buffer.getvalue())
    elif kind == "malformed po":
        path = tmp_path / "broken.po"
        path.write_text('msgid "Trang chủ"\nmsgstr "ទំព័រដើម\nmsgid\n', encoding="utf-8")
    elif kind == "100 MB file":
        path = tmp_path / "huge.txt"
        with open(path, "wb") as handle:
            handle.truncate(100_000_000)  # sparse: the size is checked before anything is read
    elif kind == "unsupported extension":
        path = tmp_path / "scan.pdf"
        path.write_bytes(b"%PDF-1.7\n")
    elif kind == "missing file":
        path = tmp_path / "nowhere.txt"
    else:
        raise AssertionError(kind)
    return path


CASES = {
    "binary renamed .txt": "binary data",
    "empty": "is empty",
    "truncated docx": "damaged or truncated",
    "password-protected docx": "password-protected",
    "zip bomb docx": "zip bomb",
    "entity bomb docx": "entity bomb",
    "malformed po": "not a valid PO file",
    "100 MB file": "too large",
    "unsupported extension": "unsupported format (.pdf)",
    "missing file": "does not exist",
}


@pytest.mark.parametrize("kind", list(CASES))
def test_bad_file_is_reported_and_the_project_is_unchanged(kind: str, project: Project, tmp_path: Path) -> None:
    import_files(project, [good_file(tmp_path)])
    before = snapshot(project)
    bad = make_bad(kind, tmp_path)
    (outcome,) = import_files(project, [bad])
    assert outcome.problem is not None
    assert outcome.problem.source == str(bad)
    assert CASES[kind] in outcome.problem.problem
    assert str(bad) in str(outcome.problem)
    assert snapshot(project) == before


def test_many_files_go_on_past_a_bad_one(project: Project, tmp_path: Path) -> None:
    bad = make_bad("binary renamed .txt", tmp_path)
    second = tmp_path / "second.txt"
    second.write_text("Núi Cấm cao 705 m.", encoding="utf-8")
    outcomes = import_files(project, [good_file(tmp_path), bad, second])
    assert [o.problem is None for o in outcomes] == [True, False, True]
    assert [d.name for d in project.documents()] == ["good.txt", "second.txt"]


def test_a_failure_while_storing_leaves_no_half_document(project: Project, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.core.store import project_store

    calls = {"n": 0}
    original = project_store.Project._write_paragraphs

    def failing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError(28, "No space left on device")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(project_store.Project, "_write_paragraphs", failing)
    with pytest.raises(OSError, match="No space"):
        import_files(project, [good_file(tmp_path)])
    assert project.documents() == [] and project.segments() == []
