"""Fixed glossary terms and what the source already holds: a term inside a protected code is left to the code, a
code that reads like a placeholder is never taken for one, and hypotheses are asked for only where the target
language has a term to choose for."""

from __future__ import annotations

import pytest

from tests.mt.test_term_enforcement import SeeingEngine
from workbench.core.language.protected_spans import find_protected_spans
from workbench.core.memory.glossary import Term
from workbench.core.ops.pretranslation import Unit
from workbench.mt.engine import DecodingOptions
from workbench.mt.loader import load_engine
from workbench.mt.pipeline import TranslateOptions, translate_one
from workbench.mt.term_enforcement import TermPlan

COMMITTEE = Term("UBND", {"en": "People's Committee"}, fixed=True)
MOUNTAIN = Term("Núi Cấm", {"en": "Cam Mountain", "km": "ភ្នំគ្រាំង"}, fixed=True)
LETTER = "Theo Công văn số 123/UBND-KT của UBND tỉnh."


def _plan(*glossary: Term) -> TermPlan:
    plan = TermPlan.of(list(glossary))
    assert plan is not None
    return plan


def test_a_fixed_term_inside_a_protected_code_is_left_to_the_code() -> None:
    plan = _plan(COMMITTEE)
    protected = plan.protect(LETTER, "en", tuple(find_protected_spans(LETTER)))
    assert protected.text == "Theo Công văn số 123/UBND-KT của XT1 tỉnh."
    assert protected.placeholders == (("XT1", "People's Committee"),)
    text, flags = plan.restore(protected, "Under Letter 123/UBND-KT of the provincial XT1.")
    assert text == "Under Letter 123/UBND-KT of the provincial People's Committee." and flags == ()


def test_the_code_is_found_where_a_source_rule_moved_it() -> None:
    """`protect` sees the text after the source rules: the span's offsets no longer fit, its text is looked for."""
    spans = tuple(find_protected_spans(LETTER))
    ruled = LETTER.replace("Theo Công văn số", "Căn cứ văn bản")
    protected = _plan(COMMITTEE).protect(ruled, "en", spans)
    assert protected.text == "Căn cứ văn bản 123/UBND-KT của XT1 tỉnh."


def test_a_fixed_term_that_holds_a_whole_protected_number_is_still_a_term() -> None:
    """Only a term cutting into a span breaks it; "Quận 1" holds the number 1 whole and stays enforced."""
    source = "Chợ Quận 1 đông."
    spans = tuple(find_protected_spans(source))
    assert [s.text for s in spans] == ["1"]
    protected = _plan(Term("Quận 1", {"en": "District 1"}, fixed=True)).protect(source, "en", spans)
    assert protected.text == "Chợ XT1 đông."


def test_a_pipeline_pass_gives_the_model_the_code_whole(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = SeeingEngine(load_engine(tiny.marian_ct2, "tiny"))
    options = TranslateOptions(decoding=DecodingOptions(beam_size=1, max_output_tokens=24), terms=_plan(COMMITTEE))
    draft = translate_one(Unit(LETTER, (1,), tuple(find_protected_spans(LETTER))), engine, "vi", "en", options)  # type: ignore[arg-type]
    assert [texts for texts, _options in engine.calls] == [["Theo Công văn số 123/UBND-KT của XT1 tỉnh."]]
    assert "123/People's Committee" not in draft.text
    assert "123/UBND-KT" in draft.text or "missing code: 123/UBND-KT" in draft.flags


@pytest.mark.parametrize("code", ["XT-1", "XT 1", "xt1", "X.T.1", "XT១"])
def test_a_source_code_shaped_like_a_placeholder_is_never_taken_for_one(code: str) -> None:
    plan = _plan(MOUNTAIN)
    protected = plan.protect(f"Xe mẫu {code} lên Núi Cấm.", "en")
    assert protected.placeholders == (("XT2", "Cam Mountain"),)
    text, flags = plan.restore(protected, f"The {code} model car climbs XT2.")
    assert text == f"The {code} model car climbs Cam Mountain." and flags == ()
    # the placeholder dropped: the source's own code is not mistaken for it
    text, flags = plan.restore(protected, f"The {code} model car climbs.")
    assert text == f"The {code} model car climbs."
    assert flags == ("fixed glossary term lost in MT: Núi Cấm → Cam Mountain",)


def test_a_bare_xt_in_the_source_is_not_taken_for_a_placeholder_that_lost_its_number() -> None:
    plan = _plan(MOUNTAIN)
    protected = plan.protect("Xe XT lên Núi Cấm.", "en")
    text, flags = plan.restore(protected, "The XT car climbs.")
    assert text == "The XT car climbs."
    assert flags == ("fixed glossary term lost in MT: Núi Cấm → Cam Mountain",)


def test_hypotheses_are_wanted_only_for_a_term_of_the_target_language() -> None:
    source = "Lễ hội đua ghe Ngo."
    khmer_only = _plan(Term("ghe Ngo", {"km": "ទូកង"}))
    assert khmer_only.wants_hypotheses(source, "km") and not khmer_only.wants_hypotheses(source, "en")
    forbidden_only = _plan(Term("ghe Ngo", {}, {"en": ("Ngo canoe",)}))
    assert forbidden_only.wants_hypotheses(source, "en") and not forbidden_only.wants_hypotheses(source, "km")
    assert not _plan(MOUNTAIN).wants_hypotheses("Núi Cấm đẹp.", "en")  # a fixed term goes by placeholder


def test_an_english_segment_with_only_a_khmer_term_is_decoded_once(tiny) -> None:  # type: ignore[no-untyped-def]
    engine = SeeingEngine(load_engine(tiny.marian_ct2, "tiny"))
    plan = _plan(Term("ghe Ngo", {"km": "ទូកង"}))
    options = TranslateOptions(decoding=DecodingOptions(beam_size=4, max_output_tokens=12), terms=plan)
    translate_one(Unit("Lễ hội đua ghe Ngo.", (1,), ()), engine, "vi", "en", options)  # type: ignore[arg-type]
    assert [o.num_hypotheses for _texts, o in engine.calls] == [1]
