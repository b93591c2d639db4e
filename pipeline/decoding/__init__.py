"""Bytes to text: UTF-8 as it is, a legacy encoding detected, never silently wrong.

- A byte-order mark (UTF-8, UTF-16, UTF-32) settles the encoding; the mark is
  not part of the text, so offsets count after it.
- Bytes that are UTF-8 (and hold no NULs) are UTF-8, as they always were.
- Anything else is detected with charset-normalizer among the candidates of
  ``decoding.yaml`` (Windows-1256, ISO-8859-6 ...). A decoding is taken only
  when it is clean enough (its mess ratio under ``max_mess``) and mostly
  Arabic script; when none is, the error names every encoding tried and why
  it was refused.
- A caller may name the encoding instead (``--encoding``): then no guess is made.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from ..wordlists import lookup_key, read_yaml

_BOMS = (  # longest first: a UTF-32-LE mark begins with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LETTER = regex.compile(r"\p{L}")
_ARABIC_LETTER = regex.compile(r"(?=\p{L})\p{Script=Arabic}")
_SAMPLE = 200_000  # characters a script share is measured on


class DecodingError(ValueError):
    """Bytes that no allowed encoding reads as a Persian text; the message says what was tried."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str      # as the documents table names it: utf-8, utf-16-le, windows-1256 ...
    bom: bool = False  # a byte-order mark began the bytes; it is not part of the text


@dataclass(frozen=True)
class Settings:
    candidates: tuple[str, ...]
    max_mess: float
    min_arabic_script: float
    labels: dict[str, str]
    common_words: frozenset[str]


@lru_cache(maxsize=1)
def settings() -> Settings:
    raw = read_yaml(__name__, "decoding.yaml")
    return Settings(tuple(raw["candidates"]), float(raw["max_mess"]), float(raw["min_arabic_script"]),
                    dict(raw["labels"]), frozenset(lookup_key(w) for w in raw["common_words"]))


def label(encoding: str) -> str:
    """The name a codec is reported under (``cp1256`` -> ``windows-1256``)."""
    name = codecs.lookup(encoding).name
    return settings().labels.get(name, name)


def check_encoding(name: str) -> str:
    """``name`` as a known codec's label; ValueError for one Python does not know."""
    try:
        return label(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r} (try utf-8, windows-1256, iso-8859-6, utf-16)") from None


def bom_of(data: bytes) -> tuple[bytes, str] | None:
    """The byte-order mark ``data`` begins with and the encoding it names."""
    return next(((mark, enc) for mark, enc in _BOMS if data.startswith(mark)), None)


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """The text of ``data``: in ``encoding`` when given, else by its byte-order
    mark, as UTF-8, or as the detected legacy encoding. DecodingError (with
    what was tried) when it cannot be read."""
    if encoding:
        return decode_as(data, encoding)
    bom = bom_of(data)
    if bom:
        return _strict(data[len(bom[0]):], bom[1], f"though it begins with a {bom[1].upper()} byte-order mark", True)
    try:
        if b"\x00" not in data[:4096]:
            return Decoded(data.decode("utf-8"), "utf-8")
        first_problem = "looks binary (NUL bytes), not a text document"
    except UnicodeDecodeError as exc:
        first_problem = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    return detect(data, first_problem)


def decode_as(data: bytes, encoding: str) -> Decoded:
    """``data`` in the named encoding, no guessing; a byte-order mark of that
    encoding is dropped (and noted)."""
    name = codecs.lookup(encoding).name
    bom = bom_of(data)
    if bom and name.replace("-sig", "") in (bom[1], bom[1][:-3]):  # utf-16 names utf-16-le and -be too
        return _strict(data[len(bom[0]):], bom[1], "(--encoding)", True)
    decoded = _strict(data, name, "(--encoding)", False)
    if decoded.text.startswith("\ufeff"):
        return Decoded(decoded.text[1:], decoded.encoding, True)
    return decoded


def _strict(data: bytes, encoding: str, context: str, bom: bool) -> Decoded:
    try:
        return Decoded(data.decode(encoding), label(encoding), bom)
    except UnicodeDecodeError as exc:
        raise DecodingError(f"not {label(encoding)} text {context}: {exc.reason} at byte {exc.start}") from None


# ------------------------------------------------------------------ detection

@dataclass
class _Try:
    encoding: str
    text: str | None = None
    refused: str | None = None   # why it is not the document's encoding
    persian_words: int = 0


def detect(data: bytes, first_problem: str) -> Decoded:
    """The detected decoding of bytes that are not UTF-8, or DecodingError
    naming ``first_problem`` and every encoding tried."""
    tries = _wide_tries(data) if b"\x00" in data[:4096] else _legacy_tries(data)
    fits = [t for t in tries if t.refused is None]
    if not fits:
        tried = "; ".join(f"{label(t.encoding)}: {t.refused}" for t in tries) or "no candidate"
        raise DecodingError(f"{first_problem}; no other encoding reads as Persian text (tried {tried})")
    best = max(fits, key=lambda t: (t.persian_words, -_rank(t.encoding)))  # of equals, the first candidate
    return Decoded(best.text, label(best.encoding))


def _rank(encoding: str) -> int:
    names = [codecs.lookup(c).name for c in settings().candidates]
    name = codecs.lookup(encoding).name
    return names.index(name) if name in names else len(names)


def _legacy_tries(data: bytes) -> list[_Try]:
    from charset_normalizer import from_bytes

    cfg = settings()
    tries: dict[str, _Try] = {}
    for m in from_bytes(data, cp_isolation=list(cfg.candidates), threshold=cfg.max_mess, enable_fallback=False):
        judged = _judge(_Try(m.encoding, str(m)))
        # encodings that give the very same text share one match (and its judgement)
        for name in (m.encoding, *m.could_be_from_charset):
            tries.setdefault(codecs.lookup(name).name, replace(judged, encoding=name))
    for candidate in cfg.candidates:
        if codecs.lookup(candidate).name not in tries:
            tries[codecs.lookup(candidate).name] = _Try(candidate, refused=_why_not(data, candidate))
    return list(tries.values())


def _why_not(data: bytes, encoding: str) -> str:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return f"{exc.reason} at byte {exc.start}"
    return f"too garbled (mess ratio over {settings().max_mess})"


def _wide_tries(data: bytes) -> list[_Try]:
    """UTF-16 without a byte-order mark: the only text with NULs between its letters."""
    tries = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            tries.append(_judge(_Try(encoding, data.decode(encoding))))
        except UnicodeDecodeError as exc:
            tries.append(_Try(encoding, refused=f"{exc.reason} at byte {exc.start}"))
    return tries


def _judge(t: _Try) -> _Try:
    """Refuse a decoding that is not mostly Arabic script; count its Persian words."""
    sample = t.text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    share = len(_ARABIC_LETTER.findall(sample)) / letters if letters else 0.0
    if share < settings().min_arabic_script:
        t.refused = f"only {share:.0%} of its letters are Persian/Arabic script"
    elif "\x00" in sample:
        t.refused = "holds NUL characters"
    common = settings().common_words
    t.persian_words = sum(1 for w in sample.split() if lookup_key(w) in common)
    return t
