"""At the command line: a damaged UTF-8 file imports with a warning saying where; a codec that is not a
text encoding is one message, not a traceback, and nothing is stored."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_decoding_faults import article_bytes, inserted, place
from tests.test_cli import run


def test_the_cli_imports_a_damaged_utf8_article_and_prints_where_the_bad_byte_is(tmp_path: Path) -> None:
    data, offset = inserted(article_bytes(), "Đua ghe Ngo lần thứ V", b"\x96")
    (tmp_path / "tin-bai.txt").write_bytes(data)
    assert run("new", "p.wbp", cwd=tmp_path).returncode == 0
    preview = run("import", "p.wbp", "tin-bai.txt", "--preview", cwd=tmp_path)
    assert preview.returncode == 0
    assert f"warning: tin-bai.txt: 1 place is not valid UTF-8 and shows as \ufffd ({place(data, offset)})" in (
        preview.stderr
    )
    imported = run("import", "p.wbp", "tin-bai.txt", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "tin-bai.txt: new document, 37 segments (18 not for translation); format txt, encoding utf-8" in (
        imported.stdout
    )
    assert f"warning: tin-bai.txt: 1 place is not valid UTF-8 and shows as \ufffd ({place(data, offset)})" in (
        imported.stderr
    )
    assert "Traceback" not in imported.stderr


def test_the_cli_refuses_a_codec_that_is_not_a_text_encoding_and_stores_nothing(tmp_path: Path) -> None:
    (tmp_path / "tin-bai.txt").write_bytes(article_bytes())
    run("new", "p.wbp", cwd=tmp_path)
    for name in ("rot13", "base64"):
        result = run("import", "p.wbp", "tin-bai.txt", "--encoding", name, cwd=tmp_path)
        assert result.returncode != 0
        assert f"error: tin-bai.txt: cannot be read as '{name}': it is not a text encoding" in result.stderr
        assert "Traceback" not in result.stderr
    assert run("segments", "p.wbp", cwd=tmp_path).stdout == ""
