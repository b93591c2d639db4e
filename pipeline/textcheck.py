"""Is this text a document? Decoding, size limits and the reasons a text is
refused, shared by every reader (files, stdin, table records)."""
from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import regex

from .decoding import DecodingError, decode_bytes

# A document longer than this is refused (the batch records it and goes on):
# news and resolutions are thousands of characters, not tens of millions.
MAX_CHARS = 2_000_000
MAX_BYTES = MAX_CHARS * 4 + len(codecs.BOM_UTF32_LE)  # the most UTF-8, -16 or -32 those characters can take
_MARKUP = regex.compile(r"<(?:html|head|body|div|p|span|table|script|style|br|a\s)[^>]*>", regex.I)
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


class BadDocument(ValueError):
    """A document that cannot be extracted (undecodable, binary, empty, huge, HTML)."""


class InputError(ValueError):
    """An input that cannot be read at all (no such file, not a table of its kind)."""


@dataclass
class DecodedText:
    text: str
    bom: bool = False             # a leading byte-order mark was removed
    encoding: str = "utf-8"       # the encoding it was read in (see ``pipeline.decoding``)


def sha1_of(data: str | bytes) -> str:
    return hashlib.sha1(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data).hexdigest()


def escape_surrogates(text: str) -> str:
    """``text`` with every lone surrogate written out: a byte that was not
    UTF-8 (Python's surrogateescape) as ``\\xNN``, any other as ``\\uXXXX``."""
    def show(m):
        c = ord(m.group())
        return f"\\x{c - 0xDC00:02x}" if 0xDC80 <= c <= 0xDCFF else f"\\u{c:04x}"
    return _SURROGATE.sub(show, text)


def lone_surrogate(text: str) -> int | None:
    """Index of the first lone surrogate (text that is not valid Unicode), or None."""
    m = _SURROGATE.search(text)
    return m.start() if m else None


def wide_encoding(head: bytes) -> str | None:
    """The name of a UTF-16/32 encoding that ``head`` (a file's first bytes)
    looks like, or None. Without a byte-order mark: bytes with NULs, or that
    are not UTF-8, that read as Persian or Latin text in UTF-16."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    if len(head) < 4 or (b"\x00" not in head and _utf8_start(head)):
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
        if len(_TEXTY.findall(text)) >= 0.9 * len(text):
            return "UTF-16"
    return None


# what a Persian, Arabic or Latin-script text is made of
_TEXTY = regex.compile(r"[\s\x20-\x7e\u00a0-\u024f\u0300-\u036f\u0600-\u06ff\u1e00-\u1eff\u200c-\u200f"
                       r"\u2010-\u206f\ufb50-\ufdff\ufe70-\ufeff]")


def _utf8_start(head: bytes) -> bool:
    """Do these first bytes of a file read as UTF-8 (a character cut at the end aside)?"""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def decode_text(data: bytes, where: str, encoding: str | None = None) -> DecodedText:
    """The text of a document's bytes: UTF-8, or its byte-order mark's or the
    detected encoding, or ``encoding`` when the caller names it."""
    try:
        decoded = decode_bytes(data, encoding)
    except DecodingError as exc:
        raise BadDocument(f"{where}: {exc}") from None
    check_text(decoded.text, where)
    return DecodedText(decoded.text, decoded.bom, decoded.encoding)


def decode(data: bytes, where: str) -> str:
    return decode_text(data, where).text


def check_text(text: str, where: str) -> None:
    if not text.strip():
        raise BadDocument(f"{where}: empty document")
    if len(text) > MAX_CHARS:
        raise BadDocument(f"{where}: {len(text):,} characters, over the {MAX_CHARS:,} limit for one document")
    bad = lone_surrogate(text)
    if bad is not None:
        raise BadDocument(f"{where}: a lone surrogate {escape_surrogates(text[bad])} at character {bad}: not valid Unicode text")
    head = text[:20000]
    if len(_MARKUP.findall(head)) >= 3 and head.count("<") > len(head) / 200:
        raise BadDocument(f"{where}: looks like HTML markup; extract its text first")
    if "\x00" in head:
        raise BadDocument(f"{where}: looks binary (NUL characters), not a text document")


def read_bounded(fh: BinaryIO, where: str) -> bytes:
    """At most MAX_BYTES from ``fh``: a file, a pipe or a device like /dev/zero
    that would never end is refused instead of filling memory."""
    data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise BadDocument(f"{where}: over {MAX_BYTES:,} bytes, more than the {MAX_CHARS:,} characters "
                          "allowed for one document")
    return data


def read_file(path: Path) -> str:
    return read_text_file(path).text


def read_text_file(path: Path, encoding: str | None = None) -> DecodedText:
    with open(path, "rb") as fh:
        return decode_text(read_bounded(fh, str(path)), str(path), encoding)
