"""Benchmark the decision model against a Mesa implementation with one Agent per unit.

Run: ``.venv/bin/python benchmarks/bench_mesa.py [--units N] [--months M]`` after
``pip install -e .[bench]`` (Mesa is a benchmark-only dependency). Prints, in one run:

(i) the equivalence check: a small case (about 50 units, 12 months) run by both, the
    largest difference of the per-level monthly mean effort (should be below 1e-6);
(ii) the time of both at about ``--units`` units (default 10k) x ``--months`` months
    (default 60), one replication each, and their ratio (target: Mesa >= 50x slower).

The case is the simple one of ``docs/model.md`` ("The decision model"): one measured
duty and paperwork, one random-visit schedule over every level below the top (visits
read paper), one failed-inspection rule (约谈). Noise is off and beliefs are not
learned (``belief_rate: 0``), hosting and inspection cost nothing, leaders are all
alike: visits then change nothing a unit decides, and the units act on the chance of a
visit as a belief, so both runs are deterministic whatever the draws.

The Mesa model is written per agent in plain Python (``math``), from the equations
of the model page, not from the vectorised code: each month a unit takes its pressure
from its parent's effort of last month (top-down in the first month), values one more
point of score by the slope of the expected sanction, splits its time between the duty
and paperwork by the closed-form best response of the convex cost of time, then
compares that choice with giving up and with clearing the failing score (by real work,
or by paper), valuing each as if sustained. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import importlib
import math
import time
from typing import Any

import numpy as np
import numpy.typing as npt

from zeren_graph.sim import Scenario, parse_scenario, simulate

FloatArray = npt.NDArray[np.float64]
mesa: Any = importlib.import_module("mesa")  # pip install -e .[bench]
LEVELS = ["省", "市", "县", "乡镇", "村"]
SEVERITY = 0.8


def scenario(span: list[int], months: int) -> Scenario:
    """The simple case for zeren_graph (the Mesa model reads its parameters from it)."""
    levels = LEVELS[: len(span)]
    return parse_scenario(
        {
            "name": "mesa comparison",
            "hierarchy": {"levels": levels, "span": span},
            "transmission": {"retention": [0.7] * (len(span) - 1)},
            "supervision": [{"kind": "random", "by": levels[0], "over": levels[1:],
                             "rate": 12.0, "fraction": 1.0, "paper": True}],
            "accountability": [{"when": {"failed_inspection": True}, "action": "约谈",
                                "severity": SEVERITY}],
            "ratings": {"fail_below": 0.55},
            "joint_liability": False,
            "behaviour": {"model": "decision", "noise": 0.0, "load": 0.5, "leader_sd": 0.0,
                          "hosting": 0.0, "inspection_cost": 0.0, "belief_rate": 0.0,
                          "span_elasticity": 0.0, "substitution": 0.5, "adjustment_cost": 0.5,
                          "paperwork": 0.3, "paper_need": 0.05, "accumulation": 0.3,
                          "discount": 0.95, "score_uncertainty": 0.1},
            "horizon_months": months,
        }
    )  # fmt: skip


def units_of(span: list[int]) -> int:
    return int(np.cumprod(span).sum())


def normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def normal_pdf(x: float) -> float:
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def best_response(a: tuple[float, float], z0: tuple[float, float], t: float,
                  delta: float, gamma: float) -> tuple[float, float]:  # fmt: skip
    """Time on (duty, paper), both of weight 1: water-filling on the two sorted keys."""
    if t <= 0:
        return 0.0, 0.0
    c = 1.0 - delta + gamma
    b = (t * a[0] + gamma * z0[0], t * a[1] + gamma * z0[1])  # keys = b (weights 1)
    hi, lo = (b[0], b[1]) if b[0] >= b[1] else (b[1], b[0])
    one, both = delta * hi / (c + delta), delta * (hi + lo) / (c + 2.0 * delta)
    theta = both if lo > both else (one if hi > one else 0.0)
    z = (max(b[0] - theta, 0.0) / c, max(b[1] - theta, 0.0) / c)
    if z[0] + z[1] > t:  # the budget binds: F(theta) = T on the active prefix
        one, both = hi - c * t, (hi + lo - c * t) / 2.0
        theta = both if lo > both else (one if hi > one else math.inf)
        z = (max(b[0] - theta, 0.0) / c, max(b[1] - theta, 0.0) / c)
    total = z[0] + z[1]
    return (z[0] * t / total, z[1] * t / total) if total > t else z


class Unit(mesa.Agent):  # type: ignore[misc]
    """One unit: its time on the duty and on paperwork, performance and paper stock."""

    def __init__(self, model: Any, level: int, parent: Unit | None, targeted: bool) -> None:
        super().__init__(model)
        self.level, self.parent, self.targeted = level, parent, targeted
        self.z = (0.0, 0.0)  # time on the duty, on paperwork
        self.perf = self.paper = 0.0
        self.effort = self.last_effort = 0.0
        self.sanctions = 0

    def decide(self) -> None:
        m = self.model
        t, p = m.month, 1.0
        if self.parent is not None:  # the parent's effort: this month's in month 1, else last
            before = self.parent.effort if t == 1 else self.parent.last_effort
            p = min(1.0, max(0.0, m.retention[self.level - 1] * before / (1.0 - m.load)))
        intrinsic = m.theta * p
        grad = grad_paper = 0.0
        if self.targeted:
            habit = min(1.0, self.z[0])
            ahead = habit + (self.perf - habit) * (1.0 - m.alpha)  # R at the next visit
            q = min(1.0, self.paper)
            mu = ahead + m.pi * q * (1.0 - ahead)
            slope = m.severity * normal_pdf((m.fail - mu) / m.sigma) / m.sigma
            w = m.exposure * slope  # enforcement believed certain
            grad = w * (1.0 - m.pi * q)
            grad_paper = w * m.pi * (1.0 - ahead) * (self.paper < 1.0) / m.paper_need
        gamma = m.gamma if t > 1 else 0.0
        best = best_response((intrinsic + grad, grad_paper), self.z, m.time, m.delta, gamma)
        if m.has_plans:
            lazy = best_response((intrinsic, 0.0), self.z, m.time, m.delta, gamma)
            options = [best, lazy, *self.clearing(lazy)]
            best = max(options, key=lambda z: (self.value(z, intrinsic, gamma), -options.index(z)))
        self.z = best
        self.effort = best[0]

    def clearing(self, lazy: tuple[float, float]) -> list[tuple[float, float]]:
        """Clear the failing score by 1.5 sigma: by real work, or by paper (and what it lacks)."""
        m = self.model
        target = min(1.0, m.fail + 1.5 * m.sigma)
        out = [(max(lazy[0], target), lazy[1])]
        if m.pi > 0:
            seen = min(1.0, lazy[0])
            need = (target - seen) / max(m.pi * (1.0 - seen), 1e-12)
            floor = max(0.0, (target - m.pi) / (1.0 - m.pi)) if m.pi < 1 else 0.0
            duty = max(lazy[0], floor) if need > 1 else lazy[0]
            out.append((duty, m.paper_need * min(1.0, max(0.0, need))))
        return [z for z in out if z[0] + z[1] <= m.time + 1e-12]

    def value(self, z: tuple[float, float], intrinsic: float, gamma: float) -> float:
        """Intrinsic value minus the cost of time and the expected sanction, as if sustained."""
        m = self.model
        cost = 0.0
        if m.time > 0:
            d0, d1 = z[0] - self.z[0], z[1] - self.z[1]
            quad = (1 - m.delta) * (z[0] ** 2 + z[1] ** 2) + m.delta * (z[0] + z[1]) ** 2
            cost = (quad + gamma * (d0 * d0 + d1 * d1)) / (2.0 * m.time)
        sanction = 0.0
        if self.targeted:
            seen, q = min(1.0, z[0]), min(1.0, z[1] / m.paper_need)
            mu = seen + m.pi * q * (1.0 - seen)
            sanction = m.exposure * m.severity * normal_cdf((m.fail - mu) / m.sigma)
        return intrinsic * z[0] - cost - sanction

    def commit(self) -> None:
        """Performance and the paper stock move towards this month's work."""
        m = self.model
        done, paper = min(1.0, self.z[0]), min(1.0, self.z[1] / m.paper_need)
        if m.month == 1:
            self.perf, self.paper = done, paper
        else:
            self.perf += m.alpha * (done - self.perf)
            self.paper += m.alpha * (paper - self.paper)
        self.last_effort = self.effort

    def visit(self) -> None:
        """Poisson visits this month; a failed inspection is a talk (约谈)."""
        m = self.model
        visits, left = 0, m.random.random()
        while left > m.no_visit:  # Knuth's product of uniforms
            visits += 1
            left *= m.random.random()
        if visits:
            score = self.perf + m.pi * min(1.0, self.paper) * (1.0 - self.perf)
            self.sanctions += score < m.fail


class DecisionModel(mesa.Model):  # type: ignore[misc]
    """The units of a regular hierarchy, level by level, with the scenario's parameters."""

    def __init__(self, sc: Scenario, seed: int = 1) -> None:
        super().__init__(seed=seed)
        b, spec = sc.behaviour, sc.supervision[0]
        self.month, self.load, self.theta = 0, b.load, 1.0
        self.time = min(1.0, max(0.0, 1.0 - b.load))
        self.retention = list(sc.transmission.retention)
        self.alpha, self.delta, self.gamma = b.accumulation, b.substitution, b.adjustment_cost
        self.pi, self.paper_need = b.paperwork, b.paper_need
        self.sigma = math.hypot(b.noise, b.score_uncertainty)
        self.fail, self.severity = sc.ratings.fail_score, sc.accountability[0].weight
        monthly = spec.rate * spec.fraction / 12.0
        belief = 1.0 - math.exp(-monthly)  # the chance of a visit in a month, as promised
        kernel = b.accumulation / (1.0 - b.discount * (1.0 - b.accumulation))
        self.exposure, self.no_visit, self.has_plans = kernel * belief, math.exp(-monthly), True
        spans = sc.hierarchy.span or ()
        parents: list[Unit | None] = [None]
        for level, span in enumerate(spans):
            parents = [Unit(self, level, up, level > 0) for up in parents for _ in range(span)]
        self.by_level: list[Any] = [
            self.agents.select(lambda a, k=k: a.level == k) for k in range(len(spans))
        ]
        self.effort: list[list[float]] = []

    def step(self) -> None:
        self.month += 1
        if self.month == 1:
            for level in self.by_level:
                level.do("decide")
        else:
            self.agents.do("decide")
        self.agents.do("commit")
        for level in self.by_level[1:]:
            level.do("visit")
        self.effort.append([float(np.mean([u.effort for u in lv])) for lv in self.by_level])


def run_mesa(sc: Scenario) -> tuple[FloatArray, tuple[float, float]]:
    """Per-level mean effort per month (levels x months); wall and CPU seconds it took."""
    start, cpu = time.perf_counter(), time.process_time()
    model = DecisionModel(sc)
    for _ in range(sc.horizon_months):
        model.step()
    seconds = (time.perf_counter() - start, time.process_time() - cpu)
    return np.asarray(model.effort, dtype=np.float64).T, seconds


def run_ours(sc: Scenario) -> tuple[FloatArray, tuple[float, float]]:
    """The same with zeren_graph's vectorised simulator."""
    start, cpu = time.perf_counter(), time.process_time()
    means = simulate(sc, seed=1, replications=1, quantiles=False).replicas[0].means
    seconds = (time.perf_counter() - start, time.process_time() - cpu)
    return np.asarray(means[:, :, 1], dtype=np.float64), seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=10_000, help="units of the timed run")
    parser.add_argument("--months", type=int, default=60, help="months of the timed run")
    args = parser.parse_args()
    small = scenario([1, 7, 6], 12)
    ours, _ = run_ours(small)
    theirs, _ = run_mesa(small)
    diff = float(np.abs(ours - theirs).max())
    print(f"(i) equivalence, {units_of([1, 7, 6])} units x 12 months: "
          f"mean effort per level and month, max |zeren_graph - Mesa| = {diff:.2e} "
          f"({'same' if diff < 1e-6 else 'DIFFERENT'}); mean effort in month 12: "
          f"{ours[:, -1].round(4).tolist()}")  # fmt: skip
    span = [1, 10, 10, max(1, round(args.units / 100))]
    big = scenario(span, args.months)
    ours_big, t_ours = run_ours(big)
    theirs_big, t_mesa = run_mesa(big)
    n = units_of(span)
    diff = float(np.abs(ours_big - theirs_big).max())
    print(f"(ii) {n:,} units x {args.months} months, one replication: zeren_graph "
          f"{t_ours[0]:.2f} s (CPU {t_ours[1]:.2f} s), Mesa {mesa.__version__} (one Agent per "
          f"unit) {t_mesa[0]:.2f} s (CPU {t_mesa[1]:.2f} s): Mesa/zeren_graph "
          f"{t_mesa[0] / t_ours[0]:.1f}x wall, {t_mesa[1] / t_ours[1]:.1f}x CPU; "
          f"max |difference of mean effort| {diff:.1e}")  # fmt: skip


if __name__ == "__main__":
    main()
