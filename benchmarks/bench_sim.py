"""Benchmark the simulation engine and its monthly recording of per-level quantiles.

Run: ``.venv/bin/python benchmarks/bench_sim.py [--units N] [--months M] [--reference]``.
Prints, in one run:

(i) for every shipped scenario (``scenarios/sim/*.yaml``, or ``--scenario``), one
    replication's time (median of ``--runs``) and the share of it spent in the
    engine's monthly recording step (``_Engine._record``, timed with
    ``time.perf_counter`` around each call); then, on the unit states the engine
    recorded, the per-month cost of the old recording (``np.quantile`` per level and
    variable) against :func:`zeren_graph.sim.levelstats.level_quantiles`, their
    ratio, and whether both give identical figures;
(ii) one replication of a five-level hierarchy of about ``--units`` units over
    ``--months`` months, every mechanism on, end to end through ``simulate``: wall
    time, peak RSS (``resource.getrusage``), the share spent recording, and the same
    old/new comparison on a few recorded months (default 10k units: seconds;
    ``--units 1000000 --months 60`` is the scale target);
(iii) with ``--reference``, the vectorised engine against a naive
    one-SimPy-process-per-unit reference at 1k and 10k units, their speed ratio and
    the largest difference of the per-level monthly means (noise off).

``--model dose|decision`` sets ``behaviour.model`` when the scenario schema has it;
``--scale-only`` runs (ii) alone (one process, so its peak RSS is the scale run's).
Timings are printed, never asserted. Targets (issue 4): 100k <= 10 s; 1M <= 120 s
and <= 4 GB; ratio >= 30x at 10k. With the decision model: 1M units x 60 months
<= 60 s (``--model decision --units 1000000 --months 60 --scale-only``); the Mesa
comparison is ``bench_mesa.py``.
"""

from __future__ import annotations

import argparse
import math
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import simpy

from zeren_graph.sim import Behaviour, Scenario, load_scenario, parse_scenario, simulate
from zeren_graph.sim import engine as sim_engine
from zeren_graph.sim.levelstats import level_means, level_quantiles
from zeren_graph.sim.structure import build_structure

FloatArray = npt.NDArray[np.float64]
LEVELS = ["省", "市", "县", "乡镇", "村"]
SHIPPED = Path(__file__).resolve().parent.parent / "scenarios" / "sim"
QS = (0.1, 0.5, 0.9)


def model_overrides(model: str | None) -> list[str]:
    """``behaviour.model=...`` if asked for and the schema has the field, else nothing."""
    if model is None:
        return []
    if "model" not in Behaviour.model_fields:
        print(f"(--model {model} ignored: this version's Behaviour has no 'model' field)")
        return []
    return [f"behaviour.model={model}"]


def full_scenario(span: list[int], months: int = 60, model: str | None = None) -> Scenario:
    """Every mechanism on: schedules, assessment, a Ningxia-style ladder, noise, leaders."""
    behaviour: dict[str, Any] = {"load": 0.25, "leader_sd": 0.2}
    if model_overrides(model):
        behaviour["model"] = model
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
            "behaviour": behaviour,
            "joint_liability": True,
            "horizon_months": months,
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


# --- the recording step: the engine's own (old) against level_quantiles (new) --------------
@dataclass
class Recorder:
    """Times every call of the engine's recording step and keeps copies of some unit states."""

    keep: set[int] | None  # the months whose states are kept; None: all
    seconds: list[float] = field(default_factory=list)
    states: list[FloatArray] = field(default_factory=list)
    starts: Any = None


@contextmanager
def instrumented(keep: set[int] | None) -> Iterator[Recorder | None]:
    """Wrap ``_Engine._record`` (if this engine has it) to time it and capture states."""
    cls: Any = getattr(sim_engine, "_Engine", None)
    original = getattr(cls, "_record", None)
    if original is None:
        yield None
        return
    rec = Recorder(keep)

    def wrapped(self: Any, t: int) -> None:
        start = time.perf_counter()
        original(self, t)
        rec.seconds.append(time.perf_counter() - start)
        arrays: list[Any] = [getattr(self, n, None) for n in ("pressure", "effort", "real")]
        if (rec.keep is None or t in rec.keep) and all(a is not None for a in arrays):
            rec.states.append(np.stack(arrays))
            rec.starts = self.st.starts

    cls._record = wrapped
    try:
        yield rec
    finally:
        cls._record = original


def record_old(states: FloatArray, starts: Any, means: FloatArray, qs: FloatArray) -> None:
    """What ``_Engine._record`` does for one month: reduceat means, np.quantile per level."""
    sizes = np.diff(starts)
    for v, arr in enumerate(states):
        means[:, v] = np.add.reduceat(arr, starts[:-1]) / sizes
        for k in range(len(sizes)):
            qs[k, v] = np.quantile(arr[starts[k] : starts[k + 1]], QS)


def record_new(states: FloatArray, starts: Any, means: FloatArray, qs: FloatArray) -> None:
    """The same with level_means and level_quantiles (the stack of three arrays included)."""
    stacked = np.stack((states[0], states[1], states[2]))
    means[:] = level_means(stacked, starts).T
    qs[:] = level_quantiles(stacked, starts, QS).transpose(1, 0, 2)


def per_month(fn: Callable[..., None], states: list[FloatArray], starts: Any) -> tuple[float, Any]:
    """Median seconds of one month's recording over the captured states; the last output."""
    levels = len(starts) - 1
    means, qs = np.zeros((levels, 3)), np.zeros((levels, 3, 3))
    times, outs = [], []
    repeats = max(1, min(20, int(2e4 // max(1, starts[-1]))))
    for state in states:
        for _ in range(repeats):
            start = time.perf_counter()
            fn(state, starts, means, qs)
            times.append(time.perf_counter() - start)
        outs.append((means.copy(), qs.copy()))
    return statistics.median(times), outs


def compare_recording(label: str, rec: Recorder | None, months: int, run_time: float) -> None:
    if rec is None or not rec.states:
        print(f"  {label}: this engine has no _record step to compare (skipped)")
        return
    old, out_old = per_month(record_old, rec.states, rec.starts)
    new, out_new = per_month(record_new, rec.states, rec.starts)
    same = all(
        np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1], equal_nan=True)
        for a, b in zip(out_old, out_new, strict=True)
    )
    in_run = sum(rec.seconds)
    print(f"  {label}: recording in the run {in_run:7.3f} s = {100 * in_run / run_time:4.1f} % "
          f"of {run_time:.3f} s; per month old {old * 1e6:9.1f} µs, new {new * 1e6:9.1f} µs, "
          f"ratio {old / new:5.1f}x; projected share with new "
          f"{100 * new * months / (run_time - in_run + new * months):4.1f} %; "
          f"{'identical' if same else 'DIFFERENT'} figures")  # fmt: skip


def shipped(paths: list[Path], runs: int, model: str | None) -> None:
    chosen = f", behaviour.model={model}" if model_overrides(model) else ""
    print(f"(i) shipped scenarios{chosen}: one replication, median of {runs} runs")
    for path in paths:
        sc = load_scenario(path, overrides=model_overrides(model))
        st = build_structure(sc.hierarchy)
        runs_: list[tuple[float, Recorder | None]] = []  # (seconds, recorder) per run
        for i in range(runs):
            with instrumented(None if i == 0 else set()) as r:
                start = time.perf_counter()
                sim_engine.run_replication(sc, st, np.random.SeedSequence(1))
                runs_.append((time.perf_counter() - start, r))
        run_time, median = sorted(runs_, key=lambda tr: tr[0])[len(runs_) // 2]
        rec = runs_[0][1]
        if rec is not None and median is not None:  # the median run's time, the first's states
            rec.seconds = median.seconds
        print(f"{path.name}: {st.n_units:,} units, {st.n_levels} levels, "
              f"{sc.horizon_months} months: replication {run_time:.3f} s")  # fmt: skip
        compare_recording("recording", rec, sc.horizon_months, run_time)


def span_for(units: int) -> list[int]:
    """A five-level span of about ``units`` units: 1, 10, 10, then two equal fan-outs."""
    fan = max(1, round(math.sqrt(units / 100)))
    return [1, 10, 10, fan, fan]


def scale(units: int, months: int, model: str | None) -> None:
    span = span_for(units)
    sc = full_scenario(span, months, model)
    marks = {1, max(1, months // 2), months}
    with instrumented(marks) as rec:
        start, cpu = time.perf_counter(), time.process_time()
        result = simulate(sc, seed=1, replications=1)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = result.structure.n_units
    chosen = sc.behaviour.model if "model" in Behaviour.model_fields else "dose"
    print(f"(ii) scale, behaviour.model={chosen}: span {span}: {n:,} units x {months} months x "
          f"1 replication, end to end: {wall:.2f} s (CPU {cpu:.2f} s; "
          f"{1e3 * wall / months:.0f} ms a month, "
          f"{1e9 * wall / (months * n):.0f} ns a unit-month), peak RSS {rss:,.0f} MiB")  # fmt: skip
    compare_recording("recording", rec, months, wall)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=10_000, help="units of the scale run")
    parser.add_argument("--months", type=int, default=60, help="months of the scale run")
    parser.add_argument("--scenario", type=Path, nargs="*", help="scenario files for (i)")
    parser.add_argument("--runs", type=int, default=5, help="replications timed per scenario")
    parser.add_argument("--model", choices=["dose", "decision"], help="behaviour.model")
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also compare with the naive one-process-per-unit reference",
    )
    parser.add_argument("--scale-only", action="store_true", help="run (ii) alone")
    args = parser.parse_args()  # fmt: skip
    if not args.scale_only:
        shipped(args.scenario or sorted(SHIPPED.glob("*.yaml")), args.runs, args.model)
    scale(args.units, args.months, args.model)
    if args.reference:
        compare("(iii) reference 1k", [1, 4, 5, 6, 8])
        compare("(iii) reference 10k", [1, 5, 10, 10, 20])


if __name__ == "__main__":
    main()
