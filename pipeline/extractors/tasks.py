"""Task lists: what someone asked, ordered or obliged to be done.

A directive starts at a named frame (resources/tasks.yaml): a request
(«از X درخواست کرد تا»), an order, a demand («خواستار ... شد»), a decision
(«مقرر شد»), an obligation («موظف است»), or «باید». The text after a request
frame splits into items on «؛»; later sentences in the imperative or
subjunctive, and a following paragraph of nominal «؛» items, continue the same
list. Numbered items under an intro that announces decisions or tasks are
items too. Reports of past work have no frame and no such mood, so they stay out.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from functools import lru_cache

import regex

from ..component import Component
from ..document import Document, Task
from ..normalize import fold
from ..resources import load_yaml, lookup_key
_CLAUSE_MARK = regex.compile(r"[،:؛]")
_LIST_PART = regex.compile(r"[^،,]+")
_SEMICOLON = regex.compile(r"؛")
_KE_START = regex.compile(r"\s*که(?![\p{L}])")
_OBLIGATION_WORD = regex.compile(r"(?<![\p{L}])(?:موظف|مکلف|ملزم|باید)(?![\p{L}])")
_VA = regex.compile(r"\s+و\s+")
_KE = regex.compile(r"\sکه(?![\p{L}])")
_PLURAL_SUFFIX = regex.compile(r"(?:ی|ها|های)$")

# the longest verb form the end patterns know, its mark and some spaces
_VERB_TAIL = 32
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_BUT = regex.compile(r"[،,]\s*(?:اما|ولی|لیکن|البته)(?![\p{L}])")
_REQUESTER_STOP = regex.compile(
    r"\s(?:در|با|از|به|ضمن|طی|نیز|هم|همچنین|پس|که|را|بر|روز|صبح|عصر|امروز|دیروز|درباره|برای)(?![\p{L}])"
)


@dataclass(frozen=True)
class _Frame:
    name: str
    pattern: regex.Pattern
    body: str
    opens_block: bool


@dataclass(frozen=True)
class _Rules:
    frames: tuple[_Frame, ...]
    must_exclusions: regex.Pattern
    subjunctive_end: regex.Pattern
    nominal_start: regex.Pattern
    item_marker: regex.Pattern
    list_intro: regex.Pattern
    subitem: regex.Pattern
    intro_only: regex.Pattern
    any_frame: re.Pattern
    must_verb_end: regex.Pattern
    must_past: regex.Pattern

    def ends_in_verb(self, text: str, must: bool = False) -> bool:
        """Does ``text`` end in a subjunctive (or, for «باید», any) verb form?
        Both patterns are anchored at the end, so only the tail is searched;
        their look-behinds still see the character before it."""
        pos = max(0, len(text.rstrip()) - _VERB_TAIL)
        if self.subjunctive_end.search(text, pos):
            return True
        return must and bool(self.must_verb_end.search(text, pos))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    data = load_yaml("tasks.yaml")
    frames = tuple(
        _Frame(f["name"], regex.compile(fold(f["pattern"].replace("{so_that_ta}", data["so_that_ta"]))), f["body"],
               bool(f["opens_block"]))
        for f in data["frames"]
    )
    nominal = "|".join(sorted({regex.escape(fold(w)) for w in data["nominal_starts"]}, key=len, reverse=True))
    return _Rules(
        frames=frames,
        must_exclusions=regex.compile(fold(data["must_exclusions"])),
        subjunctive_end=regex.compile(r"(?<![\p{L}])" + fold(data["subjunctive_endings"]) + r"\s*[.!؛:]?\s*$"),
        nominal_start=regex.compile(rf"^\s*(?:{nominal})(?![\p{{L}}])"),
        item_marker=regex.compile(fold(data["item_marker"]), regex.M),  # markers start a line
        list_intro=regex.compile(fold(data["list_intro"])),
        subitem=regex.compile(fold(data["inline_item"])),
        intro_only=regex.compile(fold(data["intro_only"])),
        # a keyword prefilter, so a superset is fine: without its word-boundary
        # look-ahead the alternation of literals runs on the faster stdlib engine
        any_frame=re.compile(fold(data["frame_words"]).replace(r"(?![\p{L}])", "")),
        must_verb_end=regex.compile(fold(data["must_verb_end"])),
        must_past=regex.compile(fold(data["must_past"])),
    )


@dataclass
class _Piece:
    """A span of the view that becomes one task."""
    start: int
    end: int
    frame: str
    requester: str = ""
    addressees: tuple[str, ...] = ()
    list_id: int = 0


class _Extractor:
    def __init__(self, doc: Document):
        self.doc = doc
        self.view = doc.ensure_view().text
        self.r = rules()
        self.pieces: list[_Piece] = []
        self.list_id = 0

    # ----------------------------------------------------------- utilities
    def _clean(self, s: int, e: int) -> tuple[int, int]:
        """Trim spaces, list markers, quotes and final punctuation."""
        v = self.view
        m = self.r.item_marker.match(v, s, e)
        if m and m.end() < e:
            s = m.end()
        while s < e and (v[s].isspace() or v[s] in "«\"'-:،"):
            s += 1
        if v.startswith("و ", s):  # «... ؛ و اداره کل ...»: the joining «و» is not the task
            s += 2
        while e > s and (v[e - 1].isspace() or v[e - 1] in ".!؟?؛;:،,»\"'"):
            if v[e - 1] == "»" and "«" in v[s:e - 1]:
                break
            e -= 1
        return s, e

    def _add(self, s: int, e: int, frame: str, requester: str = "", addressees=(), list_id: int = 0) -> None:
        s, e = self._clean(s, e)
        if len(_TOKEN.findall(self.view[s:e])) < 2:
            return
        self.pieces.append(_Piece(s, e, frame, requester, tuple(addressees), list_id))

    def _new_list(self) -> int:
        self.list_id += 1
        return self.list_id

    def _requester(self, sent_start: int, frame_start: int) -> str:
        """The subject before the frame: the head of the last clause before it."""
        text = self.view[sent_start:frame_start]
        clause = _CLAUSE_MARK.split(text)
        # the first clause, the last, then those between («به گزارش ایرنا، رئیس‌جمهور ...، وزیر را مأمور کرد»)
        for part in [clause[0], clause[-1], *clause[1:-1]]:
            part = self.r.item_marker.sub("", part, count=1).strip()
            m = _REQUESTER_STOP.search(" " + part)
            head = (part[: m.start() - 1] if m else part).strip()
            if head and len(head.split()) <= 8 and not head.startswith(("به گزارش", "برای", "در ")):
                return self._original(sent_start + text.find(head), len(head))
        return ""

    def _original(self, vstart: int, length: int) -> str:
        return self.doc.span_from_view(vstart, vstart + length).text

    def _addressees(self, vstart: int, vend: int) -> tuple[str, ...]:
        """«A، B، C و D» is four addressees; the «و» that joins the last one is
        the first «و» of the last part («... سازمانهای دولتی و روسای کمیتههای مردمی
        استانها و شهرهای ...»). A lone «A و B» splits only when both are short.
        Returned as written in the original text."""
        spans = [m.span() for m in _LIST_PART.finditer(self.view[vstart:vend])]
        spans = [(vstart + a, vstart + b) for a, b in spans if self.view[vstart + a:vstart + b].strip()]
        if spans:
            a, b = spans[-1]
            last = self.view[a:b]
            joint = last.find(" و ")
            if joint >= 0:
                head, tail = last[:joint], last[joint + 3:]
                if len(spans) > 1 or (len(head.split()) <= 2 and len(tail.split()) <= 2):
                    spans[-1:] = [(a, a + joint), (a + joint + 3, b)]
        out = []
        for a, b in spans:
            text = self.doc.span_from_view(a, b).text.strip()
            if text:
                out.append(text)
        return tuple(out)

    # ---------------------------------------------------------- paragraphs
    def run(self) -> list[_Piece]:
        view = self.view
        paragraphs: list[list[tuple[int, int]]] = []
        line_of: dict[int, int] = {}
        for s in self.doc.sentences:
            vs, ve = self.view_span(s.start, s.end)
            line = view.count("\n", 0, vs)
            if line not in line_of:
                line_of[line] = len(paragraphs)
                paragraphs.append([])
            paragraphs[line_of[line]].append((vs, ve))
        block: _Piece | None = None   # the directive block a following paragraph may continue
        list_intro: _Piece | None = None
        prev_semicolon = False
        for para in paragraphs:
            first = para[0][0]
            is_item = bool(self.r.item_marker.match(view, first)) and view[first:first + 1] != "("
            # unnumbered item lines: each ends with «؛» (the last with a full stop)
            unmarked = list_intro is not None and (prev_semicolon or view[para[-1][0]:para[-1][1]].rstrip().endswith("؛"))
            if list_intro is not None and (is_item or unmarked):
                self._list_item(para, list_intro)
                prev_semicolon = view[para[-1][0]:para[-1][1]].rstrip().endswith("؛")
                continue
            prev_semicolon = False
            list_intro = None
            if block is not None and self._nominal_paragraph(para):
                for vs, ve in para:
                    for s, e in self._split_items(vs, ve):
                        self._add(s, e, "nominal_item", block.requester, block.addressees, block.list_id)
                continue
            opened = None
            for vs, ve in para:
                got = self._sentence(vs, ve, opened)
                if got is not None:
                    opened = got
            block = opened
            last_s, last_e = para[-1]
            tail = view[max(last_s, last_e - 300):last_e].rstrip()  # the intro pattern is anchored at the end
            if tail.endswith((":", ".")) and self.r.list_intro.search(tail):
                list_intro = opened or _Piece(last_s, last_e, "list_intro", self._requester(last_s, last_e), (), self._new_list())
        return self.pieces

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        return self.doc.view.from_original(start), self.doc.view.from_original(end)

    def _nominal_paragraph(self, para) -> bool:
        text = self.view[para[0][0]:para[-1][1]]
        return bool(self.r.nominal_start.match(text)) and text.count("؛") >= 1

    def _split_items(self, s: int, e: int) -> list[tuple[int, int]]:
        """Split on «؛»; an item that starts with «که» continues the one before it."""
        out: list[tuple[int, int]] = []
        pos = s
        for m in _SEMICOLON.finditer(self.view[s:e]):
            out.append((pos, s + m.start()))
            pos = s + m.end()
        out.append((pos, e))
        merged: list[tuple[int, int]] = []
        for a, b in out:
            if merged and _KE_START.match(self.view[a:b]):
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        return merged

    def _list_item(self, para, intro: _Piece) -> None:
        vs, ve = para[0][0], para[-1][1]
        marker = self.r.item_marker.match(self.view, vs, ve)
        if marker:
            vs = marker.end()
        text = self.view[vs:ve]
        subs = list(self.r.subitem.finditer(text))
        if len(subs) >= 2:
            addressee = text[: subs[0].start()]
            addressee = self.r.item_marker.sub("", addressee, count=1).strip().rstrip(":").strip()
            addr = (addressee.split(" در ")[0],) if addressee else intro.addressees
            for k, m in enumerate(subs):
                end = vs + (subs[k + 1].start() if k + 1 < len(subs) else len(text))
                self._add(vs + m.end(), end, "list_subitem", intro.requester, addr, intro.list_id)
            return
        if self._looks_directive(text) or intro.frame != "list_intro" or self.r.nominal_start.match(
            self.r.item_marker.sub("", text, count=1)
        ):
            for a, b in self._split_items(vs, ve):  # «اول، ادامه ...؛ تقویت ...»
                self._add(a, b, "list_item", intro.requester, intro.addressees, intro.list_id)

    def _looks_directive(self, text: str) -> bool:
        body = text.rstrip()
        if _OBLIGATION_WORD.search(body):
            return True
        return any(self.r.ends_in_verb(part) for part in _VA.split(body))

    # ------------------------------------------------------------ sentences
    def _sentence(self, vs: int, ve: int, block: _Piece | None) -> _Piece | None:
        """Tasks of one sentence; returns the block it opens (or continues)."""
        view = self.view
        text = view[vs:ve]
        hits = []
        frames = self.r.frames if self.r.any_frame.search(text) else ()
        for f in frames:
            for m in f.pattern.finditer(text):
                hits.append((m.start(), f, m))
                if f.body != "clause":
                    break
        if not hits:
            subs = list(self.r.subitem.finditer(text))
            if len(subs) >= 2 and self.r.list_intro.search(text[: subs[0].start()].rstrip()):
                self._body_items(vs + subs[0].start(), ve, "list_subitem", self._requester(vs, vs + subs[0].start()), (), self._new_list())
                return None
            # the mood is read before any «؛ که ...» continuation
            head = text.split("؛", 1)[0]
            if block is not None and self.r.ends_in_verb(head):
                self._add(vs, ve, "continuation", block.requester, block.addressees, block.list_id)
                return block
            return None
        hits.sort(key=lambda h: h[0])
        start, f, m = hits[0]
        if f.body == "clause":
            return self._clauses(vs, ve, hits, block)
        requester = self._requester(vs, vs + start)
        addr = self._addressees(vs + m.start("addr"), vs + m.end("addr")) if m.groupdict().get("addr") else ()
        piece = _Piece(vs, ve, f.name, requester, addr, self._new_list())
        if f.body == "after":
            body_s = vs + m.end()
            body_e = ve
            if not f.opens_block:
                # a decision covers its own clause: «...، اما توقف نباید ...» and
                # later «؛» items are judged on their own
                cut = _BUT.search(view, body_s, ve)
                first = self._split_items(body_s, ve)[0]
                body_e = min(cut.start() if cut else ve, first[1])
            self._body_items(body_s, body_e, f.name, requester, addr, piece.list_id)
            # «باید» clauses later in the same sentence («...، اما توقف نباید ...»)
            later = [h for h in hits[1:] if h[1].name == "must" and vs + h[0] > body_s]
            if later:
                self._clauses(vs, ve, later, None, skip_before=body_s)
        elif f.body == "between":
            self._add(vs + m.start("body"), vs + m.end("body"), f.name, requester, addr, piece.list_id)
        elif f.body == "before" and not text.rstrip().endswith(":"):  # «... را ابلاغ کرد:» announces a list
            clause_s = max(text.rfind("،", 0, start), text.rfind(":", 0, start)) + 1
            if not self.r.intro_only.search(text[clause_s:start]):
                self._add(vs + clause_s, vs + start, f.name, "", addr, piece.list_id)
        return piece if f.opens_block else None

    def _body_items(self, s: int, e: int, frame: str, requester: str, addr, list_id: int) -> None:
        """Items of a directive body: inline «(۱) ... (۲) ...» items, else «؛» items.
        A lead-in that only announces the list («... وظایف زیر تمرکز کنند:») is dropped."""
        text = self.view[s:e]
        subs = list(self.r.subitem.finditer(text))
        if len(subs) >= 2:
            # the lead before inline items introduces them or names who acts: not a task
            for k, m in enumerate(subs):
                end = s + (subs[k + 1].start() if k + 1 < len(subs) else len(text))
                self._add(s + m.end(), end, frame, requester, addr, list_id)
            return
        for a, b in self._split_items(s, e):
            colon = self.view.find(":", a, b)
            if colon >= 0 and self.r.intro_only.search(self.view[a:colon].strip()):
                a = colon + 1  # «به این موارد توجه کنند: توزیع ...؛ ...»
            body = self.view[a:b].strip().rstrip(":.").strip()
            if not body or self.r.intro_only.search(body):  # «وظایف زیر را اجرا کنند»: the list follows
                continue
            self._add(a, b, frame, requester, addr, list_id)

    def _verb_end(self, clause: str) -> bool:
        """Does the clause end in a verb, or reach one before a «که ...» complement?"""
        clause = clause.strip().rstrip(".!؛:»\"")
        heads = [clause] + [clause[: m.start()] for m in _KE.finditer(clause)]
        return any(self.r.ends_in_verb(h, must=True) for h in heads)

    def _clauses(self, vs: int, ve: int, hits, block, skip_before: int | None = None) -> _Piece | None:
        """Obligation and «باید» frames: the task is the clause that holds them."""
        view, text = self.view, self.view[vs:ve]
        bounds = [0] + [m.end() for m in _CLAUSE_MARK.finditer(text)] + [len(text) + 1]
        done: set[int] = set()
        for start, f, m in hits:
            if f.body != "clause":
                continue
            if f.name in ("must", "imperative"):  # the clause between commas
                k = max(i for i, b in enumerate(bounds) if b <= start)
                cs, ce = bounds[k], bounds[k + 1] - 1
            if f.name == "must":
                if self.r.must_exclusions.search(text[cs:ce]) or "؟" in text[cs:ce]:
                    continue
                if not text[m.end():ce].strip(" :"):  # «سازمانها باید:» introduces a list
                    continue
                # a comma inside a list («به خانواده، محل کارش و خودش گفته شود»):
                # the clause runs on to its verb, over at most two more commas
                for _ in range(3):
                    if self._verb_end(text[cs:ce]) or k + 2 >= len(bounds) or text[ce:ce + 1] != "،":
                        break
                    k += 1
                    ce = bounds[k + 1] - 1
                if self.r.must_past.search(text[cs:ce]) or not self._verb_end(text[cs:ce]):
                    continue  # a fragment, or what should have been done
            elif f.name != "imperative":  # obligations keep the obliged body and the whole provision
                k = max(i for i, b in enumerate(bounds) if b <= start and (i == 0 or text[b - 1] in ":؛"))
                cs, ce = bounds[k], len(text)
            if skip_before is not None and vs + cs < skip_before:
                continue
            if cs in done:
                continue
            done.add(cs)
            addr = ()
            if f.name == "obliged":  # the obliged body is who must act
                a = cs
                marker = self.r.item_marker.match(view, vs + cs, vs + start)
                if marker:
                    a = marker.end() - vs
                subject = self.doc.span_from_view(vs + a, vs + start).text.strip()
                addr = (subject,) if subject and len(subject.split()) <= 12 else ()
            requester = block.requester if block else ""
            if not addr and block is not None:
                addr = block.addressees
            self._add(vs + cs, vs + min(ce, len(text)), f.name, requester, addr, block.list_id if block else self._new_list())
        return block


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def _dedupe(pieces: list[_Piece], view: str) -> list[_Piece]:
    """A headline or lede that repeats a body directive is one task: drop a
    piece inside another, or an earlier piece of another list whose words mostly
    (two thirds) reappear in a longer one. Items of one list never merge."""
    toks = [_tokens(view[p.start:p.end]) for p in pieces]
    keep = []
    for i, p in enumerate(pieces):
        mine = toks[i]
        dup = False
        for j, q in enumerate(pieces):
            if i == j or len(toks[j]) < len(mine) or (len(toks[j]) == len(mine) and j > i):
                continue
            if p.start >= q.start and p.end <= q.end:
                dup = True
                break
            if p.list_id == q.list_id or p.start > q.start:
                continue
            pool = list(toks[j])
            common = 0
            for t in mine:
                if t in pool:
                    pool.remove(t)
                    common += 1
            if mine and common / len(mine) >= 2 / 3 and common >= 2:
                dup = True
                break
        if not dup:
            keep.append(p)
    return keep


def extract_tasks(doc: Document) -> None:
    ex = _Extractor(doc)
    pieces = _dedupe(ex.run(), ex.view)
    pieces.sort(key=lambda p: p.start)
    tasks: list[Task] = []
    order: dict[int, int] = {}
    for p in pieces:
        span = doc.span_from_view(p.start, p.end)
        order[p.list_id] = order.get(p.list_id, 0) + 1
        task = Task(
            span.start, span.end, span.text,
            requester=p.requester,
            addressees=list(p.addressees),
            list_id=p.list_id,
            order=order[p.list_id],
            frame=p.frame,
        )
        task.deadline = _deadline(doc, task)
        task.resolutions = [r.number for r in doc.resolutions if task.start <= r.start and r.end <= task.end]
        tasks.append(task)
    _link_requesters(doc, tasks)
    doc.tasks = tasks


_DEADLINE_CUE = regex.compile(r"(?:تا|قبل\s+از|پیش\s+از|حداکثر|پایان|ظرف|اخیر|مهلت)\s*(?:پایان|آخر|اخیر)?\s*$")


def _deadline(doc: Document, task: Task) -> str:
    for d in doc.dates:
        if task.start <= d.start and d.end <= task.end:
            before = fold(doc.text[max(task.start, d.start - 20):d.start])
            if _DEADLINE_CUE.search(before):
                return d.value
    return ""


def _stem_tokens(text: str) -> set[str]:
    return {_PLURAL_SUFFIX.sub("", t) for t in _tokens(text)}


def _link_requesters(doc: Document, tasks: list[Task]) -> None:
    """«دبیر حزب استانی» or a bare surname: the named person, when unambiguous.
    Worked out once per distinct requester (a list's tasks share one)."""
    linked: dict[str, str] = {}
    for task in tasks:
        if task.requester and task.requester not in linked:
            linked[task.requester] = _person_for(doc, task.requester)
        task.requester_person = linked.get(task.requester, "")


def _person_for(doc: Document, requester: str) -> str:
    key = lookup_key(requester)
    words = _stem_tokens(requester)
    matches = []
    for person in doc.people:
        names = [lookup_key(n) for n in [person.name] + person.aliases]
        if any(n == key or (len(key) > 2 and n.endswith(key)) for n in names):
            matches.append(person)
            continue
        for t in person.titles:
            tt = _stem_tokens(t.text)
            common = len(words & tt)
            if common and 2 * common / (len(words) + len(tt)) >= 0.6:
                matches.append(person)
                break
    return matches[0].name if len(matches) == 1 else ""


class TaskExtractor(Component):
    """Directives (what someone asked, ordered or obliged to be done) with
    requester, addressees, deadline and cited resolutions."""

    name = "tasks"
    requires = ("sentences", "dates", "resolutions", "people")
    provides = ("tasks",)

    def __call__(self, doc: Document) -> None:
        extract_tasks(doc)
