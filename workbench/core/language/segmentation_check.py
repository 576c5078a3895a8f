"""Measuring segmentation against a hand-made reference: one sentence a line, paragraphs apart by a blank line.

Used by the tests (which demand an exact match on our hand-made references) and by `bench segmentation`,
which prints boundary precision, recall and F1 for the shipped references (resources/samples/) or for any
reference an office writes for its own texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import ImportProblem
from workbench.core.language.segmenter import Segmenter
from workbench.core.resources import resource_path
from workbench.core.user_file import read_regular_file

#: a reference is sentences typed or checked by hand: far below this
MAX_REFERENCE_BYTES = 64 * 2**20


def shipped_references() -> list[Path]:
    """Every reference in resources/samples/: what `bench segmentation` scores when given none."""
    return sorted(resource_path("samples").glob("segmentation-reference*.txt"))


def read_reference(path: Path) -> list[list[str]]:
    """Paragraphs of sentences; lines starting with # are comments."""
    paragraphs: list[list[str]] = [[]]
    data = read_regular_file(path, MAX_REFERENCE_BYTES)  # a folder, a pipe or a huge file: one message
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportProblem(str(path), f"cannot be read as UTF-8 text ({exc})") from None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(line.strip())
    return [p for p in paragraphs if p]


@dataclass(frozen=True, slots=True)
class BoundaryScore:
    sentences: int
    found: int
    correct: int
    #: (expected sentences, what the segmenter made of them) for each paragraph that differs
    mismatches: list[tuple[list[str], list[str]]]

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        expected = self.sentences
        return self.correct / expected if expected else 1.0

    @property
    def f1(self) -> float:
        """One figure to compare rule changes by: a lost break and a false one weigh the same."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: BoundaryScore) -> BoundaryScore:
        """Scores of several references pooled, so a long reference weighs more than a short one."""
        return BoundaryScore(
            self.sentences + other.sentences,
            self.found + other.found,
            self.correct + other.correct,
            self.mismatches + other.mismatches,
        )


def _ends(sentences: list[str]) -> set[int]:
    ends, offset = set(), 0
    for sentence in sentences:
        offset += len(sentence)
        ends.add(offset)
    return ends


def score_reference(paragraphs: list[list[str]], segmenter: Segmenter) -> BoundaryScore:
    """Compare sentence ends (in characters, spaces ignored) of the reference and of the segmenter."""
    expected_total = found_total = correct_total = 0
    mismatches = []
    for sentences in paragraphs:
        got = [piece.text for piece in segmenter.split(" ".join(sentences))]
        want_ends = _ends([s.replace(" ", "") for s in sentences])
        got_ends = _ends([s.replace(" ", "") for s in got])
        expected_total += len(want_ends)
        found_total += len(got_ends)
        correct_total += len(want_ends & got_ends)
        if got != sentences:
            mismatches.append((sentences, got))
    return BoundaryScore(expected_total, found_total, correct_total, mismatches)
