"""The resolutions component's rules one at a time: the rule file's checks,
the letterhead grammar named in data, mention shapes, and the number rules."""
from __future__ import annotations

import copy

import pytest
import regex

from pipeline import extract
from pipeline.resolutions import MentionRule, ResolutionRulesError, canonical_number, extract_resolutions
from pipeline.resolutions.mentions import kind_starts, matches_at
from pipeline.resolutions.numbers import bare_number_ok, number_span
from pipeline.resolutions.rules import RULE_FILE, build_rules, load_rules
from pipeline.wordlists import LB, entry_head, entry_pattern, read_yaml

LETTERHEAD = "شماره: ۴۸۲۶۵/ت۶۲۶۴۸هـ\nتاریخ: ۱۴۰۲/۰۵/۰۳\nوزیران عضو کمیسیون اقتصاد تصویب کردند."


def _data() -> dict:
    return copy.deepcopy(read_yaml("pipeline.resolutions", RULE_FILE))


def _found(text: str, rules=None) -> list[tuple]:
    doc = extract(text)
    if rules is not None:
        extract_resolutions(doc, rules)
    return [(text[r.start:r.end], r.text, r.rule, r.kind, r.number, r.issuer, r.date) for r in doc.resolutions]


def test_a_letterhead_that_names_no_number_grammar_is_refused():
    data = _data()
    data["letterhead"]["number"] = "cabinet"
    with pytest.raises(ResolutionRulesError) as err:
        build_rules(data, RULE_FILE)
    message = str(err.value)
    assert message.startswith("resolutions.yaml: letterhead number 'cabinet'")
    assert "ir_cabinet" in message and "vn_code" in message       # what it could name


def test_a_missing_entry_is_named():
    data = _data()
    del data["date_cues"]
    with pytest.raises(ResolutionRulesError, match="resolutions.yaml lacks the entry 'date_cues'"):
        build_rules(data, RULE_FILE)


def test_a_letterhead_number_is_a_cabinet_resolution_whatever_its_grammar_is_called():
    shipped = _found(LETTERHEAD)
    assert shipped == [("۴۸۲۶۵/ت۶۲۶۴۸هـ", "۴۸۲۶۵/ت۶۲۶۴۸هـ", "header_cabinet_number", "تصویب‌نامه",
                        "۴۸۲۶۵/ت۶۲۶۴۸هـ", "", "2023-07-25")]
    data = _data()
    next(n for n in data["numbers"] if n["name"] == "ir_cabinet")["name"] = "iran_cabinet"
    data["letterhead"]["number"] = "iran_cabinet"
    assert _found(LETTERHEAD, build_rules(data, RULE_FILE)) == shipped
    # a letterhead of another grammar: the same line is then no resolution
    data["letterhead"]["number"] = "vn_code"
    assert _found(LETTERHEAD, build_rules(data, RULE_FILE)) == []


def test_a_plain_number_alone_on_a_line_is_no_letterhead():
    assert _found("شماره: ۴۸۲۶۵/۱۲\nوزیران تصویب کردند.") == []


def test_mention_rules_shape_the_span_and_the_text():
    text = "دولت قطعنامه‌های شماره 20-NQ/TW، 21-NQ/TW و 22-NQ/TW را اجرا کرد."
    got = _found(text)
    assert [g[2] for g in got] == ["kind_number", "kind_number_list", "kind_number_list"]
    assert got[0][:2] == ("قطعنامه‌های شماره 20-NQ/TW",) * 2 and got[0][5] == "دولت"
    # a listed number's text is the number alone, its span still starts at the kind word
    assert got[2][1] == "22-NQ/TW" and got[2][0].startswith("قطعنامه")
    assert not got[1][5]          # only the first mention looks for an issuer before the kind word
    assert MentionRule.HEADER_NUMBER.span_is_number and not MentionRule.KIND_NUMBER.span_is_number


def test_a_header_number_under_a_kind_word_spans_the_number_alone():
    got = _found("تصویب‌نامه هیئت وزیران\n" + LETTERHEAD)
    assert [(g[0], g[2], g[3]) for g in got] == [("۴۸۲۶۵/ت۶۲۶۴۸هـ", "header_number", "تصویب‌نامه")]


@pytest.mark.parametrize("number, canonical", [
    ("۴۸۲۶۵ / ت ۶۲۶۴۸", "48265/ت62648"),
    ("05 - NQ / TU", "05-NQ/TU"),
    ("124587\\43", "124587/43"),
])
def test_canonical_number(number, canonical):
    assert canonical_number(number) == canonical


def _read(view: str):
    """The number at the start of ``view`` as the shipped grammars read it."""
    return number_span(load_rules(), regex.match(r"(?P<number>)", view))


@pytest.mark.parametrize("kind, after, ok", [
    ("مصوبه", " مورخ ۷ حوت ۱۳۹۶", True),     # a kind whose bare number counts, before a date cue
    ("مصوبه", " وزارت کشور", True),            # ... or an issuer
    ("مصوبه", " اجرا شد", False),              # ... but not before anything else
    ("بیانیه", " مورخ ۷ حوت ۱۳۹۶", False),    # a kind whose bare number never counts
    ("قطعنامه", " را پذیرفت", True),           # a free kind's bare number counts anywhere
    ("قطعنامه", " بندی درباره سودان", False),  # ... unless it counts something
    ("مصوبه", " میلیارد ریالی مورخ", False),   # an amount is no identifier, whatever follows
])
def test_a_bare_plain_number_counts_only_for_some_kinds_in_some_contexts(kind, after, ok):
    view = "040" + after
    assert bare_number_ok(load_rules(), kind, view, _read(view)) is ok


def test_an_indefinite_free_kind_takes_no_bare_number():
    view = "15 ماده‌ای"
    assert bare_number_ok(load_rules(), "قطعنامه", "2231 را", _read("2231 را"))
    assert not bare_number_ok(load_rules(), "قطعنامه", "2231 را", _read("2231 را"), indefinite=True)
    assert not bare_number_ok(load_rules(), "قطعنامه", view, _read(view))


@pytest.mark.parametrize("view, grammar", [
    ("18-NQ/TW", "vn_code"), ("1131/QĐ-TTg", "vn_code"), ("114/CĐ-TTg", "vn_code"), ("45/2019/QH14", "vn_code"),
    ("05 - NQ / TU", "vn_code"), ("3456/BGDĐT-GDTrH", "vn_code"), ("12345/ت5678ن", "ir_cabinet"),
    ("245/د", "lettered"),
])
def test_a_bare_self_identifying_number_always_counts(view, grammar):
    number = _read(view)
    assert (number.grammar.name, view[number.span.start:number.span.end]) == (grammar, view)
    assert bare_number_ok(load_rules(), "بیانیه", view, number)


def test_a_bare_slashed_number_needs_the_context_a_plain_one_needs():
    assert not bare_number_ok(load_rules(), "لایحه", "5/10 بودجه", _read("5/10 بودجه"))
    assert bare_number_ok(load_rules(), "مصوبه", "12/450 مورخ ۱۴۰۲/۰۱/۰۱", _read("12/450 مورخ ۱۴۰۲/۰۱/۰۱"))


@pytest.mark.parametrize("words, value", [
    ("پانصد و نود و هشت", 598),
    ("دو هزار و دویست و سی و یک", 2231),
    ("هزار و هفتصد و یک", 1701),
    ("یکصد و بیست", 120),
    ("دوازده", 12),
    ("پانصد و نود و هشت و دو قطعنامه", 598),   # the longest well-formed prefix
    ("نوزده و سه", 19),                         # no unit after a teen
    ("سه دو", 3),                               # no second unit in a group
])
def test_numbers_in_words(words, value):
    number = load_rules().number_words.read(words, 0)
    assert number is not None and number.value == value


def test_words_that_are_no_number():
    assert load_rules().number_words.read("سوم", 0) is None        # an ordinal
    assert load_rules().number_words.read("دهه", 0) is None        # a word that starts like one


# ------------------------------------------------- where mentions are tried

def test_every_kind_entry_starts_with_a_kept_head():
    """The mention patterns are tried only where a kind head occurs: every kind
    entry's pattern must begin with its head as a literal (nothing optional
    after it), and that head must begin with one the rules keep."""
    data, rules = _data(), load_rules()
    for entry in [*data["kinds"], *data["code_only_kinds"]]:
        head, pattern = entry_head(entry), entry_pattern(entry)
        assert head and pattern.startswith(regex.escape(head)), entry
        assert pattern[len(regex.escape(head)):][:1] not in ("?", "*", "+", "{"), entry
        assert any(head.startswith(kept) for kept in rules.kind_heads), entry
    for pattern in (rules.mention, rules.words_mention):
        assert pattern.pattern.startswith(LB + "(?P<kind>"), "a mention starts with its kind word"


def _hostile_and_example_views() -> list[str]:
    texts = [case["text"] for case in read_yaml("pipeline.resolutions", "examples.yaml")]
    texts += ["قطعنامه" * 50, "نامه‌ نامه شماره ۱۲ و ۱۳ و " * 20, "بخشنامه‌های شماره ۱۲۳۴/ت۵۶۷۸هـ، ۲۲ و ۳۳ ",
              "طرح طرح۱۲ قطعنامه پانصد و نود و هشت قطعنامه‌ای ۱۵ ماده‌ای"]
    return [extract(t).view.text for t in texts]


@pytest.mark.parametrize("which", ["mention", "words_mention"])
def test_mentions_tried_at_kind_heads_are_the_full_search(which):
    rules = load_rules()
    pattern = getattr(rules, which)
    for view in _hostile_and_example_views():
        fast = [m.span() for m in matches_at(pattern, view, kind_starts(view, rules))]
        assert fast == [m.span() for m in pattern.finditer(view)], view[:80]
