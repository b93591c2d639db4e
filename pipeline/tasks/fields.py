"""A task's fields beyond its text: who asked (requester, and the person it
names), who is asked (addressees), and by when (deadline)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import regex

from ..document import Document, Task
from ..normalize import fold
from ..wordlists import lookup_key
from .pieces import CLAUSE_MARK, Collector, ViewSpan, folded_tokens
from .rules import TaskRules

_LIST_PART = regex.compile(r"[^،,]+")
# a requester longer than this is a clause, not a subject
_REQUESTER_WORDS = 8
# how far before a date its deadline cue may start
_CUE_REACH = 20


@dataclass(frozen=True)
class _ClauseHeads:
    """One sentence's full clauses (those a clause mark ends) and the head each
    offers as a requester: the same for every frame after it, so worked out once
    per sentence, not again for each frame (a sentence of many frames took time
    that grew with the square of its length)."""
    marks: list[int]      # view offsets of the sentence's clause marks
    heads: list[str]      # heads[k]: what full clause k offers ("" for nothing)
    offering: list[int]   # the k >= 1 whose head is not "", ascending


def requester_before(c: Collector, sent: ViewSpan, frame_start: int) -> str:
    """The subject before the frame: the head of a clause before it, as written
    in the original text. Tried in turn: the first clause, the last (up to the
    frame), then those between («به گزارش ایرنا، رئیس‌جمهور ...، وزیر را مأمور کرد»)."""
    clauses = c.cached(("clause heads", sent.start, sent.end), lambda: _clause_heads(c, sent))
    k = bisect_left(clauses.marks, frame_start)  # the full clauses before the frame
    last = _head(c.rules, c.view[clauses.marks[k - 1] + 1 if k else sent.start:frame_start])
    if k == 0:
        head = last  # the one clause is the first and the last
    else:
        between = clauses.heads[clauses.offering[0]] if clauses.offering and clauses.offering[0] < k else ""
        head = clauses.heads[0] or last or between
    if not head:
        return ""
    # its first place before the frame (-1 when the item marker taken out was inside it, as ever)
    found = c.view.find(head, sent.start, frame_start)
    vstart = found if found >= 0 else sent.start - 1
    return c.original(vstart, vstart + len(head))


def _clause_heads(c: Collector, sent: ViewSpan) -> _ClauseHeads:
    marks = [m.start() for m in CLAUSE_MARK.finditer(c.view, sent.start, sent.end)]
    starts = [sent.start] + [m + 1 for m in marks]
    heads = [_head(c.rules, c.view[a:b]) for a, b in zip(starts, marks)]
    return _ClauseHeads(marks, heads, [k for k, h in enumerate(heads) if k and h])


def _head(rules: TaskRules, clause: str) -> str:
    """The clause's words up to a stop word, when they can name a requester; else ""."""
    part = rules.item_marker.sub("", clause, count=1).strip()
    m = rules.requester_stop.search(" " + part)
    head = (part[: m.start() - 1] if m else part).strip()
    if head and len(head.split()) <= _REQUESTER_WORDS and not head.startswith(rules.requester_not_starts):
        return head
    return ""


def addressees(c: Collector, vstart: int, vend: int) -> tuple[str, ...]:
    """«A، B، C و D» is four addressees; the «و» that joins the last one is
    the first «و» of the last part («... سازمانهای دولتی و روسای کمیتههای مردمی
    استانها و شهرهای ...»). A lone «A و B» splits only when both are short.
    Returned as written in the original text."""
    view = c.view
    spans = [m.span() for m in _LIST_PART.finditer(view[vstart:vend])]
    spans = [(vstart + a, vstart + b) for a, b in spans if view[vstart + a:vstart + b].strip()]
    if spans:
        spans[-1:] = _split_last(view, *spans[-1], len(spans) > 1, c.rules.addressee_join)
    out = []
    for a, b in spans:
        text = c.original(a, b).strip()
        if text:
            out.append(text)
    return tuple(out)


def _split_last(view: str, a: int, b: int, in_list: bool, join: str) -> list[tuple[int, int]]:
    """The last part of an addressee list, split at its first joining «و» when
    it ends a longer list or joins two short names."""
    last = view[a:b]
    joint = last.find(join)
    if joint >= 0:
        head, tail = last[:joint], last[joint + len(join):]
        if in_list or (len(head.split()) <= 2 and len(tail.split()) <= 2):
            return [(a, a + joint), (a + joint + len(join), b)]
    return [(a, b)]


def deadline(doc: Document, task: Task, rules: TaskRules) -> str:
    """The value of the first date in the task that a deadline cue precedes."""
    for d in doc.dates:
        if task.start <= d.start and d.end <= task.end:
            before = fold(doc.text[max(task.start, d.start - _CUE_REACH):d.start])
            if rules.deadline_cue.search(before):
                return d.value
    return ""


def link_requesters(doc: Document, tasks: list[Task], rules: TaskRules) -> None:
    """«دبیر حزب استانی» or a bare surname: the named person, when unambiguous.
    Worked out once per distinct requester (a list's tasks share one)."""
    linked: dict[str, str] = {}
    for task in tasks:
        if task.requester and task.requester not in linked:
            linked[task.requester] = person_for(doc, task.requester, rules)
        task.requester_person = linked.get(task.requester, "")


def person_for(doc: Document, requester: str, rules: TaskRules) -> str:
    """The one person whose name ends like the requester, or one of whose
    titles shares most of its words (Dice ≥ 0.6, plurals dropped); else ""."""
    key = lookup_key(requester)
    words = _stems(requester, rules)
    matches = []
    for person in doc.people:
        names = [lookup_key(n) for n in [person.name] + person.aliases]
        if any(n == key or (len(key) > 2 and n.endswith(key)) for n in names):
            matches.append(person)
            continue
        for t in person.titles:
            tt = _stems(t.text, rules)
            common = len(words & tt)
            if common and 2 * common / (len(words) + len(tt)) >= 0.6:
                matches.append(person)
                break
    return matches[0].name if len(matches) == 1 else ""


def _stems(text: str, rules: TaskRules) -> set[str]:
    return {rules.plural_suffix.sub("", t) for t in folded_tokens(text)}
