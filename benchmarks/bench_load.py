"""Load time and peak memory of flat lists at 10k, 100k and 1M rows (issue 2, section 7).

Each size is generated once (seeded, cached in ``benchmarks/_data``) and loaded
in a fresh process, so peak memory (``ru_maxrss``) belongs to that load alone.
Wall time and CPU time are printed: on a shared machine wall time includes
waiting for the CPU. The last column is the time per row relative to the
smallest size; about 1 means linear growth.

Usage::

    python benchmarks/bench_load.py [--sizes 10000 100000 1000000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate

TARGET_SECONDS = 20.0
TARGET_BYTES = 3 * 1024**3


def units_for(rows: int) -> int:
    """Return the size of the units table for a list of ``rows`` rows (100k at 1M)."""
    return max(100, rows // 10)


def measure(list_path: str, units_path: str | None = None) -> dict[str, float]:
    """Load one list (with its units table, if any) in this process and return its figures."""
    from zeren_graph.io import read  # noqa: PLC0415 - imported after the clock's baseline

    wall, cpu = time.perf_counter(), time.process_time()
    result = read(list_path, units=units_path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    return {
        "rows": result.report.rows,
        "assignments": result.report.assignments,
        "units": len(result.model.units),
        "duties": len(result.model.duties),
        "wall": wall,
        "cpu": cpu,
        "peak": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", nargs=2, metavar=("LIST", "UNITS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(*args.one)))
        return
    print(f"{'rows':>9} {'units':>7} {'duties':>8} {'wall s':>7} {'cpu s':>7} "
          f"{'peak MB':>8} {'µs/row':>7} {'ratio':>6}")  # fmt: skip
    base = None
    for size in args.sizes:
        list_path, units_path = generate(size, units_for(size), seed=args.seed)
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(list_path), str(units_path)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        r = json.loads(out.stdout)
        per_row = r["cpu"] / r["rows"] * 1e6
        base = base or per_row
        print(
            f"{r['rows']:>9,} {r['units']:>7,} {r['duties']:>8,} {r['wall']:>7.2f} "
            f"{r['cpu']:>7.2f} {r['peak'] / 2**20:>8.0f} {per_row:>7.1f} {per_row / base:>6.2f}"
        )
        if r["rows"] >= 1_000_000:
            ok = r["wall"] <= TARGET_SECONDS and r["peak"] <= TARGET_BYTES
            print(
                f"target at 1M rows (≤ {TARGET_SECONDS:.0f} s, ≤ 3 GB): {'met' if ok else 'MISSED'}"
            )


if __name__ == "__main__":
    main()
