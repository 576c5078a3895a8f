"""What the whole program shares, built once at start and passed down: never loaded ad hoc.

`app.py` builds one `AppContext` (as git-cola's `ApplicationContext`); the CLI's handlers and the
window receive it. Tests build their own with a temporary settings folder (the autouse fixture).
Settings are replaced, never edited in place: `update_settings` saves the new record and every
holder of the context sees it at once, while work already started keeps the values it began with.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.errors import WorkbenchError
from workbench.core.memory.project_memory import Memories, shared_memory_path
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.settings import Settings, config_dir
from workbench.core.store.project_store import Project
from workbench.core.team.memory_outbox import OUTBOX_NAME, MemoryOutbox
from workbench.mt.catalogue import MODELS_DIR
from workbench.mt.model_choice import EnginePool
from workbench.mt.model_store import ModelStore

if TYPE_CHECKING:
    import psycopg


class AppContext:
    """The settings, the model store, the shared memory's place, the pool of loaded engines, the team server."""

    def __init__(self, settings: Settings, memory_path: Path | None = None, backend: str = "auto") -> None:
        self._settings = settings
        self.memory_path = memory_path or shared_memory_path()
        self.backend = backend
        self.engines = EnginePool(self._store_for(settings), settings, backend)

    @classmethod
    def load(cls, backend: str = "auto") -> AppContext:
        """The one place the user's settings file is read."""
        return cls(Settings.load(), backend=backend)

    @property
    def settings(self) -> Settings:
        """The current settings: a copy to edit (`dataclasses.replace`), then `update_settings`."""
        return self._settings

    @property
    def models(self) -> ModelStore:
        return self.engines.store

    def update_settings(self, settings: Settings, save: bool = True) -> None:
        """Take new settings (saved unless asked not to); a new models folder means a new engine pool."""
        if save:
            settings.save()
        old = self._settings
        # a copy of its own, lists and dicts too: the caller's record may be edited later, ours is not
        self._settings = replace(
            settings, recent_projects=list(settings.recent_projects), mt_models=dict(settings.mt_models)
        )
        if _models_root(old) != _models_root(settings) or old.mt_models != settings.mt_models:
            self.engines = EnginePool(self._store_for(settings), self._settings, self.backend)
        else:
            self.engines.settings = self._settings

    def open_shared_memory(self) -> SharedMemory:
        """A connection of the caller's own to the shared memory (SQLite connections stay in one thread); on a
        team (a team server in the settings), what it learns is queued for the team memory too."""
        outbox = MemoryOutbox(config_dir() / OUTBOX_NAME) if self._settings.team_server else None
        return SharedMemory(self.memory_path, outbox)

    def open_memories(self, project: Project) -> Memories:
        """The memories `project` consults: its own and the shared one (close it when done)."""
        return Memories(project, self.open_shared_memory())

    def open_team_connection(self, server: str | None = None) -> psycopg.Connection[Any]:
        """A connection of the caller's own to the team server (`server`, else the settings'), with the
        password from the URL or the pgpass file; a TeamServerError names the server when it fails."""
        from workbench.core.team.team_credentials import connect_with_saved_password  # psycopg: ~0.1 s, when asked

        target = server or self._settings.team_server
        if not target:
            raise WorkbenchError(
                "no team server: give its URL (postgresql://login@host/database) or set `settings --team`"
            )
        return connect_with_saved_password(target)

    @staticmethod
    def _store_for(settings: Settings) -> ModelStore:
        return ModelStore(_models_root(settings))


def _models_root(settings: Settings) -> Path:
    return settings.models_path() or MODELS_DIR
