r"""What every document reader shares: the parsed :class:`Document`, reading a file, problems.

A parser (:func:`~zeren_graph.io.documents.parse_yaml`,
:func:`~zeren_graph.io.documents.parse_json`) returns a :class:`Document`;
:func:`check_data` checks data parsed elsewhere (TOML) for the same limits.
:func:`relocate`, :func:`reraise` and :func:`safe_message` let a caller move
the problems found to its own file and key path, and cut them short.

Examples
--------
>>> check_data({"months": 12}, "pyproject.toml") is None
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from zeren_graph._display import excerpt, printable
from zeren_graph.errors import InputError, LimitError, Problem
from zeren_graph.io.documents.paths import Loc, format_path, show
from zeren_graph.limits import current, exceeded

__all__ = [
    "Document",
    "check_data",
    "non_finite",
    "raise_problems",
    "read_text",
    "relocate",
    "reraise",
    "safe_message",
]

#: Maps a document's text to the 1-based lines of every key path in it.
LineMap = Callable[[str], dict[Loc, list[int]]]


@dataclass(eq=False)
class Document:
    r"""A parsed document: the data, and where each key path is in the text.

    Examples
    --------
    >>> from zeren_graph.io.documents import parse_yaml
    >>> doc = parse_yaml("units:\n  - id: 县委\n  - id: 乙镇\n", "m.yaml")
    >>> doc.data["units"][1], doc.line(("units", 1, "id")), doc.line(("units", 5))
    ({'id': '乙镇'}, 3, 2)
    """

    data: Any
    file: str | None
    text: str
    json: bool = False
    #: The parser's line map, run the first time a line is asked for.
    _line_map: LineMap | None = field(default=None, repr=False)
    _lines: dict[Loc, list[int]] | None = field(default=None, repr=False)

    def occurrences(self, loc: Sequence[int | str]) -> list[int]:
        """Return every 1-based line where the key path ``loc`` occurs (two for a duplicate)."""
        if self._lines is None:
            self._lines = {} if self._line_map is None else self._line_map(self.text)
        return self._lines.get(tuple(loc), [])

    def line(self, loc: Sequence[int | str]) -> int | None:
        """Return the 1-based line of ``loc`` (or of its nearest known ancestor), else None."""
        key = tuple(loc)
        while True:
            found = self.occurrences(key)
            if found:
                return found[0]
            if not key:
                return None
            key = key[:-1]


def read_text(path: str | Path) -> str:
    r"""Read a document file: within the ``file_bytes`` limit, decoded like every input.

    UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK are detected.

    Raises
    ------
    OSError
        When the file is missing, a directory or unreadable.
    LimitError
        When it is larger than the ``file_bytes`` limit.
    DecodeError
        When it is binary or in no known encoding.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "s.yaml"
    >>> _ = f.write_bytes("name: 示例\n".encode("gb18030"))
    >>> read_text(f)
    'name: 示例\n'
    """
    from zeren_graph.io.text import decode, read_input  # noqa: PLC0415

    file = str(path)
    return decode(read_input(path), file)[0]


def raise_problems(problems: Sequence[Problem], error: type[InputError]) -> None:
    """Raise ``problems`` as ``error``, or as LimitError when every one is a limit; none: return."""
    if not problems:
        return
    if all(p.code == "limit-exceeded" for p in problems):
        raise LimitError(problems)
    raise error(problems)


def non_finite(text: str, file: str | None, row: int | None, path: str | None) -> Problem:
    """Return the problem of a number that is infinite or NaN, written ``text``."""
    return Problem(
        "non-finite-number",
        f"{excerpt(text)!r} is not a finite number",
        file=file,
        row=row,
        path=path,
        value=excerpt(text),
        hint="write a finite number (infinity and NaN are not accepted)",
    )


def check_data(
    data: Any, file: str | None, *, error: type[InputError] = InputError, prefix: str = ""
) -> None:
    """Check data parsed elsewhere (TOML): nesting, integer digits and finite numbers.

    Examples
    --------
    >>> check_data({"rules": {"ZG203": {"min_shared": float("inf")}}}, "pyproject.toml")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: pyproject.toml, rules.ZG203.min_shared: 'inf' is not ...
    """
    limits = current()
    problems: list[Problem] = []
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        where = (prefix + format_path(loc)).rstrip(".") or None
        if len(loc) > limits.yaml_depth:
            what = f"the document nests more than {limits.yaml_depth} levels deep"
            raise exceeded("yaml_depth", what, file=file, path=where)
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(non_finite(repr(value), file, None, where))
        elif isinstance(value, int) and not isinstance(value, bool):
            if value.bit_length() > 4 * limits.int_digits or (
                len(str(abs(value))) > limits.int_digits
            ):
                what = f"the integer {show(value)} has more than {limits.int_digits} digits"
                problems.extend(exceeded("int_digits", what, file=file, path=where).problems)
        elif isinstance(value, Mapping):
            stack.extend((v, (*loc, str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*loc, i)) for i, v in enumerate(value))
    raise_problems(problems, error)


def relocate(
    problems: Sequence[Problem], change: Callable[[Problem], Problem]
) -> tuple[Problem, ...]:
    """Return ``problems`` with ``change`` applied (e.g. adding a file or a key path prefix).

    Examples
    --------
    >>> relocate([Problem("x", "m")], lambda p: replace(p, file="f.yaml"))[0].file
    'f.yaml'
    """
    return tuple(change(p) for p in problems)


def reraise(exc: InputError, change: Callable[[Problem], Problem]) -> InputError:
    """Return an error of the same class as ``exc`` with ``change`` applied to its problems.

    Examples
    --------
    >>> err = reraise(LimitError([Problem("limit-exceeded", "m")]), lambda p: replace(p, path="x"))
    >>> type(err).__name__, err.problems[0].path
    ('LimitError', 'x')
    """
    return type(exc)(relocate(exc.problems, change))


def safe_message(problem: Problem, *, chars: int | None = None) -> Problem:
    """Return ``problem`` with its message, value and hint escaped and cut short.

    For problems raised while reading a file a scenario points at: whatever the
    file holds, a message shows only a short excerpt of it.

    Examples
    --------
    >>> p = safe_message(Problem("x", "headers found: " + "root:x:0:0" * 50), chars=20)
    >>> p.message
    'headers found: root:… (515 characters)'
    """
    n = 4 * current().excerpt_chars if chars is None else chars
    return replace(
        problem,
        message=excerpt(problem.message, n),
        value=None if problem.value is None else excerpt(problem.value),
        hint=None if problem.hint is None else excerpt(problem.hint, n),
        column=None if problem.column is None else printable(problem.column),
    )
