"""Which installed model back-translates a language's drafts into the source language, and with what options.

A back-translation is a check for the editor who reads the target language less well than Vietnamese, and
a signal for the quality estimate (the round trip's similarity to the source); it is never published, so a
model's licence does not rank it. The choice, one for the CLI and the window: the model named explicitly
(refused if it cannot translate that direction); else the language's drafting model if it can translate back
(NLLB, M2M100, MADLAD are many-to-many: no second model to load); else the best installed model that serves
the direction by the catalogue's published score (of the direction itself, or else of the model's
Vietnamese->language direction; the catalogue publishes no figures into Vietnamese yet), then by size.

"This segment now" during a pass is answered first (`run_back_translations`): each language's requests go
to a lane thread that answers them with the drafting model (on its second replica, or holding its lock), and
the pass starts no new batch while a request is answered, so a request competes with the rest of one batch
of back-translations at most.

Back-translations decode greedily (`BACK_BEAM`): measured by `bench trust` on random weights of the real
architectures (2,500 words, 156 segments, 2 shared cores, alternating runs), beam 4 took 2.3x greedy's wall
time with opus-mt (8.6 s against 3.7 s) and 2.9x with NLLB-600M (52 s against 18 s). The pass runs after
the drafts while the translator may be waiting for a segment, so greedy it is, as for the urgent drafts; what
beam 4 would gain in the back-translation's quality is not measured here (random weights cannot show it).

A second opinion (`second_opinion`): when the back-translation model is not the model that drafted a
language and also translates the source language into it (a many-to-many NLLB, M2M100 or MADLAD beside a
Marian drafting model), it drafts each batch's sources into the language too, greedily with the drafting
options' glossary, rules and digits (`opinion_options`), cached under its own name and never put in a cell,
so the quality estimate's `agreement` compares two models and the side panel offers both drafts. When the
back-translation model is the drafting model nothing more is done: its own draft is the only opinion it has.
The drafts of a segment that model made itself, and sources it has drafted already, are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace

from workbench.core.errors import WorkbenchError
from workbench.core.ops.back_translation import BackPlan, BackResult, SecondOpinion, run_back_translation, same_model
from workbench.core.ops.pretranslation import Draft, Unit
from workbench.core.progress import Cancelled, NullProgress, Progress, Share
from workbench.core.settings import Settings
from workbench.mt.catalogue import Catalogue
from workbench.mt.engine import DecodingOptions, check_direction
from workbench.mt.engine_pool import EnginePool
from workbench.mt.families import families
from workbench.mt.families import family as model_family
from workbench.mt.model_choice import default_choice, settings_hop_model
from workbench.mt.model_store import InstalledModel, ModelStore
from workbench.mt.pipeline import (
    EngineDrafter,
    TranslateOptions,
    UrgentLane,
    UrgentRequests,
    decoding_lock,
    translate_one,
)
from workbench.mt.route_drafter import translate_through
from workbench.mt.routes import base_choice, hop_engines, is_route, parse_route, serves

#: beam size of back-translations (1: greedy); see the module's note
BACK_BEAM = 1


class NoBackTranslationModel(WorkbenchError):
    """No installed model translates a language back into the source language; the message says what would."""


def back_translate_options(max_output_tokens: int | None = None) -> TranslateOptions:
    """The options back-translations decode with: greedy, the project's edit rules and glossary left out (they
    are for drafting into the target languages), no Khmer digits (the output is Vietnamese)."""
    decoding = DecodingOptions(beam_size=BACK_BEAM)
    if max_output_tokens is not None:
        decoding = DecodingOptions(beam_size=BACK_BEAM, max_output_tokens=max_output_tokens)
    return TranslateOptions(decoding=decoding)


def _runnable_by_base(installed: list[InstalledModel]) -> dict[str, InstalledModel]:
    """One model per original (its CTranslate2 copy when there is one), by the original's name."""
    chosen: dict[str, InstalledModel] = {}
    for model in installed:
        base = base_choice(model.name)
        if base not in chosen or (model.format == "ct2" and chosen[base].format != "ct2"):
            chosen[base] = model
    return chosen


def _rank(catalogue: Catalogue, base: str, language: str, source: str) -> tuple[float, int, str]:
    entry = catalogue.get(base)
    if entry is None:
        return (0.0, 0, base)
    score = entry.scores.headline(f"{language}-{source}") or entry.scores.headline(f"{source}-{language}")
    return (score.value if score is not None else 0.0, entry.parameters, base)


def could_back_translate(catalogue: Catalogue, language: str, source: str) -> list[str]:
    """Catalogue models that could back-translate `language` into `source` once installed."""
    names = []
    for entry in catalogue.entries:
        family = model_family(entry.family) if entry.supported else None
        if family is None:
            continue
        if family.fixed_directions:
            if f"{language}-{source}" in entry.directions:
                names.append(entry.name)
        elif language in family.language_tokens and source in family.language_tokens:
            names.append(entry.name)
    return names


def _missing(store: ModelStore, language: str, source: str) -> NoBackTranslationModel:
    many = ", ".join(f.name.upper() for f in families() if f.language_tokens and not f.fixed_directions)
    names = ", ".join(could_back_translate(store.catalogue, language, source)) or "none in the catalogue"
    return NoBackTranslationModel(
        f"no installed model translates {language} into {source} for back-translation: install one that can "
        f"({many} models are many-to-many; from the catalogue: {names}; or a Marian model named for "
        f"{language}-{source}, e.g. opus-mt-{language}-{source}) with `python main.py models install PATH`. "
        "The drafts are kept as they are."
    )


def check_back_model(model: InstalledModel, language: str, source: str) -> None:
    """A WorkbenchError unless `model` translates `language` into `source`."""
    if serves(model, language, source):
        return
    try:
        check_direction(model.family, model.name, model.path, language, source)
    except WorkbenchError as exc:
        raise WorkbenchError(f"{model.name} cannot back-translate {language} into {source}: {exc}") from None
    raise WorkbenchError(
        f"{model.name} cannot back-translate {language} into {source}: its family has no code for one of them"
    )


def choose_back_model(
    store: ModelStore, settings: Settings, language: str, source: str, explicit: str | None = None
) -> str:
    """The runnable name of the model that back-translates `language` into `source` (see the module's note)."""
    installed = store.installed()
    if explicit:
        model = store.runnable(explicit, installed=installed)  # a WorkbenchError naming what is installed
        check_back_model(model, language, source)
        return model.name
    candidates = {
        base: model for base, model in _runnable_by_base(installed).items() if serves(model, language, source)
    }
    if not candidates:
        raise _missing(store, language, source)
    drafting = settings_hop_model(settings, language) or default_choice(store, source, language)
    if drafting and base_choice(drafting) in candidates:
        return candidates[base_choice(drafting)].name
    best = max(candidates, key=lambda base: _rank(store.catalogue, base, language, source))
    return candidates[best].name


def opinion_options(drafting: TranslateOptions, back: TranslateOptions) -> TranslateOptions:
    """A second opinion's options: the drafting ones (glossary, edit rules, Khmer digits, so the two drafts
    differ by model only) with the back-translations' greedy decoding."""
    return replace(drafting, decoding=back.decoding)


def second_opinion(
    store: ModelStore, back_model: str, language: str, source: str, drafting: str | None, options: str
) -> SecondOpinion | None:
    """The back-translation model as a second opinion on `language`'s drafts (see the module's note), or None
    when it is the drafting model (`drafting`: the language's model or route; None when unknown) or cannot
    translate `source` into `language`. `options`: the cache key of `opinion_options`."""
    if drafting is not None and not is_route(drafting) and same_model(drafting, back_model):
        return None
    model = store.get(back_model)
    if not serves(model, source, language):
        return None
    return SecondOpinion(model.name, options)


@dataclass(frozen=True, slots=True)
class SecondOpinions:
    """How a pass makes second opinions: their options, and where each batch of them is cached."""

    options: TranslateOptions
    #: caches one batch of a plan (its index, the plan, the model, the drafts); says how many were new
    save: Callable[[int, BackPlan, str, list[Draft]], int]


@dataclass(frozen=True, slots=True)
class BackTranslator:
    """The model chosen for a language's back-translations, as the pipeline's `Drafter` (source: the drafts'
    language; the use case asks it for the project's source language)."""

    model: str
    language: str

    def drafter(
        self,
        pool: EnginePool,
        options: TranslateOptions,
        urgent: UrgentRequests | None = None,
        lock: AbstractContextManager[object] | None = None,
    ) -> EngineDrafter:
        loaded = pool.for_model(self.model)
        return EngineDrafter(loaded.engine, self.language, options, urgent, lock or loaded.lock)


def drafting_serve(
    pool: EnginePool, choice: str, source: str, language: str, options: TranslateOptions
) -> Callable[[Unit], Draft]:
    """Drafts one unit with a checked choice (a model, or a route through its hops' engines); runs in a worker."""

    def serve(unit: Unit) -> Draft:
        if is_route(choice):
            return translate_through(unit, hop_engines(parse_route(choice), pool), options)
        loaded = pool.for_model(choice)
        with decoding_lock(loaded.engine, loaded.lock):
            return translate_one(unit, loaded.engine, source, language, options)

    return serve


@dataclass(frozen=True, slots=True)
class DraftingLane:
    """A language's "this segment now" requests during a back-translation pass, and how its drafting model
    answers them."""

    requests: UrgentRequests
    serve: Callable[[Unit], Draft]

    @classmethod
    def open(cls, pool: EnginePool, choice: str, source: str, language: str, options: TranslateOptions) -> DraftingLane:
        """Requests accepted from now on (the pass's lane thread answers those asked before it starts)."""
        lane = cls(UrgentRequests(), drafting_serve(pool, choice, source, language, options))
        lane.requests._set_serving(True)  # the pipeline's serving protocol, as its own lane and RouteDrafter use it
        return lane


#: saves one batch of a plan (its index, the plan, the model, the back-translations); says which segments it noted
SavePlanBatch = Callable[[int, BackPlan, str, list[Draft]], list[int]]


def run_back_translations(
    plans: Sequence[BackPlan],
    pool: EnginePool,
    options: TranslateOptions,
    save: SavePlanBatch,
    progress: Progress | None = None,
    lanes: Sequence[DraftingLane] = (),
    opinions: SecondOpinions | None = None,
) -> list[BackResult]:
    """Every plan's back-translations, batch by batch, each batch handed to `save`; the lanes' requests are
    answered first (see the module's note) and every one accepted is answered before this returns. With
    `opinions`, a plan's second opinion drafts each batch's sources, handed to `opinions.save` first."""
    progress = progress or NullProgress()
    threads = [UrgentLane(lane.requests, lane.serve, "urgent-during-back-translation") for lane in lanes]

    def before_batch() -> None:
        for thread in threads:
            thread.wait_until_answered()

    results = []
    try:
        total = sum(plan.to_translate for plan in plans)
        offset = 0
        for index, plan in enumerate(plans):
            if progress.is_cancelled():
                raise Cancelled("cancelled")
            if not plan.units:  # the cache's only: no engine to load
                results.append(BackResult(plan, 0, 0.0, plan.from_cache))
                continue
            drafter = BackTranslator(plan.model, plan.language).drafter(pool, options)
            share = Share(progress, offset, plan.to_translate, total)
            second = _second(pool, plan, index, opinions)
            results.append(run_back_translation(plan, drafter, _saving(save, index), share, before_batch, second))
            offset += plan.to_translate
    finally:
        for thread in threads:
            thread.close()  # the requests already queued are answered first
    return results


def _saving(save: SavePlanBatch, index: int) -> Callable[[BackPlan, str, list[Draft]], list[int]]:
    return lambda plan, model, batch: save(index, plan, model, batch)


def _second(
    pool: EnginePool, plan: BackPlan, index: int, opinions: SecondOpinions | None
) -> tuple[EngineDrafter, Callable[[BackPlan, str, list[Draft]], int]] | None:
    """The plan's second-opinion drafter (from the source language, on the engine's lock) and its saving."""
    if opinions is None or plan.second is None or not plan.second.units:
        return None
    loaded = pool.for_model(plan.second.model)
    drafter = EngineDrafter(loaded.engine, plan.source, opinions.options, None, loaded.lock)
    save = opinions.save
    return drafter, lambda p, model, batch: save(index, p, model, batch)
