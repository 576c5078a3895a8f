"""Edit rules inside a real pre-translation (tiny NLLB): a source rule changes what the model is given, a target
rule's rewriting is what the cell keeps (no later step undoes it), both are recorded on the draft, and the
cache answers only while the rules are unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbench.core.importing.file_import import import_files
from workbench.core.ops.edit_rule_store import NewRule, add_rule, update_rule
from workbench.core.ops.edit_rules import RuleSet
from workbench.core.ops.pretranslation import PretranslationResult, plan_pretranslation, run_pretranslation, save_batch
from workbench.core.records import Origin, Status
from workbench.core.store.draft_notes import notes_for
from workbench.core.store.project_store import Project
from workbench.mt.engine import DecodingOptions, Hypothesis
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import EngineDrafter, TranslateOptions

FAST = TranslateOptions(decoding=DecodingOptions(beam_size=1, max_output_tokens=12), max_batch_segments=4)
SOURCES = ["UBND tỉnh An Giang họp sáng nay.", "Chợ nổi Long Xuyên họp từ sáng sớm."]


class SeeingEngine:
    """The real CTranslate2 engine, keeping every text it was given."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.engine = engine
        self.model_name = engine.model_name
        self.family = engine.family
        self.max_input_tokens = engine.max_input_tokens
        self.seen: list[str] = []

    def count_tokens(self, text: str) -> int:
        return int(self.engine.count_tokens(text))

    def translate_batch(self, texts, source, target, options) -> list[Hypothesis]:  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return list(self.engine.translate_batch(texts, source, target, options))


@pytest.fixture
def engine(tiny) -> SeeingEngine:  # type: ignore[no-untyped-def]
    return SeeingEngine(load_engine(tiny.nllb_ct2_int8, "tiny-nllb"))


@pytest.fixture
def article(project: Project, tmp_path: Path) -> Project:
    source = tmp_path / "bai.txt"
    source.write_text("\n\n".join(SOURCES), encoding="utf-8")
    import_files(project, [source])
    return project


def pretranslate(project: Project, engine: SeeingEngine) -> PretranslationResult:
    """As the window and the CLI do it: the options carry the project's rules, read when the job starts."""
    options = replace(FAST, rules=RuleSet.from_project(project))
    plan = plan_pretranslation(project, "en", engine.model_name, options.cache_key())
    drafter = EngineDrafter(engine, project.info.source_language, options)  # type: ignore[arg-type]
    return run_pretranslation(plan, drafter, lambda p, model, batch: save_batch(project, p, model, batch))


def english(project: Project) -> dict[str, str]:
    return {s.source: s.translations["en"].text for s in project.segments()}


def clear_drafts(project: Project) -> None:
    for segment in project.segments():
        if segment.translations["en"].status is Status.DRAFT:
            project.save_translation(segment.id, "en", "", Status.UNTRANSLATED, Origin.NONE, "test")


def test_a_source_rule_changes_what_the_model_is_given_and_is_recorded(article: Project, engine: SeeingEngine) -> None:
    rule = add_rule(article, NewRule("source", "", r"\bUBND\b", "Ủy ban nhân dân"))
    pretranslate(article, engine)
    assert "Ủy ban nhân dân tỉnh An Giang họp sáng nay." in engine.seen
    assert not any("UBND" in text for text in engine.seen)
    notes = notes_for(article, "en")
    by_source = {s.source: notes[s.id] for s in article.segments() if s.id in notes}
    assert by_source[SOURCES[0]].meta["rules"] == [rule.describe()]
    assert "rules" not in by_source[SOURCES[1]].meta  # the rule did not change that one


def test_a_target_rules_rewriting_is_what_the_cell_keeps(article: Project, engine: SeeingEngine) -> None:
    """Whatever the random model says, the rule's mark is in the stored draft: nothing after it undoes it."""
    rule = add_rule(article, NewRule("target", "en", r"\A", "[AG] "))
    add_rule(article, NewRule("target", "km", r"\A", "[KM] "))  # another language's rule stays out
    pretranslate(article, engine)
    drafts = english(article)
    assert all(drafts[source].startswith("[AG] ") for source in SOURCES), drafts
    assert not any("[KM]" in text for text in drafts.values())
    notes = notes_for(article, "en")
    assert {tuple(note.meta["rules"]) for note in notes.values()} == {(rule.describe(),)}
    assert all(note.draft.startswith("[AG] ") for note in notes.values())


def test_unchanged_rules_hit_the_cache_and_a_changed_rule_re_drafts(article: Project, engine: SeeingEngine) -> None:
    rule = add_rule(article, NewRule("target", "en", r"\A", "[AG] "))
    pretranslate(article, engine)
    calls = len(engine.seen)
    clear_drafts(article)
    cached = pretranslate(article, engine)
    assert len(cached.plan.from_cache) == 2 and len(engine.seen) == calls  # the same rules: no model call
    assert all(text.startswith("[AG] ") for text in english(article).values())
    update_rule(article, rule.id, NewRule("target", "en", r"\A", "[An Giang] "))
    clear_drafts(article)
    redone = pretranslate(article, engine)
    assert len(redone.plan.from_cache) == 0
    assert len(engine.seen) == calls + 2  # both segments went to the model again
    assert all(text.startswith("[An Giang] ") for text in english(article).values())
