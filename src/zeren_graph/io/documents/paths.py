"""Key paths in documents, and short escaped texts of the values found there (for messages).

A key path is a tuple of keys and indexes, ``("supervision", 1, "period")``,
rendered as ``supervision[1].period``.

Examples
--------
>>> format_path(parse_path("units[2].id"))
'units[2].id'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from zeren_graph._display import excerpt

__all__ = ["Loc", "format_path", "parse_path", "show", "value_text"]

#: A key path as a tuple: ``("assignments", 3, "role")``.
Loc = tuple[int | str, ...]


def format_path(loc: Sequence[int | str]) -> str:
    """Render a key path: ``supervision[1].period``.

    Examples
    --------
    >>> format_path(("supervision", 1, "period")), format_path(())
    ('supervision[1].period', '')
    """
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_path(path: str) -> Loc:
    """Split a key path into its parts, the inverse of :func:`format_path`.

    Examples
    --------
    >>> parse_path("exceptions[0].expires")
    ('exceptions', 0, 'expires')
    """
    parts = path.replace("]", "").replace("[", ".").split(".")
    return tuple(int(part) if part.isdigit() else part for part in parts if part)


def show(value: object) -> str:
    r"""Return a short, escaped text for a value read from a document (for messages).

    Never converts a huge integer to text (Python refuses above 4,300 digits).

    Examples
    --------
    >>> print(show("乙镇\x1b[2J"))
    '乙镇\x1b[2J'
    >>> show(10**5000), show(0.5)
    ('an integer of about 5001 digits', '0.5')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    if isinstance(value, (dict, list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    return excerpt(repr(value))


def value_text(value: object) -> str | None:
    """Return the text of a value for :attr:`Problem.value`: short, escaped; None for collections.

    Examples
    --------
    >>> value_text("负责"), value_text(10**5000), value_text([1]), value_text(None)
    ('负责', 'an integer of about 5001 digits', None, 'None')
    """
    if isinstance(value, (dict, list, tuple)):
        return None
    if isinstance(value, str):
        return excerpt(value)
    return show(value)
