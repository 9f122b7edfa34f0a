"""Load time of a task table (任务分工表) against its long-format twin (issue 7).

For each size a seeded task table and the long-format list of the same content
(one row per task × holder × role, written as a careful person would) are
generated once (cached in ``benchmarks/_data``), then each is loaded by
``zeren_graph.io.read`` in a fresh process, so that peak memory (``ru_maxrss``)
belongs to that load alone. Each load is repeated ``--runs`` times and the
median of wall and CPU time is printed, with the largest peak RSS. The ratio is
the task table's CPU µs per assignment over the long format's: the target is
≤ 1. The two models must agree on the number of assignments and duties; a
mismatch is printed loudly and makes the script exit with status 1.

With ``--baseline SRC`` (the ``src`` folder of another checkout, such as a
``git worktree`` of the commit before the layouts work) the long format is also
loaded by that code, row ``base``, and each row's ratio is against it instead.
The figures are printed, never asserted.

Usage::

    python benchmarks/bench_layouts.py [--sizes 10000 100000] [--runs 3] [--seed 0]
    git worktree add /tmp/base 1cdcc14
    python benchmarks/bench_layouts.py --baseline /tmp/base/src
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_load import measure
from generate import generate_tasks

TARGET_RATIO = 1.0


def run(path: Path, runs: int, source: str | None = None) -> dict[str, float]:
    """Load ``path`` ``runs`` times, each in its own process; return the median figures.

    ``source``: the ``src`` folder of the code that loads it (default: this checkout's).
    """
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = source
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(path)],
            check=True, capture_output=True, text=True, env=env,
        )  # fmt: skip
        results.append(json.loads(out.stdout))
    figures = dict(results[0])
    for key in ("wall", "cpu"):
        figures[key] = statistics.median(r[key] for r in results)
    figures["peak"] = max(r["peak"] for r in results)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="task rows of the task table")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="loads per file (median)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--baseline", metavar="SRC", help="also load the long format with the code in SRC"
    )
    parser.add_argument("--one", metavar="LIST", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"median of {args.runs} runs per file, each load in its own process")
    print(f"{'tasks':>8} {'layout':>6} {'rows':>8} {'assignments':>11} {'duties':>7} "
          f"{'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'µs/asg':>7} {'ratio':>6}")  # fmt: skip
    failed = False
    for size in args.sizes:
        task_path, long_path = generate_tasks(size, seed=args.seed)
        figures = {"task": run(task_path, args.runs), "long": run(long_path, args.runs)}
        if args.baseline:
            figures["base"] = run(long_path, args.runs, args.baseline)
        per = {k: r["cpu"] / r["assignments"] * 1e6 for k, r in figures.items()}
        against = "base" if args.baseline else "long"
        for layout in ("base", "long", "task") if args.baseline else ("long", "task"):
            r = figures[layout]
            shown = per[layout] / per[against]
            ratio = f"{shown:>6.2f}" if layout != against else f"{'':>6}"
            print(
                f"{size:>8,} {layout:>6} {r['rows']:>8,} {r['assignments']:>11,} "
                f"{r['duties']:>7,} {r['wall']:>7.2f} {r['cpu']:>7.2f} "
                f"{r['peak'] / 2**20:>8.0f} {per[layout]:>7.1f} {ratio}"
            )
        for key in ("assignments", "duties"):
            if figures["task"][key] != figures["long"][key]:
                failed = True
                print(
                    f"!!! MISMATCH at {size:,} tasks: {key} task table "
                    f"{figures['task'][key]:,} ≠ long format {figures['long'][key]:,}"
                )
        ok = per["task"] / per[against] <= TARGET_RATIO
        print(f"target at {size:,} tasks (task table ≤ {against} long format per assignment): "
              f"{'met' if ok else 'MISSED'}")  # fmt: skip
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
