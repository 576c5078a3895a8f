"""The settings a pre-translation decodes with: word scores for the quality estimate only when chosen (they
cost a second pass of the model), and a project's rules and glossary in the cache key."""

from __future__ import annotations

from workbench.core.settings import Settings
from workbench.mt.pipeline import translate_options


def test_word_scores_are_asked_of_the_engine_only_when_the_settings_say_so() -> None:
    assert not translate_options(Settings()).decoding.token_scores
    assert translate_options(Settings(word_scores=True)).decoding.token_scores
    # the draft's text does not depend on them: a cached draft serves either way
    assert translate_options(Settings()).cache_key() == translate_options(Settings(word_scores=True)).cache_key()
