"""What the people rules find, in token positions of one :class:`TokenIndex`:
names (:class:`NameSpan`), titles (:class:`TitleSpan`), and the rule that
found each. Character offsets are worked out only when a Person is written."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable


class NameRule(Enum):
    HONORIFIC = "honorific"                              # «رفیق X», «آقای X»
    GIVEN_NAME = "given_name"                            # a listed given name and a family name
    NAME_SYLLABLES = "name_syllables"                    # a run of East-Asian name syllables
    WEAK_GIVEN_APPOSITION = "given_name_apposition"      # «، حسن جعفرزاده، مدیرکل …»
    UNKNOWN_WORDS_APPOSITION = "unknown_words_apposition"  # «یلنا سرگیوونا ماکارووا، رئیس …»
    QUOTED = "quoted_name"                               # «اتو پرز مولینا» next to a title
    SHORT_SYLLABLES = "short_syllables_after_title"      # «دبیرکل تو لام»
    HOLY_FIGURE = "holy_figure"                          # «امام حسین (ع)» → «حسین»
    SUFFIXED = "suffix_apart"                            # «بختیار سعید اف»
    LATIN = "latin_letters"                              # «سفیر ایتالیا Marco Bellini»
    PLACE_NAMED_FIGURE = "place_named_figure"            # «هوشی‌مین، نخستین رئیس‌جمهور ویتنام»
    PLURAL_HONORIFIC = "plural_honorific_list"           # «آقایان آرش سروری، مهدی افشاری و شیخی»
    SON_OF = "son_of"                                    # «ابن ملجم»
    MODEL = "model"                                      # a PER span of the ner stage
    LATER_SURNAME = "later_surname"                      # a bare surname linked to a named person (coreference)


class TitleRule(Enum):
    CHAIN_AFTER = "chain_after"          # NAME، TITLE، TITLE؛
    DASH_AFTER = "dash_after"            # NAME - TITLE
    PARENTHESIZED = "parenthesized"      # NAME (TITLE)
    APPOINTED_AS = "appointed_as"        # NAME به عنوان TITLE
    TITLE_AFTER = "title_after"          # NAME TITLE
    SIGNATURE_BLOCK = "signature_block"  # a name line and a title line
    TITLE_BEFORE = "title_before"        # TITLE NAME
    DASH_BEFORE = "dash_before"          # TITLE - NAME, a signature line
    CHAIN_BEFORE = "chain_before"        # TITLE، TITLE، NAME؛
    LEAD_SPEAKER = "lead_speaker"        # TITLE گفت … NAME افزود: a title-only speaker, then the new name
    POST_HELD = "post_held"              # NAME که ریاست X را بر عهده داشت
    CAREER_RECORD = "career_record"      # NAME … سابقه مدیریت X، معاونت Y را دارد
    RELATIVE_CLAUSE = "relative_clause"  # NAME که TITLE بوده/است
    PLURAL_AFTER = "plural_after"        # NAME و NAME اعضای X, NAME یکی از رهبران X
    DECREE = "decree"                    # جناب آقای NAME … به سمت «TITLE» منصوب می‌شوید


@dataclass(frozen=True)
class NameSpan:
    start: int                  # first token of the name (after its honorific)
    end: int                    # one past its last token
    rule: NameRule
    honorific: str = ""         # the honorific as written, if any
    honorific_start: int = -1   # the honorific's first token, or -1

    @property
    def first(self) -> int:
        """The mention's first token: its honorific's, or the name's."""
        return self.honorific_start if self.honorific_start >= 0 else self.start


@dataclass(frozen=True)
class TitleSpan:
    start: int                  # first token
    end: int                    # one past the last token
    rule: TitleRule


@dataclass(frozen=True)
class NameTokens:
    """Where the found names are, as the title and coreference rules need it:
    a title stops at a name and never takes a name's token."""

    starts: frozenset[int] = frozenset()   # first token of each name and of each honorific
    tokens: frozenset[int] = frozenset()   # every token of a name or its honorific

    @classmethod
    def of(cls, names: Iterable[NameSpan]) -> NameTokens:
        names = list(names)
        starts = {n.start for n in names} | {n.honorific_start for n in names if n.honorific_start >= 0}
        return cls(frozenset(starts), frozenset(k for n in names for k in range(n.first, n.end)))


NO_NAMES = NameTokens()


@dataclass(frozen=True)
class TitledName:
    """A name and the titles attached to it, before its own, then after it."""

    name: NameSpan
    titles: tuple[TitleSpan, ...]
