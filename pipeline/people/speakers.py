"""Speakers written as a title: a news lead names the position, not the
person («استاندار گیلان گفت: …»), and the next sentence that introduces a
person names the speaker («به گزارش خبرگزاری فارس از رشت، NAME امروز …
افزود»). The title goes to that person when the sentence introduces exactly
one new person, as the subject of a speech verb, who has no title of his
own there.

A title-only speaker is a title head at a clause's start (a sentence or a
line, after «:» or after a byline «به گزارش …،») whose phrase is no name's
title and is followed, in its sentence, by a speech verb (or by «:», as in
a headline «TITLE: …»).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import AbstractSet, Iterator, Mapping, Sequence

from ..document import Person
from ..wordlists import lookup_key
from .spans import NameTokens, TitleRule, TitleSpan
from .titles import add_title, honorifics_start, over_listed_office, title_mention, title_phrase
from .tokens import CLOSING_QUOTES, COMMAS, OPENING_QUOTES, TokenIndex

# marks after which a token opens a clause
_CLAUSE_MARKS = frozenset(":.؛;!?؟")
# sentences a speaker tag looks back for the speaker before it
_BACK = 4


@dataclass(frozen=True)
class Speaker:
    span: TitleSpan     # the title written alone
    sentence: int       # its sentence
    key: str            # its folded text, to tell two titles apart


@dataclass(frozen=True)
class Introduction:
    person: Person
    first: int          # the token of its first mention (its honorific's, if any)
    end: int            # one past the mention's last token
    sentence: int


@dataclass(frozen=True)
class Later:
    """The speakers after one of them, in text order, without copying the
    list for each speaker (a copy each made a document of many short
    speaker lines quadratic: issue 22)."""
    speakers: Sequence[Speaker]
    start: int

    def before(self, token: int) -> Iterator[Speaker]:
        """Those that start before ``token``."""
        for k in range(self.start, len(self.speakers)):
            if self.speakers[k].span.start >= token:
                return
            yield self.speakers[k]


def link_speakers(index: TokenIndex, people: Sequence[Person], held: NameTokens, used: AbstractSet[int]) -> None:
    """Give each title-only speaker's title to its person (see the module's
    docstring); a title someone holds already is left to the coreference of
    titles written alone."""
    speakers = speaker_titles(index, held, used)
    if not speakers:
        return
    named = person_mentions(index, people)
    intros = first_mentions(named)
    tagged: dict[int, Person] = {}   # sentence → the person its title-only speaker is
    for n, sp in enumerate(speakers):
        holders = [p for p in people if any(lookup_key(t.text) == sp.key for t in p.titles)]
        person = holders[0] if len(holders) == 1 else None
        if not holders:
            person = _speaker_of(index, sp, Later(speakers, n + 1), named, intros, tagged)
        if person is not None:
            tagged[sp.sentence] = person


def _speaker_of(index: TokenIndex, sp: Speaker, later: Later, named: Sequence[Introduction],
                intros: Sequence[Introduction], tagged: dict[int, Person]) -> Person | None:
    """The person a title-only speaker is, given the title: the speaker just
    before it (unless «نیز» makes it another), else the one the next
    sentences introduce."""
    mention = title_mention(index, sp.span)
    after = speaker_named_after(index, sp, later, intros)
    if after is not None and _named_next(index, sp, after, intros):
        after.titles.append(mention)  # «TITLE گفت: …» then «NAME افزود: …»: the tag opens the new speaker
        return after
    earlier = None if _another_speaker(index, sp) else speaker_before(index, sp, named, tagged)
    if earlier is not None:
        if _second_post(index, earlier, sp):
            add_title(earlier, mention, shorter_is_known=True)
        return earlier
    if after is not None:
        after.titles.append(mention)
    return after


def _named_next(index: TokenIndex, sp: Speaker, person: Person, intros: Sequence[Introduction]) -> bool:
    """The person is introduced in the very next sentence after the speaker tag."""
    return any(x.person is person and x.sentence == sp.sentence + 1 for x in intros)


def speaker_titles(index: TokenIndex, held: NameTokens, used: AbstractSet[int]) -> list[Speaker]:
    """The title-only speakers of the document, in text order."""
    toks, out = index.tokens, []
    i = 0
    while i < len(toks):
        end = _speaker_at(index, held, used, i) if index.head_len(i) else 0
        if end:
            span = TitleSpan(i, end, TitleRule.LEAD_SPEAKER)
            out.append(Speaker(span, toks[i].sentence, lookup_key(title_mention(index, span).text)))
            i = end
        else:
            i += 1
    return out


def _speaker_at(index: TokenIndex, held: NameTokens, used: AbstractSet[int], i: int) -> int:
    """End of the title-only speaker that starts at token i, or 0."""
    toks = index.tokens
    if toks[i].norm in index.lex.not_before_name or not opens_clause(index, i):
        return 0
    end = over_listed_office(index, held, title_phrase(index, held, i))
    if end - i < 2:
        return 0  # «استاندار در این آیین …»: a one-word title refers back, it names no post
    if any(k in used or k in held.tokens for k in range(i, end)):
        return 0
    if end < len(toks) and (end in held.starts or toks[end].norm == index.words.object_marker
                            or index.is_and(end) or toks[end].text in COMMAS):
        return 0  # «TITLE NAME», «TITLE را ...», «TITLE و ...», «TITLE، NAME»: no speaker alone
    if end < len(toks) and toks[end].text == ":" and not toks[end].newline_before:
        return end  # a headline «TITLE: …»
    return end if speaks_after(index, end) > 0 else 0


def opens_clause(index: TokenIndex, i: int) -> bool:
    """Token i opens a sentence, a line, a clause after «:», or the clause
    after a byline («به گزارش خبرگزاری فارس از رشت، …»)."""
    toks = index.tokens
    if i == 0 or toks[i].newline_before or toks[i].sentence != toks[i - 1].sentence:
        return True
    before = toks[i - 1].text
    if before == ":":
        return i < 2 or not index.is_verb(i - 2)  # «… گفت: TITLE …» opens a quote, «خبرگزاری فارس: TITLE» a lead
    if before in _CLAUSE_MARKS:
        return True
    if before not in COMMAS:
        return False
    start = index.segment_start(i - 1)
    return index.phrase_at(start, index.lex.byline_openers, i - 1) > 0


def speaks_after(index: TokenIndex, k: int) -> int:
    """The speech verb that follows token k in its sentence (before any «:»
    that opens a quote), or 0."""
    toks, verbs = index.tokens, index.words.speech_verbs
    sentence = toks[k].sentence if k < len(toks) else -1
    while k < len(toks) and toks[k].sentence == sentence:
        if toks[k].norm in verbs:
            return k
        if toks[k].text == ":":
            return 0
        k += 1
    return 0


def person_mentions(index: TokenIndex, people: Sequence[Person]) -> list[Introduction]:
    """Every mention of every person (its honorific included), in text order."""
    toks, out = index.tokens, []
    for p in people:
        for m in p.mentions:
            first = bisect_left(index.starts, m.start)
            if first < len(toks):
                end = bisect_left(index.starts, m.end)
                out.append(Introduction(p, honorifics_start(index, first), end, toks[first].sentence))
    out.sort(key=lambda x: x.first)
    return out


def first_mentions(named: Sequence[Introduction]) -> list[Introduction]:
    """Where each person is first named, in text order."""
    seen: set[int] = set()
    out = []
    for x in named:
        if id(x.person) not in seen:
            seen.add(id(x.person))
            out.append(x)
    return out


def _second_post(index: TokenIndex, person: Person, sp: Speaker) -> bool:
    """A title-only tag on the speaker before gives him a post (a second
    one under another head: «جانشین رئیس ستاد ...» after «معاون استاندار
    ...»); under the head of a post he holds it is a shorter wording of that
    post («دبیر حزب استان» for «دبیر کمیته حزبی استان»)."""
    head = index.tokens[sp.span.start].norm
    return all(lookup_key(t.text.split()[0]) != head for t in person.titles if t.text.split())


def _another_speaker(index: TokenIndex, sp: Speaker) -> bool:
    """«TITLE (در تنگستان) نیز … گفت»: a speaker other than the one before."""
    toks, verb = index.tokens, speaks_after(index, sp.span.end)
    return any(toks[k].norm in index.words.another_speaker for k in range(sp.span.end, verb or sp.span.end + 1))


def speaker_before(index: TokenIndex, sp: Speaker, named: Sequence[Introduction],
                   tagged: Mapping[int, Person]) -> Person | None:
    """The person who spoke just before the speaker tag ``sp`` (written as a
    title): the named subject of a speech verb, or the person of a speaker
    tag already resolved (``tagged``), in the sentence before it or before
    the sentences that go on with «وی … گفت»."""
    toks, pronouns = index.tokens, index.words.speaker_pronouns
    firsts = _sentence_firsts(index, sp.sentence - _BACK, sp.span.start + 1)
    for s in range(sp.sentence - 1, max(-1, sp.sentence - 1 - _BACK), -1):
        if s not in firsts or s + 1 in firsts and _blank_line_before(index, firsts[s + 1]):
            return None  # a new block (headline, lead, body) has its own speaker
        if s in tagged:
            return tagged[s]
        subjects = [x for x in named if x.sentence == s and not _quoted(index, x) and is_subject_speaker(index, x)]
        if subjects:
            person = subjects[0].person
            return None if _spoken_of(person, sp, named) else person
        first = firsts[s]
        if toks[first].norm in pronouns and speaks_after(index, first):
            continue  # «وی افزود: …»: the same speaker goes on
        return None  # another sentence, or a heading (a digest's next item)
    return None


def _spoken_of(person: Person, sp: Speaker, named: Sequence[Introduction]) -> bool:
    """The speaker tag's sentence names the person («TITLE درباره تعارف NAME
    …»), or a fuller form of the name: he is who it speaks of, not the speaker."""
    words = set(person.name.split())
    return any(x.sentence == sp.sentence and (x.person is person or words <= set(x.person.name.split()))
               for x in named)


def _blank_line_before(index: TokenIndex, k: int) -> bool:
    """An empty line lies between token k and the one before it."""
    if k <= 0:
        return False
    toks = index.tokens
    gap = index.text[toks[k - 1].end:toks[k].start]
    return gap.count("\n") >= 2


def _sentence_firsts(index: TokenIndex, from_sentence: int, before: int) -> dict[int, int]:
    """The first token of each sentence from ``from_sentence`` on that starts before token ``before``."""
    toks, out = index.tokens, {}
    for k in range(before - 1, -1, -1):
        if toks[k].sentence < from_sentence:
            break
        out[toks[k].sentence] = k
    return out


def speaker_named_after(index: TokenIndex, sp: Speaker, later: Later,
                        intros: Sequence[Introduction]) -> Person | None:
    """The one person the first sentence after the speaker's that names a
    new person introduces, if it is that sentence's speaker."""
    window = index.words.speaker_window
    new = [x for x in intros if x.first >= sp.span.end and x.sentence > sp.sentence]
    if not new or new[0].sentence > sp.sentence + window:
        return None
    if any(o.key != sp.key for o in later.before(new[0].first)):
        return None  # another title speaks first: the name is more likely its
    if _pronoun_opens(index, sp.span.end, new[0].first):
        return None  # «وی … گفت» in between: the speaker is referred back to, not named
    same = [x for x in new if x.sentence == new[0].sentence and not _quoted(index, x)]
    if len(same) != 1 or not is_subject_speaker(index, same[0]):
        return None
    return same[0].person if not _titled_in(index, same[0]) else None


def _pronoun_opens(index: TokenIndex, a: int, b: int) -> bool:
    """A sentence that starts between tokens a and b opens with a pronoun
    («وی»), or one comes right after a byline («به گزارش …، وی …»)."""
    toks, pronouns = index.tokens, index.words.speaker_pronouns
    return any(toks[k].norm in pronouns and (k == 0 or toks[k].sentence != toks[k - 1].sentence
                                              or opens_clause(index, k)) for k in range(a, b))


def _quoted(index: TokenIndex, intro: Introduction) -> bool:
    """The name stands after a «:» of its sentence: inside a quote."""
    toks = index.tokens
    k = intro.first - 1
    while k >= 0 and toks[k].sentence == intro.sentence:
        if toks[k].text == ":":
            return True
        k -= 1
    return False


def is_subject_speaker(index: TokenIndex, intro: Introduction) -> bool:
    """The name is the subject of its sentence's speech verb: no preposition
    or «و» right before it, no «:» before it in its sentence (a quote), no
    «را» after it, a speech verb after it and no «نیز» before that verb."""
    toks, words = index.tokens, index.words
    first = intro.first - (1 if intro.first > 0 and toks[intro.first - 1].text in OPENING_QUOTES else 0)
    end = intro.end + (1 if intro.end < len(toks) and toks[intro.end].text in CLOSING_QUOTES else 0)
    if first > 0 and toks[first - 1].norm in words.not_subject_before:
        return False
    if end >= len(toks) or toks[end].norm == words.object_marker:
        return False
    if _quoted(index, intro):
        return False  # a name the speaker mentions
    verb = speaks_after(index, end)
    # «NAME نیز گفت»: another speaker than the one before
    return verb > 0 and not any(toks[k].norm in words.another_speaker for k in range(end, verb))


def _titled_in(index: TokenIndex, intro: Introduction) -> bool:
    """The person has a title of its own in the sentence that introduces it."""
    toks = index.tokens
    a = b = intro.first
    while a > 0 and toks[a - 1].sentence == intro.sentence:
        a -= 1
    while b + 1 < len(toks) and toks[b + 1].sentence == intro.sentence:
        b += 1
    lo, hi = toks[a].start, toks[b].end
    return any(lo <= t.start < hi for t in intro.person.titles)
