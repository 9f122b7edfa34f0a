"""Render a :class:`~zeren_graph.analysis.diff.ModelDiff` as text, Markdown or JSON-ready data.

Examples
--------
>>> from zeren_graph.analysis.diff import ModelDiff
>>> print(diff_text(ModelDiff(), "zh"))
新增问题:0
已解决问题:0
新增分工:0,删除分工:0,变更分工:0
岗位增减或人员变动:0
"""

from __future__ import annotations

from typing import Any

from zeren_graph.analysis.diff import AssignmentChange, ModelDiff, PostChange
from zeren_graph.checks.finding import Finding, Lang
from zeren_graph.checks.render import finding_dict
from zeren_graph.model import Assignment
from zeren_graph.output.escape import md_fence, md_text, terminal

__all__ = ["diff_dict", "diff_markdown", "diff_text"]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "introduced": "findings introduced: {n}",
        "resolved": "findings resolved: {n}",
        "rows": "assignments added: {a}, removed: {r}, changed: {c}",
        "posts": "posts added, removed or re-staffed: {n}",
        "h_posts": "Posts changed",
        "vacant": "(vacant)",
        "absent": "(no such post)",
        "collective": " (unit as a whole)",
        "h_introduced": "Findings introduced",
        "h_resolved": "Findings resolved",
        "h_rows": "Assignments changed",
        "change": "change",
        "none": "none",
    },
    "zh": {
        "introduced": "新增问题:{n}",
        "resolved": "已解决问题:{n}",
        "rows": "新增分工:{a},删除分工:{r},变更分工:{c}",
        "posts": "岗位增减或人员变动:{n}",
        "h_posts": "岗位变化",
        "vacant": "(空缺)",
        "absent": "(无此岗位)",
        "collective": "(单位集体)",
        "h_introduced": "新增问题",
        "h_resolved": "已解决问题",
        "h_rows": "分工变化",
        "change": "变化",
        "none": "无",
    },
}


def _row_dict(a: Assignment) -> dict[str, Any]:
    return a.model_dump(mode="json", exclude_none=True)


def diff_dict(d: ModelDiff, lang: Lang = "en") -> dict[str, Any]:
    """Return ``d`` as JSON-ready data: summary, findings, assignment and post changes.

    Findings have the shape of ``zeren check --format json``.

    Examples
    --------
    >>> from zeren_graph.analysis.diff import ModelDiff
    >>> diff_dict(ModelDiff())["summary"]["introduced"]
    0
    """
    return {
        "summary": {
            "introduced": len(d.introduced),
            "resolved": len(d.resolved),
            "assignments_added": len(d.assignments_added),
            "assignments_removed": len(d.assignments_removed),
            "assignments_changed": len(d.assignments_changed),
            "posts_changed": len(d.posts_changed),
        },
        "introduced": [finding_dict(f, lang) for f in d.introduced],
        "resolved": [finding_dict(f, lang) for f in d.resolved],
        "assignments": {
            "added": [_row_dict(a) for a in d.assignments_added],
            "removed": [_row_dict(a) for a in d.assignments_removed],
            "changed": [
                {
                    "old": _row_dict(c.old),
                    "new": _row_dict(c.new),
                    "fields": list(c.fields),
                    "changes": [x.model_dump(mode="json") for x in c.changes],
                }
                for c in d.assignments_changed
            ],
        },
        "posts": [
            {
                "post": c.post,
                "old": None if c.old is None else list(c.old),
                "new": None if c.new is None else list(c.new),
            }
            for c in d.posts_changed
        ],
    }


def _finding_line(f: Finding, lang: Lang) -> str:
    where = ", ".join(str(s) for s in f.sources)
    src = f" ({where})" if where else ""
    return terminal(f"{f.severity.value:<7} {f.code} {f.rule}: {f.text(lang)}{src}")


def _holder(a: Assignment, lang: Lang) -> str:
    return a.holder + (_WORDS[lang]["collective"] if a.collective else "")


def _row_line(a: Assignment, lang: Lang) -> str:
    return terminal(f"{a.duty} ← {_holder(a, lang)} [{a.role.value}]")


def _value(v: str | bool | None) -> str:
    return "-" if v is None else str(v)


def _change_line(c: AssignmentChange, lang: Lang) -> str:
    parts = [f"{x.field}: {_value(x.old)} → {_value(x.new)}" for x in c.changes]
    return terminal(f"{c.old.duty} ← {_holder(c.old, lang)}: {'; '.join(parts)}")


def _holders(people: tuple[str, ...] | None, lang: Lang) -> str:
    w = _WORDS[lang]
    if people is None:
        return w["absent"]
    return ", ".join(people) if people else w["vacant"]


def _post_line(c: PostChange, lang: Lang) -> str:
    return terminal(f"{c.post}: {_holders(c.old, lang)} → {_holders(c.new, lang)}")


def diff_text(d: ModelDiff, lang: Lang = "en") -> str:
    """Return ``d`` as plain text: findings introduced, resolved, then assignment changes.

    Each line's user content is shown without control characters
    (:func:`~zeren_graph.output.terminal`), so a name cannot clear the
    terminal or forge a line.

    Examples
    --------
    >>> from zeren_graph.analysis.diff import ModelDiff
    >>> print(diff_text(ModelDiff()))
    findings introduced: 0
    findings resolved: 0
    assignments added: 0, removed: 0, changed: 0
    posts added, removed or re-staffed: 0
    """
    w = _WORDS[lang]
    lines = [w["introduced"].format(n=len(d.introduced))]
    lines += [f"  + {_finding_line(f, lang)}" for f in d.introduced]
    lines.append(w["resolved"].format(n=len(d.resolved)))
    lines += [f"  - {_finding_line(f, lang)}" for f in d.resolved]
    lines.append(
        w["rows"].format(
            a=len(d.assignments_added),
            r=len(d.assignments_removed),
            c=len(d.assignments_changed),
        )
    )
    lines += [f"  + {_row_line(a, lang)}" for a in d.assignments_added]
    lines += [f"  - {_row_line(a, lang)}" for a in d.assignments_removed]
    lines += [f"  ~ {_change_line(c, lang)}" for c in d.assignments_changed]
    lines.append(w["posts"].format(n=len(d.posts_changed)))
    lines += [f"  ~ {_post_line(c, lang)}" for c in d.posts_changed]
    return "\n".join(lines)


def _md_findings(title: str, findings: tuple[Finding, ...], lang: Lang) -> list[str]:
    lines = [f"## {title} ({len(findings)})", ""]
    if not findings:
        return [*lines, _WORDS[lang]["none"], ""]
    lines += ["| severity | code | rule | subjects | message |", "| --- | --- | --- | --- | --- |"]
    for f in findings:
        cells = (f.severity.value, f.code, f.rule, ", ".join(f.subjects), f.text(lang))
        lines.append("| " + " | ".join(md_text(c) for c in cells) + " |")
    return [*lines, ""]


def diff_markdown(d: ModelDiff, lang: Lang = "en") -> str:
    """Return ``d`` as Markdown for a report or a pull request.

    User content is escaped (:func:`~zeren_graph.output.md_text`): HTML and
    link syntax show as text; the assignment changes are in a code fence no
    name can close (:func:`~zeren_graph.output.escape.md_fence`).

    Examples
    --------
    >>> from zeren_graph.analysis.diff import ModelDiff
    >>> diff_markdown(ModelDiff()).splitlines()[0]
    '## Findings introduced (0)'
    """
    w = _WORDS[lang]
    lines = _md_findings(w["h_introduced"], d.introduced, lang)
    lines += _md_findings(w["h_resolved"], d.resolved, lang)
    rows = [f"+ {_row_line(a, lang)}" for a in d.assignments_added]
    rows += [f"- {_row_line(a, lang)}" for a in d.assignments_removed]
    rows += [f"~ {_change_line(c, lang)}" for c in d.assignments_changed]
    lines += [f"## {w['h_rows']} ({len(rows)})", ""]
    lines += md_fence(rows, "diff") if rows else [w["none"]]
    lines += ["", f"## {w['h_posts']} ({len(d.posts_changed)})", ""]
    lines += [f"- {md_text(_post_line(c, lang))}" for c in d.posts_changed] or [w["none"]]
    return "\n".join(lines) + "\n"
