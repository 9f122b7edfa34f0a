"""``zeren claims [REGISTRY] [--seed N] [--replications R] [--id ID]... [--out DIR] [--set]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from zeren_graph.sim.claims import ClaimsReport, PairResult

__all__ = ["DEFAULT_REGISTRY", "register", "run", "table"]

#: The registry ``zeren claims`` runs when none is given, relative to the working folder.
DEFAULT_REGISTRY = Path("scenarios") / "claims.yaml"


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``claims`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "claims",
        help="run the registry of claims and say which come out as stated",
        description="Run each claim's scenario pairs with the same seed (common random "
        "numbers), take the paired 95% interval of the metric's difference, and say "
        "whether it comes out as stated; a reversal must vanish when its 'without' "
        "overrides switch the mechanism off. Exit 0 when every selected claim comes out "
        "as stated, 1 when some do not, 2 on bad input. See docs/claims.md.",
    )
    parser.add_argument(
        "registry",
        metavar="REGISTRY",
        nargs="?",
        default=None,
        help=f"claims registry (.yaml; default {DEFAULT_REGISTRY})",
    )
    parser.add_argument(
        "--seed", type=int, default=None, help="seed of every run (default: fresh, printed)"
    )
    parser.add_argument(
        "--replications", type=int, default=40, help="replications of every run (default 40)"
    )
    parser.add_argument(
        "--id", action="append", default=[], dest="ids", help="run only this claim (repeatable)"
    )
    parser.add_argument("--out", metavar="DIR", default=None, help="write DIR/claims.json")
    parser.add_argument(
        "--set",
        metavar="KEY.PATH=VALUE",
        action="append",
        default=[],
        dest="overrides",
        help="override a key of every scenario, e.g. horizon_months=24 (repeatable)",
    )
    parser.set_defaults(func=run)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:+.4f}"


def _row(claim_id: str, kind: str, result: PairResult) -> list[list[str]]:
    iv = result.interval
    bounds = f"[{_fmt(iv.low)}, {_fmt(iv.high)}]" if iv.bounds else "-"
    verdict = "as stated" if result.as_stated else "not as stated"
    rows = [[claim_id, kind, result.metric, _fmt(iv.mean), bounds, result.pair.expect, verdict]]
    if result.without is not None:
        w = result.without
        wb = f"[{_fmt(w.interval.low)}, {_fmt(w.interval.high)}]" if w.interval.bounds else "-"
        verdict = "explained" if w.explains else "not explained"
        rows.append(["", "without", "", _fmt(w.interval.mean), wb, result.pair.expect, verdict])
    return rows


def table(report: ClaimsReport) -> str:
    """Format the table of pairs: id, pair, metric, mean difference, interval, expect, verdict.

    Examples
    --------
    >>> from zeren_graph.sim.claims import ClaimsReport
    >>> print(table(ClaimsReport("claims.yaml", 1, 40, (), ())))
    id  pair  metric  difference  interval  expect  verdict
    """
    from zeren_graph.output.escape import terminal  # noqa: PLC0415

    head = ["id", "pair", "metric", "difference", "interval", "expect", "verdict"]
    rows = [head]
    for r in report.results:
        rows.extend(_row(terminal(r.claim.id), "holds", r.holds))
        if r.reverses is not None:
            rows.extend(_row("", "reverses", r.reverses))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


class _Progress:
    """``[k/n] scenario`` on a terminal's stderr; silent elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if self.active:
            from zeren_graph.output.escape import terminal  # noqa: PLC0415

            self.stream.write(f"\r\x1b[K[{done}/{total}] {terminal(label)}")
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _registry_path(given: str | None) -> Path:
    from zeren_graph.errors import Problem, ScenarioError  # noqa: PLC0415

    if given is not None:
        return Path(given)
    if not DEFAULT_REGISTRY.is_file():
        msg = f"no claims registry at {DEFAULT_REGISTRY} (relative to {Path.cwd()})"
        hint = "give the registry file: zeren claims path/to/claims.yaml"
        raise ScenarioError(Problem("invalid-scenario", msg, path="REGISTRY", hint=hint))
    return DEFAULT_REGISTRY


def run(args: argparse.Namespace) -> int:
    """Run ``zeren claims``; return the exit code (0 all as stated, 1 some not, 2 bad input)."""
    from zeren_graph.errors import Problem, ScenarioError  # noqa: PLC0415
    from zeren_graph.output.escape import terminal  # noqa: PLC0415
    from zeren_graph.sim.claims import load_registry, run_claims  # noqa: PLC0415

    problems = []
    if args.replications < 2:
        msg = f"must be >= 2 (an interval needs two), got {args.replications}"
        problems.append(Problem("invalid-scenario", msg, path="--replications"))
    if args.seed is not None and not 0 <= args.seed < 2**63:
        msg = f"must be from 0 to 2**63-1, got {args.seed}"
        problems.append(Problem("invalid-scenario", msg, path="--seed"))
    if problems:
        raise ScenarioError(problems)
    path = _registry_path(args.registry)
    registry = load_registry(path, overrides=args.overrides)
    registry.select(args.ids)  # unknown ids: exit 2 before anything runs
    if args.out is None:
        report = _run(run_claims, registry, args)
    else:
        from zeren_graph.output.run import RunFolder  # noqa: PLC0415

        with RunFolder(args.out, names=["claims.json"]) as folder:
            for note in folder.notes:
                print(f"zeren claims: note: {terminal(note)}", file=sys.stderr)
            report = _run(run_claims, registry, args)
            folder.write("claims.json", report.to_json())
            meta = {"kind": "claims", "registry": str(path), "seed": report.seed,
                    "replications": report.replications}  # fmt: skip
            folder.commit(meta)
    print(f"{terminal(str(path))}: seed {report.seed}, {report.replications} replications")
    print(table(report))
    print(report.summary_line())
    if args.out is not None:
        print(f"wrote claims.json and manifest.json to {terminal(str(args.out))}")
    return 0 if report.n_passing == len(report.results) else 1


def _run(run_claims: Any, registry: Any, args: argparse.Namespace) -> ClaimsReport:
    bar = _Progress(sys.stderr)
    try:
        report: ClaimsReport = run_claims(
            registry, seed=args.seed, replications=args.replications, ids=args.ids, progress=bar
        )
    finally:
        bar.close()
    return report
