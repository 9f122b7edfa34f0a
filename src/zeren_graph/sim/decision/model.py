"""The decision model: every month each unit splits its time between its duties and paperwork.

One :class:`Decider` holds the state the decision needs beside the engine's
arrays — time on each task, performance per duty, the paper stock, beliefs
about contacts and enforcement — and computes a month level by level, top
first, because what a unit passes down depends on what its parent did this
month. The equations, with their grounding, are in ``docs/model.md``
("The decision model"); the symbols here follow that page.

Examples
--------
>>> from zeren_graph.sim import Scenario, simulate
>>> sc = Scenario.model_validate({
...     "name": "最小", "horizon_months": 3, "behaviour": {"model": "decision"},
...     "hierarchy": {"levels": ["省", "市", "县"], "span": [1, 2, 2]},
...     "transmission": {"retention": 0.9}})
>>> simulate(sc, seed=1).replicas[0].means[:, -1, 0].round(3).tolist()  # pressure
[1.0, 0.9, 0.81]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
import numpy.typing as npt

from zeren_graph.sim.decision.consequences import Ladder, compile_ladder, expected, marginal
from zeren_graph.sim.decision.effort import best_response
from zeren_graph.sim.decision.exposure import (
    periodic_kernel,
    prior_chance,
    random_kernel,
    third_party_chance,
    wait_months,
)
from zeren_graph.sim.decision.rows import row_sum
from zeren_graph.sim.decision.tasks import Tasks, tasks_from_list, tasks_of
from zeren_graph.sim.scenario import Action, Behaviour, Scenario, ScheduleKind
from zeren_graph.sim.schedules import Plan
from zeren_graph.sim.structure import Structure

__all__ = ["Decider"]

#: Levels with at most this many (unit × option) rows value every option in one pass.
_BATCH_ROWS = 200_000

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(eq=False)
class Decider:
    """The decision model's state and monthly step for one replication."""

    sc: Scenario
    st: Structure
    plans: list[Plan]
    rule_levels: list[set[int] | None]
    tasks: Tasks = field(init=False)
    ladder: Ladder = field(init=False)
    joint_ladder: Ladder | None = field(init=False)

    def __post_init__(self) -> None:
        sc, st, b = self.sc, self.st, self.sc.behaviour
        self.tasks = self._tasks()
        n, k = st.n_units, self.tasks.k
        self.level = st.level_of
        self.ladder = compile_ladder(
            sc.accountability, sc.ratings, self.rule_levels, n_levels=st.n_levels
        )
        joint = [
            i
            for i, r in enumerate(sc.accountability)
            if (sc.joint_liability if r.joint_liability is None else r.joint_liability)
            and r.action is not Action.reward
        ]
        self.joint_ladder = (
            compile_ladder(
                tuple(sc.accountability[i] for i in joint),
                sc.ratings,
                [self.rule_levels[i] for i in joint],
                n_levels=st.n_levels,
            )
            if joint
            else None
        )
        self.sigma = float(np.hypot(b.noise, b.score_uncertainty))
        self.z = np.zeros((n, k + 1))  # time on each duty, then on paperwork
        self.perf = np.zeros((n, k))  # real performance per duty
        self.paper = np.zeros(n)  # the paper stock Q, in units of a check's needs
        self.enforce = np.ones(n)  # believed chance that a finding is acted on
        self.hosted = np.zeros(n)  # contacts hosted this month (迎检)
        self.charged = np.zeros(n)  # unit contacts made this month as a supervisor
        self.spread = _span_factor(st, b.span_elasticity)
        self.children = np.bincount(st.parent[st.parent >= 0], minlength=n)
        self.belief: dict[int, FloatArray] = {}
        self.kernel: dict[int, FloatArray] = {}
        self.wait: dict[int, FloatArray] = {}
        self.exposure: dict[int, FloatArray] = {}  # this month's A of each plan's targets
        self.effort = np.zeros(n)  # last month's real effort: what a parent passes on
        sizes = st.level_sizes
        for plan in self.plans:
            per_group = len(plan.targets) / max(1, int(sizes[plan.by]))
            self.belief[plan.index] = np.full(
                len(plan.targets), prior_chance(plan.spec, per_group=per_group)
            )
            if plan.spec.kind is ScheduleKind.random:
                flat = random_kernel(accumulation=b.accumulation, discount=b.discount)
                self.kernel[plan.index] = np.full(sc.horizon_months, flat)
                self.wait[plan.index] = np.zeros(sc.horizon_months)
            else:
                self.kernel[plan.index] = periodic_kernel(
                    plan.spec,
                    horizon=sc.horizon_months,
                    accumulation=b.accumulation,
                    discount=b.discount,
                )
                self.wait[plan.index] = wait_months(plan.spec, sc.horizon_months)
        self.bottom_cut = np.full(st.n_levels, sc.ratings.fail_score)
        self.third_party = third_party_chance(self.plans, st.n_levels)
        self.cover = self._cover()
        self.due = np.zeros(n, dtype=np.int64)  # month of a re-inspection ordered (限期整改)

    def _cover(self) -> FloatArray:
        """Per level, the share of a joint sanction a parent expects to bear, concealment counted.

        A parent that conceals (chance ``κ = c ū / (ū + D u_c)``, ``ū`` the mean severity of
        the jointly liable rules) bears ``D u_c`` instead of ``ū``: it expects
        ``(1 − κ) + κ D u_c / ū`` of the sanction.
        """
        b = self.sc.behaviour
        d = self.third_party
        if self.joint_ladder is None or b.concealment == 0:
            return np.ones_like(d)
        u = float(np.mean(np.abs(self.joint_ladder.utility))) or 1.0
        kappa = b.concealment * u / (u + d * b.conceal_severity)
        return np.asarray((1 - kappa) + kappa * d * b.conceal_severity / u, dtype=np.float64)

    def _tasks(self) -> Tasks:
        """Return the scenario's ``duties``, else the responsibility list's, else one duty."""
        if not self.sc.duties and self.st.source is not None:
            from zeren_graph.sim.duties import duty_classes  # noqa: PLC0415

            return tasks_from_list(duty_classes(self.st.source, self.st))
        return tasks_of(self.sc.duties, self.st.n_units)

    # --- what a contact sees ---------------------------------------------------------------
    def measured_real(self, units: IntArray) -> FloatArray:
        """``R_m``: the real performance of the measured duties of ``units``."""
        return self.tasks.seen(self.perf[units], units)

    def paper_share(self, units: IntArray) -> FloatArray:
        """``min(1, Q)`` of ``units``: how far their paperwork meets a check's needs."""
        return np.minimum(1.0, self.paper[units])

    def contacted(self, plan: Plan | None, units: IntArray, visits: IntArray | None) -> None:
        """Book the hosting burden and the inspectors' time of a contact."""
        counts = np.ones(len(units)) if visits is None else visits.astype(np.float64)
        self.hosted[units] += counts
        if plan is not None:
            sup = self.st.ancestor_at(plan.by)[units]
            self.charged += np.bincount(sup, weights=counts, minlength=self.st.n_units)

    def learn(self, plan: Plan, reached: BoolArray) -> None:
        """Update the beliefs of ``plan``'s targets from what they and their peers saw.

        ``b ← b + η ((1 − ζ) own + ζ peers − b)`` with ``own`` 1 if reached and
        ``peers`` the share of the unit's siblings reached (general deterrence).
        """
        b = self.sc.behaviour
        if b.belief_rate == 0:
            return
        tg = plan.targets
        parent = self.st.parent[tg]
        key = np.where(parent >= 0, parent, tg)
        n = self.st.n_units
        seen = np.bincount(key, weights=reached.astype(np.float64), minlength=n)
        peers = (seen / np.maximum(1, np.bincount(key, minlength=n)))[key]
        own = reached.astype(np.float64)
        belief = self.belief[plan.index]
        belief += b.belief_rate * ((1 - b.peer_weight) * own + b.peer_weight * peers - belief)

    def learn_enforcement(self, units: IntArray, found: BoolArray, acted: BoolArray) -> None:
        """Units whose peers' failures were found update how often a finding is acted on."""
        rate = self.sc.behaviour.belief_rate
        if rate == 0 or not found.any():
            return
        n = self.st.n_units
        parent = self.st.parent[units]
        key = np.where(parent >= 0, parent, units)
        nf = np.bincount(key, weights=found.astype(np.float64), minlength=n)
        na = np.bincount(key, weights=(found & acted).astype(np.float64), minlength=n)
        has = nf[key] > 0
        share = na[key][has] / nf[key][has]
        who = units[has]
        self.enforce[who] += rate * (share - self.enforce[who])

    def observe_bottom(self, level: IntArray, score: FloatArray) -> None:
        """Remember each level's cut of the bottom share (倒排) the ladder names, from a rating."""
        shares = self.ladder.bottom[~np.isnan(self.ladder.bottom)]
        if not len(shares) or not len(score):
            return
        for k in np.unique(level):
            self.bottom_cut[k] = float(np.quantile(score[level == k], shares[0]))

    # --- the month -------------------------------------------------------------------------
    def step(
        self,
        t: int,
        *,
        theta: FloatArray,
        boost: FloatArray,
        load: FloatArray,
        retention: FloatArray,
        runs: dict[tuple[str, int], npt.NDArray[np.int64]],
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Compute month ``t``: return pressure ``P``, real effort ``x`` and performance ``R``."""
        st, b, tk = self.st, self.sc.behaviour, self.tasks
        n, k = st.n_units, tk.k
        time = np.clip(
            1.0 - load - b.hosting * self.hosted - b.inspection_cost * self.charged, 0.0, 1.0
        )
        self.hosted[:] = 0.0
        self.charged[:] = 0.0
        every = slice(None)
        real_m = tk.seen(self.perf, every)
        real = tk.real(self.perf, every)
        habit = tk.seen(tk.done(self.z[:, :k], every), every)
        grad, grad_paper, joint = self._gradients(
            t, real_m=real_m, habit=habit, real=real, runs=runs, time=time, theta=theta,
            retention=retention,
        )  # fmt: skip
        pressure, effort = np.zeros(n), np.zeros(n)
        # month 1 sets the chain up top-down; later months pass on last month's effort
        passes = [st.slice(level) for level in range(st.n_levels)] if t == 1 else [slice(0, n)]
        before = self.effort if t > 1 else effort
        rho = np.concatenate(([0.0], retention))[self.level]
        top = st.parent < 0
        for sl in passes:
            up = np.where(top[sl], 0, st.parent[sl])
            push = rho[sl] * before[up] / (1.0 - b.load) * self.spread[sl]
            p = np.clip(np.where(top[sl], 1.0, push) + boost[sl], 0.0, 1.0)
            pressure[sl] = p
            gain = np.empty((sl.stop - sl.start, k + 1))
            gain[:, :k] = (
                (theta[sl] * p)[:, None] * tk.intrinsic
                + grad[sl][:, None] * tk.to_score[sl]
                + joint[sl][:, None] * (tk.intrinsic > 0)
            )
            gain[:, k] = grad_paper[sl]
            respond = partial(
                best_response,
                weight=np.column_stack((tk.safe[sl], np.ones(sl.stop - sl.start))),
                previous=self.z[sl],
                time=time[sl],
                substitution=b.substitution,
                adjustment=b.adjustment_cost if t > 1 else 0.0,
            )
            best = respond(gain)
            if self.plans:  # Becker: comply, or give up and bear the consequences
                plain = gain.copy()
                plain[:, :k] = (theta[sl] * p)[:, None] * tk.intrinsic + joint[sl][:, None] * (
                    tk.intrinsic > 0
                )
                plain[:, k] = 0.0
                lazy = respond(plain)
                options = [best, lazy, *self._clearing(sl, lazy, time[sl])]
                best = self._choose(sl, options, plain, t=t, runs=runs, real=real, time=time)
            self.z[sl] = best
            effort[sl] = row_sum(self.z[sl, :k])
        self.effort = effort
        done = tk.done(self.z[:, :k], every)
        paper = np.minimum(1.0, self.z[:, k] / b.paper_need)
        if t == 1:
            self.perf[:] = done
            self.paper[:] = paper
        else:
            self.perf += b.accumulation * (done - self.perf)
            self.paper += b.accumulation * (paper - self.paper)
        return pressure, effort, tk.real(self.perf, every)

    def _clearing(self, sl: slice, lazy: FloatArray, time: FloatArray) -> list[FloatArray]:
        """Return the efforts that clear each cutoff of the ladder by ``1.5 σ̃``.

        For each cutoff, ``lazy`` with the measured duties raised to that score; and, where
        some contact reads paper, ``lazy`` with the paperwork that clears it (full paper and
        the real work still needed when paper alone cannot: 年终补材料). Rows of units that
        cannot afford an option are NaN.
        """
        tk, b = self.tasks, self.sc.behaviour
        if not tk.any_measured:
            return []
        lad = self.ladder
        cuts = np.concatenate((lad.lo, lad.hi))
        cuts = cuts[np.isfinite(cuts)]
        levels = np.unique(self.level[sl])
        if np.any(~np.isnan(lad.bottom)):
            cuts = np.concatenate((cuts, self.bottom_cut[levels]))
        out = []
        k, pi = tk.k, b.paperwork
        paper = pi > 0 and any(plan.spec.reads_paper for plan in self.plans)
        seen = tk.seen(tk.done(lazy[:, :k], sl), sl)
        for cut in np.unique(cuts):
            target = min(1.0, float(cut) + 1.5 * self.sigma)
            z = lazy.copy()
            z[:, :k] = np.where(tk.measured, np.maximum(z[:, :k], tk.weight[sl] * target), z[:, :k])
            out.append(z)
            if paper:
                need = (target - seen) / np.maximum(pi * (1.0 - seen), 1e-12)  # the stock Q
                floor = max(0.0, (target - pi) / (1.0 - pi)) if pi < 1 else 0.0
                z = lazy.copy()
                z[:, k] = b.paper_need * np.clip(need, 0.0, 1.0)
                lift = (need > 1)[:, None] & tk.measured
                z[:, :k] = np.where(lift, np.maximum(z[:, :k], tk.weight[sl] * floor), z[:, :k])
                out.append(z)
        for z in out:
            z[row_sum(z) > time + 1e-12] = np.nan
        return out

    def _choose(
        self,
        sl: slice,
        options: list[FloatArray],
        plain: FloatArray,
        *,
        t: int,
        runs: dict[tuple[str, int], npt.NDArray[np.int64]],
        real: FloatArray,
        time: FloatArray,
    ) -> FloatArray:
        """Pick, for each unit of level ``sl``, the option worth most (Becker 1968).

        Each option is valued as if sustained: ``U(z) = Σ a⁰_j z_j − C(z) − Σ_s A_s Λ_s(μ(z))``
        with ``a⁰`` the intrinsic gains, ``Λ`` the ladder's expected consequence and ``μ(z)``
        the measured score ``z`` sustains. The options are the first-order choice (the best
        effort near the unit's score), giving up (intrinsic value only) and clearing each
        cutoff of the ladder: the global comparison the first-order choice cannot make.
        """
        b, tk = self.sc.behaviour, self.tasks
        k, size = tk.k, sl.stop - sl.start
        looks = []  # per plan, once: its targets in this level and what ``expected`` needs
        for plan in self.plans:
            tg = plan.targets
            lo, hi = np.searchsorted(tg, (sl.start, sl.stop))
            if lo == hi:
                continue
            units = tg[lo:hi]
            looks.append(
                (
                    plan.spec.assess,
                    b.paperwork if plan.spec.reads_paper else 0.0,
                    units - sl.start,
                    self.level[units],
                    {key: arr[units] for key, arr in runs.items()},
                    real[units],
                    self.exposure[plan.index][lo:hi] * self.enforce[units],
                )
            )
        # small levels: every option in one pass (fewer calls); large: one option at a time
        batch = options if size * len(options) <= _BATCH_ROWS else None
        groups = [batch] if batch is not None else [[z] for z in options]
        weight = np.column_stack((tk.safe[sl], np.ones(size)))
        best, best_value = np.zeros((size, k + 1)), np.full(size, -np.inf)
        for group in groups:
            n_opt = len(group)
            z = np.nan_to_num(np.concatenate(group)) if n_opt > 1 else np.nan_to_num(group[0])
            bad = np.concatenate([np.isnan(g[:, 0]) for g in group])
            who = np.tile(np.arange(sl.start, sl.stop), n_opt)
            seen = tk.seen(tk.done(z[:, :k], who), who)
            q = np.minimum(1.0, z[:, k] / b.paper_need)
            lam = np.zeros(len(z))
            for assess, pi, idx, lev, run, re, w in looks:
                rows = (idx + size * np.arange(n_opt)[:, None]).ravel() if n_opt > 1 else idx
                mu = seen[rows] + pi * q[rows] * (1.0 - seen[rows])
                lam[rows] += _repeat(w, n_opt) * expected(
                    self.ladder,
                    mu,
                    sigma=self.sigma,
                    assess=assess,
                    level=_repeat(lev, n_opt),
                    runs={key: _repeat(arr, n_opt) for key, arr in run.items()},
                    real=_repeat(re, n_opt),
                    bottom_cut=self.bottom_cut,
                )
            cost = _cost(
                z, prev=_repeat(self.z[sl], n_opt), time=_repeat(time[sl], n_opt),
                weight=_repeat(weight, n_opt), b=b, t=t,
            )  # fmt: skip
            value = row_sum(_repeat(plain, n_opt) * z) - cost - lam
            value[bad] = -np.inf
            for o in range(n_opt):  # the first best option wins ties, as argmax would
                v = value[o * size : (o + 1) * size]
                better = v > best_value
                best[better] = z[o * size : (o + 1) * size][better]
                best_value = np.where(better, v, best_value)
        return best

    def _gradients(
        self,
        t: int,
        *,
        real_m: FloatArray,
        habit: FloatArray,
        real: FloatArray,
        runs: dict[tuple[str, int], npt.NDArray[np.int64]],
        time: FloatArray,
        theta: FloatArray,
        retention: FloatArray,
    ) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Return ``G`` (per point of measured score), ``G_Q`` (per paper time), ``J`` (joint)."""
        st, b = self.st, self.sc.behaviour
        n = st.n_units
        grad, grad_paper, child = np.zeros(n), np.zeros(n), np.zeros(n)
        for plan in self.plans:
            weight = self.kernel[plan.index][t - 1] * self.belief[plan.index]
            self.exposure[plan.index] = weight
            tg = plan.targets
            pi = b.paperwork if plan.spec.reads_paper else 0.0
            q = np.minimum(1.0, self.paper[tg])
            keep = (1.0 - b.accumulation) ** (self.wait[plan.index][t - 1] + 1.0)
            ahead = habit[tg] + (real_m[tg] - habit[tg]) * keep  # R^m at the next date
            mu = ahead + pi * q * (1.0 - ahead)
            marg = partial(
                marginal,
                mu=mu,
                sigma=self.sigma,
                assess=plan.spec.assess,
                level=self.level[tg],
                runs={key: arr[tg] for key, arr in runs.items()},
                real=real[tg],
                bottom_cut=self.bottom_cut,
            )
            m = weight * self.enforce[tg] * marg(self.ladder)
            grad[tg] += m * (1.0 - pi * q)
            grad_paper[tg] += m * pi * (1.0 - ahead) * (self.paper[tg] < 1) / b.paper_need
            if self.joint_ladder is not None:
                mj = weight * self.enforce[tg] * marg(self.joint_ladder)
                child[tg] += mj * (1.0 - pi * q)
        pending = np.flatnonzero(self.due >= t)
        if len(pending):  # a re-inspection on a known date: announced, reads paper, no rating
            r = b.discount * (1.0 - b.accumulation)
            wait = (self.due[pending] - t).astype(np.float64)
            weight = b.accumulation * r**wait
            keep = (1.0 - b.accumulation) ** (wait + 1.0)
            ahead = habit[pending] + (real_m[pending] - habit[pending]) * keep
            q = np.minimum(1.0, self.paper[pending])
            mu = ahead + b.paperwork * q * (1.0 - ahead)
            m = (
                weight
                * self.enforce[pending]
                * marginal(
                    self.ladder,
                    mu,
                    sigma=self.sigma,
                    assess=False,
                    level=self.level[pending],
                    runs={key: arr[pending] for key, arr in runs.items()},
                    real=real[pending],
                    bottom_cut=self.bottom_cut,
                )
            )
            grad[pending] += m * (1.0 - b.paperwork * q)
            grad_paper[pending] += (
                m * b.paperwork * (1.0 - ahead) * (self.paper[pending] < 1) / b.paper_need
            )
        joint = np.zeros(n)
        if self.joint_ladder is not None:
            below = np.flatnonzero(st.parent >= 0)
            lev = self.level[below]
            pass_on = (
                retention[lev - 1] * self.spread[below] * time[below] * theta[below] / (1 - b.load)
            ) * self.cover[lev]
            joint = np.bincount(
                st.parent[below], weights=pass_on * child[below], minlength=n
            ).astype(np.float64)
        return grad, grad_paper, joint


def _repeat(a: npt.NDArray[Any], n: int) -> npt.NDArray[Any]:
    """Return ``a`` stacked ``n`` times along its first axis (``a`` itself for one)."""
    return a if n == 1 else np.concatenate([a] * n)


def _cost(
    z: FloatArray, *, prev: FloatArray, time: FloatArray, weight: FloatArray, b: Behaviour, t: int
) -> FloatArray:
    """``C(z)`` of ``docs/model.md`` for each row (0 where no time is left)."""
    delta, gamma = b.substitution, (b.adjustment_cost if t > 1 else 0.0)
    quad = (1 - delta) * row_sum(z * z / weight) + delta * row_sum(z) ** 2
    if gamma:
        quad += gamma * row_sum((z - prev) ** 2 / weight)
    return np.asarray(np.where(time > 0, quad / (2 * np.maximum(time, 1e-300)), 0.0))


def _span_factor(st: Structure, elasticity: float) -> FloatArray:
    """``(n̄ / n_π)^β`` for every unit: a parent's attention divided over its span of control.

    ``n_π`` is the number of the parent's children and ``n̄`` the mean over the
    parents of that level, so a regular tree gives 1 everywhere.
    """
    n = st.n_units
    out = np.ones(n)
    if elasticity == 0 or n == 0:
        return out
    below = np.flatnonzero(st.parent >= 0)
    span = np.bincount(st.parent[below], minlength=n).astype(np.float64)
    plev = st.level_of[st.parent[below]]
    parents = span > 0
    total = np.bincount(st.level_of[parents], weights=span[parents], minlength=st.n_levels)
    mean = total / np.maximum(1, np.bincount(st.level_of[parents], minlength=st.n_levels))
    out[below] = (mean[plev] / span[st.parent[below]]) ** elasticity
    return out
