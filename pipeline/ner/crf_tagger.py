"""The CRF tagger (python-crfsuite models, which hazm already uses): reads
a model's files (``model_files.py``), mixes its member CRFs
(``crfsuite_file.mix``), scores each distinct word of a batch once
(``WordScores``), decodes many sentences at once (``decoding.py``) and, for a
document, makes its tags consistent (``consistency.py``). The features are
``features.py``'s, as in training.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from . import consistency, crfsuite_file, decoding, stored
from .features import OFFSETS, TARGET_PAD, Features
from .model_files import member_files, read_clusters, read_lexicon, read_members, sidecars
from .tagger import TRAIN_HINT, ModelError, Scored

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "models" / "ner-crf.crfsuite"


class WordScores:
    """Each distinct word's share of a sentence's state scores, computed once:
    the weights of its own features and of what the tokens two and one before
    and after it see of it (``Features.token_parts``' five parts; the tagger
    always adds the target corpus's copies). A sentence's scores are then
    five shifted sums of rows plus its word-pair features, the same sum
    ``Features.sentence`` hands to crfsuite."""

    MAX_WORDS = 1 << 16   # then the cache starts afresh (about 40 MB of rows)

    def __init__(self, weights: crfsuite_file.CrfWeights, features: Features):
        self.ids = weights.attributes
        # one zero row at the end: a part with no known feature sums to it
        self.state = np.vstack([weights.state, np.zeros((1, weights.state.shape[1]))])
        self.none = len(self.state) - 1
        self.features = features
        self.pad = [self.state[[self.ids.get(x, self.none) for x in p]].sum(0) for p in TARGET_PAD]
        self.clear()

    def clear(self) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []          # a row's "w=" feature, for the word pairs
        self.rows = np.zeros((1024, 1 + len(OFFSETS), self.state.shape[1]))

    def _add(self, words: list[str]) -> None:
        """Rows for words not seen yet: one gather and one sum for them all."""
        get, none = self.ids.get, self.none
        starts: list[int] = []
        flat: list[int] = []
        for word in words:
            parts = self.features.token_parts(word, True)
            # every part has a string at least (its "w=" one); an unknown one adds the zero row
            for p in parts:
                starts.append(len(flat))
                flat += [get(x, none) for x in p]
            self.index[word] = len(self.words)
            self.words.append(parts[0][1])
        need = len(self.words)
        if need > len(self.rows):
            grown = np.zeros((max(need, 2 * len(self.rows)), *self.rows.shape[1:]))
            grown[:len(self.rows)] = self.rows
            self.rows = grown
        sums = np.add.reduceat(self.state[flat], starts).reshape(len(words), 1 + len(OFFSETS), -1)
        self.rows[need - len(words):need] = sums

    def sentences(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """The (tokens, labels) state scores of each sentence."""
        new = [w for w in dict.fromkeys(w for s in sentences for w in s) if w not in self.index]
        if len(self.index) + len(new) > self.MAX_WORDS:
            self.clear()
            new = list(dict.fromkeys(w for s in sentences for w in s))
        if new:
            self._add(new)
        return [self._sentence(s) for s in sentences]

    def _sentence(self, tokens: list[str]) -> np.ndarray:
        n_labels = self.state.shape[1]
        if not tokens:
            return np.zeros((0, n_labels))
        idx = [self.index[t] for t in tokens]
        base = self.rows[idx]
        s = base[:, 0].copy()
        p2, p1, n1, n2 = self.pad
        s[2:] += base[:-2, 1]
        s[:2] += p2
        s[1:] += base[:-1, 2]
        s[:1] += p1
        s[:-1] += base[1:, 3]
        s[-1:] += n1
        s[:-2] += base[2:, 4]
        s[-2:] += n2
        ws = [self.words[k] for k in idx]
        get = self.ids.get
        for i, (a, b) in enumerate(zip(ws, ws[1:])):
            k = get(f"-1|0={a}|{b}")
            if k is not None:
                s[i + 1] += self.state[k]
            k = get(f"0|+1={a}|{b}")
            if k is not None:
                s[i] += self.state[k]
        return s



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
        decoded = decoding.decode(self._words.sentences(sentences), self._transitions)
        labels = self.labels
        scored = [list(zip([labels[k] for k in path.tolist()], marg[np.arange(len(path)), path].tolist()))
                  for path, marg in decoded]
        if not consistent:
            return scored

        def probability(i: int, start: int, end: int, kind: str) -> float:
            cols = [c for c in (self._label.get(f"B-{kind}"), self._label.get(f"I-{kind}")) if c is not None]
            return float(decoded[i][1][start:end, cols].sum(1).max()) if cols else 0.0

        return consistency.propagate(sentences, scored, probability, name_word=self.features.name_word)
