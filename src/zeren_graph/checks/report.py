"""Run the checks: :func:`check` returns a :class:`CheckReport`.

Examples
--------
>>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="乙镇党委")], has_hierarchy=False,
...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")])
>>> report = check(m, config={"exceptions": [
...     {"rule": "ZG101", "subjects": ["乙镇党委/组织生活"], "reason": "新设职责,待分工"}]})
>>> report.findings, report.summary.suppressed
((), 1)
>>> report.suppressed[0].finding.code, report.suppressed[0].exception.reason
('ZG101', '新设职责,待分工')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from zeren_graph._gc import paused_gc
from zeren_graph.checks.config import AcceptedException, CheckConfig, RoleConstraint, load_config
from zeren_graph.checks.context import Context
from zeren_graph.checks.coverage import Coverage, coverage
from zeren_graph.checks.finding import Finding, Lang, Severity
from zeren_graph.checks.registry import EXPIRED_EXCEPTION, REGISTRY, ROLE_CARDINALITY
from zeren_graph.checks.rule import quoted, sorted_sources, subjects
from zeren_graph.model import Assignment, ResponsibilityModel

__all__ = ["CheckReport", "Note", "Summary", "Suppressed", "check"]


@dataclass(frozen=True, slots=True)
class Note:
    """A remark about the run, e.g. a rule that could not be evaluated."""

    code: str
    message: str
    message_zh: str

    def text(self, lang: Lang = "en") -> str:
        """Return the note in English (``"en"``) or Chinese (``"zh"``).

        Examples
        --------
        >>> Note("ZG404", "skipped", "未检查").text("zh")
        '未检查'
        """
        return self.message_zh if lang == "zh" else self.message


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding silenced by an accepted exception (kept, and counted)."""

    finding: Finding
    exception: AcceptedException


@dataclass(frozen=True, slots=True)
class Summary:
    """Sizes of the model and counts of findings by severity."""

    units: int
    posts: int
    persons: int
    duties: int
    assignments: int
    rows: int
    error: int = 0
    warning: int = 0
    info: int = 0
    suppressed: int = 0

    def to_dict(self) -> dict[str, int]:
        """Return the summary as plain data.

        Examples
        --------
        >>> Summary(units=1, posts=0, persons=0, duties=0, assignments=0, rows=0).to_dict()["units"]
        1
        """
        return {f: getattr(self, f) for f in self.__slots__}


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Everything :func:`check` found.

    ``findings`` are sorted (most severe first, then code and subjects);
    ``suppressed`` are the findings accepted by an exception; ``notes`` say
    which rules could not run and why.
    """

    findings: tuple[Finding, ...]
    suppressed: tuple[Suppressed, ...]
    summary: Summary
    coverage: Coverage
    notes: tuple[Note, ...] = ()
    config_file: str | None = field(default=None)

    def with_rows(self, rows: int) -> CheckReport:
        """Return a copy whose summary counts ``rows`` rows read (set by loaders/CLI).

        Examples
        --------
        >>> from zeren_graph.model import ResponsibilityModel
        >>> check(ResponsibilityModel()).with_rows(12).summary.rows
        12
        """
        return replace(self, summary=replace(self.summary, rows=rows))

    def at_least(self, severity: Severity) -> tuple[Finding, ...]:
        """Return the findings of ``severity`` or worse.

        Examples
        --------
        >>> from zeren_graph.model import ResponsibilityModel
        >>> check(ResponsibilityModel()).at_least(Severity.info)
        ()
        """
        return tuple(f for f in self.findings if f.severity >= severity)


def _as_config(config: CheckConfig | Mapping[str, Any] | str | Path | None) -> CheckConfig:
    if config is None:
        return CheckConfig()
    if isinstance(config, CheckConfig):
        return config
    if isinstance(config, str | Path):
        return load_config(config)
    return CheckConfig.from_mapping(config)


def _constraint_findings(ctx: Context, c: RoleConstraint) -> Iterator[Finding]:
    def holders(duties: Sequence[str]) -> list[Assignment]:
        return [
            a for d in duties for a in ctx.index.assignments_of_duty.get(d, ()) if a.role in c.roles
        ]

    groups: list[tuple[str, Sequence[str]]]
    if c.per == "duty":
        groups = [(d.id, (d.id,)) for d in ctx.model.duties]
    else:
        groups = sorted(ctx.duties_of_scope.items())
    lo, hi = c.min, c.max
    for subject, duties in groups:
        rows = holders(duties)
        who = {a.holder for a in rows}
        n = len(who)
        if (lo is None or n >= lo) and (hi is None or n <= hi):
            continue
        text = c.name or c.describe()
        yield Finding(
            code=ROLE_CARDINALITY.code,
            rule=ROLE_CARDINALITY.name,
            severity=c.severity,
            subjects=subjects(subject, who),
            message=f"{c.per} '{subject}' has {n} holder(s) in role "
            f"{'/'.join(r.value for r in c.roles)} ({quoted(who) or 'none'}); "
            f"the configuration requires {text}",
            message_zh=f"{'单位' if c.per == 'unit' else '职责'}'{subject}'有{n}个"
            f"{'/'.join(r.value for r in c.roles)}角色的承担者,不符合配置要求:{text}",
            sources=sorted_sources(rows),
        )


def _expired(e: AcceptedException, i: int, file: str | None, sev: Severity) -> Finding:
    which = ", ".join([*e.subjects, *([e.pattern] if e.pattern else [])]) or "all findings"
    where = f"{file}: " if file else ""
    return Finding(
        code=EXPIRED_EXCEPTION.code,
        rule=EXPIRED_EXCEPTION.name,
        severity=sev,
        subjects=(e.rule, *e.subjects, *([e.pattern] if e.pattern else [])),
        message=f"{where}exceptions[{i}] for {e.rule} ({which}) expired on {e.expires}; "
        f"it no longer suppresses anything (reason was: {e.reason})",
        message_zh=f"{where}exceptions[{i}]对{e.rule}({which})的例外已于{e.expires}过期,"
        f"不再生效(原因:{e.reason})",
        sources=(),
    )


def check(
    model: ResponsibilityModel,
    *,
    config: CheckConfig | Mapping[str, Any] | str | Path | None = None,
    today: dt.date | None = None,
) -> CheckReport:
    """Run every enabled rule on ``model``; return findings, suppressed ones, coverage.

    Parameters
    ----------
    model : ResponsibilityModel
        The model to check.
    config : CheckConfig, mapping, path or None
        The configuration (a path is read with
        :func:`~zeren_graph.checks.config.load_config`); ``None`` runs every
        rule with its defaults.
    today : datetime.date, optional
        The date against which exceptions expire (default: today).

    Returns
    -------
    CheckReport
        Deterministic: the same model in any row order gives the same report.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> r = check(ResponsibilityModel(units=[Unit(id="县委")], has_hierarchy=False))
    >>> [n.code for n in r.notes]
    ['ZG105', 'ZG106', 'ZG302', 'ZG401', 'ZG402', 'ZG404', 'ZG502']
    """
    cfg = _as_config(config)
    today = dt.date.today() if today is None else today
    with paused_gc():
        return _check(model, cfg, today)


def _check(model: ResponsibilityModel, cfg: CheckConfig, today: dt.date) -> CheckReport:
    ctx = Context(model, document_supervisors=cfg.supervision.units if cfg.supervision else ())
    found: list[Finding] = []
    notes: list[Note] = []
    for code, rule in REGISTRY.items():
        settings = cfg.settings(code)
        if rule.func is None or not settings.enabled:
            continue
        if rule.needs_hierarchy and not model.has_hierarchy:
            notes.append(
                Note(
                    code,
                    f"{code} ({rule.name}) was skipped: the model has no units table "
                    "(hierarchy); give one with --units",
                    f"{code}({rule.name_zh})未检查:没有单位层级表,请用 --units 提供",
                )
            )
            continue
        reason = rule.skip_reason(ctx) if rule.skip_reason is not None else None
        if reason is not None:
            notes.append(
                Note(
                    code,
                    f"{code} ({rule.name}) was skipped: {reason[0]}",
                    f"{code}({rule.name_zh})未检查:{reason[1]}",
                )
            )
            continue
        found.extend(rule.findings(ctx, severity=settings.severity, thresholds=settings.thresholds))
    if cfg.settings(ROLE_CARDINALITY.code).enabled:
        declared = [f for c in cfg.constraints for f in _constraint_findings(ctx, c)]
        found.extend(sorted(declared, key=Finding.sort_key))
    return _finish(ctx, cfg, found, notes=notes, today=today)


_ORDER = (Severity.error, Severity.warning, Severity.info)


def _finish(
    ctx: Context,
    cfg: CheckConfig,
    found: list[Finding],
    *,
    notes: list[Note],
    today: dt.date,
) -> CheckReport:
    model = ctx.model
    active: dict[str, list[AcceptedException]] = {}
    for e in cfg.exceptions:
        if not e.is_expired(today):
            active.setdefault(e.rule, []).append(e)
    expired_settings = cfg.settings(EXPIRED_EXCEPTION.code)
    if expired_settings.enabled:
        sev = expired_settings.severity or EXPIRED_EXCEPTION.severity
        expired = [
            _expired(e, i, cfg.file, sev)
            for i, e in enumerate(cfg.exceptions)
            if e.is_expired(today)
        ]
        found.extend(sorted(expired, key=Finding.sort_key))
    # ``found`` is in code order, each code's findings sorted: grouping by
    # severity (stable) gives the order of Finding.sort_key without a full sort.
    kept: dict[Severity, list[Finding]] = {s: [] for s in _ORDER}
    suppressed: list[Suppressed] = []
    for f in found:
        match = next((e for e in active.get(f.code, ()) if e.matches(f)), None) if active else None
        if match is None:
            kept[f.severity].append(f)
        else:
            suppressed.append(Suppressed(f, match))
    suppressed.sort(key=lambda s: s.finding.sort_key())
    counts = {s: len(group) for s, group in kept.items()}
    summary = Summary(
        units=len(model.units),
        posts=len(model.posts),
        persons=len(model.persons),
        duties=len(model.duties),
        assignments=len(model.assignments),
        rows=len(model.assignments),
        error=counts[Severity.error],
        warning=counts[Severity.warning],
        info=counts[Severity.info],
        suppressed=len(suppressed),
    )
    return CheckReport(
        findings=tuple(f for s in _ORDER for f in kept[s]),
        suppressed=tuple(suppressed),
        summary=summary,
        coverage=coverage(model, context=ctx),
        notes=tuple(notes),
        config_file=cfg.file,
    )
