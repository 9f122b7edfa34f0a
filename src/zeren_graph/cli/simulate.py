"""``zeren simulate SCENARIO --out DIR [--seed N] [--replications N] [--set k=v ...]``."""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from typing import Any, TextIO

__all__ = ["register", "run"]


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``simulate`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "simulate",
        help="run a supervision scenario and write its results",
        description="Run a simulation scenario (YAML) and write summary.json, "
        "timeseries.csv, events.csv, plots and manifest.json (written last: every file's "
        "size and SHA-256, the seed) to DIR; print a per-level table. DIR is locked while "
        "the run writes: a second run into it exits 2.",
    )
    parser.add_argument("scenario", metavar="SCENARIO", help="scenario file (.yaml)")
    parser.add_argument("--out", metavar="DIR", required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=None, help="override the scenario's seed")
    parser.add_argument(
        "--replications", type=int, default=None, help="override the number of replications"
    )
    parser.add_argument(
        "--set",
        metavar="KEY.PATH=VALUE",
        action="append",
        default=[],
        dest="overrides",
        help="override a scenario key, e.g. supervision[0].period=3 (repeatable)",
    )
    parser.add_argument("--no-plots", action="store_true", help="skip the PNG plots")
    parser.set_defaults(func=run)


class _Bar:
    """A one-line progress bar on a terminal; silent elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.start = time.monotonic()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.active or time.monotonic() - self.start < 1.0:
            return
        pct = 100 * done // max(1, total)
        if pct != self.shown:
            self.shown = pct
            filled = pct * 30 // 100
            self.stream.write(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {pct:3d}% month {done}/{total}"
            )
            self.stream.flush()

    def close(self) -> None:
        if self.active and self.shown >= 0:
            self.stream.write("\n")


def _pad(text: str, width: int) -> str:
    """Left-align ``text`` in ``width`` columns, counting CJK characters as two."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def _terminal(text: str) -> str:
    from zeren_graph.output.escape import terminal  # noqa: PLC0415

    return terminal(text)


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}"


def table(levels: list[dict[str, Any]]) -> str:
    """Format the per-level table printed at the end of a run.

    Examples
    --------
    >>> print(table([{"level": 1, "name": "省", "units": 1, "mean_pressure": 1.0,
    ...               "mean_effort": 1.0, "mean_performance": 0.9,
    ...               "attenuation_pressure": None, "sanctions": 0.0,
    ...               "replacements": 0.0, "detection_rate": None}]))
    level  name        units  pressure  effort    real  atten.  sanctions  replaced  detected
    1      省             1     1.000   1.000   0.900       -      0.000     0.000         -
    """
    head = (f"{'level':<6} {'name':<10} {'units':>6} {'pressure':>9} {'effort':>7} "
            f"{'real':>7} {'atten.':>7} {'sanctions':>10} {'replaced':>9} "
            f"{'detected':>9}")  # fmt: skip
    lines = [
        f"{lv['level']:<6} {_pad(_terminal(lv['name']), 10)} {lv['units']:>6} "
        f"{_fmt(lv['mean_pressure']):>9} {_fmt(lv['mean_effort']):>7} "
        f"{_fmt(lv.get('mean_performance')):>7} "
        f"{_fmt(lv['attenuation_pressure']):>7} {_fmt(lv['sanctions']):>10} "
        f"{_fmt(lv['replacements']):>9} {_fmt(lv['detection_rate']):>9}"
        for lv in levels
    ]
    return "\n".join([head, *lines])


def run(args: argparse.Namespace) -> int:
    """Run ``zeren simulate``; return the exit code."""
    from zeren_graph.errors import Problem, ScenarioError  # noqa: PLC0415
    from zeren_graph.sim import load_scenario, simulate  # noqa: PLC0415

    scenario = load_scenario(args.scenario, overrides=args.overrides)
    if args.replications is not None and args.replications < 1:
        msg = f"must be >= 1, got {args.replications}"
        raise ScenarioError(Problem("invalid-scenario", msg, path="--replications"))
    if args.seed is not None and args.seed < 0:
        raise ScenarioError(Problem("invalid-scenario", f"must be >= 0, got {args.seed}",
                                    path="--seed"))  # fmt: skip
    from zeren_graph.output.escape import terminal  # noqa: PLC0415
    from zeren_graph.output.run import RunFolder  # noqa: PLC0415
    from zeren_graph.sim.results import RUN_FILES  # noqa: PLC0415

    # lock the folder before the (maybe long) run: a second run into it is refused at once
    with RunFolder(args.out, names=RUN_FILES) as folder:
        for note in folder.notes:
            print(f"zeren simulate: note: {terminal(note)}", file=sys.stderr)
        bar = _Bar(sys.stderr)
        try:
            result = simulate(
                scenario, seed=args.seed, replications=args.replications, progress=bar
            )
        finally:
            bar.close()
        paths = result.save(folder, plots=not args.no_plots)
    print(f"{terminal(scenario.name)}: {result.structure.n_units} units, {len(result.replicas)} "
          f"replications, {scenario.horizon_months} months, seed {result.seed}")  # fmt: skip
    print(table(result.levels))
    m = result.metrics
    print(f"last-mile ratio (pressure, bottom/top): {_fmt(m['last_mile_pressure'])}; "
          f"real performance: {_fmt(m['last_mile_ratio'])}")  # fmt: skip
    names = ", ".join(p.name for p in paths)
    print(f"wrote {names} and manifest.json to {terminal(str(args.out))}")
    return 0
