"""Benchmark the simulation engine; compare it with a naive one-process-per-unit reference.

Run: ``.venv/bin/python benchmarks/bench_sim.py [--skip-1m]``. Prints, for 100k
and 1M units x 60 months x 1 replication, the wall time and peak traced memory;
then, at 1k and 10k units, the time of the vectorised engine and of a naive
reference implementing the same equations with one SimPy process per unit, their
ratio, and the largest difference of the per-level monthly means (noise off).
Targets (issue 4): 100k <= 10 s; 1M <= 120 s and <= 4 GB; ratio >= 30x at 10k.
"""

from __future__ import annotations

import argparse
import math
import resource
import time
import tracemalloc
from typing import Any

import numpy as np
import simpy

from zeren_graph.sim import Scenario, parse_scenario, simulate
from zeren_graph.sim.structure import build_structure

LEVELS = ["省", "市", "县", "乡镇", "村"]


def full_scenario(span: list[int]) -> Scenario:
    """Every mechanism on: schedules, assessment, a Ningxia-style ladder, noise, leaders."""
    return parse_scenario(
        {
            "name": "benchmark",
            "hierarchy": {"levels": LEVELS, "span": span},
            "supervision": [
                {"by": "省", "period": 6, "boost": 0.05},
                {"by": "县", "over": ["村"], "period": 3, "sample": "random", "fraction": 0.3,
                 "announced": False},
                {"kind": "暗访", "by": "市", "rate": 1.0},
                {"by": "县", "period": 12, "assess": True, "boost": 0},
            ],
            "accountability": [
                {"when": {"rating": "一般"}, "action": "约谈"},
                {"when": {"rating": "较差"}, "action": "限期整改"},
                {"when": {"rating": "较差", "consecutive": 3}, "action": "调整书记"},
            ],
            "behaviour": {"load": 0.25, "leader_sd": 0.2},
            "joint_liability": True,
            "horizon_months": 60,
        }
    )  # fmt: skip


def reference_scenario(span: list[int]) -> Scenario:
    """The mechanisms the naive reference implements, with noise off."""
    return parse_scenario(
        {
            "name": "reference",
            "hierarchy": {"levels": LEVELS, "span": span},
            "transmission": {"retention": [0.95, 0.9, 0.85, 0.8]},
            "supervision": [{"by": "省", "period": 6, "boost": 0.08, "half_life": 3}],
            "behaviour": {"load": 0.25, "anticipation": 0.5, "noise": 0.0, "accumulation": 0.3},
            "horizon_months": 60,
        }
    )


def naive(sc: Scenario) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Run ``sc`` with one SimPy process per unit and plain Python floats.

    Implements transmission with decaying boosts, effort with business load and
    anticipation, and performance, for one announced periodic schedule.
    """
    st = build_structure(sc.hierarchy)
    n, levels, horizon = st.n_units, st.n_levels, sc.horizon_months
    level = st.level_of.tolist()
    parent = st.parent.tolist()
    r = list(sc.transmission.retention)
    r = r * (levels - 1) if len(r) == 1 else r
    b = sc.behaviour
    spec = sc.supervision[0]
    first = spec.offset or spec.period
    over = set(range(1, levels))
    decay = 2.0 ** (-1.0 / spec.half_life)

    def f(t: int) -> float:
        d = first + max(0, math.ceil((t - first) / spec.period)) * spec.period - t
        return float(2.0 ** (-d / b.anticipation_window))

    mean_f = sum(f(t) for t in range(1, horizon + 1)) / horizon
    pressure, real, boost = [0.0] * n, [0.0] * n, [0.0] * n
    sums = np.zeros((levels, horizon, 3))

    def unit(env: simpy.Environment, i: int) -> Any:
        k, up = level[i], parent[i]
        for t in range(1, horizon + 1):
            yield env.timeout(t - env.now)
            base = 1.0 if up < 0 else r[k - 1] * pressure[up]
            p = min(1.0, max(0.0, base + boost[i]))
            pressure[i] = p
            boost[i] *= decay
            m = 1.0 + b.anticipation * (f(t) - mean_f) if k in over else 1.0
            e = min(1.0, max(0.0, p * (1 - b.load) * max(0.0, m)))
            real[i] = e if t == 1 else real[i] + b.accumulation * (e - real[i])
            row = sums[k, t - 1]
            row[0] += p
            row[1] += e
            row[2] += real[i]
            if k in over and t >= first and (t - first) % spec.period == 0:
                yield env.timeout(0.5)
                boost[i] += spec.boost

    env = simpy.Environment()
    for i in range(n):
        env.process(unit(env, i))
    env.run()
    return sums / st.level_sizes[:, None, None]


def timed(label: str, span: list[int]) -> None:
    start = time.perf_counter()
    result = simulate(full_scenario(span), seed=1, replications=1)
    elapsed = time.perf_counter() - start
    tracemalloc.start()  # a second run, traced: tracing slows allocation down
    simulate(full_scenario(span), seed=1, replications=1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {result.structure.n_units:>9,} units x 60 months x 1 replication: "
          f"{elapsed:6.2f} s, peak traced {peak / 2**20:7.1f} MiB, "
          f"max RSS so far {rss:7.1f} MiB")  # fmt: skip


def compare(label: str, span: list[int]) -> None:
    sc = reference_scenario(span)
    start = time.perf_counter()
    fast = simulate(sc, seed=1, quantiles=False).replicas[0].means
    t_fast = time.perf_counter() - start
    start = time.perf_counter()
    slow = naive(sc)
    t_slow = time.perf_counter() - start
    diff = float(np.abs(fast - slow).max())
    units = build_structure(sc.hierarchy).n_units
    print(f"{label}: {units:>6,} units: vectorised {t_fast:6.3f} s, one process per unit "
          f"{t_slow:6.2f} s, ratio {t_slow / t_fast:6.1f}x, max |difference of level means| "
          f"{diff:.2e} {'(same)' if diff < 1e-9 else '(DIFFERENT)'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-1m", action="store_true", help="skip the 1M-unit run")
    args = parser.parse_args()
    compare("reference 1k", [1, 4, 5, 6, 8])
    compare("reference 10k", [1, 5, 10, 10, 20])
    timed("scale 100k", [1, 10, 10, 10, 100])
    if not args.skip_1m:
        timed("scale 1M", [1, 10, 10, 100, 100])


if __name__ == "__main__":
    main()
