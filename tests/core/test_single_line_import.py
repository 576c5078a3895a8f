"""A file of one line (text whose line breaks were lost, or never typed) imports whole and segments as the
same text with its paragraphs would: the same sentences, the same protected spans, nothing lost. Its time is
a benchmark figure (`bench project` prints the 50 MB line's), never asserted here."""

from __future__ import annotations

from pathlib import Path

from workbench.bench.project_bench import generate_vietnamese_text, single_line_texts
from workbench.core.importing.file_import import prepare_import


def _import(tmp_path: Path, text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    path = tmp_path / "bai.txt"
    path.write_text(text, encoding="utf-8")
    return [(s.source, [(span.kind, span.text) for span in s.spans]) for s in prepare_import(path).segments]


def test_one_line_of_prose_gives_the_sentences_its_paragraphs_give(tmp_path: Path) -> None:
    paragraphs = generate_vietnamese_text(0.5)
    line = single_line_texts(0.5)["with sentence ends"]
    joined = line == paragraphs.replace("\n\n", " ")  # (not compared inside assert: a diff of megabytes takes minutes)
    assert "\n" not in line and joined
    by_paragraph, one_line = _import(tmp_path, paragraphs), _import(tmp_path, line)
    assert len(one_line) > 3000
    same = one_line == by_paragraph
    assert same


def test_one_line_without_a_sentence_end_is_one_segment_with_all_its_spans(tmp_path: Path) -> None:
    texts = single_line_texts(0.5)
    ((source, spans),) = _import(tmp_path, texts["without a sentence end"])
    whole = source == texts["without a sentence end"].strip()
    assert whole
    with_ends = _import(tmp_path, texts["with sentence ends"])
    assert [span[1] for span in spans] == [span[1] for _source, found in with_ends for span in found]
