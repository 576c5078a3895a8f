"""Keeping loaded engines for reuse, and the error of a language no installed model serves.

Which model or pivot route (vi-en-km) serves a language is model_choice.py's; routes.py loads each hop's
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
