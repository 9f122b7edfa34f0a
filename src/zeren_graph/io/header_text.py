r"""Header text: the key a header is matched by, without spaces, colon and annotations.

:func:`header_key` NFKC-normalises a header, case-folds it, drops the spaces and
line breaks next to Chinese characters (``职　　责``, ``责 任 单 位``, ``责任\n单位``;
spaces between English words read as ``_``, as ``-`` does), a trailing colon
(``职责：``) and trailing annotations in brackets, which :func:`split_header`
returns as the note (``责任人（签字）`` → ``责任人``, note ``签字``). Only
*trailing* brackets are annotations: ``责任(配合)单位`` names the supporting units.
:mod:`zeren_graph.io.columns` matches the keys against the column vocabularies
(and re-exports these names).
"""

from __future__ import annotations

import re

from zeren_graph.io.text import clean

__all__ = ["HEADER_MAX_CHARS", "header_key", "split_header"]

#: A trailing annotation in brackets, as NFKC leaves them (（ → (, ［ → [).
_NOTE = re.compile(r"[(\[【〔〖]([^()\[\]【】〔〕〖〗]*)[)\]】〕〗]$")

#: A cell longer than this is text, not a header: it is only cleaned (NFKC, trimmed).
HEADER_MAX_CHARS = 100
#: Whitespace runs (spaces, U+3000 after NFKC, tabs, line breaks).
_SPACES = re.compile(r"\s+")
#: The last characters of a header that has a trailing colon or annotation.
_TRAILING = (":", " ", ")", "]", "】", "〕", "〗")


def _join_spaces(match: re.Match[str]) -> str:
    """Drop a whitespace run next to a non-ASCII character, else make it one space."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return " " if before.isascii() and after.isascii() else ""


def split_header(header: str) -> tuple[str, str]:
    r"""Return ``(name, note)``: a header without its spaces, colon and trailing annotations.

    ``name`` keeps the case it was written in; ``note`` is the text of the
    trailing bracketed annotations (outermost last, joined by a space), or
    ``""``. A header that is nothing but an annotation is kept whole, and one
    longer than :data:`HEADER_MAX_CHARS` (text, not a header) is only cleaned.

    Examples
    --------
    >>> split_header("责任人（签字）："), split_header("职　　责"), split_header("责任\n单位")
    (('责任人', '签字'), ('职责', ''), ('责任单位', ''))
    >>> split_header("完成时限(月)【必填】"), split_header("责任(配合)单位")
    (('完成时限', '月 必填'), ('责任(配合)单位', ''))
    >>> split_header(" Derived  From (optional)"), split_header("（空）")
    (('Derived From', 'optional'), ('(空)', ''))
    """
    name = clean(header)
    if len(name) > HEADER_MAX_CHARS:
        return name, ""
    if _SPACES.search(name):
        name = _SPACES.sub(_join_spaces, name)
    if not name.endswith(_TRAILING):
        return name, ""
    notes: list[str] = []
    while True:
        name = name.rstrip(": ")
        found = _NOTE.search(name)
        if found is None or not name[: found.start()].strip(": "):
            break
        if found.group(1).strip():
            notes.append(found.group(1).strip())
        name = name[: found.start()]
    return name, " ".join(reversed(notes))


def header_key(header: str) -> str:
    r"""Return the key a header is matched by (see the module's description).

    Examples
    --------
    >>> header_key(" Derived-From "), header_key("责 任 单 位"), header_key("职责:")
    ('derived_from', '责任单位', '职责')
    """
    return split_header(header)[0].casefold().replace("-", "_").replace(" ", "_")
