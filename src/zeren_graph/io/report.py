"""What a load read, built and skipped: :class:`LoadReport` and :class:`LoadResult`.

Examples
--------
>>> r = LoadReport(files=("清单.csv",), rows=3, assignments=3,
...                skipped=(SkippedRow("清单.csv", 5, "empty row"),))
>>> print(r.skipped[0])
清单.csv, row 5: empty row
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from zeren_graph._display import excerpt
from zeren_graph.errors import Problem, did_you_mean
from zeren_graph.io.reading import Reading
from zeren_graph.model import ResponsibilityModel
from zeren_graph.vocab import Role, accepted, suggest

__all__ = ["LoadReport", "LoadResult", "ProblemLog", "SkippedRow", "shown", "vocabulary_hint"]


def shown(value: object) -> str:
    r"""Return ``value`` quoted for a message: a short excerpt, control characters escaped.

    Examples
    --------
    >>> print(shown("乙镇党委"), shown("乙镇\x1b[2J"), shown("甲" * 100)[:12])
    '乙镇党委' '乙镇\x1b[2J' '甲甲甲甲甲甲甲甲甲甲甲
    """
    return f"'{excerpt(str(value))}'"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that was read but built nothing, and why."""

    file: str
    row: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}: {self.reason}"


@dataclass(frozen=True, slots=True)
class LoadReport:
    """A summary of one load.

    Attributes
    ----------
    files : tuple of str
        The files read (the list, then the units table if any).
    rows : int
        Data rows read from the list (for YAML/JSON: the assignments).
    assignments : int
        Assignments built.
    skipped : tuple of SkippedRow
        Every row read but not used (empty rows, rows without duty, unit and role).
    warnings : tuple of Warning
        Warnings about the input, e.g. :class:`~zeren_graph.errors.HierarchyWarning`
        when no units table was given; :func:`zeren_graph.io.load` emits them.
    unit_rows : int
        Data rows read from the units table.
    reading : Reading or None
        How the list was read (layout, columns, scope, splits, notes); ``None`` for
        YAML/JSON models.
    """

    files: tuple[str, ...]
    rows: int
    assignments: int
    skipped: tuple[SkippedRow, ...] = ()
    warnings: tuple[Warning, ...] = ()
    unit_rows: int = 0
    reading: Reading | None = None


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A loaded model and the report of how it was read."""

    model: ResponsibilityModel
    report: LoadReport


@dataclass
class ProblemLog:
    """Collects problems; suggestions are computed for the first ``suggest_limit`` only.

    Examples
    --------
    >>> log = ProblemLog()
    >>> log.suggest("乙镇", ["乙镇党委", "县委"])
    "did you mean '乙镇党委'?"
    """

    problems: list[Problem] = field(default_factory=list)
    suggest_limit: int = 100
    pool_limit: int = 5000

    def add(self, problem: Problem) -> None:
        """Record ``problem``; its value is kept as a short excerpt, safe to print."""
        if problem.value:
            problem = dataclasses.replace(problem, value=excerpt(problem.value))
        self.problems.append(problem)

    def suggest(self, value: str, candidates: Iterable[str]) -> str | None:
        """Return a "did you mean", unless the cost cap is reached."""
        if len(self.problems) >= self.suggest_limit:
            return None
        pool = candidates if isinstance(candidates, (list, set, dict, tuple)) else list(candidates)
        if len(pool) > self.pool_limit:
            return None
        return did_you_mean(value, pool)

    def __bool__(self) -> bool:
        return bool(self.problems)


def vocabulary_hint(enum: type[StrEnum], value: str) -> str:
    """Return "did you mean ...?; accepted: ..." for a word outside a vocabulary.

    The suggestion comes from :func:`zeren_graph.vocab.suggest`: curated near-synonyms and
    the aliases, never edit distance on Chinese words (two short words with half their
    characters in common score 0.5: "一岗双责" is not "第一责任", "党校" is not "党组").
    Edit distance remains only for a Latin-script word of a vocabulary other than
    :class:`~zeren_graph.vocab.Role` ("comittee"): a letter typo is what it catches there,
    while for roles it would turn "indirect" into "direct".

    Examples
    --------
    >>> from zeren_graph.vocab import UnitKind
    >>> vocabulary_hint(Role, "一岗两责").split(";")[0]
    "did you mean '一岗双责'?"
    >>> vocabulary_hint(Role, "第二责任").split(";")[0]
    'accepted: primary (主体责任, 主体)'
    >>> vocabulary_hint(UnitKind, "乡镇党委").split(";")[0]
    "did you mean '党委'?"
    >>> vocabulary_hint(UnitKind, "comittee").split(";")[0]
    "did you mean 'committee'?"
    """
    close = suggest(enum, value)
    if close is None and enum is not Role and value.isascii():
        close = did_you_mean(value.strip().lower(), [m.value for m in enum], cutoff=0.8)
    listed = "accepted: " + accepted(enum)
    return f"{close}; {listed}" if close else listed
