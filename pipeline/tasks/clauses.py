"""Clause frames (obligation, responsibility, imperative, «باید»): the task is
the clause that holds the frame. How far that clause reaches, and whether it
must read as a directive, is the frame kind's behaviour (:mod:`.frames`)."""
from __future__ import annotations

from .fields import requester_before
from .frames import Body, Hit, Scope
from .pieces import CLAUSE_MARK, Collector, Piece, ViewSpan
from .rules import TaskRules

# a «باید» clause runs on over at most this many more commas to reach its verb
_MORE_COMMAS = 2
# the longest speaker's verb («خاطرنشان ساخت») with some spaces
_SPEECH_TAIL = 24
# an obliged subject longer than this is not a name of who must act
_SUBJECT_WORDS = 12


def clause_tasks(c: Collector, sent: ViewSpan, hits: list[Hit], block: Piece | None,
                 skip_before: int | None = None) -> Piece | None:
    """A task per distinct clause that a clause frame in ``hits`` holds;
    clauses that start before ``skip_before`` (a view offset) are left out.
    Returns ``block``: a clause frame opens no block, but continues one."""
    text = c.view[sent.start:sent.end]
    bounds = clause_bounds(text)
    done: set[int] = set()
    for hit in hits:
        if hit.frame.behaviour.body is not Body.CLAUSE:
            continue
        clause = clause_of(c.rules, text, bounds, hit, _next_frame(hits, hit))
        if clause is None:
            continue
        if skip_before is not None and sent.start + clause.start < skip_before:
            continue
        if clause.start in done:
            continue
        done.add(clause.start)
        _add_clause(c, sent, len(text), clause, hit, block)
    return block


def _next_frame(hits: list[Hit], hit: Hit) -> int | None:
    """Where the first frame after ``hit`` that is no clause frame starts."""
    return next((h.start for h in hits if h.start > hit.start and h.frame.behaviour.body is not Body.CLAUSE), None)


def clause_bounds(text: str) -> list[int]:
    """Where clauses start: 0, after each clause mark, and one past the end."""
    return [0] + [m.end() for m in CLAUSE_MARK.finditer(text)] + [len(text) + 1]


def clause_of(rules: TaskRules, text: str, bounds: list[int], hit: Hit, limit: int | None = None) -> ViewSpan | None:
    """The clause of ``text`` (offsets into it) that ``hit``'s frame makes a
    task, or None when it is no directive. ``limit``: where the next frame
    that is no clause frame starts (an adverbial lead's clause ends before it)."""
    behaviour = hit.frame.behaviour
    if behaviour.scope is Scope.COMMAS:
        k = max(i for i, b in enumerate(bounds) if b <= hit.start)
        if behaviour.must_be_directive:
            return _directive_clause(rules, text, bounds, k, hit, limit)
        return _until(rules, text, reported(rules, text, ViewSpan(bounds[k], bounds[k + 1] - 1), hit, limit), limit)
    # a provision: the obliged body and the whole provision after the last «:» or «؛»
    k = max(i for i, b in enumerate(bounds) if b <= hit.start and (i == 0 or text[b - 1] in ":؛"))
    if rules.question.search(text, bounds[k]):
        return None  # «آیا ... حق ندارد ...؟» asks, it does not oblige
    return _until(rules, text, reported(rules, text, ViewSpan(bounds[k], len(text)), hit, limit), limit)


def _until(rules: TaskRules, text: str, span: ViewSpan, limit: int | None) -> ViewSpan:
    """``span`` up to the next frame that is no clause frame («باغداران موظف
    هستند ... خودداری کرده و | از کشاورزان درخواست داریم تا ...»), without the
    «و» that joins the two."""
    if limit is None or not span.start < limit < span.end:
        return span
    return ViewSpan(span.start, span.start + len(rules.joining_tail.sub("", text[span.start:limit])))


def reported(rules: TaskRules, text: str, span: ViewSpan, hit: Hit, limit: int | None = None) -> ViewSpan:
    """``span`` without the speaker's frame around a reported clause: after
    «X گفت که» it starts after «که»; after «X با بیان اینکه» it starts after
    «اینکه» and ends before the speaker's verb («، اظهار داشت», «... افزود»)
    or the next frame («... خواستار ... شد»)."""
    lead = None
    for lead in rules.report_lead.finditer(text, span.start, hit.start):
        pass
    if lead is None:
        return span
    if not lead.group("adverbial"):
        return ViewSpan(lead.end(), span.end)
    end = min(span.end, limit) if limit is not None and limit > hit.start else span.end
    verb = rules.speech_verb.search(text, hit.match.end(), end)
    return ViewSpan(lead.end(), verb.start() if verb else end)


def _directive_clause(rules: TaskRules, text: str, bounds: list[int], k: int, hit: Hit,
                      limit: int | None = None) -> ViewSpan | None:
    """The comma clause ``k`` of a «باید» frame, when it is a directive: no
    question or «باید گفت», something after the frame, and a verb at its end
    (the clause runs on over a comma inside a list to reach it), not a past
    judgement («باید ... می‌شد»). Reported speech is trimmed first."""
    start = bounds[k]
    span = reported(rules, text, ViewSpan(start, bounds[k + 1] - 1), hit, limit)
    cs, ce = span.start, span.end
    for joint in rules.clause_joint.finditer(text, cs, hit.start):
        cs = joint.end()  # «... نیست و باید ...»: the statement before is no part of it
    clause = text[cs:ce]
    if rules.must_exclusions.search(clause) or "؟" in clause or _reasons_only(rules, text, cs, ce, hit):
        return None
    if not text[hit.match.end():ce].strip(" :"):  # «سازمانها باید:» introduces a list
        return None
    # a comma inside a list («به خانواده، محل کارش و خودش گفته شود»):
    # the clause runs on to its verb, over at most two more commas
    for _ in range(_MORE_COMMAS + 1):
        if verb_end(rules, text[cs:ce]) or k + 2 >= len(bounds) or text[ce:ce + 1] != "،":
            break
        k += 1
        ce = reported(rules, text, ViewSpan(start, bounds[k + 1] - 1), hit, limit).end
    said = rules.speech_verb.search(text, max(cs, ce - _SPEECH_TAIL), ce)
    if said and not text[said.end():ce].strip():
        # «... ضروری است اظهار کرد», «... توجه داشته باشند و خاطرنشان کرد»: the speaker's verb ends no directive
        ce = cs + len(rules.joining_tail.sub("", text[cs:said.start()]))
    if rules.must_past.search(text[cs:ce]) or not verb_end(rules, text[cs:ce], purpose=True):
        return None  # a fragment, or what should have been done
    return ViewSpan(cs, ce)


def _reasons_only(rules: TaskRules, text: str, cs: int, ce: int, hit: Hit) -> bool:
    """Is every «باید» of the clause one of knowing or saying («باید بدانند که»)?"""
    modals = list(hit.frame.pattern.finditer(text, cs, ce))
    return all(rules.must_cognition.match(text, m.start(), ce) for m in modals)


def verb_end(rules: TaskRules, clause: str, purpose: bool = False) -> bool:
    """Does the clause end in a verb, or reach one before a «که ...» complement
    (or, with ``purpose``, before a «تا ...» purpose clause)?"""
    clause = clause.strip().rstrip(".!؛:»\"")
    joints = [rules.complement, rules.purpose] if purpose else [rules.complement]
    heads = [clause] + [clause[: m.start()] for joint in joints for m in joint.finditer(clause)]
    return any(rules.ends_in_verb(h, must=True) for h in heads)


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
    text = c.view[sent.start:sent.start + clause.start].rstrip()
    said = None
    if text.endswith(":"):
        text = text[:-1].rstrip()
        said = next((m for m in c.rules.speech_verb.finditer(text, max(0, len(text) - 30)) if m.end() == len(text)), None)
    else:
        said = next((m for m in c.rules.report_lead.finditer(text, max(0, len(text) - 60)) if m.end() == len(text)), None)
    return requester_before(c, sent.start, sent.start + said.start()) if said else ""


def _subject(c: Collector, sent: ViewSpan, clause: ViewSpan, hit: Hit) -> tuple[str, ...]:
    """The obliged body: the words from the clause start (after an item
    marker) to the frame, as written in the original."""
    a = clause.start
    marker = c.rules.item_marker.match(c.view, sent.start + clause.start, sent.start + hit.start)
    if marker:
        a = marker.end() - sent.start
    subject = c.original(sent.start + a, sent.start + hit.start).strip()
    return (subject,) if subject and len(subject.split()) <= _SUBJECT_WORDS else ()
