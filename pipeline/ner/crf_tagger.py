"""The CRF tagger (python-crfsuite models, which hazm already uses): reads
a model's files (``model_files.py``), mixes its member CRFs
(``crfsuite_file.mix``), scores each distinct word of a batch once
(``WordScores``), decodes many sentences at once (``decoding.py``) and, for a
document, makes its tags consistent (``consistency.py``). The features are
``features.py``'s, as in training.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Callable

import numpy as np

from . import consistency, crfsuite_file, decoding, stored
from .features import OFFSETS, PIECES, TARGET_PAD, WORD_SLOT_SIZES, Features, TokenKey, word_slots
from .model_files import member_files, read_clusters, read_lexicon, read_members, sidecars
from .tagger import TRAIN_HINT, ModelError, Scored

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "ner-crf.crfsuite"


_WORD = [name for name, _ in PIECES].index("word")    # the piece no two words share
_PARTS = 1 + len(OFFSETS)       # of a word's rows: its own, and what the tokens at OFFSETS see of it
_EDGE = max(map(abs, OFFSETS))  # edge rows around a sentence: as many as a token sees past its end


@dataclass(frozen=True)
class _PieceIds:
    """The feature ids of a piece (``PIECES``), slot by slot; ``form``
    numbers how many each slot has (``WordScores.forms``), so a word's
    layout is found by a key of a few small ints."""
    ids: tuple[int, ...]
    form: int


@dataclass(frozen=True)
class _Layout:
    """How a word's feature ids make its five parts, for every word whose
    pieces have slots of the same sizes: ``order`` picks the parts, laid
    end to end, out of the ids of the word's own piece followed by those of
    the shared pieces (``WordScores.shared``' order)."""
    order: Callable[[list[int]], tuple[int, ...]]
    lengths: tuple[int, ...]      # of each part


class WordScores:
    """Each distinct word's share of a sentence's state scores, computed once:
    the weights of its own features and of what the tokens two and one before
    and after it see of it (``Features.token_parts``' five parts; the tagger
    always adds the target corpus's copies), each part summed in the order
    ``token_parts`` lists its features. A sentence's scores are then five
    shifted sums of rows plus its word-pair features, the sum
    ``Features.sentence`` hands to crfsuite. Row 0 is the sentence edge:
    what a missing neighbour (``TARGET_PAD``) adds."""

    MAX_WORDS = 1 << 16   # then the cache starts afresh (about 40 MB of rows)

    def __init__(self, weights: crfsuite_file.CrfWeights, features: Features):
        self.ids = weights.attributes
        # one zero row at the end: a part with no known feature sums to it
        self.state = np.vstack([weights.state, np.zeros((1, weights.state.shape[1]))])
        self.none = len(self.state) - 1
        self.features = features
        self.pad = [self.state[[self.ids.get(x, self.none) for x in p]].sum(0) for p in TARGET_PAD]
        self.pairs = _PairIndex.of(self.ids, self.none)
        self.clear()

    def clear(self) -> None:
        self.index: dict[str, int] = {}
        self.folded: dict[str, str] = {}                  # a word -> its folded form (``lookup_key``)
        self.by_key: dict[TokenKey, int] = {}             # a ``Features.token_key`` -> its row
        # the pieces other words share (all but the word's own): (piece index, value -> its ids)
        self.shared: list[tuple[int, dict]] = [(k, {}) for k in range(len(PIECES)) if k != _WORD]
        self.forms: dict[tuple[int, ...], int] = {}       # a piece's slot sizes -> their number
        self.layouts: dict[tuple[int, ...], _Layout] = {}  # by the forms of a word's pieces
        self.word_form = self._form(WORD_SLOT_SIZES)
        # part by part, each part's rows one contiguous block: a sentence's scores take from each
        self.rows = np.zeros((_PARTS, 1024, self.state.shape[1]))
        self.rows[1:, 0] = self.pad
        self.pair_word = np.full(1024, -1, dtype=np.int64)   # a row's word in ``self.pairs`` (-1: none)
        self.used = 1

    def _add(self, words: list[str]) -> None:
        """Rows for words not seen yet, one per ``token_key`` (spellings that
        fold alike share it), their parts summed all together (``_part_sums``)."""
        keys = [self.features.token_key(w) for w in words]
        fresh = [k for k in dict.fromkeys(keys) if k not in self.by_key]
        if fresh:
            self._add_rows(fresh)
            self.by_key.update(zip(fresh, range(self.used - len(fresh), self.used)))
        self.index.update(zip(words, [self.by_key[k] for k in keys]))
        self.folded.update(zip(words, [w for w, _ in keys]))

    def _add_rows(self, keys: list[TokenKey]) -> None:
        flat: list[int] = []            # the feature ids of each key's five parts, laid end to end
        lengths: list[int] = []         # of each part
        get, none, values_of, shared = self.ids.get, self.none, self.features.piece_values, self.shared
        layouts, word_form = self.layouts, self.word_form
        for key in keys:
            values = values_of(key)
            ids = [get(x, none) for slot in word_slots(values[_WORD]) for x in slot]
            forms = [word_form]
            for k, known in shared:
                piece = known.get(values[k]) or self._piece(k, values[k], known)
                ids += piece.ids
                forms.append(piece.form)
            layout = layouts.get(tuple(forms)) or self._layout(tuple(forms))
            flat += layout.order(ids)
            lengths += layout.lengths
        first, need = self.used, self.used + len(keys)
        if need > self.rows.shape[1]:
            size = max(need, 2 * self.rows.shape[1])
            more = np.zeros((_PARTS, size - self.rows.shape[1], self.rows.shape[2]))
            self.rows = np.concatenate([self.rows, more], axis=1)
            self.pair_word = np.concatenate([self.pair_word, np.full(size - len(self.pair_word), -1, np.int64)])
        self.pair_word[first:need] = [self.pairs.word("w=" + w) for w, _ in keys]
        self.rows[:, first:need] = self._part_sums(flat, lengths).reshape(len(keys), _PARTS, -1).swapaxes(0, 1)
        self.used = need

    def _part_sums(self, flat: list[int], lengths: list[int]) -> np.ndarray:
        """The sum of each run of ``lengths`` state rows of the ids ``flat``
        (runs laid end to end), added first to last as ``token_parts`` lists
        them; an empty run sums to zero. All runs are summed together, a
        position at a time: the runs longest first, so the runs that reach
        position j are the first ``longer[j]``."""
        lens = np.array(lengths, dtype=np.intp)
        by_length = np.argsort(-lens, kind="stable")
        starts = (np.cumsum(lens) - lens)[by_length]
        longer = len(lens) - np.cumsum(np.bincount(lens))[:-1]    # how many runs pass each position
        ids = np.array(flat, dtype=np.intp)
        sums = np.zeros((len(lens), self.state.shape[1]))
        for j, n in enumerate(longer.tolist()):
            sums[:n] += self.state[ids[starts[:n] + j]]
        out = np.empty_like(sums)
        out[by_length] = sums
        return out

    def _piece(self, k: int, value, known: dict) -> _PieceIds:
        """The ids of piece k of ``PIECES`` made from ``value``, kept in ``known``."""
        slots = PIECES[k][1](value)
        piece = _PieceIds(tuple([self.ids.get(x, self.none) for slot in slots for x in slot]),
                          self._form(tuple(map(len, slots))))
        known[value] = piece
        return piece

    def _form(self, sizes: tuple[int, ...]) -> int:
        """The number of a piece's slot sizes."""
        return self.forms.setdefault(sizes, len(self.forms))

    def _layout(self, forms: tuple[int, ...]) -> _Layout:
        """The ``_Layout`` of the words whose pieces have slots of the sizes
        numbered ``forms`` (``self.forms``)."""
        sizes = list(self.forms)
        # where the ids of each (piece, slot) are: the word's own piece first, then the others'
        where: dict[tuple[int, int], range] = {}
        start = 0
        for k, form in zip([_WORD, *(k for k, _ in self.shared)], forms):
            for slot, size in enumerate(sizes[form]):
                where[k, slot] = range(start, start + size)
                start += size
        # as ``join_pieces``: each part the pieces' general features, then their target copies
        order: list[int] = []
        lengths = []
        for part in range(_PARTS):
            before = len(order)
            for slot in (part, part + _PARTS):
                for k in range(len(PIECES)):
                    order += where[k, slot]
            lengths.append(len(order) - before)
        layout = self.layouts[forms] = _Layout(itemgetter(*order), tuple(lengths))
        return layout

    def sentences(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """The (tokens, labels) state scores of each sentence, all computed
        in one pass over the sentences' tokens laid end to end."""
        if not sentences:
            return []
        distinct = dict.fromkeys(chain.from_iterable(sentences))
        new = [w for w in distinct if w not in self.index]
        if len(self.index) + len(new) > self.MAX_WORDS:
            self.clear()
            new = list(distinct)
        if new:
            self._add(new)
        lens = np.array([len(s) for s in sentences], dtype=np.intp)
        n = int(lens.sum())
        # the tokens' rows laid end to end, with two edge rows (row 0) before each
        # sentence and after the last: a token's neighbours at OFFSETS are then its
        # own sentence's tokens or edges, and a pair with an edge has no feature
        idx = np.zeros(n + _EDGE * (len(sentences) + 1), dtype=np.intp)
        at = np.arange(n) + _EDGE * (1 + np.repeat(np.arange(len(sentences)), lens))
        idx[at] = list(map(self.index.__getitem__, chain.from_iterable(sentences)))
        return np.split(self._scores(idx, at), np.cumsum(lens)[:-1])

    def _scores(self, idx: np.ndarray, at: np.ndarray) -> np.ndarray:
        """The state scores of the tokens at ``at`` of ``idx`` (their rows;
        sentences apart by edge rows, as ``sentences`` lays them out)."""
        rows = self.rows
        s = np.take(rows[0], idx[at], axis=0)
        gathered = np.empty_like(s)       # each addend in turn (a gather into it allocates nothing)
        for part, off in enumerate(OFFSETS, start=1):
            # what the token at ``off`` sees of this one
            s += np.take(rows[part], idx[at + off], axis=0, out=gathered)
        # "-1|0" pairs are features of a pair's second token, "0|+1" ones of its first
        word = self.pair_word[idx]
        before, after = self.pairs.ids(word[:-1], word[1:])     # of each row and the next
        s += np.take(self.state, before[at - 1], axis=0, out=gathered)
        s += np.take(self.state, after[at], axis=0, out=gathered)
        return s


PAIRS = ("-1|0=", "0|+1=")   # the word-pair features (``Features.sentence``)


class _PairIndex:
    """The model's word-pair features as numbers: each word («w=…») that
    stands in one gets a number, and each kind of pair a sorted array of
    (first word, second word) keys with their feature ids, so a document's
    pairs are found by one ``searchsorted``. A word joined by «|w=» inside
    itself gives every split of a key, so no pair feature is missed."""

    def __init__(self, words: dict[str, int], keys: list[np.ndarray], ids: list[np.ndarray], none: int):
        self.words, self.keys, self.feature_ids, self.none = words, keys, ids, none

    @classmethod
    def of(cls, ids: dict[str, int], none: int) -> "_PairIndex":
        words: dict[str, int] = {}
        found: list[list[tuple[int, int]]] = [[] for _ in PAIRS]
        for key, fid in ids.items():
            if not key.startswith(PAIRS):
                continue
            k = 0 if key.startswith(PAIRS[0]) else 1
            rest = key[len(PAIRS[k]):]
            cut = rest.find("|w=")
            while cut >= 0:
                a = words.setdefault(rest[:cut], len(words))
                b = words.setdefault(rest[cut + 1:], len(words))
                found[k].append((a, b, fid))
                cut = rest.find("|w=", cut + 1)
        keys, fids = [], []
        for pairs in found:
            arr = np.array(pairs, dtype=np.int64).reshape(-1, 3)
            key = arr[:, 0] * len(words) + arr[:, 1]
            order = np.argsort(key, kind="stable")
            keys.append(key[order])
            fids.append(arr[order, 2])
        return cls(words, keys, fids, none)

    def word(self, feature: str) -> int:
        """The number of a word's «w=…» feature (-1: in no pair feature)."""
        return self.words.get(feature, -1)

    def ids(self, first: np.ndarray, second: np.ndarray) -> list[np.ndarray]:
        """For each kind of pair, the feature id of each (first, second) word
        pair (word numbers, -1 for none); ``none`` where the model has none."""
        known = (first >= 0) & (second >= 0)
        key = first * len(self.words) + second
        out = []
        for keys, fids in zip(self.keys, self.feature_ids):
            at = np.minimum(np.searchsorted(keys, key), max(len(keys) - 1, 0))
            hit = known & (keys[at] == key) if len(keys) else np.zeros(len(key), bool)
            out.append(np.where(hit, fids[at] if len(keys) else self.none, self.none))
        return out



def _read_weights(path: Path) -> crfsuite_file.CrfWeights:
    """The mixed weights of the member CRFs of the model file ``path`` (kept
    parsed in the compiled-resource cache)."""
    return stored.weights(path, _parse_weights)


def _parse_weights(path: Path) -> crfsuite_file.CrfWeights:
    side = sidecars(path)
    members_path = side.members
    for p in (path, members_path):
        if not p.exists():
            raise ModelError(f"NER model file {p} is missing; build it with: {TRAIN_HINT}")
    try:
        members = read_members(members_path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"NER model file {members_path} cannot be read ({exc}); "
                         f"rebuild it with: {TRAIN_HINT}") from None
    files = member_files(path, members)
    for p in (*files, side.lexicon, side.names, side.clusters):
        if not p.exists():
            raise ModelError(f"NER model file {p} is missing; build it with: {TRAIN_HINT}")
    parts = []
    for file in files:
        try:
            parts.append(crfsuite_file.read(file))
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"NER model {file} cannot be read ({exc}); rebuild it with: {TRAIN_HINT}") from None
    return crfsuite_file.mix(parts, [m.weight for m in members])


def _read_features(path: Path) -> Features:
    """The word lists and clusters a model file's sidecars hold."""
    try:
        return Features(*stored.feature_tables(path, _parse_features))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"NER model {path} cannot be read ({exc} in its sidecar files); "
                         f"rebuild it with: {TRAIN_HINT}") from None


def _parse_features(path: Path) -> stored.FeatureTables:
    files = sidecars(path)
    return read_lexicon(files.lexicon), read_lexicon(files.names), read_clusters(files.clusters)


class CrfTagger:
    """A ``Tagger`` (``tagger.py``) over a CRF model file and its sidecars."""

    def __init__(self, path: Path = DEFAULT_MODEL):
        path = Path(path)
        weights = _read_weights(path)
        self.features = _read_features(path)
        self.path = path
        self.labels = weights.labels
        self._label = {label: k for k, label in enumerate(weights.labels)}
        self._label_names = np.array(weights.labels, dtype=object)     # a path's tags in one gather
        self._transitions = weights.transitions
        self._words = WordScores(weights, self.features)

    def clear_cache(self) -> None:
        """Forget the scores of the words seen so far (the speed bench's cold start)."""
        self._words.clear()

    def tag(self, tokens: list[str]) -> list[str]:
        """One sentence's tags, the sentence alone."""
        return self.tag_many([tokens], consistent=False)[0]

    def tag_many(self, sentences: list[list[str]], consistent: bool = True) -> list[list[str]]:
        """The sentences of one document (or a run of consecutive ones), in
        order; ``consistent``: a name found once is tagged where it recurs
        (``consistency.py``)."""
        if consistent:
            return [[t for t, _ in s] for s in self.tag_many_scored(sentences)]
        decoded = decoding.decode(self._words.sentences(sentences), self._transitions, marginals=False)
        return [[self.labels[k] for k in path.tolist()] for path, _ in decoded]

    def tag_many_scored(self, sentences: list[list[str]], consistent: bool = True) -> list[Scored]:
        return self.tag_docs_scored([sentences], consistent)[0]

    def tag_docs_scored(self, docs: list[list[list[str]]], consistent: bool = True) -> list[list[Scored]]:
        """``tag_many_scored`` of each document, their sentences scored and
        decoded together (sentences of like length from several documents in
        one group: fewer numpy steps); each document's consistency pass is
        its own."""
        flat = [s for d in docs for s in d]
        decoded = decoding.decode(self._words.sentences(flat), self._transitions)
        scored = self._scored(decoded)
        out, at = [], 0
        for d in docs:
            part, mine = scored[at:at + len(d)], decoded[at:at + len(d)]
            out.append(self._consistent(d, part, mine) if consistent else part)
            at += len(d)
        return out

    def _scored(self, decoded: list[decoding.Decoded]) -> list[Scored]:
        """Each sentence's (tag, probability) pairs, made for all the
        sentences at once and cut into sentences."""
        if not decoded:
            return []
        paths = np.concatenate([path for path, _ in decoded])
        probs = np.concatenate([marg for _, marg in decoded])[np.arange(len(paths)), paths]
        pairs = list(zip(self._label_names[paths].tolist(), probs.tolist()))
        ends = np.cumsum([len(path) for path, _ in decoded]).tolist()
        return [pairs[a:b] for a, b in zip([0, *ends], ends)]

    def _consistent(self, sentences: list[list[str]], scored: list[Scored], decoded: list) -> list[Scored]:
        def probability(i: int, start: int, end: int, kind: str) -> float:
            cols = [c for c in (self._label.get(f"B-{kind}"), self._label.get(f"I-{kind}")) if c is not None]
            return float(decoded[i][1][start:end, cols].sum(1).max()) if cols else 0.0

        return consistency.propagate(sentences, scored, probability, name_word=self.features.name_word,
                                     fold=self._words.folded.__getitem__)
