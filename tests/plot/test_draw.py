"""Drawing the hierarchy: selection, cards, layout, highlighting, limits and ``zeren draw``."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import Collection, PolyCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from zeren_graph.checks.finding import Finding, Severity
from zeren_graph.cli import _common
from zeren_graph.cli import draw as draw_cli
from zeren_graph.errors import InputError, UnknownReferenceError, ZerenError
from zeren_graph.model import Duty, Person, Post, ResponsibilityModel, Unit
from zeren_graph.plot.cards import build_cards, findings_in_view, select_units
from zeren_graph.plot.draw import SEVERITY_COLORS, DrawingTooLargeError, draw
from zeren_graph.plot.layout import connectors, tree_layout

TOWNSHIPS = {"甲镇党委": 5, "乙镇党委": 2, "丙街道党工委": 0}


def _villages(town: str, n: int) -> list[str]:
    return [f"{town[0]}{'一二三四五六七八九'[i]}村党支部" for i in range(n)]


@pytest.fixture(scope="module")
def county() -> ResponsibilityModel:
    """县委 → 3 townships → 7 villages, with posts, a vacancy and duties."""
    units = [Unit(id="甲县县委", level="县"), Unit(id="县纪委", parent="甲县县委")]
    posts = [
        Post(id="甲县县委/书记", unit="甲县县委", title="书记", holders=["王明"]),
        Post(id="甲县县委/组织部长", unit="甲县县委", title="组织部长", holders=["李华"]),
        Post(id="县纪委/书记", unit="县纪委", title="书记", holders=["李华"]),
    ]
    persons = [Person(id="王明"), Person(id="李华")]
    duties = [Duty(id="甲县县委/全面从严治党", name="全面从严治党", scope="甲县县委")]
    for town, n in TOWNSHIPS.items():
        units.append(Unit(id=town, parent="甲县县委", level="乡镇"))
        posts.append(Post(id=f"{town}/书记", unit=town, title="书记", holders=[f"{town[0]}书记"]))
        posts.append(Post(id=f"{town}/组织委员", unit=town, title="组织委员"))
        persons.append(Person(id=f"{town[0]}书记"))
        duties += [Duty(id=f"{town}/{d}", name=d, scope=town) for d in ("组织生活", "发展党员")]
        for village in _villages(town, n):
            units.append(Unit(id=village, parent=town, level="村"))
            posts.append(Post(id=f"{village}/书记", unit=village, title="书记"))
            duties.append(Duty(id=f"{village}/三会一课", name="三会一课", scope=village))
    return ResponsibilityModel(
        name="甲县责任清单", units=units, posts=posts, persons=persons, duties=duties
    )


def _finding(code: str, severity: Severity, *subjects: str) -> Finding:
    return Finding(
        code=code,
        rule="rule",
        severity=severity,
        subjects=subjects,
        message="m",
        message_zh="问题",
    )


def _texts(fig: Figure) -> dict[str, Text]:
    """The drawing's texts by gid (``unit:甲镇党委``, ``post:甲镇党委/书记``, ...)."""
    return {gid: t for t in fig.axes[0].texts if (gid := t.get_gid())}


def _units_drawn(fig: Figure) -> set[str]:
    return {gid.removeprefix("unit:") for gid in _texts(fig) if gid.startswith("unit:")}


# --- selection ---------------------------------------------------------------------------


def test_select_units_picks_the_subtree_breadth_first(county: ResponsibilityModel) -> None:
    assert select_units(county, root="乙镇党委") == ("乙镇党委", "乙一村党支部", "乙二村党支部")
    assert select_units(county, depth=1) == ("甲县县委",)
    assert select_units(county, depth=2) == ("甲县县委", "县纪委", *TOWNSHIPS)
    assert select_units(county, root="甲镇党委", depth=1) == ("甲镇党委",)
    assert len(select_units(county)) == len(county.units)


def test_select_units_of_a_forest_starts_at_every_root() -> None:
    m = ResponsibilityModel(units=[Unit(id="甲镇党委"), Unit(id="乙镇党委")], has_hierarchy=False)
    assert select_units(m) == ("甲镇党委", "乙镇党委")


def test_unknown_root_suggests_the_closest_unit(county: ResponsibilityModel) -> None:
    with pytest.raises(UnknownReferenceError, match="did you mean '丙街道党工委'"):
        draw(county, root="丙街道")


def test_depth_below_one_is_rejected(county: ResponsibilityModel) -> None:
    with pytest.raises(InputError, match="'depth' parameter of draw must be an int >= 1"):
        select_units(county, depth=0)


# --- drawing -----------------------------------------------------------------------------


def test_draw_writes_a_png_with_every_unit_name(
    county: ResponsibilityModel, tmp_path: Path
) -> None:
    fig = draw(county, lang="zh")
    out = tmp_path / "甲县.png"
    fig.savefig(out, dpi=100)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 20_000
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {u.name for u in county.units} <= labels
    assert "甲县责任清单" in labels
    assert "组织委员 · (空缺)" in labels


def test_subtree_and_depth_draw_only_the_chosen_units(county: ResponsibilityModel) -> None:
    assert _units_drawn(draw(county, root="甲镇党委")) == {"甲镇党委", *_villages("甲镇党委", 5)}
    fig = draw(county, depth=2, lang="zh")
    assert _units_drawn(fig) == {"甲县县委", "县纪委", *TOWNSHIPS}
    lines = {t.get_text() for t in fig.axes[0].texts}
    assert "下辖 5 个单位未显示" in lines
    assert "下辖 2 个单位未显示" in lines


def test_findings_paint_their_subjects_in_the_severity_colour(
    county: ResponsibilityModel,
) -> None:
    findings = [
        _finding("ZG105", Severity.warning, "丙街道党工委"),
        _finding("ZG103", Severity.error, "甲镇党委/组织委员"),
        _finding("ZG403", Severity.info, "乙镇党委/发展党员"),
        _finding("ZG403", Severity.info, "甲镇党委/组织委员"),  # the worse one wins
        _finding("ZG501", Severity.warning, "李华"),  # a person: every post they hold
    ]
    fig = draw(county, findings=findings)
    texts = _texts(fig)

    def colour(gid: str) -> str:
        return to_hex(texts[gid].get_color())

    assert colour("unit:丙街道党工委") == SEVERITY_COLORS[Severity.warning]
    assert colour("post:甲镇党委/组织委员") == SEVERITY_COLORS[Severity.error]
    assert colour("duty:乙镇党委/发展党员") == SEVERITY_COLORS[Severity.info]
    assert colour("post:甲县县委/组织部长") == SEVERITY_COLORS[Severity.warning]
    assert colour("post:县纪委/书记") == SEVERITY_COLORS[Severity.warning]
    assert colour("unit:甲镇党委") not in SEVERITY_COLORS.values()
    assert colour("post:甲县县委/书记") not in SEVERITY_COLORS.values()
    cards = next(c for c in fig.axes[0].collections if c.get_gid() == "cards")
    edges = {to_hex(tuple(row)) for row in np.asarray(cards.get_edgecolor()).tolist()}
    assert SEVERITY_COLORS[Severity.warning] in edges  # the flagged unit's frame
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["error (1)", "warning (2)", "info (2)"]


def test_legend_counts_only_findings_in_view(county: ResponsibilityModel) -> None:
    findings = [
        _finding("ZG105", Severity.warning, "丙街道党工委"),
        _finding("ZG103", Severity.error, "甲一村党支部/书记"),
    ]
    assert findings_in_view(county, ["甲镇党委"], findings) == (findings[1],)
    legend = draw(county, findings=findings, root="甲镇党委", lang="zh").axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["错误 (1)"]
    assert draw(county, root="甲镇党委").axes[0].get_legend() is None


def test_hidden_findings_are_counted_on_the_card_above(county: ResponsibilityModel) -> None:
    findings = [_finding("ZG103", Severity.error, "甲二村党支部/书记")]
    cards = build_cards(county, select_units(county, depth=2), findings=findings)
    below = next(c for c in cards if c.unit == "甲镇党委").lines[-1]
    assert below.text == "+5 units below · 1 findings"
    assert below.severity is Severity.error


def test_business_guidance_is_a_dashed_line_to_the_guided_unit() -> None:
    m = ResponsibilityModel(
        units=[
            Unit(id="县委"),
            Unit(id="县委两新工委", parent="县委"),
            Unit(id="厉山镇党委", parent="县委"),
            Unit(id="工业园联合党支部", parent="厉山镇党委", guided_by="县委两新工委"),
        ]
    )

    def guidance(fig: Figure) -> list[Collection]:
        return [c for c in fig.axes[0].collections if c.get_gid() == "guidance"]

    fig = draw(m, lang="zh")
    (lines,) = guidance(fig)
    assert len(lines.get_paths()) == 1
    legend = fig.axes[0].get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["业务指导"]
    assert guidance(draw(m, depth=2)) == []  # the guided branch is hidden


def test_duty_modes(county: ResponsibilityModel) -> None:
    units = ("甲镇党委",)
    findings = [_finding("ZG101", Severity.error, "甲镇党委/组织生活")]

    def kinds(mode: str) -> list[str]:
        card = build_cards(county, units, findings=findings, duties=mode)[0]  # type: ignore[arg-type]
        return [f"{line.kind}:{line.text}" for line in card.lines if line.kind != "post"]

    assert kinds("auto") == [
        "unit:甲镇党委",
        "duty:· 组织生活",
        "duty:· 发展党员",
        "below:+5 units below",
    ]
    assert kinds("count")[1] == "summary:2 duties · 1 flagged"
    assert kinds("none") == ["unit:甲镇党委", "below:+5 units below"]


def test_many_posts_are_summarised_keeping_the_flagged_ones() -> None:
    posts = [Post(id=f"县委/委员{i}", unit="县委", title=f"委员{i}") for i in range(12)]
    m = ResponsibilityModel(units=[Unit(id="县委")], posts=posts)
    card = build_cards(m, ["县委"], findings=[_finding("ZG103", Severity.error, "县委/委员11")])[0]
    texts = [line.text for line in card.lines]
    assert texts[1:7] == [f"委员{i} · (vacant)" for i in range(6)]
    assert texts[7:] == ["委员11 · (vacant)", "+5 more posts"]


def test_long_names_are_cut_with_an_ellipsis() -> None:
    name = "落实全面从严治党主体责任每年至少专题研究党建工作两次以上"
    m = ResponsibilityModel(
        units=[Unit(id="县委")], duties=[Duty(id=f"县委/{name}", name=name, scope="县委")]
    )
    line = build_cards(m, ["县委"])[0].lines[1]
    assert line.text.endswith("…")
    assert line.text.startswith("· 落实全面从严治党")
    assert len(line.text) < len(name)


def test_no_text_overflows_its_card(county: ResponsibilityModel) -> None:
    latin = Post(id="县纪委/WMW Office", unit="县纪委", title="WMW Office", holders=["李华"])
    model = ResponsibilityModel(
        units=county.units,
        posts=(*county.posts, latin),
        persons=county.persons,
        duties=county.duties,
    )
    fig = draw(model, findings=[_finding("ZG501", Severity.warning, "李华")], lang="en")
    assert _texts(fig)["post:县纪委/WMW Office"].get_text() == "WMW Office · 李华"
    fig.canvas.draw()
    ax = fig.axes[0]
    cards = next(c for c in ax.collections if isinstance(c, PolyCollection) and c.get_gid())
    boxes = [ax.transData.transform(p.vertices) for p in cards.get_paths()]
    lows = np.array([b.min(axis=0) for b in boxes])
    highs = np.array([b.max(axis=0) for b in boxes])
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for text in ax.texts:
        if not text.get_gid():
            continue
        ext = text.get_window_extent(renderer)
        inside = (
            (lows[:, 0] <= ext.x0 + 0.5)
            & (ext.x1 <= highs[:, 0] + 0.5)
            & (lows[:, 1] <= ext.y0 + 0.5)
            & (ext.y1 <= highs[:, 1] + 0.5)
        )
        assert inside.any(), text.get_text()


def test_too_many_units_are_refused_with_a_way_out(county: ResponsibilityModel) -> None:
    with pytest.raises(DrawingTooLargeError) as info:
        draw(county, max_nodes=6)
    text = str(info.value)
    assert isinstance(info.value, ZerenError)
    assert isinstance(info.value, ValueError)
    assert "would show 12 units, more than max_nodes=6" in text
    assert "--depth 2" in text
    assert "--root UNIT" in text
    assert "'甲镇党委' (6 units)" in text  # the largest subtree first
    assert len(_units_drawn(draw(county, max_nodes=6, depth=2))) == 5


def test_draw_into_given_axes(county: ResponsibilityModel) -> None:
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    assert draw(county, root="乙镇党委", ax=ax) is fig
    assert _units_drawn(fig) == {"乙镇党委", "乙一村党支部", "乙二村党支部"}


@pytest.mark.parametrize(("option", "value"), [("duties", "all"), ("lang", "fr")])
def test_unknown_options_are_rejected(county: ResponsibilityModel, option: str, value: str) -> None:
    with pytest.raises(InputError, match=f"The '{option}' parameter of draw must be one of"):
        draw(county, **{option: value})  # type: ignore[arg-type]


def test_an_empty_model_is_refused() -> None:
    with pytest.raises(InputError, match="no units"):
        draw(ResponsibilityModel())


# --- layout ------------------------------------------------------------------------------


@st.composite
def _forests(draw: st.DrawFn) -> tuple[list[int], list[float], list[float]]:
    n = draw(st.integers(1, 25))
    parent = [-1] + [draw(st.integers(-1, i - 1)) for i in range(1, n)]
    sizes = st.lists(st.floats(0.5, 12), min_size=n, max_size=n)
    return parent, draw(sizes), draw(sizes)


@settings(max_examples=60, deadline=None)
@given(_forests(), st.integers(2, 6), st.integers(1, 5))
def test_layout_boxes_never_overlap_and_children_are_below(
    forest: tuple[list[int], list[float], list[float]], stack_leaves: int, per_column: int
) -> None:
    parent, widths, heights = forest
    lay = tree_layout(
        parent, widths=widths, heights=heights, stack_leaves=stack_leaves, per_column=per_column
    )
    x0, y0, x1, y1 = lay.x, lay.y, lay.x + lay.width, lay.y + lay.height
    apart = (
        (x1[:, None] <= x0[None, :] + 1e-9)
        | (x1[None, :] <= x0[:, None] + 1e-9)
        | (y1[:, None] <= y0[None, :] + 1e-9)
        | (y1[None, :] <= y0[:, None] + 1e-9)
    )
    np.fill_diagonal(apart, val=True)
    assert apart.all()
    assert (x0 >= -1e-9).all()
    assert (y0 >= 0).all()
    child = np.flatnonzero(lay.parent >= 0)
    assert (y0[child] >= y1[lay.parent[child]]).all()
    assert len(connectors(lay)) >= len(child)


def test_layout_rejects_children_before_parents() -> None:
    with pytest.raises(ValueError, match="breadth-first"):
        tree_layout([1, -1], widths=[1, 1], heights=[1, 1])


# --- zeren draw --------------------------------------------------------------------------


def _run(argv: list[str]) -> int:
    parser = _common.ZerenArgumentParser(prog="zeren")
    draw_cli.register(parser.add_subparsers(dest="command"))
    try:
        args: argparse.Namespace = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors exit 2 from argparse
        return int(exc.code or 0)
    return _common.run_guarded(args)


@pytest.fixture
def flat_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A flat list and its units table in the current directory, with no config."""
    monkeypatch.chdir(tmp_path)
    rows = (
        "职责,责任单位,岗位,责任人,责任类型\n"
        "全面从严治党,甲县县委,书记,王明,第一责任人\n"
        "组织生活,甲镇党委,书记,,第一责任人\n"
        "三会一课,甲一村党支部,书记,张三,第一责任人\n"
    )
    units = (
        "单位,上级单位\n甲县县委,\n甲镇党委,甲县县委\n甲一村党支部,甲镇党委\n乙镇党委,甲县县委\n"
    )
    (tmp_path / "清单.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "单位.csv").write_text(units, encoding="utf-8")
    return tmp_path / "清单.csv", tmp_path / "单位.csv"


def test_cli_writes_png_and_svg(
    flat_list: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lst, units = flat_list
    for name in ("树.png", "树.svg"):
        out = tmp_path / name
        assert _run(["draw", str(lst), "--units", str(units), "-o", str(out), "--no-config"]) == 0
        assert out.stat().st_size > 5_000
    assert (tmp_path / "树.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "树.pdf"], "cannot write '.pdf'; use one of .png, .svg"),
        (["-o", "树.png", "--root", "甲镇"], "did you mean '甲镇党委'?"),
        (["-o", "树.png", "--max-nodes", "3"], "(--depth 2) draws 3 units"),
        (["-o", "树.png", "--depth", "0"], "--depth: expected a whole number >= 1"),
    ],
)
def test_cli_bad_usage_exits_2_without_traceback(
    flat_list: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    lst, units = flat_list
    assert _run(["draw", str(lst), "--units", str(units), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("树.*"))


def test_cli_findings_are_drawn_unless_turned_off(
    flat_list: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lst, units = flat_list
    figures: list[Figure] = []
    real = Figure.savefig

    def keep(self: Figure, *args: object, **kwargs: object) -> None:
        figures.append(self)
        real(self, io.BytesIO(), format="png")

    monkeypatch.setattr(Figure, "savefig", keep)
    out = str(tmp_path / "树.png")
    base = ["draw", str(lst), "--units", str(units), "-o", out, "--no-config", "--lang", "zh"]
    assert _run(base) == 0
    assert _run([*base, "--no-findings"]) == 0
    with_findings, without = figures
    assert with_findings.axes[0].get_legend() is not None
    assert without.axes[0].get_legend() is None


def test_cli_without_a_cjk_font_warns_once_with_advice(
    flat_list: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from zeren_graph.plot import fonts

    monkeypatch.delenv("ZEREN_CJK_FONT", raising=False)
    monkeypatch.setattr(fonts, "_installed_families", lambda: {"DejaVu Sans"})
    monkeypatch.setattr(fonts, "_mplfonts_dir", lambda: None)
    fonts.find_cjk_font.cache_clear()
    fonts._warn_once.cache_clear()
    try:
        lst, units = flat_list
        out = tmp_path / "树.png"
        assert _run(["draw", str(lst), "--units", str(units), "-o", str(out), "--no-config"]) == 0
    finally:
        fonts.find_cjk_font.cache_clear()
        fonts._warn_once.cache_clear()
    err = capsys.readouterr().err.splitlines()
    assert sum("pip install zeren_graph[cjk]" in line for line in err) == 1
    assert any(
        line.endswith("characters could not be drawn (no glyph in the font)") for line in err
    )
    assert out.exists()


BUNDLED = Path(__file__).parents[2] / "scenarios" / "lists"


@pytest.mark.parametrize(
    ("name", "units"),
    [
        ("county.yaml", None),
        ("agency.yaml", None),
        ("agency.csv", "agency_units.csv"),
        ("county.xlsx", None),
    ],
)
def test_bundled_lists_draw_whole_with_every_finding_in_view(name: str, units: str | None) -> None:
    from zeren_graph.checks import check
    from zeren_graph.io import read
    from zeren_graph.plot.fonts import find_cjk_font, missing_glyphs

    model = read(BUNDLED / name, units=BUNDLED / units if units else None).model
    findings = check(model).findings
    assert findings
    fig = draw(model, findings=findings, lang="zh")
    assert _units_drawn(fig) == set(model.index.units)
    legend = fig.axes[0].get_legend()
    assert legend is not None
    entries = [t.get_text() for t in legend.get_texts()]
    counts = [int(e.split("(")[1].rstrip(")")) for e in entries if e != "业务指导"]
    assert sum(counts) == len(findings)
    family = find_cjk_font()
    assert family is not None
    assert missing_glyphs("".join(t.get_text() for t in fig.findobj(Text)), family) == set()
    fig.savefig(io.BytesIO(), format="png", dpi=40)  # a missing glyph would warn = fail


def test_cli_refuses_a_bad_root_before_running_the_checks(
    flat_list: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import zeren_graph.checks

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("the checks ran")

    monkeypatch.setattr(zeren_graph.checks, "check", boom)
    lst, units = flat_list
    assert _run(["draw", str(lst), "--units", str(units), "-o", "树.png", "--root", "丙镇"]) == 2
