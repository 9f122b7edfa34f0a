"""CJK fonts: one is found in the suite's environment, labels have glyphs, and the advice."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from zeren_graph.errors import UnknownReferenceError, ZerenWarning
from zeren_graph.model import Person, Post, ResponsibilityModel, Unit
from zeren_graph.plot import fonts
from zeren_graph.plot.draw import draw
from zeren_graph.plot.fonts import FontWarning, cjk_rc, find_cjk_font, missing_glyphs


@pytest.fixture
def fresh_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Forget the cached font and warning before and after the test."""
    monkeypatch.delenv("ZEREN_CJK_FONT", raising=False)
    find_cjk_font.cache_clear()
    fonts._warn_once.cache_clear()
    yield
    find_cjk_font.cache_clear()
    fonts._warn_once.cache_clear()


def _small_model() -> ResponsibilityModel:
    return ResponsibilityModel(
        name="随县党建责任清单",
        units=[
            Unit(id="随县县委"),
            Unit(id="厉山镇党委", parent="随县县委"),
            Unit(id="草店子村党支部", parent="厉山镇党委"),
        ],
        posts=[
            Post(id="随县县委/书记", unit="随县县委", title="书记", holders=["周书记"]),
            Post(id="厉山镇党委/组织委员", unit="厉山镇党委", title="组织委员"),
        ],
        persons=[Person(id="周书记")],
    )


def test_the_suite_has_a_cjk_font_covering_the_probe() -> None:
    family = find_cjk_font()
    assert family is not None
    assert missing_glyphs(fonts.PROBE + "随县厉山镇草店子村", family) == set()


def test_cjk_rc_puts_the_cjk_family_first() -> None:
    family = find_cjk_font()
    rc = cjk_rc()
    assert rc["font.family"][0] == family
    assert rc["font.sans-serif"][0] == family
    assert rc["font.sans-serif"].count(family) == 1
    assert rc["axes.unicode_minus"] is False
    with matplotlib.rc_context(rc):
        assert matplotlib.rcParams["font.family"][0] == family


def test_no_glyph_of_a_real_drawing_is_missing() -> None:
    family = find_cjk_font()
    assert family is not None
    fig = draw(_small_model(), lang="zh")
    texts = [t for t in fig.findobj(Text) if t.get_text()]
    labels = "".join(t.get_text() for t in texts)
    assert "草店子村党支部" in labels
    assert "空缺" in labels
    assert missing_glyphs(labels, family) == set()
    assert all(t.get_fontfamily()[0] == family for t in texts)
    # Rendering under the suite's filterwarnings=error: a missing glyph would raise.
    fig.savefig(io.BytesIO(), format="png")


def test_missing_glyphs_finds_chinese_missing_from_dejavu() -> None:
    assert missing_glyphs("党委 书记\n", "DejaVu Sans") == {"党", "委", "书", "记"}
    assert missing_glyphs("Party secretary 1", "DejaVu Sans") == set()


def test_missing_glyphs_accepts_a_font_file() -> None:
    path = font_manager.findfont("DejaVu Sans")
    assert missing_glyphs("县", path) == {"县"}


def test_missing_glyphs_of_an_unknown_font_suggests_one() -> None:
    with pytest.raises(UnknownReferenceError, match="did you mean 'DejaVu Sans'"):
        missing_glyphs("县", "DejaVu Sanz")


@pytest.mark.usefixtures("fresh_fonts")
def test_no_font_warns_once_with_install_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_installed_families", lambda: {"DejaVu Sans"})
    monkeypatch.setattr(fonts, "_mplfonts_dir", lambda: None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # a second warning would be recorded too
        first = cjk_rc()
        second = cjk_rc()
    assert [w.category for w in caught] == [FontWarning]
    message = str(caught[0].message)
    assert "pip install zeren_graph[cjk]" in message
    assert "apt-get install fonts-noto-cjk" in message
    assert issubclass(FontWarning, ZerenWarning)
    assert caught[0].filename == __file__  # points at the caller, not at fonts.py
    assert find_cjk_font() is None
    assert first == second == {"axes.unicode_minus": False}


@pytest.mark.usefixtures("fresh_fonts")
def test_mplfonts_is_used_when_nothing_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fonts._mplfonts_dir()
    assert folder is not None
    assert (folder / "NotoSansCJKsc-Regular.otf").is_file()
    monkeypatch.setattr(fonts, "_installed_families", lambda: {"DejaVu Sans"})
    assert find_cjk_font() == "Noto Sans CJK SC"


@pytest.mark.usefixtures("fresh_fonts")
def test_environment_variable_names_a_font_file(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = fonts._mplfonts_dir()
    assert folder is not None
    monkeypatch.setenv("ZEREN_CJK_FONT", str(folder / "SimHei.ttf"))
    assert find_cjk_font() == "SimHei"


@pytest.mark.usefixtures("fresh_fonts")
def test_environment_variable_with_an_unknown_family_is_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ZEREN_CJK_FONT", "没有这个字体")
    family = find_cjk_font()
    assert family is not None
    assert family != "没有这个字体"


def test_importing_the_plot_and_cli_modules_does_not_import_matplotlib() -> None:
    code = (
        "import sys, zeren_graph.plot.fonts, zeren_graph.plot.draw, zeren_graph.cli.draw; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    assert out.stdout.strip() == "False"
