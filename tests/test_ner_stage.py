"""The ner stage and its merge into people: a name no rule cue finds comes
from the model; a model span that a word list rules out does not."""
from __future__ import annotations

import pytest

from pipeline.api import build, config, extract
from pipeline.cli import main
from pipeline.component import Pipeline, PipelineError
from pipeline.ner import EntityTagger
from pipeline.ner.crf_tagger import CrfTagger
from pipeline.ner.stanza_tagger import StanzaTagger
from pipeline.ner.tagger import Tagger
from pipeline.ner.training import crf_train
from pipeline.preprocess import Normalizer, Segmenter


def _sentences():
    out = []
    for first, last in (("برناردو", "سیلوا"), ("ژوزه", "مورینیو"), ("کریستیانو", "رونالدو"), ("لیونل", "مسی")):
        for city, verb in (("تهران", "رفت"), ("لیسبون", "آمد"), ("مادرید", "رسید")):
            out.append([(first, "B-PER"), (last, "I-PER"), ("به", "O"), (city, "B-LOC"), (verb, "O"), (".", "O")])
            out.append([("آقای", "O"), (first, "B-PER"), (last, "I-PER"), ("به", "O"), (city, "B-LOC"), (verb, "O")])
    # a deliberately wrong label: the merge must still refuse a plural noun as a name
    for city in ("تهران", "لیسبون"):
        out.append([("معترضان", "B-PER"), ("گوآتملایی", "I-PER"), ("به", "O"), (city, "B-LOC"), ("رفتند", "O"), (".", "O")])
    return out


def _train(path, sentences):
    crf_train.train(sentences, path, {}, {}, crf_train.TrainConfig(max_iterations=60, min_freq=1))
    return path


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    return _train(tmp_path_factory.mktemp("ner") / "tiny.crfsuite", _sentences())


@pytest.fixture(scope="module")
def nlp(tiny_model):
    """The default pipeline with the ner stage and the tiny model."""
    return build(config(ner=True, ner_model=str(tiny_model)))


def test_two_pipelines_with_different_models_in_one_process(tiny_model, tmp_path):
    """Each pipeline owns its model: a second one, built with a model that
    never saw a name, does not change what the first finds, in either order."""
    blind = _train(tmp_path / "blind.crfsuite", [[(w, "O") for w, _ in s] for s in _sentences()])
    with_names = build(config(ner=True, ner_model=str(tiny_model)))
    without = build(config(ner=True, ner_model=str(blind)))
    text = "برناردو سیلوا به مادرید رسید."
    for _ in range(2):
        assert [p.name for p in extract(text, pipeline=with_names).people] == ["برناردو سیلوا"]
        assert extract(text, pipeline=without).people == []
    assert with_names.get("ner").tagger is not without.get("ner").tagger


class _Fixed:
    """A tagger whose scored tags are given per sentence: the stage alone."""

    def __init__(self, table):
        self.table = table
        self.calls = []

    def tag_many_scored(self, sentences, consistent=True):
        self.calls.append(sentences)
        return [self.table[" ".join(tokens)] for tokens in sentences]

    def tag_docs_scored(self, docs, consistent=True):
        return [self.tag_many_scored(d, consistent) for d in docs]

    def tag_many(self, sentences, consistent=True):
        return [[t for t, _ in s] for s in self.tag_many_scored(sentences, consistent)]

    def tag(self, tokens):
        return self.tag_many([tokens], consistent=False)[0]


def test_the_stage_turns_each_sentences_tags_into_entities_of_the_original_text():
    text = "آقای  علی رضایی به تهران رفت. دیروز او آمد."
    tagger = _Fixed({"آقای علی رضایی به تهران رفت .": [("O", 0.9), ("B-PER", 0.97), ("I-PER", 0.912345),
                                                        ("O", 0.9), ("B-LOC", 0.8), ("O", 0.9), ("O", 0.9)],
                     "دیروز او آمد .": [("B-DAT", 0.6), ("O", 0.9), ("O", 0.9), ("O", 0.9)]})
    assert isinstance(tagger, Tagger)
    stage = EntityTagger(tagger=tagger)
    doc = extract(text, pipeline=Pipeline([Normalizer(), Segmenter(), stage]))
    assert len(tagger.calls) == 1 and len(tagger.calls[0]) == 2        # one call per document
    assert [(e.text, e.kind, e.score) for e in doc.entities] == [("علی رضایی", "PER", 0.9123),  # the lowest, rounded
                                                                  ("تهران", "LOC", 0.8), ("دیروز", "DAT", 0.6)]
    assert all(text[e.start:e.end] == e.text for e in doc.entities)


def test_documents_tagged_together_get_what_each_gets_alone(nlp):
    """A batch hands the ner stage a chunk at once (``pipe``): the CRF decodes
    the documents' sentences together, each document's entities its own."""
    texts = ["برناردو سیلوا به مادرید رسید. ژوزه مورینیو به لیسبون آمد.", "کریستیانو رونالدو به تهران رفت.",
             "لیونل مسی به مادرید رسید و برناردو سیلوا به تهران رفت. مسی گفت."]
    alone = [[(e.start, e.end, e.kind, e.score) for e in extract(t, pipeline=nlp).entities] for t in texts]
    stage = nlp.get("ner")
    docs = [extract(t, pipeline=Pipeline([Normalizer(), Segmenter()])) for t in texts]
    stage.run_many(docs)
    assert [[(e.start, e.end, e.kind, e.score) for e in d.entities] for d in docs] == alone
    assert all("entities" in d.provided for d in docs) and any(alone)


def test_a_document_that_spoils_a_joint_call_fails_alone(nlp, monkeypatch):
    """In a batch chunk, a failure of the joint ner call is retried one
    document at a time: only the document that fails is an errors row."""
    from pipeline.batch import process_chunk
    from pipeline.inputs import RawDocument

    stage = nlp.get("ner")
    tag_docs = stage.tagger.tag_docs_scored

    def picky(sentences, consistent=True):
        if any("مسی" in s for s in sentences):
            raise ValueError("cannot tag this one")
        return tag_docs([sentences], consistent)[0]

    def joint(docs, consistent=True):
        return [picky(d, consistent) for d in docs]

    monkeypatch.setattr(stage.tagger, "tag_many_scored", picky)
    monkeypatch.setattr(stage.tagger, "tag_docs_scored", joint)
    raws = [RawDocument("a", "a", "برناردو سیلوا به مادرید رسید.", sha1="1"),
            RawDocument("b", "b", "لیونل مسی به مادرید رسید.", sha1="2"),
            RawDocument("c", "c", "ژوزه مورینیو به لیسبون آمد.", sha1="3")]
    tables, done = process_chunk(raws, config=nlp.config)
    assert [d[0] for d in done] == ["a", "b", "c"]
    assert [r["doc_id"] for r in tables["documents"]] == ["a", "c"]
    assert [(r["doc_id"], r["error"]) for r in tables["errors"]] == [("b", "ValueError: cannot tag this one")]
    assert {r["name"] for r in tables["people"]} == {"برناردو سیلوا", "ژوزه مورینیو"}


def test_both_backends_are_taggers(tiny_model):
    assert isinstance(CrfTagger(tiny_model), Tagger)
    assert issubclass(StanzaTagger, Tagger)     # its model needs the [stanza] extra; its methods do not


def test_model_finds_a_name_without_rule_cues(nlp):
    text = "برناردو سیلوا به مادرید رسید."
    assert extract(text, ner=False).people == []
    doc = extract(text, pipeline=nlp)
    assert [p.name for p in doc.people] == ["برناردو سیلوا"]
    assert any(e.kind == "PER" and e.text == "برناردو سیلوا" and 0 < e.score <= 1 for e in doc.entities)
    m = doc.people[0].mentions[0]
    assert text[m.start:m.end] == "برناردو سیلوا"


def test_plural_noun_span_is_not_a_person(nlp):
    doc = extract("معترضان گوآتملایی به تهران رفتند.", pipeline=nlp)
    assert any(e.kind == "PER" for e in doc.entities)  # the model says PER ...
    assert doc.people == []                             # ... the merge says no


@pytest.mark.parametrize("text, person", [
    ("برناردو سیلوا به مادرید رسید.", True),
    ("میدان برناردو سیلوا در مادرید است.", False),            # a place word right before
    ("مسجد جامع برناردو سیلوا در مادرید است.", False),       # one word between
    ("خیابان شهید برناردو سیلوا به مادرید می‌رسد.", False),   # across «شهید»
])
def test_model_span_inside_a_place_name_is_not_a_person(nlp, text, person):
    doc = extract(text, pipeline=nlp)
    assert any(e.kind == "PER" and e.text == "برناردو سیلوا" for e in doc.entities)  # the model says PER
    assert [p.name for p in doc.people] == (["برناردو سیلوا"] if person else [])


def test_rule_names_win_over_model_spans(nlp):
    doc = extract("آقای برناردو سیلوا به تهران رفت.", pipeline=nlp)
    assert [(p.name, p.honorifics) for p in doc.people] == [("برناردو سیلوا", ["آقای"])]


def test_ner_stage_needs_tokens():
    with pytest.raises(PipelineError, match=r"'ner' requires 'tokens'.*'segment'"):
        build(["normalize", "ner", "people"])


def _stdin(monkeypatch, text):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))


def test_cli_extract_with_ner(tiny_model, capsys, monkeypatch):
    import json

    _stdin(monkeypatch, "ژوزه مورینیو به لیسبون آمد.")
    assert main(["extract", "--ner", "--ner-model", str(tiny_model), "--format", "json", "-"]) == 0
    assert [p["name"] for p in json.loads(capsys.readouterr().out)["people"]] == ["ژوزه مورینیو"]


def test_cli_ner_with_missing_model_is_a_clear_error(tmp_path, capsys, monkeypatch):
    _stdin(monkeypatch, "علی رضایی آمد.")
    assert main(["extract", "--ner", "--ner-model", str(tmp_path / "none.crfsuite"), "-"]) == 1
    err = capsys.readouterr().err
    assert "none.crfsuite" in err and "python -m pipeline train ner" in err
