"""Clause frames (obligation, responsibility, imperative, «باید»): the task is
the clause that holds the frame. How far that clause reaches, and whether it
must read as a directive, is the frame kind's behaviour (:mod:`.frames`)."""
from __future__ import annotations

from bisect import bisect_right

import regex

from .fields import requester_before
from .frames import Body, Hit, Scope
from .marks import SentenceMarks
from .pieces import Collector, Piece, ViewSpan
from .rules import TaskRules

# a «باید» clause runs on over at most this many more commas to reach its verb
_MORE_COMMAS = 2
# the longest speaker's verb («خاطرنشان ساخت») with some spaces
_SPEECH_TAIL = 24
# an obliged subject longer than this is not a name of who must act
_SUBJECT_WORDS = 12
# what «باید» must have after it in its clause: not only spaces and a «:»
_SOMETHING = regex.compile(r"[^ :]")


def clause_tasks(c: Collector, sent: ViewSpan, hits: list[Hit], block: Piece | None,
                 skip_before: int | None = None) -> Piece | None:
    """A task per distinct clause that a clause frame in ``hits`` holds;
    clauses that start before ``skip_before`` (a view offset) are left out.
    Returns ``block``: a clause frame opens no block, but continues one."""
    marks = SentenceMarks(c.rules, c.view[sent.start:sent.end])
    others = [h.start for h in hits if h.frame.behaviour.body is not Body.CLAUSE]
    done: set[int] = set()
    for hit in hits:
        if hit.frame.behaviour.body is not Body.CLAUSE:
            continue
        # where the first frame after this one that is no clause frame starts
        after = bisect_right(others, hit.start)
        clause = clause_of(marks, hit, others[after] if after < len(others) else None)
        if clause is None:
            continue
        if skip_before is not None and sent.start + clause.start < skip_before:
            continue
        if clause.start in done:
            continue
        done.add(clause.start)
        _add_clause(c, sent, len(marks.text), clause, hit, block)
    return block


def clause_of(marks: SentenceMarks, hit: Hit, limit: int | None = None) -> ViewSpan | None:
    """The clause of the sentence (offsets into it) that ``hit``'s frame makes
    a task, or None when it is no directive. ``limit``: where the next frame
    that is no clause frame starts (an adverbial lead's clause ends before it)."""
    behaviour, bounds, text = hit.frame.behaviour, marks.bounds, marks.text
    if behaviour.scope is Scope.COMMAS:
        k = marks.clause_at(hit.start)
        if behaviour.must_be_directive:
            return _directive_clause(marks, k, hit, limit)
        return _until(marks, reported(marks, ViewSpan(bounds[k], bounds[k + 1] - 1), hit, limit), limit)
    # a provision: the obliged body and the whole provision after the last «:» or «؛»
    k = marks.provision_at(hit.start)
    if marks.question_from(bounds[k]):
        return None  # «آیا ... حق ندارد ...؟» asks, it does not oblige
    return _until(marks, reported(marks, ViewSpan(bounds[k], len(text)), hit, limit), limit)


def _until(marks: SentenceMarks, span: ViewSpan, limit: int | None) -> ViewSpan:
    """``span`` up to the next frame that is no clause frame («باغداران موظف
    هستند ... خودداری کرده و | از کشاورزان درخواست داریم تا ...»), without the
    «و» that joins the two."""
    if limit is None or not span.start < limit < span.end:
        return span
    return ViewSpan(span.start, marks.rules.without_joining_tail(marks.text, span.start, limit))


def reported(marks: SentenceMarks, span: ViewSpan, hit: Hit, limit: int | None = None) -> ViewSpan:
    """``span`` without the speaker's frame around a reported clause: after
    «X گفت که» it starts after «که»; after «X با بیان اینکه» it starts after
    «اینکه» and ends before the speaker's verb («، اظهار داشت», «... افزود»)
    or the next frame («... خواستار ... شد»)."""
    lead = marks.leads.last_within(span.start, hit.start)
    if lead is None:
        return span
    if not lead.group("adverbial"):
        return ViewSpan(lead.end(), span.end)
    end = min(span.end, limit) if limit is not None and limit > hit.start else span.end
    verb = marks.speech.first_within(hit.match.end(), end)
    return ViewSpan(lead.end(), verb.start() if verb else end)


def _directive_clause(marks: SentenceMarks, k: int, hit: Hit, limit: int | None = None) -> ViewSpan | None:
    """The comma clause ``k`` of a «باید» frame, when it is a directive: no
    question or «باید گفت», something after the frame, and a verb at its end
    (the clause runs on over a comma inside a list to reach it), not a past
    judgement («باید ... می‌شد»). Reported speech is trimmed first. What
    depends on the clause alone is worked out once per clause (``marks.memo``):
    a clause of many «باید» is not read again for each."""
    text, bounds = marks.text, marks.bounds
    start = bounds[k]
    span = reported(marks, ViewSpan(start, bounds[k + 1] - 1), hit, limit)
    joint = marks.joints.last_within(span.start, hit.start)
    cs, ce = joint.end() if joint else span.start, span.end  # «... نیست و باید ...»: the statement before is no part of it
    if marks.cached(("refused", cs, ce, hit.frame.name), lambda: _refused(marks, cs, ce, hit)):
        return None
    if not _SOMETHING.search(text, hit.match.end(), ce):  # «سازمانها باید:» introduces a list
        return None
    # a comma inside a list («به خانواده، محل کارش و خودش گفته شود»):
    # the clause runs on to its verb, over at most two more commas
    for _ in range(_MORE_COMMAS + 1):
        if _verb_end(marks, cs, ce) or k + 2 >= len(bounds) or text[ce:ce + 1] != "،":
            break
        k += 1
        ce = reported(marks, ViewSpan(start, bounds[k + 1] - 1), hit, limit).end
    return marks.cached(("directive", cs, ce), lambda: _directive_end(marks, cs, ce))


def _refused(marks: SentenceMarks, cs: int, ce: int, hit: Hit) -> bool:
    """A question, «باید گفت», or a clause of reasons only."""
    rules, text = marks.rules, marks.text
    clause = text[cs:ce]
    return bool(rules.must_exclusions.search(clause) or "؟" in clause or rules.must_question.search(clause)
                or _reasons_only(rules, text, cs, ce, hit))


def _directive_end(marks: SentenceMarks, cs: int, ce: int) -> ViewSpan | None:
    """The clause [cs, ce) without a speaker's verb at its end, when it ends
    in a verb and judges nothing past."""
    rules, text = marks.rules, marks.text
    said = rules.speech_verb.search(text, max(cs, ce - _SPEECH_TAIL), ce)
    if said and not text[said.end():ce].strip():
        # «... ضروری است اظهار کرد», «... توجه داشته باشند و خاطرنشان کرد»: the speaker's verb ends no directive
        ce = rules.without_joining_tail(text, cs, said.start())
    if rules.must_past.search(text, cs, ce) or not verb_end(rules, text[cs:ce], purpose=True):
        return None  # a fragment, or what should have been done
    return ViewSpan(cs, ce)


def _verb_end(marks: SentenceMarks, cs: int, ce: int) -> bool:
    return marks.cached(("verb", cs, ce), lambda: verb_end(marks.rules, marks.text[cs:ce]))


def _reasons_only(rules: TaskRules, text: str, cs: int, ce: int, hit: Hit) -> bool:
    """Is every «باید» of the clause one of knowing or saying («باید بدانند که»)?"""
    modals = hit.frame.pattern.finditer(text, cs, ce)
    return all(rules.must_cognition.match(text, m.start(), ce) for m in modals)


def verb_end(rules: TaskRules, clause: str, purpose: bool = False) -> bool:
    """Does the clause end in a verb, or reach one before a «که ...» complement
    (or, with ``purpose``, before a «تا ...» purpose clause)?"""
    clause = clause.strip().rstrip(".!؛:»\"")
    joints = [rules.complement, rules.purpose] if purpose else [rules.complement]
    ends = [len(clause)] + [m.start() for joint in joints for m in joint.finditer(clause)]
    return any(rules.ends_in_verb(clause, must=True, end=e) for e in ends)


def _add_clause(c: Collector, sent: ViewSpan, length: int, clause: ViewSpan, hit: Hit,
                block: Piece | None) -> None:
    """The clause as a task of ``block``'s list (or of a list of its own)."""
    addr: tuple[str, ...] = ()
    if hit.frame.behaviour.subject_is_addressee:
        addr = _subject(c, sent, clause, hit)
    requester = block.requester if block else _speaker(c, sent, clause)
    if not addr and block is not None:
        addr = block.addressees
    c.add(sent.start + clause.start, sent.start + min(clause.end, length), hit.frame.name, requester, addr,
          block.list_id if block else c.new_list())


def _speaker(c: Collector, sent: ViewSpan, clause: ViewSpan) -> str:
    """Who reports the clause: the head before «X گفت:», «X گفت که» or «X با
    بیان اینکه» right before it; else ""."""
    view = c.view
    end = _stripped(view, sent.start, sent.start + clause.start)
    said = None
    if view.endswith(":", sent.start, end):
        end = _stripped(view, sent.start, end - 1)
        said = next((m for m in c.rules.speech_verb.finditer(view, max(sent.start, end - 30), end) if m.end() == end), None)
    else:
        said = next((m for m in c.rules.report_lead.finditer(view, max(sent.start, end - 60), end) if m.end() == end), None)
    return requester_before(c, sent, said.start()) if said else ""


def _stripped(text: str, start: int, end: int) -> int:
    """``end`` moved back over the spaces before it (not past ``start``)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _subject(c: Collector, sent: ViewSpan, clause: ViewSpan, hit: Hit) -> tuple[str, ...]:
    """The obliged body: the words from the clause start (after an item
    marker) to the frame, as written in the original."""
    a = clause.start
    marker = c.rules.item_marker.match(c.view, sent.start + clause.start, sent.start + hit.start)
    if marker:
        a = marker.end() - sent.start
    subject = c.original(sent.start + a, sent.start + hit.start).strip()
    return (subject,) if subject and len(subject.split()) <= _SUBJECT_WORDS else ()
