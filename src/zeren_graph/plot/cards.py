"""What a drawing shows: which units, and the card of each (posts, duties, findings).

Pure functions, no matplotlib: :func:`select_units` picks the subtree to draw,
:func:`severity_by_subject` folds findings into the worst severity per id,
and :func:`build_cards` writes the lines of each unit's card.

Examples
--------
>>> from zeren_graph.model import ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="甲镇党委", parent="县委"),
...                                Unit(id="甲村党支部", parent="甲镇党委")])
>>> select_units(m, depth=2)
('县委', '甲镇党委')
>>> [line.text for line in build_cards(m, ("县委", "甲镇党委"), lang="zh")[1].lines]
['甲镇党委', '下辖 1 个单位未显示']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from zeren_graph._display import excerpt
from zeren_graph.checks.finding import Finding, Lang, Severity
from zeren_graph.errors import InputError, Problem, UnknownReferenceError, did_you_mean
from zeren_graph.graph import subtree
from zeren_graph.model import Duty, ResponsibilityModel

__all__ = [
    "Card",
    "DutyMode",
    "Line",
    "build_cards",
    "findings_in_view",
    "select_units",
    "severity_by_subject",
    "text_width",
]

DutyMode = Literal["auto", "list", "count", "none"]
LineKind = Literal["unit", "post", "duty", "summary", "more", "below"]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "vacant": "(vacant)",
        "duties": "{n} duties",
        "flagged": " · {n} flagged",
        "more_posts": "+{n} more posts",
        "below": "+{n} units below",
        "findings": " · {n} findings",
        "others": " +{n}",
    },
    "zh": {
        "vacant": "(空缺)",
        "duties": "职责 {n} 项",
        "flagged": " · {n} 项有问题",
        "more_posts": "另有 {n} 个岗位",
        "below": "下辖 {n} 个单位未显示",
        "findings": " · {n} 条问题",
        "others": " 等{n}人",
    },
}

#: Duties listed one per line under ``duties="auto"``; more are counted.
AUTO_DUTIES = 4
#: Longest line, in ems, before it is cut with an ellipsis.
MAX_LINE_EM = 18.0
#: Longest ``root`` for which a close match is looked for (difflib is quadratic).
_GUESS_CHARS = 200


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a card; ``subject`` is the unit, post or duty id it shows."""

    text: str
    kind: LineKind
    subject: str | None = None
    severity: Severity | None = None
    muted: bool = False


@dataclass(frozen=True, slots=True)
class Card:
    """A unit's box: the header line (the unit) first, then posts and duties."""

    unit: str
    parent: str | None
    lines: tuple[Line, ...]


_NARROW = frozenset(" .,:;'|!il()[]")
_WIDE = frozenset("mwMW@%")


def _char_width(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch in _NARROW:
        return 0.35
    if ch in _WIDE:
        return 0.95
    return 0.72 if ch.isupper() else 0.6


def text_width(text: str) -> float:
    """Estimate the width of ``text`` in ems, generously for proportional Latin.

    A CJK character is one em; Latin letters are rounded up from the widths
    of Noto Sans CJK, SimHei and WenQuanYi, so that labels fit their cards.

    Examples
    --------
    >>> text_width("县委"), text_width("ab"), round(text_width("Wi"), 2)
    (2.0, 1.2, 1.3)
    """
    return sum(_char_width(ch) for ch in text)


def _clip(text: str, limit: float = MAX_LINE_EM) -> str:
    if text_width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > limit - 1:
            break
        out += ch
    return out + "…"


def _resolve_root(model: ResponsibilityModel, root: str) -> str:
    units = model.index.units
    if root in units:
        return root
    by_name = [u.id for u in model.units if u.name == root]
    if len(by_name) == 1:
        return by_name[0]
    # a close match is worth a look only for a name-sized root among a few thousand units
    guess = len(units) < 20000 and len(root) <= _GUESS_CHARS
    problem = Problem(
        "unknown-reference",
        f"root unit '{excerpt(root)}' is not in the model",
        value=excerpt(root),
        hint=did_you_mean(root, units) if guess else None,
    )
    raise UnknownReferenceError([problem])


def select_units(
    model: ResponsibilityModel, *, root: str | None = None, depth: int | None = None
) -> tuple[str, ...]:
    """Return the units to draw, parents before children (breadth-first).

    Parameters
    ----------
    model : ResponsibilityModel
    root : str, optional
        Draw only this unit (an id, or a name no other unit has) and the units
        below it; default: every root of the model.
    depth : int, optional
        Number of levels to draw, ``1`` for the root alone; default: all.

    Raises
    ------
    UnknownReferenceError
        ``root`` is not a unit of the model (with a "did you mean").
    InputError
        ``depth`` is below 1.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="甲镇党委", parent="县委"),
    ...                                Unit(id="甲村党支部", parent="甲镇党委")])
    >>> select_units(m, root="甲镇党委")
    ('甲镇党委', '甲村党支部')
    >>> select_units(m, root="甲镇")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.UnknownReferenceError: root unit '甲镇' is not in the model; did you mean '甲镇党委'?
    """  # noqa: E501
    if depth is not None and depth < 1:
        msg = f"The 'depth' parameter of draw must be an int >= 1. Got {depth!r} instead."
        raise InputError([Problem("invalid-parameter", msg, column="depth", value=str(depth))])
    if root is not None:
        return subtree(model, _resolve_root(model, root), depth=depth)
    # several roots: breadth first across all of them at once, as one forest, so the
    # units come level by level (linear: no walk up to the root per unit)
    children = model.index.children
    out: list[str] = list(dict.fromkeys(model.index.roots))
    seen = set(out)
    level, start = 1, 0
    while start < len(out) and (depth is None or level < depth):
        end = len(out)
        for unit in out[start:end]:
            for child in children.get(unit, ()):
                if child not in seen:  # a cycle (refused by the model) cannot loop here
                    seen.add(child)
                    out.append(child)
        level, start = level + 1, end
    return tuple(out)


def severity_by_subject(findings: Iterable[Finding]) -> dict[str, Severity]:
    """Return the worst severity of the findings naming each subject id.

    Examples
    --------
    >>> from zeren_graph.checks.finding import Finding, Severity
    >>> f = [Finding(code="ZG104", rule="unsupervised-duty", severity=Severity.warning,
    ...              subjects=("县委/督查",), message="m", message_zh="m"),
    ...      Finding(code="ZG101", rule="unowned-duty", severity=Severity.error,
    ...              subjects=("县委/督查",), message="m", message_zh="m")]
    >>> severity_by_subject(f)
    {'县委/督查': <Severity.error: 'error'>}
    """
    worst: dict[str, Severity] = {}
    for finding in findings:
        for subject in finding.subjects:
            old = worst.get(subject)
            if old is None or finding.severity > old:
                worst[subject] = finding.severity
    return worst


def _worst(items: Iterable[Severity | None]) -> Severity | None:
    found = [s for s in items if s is not None]
    return max(found, key=lambda s: s.rank) if found else None


def _units_of(model: ResponsibilityModel, subject: str) -> set[str]:
    """Return the units a finding's subject belongs to (itself, a post's, a duty's scope...)."""
    index = model.index
    if subject in index.units:
        return {subject}
    if subject in index.posts:
        return {index.posts[subject].unit}
    if subject in index.duties:
        return {index.duties[subject].scope}
    return {index.posts[p].unit for p in index.posts_of_person.get(subject, ())}


def findings_in_view(
    model: ResponsibilityModel, units: Iterable[str], findings: Iterable[Finding]
) -> tuple[Finding, ...]:
    """Return the findings about the drawn units or the units hidden below them.

    A finding is in view when one of its subjects (a unit, post, duty or
    person id) belongs to a drawn unit or to a descendant of one.

    Examples
    --------
    >>> from zeren_graph.checks.finding import Finding, Severity
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="甲镇党委", parent="县委")])
    >>> f = Finding(code="ZG105", rule="uncovered-unit", severity=Severity.warning,
    ...             subjects=("甲镇党委",), message="m", message_zh="m")
    >>> len(findings_in_view(m, ["县委"], [f])), len(findings_in_view(m, ["甲镇党委"], [f]))
    (1, 1)
    >>> findings_in_view(m, ["甲镇党委"], [f.model_copy(update={"subjects": ("县委",)})])
    ()
    """
    children = model.index.children
    visible = set(units)
    stack = list(visible)
    while stack:  # the drawn units and every unit below them, each visited once
        for child in children.get(stack.pop(), ()):
            if child not in visible:
                visible.add(child)
                stack.append(child)
    return tuple(
        f for f in findings if any(u in visible for s in f.subjects for u in _units_of(model, s))
    )


def _hidden_below(
    model: ResponsibilityModel, shown: set[str], findings: Iterable[Finding]
) -> dict[str, tuple[int, int, Severity | None]]:
    """For each shown unit with hidden children: hidden units, findings there, worst severity."""
    index = model.index
    owner: dict[str, str] = {}
    counts: dict[str, int] = {}
    for unit in shown:
        stack = [c for c in index.children[unit] if c not in shown]
        counts[unit] = 0
        while stack:
            hidden = stack.pop()
            owner[hidden] = unit
            counts[unit] += 1
            stack.extend(c for c in index.children[hidden] if c not in owner and c not in shown)
    hits: dict[str, list[Severity]] = {}
    for finding in findings:
        cards = {owner[u] for s in finding.subjects for u in _units_of(model, s) if u in owner}
        for card in cards:
            hits.setdefault(card, []).append(finding.severity)
    return {u: (n, len(hits.get(u, ())), _worst(hits.get(u, ()))) for u, n in counts.items() if n}


def _post_lines(
    model: ResponsibilityModel,
    unit: str,
    marks: Mapping[str, Severity],
    words: dict[str, str],
    max_posts: int,
) -> list[Line]:
    index = model.index
    lines: list[Line] = []
    for pid in index.posts_of_unit.get(unit, ()):
        post = index.posts[pid]
        names = [index.persons[h].name if h in index.persons else h for h in post.holders]
        who = "、".join(names[:2]) + (
            words["others"].format(n=len(names)) if len(names) > 2 else ""
        )
        text = f"{post.title} · {who or words['vacant']}"
        sev = _worst([marks.get(pid), *(marks.get(h) for h in post.holders)])
        lines.append(Line(_clip(text), "post", pid, sev, muted=post.is_vacant))
    if len(lines) <= max_posts:
        return lines
    order = sorted(range(len(lines)), key=lambda i: lines[i].severity is None)  # flagged first
    kept = [lines[i] for i in sorted(order[: max_posts - 1])]
    more = Line(words["more_posts"].format(n=len(lines) - len(kept)), "more")
    return [*kept, more]


def _duty_lines(
    duties: list[Duty], marks: Mapping[str, Severity], words: dict[str, str], mode: DutyMode
) -> list[Line]:
    if not duties or mode == "none":
        return []
    if mode == "list" or (mode == "auto" and len(duties) <= AUTO_DUTIES):
        return [Line(_clip(f"· {d.name}"), "duty", d.id, marks.get(d.id)) for d in duties]
    flagged = [marks[d.id] for d in duties if d.id in marks]
    text = words["duties"].format(n=len(duties))
    if flagged:
        text += words["flagged"].format(n=len(flagged))
    return [Line(text, "summary", None, _worst(flagged))]


def build_cards(
    model: ResponsibilityModel,
    units: Iterable[str],
    *,
    findings: Iterable[Finding] = (),
    lang: Lang = "en",
    duties: DutyMode = "auto",
    max_posts: int = 8,
) -> tuple[Card, ...]:
    """Write the card of each unit: name, posts with holders, duties, hidden units.

    Parameters
    ----------
    model : ResponsibilityModel
    units : iterable of str
        The units to draw, parents first (see :func:`select_units`).
    findings : iterable of Finding
        Their subjects (unit, post, duty or person ids) mark lines with a severity.
    lang : {"en", "zh"}
        Language of the words the drawing adds ("vacant", "duties", ...).
    duties : {"auto", "list", "count", "none"}
        List the duties scoped to each unit, count them, or leave them out;
        ``"auto"`` lists up to four and counts more.
    max_posts : int
        Posts listed per card; more are summarised (flagged posts kept first).

    Returns
    -------
    tuple of Card

    Examples
    --------
    >>> from zeren_graph.model import Post, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委")],
    ...                         posts=[Post(id="县委/书记", unit="县委", title="书记")])
    >>> [ln.text for ln in build_cards(m, ["县委"])[0].lines]
    ['县委', '书记 · (vacant)']
    """
    found = tuple(findings)
    marks = severity_by_subject(found)
    words = _WORDS[lang]
    chosen = tuple(units)
    shown = set(chosen)
    below = _hidden_below(model, shown, found)
    by_scope: dict[str, list[Duty]] = {}
    for duty in model.duties:
        if duty.scope in shown:
            by_scope.setdefault(duty.scope, []).append(duty)
    cards: list[Card] = []
    for uid in chosen:
        unit = model.index.units[uid]
        lines = [Line(_clip(unit.name), "unit", uid, marks.get(uid))]
        lines += _post_lines(model, uid, marks, words, max_posts)
        lines += _duty_lines(by_scope.get(uid, []), marks, words, duties)
        if uid in below:
            n, k, sev = below[uid]
            text = words["below"].format(n=n) + (words["findings"].format(n=k) if k else "")
            lines.append(Line(text, "below", None, sev))
        parent = unit.parent if unit.parent in shown else None
        cards.append(Card(uid, parent, tuple(lines)))
    return tuple(cards)
