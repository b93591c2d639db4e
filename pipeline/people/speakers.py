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
from .titles import HeldTitles, honorifics_start, over_listed_office, title_mention, title_phrase
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


@dataclass(frozen=True)
class Introductions:
    """Mentions in text order, looked up by sentence and by token: a speaker
    asks about the few near it, not about every mention (a walk over all of
    them per speaker made a document of many speakers quadratic: issue 22)."""
    items: Sequence[Introduction]
    firsts: Sequence[int]                   # each item's first token
    by_sentence: Mapping[int, list[int]]    # sentence → its items' places in ``items``

    @classmethod
    def of(cls, items: Sequence[Introduction]) -> Introductions:
        by_sentence: dict[int, list[int]] = {}
        for k, x in enumerate(items):
            by_sentence.setdefault(x.sentence, []).append(k)
        return cls(items, [x.first for x in items], by_sentence)

    def in_sentence(self, sentence: int, from_item: int = 0) -> list[Introduction]:
        """The items of a sentence, from the ``from_item``-th item on."""
        places = self.by_sentence.get(sentence, [])
        return [self.items[k] for k in places[bisect_left(places, from_item):]]


@dataclass
class NextIntroduction:
    """The first introduction after each speaker, found by one pointer that
    only moves forward: speakers are asked about in text order."""
    intros: Introductions
    at: int = 0

    def after(self, token: int, sentence: int) -> int:
        """The place of the first introduction at or after ``token`` in a
        sentence after ``sentence``, or len(items). Both arguments never
        decrease from call to call, so nothing the pointer passed is wanted again."""
        items = self.intros.items
        self.at = max(self.at, bisect_left(self.intros.firsts, token))
        while self.at < len(items) and items[self.at].sentence <= sentence:
            self.at += 1
        return self.at


class TitleHolders:
    """The people who hold each title (by its folded text), kept up to date
    as speakers add titles: one lookup per speaker, not a walk over every
    person's titles (issue 22)."""

    def __init__(self, people: Sequence[Person]) -> None:
        self._holders: dict[str, list[Person]] = {}
        self._seen: dict[int, int] = {}     # id(person) → its titles already counted
        for p in people:
            self.update(p)

    def of(self, key: str) -> list[Person]:
        return self._holders.get(key, [])

    def update(self, person: Person) -> None:
        """Count the titles given to ``person`` since the last update (titles are only appended)."""
        for t in person.titles[self._seen.get(id(person), 0):]:
            holders = self._holders.setdefault(lookup_key(t.text), [])
            if not any(h is person for h in holders):
                holders.append(person)
        self._seen[id(person)] = len(person.titles)


def link_speakers(index: TokenIndex, people: Sequence[Person], held: NameTokens, used: AbstractSet[int]) -> None:
    """Give each title-only speaker's title to its person (see the module's
    docstring); a title someone holds already is left to the coreference of
    titles written alone."""
    speakers = speaker_titles(index, held, used)
    if not speakers:
        return
    named = person_mentions(index, people)
    intros = Introductions.of(first_mentions(named))
    context = SpeakerContext(Introductions.of(named), intros, NextIntroduction(intros),
                             {id(x.person): x for x in intros.items})
    holding, given = TitleHolders(people), HeldTitles()
    tagged: dict[int, Person] = {}   # sentence → the person its title-only speaker is
    for n, sp in enumerate(speakers):
        holders = holding.of(sp.key)
        person = holders[0] if len(holders) == 1 else None
        if not holders:
            person = _speaker_of(index, sp, Later(speakers, n + 1), context, tagged, given)
            if person is not None:
                holding.update(person)  # _speaker_of gives a title to the person it returns only
        if person is not None:
            tagged[sp.sentence] = person


@dataclass(frozen=True)
class SpeakerContext:
    """What a speaker's person is looked for among: every mention of a person,
    the first mention of each, and where each person is first mentioned."""
    named: Introductions
    intros: Introductions
    next_intro: NextIntroduction
    first_of: Mapping[int, Introduction]    # id(person) → its first mention


def _speaker_of(index: TokenIndex, sp: Speaker, later: Later, context: SpeakerContext,
                tagged: dict[int, Person], given: HeldTitles) -> Person | None:
    """The person a title-only speaker is, given the title: the speaker just
    before it (unless «نیز» makes it another), else the one the next
    sentences introduce."""
    mention = title_mention(index, sp.span)
    after = speaker_named_after(index, sp, later, context)
    if after is not None and context.first_of[id(after)].sentence == sp.sentence + 1:
        # introduced in the very next sentence: «TITLE گفت: …» then «NAME افزود: …», the tag opens the new speaker
        after.titles.append(mention)
        return after
    earlier = None if _another_speaker(index, sp) else speaker_before(index, sp, context.named, tagged)
    if earlier is not None:
        if _second_post(index, earlier, sp):
            given.add(earlier, mention, shorter_is_known=True)
        return earlier
    if after is not None:
        after.titles.append(mention)
    return after


def speaker_titles(index: TokenIndex, held: NameTokens, used: AbstractSet[int]) -> list[Speaker]:
    """The title-only speakers of the document, in text order."""
    toks, out = index.tokens, []
    free = 0   # tokens before this one belong to a speaker found
    for i in index.head_starts():   # a speaker starts with a title head
        end = _speaker_at(index, held, used, i) if i >= free else 0
        if end:
            span = TitleSpan(i, end, TitleRule.LEAD_SPEAKER)
            out.append(Speaker(span, toks[i].sentence, lookup_key(title_mention(index, span).text)))
            free = end
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


def speaker_before(index: TokenIndex, sp: Speaker, named: Introductions,
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
        subjects = [x for x in named.in_sentence(s) if not _quoted(index, x) and is_subject_speaker(index, x)]
        if subjects:
            person = subjects[0].person
            return None if _spoken_of(person, sp, named) else person
        first = firsts[s]
        if toks[first].norm in pronouns and speaks_after(index, first):
            continue  # «وی افزود: …»: the same speaker goes on
        return None  # another sentence, or a heading (a digest's next item)
    return None


def _spoken_of(person: Person, sp: Speaker, named: Introductions) -> bool:
    """The speaker tag's sentence names the person («TITLE درباره تعارف NAME
    …»), or a fuller form of the name: he is who it speaks of, not the speaker."""
    words = set(person.name.split())
    return any(x.person is person or words <= set(x.person.name.split()) for x in named.in_sentence(sp.sentence))


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


def speaker_named_after(index: TokenIndex, sp: Speaker, later: Later, context: SpeakerContext) -> Person | None:
    """The one person the first sentence after the speaker's that names a
    new person introduces, if it is that sentence's speaker."""
    window = index.words.speaker_window
    # the introductions from the speaker's end on, in later sentences: from place ``at`` on
    intros = context.intros
    at = context.next_intro.after(sp.span.end, sp.sentence)
    if at == len(intros.items) or intros.items[at].sentence > sp.sentence + window:
        return None
    first = intros.items[at]
    if any(o.key != sp.key for o in later.before(first.first)):
        return None  # another title speaks first: the name is more likely its
    if _pronoun_opens(index, sp.span.end, first.first):
        return None  # «وی … گفت» in between: the speaker is referred back to, not named
    # items from ``at`` on in ``first``'s sentence all start after the speaker and sentence
    same = [x for x in intros.in_sentence(first.sentence, at) if not _quoted(index, x)]
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
