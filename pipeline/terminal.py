"""Text bound for a terminal: control characters shown, never obeyed.

A document can hold escape sequences (ESC, the 8-bit CSI, BEL ...) that would
clear the screen, retitle the window or worse if printed as they are. Line
breaks and tabs stay; every other C0/C1 control character and DEL is written
as a visible ``\\xNN`` escape.
"""
from __future__ import annotations

import regex

_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
