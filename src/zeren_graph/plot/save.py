"""Write a drawing to a file: the output format, the size in pixels, the atomic save.

A figure of :func:`zeren_graph.plot.draw.draw` (or any
:class:`matplotlib.figure.Figure`) is written as PNG or SVG, the format
chosen by the file's extension (:data:`FORMATS`). Its size in pixels is
checked against the ``draw_pixels`` limit before anything is rendered, and
the file is written to a temporary file renamed into place.

Nothing here imports matplotlib: :func:`check_pixels` also takes a size in
inches (:func:`zeren_graph.plot.draw.figure_size`), so an image too large can
be refused before the model is checked or drawn.

Examples
--------
>>> output_format("树.png")
'png'
>>> check_pixels((10.0, 5.0), 150)
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from zeren_graph import limits
from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, LimitError, Problem

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "check_pixels", "output_format", "save"]

#: Output formats by file extension. PDF is left out: matplotlib cannot embed
#: the CFF-flavoured OpenType CJK fonts (Noto Sans CJK) in PDF.
FORMATS = {".png": "png", ".svg": "svg"}


def _valid_dpi(dpi: float) -> float:
    if (
        isinstance(dpi, bool)
        or not isinstance(dpi, int | float)
        or not math.isfinite(dpi)
        or dpi <= 0
    ):
        msg = f"The 'dpi' parameter must be a finite number > 0. Got {dpi!r} instead."
        raise InputError([Problem("invalid-parameter", msg, value=str(dpi))])
    return float(dpi)


def _pixels_problem(width_in: float, height_in: float, dpi: float) -> LimitError | None:
    width, height = width_in * dpi, height_in * dpi
    allowed = limits.current().draw_pixels
    if width * height <= allowed:
        return None
    scale = math.sqrt(allowed / (width_in * height_in)) if width_in * height_in > 0 else dpi
    fits = f"--dpi {math.floor(scale)} fits" if scale >= 1 else "no dpi fits; draw less"
    message = (
        f"the drawing would be {width:,.0f} × {height:,.0f} pixels at {dpi:g} dpi "
        f"({width * height:,.0f} pixels), above the limit of {allowed:,}"
    )
    hint = (
        f"lower the dpi ({fits}), draw less with root/depth (--root, --depth), or raise "
        f"the limit with the environment variable {limits.current().describe('draw_pixels')}"
    )
    return LimitError([Problem("limit-exceeded", message, hint=hint)])


def check_pixels(fig: Figure | tuple[float, float], dpi: float) -> None:
    """Refuse, before anything is rendered, a figure that would be too many pixels at ``dpi``.

    The limit is ``draw_pixels`` (200 million, ``ZEREN_LIMIT_DRAW_PIXELS``):
    width × height in inches × ``dpi``². ``fig`` is a figure or its size in
    inches (see :func:`~zeren_graph.plot.draw.figure_size`).

    Raises
    ------
    LimitError
        The image would be larger than the limit; the hint names a dpi that fits.
    InputError
        ``dpi`` is not a finite number above 0.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> check_pixels(Figure(figsize=(10, 5)), 150)
    >>> check_pixels((10.0, 5.0), 150)
    >>> check_pixels(Figure(figsize=(10, 5)), 100_000)
    Traceback (most recent call last):
    ...
    zeren_graph.errors.LimitError: the drawing would be 1,000,000 × 500,000 pixels ...
    """
    value = _valid_dpi(dpi)
    size = fig if isinstance(fig, tuple) else fig.get_size_inches()
    width_in, height_in = (float(v) for v in size)
    problem = _pixels_problem(width_in, height_in, value)
    if problem is not None:
        raise problem


def save(fig: Figure, path: str | Path, *, dpi: float = 150, fmt: str | None = None) -> Path:
    """Write ``fig`` to ``path`` (PNG or SVG) atomically, after checking its size in pixels.

    The image is written to a temporary file beside ``path`` and renamed onto
    it, so an interrupted save leaves the old file (or none), never half an
    image; a symbolic link at ``path`` is refused. ``fmt`` defaults to the
    extension's format (:data:`FORMATS`).

    Raises
    ------
    LimitError
        The image would exceed ``draw_pixels`` at ``dpi`` (see :func:`check_pixels`).
    InputError
        An extension other than ``.png`` or ``.svg``, or a bad ``dpi``.
    OutputError
        ``path`` is a symbolic link.

    Examples
    --------
    >>> import tempfile
    >>> from zeren_graph.model import ResponsibilityModel, Unit
    >>> from zeren_graph.plot.draw import draw
    >>> out = Path(tempfile.mkdtemp()) / "tree.svg"
    >>> save(draw(ResponsibilityModel(units=[Unit(id="县委")])), out).name
    'tree.svg'
    """
    from zeren_graph.output.atomic import atomic_path, refuse_symlink  # noqa: PLC0415

    target = Path(path)
    chosen = fmt or output_format(target)
    check_pixels(fig, dpi)
    refuse_symlink(target)
    with atomic_path(target) as tmp:
        try:
            fig.savefig(tmp, format=chosen, dpi=dpi)
        except OSError as exc:  # name the file the user asked for, not the temporary one
            if exc.filename is None or str(exc.filename) == str(tmp):
                raise OSError(exc.errno, exc.strerror, str(target)) from exc
            raise
    return target


def output_format(path: str | Path) -> str:
    """Return the format of an output file from its extension (``png`` or ``svg``).

    Raises
    ------
    InputError
        Any other extension.

    Examples
    --------
    >>> output_format("树.SVG")
    'svg'
    >>> output_format("树.pdf")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: 树.pdf: cannot write '.pdf'; use one of .png, .svg
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        problem = Problem(
            "unsupported-format",
            f"cannot write {excerpt(suffix or 'a file without extension')!r}",
            file=str(path),
            value=suffix,
            hint=f"use one of {', '.join(FORMATS)}",
        )
        raise InputError([problem])
    return FORMATS[suffix]
