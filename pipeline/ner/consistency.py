"""Document-level label consistency for the NER taggers.

A news article names a person in full once («سیدجعفر تشکری هاشمی») and then
by family name («تشکری هاشمی با اشاره به ...»). A tagger that sees one
sentence at a time misses many of the later mentions; the whole document
tells it they are the same name. So, after tagging:

1. every confidently tagged span of a kind in ``kinds`` becomes a key (its
   folded words); a person's name also gives its family-name forms: the name
   without its first word and its last word alone, unless the document tags
   that last word more often inside places or organisations («لاسجرد» of
   «سیدعلی اکبر لاسجرد» in a text about the village); a form with a token
   that is not a word («'», «(ع)») is no key;
2. every occurrence of a key within ``window`` sentences (either side) that
   the tagger left untagged, or tagged with other boundaries, is tagged with
   the key's kind — unless it lies inside a longer span of that kind, touches
   a span of another kind, or the tagger gave that kind almost no probability
   there (``min_target_probability``: «هزار روحانی», clerics, after «حسن روحانی»);
3. a span of a kind in ``trim_kinds`` that the document has only once, and
   whose first words are tagged alone elsewhere in the window, loses the
   words after them when none of those is a name word (``name_word``):
   «وحید تماس» beside «وحید»; a tagger running a name into the next word.
   Never the other way round: «حسن روحانی» then «روحانی» is the usual
   full name and family name;
4. with ``vote``, words the document tags as spans of different kinds take
   the kind most of their spans within the window have («مونشن گلادباخ»
   once a person, twice an organisation); a tie changes nothing.

The settings are data: ``ner.yaml``; the example corpus: ``examples.yaml``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..resources import cached
from ..wordlists import lookup_key, read_yaml
from .spans import TokenSpan, span_tags, spans
from .tagger import Scored


@dataclass(frozen=True)
class Consistency:
    window: int = 30                       # sentences either side (a news article, roughly)
    kinds: tuple[str, ...] = ("PER",)
    min_source_score: float = 0.0          # a span of two or more words is a key from this score up
    min_single_source_score: float = 0.95  # a one-word span needs more: it is often a common word
    min_target_probability: float = 0.001  # the tagger's P(kind) somewhere in a new mention
    trim_kinds: tuple[str, ...] = ()       # step 3
    vote: bool = False                     # step 4

    @classmethod
    def from_yaml(cls) -> "Consistency":
        """The settings of ``ner.yaml``."""
        data = read_yaml(__package__, "ner.yaml")["consistency"]
        return cls(window=int(data["window"]), kinds=tuple(data["kinds"]),
                   min_source_score=float(data["min_source_score"]),
                   min_single_source_score=float(data["min_single_source_score"]),
                   min_target_probability=float(data["min_target_probability"]),
                   trim_kinds=tuple(data.get("trim_kinds", ())), vote=bool(data.get("vote", False)))


@cached("ner.consistency")
def default() -> Consistency:
    return Consistency.from_yaml()


Key = tuple[tuple[str, ...], str, float]  # words, kind, the score of the span it comes from


@dataclass(frozen=True)
class _KindCounts:
    """How often the tagger put each word inside a span of each kind
    (``of_kind``: (word, kind) -> count) and of any kind (``total``)."""
    of_kind: Counter
    total: Counter


def _kinds_of_words(words: list[list[str]], found: list[set[TokenSpan]]) -> _KindCounts:
    """The ``_KindCounts`` of a document (``found``: each sentence's spans)."""
    inside = [(x, kind) for w, f in zip(words, found) for start, end, kind in f for x in w[start:end]]
    return _KindCounts(Counter(inside), Counter(x for x, _ in inside))


def _keys(words: list[str], scored: Scored, config: Consistency,
          kinds_of: _KindCounts | None = None, found: set[TokenSpan] | None = None) -> list[Key]:
    """(key words, kind, source score) of one sentence's confident spans
    (``found``: its spans, when the caller has them).
    ``kinds_of``: the document's ``_kinds_of_words``; a family-name form
    whose last word the document tags more often inside spans of other kinds
    is no key («لاسجرد» of «سیدعلی اکبر لاسجرد» in a text about the village)."""
    out = []
    for start, end, kind in (spans([t for t, _ in scored]) if found is None else found):
        if kind not in config.kinds:
            continue
        score = min(p for _, p in scored[start:end])
        if score < (config.min_single_source_score if end - start == 1 else config.min_source_score):
            continue
        span = tuple(words[start:end])
        forms = [span]
        if kind == "PER" and len(span) > 1 and _mostly(kinds_of, span[-1], kind):
            forms.append(span[1:])                  # «تشکری هاشمی» of «سیدجعفر تشکری هاشمی»
            if len(span) > 2:
                forms.append(span[-1:])             # «هاشمی»
        # a name is made of words: a span the tagger ran over «'» or «(ع)»
        # would otherwise make the mark itself a key, tagged wherever it recurs
        out += [(form, kind, score) for form in forms if all(_word(w) for w in form)]
    return out


def _mostly(kinds_of: _KindCounts | None, word: str, kind: str) -> bool:
    if kinds_of is None or word not in kinds_of.total:
        return True
    mine = kinds_of.of_kind[word, kind]
    return mine >= kinds_of.total[word] - mine


def _word(folded: str) -> bool:
    return folded.replace("-", "").isalpha()


def propagate(sentences: list[list[str]], scored: list[Scored],
              probability: Callable[[int, int, int, str], float] | None = None,
              config: Consistency | None = None,
              name_word: Callable[[str], bool] | None = None,
              fold: Callable[[str], str] | None = None) -> list[Scored]:
    """The tags of ``scored`` (one list per sentence, in document order), with
    each key tagged wherever it recurs. ``probability(i, start, end, kind)``:
    the tagger's highest probability of ``kind`` on tokens start…end-1 of
    sentence i (None: a tagger without marginals; new mentions are then not
    checked). ``name_word(folded word)``: whether a word is in the tagger's
    name lists (None: no trimming, step 3). ``fold``: ``lookup_key`` of each
    word, where the caller has it already (None: folded here)."""
    config = config or default()
    fold = fold or lookup_key   # memoised: news repeats its words
    words = [list(map(fold, s)) for s in sentences]
    found = [spans([t for t, _ in s]) for s in scored]
    keys = _KeyIndex.of(words, scored, config, found)
    out: list[Scored] = []
    lengths = keys.lengths
    for i, sent in enumerate(scored):
        if lengths.keys().isdisjoint(words[i]):
            out.append(sent)                        # most sentences: no key starts here
            continue
        at = [j for j, w in enumerate(words[i]) if w in lengths]
        prob = (lambda a, b, k, i=i: probability(i, a, b, k)) if probability else None
        out.append(_carry(words[i], sent, at, i, keys, prob, config))
    # each sentence's spans, read again only where a step changed its tags
    found = [f if o is s else spans([t for t, _ in o]) for f, o, s in zip(found, out, scored)]
    if name_word is not None and config.trim_kinds:
        for i in _trim(words, out, found, config, name_word):
            found[i] = spans([t for t, _ in out[i]])
    if config.vote:
        _vote(words, out, found, config.window)
    return out


@dataclass(frozen=True)
class _KeyIndex:
    """A document's keys (step 1). ``where``: key words -> [(sentence index,
    kind, score)], in sentence order: a mention looks up only the keys of its
    own window (bisect), not every key near it. ``lengths``: a key's first
    word -> the lengths of the keys it starts, longest first. ``ends``:
    (first word, length, last word) of every key, checked before the words
    between are read (a long line can hold keys of hundreds of lengths)."""
    where: dict[tuple[str, ...], list[tuple[int, str, float]]]
    lengths: dict[str, list[int]]
    ends: frozenset[tuple[str, int, str]]

    @classmethod
    def of(cls, words: list[list[str]], scored: list[Scored], config: Consistency,
           found: list[set[TokenSpan]]) -> "_KeyIndex":
        where: dict[tuple[str, ...], list[tuple[int, str, float]]] = defaultdict(list)
        kinds_of = _kinds_of_words(words, found)
        for i, (w, s, f) in enumerate(zip(words, scored, found)):
            for span, kind, score in _keys(w, s, config, kinds_of, f):
                where[span].append((i, kind, score))
        # each length once: many keys may start with one word (issue 22: a
        # long line of foreign words), and a length is tried once at a token
        starting: dict[str, set[int]] = defaultdict(set)
        for span in where:
            starting[span[0]].add(len(span))
        return cls(where, {word: sorted(ns, reverse=True) for word, ns in starting.items()},
                   frozenset((span[0], len(span), span[-1]) for span in where))

    def longest_at(self, toks: list[str], j: int, i: int, window: int,
                   judged: dict[tuple[str, ...], "_Verdict | None"]) -> tuple[int, "_Verdict"] | None:
        """The longest key at token j of sentence i that the window around
        it holds: its length, and what its entries in the window say.
        ``judged``: the verdicts on sentence i's keys so far, so that a key
        that recurs in one long sentence is judged once, not once per
        mention over all its entries (issue 22: one unpunctuated line)."""
        for n in self.lengths.get(toks[j], ()):
            if j + n > len(toks) or (toks[j], n, toks[j + n - 1]) not in self.ends:
                continue
            span = tuple(toks[j:j + n])
            if span not in judged:
                judged[span] = _Verdict.of(_near(self.where.get(span), i, window))
            if judged[span] is not None:
                return n, judged[span]
        return None


@dataclass(frozen=True)
class _Verdict:
    """What a key's entries in a window say: the kind most of them have and the best score among them."""
    kind: str
    score: float

    @classmethod
    def of(cls, entries: list[tuple[int, str, float]]) -> "_Verdict | None":
        return cls(_most_common_kind(entries), max(s for _, _, s in entries)) if entries else None


def _carry(toks: list[str], sent: Scored, at: list[int], i: int, keys: _KeyIndex,
           prob: Callable[[int, int, str], float] | None, config: Consistency) -> Scored:
    """Step 2 over sentence i: each key in its window tagged where it
    recurs, with the kind most of its entries have and the best score among
    them. ``at``: the tokens that start some key. ``sent`` itself when
    nothing changed, else a changed copy."""
    out = sent
    j = 0                                           # the first token no key taken so far covers
    judged: dict[tuple[str, ...], _Verdict | None] = {}
    for k in at:
        if k < j:
            continue
        found = keys.longest_at(toks, k, i, config.window, judged)
        if found is None:
            continue
        n, verdict = found
        out = _retag(out, sent, k, k + n, verdict.kind, verdict.score, prob, config)
        j = k + n
    return out


def _most_common_kind(entries: list[tuple[int, str, float]]) -> str:
    """The kind most of the entries have (a tie: the first of them)."""
    kind = entries[0][1]
    if all(k == kind for _, k, _ in entries):       # most keys: one kind, often one entry
        return kind
    return Counter(k for _, k, _ in entries).most_common(1)[0][0]


def _vote(words: list[list[str]], out: list[Scored], found: list[set[TokenSpan]], window: int) -> None:
    """Step 4, in place: see the module docstring (``found``: the spans of ``out``)."""
    where: dict[tuple[str, ...], list[tuple[int, int, int, str]]] = defaultdict(list)
    for i, f in enumerate(found):
        for a, b, kind in f:
            where[tuple(words[i][a:b])].append((i, a, b, kind))
    for found in where.values():
        if len({kind for *_, kind in found}) < 2:
            continue
        # entries come in sentence order: a window is a slice, and the
        # mentions of one sentence share their votes (one long sentence can
        # hold thousands of them)
        sentences = [i for i, *_ in found]
        votes_in: dict[int, Counter] = {}
        for i, a, b, kind in found:
            if i not in votes_in:
                near = found[bisect_left(sentences, i - window):bisect_right(sentences, i + window)]
                votes_in[i] = Counter(k for *_, k in near)
            votes = votes_in[i]
            best, n = votes.most_common(1)[0]
            if best != kind and n > votes[kind]:
                out[i] = list(out[i])               # a sentence with no key is the caller's own list
                for x, tag in zip(range(a, b), span_tags(best, b - a)):
                    out[i][x] = (tag, out[i][x][1])


def _trim(words: list[list[str]], out: list[Scored], found: list[set[TokenSpan]], config: Consistency,
          name_word: Callable[[str], bool]) -> set[int]:
    """Step 3, in place: see the module docstring (``found``: the spans of
    ``out``). The sentences it changed."""
    trimmable = [[e for e in f if e.kind in config.trim_kinds] for f in found]
    changed: set[int] = set()
    where: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)   # (words, kind) -> sentences
    for i, found in enumerate(trimmable):
        for a, b, kind in found:
            where[(tuple(words[i][a:b]), kind)].append(i)

    def elsewhere(i: int, span: tuple[str, ...], kind: str) -> int:
        """Mentions of ``span`` as ``kind`` in other sentences of i's window
        (the lists are in sentence order: counted by bisection)."""
        at = where.get((span, kind), ())
        near = bisect_right(at, i + config.window) - bisect_left(at, i - config.window)
        return near - (bisect_right(at, i) - bisect_left(at, i))

    for i, found in enumerate(trimmable):
        for a, b, kind in found:
            toks = words[i]
            if b - a < 2 or elsewhere(i, tuple(toks[a:b]), kind):
                continue
            cut = next((y for y in range(b - 1, a, -1) if elsewhere(i, tuple(toks[a:y]), kind)), None)
            if cut is None or any(name_word(w) for w in toks[cut:b]):
                continue
            for x in range(cut, b):
                out[i][x] = ("O", out[i][x][1])
            changed.add(i)
    return changed


def _spans_near(sent: Scored, start: int, end: int) -> list[tuple[int, int, str]]:
    """The spans of ``sent`` that lie between the last O before ``start`` and
    the first O from ``end`` on: every span that overlaps start…end-1, read
    off that stretch alone (no span runs across an O), so that a retag costs
    the stretch, not the whole sentence (issue 22: one unpunctuated line is
    one long sentence)."""
    lo = start
    while lo > 0 and sent[lo - 1][0] != "O":
        lo -= 1
    hi = end
    while hi < len(sent) and sent[hi][0] != "O":
        hi += 1
    return [(a + lo, b + lo, k) for a, b, k in spans([t for t, _ in sent[lo:hi]])]


def _near(found: list[tuple[int, str, float]] | None, i: int, window: int) -> list[tuple[int, str, float]]:
    """The entries of ``found`` (sorted by sentence) within ``window`` sentences of i."""
    if not found:
        return []
    lo = bisect_left(found, (i - window,))
    hi = bisect_left(found, (i + window + 1,))
    return found[lo:hi]


def _retag(sent: Scored, original: Scored, start: int, end: int, kind: str, score: float,
           prob: Callable[[int, int, str], float] | None, config: Consistency) -> Scored:
    """``sent`` with tokens start…end-1 tagged a span of ``kind``, where
    the rules allow; a copy of it when it is still ``original``."""
    if any(t != "O" and t[2:] != kind for t, _ in sent[start:end]):
        return sent                                 # part of another kind's span
    same = [(a, b) for a, b, k in _spans_near(sent, start, end) if k == kind and a < end and start < b]
    if any(a <= start and end <= b for a, b in same):
        return sent                                 # already tagged, or inside a longer span
    if not same and prob is not None and prob(start, end, kind) < config.min_target_probability:
        return sent
    if sent is original:
        sent = list(sent)
    for a, b in same:                               # other boundaries: the document's form wins
        for x in range(a, b):
            sent[x] = ("O", sent[x][1])
    for x, tag in zip(range(start, end), span_tags(kind, end - start)):
        sent[x] = (tag, score)
    return sent
