"""Measured results of `models evaluate`, kept in the user's data folder so an office picks its model by measurement.

One JSON file, `evaluations.json`, beside the shared memory (the folder of `shared_memory_path()`;
WORKBENCH_DATA_DIR moves it, as the tests do). Each result is appended by writing the whole file to a
temporary file in the same folder and renaming it over the old one (`os.replace`), so a crash, a full
disk or a cancel leaves the previous file whole, never a half-written one. A file that cannot be read
back (edited by hand, damaged) is never overwritten: reading and appending both refuse it, naming it.

The model manager (Qt-free API for the window): `load_results()` then `best_measured(results, "vi-km")`
gives one result per candidate to show in a "measured" column next to the catalogue's published score.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.errors import WorkbenchError
from workbench.core.memory.project_memory import shared_memory_path

FILE_NAME = "evaluations.json"
#: a result with 1,012 stored outputs is about 150 KB; this is hundreds of evaluations
MAX_STORE_BYTES = 256 * 1024 * 1024
FORMAT_VERSION = 1


class EvaluationStoreDamaged(WorkbenchError):
    """evaluations.json cannot be read back; it is left as it is (the message names it)."""


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """One candidate measured on one reference set."""

    #: an installed model's name ("opus-mt-vi-en") or a route's text ("vi-en-km:opus-mt-vi-en+nllb-…")
    candidate: str
    #: "vi-km"
    direction: str
    #: the reference set's name ("vie_Latn.devtest + khm_Khmr.devtest", "memory.tmx", "project P.wbp")
    reference: str
    #: segments translated and scored
    segments: int
    chrf: float
    #: "chrF++" (English) or "chrF" (word order 0, Khmer)
    chrf_name: str
    bleu: float
    #: "BLEU", "spBLEU" or "BLEU (char)"
    bleu_name: str
    #: sacrebleu's signatures of both metrics
    signature: str
    #: when it was measured, ISO 8601 UTC
    date: str
    #: output tokens per second of wall time while translating (model load excluded)
    tokens_per_second: float
    #: peak resident memory of the process while the candidate loaded and translated, MB
    peak_mb: float
    #: seconds spent translating, and scoring
    translate_seconds: float = 0.0
    score_seconds: float = 0.0
    #: (model, licence) of each model the candidate uses: one for a model, one per hop for a route
    licences: tuple[tuple[str, str], ...] = ()
    #: the reference set's size before `--limit` cut it
    reference_size: int = 0
    #: the outputs, in the reference set's order (so anyone can score them again)
    hypotheses: tuple[str, ...] = field(default=(), repr=False)

    def licence_text(self) -> str:
        """ "CC-BY-4.0" for a model, "opus-mt-vi-en CC-BY-4.0 + nllb-… CC-BY-NC-4.0" for a route."""
        if len(self.licences) == 1:
            return self.licences[0][1]
        return " + ".join(f"{model} {licence}" for model, licence in self.licences)

    def to_json(self) -> dict[str, Any]:
        raw = asdict(self)
        raw["licences"] = [list(pair) for pair in self.licences]
        raw["hypotheses"] = list(self.hypotheses)
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> EvaluationResult:
        return cls(
            candidate=str(raw["candidate"]),
            direction=str(raw["direction"]),
            reference=str(raw["reference"]),
            segments=int(raw["segments"]),
            chrf=float(raw["chrf"]),
            chrf_name=str(raw["chrf_name"]),
            bleu=float(raw["bleu"]),
            bleu_name=str(raw["bleu_name"]),
            signature=str(raw["signature"]),
            date=str(raw["date"]),
            tokens_per_second=float(raw["tokens_per_second"]),
            peak_mb=float(raw["peak_mb"]),
            translate_seconds=float(raw.get("translate_seconds", 0.0)),
            score_seconds=float(raw.get("score_seconds", 0.0)),
            licences=tuple((str(m), str(lic)) for m, lic in raw.get("licences", [])),
            reference_size=int(raw.get("reference_size", raw["segments"])),
            hypotheses=tuple(str(h) for h in raw.get("hypotheses", [])),
        )


def evaluations_path(folder: Path | None = None) -> Path:
    """Where results are kept: `folder`, else the user's data folder (that of the shared memory)."""
    return (folder if folder is not None else shared_memory_path().parent) / FILE_NAME


def load_results(folder: Path | None = None) -> list[EvaluationResult]:
    """Every stored result, oldest first; an empty list when nothing was measured yet.

    `folder` defaults to the user's data folder. Raises EvaluationStoreDamaged, naming the file, when it
    cannot be read back (it is then left untouched)."""
    path = evaluations_path(folder)
    if not path.exists():
        return []
    damaged = f"{path}: the stored evaluation results cannot be read"
    try:
        if path.is_symlink() or not path.is_file():
            raise EvaluationStoreDamaged(f"{path}: is not a regular file; move it aside to measure again")
        if path.stat().st_size > MAX_STORE_BYTES:
            raise EvaluationStoreDamaged(f"{damaged} (larger than {MAX_STORE_BYTES // 2**20} MB); move it aside")
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [EvaluationResult.from_json(item) for item in raw["results"]]
    except EvaluationStoreDamaged:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EvaluationStoreDamaged(f"{damaged} ({exc}); it is left as it is: move it aside to start afresh") from exc


def append_result(result: EvaluationResult, folder: Path | None = None) -> Path:
    """Add `result` to the stored ones atomically (the old file stays whole until the new one replaces it)."""
    path = evaluations_path(folder)
    results = [*load_results(folder), result]
    payload = json.dumps(
        {"version": FORMAT_VERSION, "results": [r.to_json() for r in results]}, ensure_ascii=False, indent=1
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".evaluations-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise WorkbenchError(
            f"{path}: the result could not be saved ({exc.strerror or exc}); nothing was changed"
        ) from exc
    return path


def latest_per_reference(
    results: Iterable[EvaluationResult], direction: str
) -> dict[tuple[str, str], EvaluationResult]:
    """The latest result of each (candidate, reference set) in `direction` ("vi-km")."""
    latest: dict[tuple[str, str], EvaluationResult] = {}
    for result in results:
        if result.direction != direction:
            continue
        key = (result.candidate, result.reference)
        if key not in latest or result.date >= latest[key].date:
            latest[key] = result
    return latest


def best_measured(results: Sequence[EvaluationResult], direction: str) -> dict[str, EvaluationResult]:
    """One result per candidate in `direction`, for a "measured" column: of the latest result on each
    reference set (`latest_per_reference`), the one on the largest set (the most telling figure), the
    more recent on a tie. Keyed by candidate (model name or route text)."""
    chosen: dict[str, EvaluationResult] = {}
    for (candidate, _reference), result in latest_per_reference(results, direction).items():
        held = chosen.get(candidate)
        if held is None or (result.segments, result.date) > (held.segments, held.date):
            chosen[candidate] = result
    return chosen
