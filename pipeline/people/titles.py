"""Titles (positions) attached to the names found: the chains around a name
(``NAME، TITLE، TITLE؛``, ``TITLE، TITLE، NAME؛``), a title right before or
after it (``TITLE NAME``, ``NAME TITLE``, ``NAME (TITLE)``, ``NAME - TITLE``,
``NAME به عنوان TITLE``), and signature blocks (a name line and a title line).

Every rule reads the token index and where the names are (``names``, a
:class:`NameTokens`: a title stops at a name and never takes its tokens). The
rules for titles before a name also get the tokens of the titles already
found after names (``used``), which they never take again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import AbstractSet, Sequence

from ..document import Person, TitleMention
from ..wordlists import lookup_key
from .lexicon import lexicon_words
from .decrees import addressed_appointments
from .posts import posts_held
from .spans import NameRule, NameSpan, NameTokens, TitledName, TitleRule, TitleSpan
from .tokens import CHAIN_END, CLOSING_QUOTES, COMMAS, OPENING_QUOTES, TokenIndex

# a segment of a chain longer than this many tokens is no title
_MAX_SEGMENT = 14
# a title without punctuation around it («NAME TITLE گفت») has at most this many words
_MAX_PHRASE = 10
# the reflexive «خود» after a title makes it a post of the person before
_OWN = "خود"


@dataclass(frozen=True)
class Titles:
    titled: tuple[TitledName, ...]   # each name with its titles, in the order of the names
    used: frozenset[int]             # tokens of the titles found after the names


def attach_titles(index: TokenIndex, names: Sequence[NameSpan], held: NameTokens) -> Titles:
    """The titles after each name first (all of them: they claim their
    tokens), then those before each name on the tokens left."""
    after = [titles_after(index, held, n) + posts + decreed for n, posts, decreed
             in zip(names, posts_held(index, names), addressed_appointments(index, names, held))]
    share_plural_titles(index, names, after)
    used = frozenset(k for spans in after for s in spans for k in range(s.start, s.end))
    titled = tuple(TitledName(n, tuple(titles_before(index, held, used, n, bool(a))) + tuple(a))
                   for n, a in zip(names, after))
    return Titles(titled, used)


def title_mention(index: TokenIndex, span: TitleSpan) -> TitleMention:
    """The title as written, without a trailing «و» («سرمربی و»)."""
    toks = index.tokens
    s, e = span.start, span.end
    while e - 1 > s and index.is_and(e - 1):
        e -= 1
    a, b = toks[s].start, toks[e - 1].end
    return TitleMention(a, b, index.text[a:b], rule=span.rule.value)


class HeldTitles:
    """Each person's titles by key and by word, for the titles given one by
    one: a new title is checked against a set of keys and against the titles
    that hold its rarest word, not against every title the person holds
    (issue 22: on one long line of words one person holds hundreds of titles,
    and the checks grew with their square). A person's titles are indexed on
    first use and as they are appended; they must not be replaced meanwhile."""

    def __init__(self) -> None:
        self._of: dict[int, TitlesByWord] = {}    # id(person) → its titles indexed

    def add(self, person: Person, mention: TitleMention, shorter_is_known: bool = False) -> None:
        """Give the person this title unless it holds it already (the same
        words; with ``shorter_is_known``, also when all its words are in a
        title held)."""
        held = self._of.setdefault(id(person), TitlesByWord())
        held.catch_up(person.titles)
        if lookup_key(mention.text) in held.keys or (shorter_is_known and held.holding(words_of_title(mention.text))):
            return
        person.titles.append(mention)


@dataclass
class TitlesByWord:
    """Titles indexed by their words, in the order given (``catch_up``)."""
    keys: set[str] = field(default_factory=set)
    words: list[frozenset[str]] = field(default_factory=list)
    by_word: dict[str, list[int]] = field(default_factory=dict)   # word → the titles that hold it

    def catch_up(self, titles: Sequence[TitleMention]) -> None:
        """Index the titles appended since the last call."""
        for t in titles[len(self.words):]:
            words = words_of_title(t.text)
            for w in words:
                self.by_word.setdefault(w, []).append(len(self.words))
            self.words.append(words)
            self.keys.add(lookup_key(t.text))

    def holding(self, words: frozenset[str]) -> list[int]:
        """The titles that hold all these words, in order: looked for among
        those that hold the rarest of them, not among all."""
        if not words:
            return list(range(len(self.words)))
        rarest = min((self.by_word.get(w, ()) for w in words), key=len)
        return [k for k in rarest if words <= self.words[k]]


def words_of_title(text: str) -> frozenset[str]:
    """The words of a title, as looked up."""
    return frozenset(lookup_key(w) for w in text.split())


# ------------------------------------------------------------ after a name
def titles_after(index: TokenIndex, names: NameTokens, name: NameSpan) -> list[TitleSpan]:
    toks = index.tokens
    j = name.end
    if j < len(toks) and toks[j].text in CLOSING_QUOTES:
        j += 1
    if j >= len(toks):
        return []
    if toks[j].text in COMMAS:
        return chain(index, names, j + 1, TitleRule.CHAIN_AFTER)
    if toks[j].norm == "-" and j + 1 < len(toks) and not toks[j + 1].newline_before and index.head_len(j + 1):
        return chain(index, names, j + 1, TitleRule.DASH_AFTER)  # «محمد مخبر - معاون اول رئیس‌جمهور»
    if toks[j].text == "(" and index.head_len(j + 1):
        return _parenthesized(index, j)
    if toks[j].norm == index.words.object_marker and index.phrase_at(j + 1, index.lex.appointed_as, len(toks)):
        j += 1  # «NAME را به عنوان TITLE برگزید»
    n = index.phrase_at(j, index.lex.appointed_as, len(toks))
    if n and index.head_len(j + n):
        return split_and(index, j + n, title_phrase(index, names, j + n), TitleRule.APPOINTED_AS)
    if index.head_len(j) and not toks[j].newline_before:
        return _title_right_after(index, names, j)
    if toks[j].norm == index.words.relative_word and index.head_len(j + 1):
        return _relative_title(index, names, j + 1)
    if (plural := _plural_head_at(index, name, names, j)) >= 0:
        return [TitleSpan(plural, _plural_title_end(index, names, plural), TitleRule.PLURAL_AFTER)]
    if index.head_len(j) and toks[j].newline_before and alone_on_line(index, name):
        return signature_lines(index, names, j)
    return []


def over_listed_office(index: TokenIndex, names: NameTokens, end: int, in_list: bool = False) -> int:
    """A title that a comma splits inside an office's name goes on over it
    («مدیرکل صنعت، معدن و تجارت گیلان ظهر امروز …»): a short headless run
    with an «و» after the comma, up to a stop word that is no preposition
    of an object («به», «را»); ``in_list``: or up to a comma before the next
    name of a list («NAME مدیرکل میراث فرهنگی، صنایع‌دستی و گردشگری، NAME …»)."""
    toks = index.tokens
    if end + 1 >= len(toks) or toks[end].text not in COMMAS or index.head_len(end + 1):
        return end
    stop = end + 1
    while stop < len(toks) and toks[stop].is_word and (index.is_and(stop) or not index.stop(stop)) \
            and not index.is_verb(stop) and stop not in names.tokens:
        stop += 1
    run = range(end + 1, stop)
    next_name = in_list and stop + 1 < len(toks) and (stop + 1 in names.starts or index.hon_len(stop + 1) > 0
                                                      or _next_item(index, stop))
    if stop < len(toks) and (toks[stop].text in COMMAS and not next_name
                             or toks[stop].norm in index.words.object_prepositions) \
            or not any(index.is_and(k) for k in run) or any(_plural(index, k) for k in run):
        return end  # «امام جمعه شهرکرد، نیت صادق و باور به …», «، اساتید و دانشجویان»: no office's name
    tail = title_tail(index, names, end + 1, stop)
    return tail if tail == stop else end


def _plural(index: TokenIndex, k: int) -> bool:
    """Token k is a noun with a plural suffix («دانشجویان»): people, not an
    office's field (broken plurals are: «صنایع دستی»)."""
    return index.lex.plural_noun(index.tokens[k].norm) and not index.place_at(k, k + 1)  # «گیلان»


def _title_right_after(index: TokenIndex, names: NameTokens, j: int) -> list[TitleSpan]:
    """``NAME TITLE``: the title phrase that opens at token j (a head), then
    a second one after «و»."""
    toks, words = index.tokens, index.words
    end = title_phrase(index, names, j)
    if toks[j].norm in words.office_nouns and (end == j + 1 or end < len(toks) and toks[end].norm == words.object_marker):
        return []  # «NAME ریاست فدراسیون را بر عهده داشتند»: a post held, read by posts.py; «ریاست جلسه»: none
    if end == j + 1 and toks[j].norm in words.adjective_heads and end < len(toks) and index.stop(end):
        return []  # «حزب نورآتن وابسته به …»: an adjective, no post
    end = over_listed_office(index, names, end, in_list=True)
    return split_and(index, j, end, TitleRule.TITLE_AFTER) + _title_after_and(index, names, end)


def _plural_head_at(index: TokenIndex, name: NameSpan, names: NameTokens, j: int) -> int:
    """Where a plural title's head stands at token j, right after the last
    name of a list («NAME و NAME اعضای …»), or after «یکی از» there («NAME
    یکی از رهبران …»); -1 if none, or if the phrase is an object («مسئولان
    استان را …»)."""
    toks, words = index.tokens, index.words
    n = index.phrase_at(j, words.one_of, len(toks))
    k = j + n
    if k >= len(toks) or toks[k].norm not in words.plural_heads or toks[k].newline_before:
        return -1
    listed = name.first >= 2 and index.is_and(name.first - 1) and name.first - 2 in names.tokens
    end = title_phrase(index, names, k)
    if not (n or listed) or end < len(toks) and toks[end].norm == words.object_marker:
        return -1
    return k


def _plural_title_end(index: TokenIndex, names: NameTokens, k: int) -> int:
    """End of the plural title headed at token k; a demonstrative right after
    the head stays in it («رهبران این گروه جنبشی»)."""
    end = title_phrase(index, names, k)
    if end == k + 1 and end + 1 < len(index.tokens) and index.tokens[end].norm in index.words.demonstratives \
            and index.nameable(end + 1):
        return title_phrase(index, names, end + 1)
    return end


def share_plural_titles(index: TokenIndex, names: Sequence[NameSpan], after: list[list[TitleSpan]]) -> None:
    """«NAME، NAME و NAME اعضای شورای شهر»: a plural title after the last
    name of a list is every listed name's (each gap one «،» or «و»)."""
    toks = index.tokens
    for i, spans in enumerate(after):
        plural = [sp for sp in spans if sp.rule is TitleRule.PLURAL_AFTER]
        m = i - 1
        while plural and m >= 0 and names[m + 1].first - names[m].end == 1 \
                and (toks[names[m].end].text in COMMAS or index.is_and(names[m].end)):
            after[m].extend(plural)
            m -= 1


def _relative_title(index: TokenIndex, names: NameTokens, j: int) -> list[TitleSpan]:
    """``NAME که TITLE بوده/است``: a title in a relative clause that a copula
    closes («… که رئیس عملیات در پاکستان بوده، گفت»); «که رئیس X را …» is none."""
    toks = index.tokens
    if toks[j].norm in index.lex.not_before_name:
        return []
    end = title_phrase(index, names, j)
    if end < len(toks) and toks[end].norm == index.words.in_word:  # «… در پاکستان بوده»: the place is the post's
        k = end + 1
        while k < len(toks) and k - end <= 3 and toks[k].is_word and not index.stop(k) and not index.is_verb(k) \
                and toks[k].norm not in index.words.title_copulas:
            k += 1
        end = k if k > end + 1 and k < len(toks) and toks[k].norm in index.words.title_copulas else end
    if end < len(toks) and toks[end].norm in index.words.title_copulas and end - j > index.head_len(j):
        return split_and(index, j, end, TitleRule.RELATIVE_CLAUSE)
    return []


def _title_after_and(index: TokenIndex, names: NameTokens, conj: int) -> list[TitleSpan]:
    """A second title after «و» («NAME امام جمعه مشهد و نماینده ولی فقیه در
    استان گفت»): a head with words of its own, before no name, no «، NAME»
    and no plural verb («... و فرماندار شهرستان بازدید کردند»: two people)."""
    toks, start = index.tokens, conj + 1
    if start >= len(toks) or not index.is_and(conj) or not index.head_len(start) \
            or toks[start].norm in index.lex.not_before_name:
        return []
    end = title_phrase(index, names, start)
    if end - start <= index.head_len(start) or end in names.starts or index.hon_len(end):
        return []
    if end < len(toks) and (toks[end].norm in index.words.speaker_pronouns or toks[end].norm == _OWN):
        return []  # «رئیس دانشگاه و معاون آموزشی وی»: another person's post
    if end + 1 < len(toks) and toks[end].text in COMMAS and (end + 1 in names.starts or index.hon_len(end + 1)):
        return []  # «…، و TITLE، NAME»: the next name's apposition
    if _plural_verb_after(index, names, end):
        return []
    return split_and(index, start, end, TitleRule.TITLE_AFTER)


def _plural_verb_after(index: TokenIndex, names: NameTokens, k: int) -> bool:
    """The first verb from token k on in its sentence is plural («کردند»,
    «دارند»: the singular without «ند» or with «ند» → «د» is a verb too),
    and no «و NAME» before it makes the plural."""
    toks, forms = index.tokens, index.words.verb_forms
    sentence = toks[k].sentence if k < len(toks) else -1
    while k < len(toks) and toks[k].sentence == sentence:
        if index.is_and(k) and (k + 1 in names.starts or index.hon_len(k + 1)):
            return False
        if index.is_verb(k):
            verb = toks[k] if toks[k].norm in forms else toks[min(k + 1, len(toks) - 1)]
            key = verb.norm
            return key.endswith("ند") and (key[:-2] in forms or key[:-2] + "د" in forms)
        k += 1
    return False


def _parenthesized(index: TokenIndex, opening: int) -> list[TitleSpan]:
    """``NAME (TITLE)``: titles inside brackets closed within 15 tokens."""
    toks = index.tokens
    end = opening + 1
    while end < len(toks) and toks[end].text != ")" and end - opening < 15:
        end += 1
    if end < len(toks) and toks[end].text == ")":
        return split_and(index, opening + 1, end, TitleRule.PARENTHESIZED)
    return []


def _line_from(index: TokenIndex, j: int) -> TitleSpan:
    """A signature block's title line: token j to the end of its line."""
    toks = index.tokens
    end = j
    while end < len(toks) and (end == j or not toks[end].newline_before):
        end += 1
    return TitleSpan(j, end, TitleRule.SIGNATURE_BLOCK)


def signature_lines(index: TokenIndex, names: NameTokens, j: int) -> list[TitleSpan]:
    """The title lines under a signature's name line, from token j: the
    first, and up to two more that open with a head and are no line over
    another name («معاون وزیر / رئیس سازمان امور مالیاتی کشور»); «و» before a
    head splits a line into two titles."""
    out: list[TitleSpan] = []
    line = _line_from(index, j)
    while True:
        out.extend(split_and(index, line.start, line.end, TitleRule.SIGNATURE_BLOCK))
        k = line.end
        if len(out) > 2 or k >= len(index.tokens) or not index.head_len(k) or k in names.tokens:
            return out
        line = _line_from(index, k)
        if line.end - line.start > _MAX_PHRASE or line.end in names.starts:
            return out  # a long line is text; a title line over a name opens the next signature


def title_phrase(index: TokenIndex, names: NameTokens, i: int) -> int:
    """End (exclusive) of the title that starts with a head at token i: up to
    ten tokens, to a stop word, a verb, a name, punctuation or a line break."""
    toks = index.tokens
    j = i + max(1, index.head_len(i))
    limit, in_taken = i + _MAX_PHRASE, False
    while j < len(toks) and j < limit:
        if index.is_and(j):
            if index.head_len(j + 1) or not index.nameable(j + 1) or _next_item(index, j) \
                    or toks[j + 1].norm in index.words.title_stops:  # «... و جمعی از مدیران»
                break
            j += 1
            continue
        inside = 0 if in_taken else _in_place(index, names, i, j)
        if inside:  # «نماینده مردم X در مجلس», «سفیر ایران در چین», «در امور ...»
            j, in_taken = j + inside, True
            continue
        if toks[j].norm in index.words.inner_honorifics and not _ends_title(index, names, j + 1):
            j += 1  # «وزیر محترم کشور», «معاون محترم اول رئیس‌جمهور»: a courtesy inside the title
            continue
        if _ends_title(index, names, j):
            break
        j += 1
    return min(j, len(toks))


def _ends_title(index: TokenIndex, names: NameTokens, j: int) -> bool:
    """Token j is no word of the title before it: the text's end, a line
    break, punctuation, an honorific, a stop word, a name, a date, a verb, or
    a number before a unit («۵ هزار»)."""
    toks = index.tokens
    if j >= len(toks):
        return True
    t, stops = toks[j], index.words.title_stops
    if t.newline_before or t.is_punct or index.hon_len(j) or index.stop(j) or j in names.starts or j in index.in_date:
        return True
    if index.is_verb(j) or t.norm in stops:
        return True
    number = not t.is_word or t.norm in index.words.number_words
    return number and j + 1 < len(toks) and toks[j + 1].norm in stops


def _next_item(index: TokenIndex, conj: int) -> bool:
    """The «و» at token ``conj`` opens the next item of a list, «و NAME
    TITLE»: two words that could be a name (a given name first, or a word
    no lexicon knows), then a title head («... و بیوک جامعی پژوهشگر»)."""
    a, b = conj + 1, conj + 2
    if not (index.nameable(a) and index.nameable(b) and index.head_len(conj + 3)):
        return False
    seen = lexicon_words()
    return index.is_given(a, weak_ok=True) or index.tokens[a].norm not in seen or index.tokens[b].norm not in seen


def _in_place(index: TokenIndex, names: NameTokens, head: int, j: int) -> int:
    """How many tokens from token j, an «در», stay inside the title headed
    at token ``head`` (0: none): «در امور» (in a deputy's or an adviser's
    title) and «در» + an institution go on as the title does; a one-word place after the «در» of a title with a
    word that takes it («سفیر ایران در چین», «... نمایندگی ولی فقیه در
    دانشگاه‌ها») ends it."""
    words, toks = index.words, index.tokens
    if toks[j].norm != words.in_word or j + 1 >= len(toks) or toks[j + 1].newline_before:
        return 0
    after = toks[j + 1].norm
    if after in words.in_words:  # «در امور …» after a deputy's or an adviser's title
        return 2 if any(toks[k].norm in words.in_affairs_heads for k in range(head, j)) else 0
    takes_in = any(toks[k].norm in words.in_heads for k in range(head, j))
    if not takes_in or not index.nameable(j + 1) or _ends_title(index, names, j + 1):
        return 0
    if after in words.in_institutions:
        return 2
    one_word = after not in words.in_not_places and _ends_title(index, names, j + 2)
    return 2 if one_word else 0


def chain(index: TokenIndex, names: NameTokens, p: int, rule: TitleRule) -> list[TitleSpan]:
    """``NAME، TITLE، TITLE؛``: comma-separated titles from token p on, each
    segment opening with a head; a short headless segment continues the title
    before it («معاون سیاسی، امنیتی و اجتماعی استاندار»)."""
    toks = index.tokens
    out: list[TitleSpan] = []
    while p < len(toks):
        q = _segment_end(index, p)
        if q == p:
            break
        if index.head_len(p) and toks[p].norm not in index.lex.clause_words:
            open_end = q < len(toks) and toks[q].text not in COMMAS and toks[q].text not in ("؛", ";", ".")
            if q - p > _MAX_SEGMENT or open_end or _clause_after_head(index, names, p, q):
                # «NAME، رئیس جمهور آمریکا همان سیاست را ... گرفت», «…، TITLE در واکنش
                # به … گفت:»: the title is the phrase before the clause; «ریاست این
                # کنفرانس را بر عهده داشت» is none
                out.extend(_title_opening_clause(index, names, p, q, rule))
                break
            out.extend(split_and(index, p, q, rule))
        elif out and q - p <= _MAX_SEGMENT and not index.is_and(p) and (end := title_tail(index, names, p, q)) > p:
            out[-1] = TitleSpan(out[-1].start, end, out[-1].rule)
            if end < q:  # «رئیس اداره کار، معلولان و امور اجتماعی حضور داشتند»
                break
        else:
            break
        if q >= len(toks) or toks[q].text not in COMMAS:
            break
        p = q + 1
    return out


def _segment_end(index: TokenIndex, p: int) -> int:
    """End of the chain segment that starts at token p: the next comma,
    chain-ending mark or line break."""
    toks = index.tokens
    q = p
    while q < len(toks) and toks[q].text not in COMMAS and toks[q].text not in CHAIN_END \
            and not (q > p and toks[q].newline_before):
        q += 1
    return q


def _clause_after_head(index: TokenIndex, names: NameTokens, p: int, q: int) -> bool:
    toks, clause = index.tokens, index.lex.clause_words
    return any((toks[k].norm in clause and k not in index.in_phrase) or index.hon_len(k) or k in names.tokens
               or index.is_verb(k) for k in range(p + 1, q))


def _title_opening_clause(index: TokenIndex, names: NameTokens, p: int, q: int, rule: TitleRule) -> list[TitleSpan]:
    """The title phrases at the start of a chain segment that goes on as a
    clause (two when «و» joins them); none when the head never opens a title
    before a name («ریاست»)."""
    toks, out = index.tokens, []
    while p < q and index.head_len(p) and toks[p].norm not in index.lex.not_before_name \
            and not (index.head_len(p) == 1 and index.is_given(p, weak_ok=True)):  # «، معین خرسندی و ...»
        end = min(title_phrase(index, names, p), q)
        out.append(TitleSpan(p, end, rule))
        if not (end + 1 < q and index.is_and(end) and index.head_len(end + 1)):
            break
        p = end + 1  # «نماینده ولی فقیه در استان و امام جمعه بوشهر نیز …»: two titles
    return out


def title_tail(index: TokenIndex, names: NameTokens, p: int, q: int) -> int:
    """End of a short headless segment that continues the title before its
    comma (up to four words, no stop word but «و»), or p. The segment may
    end the sentence with a verb of stop words only («حضور داشتند»)."""
    toks, lex = index.tokens, index.lex
    k = p
    while k < q and toks[k].is_word and k not in names.tokens and not index.hon_len(k) \
            and (not index.stop(k) or index.is_and(k)):
        k += 1
    if k - p > 4:
        return p
    if k < q and not (toks[k].norm in lex.clause_words and q < len(toks) and toks[q].text in (".", "؛")
                      and all(toks[x].norm in lex.stops for x in range(k, q))):
        return p
    return k


def split_and(index: TokenIndex, s: int, e: int, rule: TitleRule) -> list[TitleSpan]:
    """Two positions joined by «و» are two titles; an «و» inside one office
    name (not followed by a head) stays."""
    parts, start = [], s
    for k in range(s + 1, e - 1):
        if index.is_and(k) and index.head_len(k + 1):
            parts.append(TitleSpan(start, k, rule))
            start = k + 1
    parts.append(TitleSpan(start, e, rule))
    return [p for p in parts if p.end > p.start]


def alone_on_line(index: TokenIndex, name: NameSpan) -> bool:
    """Signature block: the name (with its honorifics) is a whole line
    («جناب آقای دکتر NAME»)."""
    first = honorifics_start(index, name.first)
    if first > 0 and not index.tokens[first].newline_before and index.tokens[first - 1].norm in index.words.address_openers:
        first -= 1  # «حضرت آیت‌الله NAME» over «رئیس محترم قوه قضاییه»
    return index.tokens[first].newline_before or first == 0


def honorifics_start(index: TokenIndex, first: int) -> int:
    """The first token of the honorifics right before a name («حجت‌الاسلام
    و المسلمین», «آقای دکتر»)."""
    moved = True
    while moved:
        moved = False
        for k in range(max(0, first - 4), first):
            if index.hon_len(k) and k + index.hon_len(k) == first:
                first, moved = k, True
                break
    return first


# ----------------------------------------------------------- before a name
def titles_before(index: TokenIndex, names: NameTokens, used: AbstractSet[int], name: NameSpan,
                  has_titles_after: bool) -> list[TitleSpan]:
    """The first rule that gives titles before the name: a chain, a title
    right before it, or a title line above it; none on a used token."""
    first = name.first
    if name.rule is NameRule.QUOTED:
        first -= 1  # the opening «
    spans = titles_before_chain(index, names, used, name, first) or _apposed_before(index, names, first) \
        or ([] if has_titles_after else title_line_above(index, names, used, name, first))
    return [sp for sp in spans if not any(k in used for k in range(sp.start, sp.end))]


def _apposed_before(index: TokenIndex, names: NameTokens, first: int) -> list[TitleSpan]:
    """A title right before the name, but not a bare relational head («مشاور
    «جو بایدن»», «سخنگوی پوتین» are someone else's post *of* the name) nor a
    byline's reporter."""
    spans = title_before(index, names, first)
    relational = index.words.relational_heads
    return [sp for sp in spans
            if not (sp.end - sp.start <= index.head_len(sp.start) and _head_word(index, sp.start) in relational)
            and not _after_byline(index, sp.start)]


def _head_word(index: TokenIndex, k: int) -> str:
    """The head of a title that opens at token k, past an ordinal («نخستین مربی»)."""
    toks = index.tokens
    return toks[k + 1].norm if toks[k].norm in index.words.title_ordinals and k + 1 < len(toks) else toks[k].norm


def _after_byline(index: TokenIndex, k: int) -> bool:
    """Token k follows «به گزارش» / «به نقل از»: «به گزارش خبرنگار پارلمانی
    فارس NAME …» is the reporter's byline, not NAME's title."""
    return any(index.phrase_at(k - n, index.lex.byline_openers, k) == n for n in (2, 3) if k - n >= 0)


def title_before(index: TokenIndex, names: NameTokens, i: int) -> list[TitleSpan]:
    """A title right before a name starting at token i (or before its honorific)."""
    toks, lex = index.tokens, index.lex
    k = i - 1
    if k > 0 and toks[k].norm == "-" and not toks[k].newline_before:
        return title_line_before_dash(index, names, k)
    if k >= 0 and toks[k].text in OPENING_QUOTES:
        k -= 1
    if k >= 0 and index.is_and(k):
        return []  # «... مدیرکل نوسازی مدارس و NAME»: the title is the item's before
    best = None
    steps = 0
    while k >= 0 and steps < 7 and not toks[k].is_punct and not toks[k + 1].newline_before:
        if (index.stop(k) and toks[k].norm not in lex.inner) or k in names.tokens or toks[k].norm in index.words.title_stops:
            break
        if index.head_len(k) and toks[k].norm not in lex.not_before_name:
            best = k
        k -= 1
        steps += 1
    if best is None:
        return []
    end = i - 1 if i > 0 and toks[i - 1].text in OPENING_QUOTES else i
    if end - 1 > best and toks[end - 1].norm in index.words.inner_honorifics:
        end -= 1  # «رئیس‌جمهور محترم آقای NAME»
    return [TitleSpan(best, end, TitleRule.TITLE_BEFORE)]


def title_line_before_dash(index: TokenIndex, names: NameTokens, dash: int) -> list[TitleSpan]:
    """A signature line «TITLE - NAME»: the title opens the line and runs
    to the dash (at most eight words, no punctuation)."""
    toks = index.tokens
    s = dash - 1
    while s > 0 and not toks[s].newline_before and dash - s < 8:
        s -= 1
    if not (s == 0 or toks[s].newline_before) or not index.head_len(s) or toks[s].norm in index.lex.not_before_name:
        return []
    if any(toks[k].is_punct or k in names.tokens for k in range(s, dash)):
        return []
    return [TitleSpan(s, dash, TitleRule.DASH_BEFORE)]


def title_line_above(index: TokenIndex, names: NameTokens, used: AbstractSet[int], name: NameSpan,
                     first: int) -> list[TitleSpan]:
    """Signature block with the title above: a short line that starts
    with a title head, right above a line that is only the name."""
    toks = index.tokens
    if first <= 0 or not toks[first].newline_before or (name.end < len(toks) and not toks[name.end].newline_before):
        return []
    k = first - 1
    while k > 0 and not toks[k].newline_before:
        k -= 1
    if first - k > 8 or not index.head_len(k) or toks[k].norm in index.lex.not_before_name:
        return []
    if any(toks[m].is_punct or m in names.tokens or m in used for m in range(k, first)):
        return []
    return split_and(index, k, first, TitleRule.SIGNATURE_BLOCK)


def titles_before_chain(index: TokenIndex, names: NameTokens, used: AbstractSet[int], name: NameSpan,
                        first: int) -> list[TitleSpan]:
    """``TITLE، TITLE، NAME؛``: comma-separated titles before the name, when the
    name closes the apposition (followed by a comma, «؛» or a full stop)."""
    toks = index.tokens
    after = name.end + (1 if name.end < len(toks) and toks[name.end].text in CLOSING_QUOTES else 0)
    closed = after >= len(toks) or toks[after].text in ("،", ",", "؛", ".", ";")
    if first <= 0 or toks[first - 1].text not in COMMAS:
        return []
    if not (closed or name.honorific_start >= 0 or last_list_item(index, first - 1)):
        return []
    return _segments_before(index, names, used, first - 1, closed)


def _segments_before(index: TokenIndex, names: NameTokens, used: AbstractSet[int], q: int,
                     closed: bool) -> list[TitleSpan]:
    """The chain's segments, from the comma at token q backwards."""
    toks, lex = index.tokens, index.lex
    out: list[TitleSpan] = []
    while q > 0 and toks[q].text in COMMAS:
        seg_s = index.segment_start(q)
        p = seg_s - 1
        heads = [k for k in range(seg_s, q) if index.head_len(k) and toks[k].norm not in lex.not_before_name]
        if not heads or q - heads[0] > _MAX_SEGMENT or any(
            k in used or k in names.tokens or index.hon_len(k) for k in range(heads[0], q)
        ):
            break
        # «به گزارش خبرنگار ...، حجت‌الاسلام X»: a byline, not X's title; without
        # the apposition closing after the name, the title must fill its segment
        byline = index.phrase_at(seg_s, lex.byline_openers, q) > 0
        lead = seg_s + 1 if last_list_item(index, q) else seg_s
        if byline or (not closed and heads[0] != lead):
            break
        opened = _opened_before(index, names, used, p, seg_s, heads[0])
        if opened is not None:  # «معاون سیاسی، امنیتی و اجتماعی استاندار کرمانشاه، NAME»
            out.append(TitleSpan(opened, q, TitleRule.CHAIN_BEFORE))
            break
        out.extend(split_and(index, heads[0], q, TitleRule.CHAIN_BEFORE))
        if heads[0] != seg_s or p < 0 or toks[p].text not in COMMAS:
            break
        q = p
    return out


def _opened_before(index: TokenIndex, names: NameTokens, used: AbstractSet[int], comma: int, seg_s: int,
                   head: int) -> int | None:
    """Where a title starts that a comma splits: the words before this
    segment's head are a short headless run, and the segment before the
    comma is a short one that opens with a head («معاون سیاسی،»)."""
    toks, lex = index.tokens, index.lex
    if head == seg_s or comma < 0 or toks[comma].text not in COMMAS or title_tail(index, names, seg_s, head) != head:
        return None
    s = index.segment_start(comma)
    if not index.head_len(s) or toks[s].norm in lex.not_before_name or comma - s > 4:
        return None
    if any(not toks[k].is_word or k in names.tokens or k in used
           or (index.stop(k) and toks[k].norm not in lex.inner) for k in range(s, comma)):
        return None
    return s


def last_list_item(index: TokenIndex, comma: int) -> bool:
    """The segment ending at this comma opens a list's last item, «؛ و …»
    («…؛ و مدیرکل ورزش استان، مهدی رستمی حضور داشتند»): the name then
    closes the item though a verb follows it."""
    toks = index.tokens
    p = index.segment_start(comma) - 1
    return p >= 0 and toks[p].text in ("؛", ";") and p + 1 < comma and index.is_and(p + 1)
