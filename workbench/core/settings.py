"""The user's settings: a small typed record saved as JSON in the user's config folder.

`WORKBENCH_CONFIG_DIR` moves the folder (tests point it at a temporary one). Window geometry is not
kept here: the UI keeps it in QSettings.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from workbench.core.records import Role

log = logging.getLogger(__name__)


def config_dir() -> Path:
    override = os.environ.get("WORKBENCH_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir("workbench", appauthor=False))


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "translator"


#: the longest automatic team sync interval `settings --team-sync-minutes` takes (a day)
MAX_SYNC_MINUTES = 24 * 60


@dataclass(slots=True)
class Settings:
    user_name: str = field(default_factory=_default_user)
    role: str = Role.TRANSLATOR.value  # a Role's value
    ui_language: str = ""  # "" follows the system locale
    recent_projects: list[str] = field(default_factory=list)
    segmentation_rules: str = ""  # "" is the built-in resources/segmentation/rules.srx
    models_dir: str = ""  # "" is the models/ folder of the installation (WORKBENCH_MODELS_DIR overrides)
    #: target language -> the user's choice: an installed model's name, or a pivot route's text
    #: ("vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M", workbench/mt/routes.py); "" or missing: the catalogue's
    mt_models: dict[str, str] = field(default_factory=dict)
    beam_size: int = 4
    khmer_digits: bool = False
    #: a Vietnamese back-translation of every machine draft, made in the background after the drafts
    back_translate: bool = True
    #: pre-translation keeps a draft the quality estimate puts in the "poor" band out of the cell (it stays a
    #: suggestion in the side panel)
    leave_poor_drafts_out: bool = False
    #: score every word of a draft (a second, teacher-forced pass of the model: about 25 % more time per
    #: pre-translation, `bench rerank`) so the quality estimate knows the least sure word; off: it does without
    word_scores: bool = False
    #: spell checking of the target text as it is typed (red underline, suggestions, the `spelling` QA check)
    spell_check: bool = True
    #: a warning for typos in the imported Vietnamese source (hunspell-vi)
    spell_check_source: bool = False
    #: confirming a segment fills the project's other segments with the same source: "translated", "draft" or
    #: "off"; never over a person's work
    propagate_repetitions: str = "translated"
    #: the editor pane under the grid, for long segments (View > Editor pane)
    editor_pane: bool = False
    #: the grid's and editor's font ("" and 0: the system's)
    font_family: str = ""
    font_size: int = 0
    #: the team's PostgreSQL server (postgresql://login@host/database, or a pg_service name), never with a
    #: password: that is in the pgpass file beside the settings (core/team/team_credentials.py); "" none
    team_server: str = ""
    #: how often the window syncs a team project by itself, in minutes (0: only on Team > Sync now)
    team_sync_minutes: int = 3

    @classmethod
    def load(cls) -> Settings:
        path = config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name for f in fields(cls)}
        if not isinstance(raw, dict):
            log.warning("settings file %s holds no settings record; using defaults", path)
            return cls()
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if not isinstance(settings.mt_models, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in settings.mt_models.items()
        ):
            log.warning("settings file %s: the models per language are unreadable; using the catalogue's", path)
            settings.mt_models = {}
        if settings.role not in {role.value for role in Role}:
            # a hand-edited file must not make someone an approver by a typo: the least one may do
            log.warning("settings file %s names no known role (%r); acting as a translator", path, settings.role)
            settings.role = Role.TRANSLATOR.value
        if not isinstance(settings.team_sync_minutes, int) or not 0 <= settings.team_sync_minutes <= MAX_SYNC_MINUTES:
            log.warning("settings file %s: the team sync interval is unreadable; every 3 minutes", path)
            settings.team_sync_minutes = 3
        return settings

    def models_path(self) -> Path | None:
        override = os.environ.get("WORKBENCH_MODELS_DIR") or self.models_dir
        return Path(override) if override else None

    def save(self) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "settings.json.tmp"
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        tmp.replace(folder / "settings.json")
