"""The catalogue of known models (models/catalogue.json): licence, size, languages, published scores."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.mt.families import is_supported

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
CATALOGUE_PATH = MODELS_DIR / "catalogue.json"


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    name: str
    hub_id: str
    family: str
    directions: tuple[str, ...]
    parameters: int
    int8_size_mb: int
    licence: str
    scores: dict[str, float] = field(default_factory=dict)
    note: str = ""

    @property
    def supported(self) -> bool:
        return is_supported(self.family)


@dataclass(frozen=True, slots=True)
class Catalogue:
    entries: tuple[CatalogueEntry, ...]
    #: "vi-en" -> (model name, why it is the default)
    defaults: dict[str, tuple[str, str]]

    def get(self, name: str) -> CatalogueEntry | None:
        return next((e for e in self.entries if e.name == name or e.hub_id == name), None)

    def default_for(self, source: str, target: str) -> str | None:
        found = self.defaults.get(f"{source}-{target}")
        return found[0] if found else None


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        entries = tuple(
            CatalogueEntry(
                name=m["name"],
                hub_id=m["hub_id"],
                family=m["family"],
                directions=tuple(m["directions"]),
                parameters=int(m["parameters"]),
                int8_size_mb=int(m["int8_size_mb"]),
                licence=m["licence"],
                scores={k: float(v) for k, v in m.get("scores", {}).items()},
                note=m.get("note", ""),
            )
            for m in raw["models"]
        )
        defaults = {k: (v["model"], v["why"]) for k, v in raw.get("defaults", {}).items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WorkbenchError(f"{path}: the model catalogue cannot be read ({exc})") from exc
    return Catalogue(entries, defaults)
