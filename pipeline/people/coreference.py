"""From mentions to people: the names found are merged into one Person per
human (the same name, or a shorter form that ends a fuller one), and later
mentions with no cue of their own are linked to the one person they can
refer to: a bare surname, or a title written alone (never when two people
could be meant)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import AbstractSet, Iterable, Sequence

from ..document import Person, Span
from ..wordlists import lookup_key
from .spans import NameRule, NameSpan, NameTokens, TitledName, TitleRule
from .speakers import link_speakers
from .titles import HeldTitles, TitlesByWord, title_mention, titles_after
from .tokens import TokenIndex

# rules whose titles end where the words stop looking like a title, not at
# punctuation: they may run on into the clause
_RUN_ON = frozenset({TitleRule.TITLE_AFTER.value, TitleRule.APPOINTED_AS.value, TitleRule.LEAD_SPEAKER.value})


def resolve(index: TokenIndex, titled: Sequence[TitledName], held: NameTokens,
            used: AbstractSet[int]) -> list[Person]:
    """The people of the document. ``held``: where the names are; ``used``:
    the tokens of titles found after names (neither is a later mention)."""
    people = merge_mentions(index, titled)
    later = link_surnames(index, people, held, used)
    link_speakers(index, people, held, used)
    used = used | titles_after_surnames(index, later, held)
    for p in people:
        drop_shorter_forms(p)
    link_titles(index, people, held, used)
    return people


def drop_shorter_forms(person: Person) -> None:
    """A title whose words all lie in another title of the same person is a
    shorter form of that post («فرماندار راور» beside «فرماندار شهرستان
    راور»): a coreferent mention, not a second title. But a title that
    punctuation closes stays, and the longer one goes, when the longer is
    the same words run on without punctuation («رئیس جمهور آمریکا» beside
    «رئیس جمهور آمریکا مشورت بدی»)."""
    titles = person.titles
    words = [[lookup_key(w) for w in t.text.split()] for t in titles]
    by_word = TitlesByWord()
    by_word.catch_up(titles)
    word_sets = by_word.words
    drop: set[int] = set()
    # the pairs (k, m), k ≠ m, where title m holds every word of title k, by k
    # then m: m is looked for among the titles that hold k's rarest word (issue
    # 22: one person with hundreds of titles made every pair a check)
    pairs = ((k, m) for k, ws in enumerate(word_sets) for m in by_word.holding(ws) if m != k)
    for k, m in pairs:
        if k in drop or m in drop or not _shorter(word_sets[k], word_sets[m], k < m):
            continue
        run_on = titles[m].rule in _RUN_ON and titles[k].rule not in _RUN_ON \
            and words[m][:len(words[k])] == words[k]
        drop.add(m if run_on else k)
    for k in sorted(drop):
        person.coreferent_titles.append(Span(titles[k].start, titles[k].end, titles[k].text))
    person.titles = [t for k, t in enumerate(titles) if k not in drop]


def _shorter(a: frozenset[str], b: frozenset[str], a_first: bool) -> bool:
    """Title words ``a`` are a shorter form of ``b`` (the same words: the later one is)."""
    return a < b or (a == b and not a_first)


def merge_mentions(index: TokenIndex, titled: Sequence[TitledName]) -> list[Person]:
    """One Person per human: same name, or a shorter form that ends the full name."""
    toks = index.tokens
    people: list[Person] = []
    keys: list[list[str]] = []   # each person's name, as token keys
    given = HeldTitles()
    for item in titled:
        n = item.name
        a, b = toks[n.start].start, toks[n.end - 1].end
        text = index.text[a:b]
        words = [t.norm for t in toks[n.start:n.end]]
        x = _same_person(keys, words)
        if x is None:
            people.append(Person(name=text))
            keys.append(words)
            x = len(people) - 1
        else:
            _add_form(people[x], keys, x, text, words)
        target = people[x]
        target.mentions.append(Span(a, b, text))
        if n.honorific and n.honorific not in target.honorifics:
            target.honorifics.append(n.honorific)
        for span in item.titles:
            given.add(target, title_mention(index, span))
    return people


def _same_person(keys: list[list[str]], words: list[str]) -> int | None:
    """The first person whose name is these words, or ends with them, or is
    the end of them."""
    for x, ks in enumerate(keys):
        if ks == words or (len(words) < len(ks) and ks[-len(words):] == words) \
                or (len(ks) < len(words) and words[-len(ks):] == ks):
            return x
    return None


def _add_form(person: Person, keys: list[list[str]], x: int, text: str, words: list[str]) -> None:
    """Another form of person x's name: a fuller one becomes the name."""
    if len(words) > len(keys[x]):
        person.aliases.append(person.name)
        person.name, keys[x] = text, words
    elif text != person.name and text not in person.aliases:
        person.aliases.append(text)


def link_surnames(index: TokenIndex, people: list[Person], held: NameTokens,
                  used: AbstractSet[int]) -> list[tuple[Person, int]]:
    """A later bare surname is a mention of the one person whose full name
    ends with it (skipped when two people share it, or when the surname is
    also a common word). Returns each person linked and the surname's token."""
    by_surname: dict[str, list[Person]] = {}
    for p in people:
        words = [lookup_key(w) for w in p.name.split()]
        if len(words) >= 2:
            by_surname.setdefault(words[-1], []).append(p)
    linked: list[tuple[Person, int]] = []
    if not by_surname:
        return linked
    lex = index.lex
    for i in index.positions(by_surname.keys()):
        t, owners = index.tokens[i], by_surname[index.tokens[i].norm]
        if len(owners) > 1 or i in held.tokens or i in used:
            continue
        p = owners[0]
        if t.start < p.mentions[0].start or t.norm in lex.common or t.norm in lex.places:
            continue
        if index.is_given(i - 1) or index.is_given(i + 1) or index.hon_len(i - 1):
            continue  # part of a name the rules did not take: not this person for sure
        p.mentions.append(Span(t.start, t.end, t.text))
        linked.append((p, i))
    return linked


def titles_after_surnames(index: TokenIndex, later: Sequence[tuple[Person, int]], held: NameTokens) -> frozenset[int]:
    """A later speaker tag on a bare surname gives its person another post
    («رحمتی‌پور، نماینده مردم همدان در مجلس، گفت»); a shorter form of a
    title already held is none. Only a surname that opens its phrase (after
    punctuation, a line break or a function word) has a tag. Returns the
    tokens of the titles found."""
    tokens: set[int] = set()
    toks, given = index.tokens, HeldTitles()
    for person, i in later:
        if i > 0 and not (toks[i].newline_before or toks[i - 1].is_punct or toks[i - 1].norm in index.lex.stops):
            continue  # «نامزد پیشنهادی ترامپ به عنوان جانشین ...»: the surname ends a longer phrase
        for span in titles_after(index, held, NameSpan(i, i + 1, NameRule.LATER_SURNAME)):
            tokens.update(range(span.start, span.end))
            given.add(person, title_mention(index, span), shorter_is_known=True)
    return frozenset(tokens)


def link_titles(index: TokenIndex, people: list[Person], held: NameTokens, used: AbstractSet[int]) -> None:
    """A later title with no name (``دبیر حزب استان`` alone) is the one
    person the text gave that exact title to; kept in ``coreferent_titles``."""
    holders: dict[tuple[str, ...], list[Person]] = {}
    for p in people:
        for t in p.titles:
            k = tuple(lookup_key(w) for w in t.text.split())
            if p not in holders.setdefault(k, []):
                holders[k].append(p)
    if not holders:
        return
    # each person's coreferent titles by start: a title written alone many
    # times is checked against a set, not against every one found before (issue 22)
    starts = {id(p): {c.start for c in p.coreferent_titles} for p in people}
    sole = {k: owners[0] for k, owners in holders.items() if len(owners) == 1 and k}
    for k, spans in _titles_written(index, sole, held, used).items():
        p = sole[k]
        for span in spans:
            if span.start not in starts[id(p)]:
                p.coreferent_titles.append(span)
                starts[id(p)].add(span.start)


def _titles_written(index: TokenIndex, sole: dict[tuple[str, ...], Person], held: NameTokens,
                    used: AbstractSet[int]) -> dict[tuple[str, ...], list[Span]]:
    """Where each title of ``sole`` is written alone, after its holder's
    first title, by title (in ``sole``'s order) and in text order. Each
    occurrence of a first word walks the titles that start with it word by
    word (a trie), so it costs the words it matches, however many titles
    there are: a person holding hundreds of titles made each occurrence try
    every length and every (first, length, last) its titles had (issue 22:
    one long line of words)."""
    trie = _Branch.of(sole)
    first = {k: min(t.start for t in p.titles) for k, p in sole.items()}
    found: dict[tuple[str, ...], list[Span]] = {k: [] for k in sole}
    toks = index.tokens
    for word, start in trie.next.items():
        for i in index.by_norm.get(word, ()):
            branch, j = start, i + 1
            while branch is not None:
                if branch.title is not None:
                    span = _title_written_at(index, branch.title, i, first[branch.title], held, used)
                    if span is not None:
                        found[branch.title].append(span)
                branch = branch.next.get(toks[j].norm) if j < len(toks) else None
                j += 1
    return found


@dataclass
class _Branch:
    """The titles that go on from a run of words: by the next word, and the
    title that ends here, if one does."""
    next: dict[str, _Branch] = field(default_factory=dict)
    title: tuple[str, ...] | None = None

    @classmethod
    def of(cls, titles: Iterable[tuple[str, ...]]) -> _Branch:
        root = cls()
        for title in titles:
            branch = root
            for word in title:
                branch = branch.next.setdefault(word, cls())
            branch.title = title
        return root


def _title_written_at(index: TokenIndex, key: tuple[str, ...], i: int, after: int, held: NameTokens,
                      used: AbstractSet[int]) -> Span | None:
    """The title ``key`` written alone at token i, after offset ``after``."""
    toks, n = index.tokens, len(key)
    if i + n > len(toks) or toks[i].start <= after:
        return None
    if any(toks[i + m].norm != key[m] for m in range(1, n)):
        return None
    if any(m in used or m in held.tokens for m in range(i, i + n)):
        return None
    a, b = toks[i].start, toks[i + n - 1].end
    return Span(a, b, index.text[a:b])
