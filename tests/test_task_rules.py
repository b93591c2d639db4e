"""The tasks component's rules one at a time: frame kinds and what each does,
the checks on tasks.yaml, and the item, addressee and repeat rules alone."""
from __future__ import annotations

import copy

import pytest

from pipeline import extract
from pipeline.document import Document
from pipeline.tasks import FrameKind, TaskRulesError, extract_tasks
from pipeline.tasks.clauses import clause_of, verb_end
from pipeline.tasks.marks import SentenceMarks
from pipeline.tasks.dedupe import drop_repeats
from pipeline.tasks.fields import addressees
from pipeline.tasks.frames import find_hits
from pipeline.tasks.items import split_items
from pipeline.tasks.pieces import Collector, Piece
from pipeline.tasks.rules import RULE_FILE, build_rules, load_rules
from pipeline.wordlists import read_yaml

OBLIGATION = "ماده ۲ـ وزارت کشور موظف است ظرف سه ماه فهرست بازارچه‌ها را تهیه کند."
MUST = "مدیران باید گزارش را تا پایان هفته ارسال کنند."


def _data() -> dict:
    return copy.deepcopy(read_yaml("pipeline.tasks", RULE_FILE))


def _frame(data: dict, name: str) -> dict:
    return next(f for f in data["frames"] if f["name"] == name)


def _entry(data: dict, name: str) -> int:
    """The 1-based entry number of frame ``name`` in the rule file."""
    return next(i for i, f in enumerate(data["frames"], 1) if f["name"] == name)


def _tasks(text: str, rules=None) -> list[tuple[str, str, list[str]]]:
    doc = extract(text)
    if rules is not None:
        extract_tasks(doc, rules)
    return [(t.text, t.frame, t.addressees) for t in doc.tasks]


# ------------------------------------------------------------ the rule file

def test_every_frame_of_the_shipped_file_has_a_declared_kind():
    kinds = {f.name: f.kind for f in load_rules().frames}
    assert kinds["obliged"] is FrameKind.OBLIGATION and kinds["must"] is FrameKind.MUST
    assert kinds["request"] is FrameKind.REQUEST and kinds["decided"] is FrameKind.DECISION


def test_an_unknown_kind_is_refused_naming_the_file_the_frame_and_the_kinds():
    data = _data()
    _frame(data, "obliged")["kind"] = "obliged"     # a frame name is not a kind
    with pytest.raises(TaskRulesError) as err:
        build_rules(data, RULE_FILE)
    message = str(err.value)
    assert "tasks.yaml" in message and "'obliged'" in message and f"entry {_entry(data, 'obliged')}" in message
    assert "obligation" in message and "must" in message      # the kinds it could have been


def test_a_frame_without_a_kind_is_refused():
    data = _data()
    del _frame(data, "must")["kind"]
    with pytest.raises(TaskRulesError, match=rf"tasks.yaml: frame 'must' \(entry {_entry(data, 'must')}\) lacks kind"):
        build_rules(data, RULE_FILE)


def test_a_nominal_frame_must_have_the_body_group_it_is_read_by():
    data = _data()
    _frame(data, "demand")["pattern"] = "(?:خواستار|خواهان)\\s+[^.؛:]{3,400}?\\s+شد"
    with pytest.raises(TaskRulesError, match=r"frame 'demand'.*\(\?P<body>"):
        build_rules(data, RULE_FILE)


def test_a_frame_may_not_take_the_label_of_a_list_item():
    data = _data()
    _frame(data, "imperative")["name"] = "list_item"
    with pytest.raises(TaskRulesError, match="list_item"):
        build_rules(data, RULE_FILE)


def test_a_missing_word_list_is_named():
    data = _data()
    del data["contrast_words"]
    with pytest.raises(TaskRulesError, match="tasks.yaml lacks the entry 'contrast_words'"):
        build_rules(data, RULE_FILE)


# ------------------------------------------- names are labels, kinds behave

def test_renaming_frames_changes_their_label_and_nothing_else():
    data = _data()
    _frame(data, "obliged")["name"] = "bound"
    _frame(data, "must")["name"] = "should"
    renamed = build_rules(data, RULE_FILE)
    for text, label in ((OBLIGATION, "bound"), (MUST, "should")):
        shipped = _tasks(text)
        assert shipped and _tasks(text, renamed) == [(t, label, a) for t, _, a in shipped]


def test_swapping_two_frame_names_swaps_only_the_labels():
    data = _data()
    obliged, must = _frame(data, "obliged"), _frame(data, "must")
    obliged["name"], must["name"] = "must", "obliged"
    swapped = build_rules(data, RULE_FILE)
    # the obligation still names who must act; the «باید» clause still has no addressee
    assert _tasks(OBLIGATION, swapped) == [(OBLIGATION[8:-1], "must", ["وزارت کشور"])]
    assert _tasks(MUST, swapped) == [(MUST[:-1], "obliged", [])]


# ----------------------------------------------------- clause kinds alone

def _clause(text: str, kind: FrameKind) -> str | None:
    rules = load_rules()
    text = Collector(Document(text), rules).view
    hit = next(h for h in find_hits(rules.frames, text) if h.frame.kind is kind)
    clause = clause_of(SentenceMarks(rules, text), hit)
    return None if clause is None else text[clause.start:clause.end]


def test_an_obligation_takes_the_whole_provision_a_must_only_its_comma_clause():
    provision = _clause("در جلسه مقرر شد: وزارت کشور موظف است، پس از بررسی، فهرست را تهیه کند.", FrameKind.OBLIGATION)
    assert provision.strip() == "وزارت کشور موظف است، پس از بررسی، فهرست را تهیه کند."
    clause = _clause("در جلسه گفته شد که مدیران باید گزارش را بفرستند، پس از بررسی.", FrameKind.MUST)
    assert clause.strip() == "در جلسه گفته شد که مدیران باید گزارش را بفرستند"


@pytest.mark.parametrize("text", [
    "چرا باید این هزینه را بپردازیم؟",                 # a question
    "باید گفت که این طرح موفق بود.",                    # «one must say»
    "این طرح باید سال گذشته اجرا می‌شد.",               # what should have been done
    "سازمانها باید:",                                   # announces a list
    "کارکنان باید هر روز در محل کار",                   # no verb: a fragment
])
def test_a_must_clause_that_is_no_directive_gives_no_clause(text):
    assert _clause(text, FrameKind.MUST) is None


def test_a_must_clause_runs_over_a_list_comma_to_its_verb():
    clause = _clause("باید به خانواده، محل کارش و خودش گفته شود.", FrameKind.MUST)
    assert clause == "باید به خانواده، محل کارش و خودش گفته شود."


def test_imperatives_are_one_task_per_comma_clause():
    assert [t for t, _, _ in _tasks("لطفا از سفرهای غیرضروری خودداری کنید، در خانه بمانید.")] == [
        "لطفا از سفرهای غیرضروری خودداری کنید", "در خانه بمانید"]


def test_a_verb_may_end_the_clause_before_a_ke_complement():
    rules = load_rules()
    assert verb_end(rules, "مدیران باید تلاش کنند که هزینه ها کم")
    assert not verb_end(rules, "مدیران باید برای کاهش هزینه ها")


# ------------------------------------------------ items, addressees, repeats

def _collector(text: str) -> Collector:
    return Collector(Document(text), load_rules())


def test_a_ke_item_continues_the_item_before_it():
    c = _collector("گزارش را ارسال کنند؛ که هزینه‌ها در آن باشد؛ جلسه را برگزار کنند")
    items = [c.view[s.start:s.end].strip() for s in split_items(c, 0, len(c.view))]
    assert items == ["گزارش را ارسال کنند؛ که هزینهها در ان باشد", "جلسه را برگزار کنند"]


@pytest.mark.parametrize("text, want", [
    ("وزارت کشور، وزارت راه، استانداری‌ها و فرمانداری‌ها",
     ("وزارت کشور", "وزارت راه", "استانداری‌ها", "فرمانداری‌ها")),     # as written: ZWNJ kept
    ("دولت و مجلس", ("دولت", "مجلس")),                                  # two short names
    ("سازمانهای دولتی و روسای کمیته‌های مردمی استانها", ("سازمانهای دولتی و روسای کمیته‌های مردمی استانها",)),
])
def test_addressees_split_on_commas_and_the_joining_va(text, want):
    c = _collector(text)
    assert addressees(c, 0, len(c.view)) == want


def test_a_repeated_lede_is_dropped_but_items_of_one_list_are_kept():
    view = "وزارت راه جاده را تعمیر کند. وزارت راه باید جاده اصلی را تا پایان ماه تعمیر کند. جاده را تعمیر کند"
    lede = Piece(0, 28, "must", list_id=1)
    body = Piece(29, 81, "must", list_id=2)
    inside = Piece(40, 60, "must", list_id=3)            # inside the body: dropped whatever its list
    same_list = Piece(82, len(view), "list_item", list_id=2)
    kept = drop_repeats([lede, body, inside, same_list], view)
    assert kept == [body, same_list]


def test_a_headline_repeated_word_for_word_in_the_body_is_one_task_the_body_one():
    sentence = "استانداران باید طرح را تا پایان ماه اجرا کنند"
    view = sentence + "\n" + "وزیر گفت: " + sentence
    headline = Piece(0, len(sentence), "must", list_id=1)
    body = Piece(len(view) - len(sentence), len(view), "must", list_id=2)
    assert drop_repeats([headline, body], view) == [body]
    assert drop_repeats([body, headline], view) == [body]
    twice = Piece(body.start, body.end, "obliged", list_id=3)   # one span found by two frames: one stays
    assert drop_repeats([body, twice], view) == [body]


def test_a_frames_words_skip_no_sentence_it_matches():
    """A frame's words only save time: over the corpus and some sentences whose
    frame word is a form the frame names («می‌خواهد»), the frames find what
    they find when every sentence is searched."""
    from dataclasses import replace

    from corpus_cases import cases
    from pipeline.normalize import fold

    rules = load_rules()
    unskipped = tuple(replace(f, words=("",)) for f in rules.frames)  # "" is in every text
    texts = [c["text"] for c in cases("tasks.yaml")] + [
        "اتحادیه از زنان مسلمان می‌خواهد تا در برنامه‌های آموزشی مشارکت کنند.",
        "نمایندگان از وزیر می‌خواهند این موضوع را هرچه سریع‌تر پیگیری کند.",
    ]
    for text in texts:
        for line in fold(text).split("\n"):
            want = [(h.start, h.frame.name) for h in find_hits(unskipped, line)]
            assert [(h.start, h.frame.name) for h in find_hits(rules.frames, line)] == want, line


def test_a_frame_word_not_in_its_pattern_is_refused():
    data = _data()
    _frame(data, "must")["words"] = ["بایدد"]
    with pytest.raises(TaskRulesError, match="not in its pattern"):
        build_rules(data, RULE_FILE)


def test_the_inline_item_marks_skip_no_line_with_two_items():
    """The marks only save time: every line of the corpus and some lines of
    inline items have the items the pattern finds when every line is searched."""
    from corpus_cases import cases
    from pipeline.normalize import fold

    rules = load_rules()
    texts = [c["text"] for c in cases("tasks.yaml")] + [
        "وزارت کشور: (۱) فهرست را تهیه کند (۲) گزارش بفرستد.",
        "موارد زیر: ۱. تهیه فهرست، ۲. ارسال گزارش",
        "تصمیمات: الف) تهیه فهرست؛ ب) ارسال گزارش",
        "وظایف: ۱- تهیه فهرست ۲- ارسال گزارش",
    ]
    for text in texts:
        for line in fold(text).split("\n"):
            found = list(rules.subitem.finditer(line))
            want = [m.span() for m in found] if len(found) >= 2 else []
            assert [m.span() for m in rules.inline_items(line)] == want, line
    assert len(rules.inline_items(fold(texts[-1]))) == 2


def test_an_inline_item_mark_not_in_its_pattern_is_refused():
    data = _data()
    data["inline_item_marks"] = ")#"
    with pytest.raises(TaskRulesError, match="inline_item_marks"):
        build_rules(data, RULE_FILE)
