"""Posts a sentence says a person holds: «NAME (TITLE) که ریاست شورای انقلاب
را هم بر عهده داشت», «NAME پیش از این سرپرستی فدراسیون را بر عهده داشت». The
post is the office noun phrase as written, up to «را»; its holder is the name
right before it in the same sentence (with its title and «که» between)."""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from .spans import NameSpan, TitleRule, TitleSpan
from .tokens import TokenIndex

# tokens between a name's end and the office noun (its title, «که», an adverb)
_MAX_GAP = 8
# words of the office noun phrase before «را»
_MAX_POST = 10
# tokens of a career record («سابقه … را دارد»), and between its holder's name and it
_MAX_RECORD = 90
_MAX_RECORD_GAP = 30


def posts_held(index: TokenIndex, names: Sequence[NameSpan]) -> list[list[TitleSpan]]:
    """For each name (in the order given, sorted by position), the posts the
    text says it holds."""
    out: list[list[TitleSpan]] = [[] for _ in names]
    if not names:
        return out
    ends = [n.end for n in names]
    toks, words = index.tokens, index.words
    for k in index.positions({words.object_marker}):
        if not _holds_verb_after(index, k + 1):
            continue
        start = _office_start(index, k)
        if start < 0:
            continue
        n = bisect_right(ends, start) - 1  # the last name that ends before the post
        if n >= 0 and 0 <= start - names[n].end <= _MAX_GAP and _same_clause(index, names[n].end, start):
            out[n].append(TitleSpan(start, k, TitleRule.POST_HELD))
    for k in index.positions(words.record_nouns):
        t = toks[k]
        if items := career_record(index, k):
            n = bisect_right(ends, k) - 1  # the record's holder: the last name before it in its sentence
            if n >= 0 and toks[names[n].start].sentence == t.sentence and k - names[n].end <= _MAX_RECORD_GAP:
                out[n].extend(items)
    return out


def career_record(index: TokenIndex, k: int) -> list[TitleSpan]:
    """The posts of a career record that opens at token k («سابقه»):
    «سابقه عضویت X، مدیریت Y (…) و معاونت Z را دارد». Each item opens with
    an office noun; a headless item goes on the one before; a bracket of
    more than one word is left out («(دفتر حفظ و نشر …)»), a blessing kept («(س)»)."""
    toks, words = index.tokens, index.words
    obj = _record_end(index, k)
    if obj < 0 or toks[k + 1].norm not in words.record_offices:
        return []
    out: list[TitleSpan] = []
    start, p = k + 1, k + 1
    while p <= obj:
        at_and = p < obj and index.is_and(p) and toks[p + 1].norm in words.record_offices
        if p == obj or toks[p].text in "،," or at_and:
            end = _before_bracket(index, start, p)
            if toks[start].norm in words.record_offices:
                out.append(TitleSpan(start, end, TitleRule.CAREER_RECORD))
            elif out:
                out[-1] = TitleSpan(out[-1].start, end, TitleRule.CAREER_RECORD)
            start = p + 1
        p += 1
    inner = index.lex.inner  # «مدیریت این پروژه»: a task, not a post
    return [sp for sp in out if sp.end - sp.start > 1
            and not any(index.stop(q) and toks[q].norm not in inner for q in range(sp.start, sp.end))]


def _record_end(index: TokenIndex, k: int) -> int:
    """The «را» that closes the career record opening at token k, before a
    record verb («را دارد»), in the same sentence; or -1."""
    toks, words = index.tokens, index.words
    for p in range(k + 2, min(len(toks) - 1, k + _MAX_RECORD)):
        if toks[p].sentence != toks[k].sentence or toks[p].newline_before:
            return -1
        if toks[p].norm == words.object_marker:
            return p if toks[p + 1].norm in words.record_verbs else -1
    return -1


def _before_bracket(index: TokenIndex, start: int, end: int) -> int:
    """End of an item without a bracket of more than one word inside it."""
    toks = index.tokens
    for p in range(start + 1, end):
        if toks[p].text == "(":
            close = next((q for q in range(p + 1, end) if toks[q].text == ")"), end)
            if close - p > 2:
                return p
    return end


def _holds_verb_after(index: TokenIndex, k: int) -> bool:
    """«(نیز|هم) بر عهده داشت/دارد/گرفت» (one holder, not «داشتند») from token k."""
    toks, words = index.tokens, index.words
    if k < len(toks) and toks[k].norm in words.another_speaker:
        k += 1
    n = index.phrase_at(k, words.holds_post, len(toks))
    return n > 0 and k + n < len(toks) and toks[k + n].norm in words.holds_post_verbs


def _office_start(index: TokenIndex, obj: int) -> int:
    """The office noun that opens the phrase ending at «را» (token ``obj``),
    or -1: the nearest one back, with words only between and no stop word
    but those a title keeps («در», «و»)."""
    toks, words = index.tokens, index.words
    for p in range(obj - 1, max(-1, obj - 1 - _MAX_POST), -1):
        if toks[p].norm in words.office_nouns:
            return p
        if not toks[p].is_word and not toks[p].text.isdigit() or index.stop(p) and toks[p].norm not in index.lex.inner:
            return -1  # «مدیریت این پروژه را …»: a task, not a post
    return -1


def _same_clause(index: TokenIndex, a: int, b: int) -> bool:
    """No punctuation other than a comma, and no line break, between tokens a and b."""
    toks = index.tokens
    return all(not toks[k].newline_before and (not toks[k].is_punct or toks[k].text in "،,") for k in range(a, b + 1))
