"""The data model: a Document keeps the original text untouched; every
annotation is a span with character offsets into that original text."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .normalize import TextView, make_view


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Sentence(Span):
    pass


@dataclass(slots=True)  # documents hold hundreds of tokens: slots make them cheap
class Token(Span):
    sentence: int = 0
    norm: str = ""                 # the token in the normalized view (folded letters and digits)
    newline_before: bool = False   # a line break between it and the previous token
    is_word: bool = False          # letters only
    is_punct: bool = False         # punctuation only


@dataclass
class Entity(Span):
    """A named-entity mention found by the NER model (PEYMA types)."""
    kind: str = ""              # PER, ORG, LOC, DAT, TIM, MON, PCT
    score: float = 1.0          # the model's confidence in the whole span (lowest tag marginal)


@dataclass
class DateMention(Span):
    value: str = ""
    calendar: str = ""          # gregorian | jalali | hijri
    rule: str = ""              # name of the rule that matched
    relative: bool = False      # resolved against the document's own date


@dataclass
class Resolution(Span):
    kind: str = ""              # document-type word as written
    number: str = ""            # identifier as written
    number_canonical: str = ""  # ASCII digits, no spaces, no tatweel
    issuer: str = ""
    date: str = ""              # ISO value of the document's date, when given
    title: str = ""
    rule: str = ""


@dataclass
class TitleMention(Span):
    rule: str = ""


@dataclass
class Person:
    name: str
    mentions: list[Span] = field(default_factory=list)
    titles: list[TitleMention] = field(default_factory=list)
    honorifics: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # title-only mentions linked to this person (``دبیر حزب استان``)
    coreferent_titles: list[Span] = field(default_factory=list)

    def title_texts(self) -> list[str]:
        """Each title's text once, in order (a dict, not a list, keeps them:
        a person of hundreds of titles, issue 22)."""
        return list(dict.fromkeys(t.text for t in self.titles))


@dataclass
class Task(Span):
    requester: str = ""           # as written («دبیر حزب استانی»)
    requester_person: str = ""    # the named person it refers to, when unambiguous
    addressees: list[str] = field(default_factory=list)
    deadline: str = ""          # ISO value from the dates stage
    resolutions: list[str] = field(default_factory=list)
    list_id: int = 0
    order: int = 0
    frame: str = ""             # name of the directive frame that introduced it


@dataclass
class Document:
    text: str
    doc_id: str = "doc"
    date: date | None = None          # the document's own date (metadata), if known
    meta: dict[str, Any] = field(default_factory=dict)
    view: TextView | None = None
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)   # only with the "ner" stage
    # which stages have run: the pipeline checks requirements against this
    provided: set[str] = field(default_factory=lambda: {"text"})

    def ensure_view(self) -> TextView:
        if self.view is None:
            self.view = make_view(self.text)
        return self.view

    def span_from_view(self, vstart: int, vend: int) -> Span:
        """A Span in original offsets for the view span [vstart, vend)."""
        start, end = self.view.span(vstart, vend)
        return Span(start, end, self.text[start:end])
