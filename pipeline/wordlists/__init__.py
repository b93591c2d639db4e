"""Word lists shared by the rules and the NER model's features, and the
helpers every component uses to read its own data files.

The shared lists live here, once: month names of every calendar
(``months.yaml``), honorifics and title heads (``honorifics.yaml``,
``title_heads.yaml``), given names, the East-Asian name syllables and places
(``*.tsv``). A component's own rules and words live in its own folder and
are read with :func:`read_yaml` / :func:`read_tsv`.

Files are read once per process (they never change while it runs), and kept
parsed in the compiled-resource cache (:mod:`pipeline.resources`); entries
are compared in their folded form (:func:`lookup_key`).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import regex

from ..normalize import fold
from ..resources import active

ZWNJ = "\u200c"
# word boundaries that work for Persian script (\b is unreliable next to ZWNJ-less joins)
LB = r"(?<![\p{L}\p{M}\p{N}_])"
RB = r"(?![\p{L}\p{M}\p{N}_])"


def read_yaml(package: str, name: str) -> Any:
    """A YAML data file of ``package`` (a component's own folder, or this one)."""
    return active().get("yaml", _parse_yaml, (package, name))


def read_tsv(package: str, name: str) -> tuple[dict[str, str], ...]:
    """A tab-separated word list with a header line; ``#`` lines are comments."""
    return active().get("tsv", _parse_tsv, (package, name))


def _parse_yaml(package: str, name: str) -> Any:
    import yaml  # only when the cache has no entry: a start-up with one never needs it

    with active().source(package, name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _parse_tsv(package: str, name: str) -> tuple[dict[str, str], ...]:
    with active().source(package, name).open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
        return tuple(dict(r) for r in rows)


@lru_cache(maxsize=1 << 16)  # the rules ask it of the same names and titles again and again
def lookup_key(word: str) -> str:
    """How a word or phrase is looked up in a word list: folded, no spaces."""
    return "".join(fold(word).split())


def entry_pattern(entry: str) -> str:
    """Regex for a lexicon entry matched against the folded view: a ZWNJ in the
    entry also accepts a space or nothing, a space accepts any run of spaces."""
    parts = [regex.escape(fold(p)) for p in str(entry).split(ZWNJ)]
    pattern = " ?".join(parts)
    return regex.sub(r"(?:\\ )+", r"\\s+", pattern)


def entry_head(entry: str) -> str:
    """The literal text every match of ``entry_pattern(entry)`` starts with:
    the folded entry up to its first ZWNJ or space (each may be matched by
    something else). "" when the entry starts with one."""
    return fold(str(entry).split(ZWNJ)[0]).split(" ")[0]


def alternation(entries: Iterable[str]) -> str:
    """Longest-first alternation so that a longer entry wins at the same start."""
    pats = sorted({entry_pattern(e) for e in entries if str(e).strip()}, key=len, reverse=True)
    return "(?:" + "|".join(pats) + ")"


# ------------------------------------------------------------- shared lists

@dataclass(frozen=True)
class MonthName:
    name: str          # as written in the list
    calendar: str      # gregorian | jalali | hijri | afghan (Afghan solar months: the Jalali calendar)
    month: int


def month_names() -> tuple[MonthName, ...]:
    data = read_yaml(__name__, "months.yaml")
    return tuple(MonthName(str(name), cal, int(num))
                 for cal, months in data["months"].items() for num, names in months.items() for name in names)


def ambiguous_month_names() -> tuple[str, ...]:
    """Month names that are also everyday words («مهر», «دی», «اسد»)."""
    return tuple(str(w) for w in read_yaml(__name__, "months.yaml")["ambiguous_months"])


def honorifics() -> tuple[str, ...]:
    return tuple(str(w) for w in read_yaml(__name__, "honorifics.yaml")["honorifics"])


def title_heads() -> tuple[str, ...]:
    return tuple(str(w) for w in read_yaml(__name__, "title_heads.yaml")["title_heads"])


def given_names() -> tuple[str, ...]:
    return tuple(r["name"] for r in read_tsv(__name__, "given_names.tsv"))


def ambiguous_given_names() -> tuple[str, ...]:
    """Given names that are also common words («امید», «نور»)."""
    return tuple(r["name"] for r in read_tsv(__name__, "given_names_ambiguous.tsv"))


@dataclass(frozen=True)
class NameSyllable:
    syllable: str
    language: str
    strong: bool       # seldom anything but a name syllable


def name_syllables() -> tuple[NameSyllable, ...]:
    return tuple(NameSyllable(r["syllable"], r.get("language", ""), r.get("strength") == "strong")
                 for r in read_tsv(__name__, "name_syllables.tsv"))


@dataclass(frozen=True)
class Place:
    name: str
    kind: str          # country | capital | province | city
    country: str
    ambiguous: bool    # also a common word, a weekday or a personal name («فارس», «دوشنبه»)


def places() -> tuple[Place, ...]:
    """Provinces and major cities of Iran, Afghanistan and Vietnam, the
    world's countries and capitals (``places.tsv``)."""
    return tuple(Place(r["place"], r["kind"], r["country"], r.get("ambiguous") == "yes")
                 for r in read_tsv(__name__, "places.tsv"))
