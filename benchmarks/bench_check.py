"""Time loading and every rule of ``zeren check`` at 10k, 100k and 1M rows.

Each size runs in a fresh subprocess so that its peak memory (max RSS) is its
own. The lists come from ``benchmarks/generate.py`` (seeded, cached in
``benchmarks/_data``), in the realistic profile unless ``--profile
adversarial`` is given (most duties owned only collectively and unsupervised:
about 2 findings per duty instead of 0.3–0.5). Target (issue 3 §5): 1M rows
over 100k units, loading included, in at most 30 s and 4 GB, with checking no
slower than loading.

Usage::

    python benchmarks/bench_check.py                 # all three sizes
    python benchmarks/bench_check.py --rows 100000 --units 10000
    python benchmarks/bench_check.py --profile adversarial
"""

from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import PROFILES, Profile, generate
from zeren_graph.checks import check, coverage
from zeren_graph.checks.context import Context
from zeren_graph.checks.registry import REGISTRY
from zeren_graph.io import read

T = TypeVar("T")

SIZES = ((10_000, 1_000), (100_000, 10_000), (1_000_000, 100_000))
DATA = Path(__file__).resolve().parent / "_data"
_TABLES = (
    "unit_of_post",
    "holders_of_post",
    "parent_of",
    "depth",
    "rows",  # the one pass over the rows of every duty
    "measured",
    "duties_of_scope",
    "named_units",
)


def timed(func: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start


def peak_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_size(n_rows: int, n_units: int, profile: Profile) -> None:
    (list_path, units_path), t_gen = timed(
        lambda: generate(n_rows, n_units, seed=0, out_dir=DATA, profile=profile)
    )
    result, t_load = timed(lambda: read(list_path, units=units_path))
    model = result.model
    print(
        f"== {n_rows:,} rows, {n_units:,} units, {profile} profile "
        f"(generate {t_gen:.1f} s, 0 when cached)"
    )
    print(
        f"model: {len(model.units):,} units, {len(model.posts):,} posts, "
        f"{len(model.duties):,} duties, {len(model.assignments):,} assignments"
    )
    print(f"load (io.read)              {t_load:8.2f} s")
    report, t_check = timed(lambda: check(model))
    n_found = len(report.findings)
    print(f"check() incl. model.index   {t_check:8.2f} s  ({n_found:,} findings)")
    print(f"findings per duty           {n_found / max(1, len(model.duties)):8.2f}")
    print(f"load + check                {t_load + t_check:8.2f} s")
    print(f"check / load                {t_check / t_load:8.2f}")
    print(f"peak memory (max RSS)       {peak_mb():8.0f} MB")
    del report
    # the parts of check(), again, with the collector paused as check() pauses it
    gc.disable()
    ctx = Context(model)
    _, t_tables = timed(lambda: [getattr(ctx, name) for name in _TABLES])
    print(f"  shared tables             {t_tables:8.2f} s")
    for code, rule in REGISTRY.items():
        if rule.func is None:
            continue
        found, t = timed(lambda rule=rule: rule.evaluate(ctx))  # type: ignore[misc]
        print(f"  {code} {rule.name:26s} {t:8.2f} s  {len(found):>9,} findings")
        del found
    _, t_cov = timed(lambda: coverage(model, context=ctx))
    print(f"  coverage                  {t_cov:8.2f} s")
    gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int)
    parser.add_argument("--units", type=int)
    parser.add_argument("--profile", choices=PROFILES, default="realistic")
    args = parser.parse_args()
    if args.rows is not None:
        one_size(args.rows, args.units or max(1, args.rows // 10), args.profile)
        return
    for rows, units in SIZES:
        cmd = [sys.executable, __file__, "--rows", str(rows), "--units", str(units)]
        cmd += ["--profile", args.profile]
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
