"""The people stage: names, then their titles, then the people they make,
all read off one token index of the document."""
from __future__ import annotations

from ..component import Component
from ..document import Document, Person
from .coreference import resolve
from .lexicon import Lexicon, lexicon, noun_words
from .names import find_names
from .spans import NameTokens
from .titles import attach_titles
from .tokens import TokenIndex


def find_people(doc: Document, lex: Lexicon | None = None) -> list[Person]:
    """The people of a document that has tokens and dates (and entities,
    when the ner stage ran)."""
    index = TokenIndex.build(doc, lex or lexicon())
    names = find_names(index, doc.entities)
    held = NameTokens.of(names)
    titles = attach_titles(index, names, held)
    return resolve(index, titles.titled, held, titles.used)


class PeopleExtractor(Component):
    """People, their titles and mentions, by rules; merged with the NER
    model's names when the ner stage ran before it."""

    name = "people"
    requires = ("tokens", "dates")
    provides = ("people", "titles")
    uses = ("entities",)

    def __call__(self, doc: Document) -> None:
        doc.people = find_people(doc)

    def load(self) -> None:
        lexicon()
        noun_words()   # read on the first plural-noun check, mostly of a model name
