"""Draw the unit hierarchy as a tree of cards: units, their posts and duties, findings.

Each unit is a card: its name on a header band, then its posts with their
holders, then the duties scoped to it (listed, or counted when many). Units,
posts and duties named by a finding are painted in the finding's severity
colour (:data:`SEVERITY_COLORS`), with a legend counting the findings in view.
Large models are drawn per subtree (``root``, ``depth``); a drawing of more than
``max_nodes`` units is refused with a message saying how to narrow it.

The figure is a plain :class:`matplotlib.figure.Figure` on the Agg canvas, so
drawing needs no display and touches no pyplot state. Chinese labels use the
CJK font of :func:`zeren_graph.plot.fonts.cjk_rc`. Writing it to a file (the
format, the size in pixels, the atomic save) is :mod:`zeren_graph.plot.save`.

Examples
--------
>>> from zeren_graph.model import Post, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(
...     units=[Unit(id="县委"), Unit(id="甲镇党委", parent="县委")],
...     posts=[Post(id="甲镇党委/书记", unit="甲镇党委", title="书记")],
... )
>>> fig = draw(m, lang="zh")
>>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid())
['书记 · (空缺)', '县委', '甲镇党委']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from zeren_graph import limits
from zeren_graph._display import excerpt
from zeren_graph.checks.finding import Finding, Lang, Severity
from zeren_graph.errors import InputError, LimitError, Problem
from zeren_graph.model import ResponsibilityModel
from zeren_graph.plot.cards import (
    Card,
    DutyMode,
    Line,
    build_cards,
    findings_in_view,
    select_units,
    text_width,
)
from zeren_graph.plot.fonts import cjk_rc
from zeren_graph.plot.layout import TreeLayout, connectors, tree_layout
from zeren_graph.plot.save import FORMATS, check_pixels, output_format, save

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FORMATS",  # re-exported from zeren_graph.plot.save, as are check_pixels, output_format, save
    "MAX_NODES",
    "SEVERITY_COLORS",
    "SEVERITY_FILLS",
    "DrawingTooLargeError",
    "check_pixels",
    "draw",
    "figure_size",
    "output_format",
    "save",
    "units_to_draw",
]

#: Units drawn at most by default: the ``draw_units`` limit (``ZEREN_LIMIT_DRAW_UNITS``).
MAX_NODES = limits.Limits().draw_units
#: Text and edge colour of each severity.
SEVERITY_COLORS: dict[Severity, str] = {
    Severity.error: "#c62828",
    Severity.warning: "#e65100",
    Severity.info: "#1565c0",
}
#: Background of the lines and headers a finding names.
SEVERITY_FILLS: dict[Severity, str] = {
    Severity.error: "#fdded9",
    Severity.warning: "#ffe6c7",
    Severity.info: "#d9e9fb",
}
_TEXT, _MUTED, _DUTY, _EDGE, _HEADER = "#1a1a1a", "#8c8c8c", "#37474f", "#6b7b8c", "#e6ecf3"
_LINE, _PAD_X, _PAD_Y, _MARGIN, _TOP = 1.6, 0.7, 0.35, 1.5, 4.5  # in ems
_BASE_PT, _MAX_INCHES, _MIN_PT = 9.0, 250.0, 3.0
_TITLE_CHARS = 200
_LEGEND = {
    "en": ("findings in view", {"error": "error", "warning": "warning", "info": "info"}),
    "zh": ("图中问题", {"error": "错误", "warning": "警告", "info": "提示"}),
}
_GUIDANCE = {"en": "business guidance", "zh": "业务指导"}
_GUIDE = "#2e8b74"


class DrawingTooLargeError(LimitError):
    """The drawing would hold more units than ``max_nodes`` (a :class:`LimitError`)."""


def _n_units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def _too_large(
    model: ResponsibilityModel, units: Sequence[str], root: str | None, limit: int
) -> str:
    index = model.index
    tops = [units[0]] if root is not None else list(index.roots)
    level = dict.fromkeys(tops, 0)
    for unit in units:  # breadth-first: parents first
        for child in index.children[unit]:
            level[child] = level[unit] + 1
    levels = np.bincount([level[u] for u in units])
    fits = int(np.searchsorted(np.cumsum(levels), limit, side="right"))
    sizes = dict.fromkeys(index.children, 0)
    for unit in reversed(units):  # children come after parents: accumulate upwards
        sizes[unit] += 1
        parent = index.units[unit].parent
        if parent is not None and parent in sizes:
            sizes[parent] += sizes[unit]
    below = sorted((c for t in tops for c in index.children[t]), key=lambda c: -sizes[c])
    hints = []
    if fits > 1:  # the root alone is no useful drawing
        hints.append(f"depth={fits} (--depth {fits}) draws {_n_units(int(levels[:fits].sum()))}")
    if below:
        named = ", ".join(f"'{excerpt(c)}' ({_n_units(sizes[c])})" for c in below[:3])
        hints.append(f"root=UNIT (--root UNIT) draws one subtree, e.g. {named}")
    more = f"raise max_nodes (--max-nodes N, or {limits.current().describe('draw_units')})"
    less = f"draw less: {'; or '.join(hints)}; or " if hints else ""
    return (
        f"the drawing would show {_n_units(len(units))}, more than max_nodes={limit}; {less}{more}"
    )


def units_to_draw(
    model: ResponsibilityModel,
    *,
    root: str | None = None,
    depth: int | None = None,
    max_nodes: int | None = None,
) -> tuple[str, ...]:
    """Return the units :func:`draw` would draw, or raise why it would not.

    Cheap next to checking a model (linear in the units selected, however
    deep the hierarchy): call it first to fail fast on a bad ``root`` or a
    drawing that is too large. ``max_nodes`` defaults to the ``draw_units``
    limit (250, ``ZEREN_LIMIT_DRAW_UNITS``).

    Raises
    ------
    UnknownReferenceError
        ``root`` is not a unit of the model.
    DrawingTooLargeError
        More than ``max_nodes`` units; the message suggests a root and a depth.
    InputError
        The model has no units, or ``depth`` is below 1.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="甲镇党委", parent="县委")])
    >>> units_to_draw(m, depth=1)
    ('县委',)
    """
    limit = limits.current().draw_units if max_nodes is None else max_nodes
    units = select_units(model, root=root, depth=depth)
    if not units:
        raise InputError([Problem("empty-model", "the model has no units to draw")])
    if len(units) > limit:
        raise DrawingTooLargeError(_too_large(model, units, root, limit))
    return units


def _check_option(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        msg = (
            f"The {name!r} parameter of draw must be one of {', '.join(map(repr, allowed))}. "
            f"Got {value!r} instead."
        )
        raise InputError([Problem("invalid-parameter", msg, value=str(value))])


def _card_size(card: Card) -> tuple[float, float]:
    width = max(text_width(line.text) for line in card.lines) + 2 * _PAD_X
    return width, len(card.lines) * _LINE + 2 * _PAD_Y


def _rects(x: Any, y: Any, w: Any, h: Any) -> Any:
    """Rectangles as an ``(n, 4, 2)`` array of corners for a PolyCollection."""
    x0, y0 = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    x1, y1 = x0 + np.asarray(w, dtype=float), y0 + np.asarray(h, dtype=float)
    return np.stack(
        [np.stack(p, axis=-1) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))], axis=1
    ).reshape(-1, 4, 2)


def _line_color(line: Line) -> str:
    if line.severity is not None:
        return SEVERITY_COLORS[line.severity]
    if line.muted:
        return _MUTED
    return _DUTY if line.kind in {"duty", "summary", "more", "below"} else _TEXT


def _render_cards(ax: Axes, cards: Sequence[Card], lay: TreeLayout, fs: float) -> None:
    from matplotlib.collections import LineCollection, PolyCollection  # noqa: PLC0415

    ax.add_collection(LineCollection(list(connectors(lay)), colors=_EDGE, linewidths=0.8, zorder=1))
    heads = [c.lines[0].severity for c in cards]
    edges = [SEVERITY_COLORS[s] if s else _EDGE for s in heads]
    boxes = PolyCollection(
        _rects(lay.x, lay.y, lay.width, lay.height),
        facecolors="white",
        edgecolors=edges,
        linewidths=[1.8 if s else 0.8 for s in heads],
        zorder=2,
    )
    boxes.set_gid("cards")
    ax.add_collection(boxes)
    bands = [(i, j, line) for i, c in enumerate(cards) for j, line in enumerate(c.lines)]
    marked = [(i, j, ln) for i, j, ln in bands if ln.severity is not None or j == 0]
    rows = np.array([[i, j] for i, j, _ in marked], dtype=int).reshape(-1, 2)
    band_y = lay.y[rows[:, 0]] + _PAD_Y + rows[:, 1] * _LINE
    fills = [SEVERITY_FILLS[ln.severity] if ln.severity else _HEADER for *_, ln in marked]
    ax.add_collection(
        PolyCollection(
            _rects(lay.x[rows[:, 0]] + 0.15, band_y, lay.width[rows[:, 0]] - 0.3, _LINE),
            facecolors=fills,
            edgecolors="none",
            zorder=3,
        )
    )
    for i, j, line in bands:
        ax.text(
            lay.x[i] + _PAD_X,
            lay.y[i] + _PAD_Y + (j + 0.5) * _LINE,
            line.text,
            ha="left",
            va="center",
            fontsize=fs,
            color=_line_color(line),
            gid=f"{line.kind}:{line.subject}" if line.subject else None,
            parse_math=False,
            zorder=4,
        )


def _guidance(model: ResponsibilityModel, cards: Sequence[Card], lay: TreeLayout) -> Any:
    """Segments from each guiding unit (业务指导, ``guided_by``) to the units it guides."""
    at = {c.unit: i for i, c in enumerate(cards)}
    pairs = np.array(
        [
            (at[guide], j)
            for j, card in enumerate(cards)
            for guide in model.index.units[card.unit].guided_by
            if guide in at
        ],
        dtype=int,
    ).reshape(-1, 2)
    cx, cy = lay.x + lay.width / 2, lay.y + lay.height / 2
    start = np.stack([cx[pairs[:, 0]], cy[pairs[:, 0]]], axis=-1)
    end = np.stack([cx[pairs[:, 1]], cy[pairs[:, 1]]], axis=-1)
    return np.stack([start, end], axis=1)


def _legend(ax: Axes, in_view: Sequence[Finding], lang: Lang, fs: float, guidance: bool) -> None:
    from matplotlib.artist import Artist  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    title, names = _LEGEND[lang]
    handles: list[Artist] = [
        Patch(
            facecolor=SEVERITY_FILLS[sev],
            edgecolor=SEVERITY_COLORS[sev],
            label=f"{names[sev.value]} ({n})",
        )
        for sev in (Severity.error, Severity.warning, Severity.info)
        if (n := sum(f.severity == sev for f in in_view))
    ]
    if guidance:
        handles.append(Line2D([], [], color=_GUIDE, linestyle="--", label=_GUIDANCE[lang]))
    if handles:
        ax.legend(
            handles=handles,
            title=title if in_view else None,
            loc="upper right",
            ncols=len(handles),
            fontsize=fs,
            title_fontsize=fs,
            frameon=False,
        )


def _canvas(
    ax: Axes | None, width: float, height: float, dpi: float | None
) -> tuple[Figure, Axes, float]:
    """Make (or adopt) the figure and axes; find the font size making a data unit one em.

    With ``dpi``, a new figure too large in pixels is refused before anything is drawn.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure, SubFigure  # noqa: PLC0415

    if ax is None:
        w_in, h_in, fs = _inches(width, height)
        if dpi is not None:
            check_pixels((w_in, h_in), dpi)
        fig = Figure(figsize=(w_in, h_in), facecolor="white")
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    else:
        owner = ax.get_figure()
        if owner is None:
            raise InputError([Problem("invalid-parameter", "ax belongs to no figure")])
        fig = owner.figure if isinstance(owner, SubFigure) else owner
        box = ax.get_window_extent().transformed(fig.dpi_scale_trans.inverted())
        fs = min(box.width * 72 / width, box.height * 72 / height)
    ax.set_axis_off()
    ax.set_aspect("equal")
    return fig, ax, max(fs, _MIN_PT)


def _plan(
    model: ResponsibilityModel,
    found: Sequence[Finding],
    *,
    root: str | None,
    depth: int | None,
    duties: DutyMode,
    lang: Lang,
    max_nodes: int | None,
    title: str | None,
) -> tuple[tuple[str, ...], tuple[Card, ...], TreeLayout, str, tuple[float, float]]:
    """Select the units, write their cards and lay them out: no matplotlib yet.

    Returns the units, cards, layout, title and the drawing's size in ems.
    """
    _check_option("duties", duties, ("auto", "list", "count", "none"))
    _check_option("lang", lang, ("en", "zh"))
    units = units_to_draw(model, root=root, depth=depth, max_nodes=max_nodes)
    cards = build_cards(model, units, findings=found, lang=lang, duties=duties)
    position = {c.unit: i for i, c in enumerate(cards)}
    sizes = np.array([_card_size(c) for c in cards])
    lay = tree_layout(
        [position[c.parent] if c.parent is not None else -1 for c in cards],
        widths=sizes[:, 0],
        heights=sizes[:, 1],
        hgap=1.2,
        vgap=2.0,
    )
    label = title or model.name or (units[0] if root is not None else "")
    if len(label) > _TITLE_CHARS:
        label = label[: _TITLE_CHARS - 1] + "…"
    w_em, h_em = lay.extent
    width = max(w_em, 1.4 * text_width(label) + 30) + 2 * _MARGIN
    return units, cards, lay, label, (width, h_em + _MARGIN + _TOP)


def _inches(width: float, height: float) -> tuple[float, float, float]:
    """Return the size in inches of a new figure ``width`` × ``height`` ems, and its font size."""
    fs = max(min(_BASE_PT, _MAX_INCHES * 72 / width, _MAX_INCHES * 72 / height), _MIN_PT)
    return width * fs / 72, height * fs / 72, fs


def figure_size(
    model: ResponsibilityModel,
    *,
    findings: Iterable[Finding] = (),
    root: str | None = None,
    depth: int | None = None,
    duties: DutyMode = "auto",
    lang: Lang = "en",
    max_nodes: int | None = None,
    title: str | None = None,
) -> tuple[float, float]:
    """Return the size in inches of the figure :func:`draw` would make, without drawing.

    Cheap (no matplotlib): with :func:`~zeren_graph.plot.save.check_pixels`
    it refuses an image too large at some dpi before a long check of the
    model. The arguments are those of :func:`draw`; findings may change the
    size slightly.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> w, h = figure_size(ResponsibilityModel(units=[Unit(id="县委")]))
    >>> round(w, 2), round(h, 2)
    (4.12, 1.04)
    """
    *_, (width, height) = _plan(
        model,
        tuple(findings),
        root=root,
        depth=depth,
        duties=duties,
        lang=lang,
        max_nodes=max_nodes,
        title=title,
    )
    w_in, h_in, _ = _inches(width, height)
    return w_in, h_in


def draw(
    model: ResponsibilityModel,
    *,
    findings: Iterable[Finding] = (),
    root: str | None = None,
    depth: int | None = None,
    duties: DutyMode = "auto",
    lang: Lang = "en",
    max_nodes: int | None = None,
    title: str | None = None,
    ax: Axes | None = None,
    dpi: float | None = None,
) -> Figure:
    """Draw the unit hierarchy with posts and duties, findings highlighted.

    Parameters
    ----------
    model : ResponsibilityModel
    findings : iterable of Finding, optional
        E.g. ``check(model).findings``; the units, posts, duties and persons
        they name are painted in their severity colour.
    root : str, optional
        Draw the subtree of this unit (id or unique name); default: the whole model.
    depth : int, optional
        Levels to draw, ``1`` for the root alone. Units with hidden children
        say how many units and findings are below them.
    duties : {"auto", "list", "count", "none"}
        List each unit's duties, count them, or leave them out; ``"auto"``
        lists up to four.
    lang : {"en", "zh"}
        Language of the words the drawing adds (legend, "vacant", counts).
    max_nodes : int, optional
        Refuse to draw more units than this; default: the ``draw_units``
        limit (250, ``ZEREN_LIMIT_DRAW_UNITS``).
    title : str, optional
        Default: the model's name, or the root.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes; default: a new figure sized to the tree.
    dpi : float, optional
        The resolution the figure will be saved at: a new figure larger than
        the ``draw_pixels`` limit at this dpi is refused before anything is
        drawn (:func:`~zeren_graph.plot.save.save` checks again).

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`~zeren_graph.plot.save.save` (atomic, size-checked)
        or ``fig.savefig``.

    Raises
    ------
    UnknownReferenceError
        ``root`` is not a unit of the model.
    DrawingTooLargeError
        More than ``max_nodes`` units; the message suggests a root and a depth.
    LimitError
        With ``dpi``: the image would exceed the ``draw_pixels`` limit.

    Examples
    --------
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="甲镇党委", parent="县委")])
    >>> draw(m, max_nodes=1)
    Traceback (most recent call last):
    ...
    zeren_graph.plot.draw.DrawingTooLargeError: the drawing would show 2 units, more than max_nodes=1; draw less: root=UNIT (--root UNIT) draws one subtree, e.g. '甲镇党委' (1 unit); or raise max_nodes (--max-nodes N, or ZEREN_LIMIT_DRAW_UNITS (default 250))
    """  # noqa: E501
    import matplotlib  # noqa: PLC0415
    from matplotlib.collections import LineCollection  # noqa: PLC0415

    found = tuple(findings)
    units, cards, lay, label, (width, height) = _plan(
        model,
        found,
        root=root,
        depth=depth,
        duties=duties,
        lang=lang,
        max_nodes=max_nodes,
        title=title,
    )
    h_em = lay.extent[1]
    with matplotlib.rc_context(cjk_rc()):
        fig, ax, fs = _canvas(ax, width, height, dpi)
        ax.set_xlim(-_MARGIN, width - _MARGIN)
        ax.set_ylim(h_em + _MARGIN, -_TOP)
        _render_cards(ax, cards, lay, fs)
        guidance = _guidance(model, cards, lay)
        if len(guidance):
            lines = LineCollection(
                list(guidance), colors=_GUIDE, linestyles="--", linewidths=0.9, zorder=1.5
            )
            lines.set_gid("guidance")
            ax.add_collection(lines)
        if label:
            ax.text(0, -_TOP / 2, label, fontsize=fs * 1.4, va="center", parse_math=False)
        _legend(ax, findings_in_view(model, units, found), lang, fs, bool(len(guidance)))
    return fig
