"""The catalogue of known models (models/catalogue.json): licence, size, languages, published scores.

Every published score says what was measured, on which test set, and where it was published, so a
reader can check it; a figure nobody could trace is left out rather than kept. Loading is strict: a
malformed catalogue is one WorkbenchError naming the file (and the entry), never a half-read list.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from workbench.core.errors import WorkbenchError
from workbench.mt.families import is_supported

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
CATALOGUE_PATH = MODELS_DIR / "catalogue.json"

#: the test set whose figures are comparable across models: the headline of every direction
HEADLINE_TEST_SET = "FLORES-200 devtest"
#: the headline metric by target language: chrF++ for English; chrF (character n-grams, word order 0)
#: for Khmer, whose script writes no spaces between words, so chrF++'s word n-grams mean little there
HEADLINE_METRIC = {"en": "chrF++", "km": "chrF"}
#: metrics a score may name (sacrebleu's names); COMET-22 on its 0-1 scale, the others on 0-100
METRICS = ("chrF++", "chrF", "spBLEU", "BLEU", "COMET-22")
#: the only metrics a score into Khmer may use: BLEU's default tokenizer and chrF++'s words need spaces
KHMER_METRICS = ("chrF", "spBLEU", "COMET-22")


@dataclass(frozen=True, slots=True)
class PublishedScore:
    """One published figure: `value` of `metric` for `direction` on `test_set`, as `source` reports it."""

    direction: str
    metric: str
    value: float
    test_set: str
    #: where the figure is published (a model card, a leaderboard file at a fixed commit, a paper table)
    source: str
    note: str = ""

    def shown(self) -> str:
        """ "57.2 chrF++": the figure, rounded as tables show it, with its metric."""
        places = Decimal("0.001") if self.metric == "COMET-22" else Decimal("0.1")
        # Half up from the decimal text, as tables round: the leaderboards' 0.2295 is 23.0, not float's 22.9.
        return f"{Decimal(str(self.value)).quantize(places, rounding=ROUND_HALF_UP)} {self.metric}"

    def describe(self) -> str:
        """ "57.2 chrF++ on FLORES-200 devtest": the figure with what it measures."""
        return f"{self.shown()} on {self.test_set}"


@dataclass(frozen=True, slots=True)
class PublishedScores:
    """A model's published scores; `get(direction)` is the headline figure of that direction or None."""

    items: tuple[PublishedScore, ...] = ()

    def __iter__(self) -> Iterator[PublishedScore]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def headline(self, direction: str) -> PublishedScore | None:
        """The direction's score comparable across models (HEADLINE_TEST_SET, HEADLINE_METRIC), if published."""
        metric = HEADLINE_METRIC.get(direction.rsplit("-", 1)[-1])
        return next(
            (
                s
                for s in self.items
                if s.direction == direction and s.metric == metric and s.test_set == HEADLINE_TEST_SET
            ),
            None,
        )


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    name: str
    hub_id: str
    family: str
    directions: tuple[str, ...]
    #: 0: not known
    parameters: int
    #: 0: not known
    int8_size_mb: int
    licence: str
    scores: PublishedScores = field(default_factory=PublishedScores)
    note: str = ""
    #: memory needed to translate with the int8 copy, when estimated or measured (0: not given)
    memory_mb: int = 0
    #: False: the files the publisher offers cannot be installed as they are (the note says what to do)
    installable: bool = True

    @property
    def supported(self) -> bool:
        return self.installable and is_supported(self.family)


@dataclass(frozen=True, slots=True)
class Catalogue:
    entries: tuple[CatalogueEntry, ...]
    #: "vi-en" -> (model name, why it is the default)
    defaults: dict[str, tuple[str, str]]
    about: str = ""
    #: "vi-km" -> models taken in this order when the default is not installed (freely licensed ones only:
    #: a default never falls back to a licence the office did not choose)
    fallbacks: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def get(self, name: str) -> CatalogueEntry | None:
        return next((e for e in self.entries if e.name == name or e.hub_id == name), None)

    def default_for(self, source: str, target: str) -> str | None:
        found = self.defaults.get(f"{source}-{target}")
        return found[0] if found else None

    def installed_default(self, source: str, target: str, installed: Collection[str]) -> str | None:
        """The default for the pair if it is installed, else its first installed fallback, else the default
        (whose absence the caller reports): an office without MADLAD-400 still gets m2m100's Khmer."""
        default = self.default_for(source, target)
        for name in (default, *self.fallbacks.get(f"{source}-{target}", ())):
            if name and name in installed:
                return name
        return default


class _Bad(Exception):
    """One problem in the catalogue, said in words; load_catalogue adds the file's name."""


def _field(raw: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _Bad(f"{where}: {key!r} is missing or not a {kind.__name__}")
    if isinstance(value, str) and not value.strip():
        raise _Bad(f"{where}: {key!r} is empty")
    return value


def _score(raw: object, where: str, directions: tuple[str, ...]) -> PublishedScore:
    if not isinstance(raw, dict):
        raise _Bad(f"{where} is not an object")
    direction = _field(raw, "direction", str, where)
    where = f"{where} ({direction})"
    if direction not in directions:
        raise _Bad(f"{where}: the model does not translate {direction} (its directions: {', '.join(directions)})")
    source = raw.get("source")
    if not isinstance(source, str) or not source.startswith("https://"):
        raise _Bad(f"{where} has no source: give the https:// address where the figure is published")
    metric = raw.get("metric")
    if metric not in METRICS:
        raise _Bad(f"{where}: 'metric' must be one of {', '.join(METRICS)}, not {metric!r}")
    if direction.endswith("-km") and metric not in KHMER_METRICS:
        raise _Bad(f"{where}: a score into Khmer must be {' or '.join(KHMER_METRICS)}, not {metric}")
    value = raw.get("value")
    top = 1.0 if metric == "COMET-22" else 100.0
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise _Bad(f"{where}: 'value' is not a number")
    if not 0 <= value <= top:
        raise _Bad(f"{where}: {metric} {value} is outside 0-{top:g} (give chrF as a percentage)")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise _Bad(f"{where}: 'note' is not text")
    return PublishedScore(direction, metric, float(value), _field(raw, "test_set", str, where), source, note)


def _entry(raw: object, number: int) -> CatalogueEntry:
    if not isinstance(raw, dict):
        raise _Bad(f"model {number} is not an object")
    name = _field(raw, "name", str, f"model {number}")
    where = f"model {name!r}"
    directions = tuple(_field(raw, "directions", list, where))
    if not directions or not all(isinstance(d, str) and d.count("-") == 1 for d in directions):
        raise _Bad(f"{where}: 'directions' must list directions such as \"vi-en\"")
    scores = _field(raw, "scores", list, where) if "scores" in raw else []
    sizes = {key: _field(raw, key, int, where) for key in ("parameters", "int8_size_mb")}
    if any(v < 0 for v in sizes.values()):
        raise _Bad(f"{where}: a size is negative")
    memory = _field(raw, "memory_mb", int, where) if "memory_mb" in raw else 0
    installable = _field(raw, "installable", bool, where) if "installable" in raw else True
    note = _field(raw, "note", str, where) if "note" in raw else ""
    if not installable and not note:
        raise _Bad(f"{where}: a model that cannot be installed as published needs a note saying what to do")
    return CatalogueEntry(
        name=name,
        hub_id=_field(raw, "hub_id", str, where),
        family=_field(raw, "family", str, where),
        directions=directions,
        parameters=sizes["parameters"],
        int8_size_mb=sizes["int8_size_mb"],
        licence=_field(raw, "licence", str, where),
        scores=PublishedScores(tuple(_score(s, f"{where}, score {i}", directions) for i, s in enumerate(scores, 1))),
        note=note,
        memory_mb=memory,
        installable=installable,
    )


def _catalogue(raw: object) -> Catalogue:
    if not isinstance(raw, dict):
        raise _Bad("the file is not a JSON object")
    entries = tuple(_entry(m, i) for i, m in enumerate(_field(raw, "models", list, "the catalogue"), 1))
    names = [e.name for e in entries]
    if len(set(names)) != len(names):
        raise _Bad(f"a model is listed twice ({', '.join(sorted({n for n in names if names.count(n) > 1}))})")
    defaults: dict[str, tuple[str, str]] = {}
    fallbacks: dict[str, tuple[str, ...]] = {}
    for direction, choice in _field(raw, "defaults", dict, "the catalogue").items():
        where = f"the default for {direction}"
        if not isinstance(choice, dict):
            raise _Bad(f"{where} is not an object")
        model = _field(choice, "model", str, where)
        if model not in names:
            raise _Bad(f"{where} names {model!r}, which the catalogue does not list")
        defaults[direction] = (model, _field(choice, "why", str, where))
        later = choice.get("fallbacks", [])
        if not isinstance(later, list) or not all(isinstance(n, str) and n in names for n in later):
            raise _Bad(f"{where}: fallbacks must be a list of models the catalogue lists")
        fallbacks[direction] = tuple(later)
    about = raw.get("about", "")
    return Catalogue(entries, defaults, about if isinstance(about, str) else "", fallbacks)


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """The catalogue at `path`, checked whole: every score with its metric, test set and source."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return _catalogue(raw)
    except (OSError, ValueError) as exc:
        raise WorkbenchError(f"{path}: the model catalogue cannot be read ({exc})") from exc
    except _Bad as exc:
        raise WorkbenchError(f"{path}: the model catalogue is not valid: {exc}") from exc
