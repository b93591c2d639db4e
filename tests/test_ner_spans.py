"""IOB2 tags to token spans and back (pipeline/ner/spans.py), which the ner
stage, the consistency pass, the completion of the corpora and the scores
all read tags through."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.ner.spans import TokenSpan, span_tags, spans, to_tags

KINDS = ("PER", "LOC", "ORG", "DAT")


def test_spans_of_tags():
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC", "O", "B-ORG"]
    assert spans(tags) == {TokenSpan(0, 2, "PER"), TokenSpan(3, 4, "LOC"), TokenSpan(4, 6, "LOC"),
                           TokenSpan(7, 8, "ORG")}
    assert spans([]) == set() and spans(["O", "O"]) == set()


def test_a_stray_inside_tag_opens_a_span_as_conlleval_reads_it():
    assert spans(["O", "I-PER", "I-PER"]) == {(1, 3, "PER")}
    assert spans(["B-PER", "I-LOC", "I-LOC"]) == {(0, 1, "PER"), (1, 3, "LOC")}    # another kind's I- too


def test_span_tags_and_back():
    assert span_tags("DAT", 3) == ["B-DAT", "I-DAT", "I-DAT"]
    assert to_tags([TokenSpan(1, 3, "PER"), TokenSpan(3, 4, "PER")], 5) == ["O", "B-PER", "I-PER", "B-PER", "O"]
    span = TokenSpan(2, 4, "ORG")
    assert (span.start, span.end, span.kind) == span == (2, 4, "ORG")   # a tuple: sorts and compares as one


@st.composite
def _sentence_spans(draw) -> tuple[int, set[TokenSpan]]:
    """A sentence length and non-overlapping spans in it."""
    length = draw(st.integers(0, 12))
    cuts = sorted(draw(st.sets(st.integers(0, length), max_size=8)))
    found = set()
    for a, b in zip(cuts, cuts[1:]):
        if draw(st.booleans()):
            found.add(TokenSpan(a, b, draw(st.sampled_from(KINDS))))
    return length, found


@given(_sentence_spans())
def test_spans_to_tags_and_back_is_the_identity(case):
    length, found = case
    tags = to_tags(found, length)
    assert len(tags) == length
    assert spans(tags) == found


@given(st.lists(st.sampled_from(["O", *(f"{p}-{k}" for p in "BI" for k in KINDS)]), max_size=12))
def test_any_tags_read_the_same_after_a_round_trip(tags):
    # malformed runs (a stray I-) are written back as well-formed ones with the same spans
    assert spans(to_tags(spans(tags), len(tags))) == spans(tags)
