"""What a rule is: its metadata, its thresholds and the function that finds problems.

A rule function takes a :class:`~zeren_graph.checks.context.Context` (the
model with the lookup tables every rule shares) and the rule's thresholds,
and yields :class:`Draft` findings; :meth:`Rule.evaluate` stamps them with
the code, name and (configured) severity and returns sorted
:class:`~zeren_graph.checks.finding.Finding` objects.

Examples
--------
>>> from zeren_graph.checks.registry import get_rule
>>> r = get_rule("unowned-duty")
>>> r.code, r.name_zh, r.severity
('ZG101', '责任盲区', <Severity.error: 'error'>)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from operator import eq, itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from zeren_graph.checks.finding import Finding, Severity, trusted_finding
from zeren_graph.model import Source

if TYPE_CHECKING:
    from zeren_graph.checks.context import Context

__all__ = [
    "Draft",
    "Rule",
    "RuleFunc",
    "Thresholds",
    "sorted_sources",
    "subjects",
]

Thresholds = Mapping[str, float]
"""A rule's thresholds by name (integers are stored as floats-compatible ints)."""


_DRAFT_KEY = itemgetter(0, 1, 2)


class Draft(NamedTuple):
    """A finding before it is stamped with its rule's code, name and severity."""

    subjects: tuple[str, ...]
    message: str
    message_zh: str
    sources: tuple[Source, ...] = ()


RuleFunc = Callable[["Context", Thresholds], Iterable[Draft]]


def _no_thresholds() -> Mapping[str, float]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the catalogue (codes, names and default severities are a contract).

    Parameters
    ----------
    code, name, name_zh : str
        ``"ZG101"``, ``"unowned-duty"``, ``"责任盲区"``.
    severity : Severity
        The default severity.
    summary : str
        When it fires, in one sentence.
    func : callable or None
        ``func(context, thresholds) -> Iterable[Draft]``; ``None`` for the
        rules that :func:`~zeren_graph.checks.check` evaluates itself
        (role constraints and expired exceptions).
    thresholds : mapping
        Threshold names and default values.
    needs_hierarchy : bool
        Skipped (with a note) when the model has no units table.
    skip_reason : callable or None
        ``skip_reason(context) -> (en, zh) | None``: why the rule cannot be
        evaluated on this model (no data), or ``None`` when it can.
    """

    code: str
    name: str
    name_zh: str
    severity: Severity
    summary: str
    func: RuleFunc | None
    thresholds: Mapping[str, float] = field(default_factory=_no_thresholds)
    needs_hierarchy: bool = False
    skip_reason: Callable[[Context], tuple[str, str] | None] | None = None

    def evaluate(
        self,
        context: Context,
        *,
        severity: Severity | None = None,
        thresholds: Mapping[str, float] | None = None,
    ) -> tuple[Finding, ...]:
        """Run the rule on ``context``; return its findings, sorted.

        Examples
        --------
        >>> from zeren_graph.checks.context import Context
        >>> from zeren_graph.checks.registry import get_rule
        >>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
        >>> m = ResponsibilityModel(units=[Unit(id="乙镇党委")],
        ...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")])
        >>> [f.subjects for f in get_rule("ZG101").evaluate(Context(m))]
        [('乙镇党委/组织生活',)]
        """
        return tuple(self.findings(context, severity=severity, thresholds=thresholds))

    def findings(
        self,
        context: Context,
        *,
        severity: Severity | None = None,
        thresholds: Mapping[str, float] | None = None,
    ) -> list[Finding]:
        """Run the rule on ``context``; return its findings as a sorted list."""
        if self.func is None:
            return []
        params = {**self.thresholds, **(thresholds or {})}
        code, name = self.code, self.name
        sev = self.severity if severity is None else severity
        drafts = list(self.func(context, params))
        drafts.sort(key=_DRAFT_KEY)
        found = [
            trusted_finding(code, name, sev, d.subjects, d.message, d.message_zh, d.sources)
            for d in drafts
        ]
        # drafts equal but for their sources are now adjacent: order them by their sources
        keys = list(map(_DRAFT_KEY, drafts))
        if any(map(eq, keys, islice(keys, 1, None))):
            found.sort(key=Finding.sort_key)
        return found


def sorted_sources(items: Iterable[object]) -> tuple[Source, ...]:
    """Return the distinct sources of ``items`` (anything with a ``source``), sorted.

    Examples
    --------
    >>> from zeren_graph.model import Assignment
    >>> rows = [Assignment(duty="d", holder="p", role="lead", source=Source(file="a.csv", row=r))
    ...         for r in (9, 3, 9)]
    >>> [s.row for s in sorted_sources(rows)]
    [3, 9]
    """
    found: dict[tuple[str, str, int], Source] = {}
    for item in items:
        src = getattr(item, "source", None)
        if src is not None:
            found[(src.file, src.sheet or "", src.row)] = src
    if len(found) < 2:
        return tuple(found.values())
    return tuple(found[k] for k in sorted(found))


def subjects(main: str | Iterable[str], others: Iterable[str] = ()) -> tuple[str, ...]:
    """Return the main subject(s) in the given order, then the other ids sorted, deduplicated.

    Examples
    --------
    >>> subjects("乙镇党委/组织生活", ["乙镇党委/组织委员", "乙镇党委/书记", "乙镇党委/书记"])
    ('乙镇党委/组织生活', '乙镇党委/书记', '乙镇党委/组织委员')
    """
    head = (main,) if isinstance(main, str) else tuple(main)
    rest = set(others)
    rest.difference_update(head)
    return (*head, *rest) if len(rest) < 2 else (*head, *sorted(rest))


def quoted(ids: Iterable[str]) -> str:
    """Return ``'a', 'b'`` for sorted ids (for messages).

    Examples
    --------
    >>> quoted(["乙", "甲"])
    "'乙', '甲'"
    """
    if isinstance(ids, set | frozenset) and len(ids) == 1:
        return f"'{next(iter(ids))}'"
    return ", ".join([f"'{x}'" for x in sorted(ids)])
