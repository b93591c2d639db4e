"""Resolutions from mentions: span, text, kind and number as written, the
context around them, and one record per (kind, number)."""
from __future__ import annotations

from ..document import Document, Resolution, Span
from ..wordlists import lookup_key
from .context import attach_context, issuer_before
from .mentions import Mention
from .numbers import canonical_number
from .rules import ResolutionRules

_TATWEEL = "\u0640"


def build(doc: Document, mention: Mention, rules: ResolutionRules) -> Resolution:
    number = doc.span_from_view(mention.number.start, mention.number.end)
    if mention.kind is not None:
        kind = doc.span_from_view(mention.kind.start, mention.kind.end)
    else:
        kind = Span(number.start, number.start, rules.letterhead_kind)
    # keep a trailing tatweel («هـ») that the view dropped: the number as written
    end = number.end
    while end < len(doc.text) and doc.text[end] == _TATWEEL:
        end += 1
    # a number written in words is filed in digits
    number_text = mention.value or doc.text[number.start:end]
    rule = mention.rule
    res = Resolution(
        start=min(kind.start, number.start),
        end=max(kind.end, end),
        text="",
        kind=kind.text,
        number=number_text,
        number_canonical=canonical_number(number_text),
        rule=rule.value,
    )
    res.text = doc.text[res.start:res.end] if rule.text_is_whole_mention else number_text
    if rule.span_is_number:
        res.start, res.end, res.text = number.start, end, number_text
    if mention.issuer is not None:
        res.issuer = doc.span_from_view(mention.issuer.start, mention.issuer.end).text.strip()
    attach_context(doc, res, mention.number.end, rules)
    if not res.issuer and rule.issuer_may_precede:
        res.issuer = issuer_before(doc, mention.kind.start, rules) or res.issuer
    return res


def merge_repeats(found: list[Resolution]) -> list[Resolution]:
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
