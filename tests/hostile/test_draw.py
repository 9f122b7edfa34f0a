"""Hostile suite, ``zeren draw``: deep chains, huge options, pixel bombs, links, atomic writes.

Each test names the promise of docs/errors.md it checks:

* a drawing is refused up front, in linear time, when it would show more than
  ``draw_units`` units or more than ``draw_pixels`` pixels;
* every option out of range exits 2 with a clear message, no traceback;
* the image is written atomically and never through a symbolic link.
"""

from __future__ import annotations

import argparse
import errno
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from zeren_graph.checks.finding import Finding, Severity
from zeren_graph.cli import _common
from zeren_graph.cli import draw as draw_cli
from zeren_graph.errors import InputError, LimitError, OutputError
from zeren_graph.graph import subtree
from zeren_graph.model import ResponsibilityModel, Unit
from zeren_graph.plot.cards import build_cards, findings_in_view, select_units
from zeren_graph.plot.draw import DrawingTooLargeError, draw, units_to_draw
from zeren_graph.plot.save import check_pixels, save

from .harness import MemoryProbe, assert_promise, run_zeren

CHAIN = 100_000


@pytest.fixture(scope="module")
def chain_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A one-row list and a units table of a 100k-deep chain: U1's parent is U0, and so on."""
    folder = tmp_path_factory.mktemp("chain")
    units = folder / "units.csv"
    units.write_text(
        "单位,上级单位\nU0,\n" + "".join(f"U{i},U{i - 1}\n" for i in range(1, CHAIN)),
        encoding="utf-8",
    )
    lst = folder / "list.csv"
    lst.write_text("职责,责任单位,责任类型\n三会一课,U0,牵头\n", encoding="utf-8")
    return lst, units


@pytest.fixture(scope="module")
def chain_model() -> ResponsibilityModel:
    """The same 100k-deep chain, in memory, listed leaf first (children before parents)."""
    units = [Unit(id="U0"), *(Unit(id=f"U{i}", parent=f"U{i - 1}") for i in range(1, CHAIN))]
    return ResponsibilityModel(units=units[::-1])


# --- the 100k-deep chain, in a bounded process --------------------------------------------


@pytest.mark.parametrize(
    ("extra", "needles"),
    [
        pytest.param([], ["100000 units, more than max_nodes=250", "--depth 250"], id="whole"),
        pytest.param(["--depth", "10" * 15], ["more than max_nodes=250"], id="huge-depth"),
        pytest.param(["--root", "U" * 5000], ["(5000 characters)"], id="huge-unknown-root"),
        pytest.param(["--dpi", "100000", "--depth", "3"], ["pixels", "--dpi"], id="dpi-100000"),
    ],
)
def test_a_100k_deep_chain_is_refused_within_seconds(
    chain_files: tuple[Path, Path], tmp_path: Path, extra: list[str], needles: list[str]
) -> None:
    """Promise 4: too many units (or pixels) is refused up front, linear in the depth."""
    lst, units = chain_files
    out = tmp_path / "chain.png"
    run = run_zeren("draw", lst, "--units", units, "-o", out, "--no-findings", *extra)
    assert_promise(run, *needles)
    assert not out.exists()


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(["--depth", "3"], id="depth-3"),
        pytest.param(["--root", "U99990"], id="root-near-the-leaf"),
    ],
)
def test_a_100k_deep_chain_is_drawn_per_subtree_within_seconds(
    chain_files: tuple[Path, Path], tmp_path: Path, extra: list[str]
) -> None:
    """Promise 4: --root/--depth draw a window of a 100k-deep chain, findings included."""
    lst, units = chain_files
    out = tmp_path / "chain.png"
    run = run_zeren("draw", lst, "--units", units, "-o", out, "--no-config", *extra)
    assert run.code == 0, str(run)
    assert out.stat().st_size > 1000
    assert not list(tmp_path.glob(".chain.png.*"))  # no temporary file left


def test_selection_is_linear_and_recursion_free_on_a_100k_chain(
    chain_model: ResponsibilityModel,
) -> None:
    """Promise 4: selecting and sizing the view of a 100k-deep chain: linear, no recursion."""
    probe = MemoryProbe()
    assert len(select_units(chain_model)) == CHAIN
    assert select_units(chain_model, depth=3) == ("U0", "U1", "U2")
    assert len(subtree(chain_model, "U0")) == CHAIN
    with pytest.raises(DrawingTooLargeError, match="--depth 250"):
        units_to_draw(chain_model)
    findings = [
        Finding(
            code="ZG105",
            rule="uncovered-unit",
            severity=Severity.warning,
            subjects=(f"U{i}",),
            message="m",
            message_zh="m",
        )
        for i in range(0, CHAIN, 10)
    ]
    shown = select_units(chain_model, depth=3)
    assert len(findings_in_view(chain_model, shown, findings)) == len(findings)
    assert len(findings_in_view(chain_model, ["U99990"], findings)) == 1
    cards = build_cards(chain_model, shown, findings=findings)
    assert cards[-1].lines[-1].kind == "below"
    assert probe.peak_mb() < 256  # refused before the work, not after


def test_a_drawing_too_large_is_a_limit_error_raised_by_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Promise 4: draw_units is a documented limit (ZEREN_LIMIT_DRAW_UNITS), a LimitError."""
    model = ResponsibilityModel(units=[Unit(id="a"), Unit(id="b", parent="a")])
    monkeypatch.setenv("ZEREN_LIMIT_DRAW_UNITS", "1")
    with pytest.raises(LimitError, match="ZEREN_LIMIT_DRAW_UNITS"):
        units_to_draw(model)
    monkeypatch.setenv("ZEREN_LIMIT_DRAW_UNITS", "2")
    assert units_to_draw(model) == ("a", "b")


# --- options out of range, in process ------------------------------------------------------


def _run(argv: list[str]) -> int:
    parser = _common.ZerenArgumentParser(prog="zeren")
    draw_cli.register(parser.add_subparsers(dest="command"))
    try:
        args: argparse.Namespace = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return _common.run_guarded(args)


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``LIST --units UNITS --no-config`` of a three-unit county, in the current directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "l.csv").write_text(
        "职责,责任单位,岗位,责任人,责任类型\n三会一课,甲镇党委,书记,张三,第一责任人\n",
        encoding="utf-8",
    )
    (tmp_path / "u.csv").write_text(
        "单位,上级单位\n县委,\n甲镇党委,县委\n甲村,甲镇党委\n", encoding="utf-8"
    )
    return ["l.csv", "--units", "u.csv", "--no-config"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param(["--dpi", "0"], "--dpi: expected a whole number >= 1", id="dpi-0"),
        pytest.param(["--dpi", "-72"], "--dpi: expected a whole number >= 1", id="dpi-negative"),
        pytest.param(["--dpi", "nan"], "--dpi: expected a whole number >= 1", id="dpi-nan"),
        pytest.param(["--dpi", "inf"], "--dpi: expected a whole number >= 1", id="dpi-inf"),
        pytest.param(["--dpi", "9" * 5000], "(5000 characters)", id="dpi-5000-digits"),
        pytest.param(["--dpi", "100000"], "lower the dpi (--dpi", id="dpi-100000-pixels"),
        pytest.param(["--dpi", "30000"], "ZEREN_LIMIT_DRAW_PIXELS", id="dpi-30000-pixels"),
        pytest.param(["--depth", "0"], "--depth: expected a whole number >= 1", id="depth-0"),
        pytest.param(["--max-nodes", "-1"], "--max-nodes: expected", id="max-nodes-negative"),
        pytest.param(["--max-nodes", "2"], "more than max_nodes=2", id="max-nodes-2"),
        pytest.param(["--root", "乙镇"], "root unit '乙镇' is not in the model", id="unknown-root"),
        pytest.param(["--root", "\x1b[2J"], "root unit '\\x1b[2J'", id="escape-in-root"),
        pytest.param(["--lang", "fr"], "invalid choice: 'fr'", id="lang-fr"),
        pytest.param(["--duties", "all"], "invalid choice: 'all'", id="duties-all"),
    ],
)
def test_options_out_of_range_exit_2_before_writing(
    small: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    """Promise 1/4: every option out of range exits 2 with a clear message; nothing written."""
    assert _run(["draw", *small, "-o", "树.png", *extra]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert "\x1b" not in err
    assert not list(tmp_path.glob("*树.png*"))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("树.pdf", "cannot write '.pdf'", id="pdf"),
        pytest.param("树", "cannot write 'a file without extension'", id="no-extension"),
        pytest.param("no/such/dir/../../x.png\x00", "", id="nul-in-name"),
    ],
)
def test_bad_output_names_exit_2(
    small: list[str], capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    """Promise 1: an output name that cannot be written exits 2, no traceback."""
    assert _run(["draw", *small, "-o", name]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_a_symlink_target_is_refused_and_its_target_untouched(
    small: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise 3: the output is never written through a symbolic link."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "树.png").symlink_to(victim)
    assert _run(["draw", *small, "-o", "树.png"]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_a_failed_save_leaves_the_old_image_and_no_temporary_file(
    small: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Promise 3: a disk full while saving names the file, keeps the old one, leaves no temp."""
    old = tmp_path / "树.png"
    old.write_bytes(b"old image")

    def full(self: Figure, fname: object, **_: object) -> None:
        Path(str(fname)).write_bytes(b"half an ima")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Figure, "savefig", full)
    assert _run(["draw", *small, "-o", "树.png"]) == 2
    err = capsys.readouterr().err
    assert "树.png: No space left on device" in err
    assert old.read_bytes() == b"old image"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.csv", "u.csv", "树.png"]


def test_the_image_is_replaced_atomically(small: list[str], tmp_path: Path) -> None:
    """Promise 3: a new image replaces the old one whole; no temporary file stays."""
    (tmp_path / "树.svg").write_text("old", encoding="utf-8")
    assert _run(["draw", *small, "-o", "树.svg"]) == 0
    assert (tmp_path / "树.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.csv", "u.csv", "树.svg"]


# --- the library ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dpi", "error"),
    [
        pytest.param(0, InputError, id="zero"),
        pytest.param(-1.5, InputError, id="negative"),
        pytest.param(float("nan"), InputError, id="nan"),
        pytest.param(float("inf"), InputError, id="inf"),
        pytest.param(True, InputError, id="bool"),
        pytest.param(1e5, LimitError, id="1e5"),
    ],
)
def test_check_pixels_refuses_bad_dpi(dpi: float, error: type[Exception]) -> None:
    """Promise 4: a dpi out of range is refused before rendering, by the library too."""
    with pytest.raises(error):
        check_pixels(Figure(figsize=(4, 3)), dpi)


def test_draw_with_dpi_refuses_before_drawing_anything(tmp_path: Path) -> None:
    """Promise 4: ``draw(dpi=...)`` refuses a pixel bomb before adding a single artist."""
    model = ResponsibilityModel(units=[Unit(id="县委"), Unit(id="甲镇", parent="县委")])
    with pytest.raises(LimitError, match="pixels"):
        draw(model, dpi=1e6)
    fig = draw(model, dpi=150)
    with pytest.raises(LimitError):
        save(fig, tmp_path / "x.png", dpi=1e6)
    link = tmp_path / "link.svg"
    link.symlink_to(tmp_path / "elsewhere.svg")
    with pytest.raises(OutputError, match="symbolic link"):
        save(fig, link)
    assert not (tmp_path / "elsewhere.svg").exists()
    assert not list(tmp_path.iterdir())[1:]  # only the link


@pytest.mark.parametrize(
    ("model", "error"),
    [
        pytest.param(ResponsibilityModel(), "no units", id="empty-model"),
        pytest.param(
            ResponsibilityModel.model_construct(
                units=(Unit(id="a", parent="b"), Unit(id="b", parent="a"))
            ),
            "no units",
            id="cycle-without-root",
        ),
    ],
)
def test_degenerate_models_are_refused_not_looped(model: ResponsibilityModel, error: str) -> None:
    """Promise 4: an empty model, or a cycle that slipped past validation, ends with an error."""
    with pytest.raises(InputError, match=error):
        draw(model)


def test_a_cycle_below_a_root_does_not_loop() -> None:
    """Promise 4: the traversals are cycle-safe even on an unvalidated model."""
    model = ResponsibilityModel.model_construct(
        units=(Unit(id="r"), Unit(id="a", parent="r"), Unit(id="b", parent="a"))
    )
    model.index.children  # noqa: B018 - build the index, then add a back edge to it
    children = dict(model.index.children)
    children["b"] = ("a",)
    object.__setattr__(model.index, "children", children)
    assert subtree(model, "r") == ("r", "a", "b")
    assert select_units(model) == ("r", "a", "b")


def test_cycles_are_refused_by_the_loader(tmp_path: Path) -> None:
    """Promise 1: a units table with a cycle exits 2 naming the cycle."""
    (tmp_path / "u.csv").write_text("单位,上级单位\n甲,乙\n乙,甲\n", encoding="utf-8")
    (tmp_path / "l.csv").write_text("职责,责任单位,责任类型\n三会一课,甲,牵头\n", encoding="utf-8")
    run = run_zeren("draw", tmp_path / "l.csv", "--units", tmp_path / "u.csv", "-o", "x.png")
    assert_promise(run, "cycle")
