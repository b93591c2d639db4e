"""Scoring extraction JSON against gold JSON with the matching rules of
../shared/eval/FORMAT.md ("How the scorer matches").

The figures equal those of the project's reference scorer
(../shared/eval/score.py, checked by a test on the dev set); unlike it, every
match keeps which gold item paired with which prediction, so the items left
over can be listed as errors.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

FIELDS = ("people", "titles", "resolutions", "dates", "tasks")

# the folding of FORMAT.md: one alphabet, ASCII digits, no diacritics or
# tatweel, ZWNJ and other invisible separators as a space
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا"})
_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_SEPARATORS = re.compile(r"[\s\u200c\u200d\u200e\u200f\u00a0]+")
_PUNCTUATION = re.compile(r"[«»\"'“”‘’()\[\]،,؛;:.!؟?]")
TITLE_MIN_F1 = 0.7   # a title is right from this token F1 on
TASK_MIN_F1 = 0.5    # a task likewise


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = _MARKS.sub("", text.translate(_LETTERS).translate(_DIGITS))
    return _SEPARATORS.sub(" ", text).strip()


def joined(text: str) -> str:
    """Normalized with every space removed: «نخستوزیر» (a stripped ZWNJ) equals «نخست وزیر»."""
    return normalize(text).replace(" ", "")


def number_key(text: str) -> str:
    key = re.sub(r"\s+", "", normalize(text).upper())
    return key.replace("–", "-").replace("—", "-").replace("\\", "/")


def words(text: str) -> list[str]:
    return [w for w in _PUNCTUATION.sub(" ", normalize(text)).split(" ") if w]


def token_f1(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    pool, common = list(wb), 0
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


# --- when a prediction counts as the gold item (0 means it does not) --------

def _names(person: dict) -> set[str]:
    names = [person.get("name", "")] + list(person.get("aliases") or [])
    return {joined(n) for n in names if n}


def same_person(gold: dict, pred: dict) -> float:
    return 1.0 if joined(pred.get("name", "")) in _names(gold) else 0.0


def same_title(gold: tuple[dict, str], pred: tuple[dict, str]) -> float:
    if not same_person(gold[0], pred[0]):
        return 0.0
    if joined(gold[1]) == joined(pred[1]):
        return 1.0
    f1 = token_f1(gold[1], pred[1])
    return f1 if f1 >= TITLE_MIN_F1 else 0.0


def same_resolution(gold: dict, pred: dict) -> float:
    numbers = {number_key(n) for n in [gold.get("number", "")] + list(gold.get("alt_numbers") or []) if n}
    if number_key(pred.get("number", "")) not in numbers:
        return 0.0
    kinds = {normalize(k) for k in [gold.get("kind", "")] + list(gold.get("alt_kinds") or []) if k}
    return 1.0 if not kinds or normalize(pred.get("kind", "")) in kinds else 0.0


def same_date(gold: dict, pred: dict) -> float:
    values = {v for v in [gold.get("value", "")] + list(gold.get("alt_values") or []) if v}
    return 1.0 if pred.get("value", "") in values else 0.0


def same_task(gold: dict, pred: dict) -> float:
    f1 = token_f1(gold.get("text", ""), pred.get("text", ""))
    return f1 if f1 >= TASK_MIN_F1 else 0.0


SIMILARITY: dict[str, Callable[[Any, Any], float]] = {
    "people": same_person, "titles": same_title, "resolutions": same_resolution,
    "dates": same_date, "tasks": same_task,
}


# --- the items of one field: each counted once -------------------------------

def _first_of_each(items: list[dict], key: Callable[[dict], Any]) -> list[dict]:
    seen, out = set(), []
    for item in items:
        k = key(item)
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _people(doc: dict) -> list[dict]:
    return _first_of_each(doc.get("people") or [], lambda p: joined(p.get("name", "")))


def _resolution_key(r: dict):
    number = number_key(r.get("number", ""))
    return (normalize(r.get("kind", "")), number) if number else None


def field_items(doc: dict, name: str) -> list:
    """What one field counts in a document: distinct people, (person, title)
    pairs, distinct (kind, number), distinct date values, directives."""
    if name == "people":
        return _people(doc)
    if name == "titles":
        return [(p, t) for p in _people(doc) for t in p.get("titles") or [] if t]
    if name == "resolutions":
        return _first_of_each(doc.get("resolutions") or [], _resolution_key)
    if name == "dates":
        return _first_of_each(doc.get("dates") or [], lambda d: d.get("value", ""))
    return [t for t in doc.get("tasks") or [] if t.get("text")]


# --- one to one, best pairs first --------------------------------------------

@dataclass
class Counts:
    matched: int = 0
    gold: int = 0
    predicted: int = 0

    def add(self, other: Counts) -> None:
        self.matched += other.matched
        self.gold += other.gold
        self.predicted += other.predicted

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "gold": self.gold, "predicted": self.predicted, "matched": self.matched}


@dataclass
class FieldMatch:
    """One field of one document: its gold and predicted items and which pairs matched."""

    name: str
    gold: list
    predicted: list
    pairs: list[tuple[int, int]] = field(default_factory=list)   # (gold index, predicted index)

    @property
    def counts(self) -> Counts:
        return Counts(len(self.pairs), len(self.gold), len(self.predicted))

    @property
    def missed(self) -> list:
        taken = {g for g, _ in self.pairs}
        return [item for i, item in enumerate(self.gold) if i not in taken]

    @property
    def spurious(self) -> list:
        taken = {p for _, p in self.pairs}
        return [item for i, item in enumerate(self.predicted) if i not in taken]


def match_field(gold: dict, pred: dict, name: str) -> FieldMatch:
    g, p = field_items(gold, name), field_items(pred, name)
    similarity = SIMILARITY[name]
    # best similarity first; among equals the later items first, as the reference does
    ranked = sorted(((similarity(gi, pj), i, j) for i, gi in enumerate(g) for j, pj in enumerate(p)), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for s, i, j in ranked:
        if s <= 0 or i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return FieldMatch(name, g, p, pairs)


@dataclass
class DocumentScore:
    doc_id: str
    fields: dict[str, FieldMatch]

    @property
    def counts(self) -> Counts:
        """All five fields of the document together."""
        total = Counts()
        for m in self.fields.values():
            total.add(m.counts)
        return total


def score_document(doc_id: str, gold: dict, pred: dict) -> DocumentScore:
    return DocumentScore(doc_id, {name: match_field(gold, pred, name) for name in FIELDS})


@dataclass
class Scores:
    documents: list[DocumentScore]

    @property
    def fields(self) -> dict[str, Counts]:
        """Micro-averaged over documents, field by field."""
        totals = {name: Counts() for name in FIELDS}
        for doc in self.documents:
            for name, m in doc.fields.items():
                totals[name].add(m.counts)
        return totals

    @property
    def mean_f1(self) -> float:
        return sum(c.f1 for c in self.fields.values()) / len(FIELDS)
