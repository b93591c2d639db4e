"""Numbers written in Persian words («پانصد و نود و هشت» = 598): a small
parser whose words and values are data (``number_words`` in the rule file).

A number is groups below a thousand, each optionally multiplied by a scale
(«دو هزار و دویست و سی و یک»); inside a group the components run from hundreds
to tens to units, each at most once. Anything else («سه دو», «هزار هزار») is
not a number, so the longest prefix that is one is taken."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

from ..wordlists import LB, RB, alternation, lookup_key

# the place of a component inside a group: a later component must have a lower one
_PLACES = {"hundreds": 3, "tens": 2, "teens": 2, "units": 1}
# after a teen nothing but a scale may follow in its group
_AFTER_TEEN = 1


@dataclass(frozen=True)
class NumberWord:
    value: int
    place: int        # 3 hundreds, 2 tens or teens, 1 units, 0 a scale
    teen: bool = False


@dataclass(frozen=True)
class WordNumber:
    """A number in words found in a text: its value and where its words end."""
    value: int
    end: int


@dataclass(frozen=True)
class NumberWords:
    words: dict[str, NumberWord]     # lookup key -> value and place
    phrase: regex.Pattern            # a run of number words joined by spaces or «و»
    word: regex.Pattern              # one number word (finditer over a phrase)

    def read(self, text: str, pos: int) -> WordNumber | None:
        """The number in words starting at ``pos`` of ``text`` (its longest
        well-formed prefix), or None."""
        m = self.phrase.match(text, pos)
        if not m:
            return None
        found = [(self.words[lookup_key(w.group())], w.end()) for w in self.word.finditer(text, pos, m.end())]
        for n in range(len(found), 0, -1):
            value = _value([w for w, _ in found[:n]])
            if value is not None:
                return WordNumber(value, found[n - 1][1])
        return None


def number_words(data: dict[str, Any]) -> NumberWords:
    """NumberWords from the rule file's ``number_words`` entry."""
    words: dict[str, NumberWord] = {}
    for group, place in _PLACES.items():
        for word, value in data[group].items():
            words[lookup_key(str(word))] = NumberWord(int(value), place, teen=group == "teens")
    for word, value in data["scales"].items():
        words[lookup_key(str(word))] = NumberWord(int(value), 0)
    one = alternation([*_all_words(data)])
    conj = regex.escape(str(data["conjunction"]))
    return NumberWords(
        words=words,
        phrase=regex.compile(rf"{LB}{one}{RB}(?:\s+(?:{conj}\s+)?{one}{RB})*"),
        word=regex.compile(rf"{LB}{one}{RB}"),
    )


def _all_words(data: dict[str, Any]):
    for group in (*_PLACES, "scales"):
        yield from (str(w) for w in data[group])


def _value(words: list[NumberWord]) -> int | None:
    """The value of a sequence of number words, None when it is ill-formed."""
    total, group, place, last_scale = 0, 0, 99, None
    for w in words:
        if w.place == 0:                      # a scale multiplies the group before it
            if last_scale is not None and w.value >= last_scale:
                return None
            total += (group or 1) * w.value
            group, place, last_scale = 0, 99, w.value
            continue
        if w.place >= place:
            return None
        group += w.value
        place = _AFTER_TEEN if w.teen else w.place
    return total + group
