"""The data model and the stage contract."""
from __future__ import annotations

import random

import pytest

from pipeline import Document, PipelineError, build, extract
from pipeline.api import COMPONENTS, catalog, component_class
from pipeline.normalize import fold, make_view


def test_view_folds_letters_digits_and_drops_marks_with_a_map_back():
    original = "تصويب‌نامه شماره ۴۸۲۶۵/ت۶۲۶۴۸هـ مُورّخ ١٤٠٣"
    view = make_view(original)
    assert view.text == "تصویبنامه شماره 48265/ت62648ه مورخ 1403"
    for i, ch in enumerate(view.text):
        o = view.to_original(i)
        assert fold(original[o]) == ch or original[o] in "هـ"
    start = view.text.index("48265")
    s, e = view.span(start, start + len("48265/ت62648ه"))
    assert original[s:e] == "۴۸۲۶۵/ت۶۲۶۴۸ه"


def test_substitutions_give_what_one_translate_table_gives():
    # the view replaces each substituted character present, one after the
    # other: equal to a single translate only while no replacement is itself replaced
    from pipeline.normalize import _SUBST, _substitute

    assert not {ord(ch) for new in _SUBST.values() for ch in new} & _SUBST.keys()
    table = str.maketrans(_SUBST)
    alphabet = [chr(k) for k in _SUBST] + list(_SUBST.values()) + list("abc سلام ۱۲")
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        assert _substitute(text) == text.translate(table)


def test_dash_tatweel_after_a_digit_becomes_a_dash():
    assert make_view("ماده 1ـ متن").text == "ماده 1- متن"


def test_extract_never_modifies_the_text():
    text = "آقاي  دكتر\u200c\u200cعلي رضايي، وزير كشور،\r\nگفت."
    doc = extract(text)
    assert doc.text == text


def test_pipeline_refuses_a_stage_before_what_it_needs():
    with pytest.raises(PipelineError, match=r"'tasks' requires .*'sentences'.*'segment'"):
        build(["normalize", "tasks"])


def test_pipeline_names_the_stage_that_comes_too_late():
    with pytest.raises(PipelineError, match="'tokens' is provided by stage 'segment', which must come before it"):
        build(["normalize", "people", "segment"])


def test_a_bare_pipeline_names_what_no_stage_provides():
    from pipeline import Pipeline

    with pytest.raises(PipelineError, match="no stage in this pipeline provides 'tokens'"):
        Pipeline([component_class("normalize")(), component_class("people")()])


def test_unknown_stage_is_named():
    with pytest.raises(PipelineError, match="unknown stage"):
        build(["normalize", "sentiment"])


def test_a_partial_pipeline_runs_only_its_stages():
    doc = build(["normalize", "dates"])(Document("در ۱۸ دسامبر ۲۰۲۴ و سال ۱۴۰۳"))
    assert [d.value for d in doc.dates] == ["2024-12-18", "2024-03-20/2025-03-20"]
    assert doc.people == [] and "people" not in doc.provided


def test_a_stage_run_alone_checks_its_input():
    with pytest.raises(PipelineError, match="needs tokens"):
        component_class("people")().run(Document("متن"))


def test_every_stage_declares_requires_and_provides():
    assert [c.name for c in catalog()] == list(COMPONENTS)
    for stage in catalog():
        assert stage.requires and stage.provides


def test_an_unknown_setting_is_refused_with_the_known_ones():
    with pytest.raises(PipelineError, match=r"'ner' has no setting 'modle'; known: backend, model"):
        build(["normalize", "segment", "ner"], {"ner": {"modle": "x"}})


def test_settings_for_a_stage_not_in_the_pipeline_are_refused():
    with pytest.raises(PipelineError, match="not in the pipeline: 'ner'"):
        build(["normalize", "dates"], {"ner": {"model": "x"}})


def test_a_bad_order_is_refused_before_any_model_loads(tmp_path):
    # the model file does not exist: the order error must come first
    with pytest.raises(PipelineError, match="'ner' requires 'tokens'"):
        build(["normalize", "ner"], {"ner": {"model": str(tmp_path / "missing.crfsuite")}})
