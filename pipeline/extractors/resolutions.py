"""Numbered documents: resolutions, decrees, circulars, directives, proposals.

A mention is a kind word from the lexicon, an optional cue («شماره») and a
number that one of the named number grammars accepts. Article and clause
references (ماده، تبصره، بند) and numbered bodies are not kinds, so they never
match. Issuer, date and title are read from what follows the number.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..component import Component
from ..document import Document, Resolution, Span
from ..normalize import fold
from ..resources import LB, RB, alternation, load_yaml, lookup_key
_DATE_CUE = regex.compile(r"\s*(?:مورخ|مورخه|مصوب|به تاریخ)")
_QUOTED_TITLE = regex.compile(r"\s*«(?P<title>[^»\n]{3,300})»")


@dataclass(frozen=True)
class _Rules:
    mention: regex.Pattern
    more_numbers: regex.Pattern
    numbers: tuple[tuple[str, regex.Pattern], ...]
    bare_kinds: frozenset[str]
    header: regex.Pattern
    kind_word: regex.Pattern
    cabinet_number: regex.Pattern
    issuer: regex.Pattern
    issuer_before: regex.Pattern
    after_date: regex.Pattern



@lru_cache(maxsize=1)
def rules() -> _Rules:
    data = load_yaml("resolutions.yaml")
    kinds = alternation(data["kinds"])
    cue = alternation(data["number_cues"])
    numbers = tuple((n["name"], regex.compile(n["pattern"])) for n in data["numbers"])
    number_any = "|".join(f"(?:{n['pattern']})" for n in data["numbers"])
    heads = alternation(data["issuer_heads"])
    stops = alternation(data["issuer_stops"])
    return _Rules(
        # plural («قطعنامه‌های شماره ...») and indefinite («نامه‌ای به شماره») forms
        # keep the kind word itself; a number may sit in parentheses
        mention=regex.compile(
            rf"{LB}(?P<kind>{kinds})(?P<plural>هایی|های|ها)?(?:ای|ی)?{RB}\s*(?:(?P<cue>{cue}){RB}\.?\s*[:：]?\s*)?\(?(?P<number>{number_any})"
        ),
        more_numbers=regex.compile(rf"(?:\s*[،,]\s*|\s+و\s+)\(?(?P<number>{number_any})"),
        numbers=numbers,
        bare_kinds=frozenset(lookup_key(k) for k in data["bare_number_kinds"]),
        header=regex.compile(rf"(?m)^[ \t]*(?:{cue})\s*[:：]?\s*(?P<number>{number_any})[ \t]*$"),
        kind_word=regex.compile(rf"{LB}(?P<kind>{kinds}){RB}"),
        cabinet_number=regex.compile(next(n["pattern"] for n in data["numbers"] if n["name"] == "ir_cabinet")),
        # issuer: a head word then up to five more words, none of them a stop word
        issuer=regex.compile(rf"[ \t]*(?P<issuer>{heads}{RB}(?:[ \t]+(?!{stops}{RB})[\p{{L}}\p{{M}}]+){{0,5}})"),
        issuer_before=regex.compile(rf"(?:^|[.؛:\n،]\s*)(?P<issuer>{heads}{RB}(?:[ \t]+(?!{stops}{RB})[\p{{L}}\p{{M}}]+){{0,3}})[ \t]+$"),
        after_date=regex.compile(r"\s*(?:مورخ|مورخه|مصوب|تاریخ|به تاریخ)\s*[:：]?\s*$"),
    )


def canonical_number(number: str) -> str:
    """ASCII digits, no spaces, no tatweel: the form to join and sort on."""
    return regex.sub(r"\s+", "", fold(number)).replace("\\", "/")


def extract_resolutions(doc: Document) -> None:
    view = doc.ensure_view().text
    r = rules()
    found: list[Resolution] = []
    for m in r.mention.finditer(view):
        number_span = _number_span(m, r)
        if number_span is None:
            continue
        if not m.group("cue") and not _bare_ok(m, view, r, number_span):
            continue
        found.append(_build(doc, m.span("kind"), number_span, m.group("cue") is not None, "kind_number"))
        # «قطعنامه‌های شماره 20-NQ/TW، 21-NQ/TW و 22-NQ/TW»: every number of the list
        pos = number_span[1]
        while True:
            more = r.more_numbers.match(view, pos)
            if not more:
                break
            span = _number_span(more, r)
            if span is None or (view[span[0]:span[1]].isdigit() and not m.group("plural")):
                break
            found.append(_build(doc, m.span("kind"), span, True, "kind_number_list"))
            pos = span[1]
    for m in r.header.finditer(view):
        kind = _header_kind(view, m.start(), r)
        number_span = _trim(view, m.span("number"))
        if kind is not None:
            found.append(_build(doc, kind, number_span, True, "header_number"))
        elif r.cabinet_number.fullmatch(view[number_span[0]:number_span[1]]):
            # a letterhead «شماره ۶۱۲۳۴/ت۶۳۱۱۲هـ» with no kind word: the «/ت...» form
            # is the cabinet's numbering of its تصویب‌نامه
            res = _build(doc, None, number_span, True, "header_cabinet_number")
            found.append(res)
    doc.resolutions = _dedupe(sorted(found, key=lambda x: x.start))


def _number_span(m, r: _Rules) -> tuple[int, int] | None:
    start, end = m.span("number")
    text = m.string
    for _name, pattern in r.numbers:
        n = pattern.match(text, start)
        if n:
            return _trim(text, (n.start(), n.end()))
    return None


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _bare_ok(m, view: str, r: _Rules, number_span) -> bool:
    """A number right after a kind word without «شماره»: complex identifiers
    always count; a plain number only for some kinds and before a date cue."""
    number = view[number_span[0]:number_span[1]]
    if not number.isdigit():
        return True
    if lookup_key(m.group("kind")) not in r.bare_kinds:
        return False
    after = view[number_span[1]:number_span[1] + 40]
    return bool(_DATE_CUE.match(after) or r.issuer.match(after))


def _header_kind(view: str, start: int, r: _Rules) -> tuple[int, int] | None:
    """«شماره ۵۲۳۱۷/ت۶۱۲۰۸هـ» alone on a line in a document's header: its kind is
    the first kind word of the heading above it (within a few lines)."""
    head = view[max(0, start - 400):start]
    if head.count("\n") > 6:
        return None
    k = r.kind_word.search(head)
    if not k:
        return None
    offset = max(0, start - 400)
    return offset + k.start(), offset + k.end()


def _build(doc: Document, kind_span, number_span, cued: bool, rule: str) -> Resolution:
    view = doc.view.text
    number = doc.span_from_view(*number_span)
    kind = doc.span_from_view(*kind_span) if kind_span else Span(number.start, number.start, "تصویب‌نامه")
    # keep a trailing tatweel («هـ») that the view dropped: the number as written
    end = number.end
    while end < len(doc.text) and doc.text[end] == "\u0640":
        end += 1
    number_text = doc.text[number.start:end]
    res = Resolution(
        start=min(kind.start, number.start),
        end=max(kind.end, end),
        text="",
        kind=kind.text,
        number=number_text,
        number_canonical=canonical_number(number_text),
        rule=rule,
    )
    res.text = doc.text[res.start:res.end] if rule == "kind_number" else number_text
    if rule.startswith("header"):
        res.start, res.end, res.text = number.start, end, number_text
    _attach_context(doc, res, number_span[1])
    if not res.issuer and rule == "kind_number":
        # «دولت قطعنامه شماره ...»: the issuer is the subject right before the kind word
        before = rules().issuer_before.search(view[max(0, kind_span[0] - 80):kind_span[0]])
        if before:
            off = max(0, kind_span[0] - 80)
            res.issuer = doc.span_from_view(off + before.start("issuer"), off + before.end("issuer")).text
    return res


def _attach_context(doc: Document, res: Resolution, vpos: int) -> None:
    """Issuer, date and title from the words after the number."""
    view = doc.view.text
    r = rules()
    # a date right after «مورخ» (or on the header's next line «تاریخ ...»)
    for d in doc.dates:
        vstart = doc.view.from_original(d.start)
        if vstart < vpos:
            continue
        if vstart - vpos > 40:
            break
        if r.after_date.search(view[vpos:vstart]):
            res.date = d.value
            vpos = doc.view.from_original(d.end)
        break
    m = r.issuer.match(view, vpos)
    if m and not view[vpos:m.start("issuer")].strip():
        issuer = doc.span_from_view(*m.span("issuer"))
        res.issuer = issuer.text.strip()
        vpos = m.end("issuer")
    t = _QUOTED_TITLE.match(view[vpos:vpos + 320]) or regex.match(
        r"\s*(?P<title>(?:در مورد|درباره|در خصوص|راجع به)\s+[^،.؛\n«»]{3,200}?)(?=\s+(?:را|صادر|ابلاغ|تصویب)|[،.؛\n]|$)",
        view[vpos:vpos + 260],
    )
    if t:
        s, e = t.span("title")
        res.title = doc.span_from_view(vpos + s, vpos + e).text.strip()


def _dedupe(found: list[Resolution]) -> list[Resolution]:
    """One entry per (kind, number); later mentions fill fields the first lacked."""
    out: dict[tuple[str, str], Resolution] = {}
    for res in found:
        key = (lookup_key(res.kind), res.number_canonical)
        first = out.setdefault(key, res)
        if first is not res:
            for attr in ("issuer", "date", "title"):
                if not getattr(first, attr) and getattr(res, attr):
                    setattr(first, attr, getattr(res, attr))
    return list(out.values())


class ResolutionExtractor(Component):
    """Numbered documents (resolutions, decrees, directives, letters) with
    kind, number, issuer, date and title."""

    name = "resolutions"
    requires = ("view", "dates")
    provides = ("resolutions",)

    def __call__(self, doc: Document) -> None:
        extract_resolutions(doc)
