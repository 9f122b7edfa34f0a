r"""JSON text: a size and depth scan before parsing, duplicate keys, and a line map.

:func:`parse_json` reads a document the way ``json.loads`` does, but refuses
nesting beyond the ``yaml_depth`` limit and more than ``yaml_nodes`` nodes
before parsing, and reports every duplicate key, over-long integer and
non-finite number (``Infinity``, ``NaN``, ``1e400``) at once, with its line
and key path.

Examples
--------
>>> parse_json('{"a": [1, 2.5]}', "d.json").data
{'a': [1, 2.5]}
>>> json_lines('{\n  "a": {\n    "b": 1\n  }\n}')[("a", "b")]
[3]
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, Problem
from zeren_graph.io.documents.base import Document, non_finite, raise_problems
from zeren_graph.io.documents.paths import Loc, format_path
from zeren_graph.limits import current, exceeded

__all__ = ["json_lines", "parse_json"]

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # unrolled: fast on big files
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]|[^\s\[\]{}:,"]+', re.DOTALL)


class _Flagged:
    """A value the JSON hooks refused; found with its key path after parsing."""

    __slots__ = ("problem", "text")

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        self.problem = problem


class _Object(dict[str, Any]):
    """A JSON object whose keys repeat (``dups`` names them)."""

    dups: list[str]


def _json_structure(text: str, file: str | None) -> None:
    """Refuse nesting beyond ``yaml_depth`` and more than ``yaml_nodes`` nodes, before parsing."""
    limits = current()
    opens = text.count("[") + text.count("{")
    if opens <= limits.yaml_depth and len(text) <= limits.yaml_nodes:
        return
    bare = _JSON_STRING.sub('""', text)
    brackets = re.sub(r"[^\[\]{}]+", "", bare)
    deepest = max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)
    if deepest > limits.yaml_depth:
        what = f"the document nests {deepest} levels deep"
        raise exceeded("yaml_depth", what, file=file, row=_json_depth_row(text, limits.yaml_depth))
    nodes = bare.count(",") + bare.count(":") + bare.count("[") + bare.count("{") + 1
    if nodes > limits.yaml_nodes:
        raise exceeded("yaml_nodes", f"the document has about {nodes} nodes", file=file)


def _json_depth_row(text: str, limit: int) -> int:
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        depth += 1 if tok in "[{" else -1 if tok in "]}" else 0
        if depth > limit:
            return text.count("\n", 0, m.start()) + 1
    return 1  # pragma: no cover - called only when the depth was exceeded


def parse_json(text: str, file: str | None, *, error: type[InputError] = InputError) -> Document:
    """Parse a JSON document safely; raise ``error`` (or LimitError) listing every problem.

    Examples
    --------
    >>> parse_json('{"a": 1, "a": 2}', "d.json")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: d.json, row 1, a: the key 'a' is given twice (lines 1 and 1); ...
    >>> parse_json("[" * 500 + "]" * 500, "deep.json")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.LimitError: deep.json, row 1: the document nests 500 levels deep, ...
    """
    if not text.strip():
        return Document(None, file, text, json=True, _line_map=json_lines)
    _json_structure(text, file)
    flagged: list[bool] = []
    digits = current().int_digits

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) == len(items):
            return out
        obj = _Object(out)
        obj.dups = sorted(k for k, n in Counter(k for k, _ in items).items() if n > 1)
        flagged.append(True)
        return obj

    def constant(name: str) -> Any:
        flagged.append(True)
        return _Flagged(name, "non-finite-number")

    def real(token: str) -> Any:
        number = float(token)
        if math.isfinite(number):
            return number
        flagged.append(True)
        return _Flagged(token, "non-finite-number")

    def integer(token: str) -> Any:
        if len(token.lstrip("-")) > digits:
            flagged.append(True)
            return _Flagged(token, "int-digits")
        return int(token)

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=constant,
            parse_float=real,
            parse_int=integer,
        )
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON: {exc.msg}"
        problem = Problem("invalid-syntax", msg, file=file, row=exc.lineno, hint=None)
        raise error([problem]) from None
    except RecursionError:  # pragma: no cover - the depth was checked before
        raise exceeded("yaml_depth", "the document nests too deeply", file=file) from None
    doc = Document(data, file, text, json=True, _line_map=json_lines)
    if flagged:
        raise_problems(_json_problems(doc), error)
    return doc


def _json_problems(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Any, Loc]] = [(doc.data, ())]
    while stack:
        value, loc = stack.pop()
        where = format_path(loc) or None
        if isinstance(value, _Flagged):
            if value.problem == "int-digits":
                what = f"the integer {excerpt(value.text, 24)} has {len(value.text)} digits"
                found = exceeded("int_digits", what, file=doc.file, row=doc.line(loc), path=where)
                problems.extend(found.problems)
            else:
                problems.append(non_finite(value.text, doc.file, doc.line(loc), where))
        elif isinstance(value, dict):
            if isinstance(value, _Object):
                problems.extend(_json_duplicates(doc, value, loc))
            stack.extend((v, (*loc, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, (*loc, i)) for i, v in reversed(list(enumerate(value))))
    problems.sort(key=lambda p: p.row or 0)
    return problems


def _json_duplicates(doc: Document, obj: _Object, loc: Loc) -> Iterator[Problem]:
    for key in obj.dups:
        lines = doc.occurrences((*loc, key))
        both = f" (lines {lines[0]} and {lines[1]})" if len(lines) > 1 else ""
        yield Problem(
            "duplicate-key",
            f"the key {excerpt(key)!r} is given twice{both}",
            file=doc.file,
            row=lines[1] if len(lines) > 1 else None,
            path=format_path((*loc, key)),
            value=excerpt(key),
            hint="keep one of them: only one value can count",
        )


def json_lines(text: str) -> dict[Loc, list[int]]:
    """Map every key path of a (valid) JSON text to the lines where it occurs."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    lines: dict[Loc, list[int]] = {}
    # a frame: [loc, is_object, key or index, expecting a key]
    frames: list[list[Any]] = []

    def here() -> Loc:
        if not frames:
            return ()
        loc, _, key, _ = frames[-1]
        return (*loc, key)

    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        line = bisect.bisect_right(newlines, m.start() - 1) + 1
        top = frames[-1] if frames else None
        if tok in "{[":
            loc = here()
            lines.setdefault(loc, []).append(line)
            frames.append([loc, tok == "{", None if tok == "{" else 0, tok == "{"])
        elif tok in "}]":
            if frames:
                frames.pop()
        elif tok == ",":
            if top is not None:
                if top[1]:
                    top[3] = True
                else:
                    top[2] += 1
        elif tok == ":":
            continue
        elif top is not None and top[1] and top[3]:
            try:
                top[2] = json.loads(tok)
            except ValueError:  # pragma: no cover - the text parsed before
                top[2] = tok
            top[3] = False
            lines.setdefault((*top[0], top[2]), []).append(line)
        elif top is not None and not top[1]:
            lines.setdefault(here(), []).append(line)
    return lines
