"""The people stage: people and the titles (positions) the text gives them, by rules.

Its parts, each over one read-only :class:`~.tokens.TokenIndex` of the document:

- ``names``: names found from cues (an honorific, a known given name, East-Asian
  name syllables, an apposition with a title, quotes, the NER model's names);
- ``titles``: the titles attached to each name (apposition chains, a title
  right before or after it, signature blocks);
- ``coreference``: mentions merged into one Person per human, and later
  bare surnames and title-only mentions linked to it.

``lexicon`` reads the word lists (``people.yaml`` here, the shared lists of
``pipeline.wordlists``, hazm's lexicon); ``examples.yaml`` is the stage's
example corpus.
"""
from .extractor import PeopleExtractor, find_people

__all__ = ["PeopleExtractor", "find_people"]
