"""CJK fonts for every plot: find one, make matplotlib use it, check glyph coverage.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs: labels such as
``乙镇党委`` come out as empty boxes. :func:`cjk_rc` returns the rc parameters
that make a figure use an installed CJK font; wrap the code that *creates* the
artists in ``matplotlib.rc_context(cjk_rc())``. The font is looked up in this
order:

1. the ``ZEREN_CJK_FONT`` environment variable: a font file or a family name;
2. well-known CJK families installed on the system (Noto Sans CJK, Source Han
   Sans, WenQuanYi, SimHei, Microsoft YaHei, PingFang, Hiragino, ...);
3. the fonts shipped by the ``mplfonts`` package (``pip install zeren_graph[cjk]``),
   registered with matplotlib without importing the package;
4. any other installed font whose name suggests CJK and which covers a probe
   of common characters.

When none is found, :func:`cjk_rc` warns once (:class:`FontWarning`) with
install advice and the labels render without Chinese glyphs.

matplotlib is imported lazily, inside the functions.

Examples
--------
>>> import matplotlib
>>> rc = cjk_rc()
>>> rc["axes.unicode_minus"]
False
>>> with matplotlib.rc_context(rc):
...     family = matplotlib.rcParams["font.family"][0]
>>> family == find_cjk_font()
True
>>> missing_glyphs("甲县委", family)
set()
"""

from __future__ import annotations

import functools
import importlib.util
import os
import unicodedata
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zeren_graph.errors import Problem, UnknownReferenceError, ZerenWarning, did_you_mean

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = [
    "CJK_FAMILIES",
    "INSTALL_ADVICE",
    "FontWarning",
    "cjk_rc",
    "find_cjk_font",
    "missing_glyphs",
]

#: Installed families tried first, best first (simplified Chinese before others).
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK JP",
    "Noto Sans CJK KR",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei Sharp",
    "Microsoft YaHei",
    "SimHei",
    "DengXian",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Heiti TC",
    "STHeiti",
    "Droid Sans Fallback",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "AR PL New Sung",
    "SimSun",
    "Arial Unicode MS",
)

#: Files of the ``mplfonts`` package registered when no installed family is found.
MPLFONTS_FILES: tuple[str, ...] = ("NotoSansCJKsc-Regular.otf", "SimHei.ttf")

#: Words in a family name that suggest a CJK font (last-resort scan).
_CJK_HINTS: tuple[str, ...] = (
    "CJK",
    "Han ",
    "Hei",
    "Song",
    "Kai",
    "Ming",
    "Fang",
    "Gothic",
    "WenQuanYi",
    "YaHei",
    "Sung",
    "Yuan",
)

#: Characters every candidate must have: common in responsibility lists.
PROBE = "责任图党委书记监督县乡镇村"

#: The advice given when no CJK font is found.
INSTALL_ADVICE = (
    "no CJK font found: Chinese labels will not render. Install one with "
    "`pip install zeren_graph[cjk]` (ships Noto Sans CJK SC via mplfonts) or "
    "`apt-get install fonts-noto-cjk` (Debian/Ubuntu; then delete matplotlib's font "
    "cache), or set ZEREN_CJK_FONT to a font file"
)


class FontWarning(ZerenWarning):
    """No font able to show Chinese labels was found."""


def _installed_families() -> set[str]:
    """Return the family names matplotlib's font manager knows."""
    from matplotlib import font_manager  # noqa: PLC0415

    return {f.name for f in font_manager.fontManager.ttflist}


def _mplfonts_dir() -> Path | None:
    """Return the ``fonts/`` directory of the mplfonts package, without importing it."""
    try:
        spec = importlib.util.find_spec("mplfonts")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return folder if folder.is_dir() else None


def _add_font_file(path: Path) -> str | None:
    """Register a font file with matplotlib; return its family name (``None`` if unreadable)."""
    from matplotlib import font_manager  # noqa: PLC0415

    try:
        font_manager.fontManager.addfont(str(path))
        return str(font_manager.FontProperties(fname=str(path)).get_name())
    except (OSError, RuntimeError, ValueError):
        return None


def _covers_probe(family: str) -> bool:
    try:
        return not missing_glyphs(PROBE, family)
    except (UnknownReferenceError, OSError, RuntimeError):
        return False


def _from_env() -> str | None:
    value = os.environ.get("ZEREN_CJK_FONT", "").strip()
    if not value:
        return None
    if Path(value).is_file():
        return _add_font_file(Path(value))
    return value if value in _installed_families() else None


def _from_known(families: set[str]) -> str | None:
    return next((f for f in CJK_FAMILIES if f in families and _covers_probe(f)), None)


def _from_mplfonts() -> str | None:
    folder = _mplfonts_dir()
    if folder is None:
        return None
    for name in MPLFONTS_FILES:
        path = folder / name
        family = _add_font_file(path) if path.is_file() else None
        if family is not None and _covers_probe(family):
            return family
    return None


def _from_scan(families: set[str]) -> str | None:
    hinted = sorted(f for f in families if any(h in f for h in _CJK_HINTS))
    return next((f for f in hinted if _covers_probe(f)), None)


@functools.cache
def find_cjk_font() -> str | None:
    """Return the family name of a font that shows Chinese, or ``None``.

    Registers the font with matplotlib's font manager when it comes from a
    file (``ZEREN_CJK_FONT`` or the ``mplfonts`` package). The result is
    cached; call ``find_cjk_font.cache_clear()`` after installing a font.

    Returns
    -------
    str or None
        A family name usable in ``rcParams["font.family"]``.

    Examples
    --------
    >>> family = find_cjk_font()
    >>> family is None or isinstance(family, str)
    True
    """
    found = _from_env()
    if found is not None:
        return found
    families = _installed_families()
    return _from_known(families) or _from_mplfonts() or _from_scan(families)


@functools.cache
def _warn_once() -> None:
    warnings.warn(INSTALL_ADVICE, FontWarning, stacklevel=3)


def cjk_rc() -> dict[RcKeyType, Any]:
    """Return rc parameters that make matplotlib render Chinese labels.

    The CJK family comes first in ``font.family`` (followed by the generic
    ``sans-serif``, for glyphs it lacks) and in ``font.sans-serif``;
    ``axes.unicode_minus`` is off because many CJK fonts lack U+2212. Use it
    around the code that creates the artists: the family is stored in each
    text when it is created. When no CJK font exists, warns once with
    :data:`INSTALL_ADVICE` and returns only ``axes.unicode_minus``.

    Returns
    -------
    dict
        For ``matplotlib.rc_context`` or ``matplotlib.rcParams.update``.

    Examples
    --------
    >>> import matplotlib
    >>> from matplotlib.figure import Figure
    >>> with matplotlib.rc_context(cjk_rc()):
    ...     fig = Figure()
    ...     label = fig.text(0.5, 0.5, "乙镇党委")
    >>> label.get_fontfamily()[0] == find_cjk_font()
    True
    """
    import matplotlib  # noqa: PLC0415

    family = find_cjk_font()
    if family is None:
        _warn_once()
        return {"axes.unicode_minus": False}
    sans = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
    return {
        "font.family": [family, "sans-serif"],
        "font.sans-serif": [family, *sans],
        "axes.unicode_minus": False,
    }


@functools.lru_cache(maxsize=16)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font  # noqa: PLC0415

    return frozenset(FT2Font(path).get_charmap())


def _font_path(font: str) -> str:
    """Return the file of a family name (or ``font`` itself when it is a file)."""
    if Path(font).is_file():
        return font
    from matplotlib import font_manager  # noqa: PLC0415

    matches = [f.fname for f in font_manager.fontManager.ttflist if f.name == font]
    if not matches:
        families = sorted(_installed_families())
        problem = Problem(
            "unknown-font",
            f"font family {font!r} is not known to matplotlib",
            value=font,
            hint=did_you_mean(font, families) or f"installed: {', '.join(families[:12])} ...",
        )
        raise UnknownReferenceError([problem])
    prop = font_manager.FontProperties(family=font)
    return str(font_manager.findfont(prop, fallback_to_default=False))


def missing_glyphs(text: str, font: str) -> set[str]:
    """Return the characters of ``text`` that ``font`` has no glyph for.

    Whitespace and control characters are ignored.

    Parameters
    ----------
    text : str
        The labels to check, e.g. every unit name joined.
    font : str
        A family name known to matplotlib, or the path of a font file.

    Returns
    -------
    set of str
        Empty when every character can be drawn.

    Raises
    ------
    UnknownReferenceError
        ``font`` is neither a known family nor a file.

    Examples
    --------
    >>> sorted(missing_glyphs("县委 a1", "DejaVu Sans"))
    ['县', '委']
    >>> missing_glyphs("abc", "DejaVu Sans")
    set()
    """
    cmap = _charmap(_font_path(font))
    return {
        ch
        for ch in set(text)
        if not ch.isspace() and not unicodedata.category(ch).startswith("C") and ord(ch) not in cmap
    }
