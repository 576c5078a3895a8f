"""Which installed model back-translates a language's drafts into the source language, and with what options.

A back-translation is a check for the editor who reads the target language less well than Vietnamese, and
a signal for the quality estimate (the round trip's similarity to the source); it is never published, so a
model's licence does not rank it. The choice, one for the CLI and the window: the model named explicitly
(refused if it cannot translate that direction); else the language's drafting model if it can translate back
(NLLB, M2M100, MADLAD are many-to-many: no second model to load); else the best installed model that serves
the direction by the catalogue's published score (of the direction itself, or else of the model's
Vietnamese->language direction; the catalogue publishes no figures into Vietnamese yet), then by size.

Back-translations decode greedily (`BACK_BEAM`): measured on the random-weight opus-mt and NLLB-600M
architectures (`bench trust`), beam 4 costs about twice the time of greedy decoding for a signal that
differs little, and the pass runs after the drafts, while the translator may be waiting for a segment.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

from workbench.core.errors import WorkbenchError
from workbench.core.settings import Settings
from workbench.mt.catalogue import Catalogue
from workbench.mt.engine import DecodingOptions, check_direction
from workbench.mt.engine_pool import EnginePool
from workbench.mt.families import families
from workbench.mt.families import family as model_family
from workbench.mt.model_choice import default_choice, settings_hop_model
from workbench.mt.model_store import InstalledModel, ModelStore
from workbench.mt.pipeline import EngineDrafter, TranslateOptions, UrgentRequests
from workbench.mt.routes import serves

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


def _base(name: str) -> str:
    return name.split("-ct2-")[0]


def _runnable_by_base(installed: list[InstalledModel]) -> dict[str, InstalledModel]:
    """One model per original (its CTranslate2 copy when there is one), by the original's name."""
    chosen: dict[str, InstalledModel] = {}
    for model in installed:
        base = _base(model.name)
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
    if drafting and _base(drafting) in candidates:
        return candidates[_base(drafting)].name
    best = max(candidates, key=lambda base: _rank(store.catalogue, base, language, source))
    return candidates[best].name


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
