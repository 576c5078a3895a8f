"""Keeping loaded engines for reuse, and the plain choice of one installed model for a language.

The choice that may also be a pivot route (vi-en-km) is model_choice.py's; routes.py loads each hop's
engine from this pool, so a model serving a route and a language of its own is loaded once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from workbench.core.errors import WorkbenchError
from workbench.core.settings import Settings
from workbench.mt.engine import TranslationEngine
from workbench.mt.loader import load_engine
from workbench.mt.model_store import InstalledModel, ModelStore


class NoModel(WorkbenchError):
    """No installed model serves a language pair; the message says which one was wanted."""


def choose_model(store: ModelStore, settings: Settings, language: str, source: str, explicit: str | None) -> str:
    """An explicit name, else the settings' choice for the language, else the catalogue's default; installed."""
    name = explicit or settings.mt_models.get(language) or store.catalogue.default_for(source, language)
    installed = {m.name for m in store.installed()}
    if name and (name in installed):
        return name
    have = ", ".join(sorted(installed)) or "none"
    raise NoModel(
        f"no model for {source}->{language}: {name or 'no default'} is not installed (installed: {have}). "
        "Install one with `python main.py models install PATH` or choose one with --model."
    )


@dataclass(frozen=True, slots=True)
class LoadedEngine:
    model: InstalledModel
    engine: TranslationEngine
    #: engines are not re-entrant: whoever decodes holds this
    lock: threading.Lock


class EnginePool:
    """Engines loaded once per model and shared by pre-translation and "translate this segment now"."""

    def __init__(self, store: ModelStore, settings: Settings, backend: str = "auto", threads: int = 0) -> None:
        self.store = store
        self.settings = settings
        self.backend = backend
        #: intra-op threads of each engine (0: one per CPU core)
        self.threads = threads
        self._engines: dict[str, LoadedEngine] = {}
        self._lock = threading.Lock()

    def for_language(self, source: str, target: str) -> LoadedEngine:
        """Load (or reuse) the engine the settings choose for `source`->`target` now."""
        return self.for_model(choose_model(self.store, self.settings, target, source, None))

    def for_model(self, name: str) -> LoadedEngine:
        """Load (or reuse) the engine of the installed model `name` (its CTranslate2 copy if it has one),
        whatever the settings say by now; may take seconds for a large model."""
        model = self.store.runnable(name, self.backend)
        with self._lock:
            loaded = self._engines.get(model.name)
            if loaded is None:
                engine = load_engine(model.path, model.name, self.backend, self.threads)
                loaded = LoadedEngine(model, engine, threading.Lock())
                self._engines[model.name] = loaded
        return loaded
