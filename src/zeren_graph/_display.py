r"""Showing user content safely in messages and terminal output.

A cell, key or file name read from user input may hold control characters (an
ANSI escape sequence clears a terminal screen) or be a megabyte long. Messages
show it through :func:`printable` (control characters as visible escapes) and
:func:`excerpt` (also cut to a short length).

Examples
--------
>>> printable("乙镇\x1b[2J党委\n")
'乙镇\\x1b[2J党委\\n'
>>> excerpt("甲" * 200, 10)
'甲甲甲甲甲甲甲甲甲甲… (200 characters)'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["excerpt", "printable", "strip_controls"]

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if ch in named:
        return named[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""Return ``text`` with every control character shown as an escape.

    Examples
    --------
    >>> printable("a\tb\u202ec")
    'a\\tb\\u202ec'
    """
    return _CONTROL.sub(_escape, text)


def strip_controls(text: str, *, keep: str = "\n\t") -> str:
    r"""Return ``text`` without control characters other than those in ``keep``.

    For multi-line terminal output (reports, tables) where line breaks are wanted.

    Examples
    --------
    >>> strip_controls("乙镇\x1b[2J党委\n")
    '乙镇[2J党委\n'
    """
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else "", text)


def excerpt(text: str, limit: int | None = None) -> str:
    """Return a printable excerpt of ``text`` of at most ``limit`` characters.

    ``limit`` defaults to the ``excerpt_chars`` limit (80).

    Examples
    --------
    >>> excerpt("root:x:0:0:root:/root:/bin/bash", 8)
    'root:x:0… (31 characters)'
    """
    if limit is None:
        from zeren_graph.limits import current  # noqa: PLC0415

        limit = current().excerpt_chars
    text = unicodedata.normalize("NFC", text) if not text.isascii() else text
    if len(text) <= limit:
        return printable(text)
    return f"{printable(text[:limit])}… ({len(text)} characters)"
