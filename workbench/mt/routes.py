"""Pivot routes: a language served through another one (vi->en by opus-mt, then en->km by NLLB).

A *choice* for a target language is a text, kept in the settings like a model name: either an installed
model's name, or a route written `PIVOTS:HOP1+HOP2`, e.g. `vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M`
(the route's languages, a colon, the model of each hop joined by "+"; model names never hold ":"). The
same text is the `model` of every draft a route writes, so the cache keys on the whole route and the
post-editing report groups by it. `drafter_for` turns a choice into the pre-translation's `Drafter`,
checking every hop before anything is loaded or written: a hop whose model is missing or cannot serve
its direction is refused with the hop named.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from workbench.core.errors import WorkbenchError
from workbench.core.ops.pretranslation import Drafter
from workbench.mt.engine import check_direction
from workbench.mt.engine_pool import NoModel
from workbench.mt.families import family as model_family
from workbench.mt.model_store import InstalledModel, ModelStore
from workbench.mt.pipeline import EngineDrafter, TranslateOptions, UrgentRequests
from workbench.mt.route_drafter import HopEngine, RouteDrafter

if TYPE_CHECKING:
    from workbench.mt.engine_pool import EnginePool

_LANGUAGES = regex.compile(r"[a-z]{2,3}(?:-[a-z]{2,3})+")
#: how a route is written, for messages
ROUTE_FORM = "LANGS:MODEL+MODEL, e.g. vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M"


@dataclass(frozen=True, slots=True)
class Hop:
    source: str
    target: str
    model: str


@dataclass(frozen=True, slots=True)
class Route:
    hops: tuple[Hop, ...]

    @property
    def languages(self) -> str:
        """ "vi-en-km" """
        return "-".join([self.hops[0].source, *(hop.target for hop in self.hops)])

    @property
    def text(self) -> str:
        """ "vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M", as the settings and the drafts keep it."""
        return f"{self.languages}:{'+'.join(hop.model for hop in self.hops)}"

    @property
    def label(self) -> str:
        """ "vi-en-km: opus-mt-vi-en → nllb-200-distilled-600M", for people."""
        return f"{self.languages}: {' → '.join(hop.model for hop in self.hops)}"


def is_route(choice: str) -> bool:
    return ":" in choice


def route_languages(languages: str) -> list[str]:
    """ "vi-en-km" -> ["vi", "en", "km"]; a WorkbenchError naming the text unless it is two hops or more."""
    if not _LANGUAGES.fullmatch(languages):
        raise WorkbenchError(f"{languages!r} is not a route of languages: write them joined by '-', e.g. vi-en-km")
    codes = languages.split("-")
    if len(codes) < 3:
        raise WorkbenchError(f"the route {languages!r} has one hop: a route goes through another language (vi-en-km)")
    if any(a == b for a, b in itertools.pairwise(codes)):
        raise WorkbenchError(f"the route {languages!r} translates a language into itself")
    return codes


def parse_route(text: str) -> Route:
    """The route a choice text writes; a WorkbenchError naming the text when it is malformed."""
    languages, colon, models = text.strip().partition(":")
    if not colon:
        raise WorkbenchError(f"{text!r} is not a route: write {ROUTE_FORM}")
    codes = route_languages(languages)
    names = [name.strip() for name in models.split("+")]
    if len(names) != len(codes) - 1 or not all(names) or any(":" in name for name in names):
        raise WorkbenchError(
            f"the route {text!r} needs one model per hop ({len(codes) - 1} for {languages}), joined by '+': "
            f"write {ROUTE_FORM}"
        )
    return Route(tuple(Hop(a, b, name) for a, b, name in zip(codes, codes[1:], names, strict=False)))


def route_from(languages: str, models: Mapping[str, str]) -> Route:
    """The route through `languages` ("vi-en-km") with the model of each hop by its target ({"en": …, "km": …})."""
    codes = route_languages(languages)
    missing = [f"{a}->{b}" for a, b in itertools.pairwise(codes) if not models.get(b)]
    if missing:
        raise NoModel(f"the route {languages} has no model for {', '.join(missing)}: name one with --model LANG=NAME")
    return Route(tuple(Hop(a, b, models[b]) for a, b in itertools.pairwise(codes)))


def label(choice: str) -> str:
    """How a choice is shown: a model's name, or a route's languages and models."""
    return parse_route(choice).label if is_route(choice) else choice


def _installed(store: ModelStore, name: str, missing: str, option: str, backend: str = "auto") -> InstalledModel:
    """The runnable copy of `name`; NoModel saying `missing` (who wants it for what), what is installed and
    the `option` that names another (`--model` for translate, `--models` for models evaluate; "" in the window,
    where the model manager chooses)."""
    installed = store.installed()
    if not any(m.name == name for m in installed):
        have = ", ".join(sorted(m.name for m in installed)) or "none"
        raise NoModel(
            f"{missing} (installed: {have}). Install it with `python main.py models install PATH` "
            f"or choose another {f'with {option}' if option else 'in the model manager'}."
        )
    return store.runnable(name, backend, installed)  # the copy the backend runs (ModelRefused if it has none)


def _check_serves(model: InstalledModel, source: str, target: str, what: str) -> None:
    """The model translates source->target: Marian's one direction, the family's language codes."""
    try:
        check_direction(model.family, model.name, model.path, source, target)
        family = model_family(model.family)
        family.language_token(source)
        family.language_token(target)
    except WorkbenchError as exc:
        raise WorkbenchError(f"{what} cannot use {model.name} for {source}->{target}: {exc}") from None


def serves(model: InstalledModel, source: str, target: str) -> bool:
    """Whether an installed model translates `source`->`target` (a one-direction family by its name)."""
    try:
        _check_serves(model, source, target, "")
    except WorkbenchError:
        return False
    return True


def base_choice(choice: str) -> str:
    """The choice with each model by its original's name: a result names the converted copy it ran
    ("opus-mt-vi-en-ct2-int8"), the model manager and the settings the model installed ("opus-mt-vi-en")."""
    if not is_route(choice):
        return choice.split("-ct2-")[0]
    try:
        route = parse_route(choice)
    except WorkbenchError:
        return choice
    return Route(tuple(Hop(h.source, h.target, h.model.split("-ct2-")[0]) for h in route.hops)).text


def check_route(
    route: Route, store: ModelStore, source: str, target: str, option: str = "--model", backend: str = "auto"
) -> Route:
    """The route with each hop's runnable model (its CTranslate2 copy if it has one), once every hop is
    known to be installed and to serve its direction, and the route to go from `source` to `target`."""
    name = f"the route {route.languages}"
    if route.hops[0].source != source:
        raise WorkbenchError(f"{name} starts from {route.hops[0].source}, but the source language is {source}")
    if route.hops[-1].target != target:
        raise WorkbenchError(f"{name} ends in {route.hops[-1].target}, so it cannot translate into {target}")
    hops = []
    for hop in route.hops:
        model = _installed(
            store,
            hop.model,
            f"{name} needs {hop.model} for {hop.source}->{hop.target}, which is not installed",
            option,
            backend,
        )
        _check_serves(model, hop.source, hop.target, name)
        hops.append(Hop(hop.source, hop.target, model.name))
    return Route(tuple(hops))


def resolve(
    choice: str, store: ModelStore, source: str, target: str, option: str = "--model", backend: str = "auto"
) -> str:
    """The choice as drafts record it: each model by its runnable name, checked as `drafter_for` checks it.
    `option` is the command's option that names another model, for the message of one not installed."""
    if is_route(choice):
        return check_route(parse_route(choice), store, source, target, option, backend).text
    model = _installed(store, choice, f"no model for {source}->{target}: {choice} is not installed", option, backend)
    _check_serves(model, source, target, f"the choice for {target}")
    return model.name


def drafter_for(
    choice: str,
    pool: EnginePool,
    source: str,
    target: str,
    options: TranslateOptions,
    urgent: UrgentRequests | None = None,
    lock: AbstractContextManager[object] | None = None,
) -> Drafter:
    """An EngineDrafter for a model name, a RouteDrafter for a route, with engines from the pool (loaded once).

    Every hop is checked before any engine loads: NoModel names a model that is not installed and its hop,
    a WorkbenchError a hop its model cannot serve or a route that does not go from `source` to `target`.
    `lock` (a single model's) defaults to the pool's lock of that engine; each hop of a route holds its own.
    """
    if not is_route(choice):
        loaded = pool.for_model(resolve(choice, pool.store, source, target, backend=pool.backend))
        return EngineDrafter(loaded.engine, source, options, urgent, lock or loaded.lock)
    route = check_route(parse_route(choice), pool.store, source, target, backend=pool.backend)  # as it will run
    return RouteDrafter(route.text, hop_engines(route, pool), options, urgent)


def hop_engines(route: Route, pool: EnginePool) -> list[HopEngine]:
    """Each hop of a checked route with its engine from the pool (loaded once) and that engine's lock."""
    return [
        HopEngine(hop.source, hop.target, (loaded := pool.for_model(hop.model)).engine, loaded.lock)
        for hop in route.hops
    ]


def models_of(choice: str) -> list[str]:
    """The model of each hop (one for a model name)."""
    return [hop.model for hop in parse_route(choice).hops] if is_route(choice) else [choice]


def licences(choice: str, store: ModelStore) -> list[tuple[str, str]]:
    """(model, licence) of each hop: the installed model's, else the catalogue's, else "unknown"."""
    installed = {m.name: m.licence for m in store.installed()}
    found = []
    for name in models_of(choice):
        entry = store.catalogue.get(name)
        found.append((name, installed.get(name) or (entry.licence if entry else "") or "unknown"))
    return found
