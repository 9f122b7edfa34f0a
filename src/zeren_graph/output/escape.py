r"""Showing user content safely to every consumer: spreadsheets, terminals, Markdown, JSON.

A duty, unit or level name is user content. Written as it is, ``=HYPERLINK(…)``
runs as a formula when a CSV file opens in a spreadsheet, ``\x1b[2J`` clears a
terminal, and ``[点我](javascript:…)`` renders as a link in a Markdown report.
Each consumer gets its own escape:

* CSV cells: :func:`csv_cell` prefixes ``'`` to a cell a spreadsheet would
  execute (the OWASP rule); :func:`uncsv_cell` removes it again when reading.
* Terminals: :func:`terminal` removes control characters (and turns line
  breaks into spaces) from a single-line value.
* Markdown: :func:`md_text` escapes HTML and Markdown syntax; :func:`md_fence`
  wraps lines in a code fence they cannot close.
* JSON: :func:`json_text` never writes ``NaN`` or ``Infinity`` (invalid JSON).

Examples
--------
>>> csv_cell("=1+1"), uncsv_cell("'=1+1"), csv_cell("三会一课")
("'=1+1", '=1+1', '三会一课')
>>> terminal("乙镇\x1b[2J党委")
'乙镇[2J党委'
>>> md_text("<script>[点我](javascript:x)")
'&lt;script&gt;\\[点我\\]\\(javascript:x\\)'
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any, Literal

from zeren_graph._display import excerpt, strip_controls
from zeren_graph.errors import OutputError

__all__ = [
    "CSV_TRIGGERS",
    "csv_cell",
    "json_text",
    "md_fence",
    "md_text",
    "nonfinite_paths",
    "terminal",
    "uncsv_cell",
]

#: First characters that make a spreadsheet treat a CSV cell as a formula (OWASP).
CSV_TRIGGERS = frozenset("=+-@\t\r")


def _executes(text: str) -> bool:
    """Whether ``text``, once its leading quotes are removed, starts with a trigger."""
    bare = text.lstrip("'")
    return bool(bare) and bare[0] in CSV_TRIGGERS


def csv_cell(value: str) -> str:
    """Return ``value`` as a CSV cell a spreadsheet shows as text, never runs.

    A value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
    gets a leading ``'`` (spreadsheets hide it and show the rest as text). So
    that :func:`uncsv_cell` can undo it exactly, a value that already starts
    with ``'`` followed (after more ``'``) by one of those gets one too; any
    other value is unchanged.

    Examples
    --------
    >>> [csv_cell(v) for v in ["=SUM(A1)", "+86 10", "-三会一课", "@A1", "'=x", "'注", "乙镇"]]
    ["'=SUM(A1)", "'+86 10", "'-三会一课", "'@A1", "''=x", "'注", '乙镇']
    """
    return "'" + value if _executes(value) else value


def uncsv_cell(value: str) -> str:
    """Undo :func:`csv_cell`: remove the ``'`` it added; leave any other cell unchanged.

    ``uncsv_cell(csv_cell(v)) == v`` for every string ``v``. A hand-written
    ``'=x`` (a spreadsheet's way of typing the text ``=x``) reads as ``=x``.

    Examples
    --------
    >>> [uncsv_cell(v) for v in ["'=SUM(A1)", "''=x", "'注", "乙镇", "'"]]
    ['=SUM(A1)', "'=x", "'注", '乙镇', "'"]
    """
    if value.startswith("'") and _executes(value[1:]):
        return value[1:]
    return value


def terminal(text: str) -> str:
    r"""Return single-line user content for a terminal: no control characters.

    Line breaks and tabs become spaces (a name cannot forge a line of the
    report); escape sequences, other C0/C1 controls and bidirectional
    overrides are removed.

    Examples
    --------
    >>> terminal("三会一课\x1b[2J\n  + 伪造的一行\u202e")
    '三会一课[2J   + 伪造的一行'
    """
    return strip_controls(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "), keep="")


# Markdown syntax that could start a link, an image, emphasis, code, a table cell or HTML.
_MD_PUNCT = re.compile(r"([\\`*_\[\]()|~!#])")
_MD_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_text(text: str) -> str:
    r"""Return user content for inline Markdown (text, list items, table cells).

    HTML is neutralised (``<`` becomes ``&lt;``, ``&`` becomes ``&amp;``), the
    punctuation of links, images, emphasis, code and tables is
    backslash-escaped, control characters are removed and line breaks become
    spaces. The rendered text shows exactly the characters of ``text``.

    Examples
    --------
    >>> md_text("[点我](javascript:alert(1)) | *要* `x`")
    '\\[点我\\]\\(javascript:alert\\(1\\)\\) \\| \\*要\\* \\`x\\`'
    >>> md_text("<img src=x onerror=alert(1)> & 乙镇")
    '&lt;img src=x onerror=alert\\(1\\)&gt; &amp; 乙镇'
    """
    text = terminal(text)
    text = "".join(_MD_HTML.get(ch, ch) for ch in text) if any(c in text for c in "&<>") else text
    return _MD_PUNCT.sub(r"\\\1", text)


def md_fence(lines: Iterable[str], info: str = "") -> list[str]:
    r"""Return ``lines`` as a fenced code block that no line can close early.

    The fence is one backtick longer than the longest run of backticks in
    the content (at least three); control characters are removed.

    Examples
    --------
    >>> md_fence(["+ 三会一课", "```", "<b>x</b>"], "diff")
    ['````diff', '+ 三会一课', '```', '<b>x</b>', '````']
    """
    body = [terminal(line) for line in lines]
    longest = max((len(run) for line in body for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + info, *body, fence]


def nonfinite_paths(data: Any, path: str = "") -> list[str]:
    """Return the key paths of the non-finite numbers (NaN, ±infinity) in ``data``.

    Examples
    --------
    >>> nonfinite_paths({"units": [{"party_members": float("nan")}], "n": 1})
    ['units[0].party_members']
    """
    if isinstance(data, float):
        return [] if math.isfinite(data) else [path or "(the document)"]
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(nonfinite_paths(value, f"{path}.{key}" if path else str(key)))
    elif isinstance(data, (list, tuple)):
        for i, value in enumerate(data):
            found.extend(nonfinite_paths(value, f"{path}[{i}]"))
    return found


def _finite(data: Any) -> Any:
    if isinstance(data, float) and not math.isfinite(data):
        return None
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(v) for v in data]
    return data


def json_text(
    data: Any,
    *,
    indent: int | None = 2,
    nonfinite: Literal["error", "null"] = "error",
    what: str = "the document",
) -> str:
    """Return ``data`` as JSON text (Chinese unescaped) that is always valid JSON.

    JSON has no NaN or infinity. With ``nonfinite="null"`` they are written
    as ``null`` (figures that are undefined, e.g. an attenuation over a zero
    pressure); with ``"error"`` (the default) they raise
    :class:`~zeren_graph.errors.OutputError` naming their key paths.

    Raises
    ------
    OutputError
        When ``nonfinite="error"`` and ``data`` holds NaN or ±infinity.

    Examples
    --------
    >>> json_text({"名称": "乙镇", "x": float("inf")}, indent=None, nonfinite="null")
    '{"名称": "乙镇", "x": null}'
    >>> json_text({"x": [1.0, float("nan")]}, what="units")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.OutputError: units holds a number JSON cannot represent ...
    """
    try:  # the common case, in one pass: nothing to replace
        return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError as exc:
        paths = nonfinite_paths(data)
        if not paths:
            raise
        if nonfinite == "null":
            return json.dumps(_finite(data), ensure_ascii=False, indent=indent, allow_nan=False)
        shown = ", ".join(excerpt(p, 60) for p in paths[:5])
        more = f" and {len(paths) - 5} more" if len(paths) > 5 else ""
        raise OutputError(
            f"{what} holds a number JSON cannot represent (NaN or infinity) at {shown}{more}",
            hint="correct the value in the input; zeren_graph does not write invalid JSON",
        ) from exc
