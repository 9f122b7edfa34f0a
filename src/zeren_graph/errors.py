"""The exception and warning hierarchy of zeren_graph.

Every error raised on purpose by the library derives from :class:`ZerenError`.
Errors about bad input derive from :class:`InputError`, which is also a
:class:`ValueError`; each child also inherits the builtin that matches its
meaning (an unknown reference is a :class:`LookupError`, an undecodable file a
:class:`UnicodeError`), so callers can catch either family.

An input error carries *all* the problems found, not only the first: each
:class:`Problem` names the file, row, column (or key path) and offending value,
and where a close match exists, a suggestion.

Examples
--------
>>> p = Problem("unknown-reference", "unit '乙镇' is not in the units table",
...             file="清单.csv", row=14, column="unit", value="乙镇",
...             hint="did you mean '乙镇党委'?")
>>> print(p)
清单.csv, row 14, column 'unit': unit '乙镇' is not in the units table; did you mean '乙镇党委'?
>>> err = InputError([p])
>>> isinstance(err, ValueError), err.problems[0].code
(True, 'unknown-reference')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "ConfigError",
    "DecodeError",
    "DuplicateIdError",
    "EmptyFileError",
    "HierarchyCycleError",
    "HierarchyWarning",
    "InputError",
    "LimitError",
    "MissingColumnError",
    "MissingSheetError",
    "OutputError",
    "Problem",
    "ScenarioError",
    "UnknownReferenceError",
    "UnknownValueError",
    "ZerenError",
    "ZerenWarning",
    "did_you_mean",
    "raise_problems",
]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in the input.

    Parameters
    ----------
    code : str
        Machine-readable kind of problem, e.g. ``"unknown-reference"``; the
        catalogue is in ``docs/errors.md``.
    message : str
        What is wrong, in the user's own words where possible.
    file, row, column : optional
        Where it is. ``row`` is the 1-based row (line) number in the file as a
        spreadsheet program shows it; ``column`` is a header or a key path
        of a flat file.
    path : optional
        A key path in a structured document, e.g. ``assignments[3].role``.
    value : optional
        The offending value, as read.
    hint : optional
        How to fix it, e.g. ``"did you mean '乙镇党委'?"``.
    """

    code: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    hint: str | None = None
    path: str | None = None

    def location(self) -> str:
        """Return ``file, row N, column 'c', key.path`` with the parts that are known."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        if self.path:
            parts.append(self.path)
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}; {self.hint}" if self.hint else text


class ZerenError(Exception):
    """Base class of every error zeren_graph raises on purpose."""


class InputError(ZerenError, ValueError):
    """Bad input: a file, a model, a scenario or a configuration.

    Parameters
    ----------
    problems : sequence of Problem or str
        Every problem found. A plain string becomes a problem of code
        ``"invalid-input"``.
    """

    default_code = "invalid-input"

    def __init__(self, problems: Sequence[Problem | str] | Problem | str) -> None:
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(
            p if isinstance(p, Problem) else Problem(self.default_code, p) for p in problems
        )
        super().__init__(self._text())

    def _text(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines.extend(f"  - {p}" for p in self.problems)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._text()


class UnknownReferenceError(InputError, LookupError):
    """A reference to a unit, post, person or duty that does not exist."""

    default_code = "unknown-reference"


class UnknownValueError(InputError):
    """A value outside a closed vocabulary: a role, unit kind or category."""

    default_code = "unknown-value"


class DuplicateIdError(InputError):
    """Two entities of one type share an id."""

    default_code = "duplicate-id"


class HierarchyCycleError(InputError):
    """The unit hierarchy (``parent``) contains a cycle."""

    default_code = "hierarchy-cycle"


class MissingColumnError(InputError, LookupError):
    """A required column is missing from a flat list or units table."""

    default_code = "missing-column"


class MissingSheetError(InputError, LookupError):
    """A workbook lacks the sheet that was asked for."""

    default_code = "missing-sheet"


class EmptyFileError(InputError):
    """A file holds no data at all."""

    default_code = "empty-file"


class DecodeError(InputError, UnicodeError):
    """A text file is in none of the encodings zeren_graph detects."""

    default_code = "undecodable-file"


class ConfigError(InputError):
    """A checks configuration is invalid."""

    default_code = "invalid-config"


class ScenarioError(InputError):
    """A simulation scenario is invalid."""

    default_code = "invalid-scenario"


class LimitError(InputError):
    """An input would exceed a resource limit (size, depth, cells, memory); see ``limits.py``.

    The problem's hint names the limit and how to raise it.
    """

    default_code = "limit-exceeded"


class OutputError(ZerenError, OSError):
    """An output cannot be written safely: a locked folder, or a symbolic link as target."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None) -> None:
        self.path = path
        self.hint = hint
        text = f"{path}: {message}" if path else message
        super().__init__(f"{text}; {hint}" if hint else text)

    def __str__(self) -> str:
        return str(self.args[0])


class ZerenWarning(UserWarning):
    """Base class of zeren_graph's warnings."""


class HierarchyWarning(ZerenWarning):
    """The model has no unit hierarchy, so hierarchy rules cannot run."""


_BY_CODE: dict[str, type[InputError]] = {
    cls.default_code: cls
    for cls in (
        UnknownReferenceError,
        UnknownValueError,
        DuplicateIdError,
        HierarchyCycleError,
        MissingColumnError,
        MissingSheetError,
        EmptyFileError,
        DecodeError,
        ConfigError,
        ScenarioError,
        LimitError,
    )
}


def raise_problems(problems: Iterable[Problem]) -> None:
    """Raise one error carrying every problem, if there are any.

    The class is the specific one when all problems share a code, else
    :class:`InputError`.

    Examples
    --------
    >>> raise_problems([])
    >>> raise_problems([Problem("duplicate-id", "unit 'a' is defined twice")])
    Traceback (most recent call last):
    ...
    zeren_graph.errors.DuplicateIdError: unit 'a' is defined twice
    """
    found = list(problems)
    if not found:
        return
    codes = {p.code for p in found}
    cls = _BY_CODE.get(codes.pop(), InputError) if len(codes) == 1 else InputError
    raise cls(found)


def did_you_mean(value: str, candidates: Iterable[str], *, cutoff: float = 0.5) -> str | None:
    """Return ``"did you mean 'x'?"`` for the closest candidate, or ``None``.

    Examples
    --------
    >>> did_you_mean("乙镇党", ["乙镇党委", "甲镇党委", "县委"])
    "did you mean '乙镇党委'?"
    >>> did_you_mean("zzz", ["abc"]) is None
    True
    """
    pool = list(candidates)
    if not pool:
        return None
    close = difflib.get_close_matches(value, pool, n=1, cutoff=cutoff)
    if not close:
        # Chinese names: a candidate containing the value (or the reverse) is a match.
        contains = sorted((c for c in pool if value and (value in c or c in value)), key=len)
        close = contains[:1]
    return f"did you mean '{close[0]}'?" if close else None
