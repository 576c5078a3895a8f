"""Which installed model or pivot route translates into a language: one choice for the CLI and the window.

A choice is a text: a model name, or a route `vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M`
(mt/routes.py). The order is the same everywhere: what the command line names, else the user's choice
for that language in the settings, else the catalogue's default (or, when it is not installed, its first installed fallback: the catalogue lists
freely licensed ones only). For a route asked for by its languages
alone (`--route vi-en-km`), the model of each hop into a language is the one named for that language
(`--model en=…`), else the settings' choice for it, else the catalogue's default for the hop's pair.
The choice comes back as drafts record it (each model by its runnable CTranslate2 copy's name), checked:
installed, and each model able to serve its direction.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from workbench.core.settings import Settings
from workbench.mt.engine_pool import EnginePool, LoadedEngine, NoModel
from workbench.mt.model_store import ModelStore
from workbench.mt.routes import is_route, parse_route, resolve, route_from, route_languages

__all__ = ["EnginePool", "LoadedEngine", "NoModel", "choose", "default_choice", "settings_hop_model"]


def settings_hop_model(settings: Settings, language: str) -> str | None:
    """The settings' model into `language`: its chosen model, or the last hop's if the choice is a route."""
    chosen = settings.mt_models.get(language)
    if not chosen:
        return None
    if not is_route(chosen):
        return chosen
    last = parse_route(chosen).hops[-1]
    return last.model if last.target == language else None


def choose(
    store: ModelStore,
    settings: Settings,
    language: str,
    source: str,
    models: Mapping[str, str] | None = None,
    every: str | None = None,
    route: str | None = None,
    option: str = "--model",
) -> str:
    """The checked choice for `source`->`language`.

    `models` names a model (or a route text) per language, `every` one for every language without its own
    (the CLI's bare `--model NAME`), `route` the languages of a route into `language` ("vi-en-km"), `option` the
    command's option that names another model ("" in the window: the message points to the model manager).
    """
    models = models or {}
    if route is not None:
        codes = route_languages(route)
        hop_models = {
            b: name
            for a, b in itertools.pairwise(codes)
            if (name := models.get(b) or every or settings_hop_model(settings, b) or default_choice(store, a, b))
        }
        return resolve(route_from(route, hop_models).text, store, source, language, option)
    chosen = models.get(language) or every or settings.mt_models.get(language)
    chosen = chosen or default_choice(store, source, language)
    if not chosen:
        raise NoModel(
            f"no model for {source}->{language}: the catalogue has no default for it. Install one with "
            "`python main.py models install PATH` and choose it with --model or in the settings."
        )
    return resolve(chosen, store, source, language, option)


def default_choice(store: ModelStore, source: str, target: str) -> str | None:
    """The catalogue's default for the pair, or its first freely licensed fallback that is installed."""
    names = {m.name for m in store.installed()}
    names |= {name.split("-ct2-")[0] for name in names}
    return store.catalogue.installed_default(source, target, names)
