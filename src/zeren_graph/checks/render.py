"""Render a :class:`~zeren_graph.checks.report.CheckReport` as JSON, text or Markdown.

JSON follows the contract of ``zeren check --format json``:
``{"summary": {...}, "findings": [...], "suppressed": [...]}``, with sources
as ``"file:row"`` strings (``"file[sheet]:row"`` for workbooks).

Examples
--------
>>> import json
>>> from zeren_graph.checks.report import check
>>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="乙镇党委")], has_hierarchy=False,
...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")])
>>> doc = json.loads(to_json(check(m), lang="zh"))
>>> doc["summary"]["error"], doc["findings"][0]["message"]
(1, "职责'乙镇党委/组织生活'无人负责(责任盲区):没有主体、第一责任、直接或牵头责任的承担者")
>>> print(to_text(check(m)).splitlines()[0])
1 error, 0 warnings, 0 info, 0 suppressed
"""

from __future__ import annotations

from typing import Any

from zeren_graph.checks.coverage import CoverageFigures
from zeren_graph.checks.finding import Finding, Lang, Severity
from zeren_graph.checks.report import CheckReport
from zeren_graph.output.escape import json_text, md_text, terminal

__all__ = ["finding_dict", "to_json", "to_markdown", "to_text"]

_ORDER = (Severity.error, Severity.warning, Severity.info)
_COLOUR = {Severity.error: "31", Severity.warning: "33", Severity.info: "36"}
_LABEL = {
    "en": {Severity.error: "error", Severity.warning: "warning", Severity.info: "info"},
    "zh": {Severity.error: "错误", Severity.warning: "警告", Severity.info: "提示"},
}
_SHARES = {
    "named": ("named", "被清单覆盖"),
    "party_org": ("party organisation", "有形覆盖(建立党组织)"),
    "effective": ("effective", "有效覆盖"),
    "one_accountable": ("one accountable person", "唯一责任人"),
    "indicator": ("with indicator", "有考核指标"),
    "supervised": ("supervised", "有监督"),
}
_MAX_SOURCES = 5


def finding_dict(f: Finding, lang: Lang = "en") -> dict[str, Any]:
    """Return a finding as the JSON contract has it.

    Examples
    --------
    >>> f = Finding(code="ZG105", rule="uncovered-unit", severity="warning",
    ...             subjects=("五村",), message="m", message_zh="消息")
    >>> finding_dict(f, "zh")["message"]
    '消息'
    """
    return {
        "code": f.code,
        "rule": f.rule,
        "severity": f.severity.value,
        "subjects": list(f.subjects),
        "message": f.text(lang),
        "sources": [str(s) for s in f.sources],
    }


def to_json(report: CheckReport, *, lang: Lang = "en", indent: int | None = 2) -> str:
    """Return the report as JSON (UTF-8 text, Chinese not escaped).

    Always valid JSON: a figure that is not a finite number is written as ``null``.

    Examples
    --------
    >>> import json
    >>> from zeren_graph.checks.report import check
    >>> from zeren_graph.model import ResponsibilityModel
    >>> sorted(json.loads(to_json(check(ResponsibilityModel())))["summary"])[:4]
    ['assignments', 'coverage', 'duties', 'error']
    """
    summary: dict[str, Any] = {
        **report.summary.to_dict(),
        "coverage": report.coverage.to_dict(),
        "notes": [{"code": n.code, "message": n.text(lang)} for n in report.notes],
    }
    doc = {
        "summary": summary,
        "findings": [finding_dict(f, lang) for f in report.findings],
        "suppressed": [
            {
                **finding_dict(s.finding, lang),
                "reason": s.exception.reason,
                "approved_by": s.exception.approved_by,
                "expires": None if s.exception.expires is None else str(s.exception.expires),
            }
            for s in report.suppressed
        ],
    }
    return json_text(doc, indent=indent, nonfinite="null")


def _headline(report: CheckReport, lang: Lang) -> str:
    s = report.summary
    if lang == "zh":
        return f"错误 {s.error} 项,警告 {s.warning} 项,提示 {s.info} 项,已豁免 {s.suppressed} 项"
    return (
        f"{s.error} error{'s' * (s.error != 1)}, {s.warning} warning{'s' * (s.warning != 1)}, "
        f"{s.info} info, {s.suppressed} suppressed"
    )


def _sources(f: Finding) -> str:
    shown = [terminal(str(s)) for s in f.sources[:_MAX_SOURCES]]
    more = len(f.sources) - len(shown)
    return ", ".join(shown) + (f", … (+{more})" if more > 0 else "")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _subjects(f: Finding) -> str:
    return terminal(", ".join(f.subjects))


def _coverage_line(f: CoverageFigures, lang: Lang) -> str:
    i = 1 if lang == "zh" else 0
    size = f"{f.units}个单位、{f.duties}项职责" if i else f"{f.units} units, {f.duties} duties"
    shares = "; ".join(f"{words[i]} {_pct(f.share(k))}" for k, words in _SHARES.items())
    return f"({size}) {shares}"


def to_text(report: CheckReport, *, lang: Lang = "en", color: bool = False) -> str:
    r"""Return the report as plain text grouped by severity; ANSI colours if ``color``.

    User content (names, messages, sources, reasons) is shown without control
    characters (:func:`~zeren_graph.output.terminal`): a name holding an
    escape sequence cannot clear or recolour the terminal, nor forge a line.

    Examples
    --------
    >>> from zeren_graph.checks.report import check
    >>> from zeren_graph.model import ResponsibilityModel
    >>> "\x1b[" in to_text(check(ResponsibilityModel()), color=True)
    True
    """

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    lines = [paint(_headline(report, lang), "1")]
    for sev in _ORDER:
        group = [f for f in report.findings if f.severity is sev]
        if not group:
            continue
        lines.append("")
        lines.append(paint(f"{_LABEL[lang][sev]} ({len(group)})", f"1;{_COLOUR[sev]}"))
        for f in group:
            lines.append(f"  {paint(f.code, _COLOUR[sev])} {f.rule}: {_subjects(f)}")
            lines.append(f"      {terminal(f.text(lang))}")
            if f.sources:
                lines.append(f"      {paint(_sources(f), '2')}")
    if report.suppressed:
        lines.extend(["", paint("已豁免" if lang == "zh" else "suppressed", "1")])
        lines.extend(
            f"  {s.finding.code} {_subjects(s.finding)} — {terminal(s.exception.reason)}"
            for s in report.suppressed
        )
    if report.notes:
        lines.extend(["", paint("说明" if lang == "zh" else "notes", "1")])
        lines.extend(f"  {terminal(n.text(lang))}" for n in report.notes)
    lines.extend(["", paint("覆盖率" if lang == "zh" else "coverage", "1")])
    overall = "总体" if lang == "zh" else "overall"
    lines.append(f"  {overall}: {_coverage_line(report.coverage.overall, lang)}")
    lines.extend(
        f"  {terminal(level)}: {_coverage_line(f, lang)}" for level, f in report.coverage.by_level
    )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return md_text(text)


def to_markdown(report: CheckReport, *, lang: Lang = "en") -> str:
    """Return the report as Markdown (for pull requests and reports).

    User content is escaped (:func:`~zeren_graph.output.md_text`): HTML shows
    as text (``<script>`` as ``&lt;script&gt;``), link, image, emphasis and
    code syntax is backslash-escaped, so ``[x](javascript:…)`` is no link,
    and ``|`` cannot split a table cell.

    Examples
    --------
    >>> from zeren_graph.checks.report import check
    >>> from zeren_graph.model import ResponsibilityModel
    >>> to_markdown(check(ResponsibilityModel())).splitlines()[0]
    '## zeren check: 0 errors, 0 warnings, 0 info, 0 suppressed'
    """
    zh = lang == "zh"
    lines = [f"## zeren check: {_headline(report, lang)}", ""]
    if report.findings:
        head = (
            "| 级别 | 代码 | 规则 | 对象 | 说明 | 来源 |"
            if zh
            else ("| severity | code | rule | subjects | message | sources |")
        )
        lines.extend([head, "| --- | --- | --- | --- | --- | --- |"])
        lines.extend(
            f"| {_LABEL[lang][f.severity]} | {_cell(f.code)} | {_cell(f.rule)} | "
            f"{_cell(', '.join(f.subjects))} | {_cell(f.text(lang))} | {_cell(_sources(f))} |"
            for f in report.findings
        )
        lines.append("")
    if report.suppressed:
        lines.extend([f"### {'已豁免' if zh else 'Suppressed'}", ""])
        lines.extend(
            f"- {_cell(s.finding.code)} {_cell(', '.join(s.finding.subjects))}: "
            f"{_cell(s.exception.reason)}"
            for s in report.suppressed
        )
        lines.append("")
    if report.notes:
        lines.extend([f"### {'说明' if zh else 'Notes'}", ""])
        lines.extend(f"- {_cell(n.text(lang))}" for n in report.notes)
        lines.append("")
    names = [words[1 if zh else 0] for words in _SHARES.values()]
    lines.extend(
        [
            f"### {'覆盖率' if zh else 'Coverage'}",
            "",
            f"| {'层级' if zh else 'level'} | {' | '.join(names)} |",
            "| --- " * (len(names) + 1) + "|",
        ]
    )
    rows = [("总体" if zh else "overall", report.coverage.overall), *report.coverage.by_level]
    lines.extend(
        f"| {_cell(level)} | {' | '.join(_pct(f.share(k)) for k in _SHARES)} |" for level, f in rows
    )
    return "\n".join(lines) + "\n"
