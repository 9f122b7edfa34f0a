"""The engine: unit state in numpy arrays, the calendar in SimPy.

A handful of SimPy processes drive one replication: the monthly clock
(transmission, effort, performance), one process per supervision schedule,
the year-end bookkeeping, and one process per batch of re-inspections ordered
by a rectification rule. No process per unit: every step is a vectorised pass.
Within month ``t`` the clock runs at time ``t``, contacts at ``t + 0.5`` and
the year end at ``t + 0.75``. The equations are in ``docs/model.md``.

Examples
--------
>>> from zeren_graph.sim.scenario import Hierarchy, Scenario
>>> from zeren_graph.sim.structure import build_structure
>>> sc = Scenario(name="最小", hierarchy=Hierarchy(levels=("省", "市", "县"), span=(1, 2, 2)),
...               horizon_months=3)
>>> rep = run_replication(sc, build_structure(sc.hierarchy), np.random.SeedSequence(1))
>>> rep.means[:, -1, 0].round(3).tolist()  # pressure by level in the last month
[1.0, 0.9, 0.81]
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import simpy

from zeren_graph.sim.decision.model import Decider
from zeren_graph.sim.levelstats import level_means, level_quantiles
from zeren_graph.sim.rules import Batch, matches, run_keys
from zeren_graph.sim.scenario import (
    Action,
    BehaviourModel,
    LeaderScope,
    Rating,
    Rule,
    Scenario,
    ScheduleKind,
)
from zeren_graph.sim.schedules import (
    Plan,
    anticipation,
    contact_months,
    detection_chance,
    poisson_visits,
    resolve_plans,
    select,
)
from zeren_graph.sim.structure import Structure

__all__ = ["COUNTERS", "VARIABLES", "Replica", "run_replication", "stream"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
Progress = Callable[[int], None]

#: The per-unit variables recorded every month.
VARIABLES = ("pressure", "effort", "performance")
#: The per-level counters of a replication.
COUNTERS = ("sanctions", "replacements", "rewards", "gap_sum", "gap_n", "poor_years",
            "caught_years", "flagged_years", "false_flags", "shirking", "contacts_mean",
            "contacts_var", "dropped")  # fmt: skip
_QUANTILES = (0.1, 0.5, 0.9)
_SEVERE = (Action.replace_leader, Action.dismissal)
#: Event codes beside the rules' indices: a re-inspection, a finding concealed by a
#: jointly liable parent (压案不报), and a concealment found by a third party (瞒案不查).
REINSPECTION, CONCEALED, CONCEALMENT_FOUND = -1, -2, -3


def stream(root: np.random.SeedSequence, purpose: str) -> np.random.Generator:
    """Return a generator for one purpose, spawned from ``root`` under a key derived from the name.

    Keying streams by purpose gives common random numbers: adding a mechanism
    does not shift the draws of the others.

    Examples
    --------
    >>> a = stream(np.random.SeedSequence(1, spawn_key=(0,)), "noise").random()
    >>> b = stream(np.random.SeedSequence(1, spawn_key=(0,)), "noise").random()
    >>> a == b
    True
    """
    key = zlib.crc32(purpose.encode("utf-8"))
    seq = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, key))
    return np.random.default_rng(seq)


@dataclass(eq=False)
class Replica:
    """What one replication produced.

    ``means[level, month-1, v]`` and ``quantiles[level, month-1, v, q]`` (q10,
    q50, q90 across units) of :data:`VARIABLES`; ``inspections[level, month-1]``
    unit contacts; ``counters[name][level]``; ``events`` as columns (month,
    unit, rule, joint, cause, value); ``duties[name][level]`` the mean real
    performance of each kind of duty over the run (NaN at a level where no unit has
    it), ``holders[name][level]`` how many units have it, and ``measured[name]``
    whether inspections look at it (decision model only; empty otherwise).
    """

    means: FloatArray
    quantiles: FloatArray | None
    inspections: IntArray
    counters: dict[str, FloatArray]
    events: dict[str, npt.NDArray[Any]]
    duties: dict[str, FloatArray] = field(default_factory=dict)
    measured: dict[str, bool] = field(default_factory=dict)
    holders: dict[str, IntArray] = field(default_factory=dict)


@dataclass(eq=False)
class _Engine:
    sc: Scenario
    st: Structure
    plans: list[Plan]
    root: np.random.SeedSequence
    quantiles: bool = True
    progress: Progress | None = None
    env: simpy.Environment = field(default_factory=simpy.Environment)

    def __post_init__(self) -> None:
        n, levels, horizon = self.st.n_units, self.st.n_levels, self.sc.horizon_months
        b = self.sc.behaviour
        self.level = self.st.level_of
        self.retention = _retentions(self.sc, levels)
        self.load = np.clip(b.load + b.remote_penalty * self.st.remote, 0.0, 1.0)
        self.antic = anticipation(self.plans, levels, horizon, b)
        self.leaders = stream(self.root, "leaders")
        self.leaf = np.bincount(self.st.parent[self.st.parent >= 0], minlength=n) == 0
        self.theta = self._leaders(np.arange(n))
        self.shirk = np.zeros(n, dtype=bool)
        if b.rational:
            gain = b.shirk_gain + b.gain_sd * stream(self.root, "gains").standard_normal(n)
            p = detection_chance(self.plans, self.st)
            self.shirk = gain > p[self.level] * b.sanction
        self.pressure, self.effort, self.real = np.zeros(n), np.zeros(n), np.zeros(n)
        self.score = np.full(n, 0.5)
        self.boosts: dict[float, FloatArray] = {}
        self.runs = {key: np.zeros(n, dtype=np.int64) for key in run_keys(self.sc.accountability)}
        self.year_real, self.flagged = np.zeros(n), np.zeros(n, dtype=bool)
        self.contacts = np.zeros(n, dtype=np.int64)
        self.means = np.zeros((levels, horizon, len(VARIABLES)))
        self.qs = np.zeros((levels, horizon, len(VARIABLES), 3)) if self.quantiles else None
        self.inspections = np.zeros((levels, horizon), dtype=np.int64)
        self.count = {name: np.zeros(levels) for name in COUNTERS}
        self.events: list[tuple[Any, ...]] = []
        self.rule_levels = [self._rule_levels(i, r) for i, r in enumerate(self.sc.accountability)]
        self.reinspect_rng = stream(self.root, "reinspection:noise")
        self.rating_rng = stream(self.root, "ratings")
        self.turnover_rng = stream(self.root, "turnover")
        self.capacity = self._capacity()
        self.days_left = self.capacity.copy()
        self.decider: Decider | None = None
        if b.model is BehaviourModel.decision:
            self.decider = Decider(self.sc, self.st, self.plans, self.rule_levels)
            self.conceal_rng = stream(self.root, "concealment")
            self.duty_sum = np.zeros((levels, len(self.decider.tasks.names)))
            self.concealed_until = np.zeros(n, dtype=np.int64)

    def _capacity(self) -> FloatArray:
        """Each unit's inspection days a year as a supervising unit (infinite where unset)."""
        out = np.full(self.st.n_units, np.inf)
        for ref, days in self.sc.inspection_days.items():
            level = self.st.level_index(ref, path="inspection_days")
            out[self.st.slice(level)] = days
        return out

    def _afford(self, units: IntArray, supervisors: IntArray, days: FloatArray) -> BoolArray:
        """Which contacts the supervising units' remaining inspection days still allow.

        In the order given, each supervising unit spends its days until they run out;
        the contacts beyond are not made (counted in ``dropped``).
        """
        if not self.sc.inspection_days or not np.isfinite(self.days_left[supervisors]).any():
            return np.ones(len(units), dtype=bool)
        order = np.argsort(supervisors, kind="stable")
        sup, cost = supervisors[order], days[order]
        spent = np.cumsum(cost)
        first = np.searchsorted(sup, sup, side="left")
        within = spent - (spent[first] - cost[first])  # running total within each supervisor
        keep = np.empty(len(units), dtype=bool)
        keep[order] = within <= self.days_left[sup] + 1e-9
        used = np.bincount(supervisors[keep], weights=days[keep], minlength=self.st.n_units)
        self.days_left -= used
        dropped = self.level[units[~keep]]
        self.count["dropped"] += np.bincount(dropped, minlength=self.st.n_levels)
        return keep

    def _rule_levels(self, i: int, rule: Rule) -> set[int] | None:
        refs = rule.when.levels
        path = f"accountability[{i}].when.levels"
        return None if refs is None else {self.st.level_index(r, path=path) for r in refs}

    def _leaders(self, units: IntArray) -> FloatArray:
        """Draw the commitment of new secretaries of ``units`` (1 outside ``leader_scope``)."""
        b = self.sc.behaviour
        if b.leader_sd == 0:
            return np.ones(len(units))
        theta = np.clip(1 + b.leader_sd * self.leaders.standard_normal(len(units)), 0.0, 2.0)
        if b.leader_scope is LeaderScope.leaves:
            theta[~self.leaf[units]] = 1.0
        return theta

    # --- the monthly clock -------------------------------------------------------------
    def clock(self) -> Generator[simpy.Event, Any, None]:
        for t in range(1, self.sc.horizon_months + 1):
            yield self.env.timeout(t - self.env.now)
            self.tick(t)
            if self.progress is not None:
                self.progress(1)

    def tick(self, t: int) -> None:
        st, b = self.st, self.sc.behaviour
        if b.turnover > 0:  # secretaries who leave for ordinary reasons (换届, rotation)
            left = np.flatnonzero(self.turnover_rng.random(st.n_units) < b.turnover / 12)
            self.theta[left] = self._leaders(left)
        boost = sum(self.boosts.values(), np.zeros(st.n_units))
        if self.decider is not None:
            self.pressure[:], self.effort[:], self.real[:] = self.decider.step(
                t, theta=self.theta, boost=boost, load=self.load, retention=self.retention,
                runs=self.runs,
            )  # fmt: skip
            for half_life in self.boosts:
                self.boosts[half_life] *= 2.0 ** (-1.0 / half_life)
            self.year_real += self.real
            self._record(t)
            return
        p = self.pressure
        p[st.slice(0)] = np.clip(1.0 + boost[st.slice(0)], 0.0, 1.0)
        for k in range(1, st.n_levels):
            sl = st.slice(k)
            p[sl] = np.clip(self.retention[k - 1] * p[st.parent[sl]] + boost[sl], 0.0, 1.0)
        for half_life in self.boosts:
            self.boosts[half_life] *= 2.0 ** (-1.0 / half_life)
        e = self.theta * p * (1 - self.load) * self.antic[self.level, t - 1]
        e[self.shirk] = 0.0
        np.clip(e, 0.0, 1.0, out=self.effort)
        if t == 1:
            self.real[:] = self.effort
        else:
            self.real += b.accumulation * (self.effort - self.real)
        self.year_real += self.real
        self._record(t)

    def _record(self, t: int) -> None:
        if self.decider is not None:  # per level, the mean over the units that have the duty
            tasks = self.decider.tasks
            held = np.add.reduceat(tasks.present, self.st.starts[:-1], axis=0)
            total = np.add.reduceat(self.decider.perf * tasks.present, self.st.starts[:-1], axis=0)
            self.duty_sum += np.where(held > 0, total / np.maximum(held, 1), np.nan)
        vals = np.stack((self.pressure, self.effort, self.real))
        self.means[:, t - 1] = level_means(vals, self.st.starts).T
        if self.qs is not None:
            self.qs[:, t - 1] = level_quantiles(vals, self.st.starts, _QUANTILES).transpose(1, 0, 2)

    def years(self) -> Generator[simpy.Event, Any, None]:
        fail = self.sc.ratings.fail_score
        for t in range(12, self.sc.horizon_months + 1, 12):
            yield self.env.timeout(t + 0.75 - self.env.now)
            poor = self.year_real / 12 < fail
            self._add("poor_years", poor)
            self._add("caught_years", poor & self.flagged)
            self._add("flagged_years", self.flagged)
            self._add("false_flags", self.flagged & ~poor)
            self.year_real[:] = 0.0
            self.flagged[:] = False
            self.days_left[:] = self.capacity  # a new year's inspection days

    def _add(self, name: str, mask: npt.NDArray[np.bool_]) -> None:
        self.count[name] += np.bincount(self.level[mask], minlength=self.st.n_levels)

    # --- supervision -------------------------------------------------------------------
    def periodic(self, plan: Plan) -> Generator[simpy.Event, Any, None]:
        sample = stream(self.root, f"schedule:{plan.label}:sample")
        noise = stream(self.root, f"schedule:{plan.label}:noise")
        for month in contact_months(plan, self.sc.horizon_months):
            yield self.env.timeout(month + 0.5 - self.env.now)
            units = select(plan, sample, self.score)
            sup = self.st.ancestor_at(plan.by)[units]
            units = units[self._afford(units, sup, np.full(len(units), plan.spec.days))]
            self.contacts[units] += 1
            if self.decider is not None:
                reached = np.zeros(self.st.n_units, dtype=bool)
                reached[units] = True
                self.decider.learn(plan, reached[plan.targets])
                self.decider.contacted(plan, units, None)
            self.inspect(units, month, plan=plan, rng=noise)

    def visits(self, plan: Plan) -> Generator[simpy.Event, Any, None]:
        sample = stream(self.root, f"schedule:{plan.label}:sample")
        noise = stream(self.root, f"schedule:{plan.label}:noise")
        for month in range(1, self.sc.horizon_months + 1):
            yield self.env.timeout(month + 0.5 - self.env.now)
            counts = poisson_visits(plan, sample, self.st)
            due = np.flatnonzero(counts > 0)
            if len(due):
                sup = self.st.ancestor_at(plan.by)[plan.targets[due]]
                cost = (counts[due] * plan.spec.days).astype(np.float64)
                counts[due[~self._afford(plan.targets[due], sup, cost)]] = 0
            self.contacts[plan.targets] += counts
            seen = counts > 0
            if self.decider is not None:
                self.decider.learn(plan, seen)
                self.decider.contacted(plan, plan.targets[seen], counts[seen])
            self.inspect(plan.targets[seen], month, plan=plan, rng=noise)
            extra = np.bincount(self.level[plan.targets[seen]], weights=counts[seen] - 1,
                                minlength=self.st.n_levels)  # fmt: skip
            self.inspections[:, month - 1] += extra.astype(np.int64)

    def reinspect(self, units: IntArray, due: int) -> Generator[simpy.Event, Any, None]:
        yield self.env.timeout(due + 0.5 - self.env.now)
        parent = self.st.parent[units]
        units = units[self._afford(units, np.where(parent >= 0, parent, units), np.full(
            len(units), 0.5))]  # fmt: skip
        if not len(units):
            return
        if self.decider is not None:
            self.decider.contacted(None, units, None)
        score = self.inspect(units, due, plan=None, rng=self.reinspect_rng)
        n = len(units)
        self._log(
            due, units, REINSPECTION, joint=np.zeros(n, dtype=bool), cause=np.full(n, -1),
            value=score,
        )  # fmt: skip

    def inspect(
        self, units: IntArray, month: int, *, plan: Plan | None, rng: np.random.Generator
    ) -> FloatArray:
        """Measure ``units``, boost them, rate them if the plan assesses, apply the rules."""
        b, levels = self.sc.behaviour, self.st.n_levels
        real = seen = self.real[units]
        if self.decider is None:
            announced = plan is None or plan.spec.is_announced
            score = real + (b.paperwork * (1 - real) if announced else 0.0)
        else:
            paper = plan is None or plan.spec.reads_paper
            seen = self.decider.measured_real(units)
            q = self.decider.paper_share(units) if paper else 0.0
            score = seen + b.paperwork * q * (1 - seen)
        score = np.clip(score + b.noise * rng.standard_normal(len(units)), 0.0, 1.0)
        self.score[units] = score
        level = self.level[units]
        # the gap is against what the instrument looks at: the measured duties' real performance
        base = real if self.decider is None else seen
        self.count["gap_sum"] += np.bincount(level, weights=score - base, minlength=levels)
        self.count["gap_n"] += np.bincount(level, minlength=levels)
        self.flagged[units] |= score < self.sc.ratings.fail_score
        self.inspections[:, month - 1] += np.bincount(level, minlength=levels)
        if plan is not None and plan.spec.boost > 0 and self._doses(plan.spec, "boost"):
            self._boost(units, plan.spec.boost, plan.spec.half_life)
        rank = self._rate(units, score) if plan is not None and plan.spec.assess else None
        runs = {key: arr[units] for key, arr in self.runs.items()}
        if self.decider is not None:
            if rank is not None:
                self.decider.observe_bottom(level, score)
            if plan is not None and plan.spec.independent:
                self._uncover(units, month)
        acted = self._apply(Batch(units, level, score, real, rank, runs), month, plan=plan)
        if self.decider is not None:
            self.decider.learn_enforcement(units, score < self.sc.ratings.fail_score, acted)
        return score

    def _doses(self, spec: Rule | Any, key: str) -> bool:
        """Whether a pressure dose applies: always (dose model), or where set (decision model)."""
        return self.decider is None or key in spec.model_fields_set

    def _rate(self, units: IntArray, score: FloatArray) -> IntArray:
        ratings = self.sc.ratings
        if ratings.independent is not None:
            chance = ratings.independent
            ex, fair = chance.get(Rating.excellent, 0.0), chance.get(Rating.fair, 0.0)
            good = 1.0 - ex - fair - chance.get(Rating.poor, 0.0)  # the rest is good
            cum = np.array([ex, ex + good, ex + good + fair])
            rank = np.searchsorted(cum, self.rating_rng.random(len(units)), side="right")
        else:
            cuts = np.asarray(ratings.cutoffs[::-1])
            rank = 3 - np.searchsorted(cuts, score, side="right")
        for (kind, r), arr in self.runs.items():
            hit = rank == r if kind == "exact" else rank >= r
            arr[units] = np.where(hit, arr[units] + 1, 0)
        return np.asarray(rank, dtype=np.int64)

    # --- accountability ----------------------------------------------------------------
    def _apply(self, batch: Batch, month: int, *, plan: Plan | None) -> npt.NDArray[np.bool_]:
        """Fire the rules on a batch; return which of its units were sanctioned."""
        alive = np.ones(len(batch.units), dtype=bool)
        acted = np.zeros(len(batch.units), dtype=bool)
        fail = self.sc.ratings.fail_score
        for i, rule in enumerate(self.sc.accountability):
            mask = matches(rule.when, batch, fail_score=fail, levels=self.rule_levels[i]) & alive
            if not mask.any():
                continue
            joint = (
                self.sc.joint_liability if rule.joint_liability is None else rule.joint_liability
            )
            if joint and rule.action is not Action.reward:
                mask = self._conceal(rule, batch, mask, month, plan=plan)
                if not mask.any():
                    continue
            units = batch.units[mask]
            self._act(i, rule, units, month, value=batch.score[mask], cause=None)
            if rule.action is not Action.reward:
                acted |= mask
            if joint and rule.action is not Action.reward:
                parents, first = np.unique(self.st.parent[units], return_index=True)
                first = first[parents >= 0]
                value = batch.score[mask][first]
                self._act(i, rule, parents[parents >= 0], month, value=value, cause=units[first])
            if rule.final:
                alive &= ~mask
        return acted

    def _conceal(
        self, rule: Rule, batch: Batch, mask: npt.NDArray[np.bool_], month: int, *,
        plan: Plan | None,
    ) -> npt.NDArray[np.bool_]:  # fmt: skip
        """Drop the findings a jointly liable parent conceals (压案不报); return those kept.

        The parent conceals with chance ``c · u / (u + D · u_c)``: ``c`` the
        concealment propensity, ``u`` the rule's severity, ``D`` the yearly chance
        that a third party (纪委, 巡视) visits the offender's level and ``u_c`` the
        severity of a concealment found. Third-party contacts are never concealed.
        """
        c = self.sc.behaviour.concealment
        if self.decider is None or c == 0 or (plan is not None and plan.spec.independent):
            return mask
        idx = np.flatnonzero(mask)
        units = batch.units[idx]
        has_parent = self.st.parent[units] >= 0
        d = self.decider.third_party[self.level[units]]
        u = rule.weight
        chance = c * u / (u + d * self.sc.behaviour.conceal_severity) if u > 0 else 0.0 * d
        hidden = has_parent & (self.conceal_rng.random(len(units)) < chance)
        if hidden.any():
            who = units[hidden]
            self.concealed_until[who] = month + 12
            n = len(who)
            self._log(
                month, who, CONCEALED, joint=np.zeros(n, dtype=bool), cause=np.full(n, -1),
                value=batch.score[idx[hidden]],
            )  # fmt: skip
        kept = mask.copy()
        kept[idx[hidden]] = False
        return kept

    def _uncover(self, units: IntArray, month: int) -> None:
        """Find concealed cases at a third-party contact and remove the parents' secretaries."""
        open_ = units[self.concealed_until[units] >= month]
        if not len(open_):
            return
        self.concealed_until[open_] = 0
        parents, first = np.unique(self.st.parent[open_], return_index=True)
        n = len(parents)
        self._log(
            month, parents, CONCEALMENT_FOUND, joint=np.ones(n, dtype=bool), cause=open_[first],
            value=self.score[open_[first]],
        )  # fmt: skip
        level = self.level[parents]
        self.theta[parents] = self._leaders(parents)
        for arr in self.runs.values():
            arr[parents] = 0
        self.count["sanctions"] += np.bincount(level, minlength=self.st.n_levels)
        self.count["replacements"] += np.bincount(level, minlength=self.st.n_levels)

    def _act(
        self,
        i: int,
        rule: Rule,
        units: IntArray,
        month: int,
        *,
        value: FloatArray,
        cause: IntArray | None,
    ) -> None:
        joint = cause is not None
        causes = cause if cause is not None else np.full(len(units), -1)
        self._log(month, units, i, joint=np.full(len(units), joint), cause=causes, value=value)
        if self._doses(rule, "effect"):
            self._boost(units, rule.size, rule.life)
        level = self.level[units]
        name = "rewards" if rule.action is Action.reward else "sanctions"
        self.count[name] += np.bincount(level, minlength=self.st.n_levels)
        if rule.action in _SEVERE:
            self.theta[units] = self._leaders(units)
            for arr in self.runs.values():
                arr[units] = 0
            self.count["replacements"] += np.bincount(level, minlength=self.st.n_levels)
        due = month + rule.deadline
        if rule.action is Action.rectification and not joint and due <= self.sc.horizon_months:
            self.env.process(self.reinspect(units, due))
            if self.decider is not None:
                self.decider.due[units] = due

    def _boost(self, units: IntArray, size: float, half_life: float) -> None:
        if half_life not in self.boosts:
            self.boosts[half_life] = np.zeros(self.st.n_units)
        self.boosts[half_life][units] += size

    def _log(
        self,
        month: int,
        units: IntArray,
        rule: int,
        *,
        joint: npt.NDArray[np.bool_],
        cause: IntArray,
        value: FloatArray,
    ) -> None:
        if len(units):
            n = len(units)
            self.events.append((np.full(n, month), units, np.full(n, rule), joint, cause, value))

    def run(self) -> Replica:
        env = self.env
        env.process(self.clock())
        env.process(self.years())
        for plan in self.plans:
            random = plan.spec.kind is ScheduleKind.random
            env.process(self.visits(plan) if random else self.periodic(plan))
        env.run()
        sizes = self.st.level_sizes
        self.count["shirking"] = np.bincount(self.level[self.shirk], minlength=len(sizes)) / sizes
        c = self.contacts.astype(np.float64)
        self.count["contacts_mean"] = np.add.reduceat(c, self.st.starts[:-1]) / sizes
        sq = np.add.reduceat(c * c, self.st.starts[:-1]) / sizes
        self.count["contacts_var"] = (
            (sq - self.count["contacts_mean"] ** 2) * sizes / np.maximum(1, sizes - 1)
        )
        duties, measured, holders = {}, {}, {}
        if self.decider is not None:
            tasks = self.decider.tasks
            held = np.add.reduceat(tasks.present, self.st.starts[:-1], axis=0).astype(np.int64)
            for j, name in enumerate(tasks.names):
                duties[name] = self.duty_sum[:, j] / self.sc.horizon_months  # NaN: nobody has it
                measured[name] = bool(tasks.measured[j])
                holders[name] = held[:, j]
        events = _columns(self.events)
        return Replica(
            self.means, self.qs, self.inspections, self.count, events, duties, measured, holders
        )


def _columns(events: list[tuple[Any, ...]]) -> dict[str, npt.NDArray[Any]]:
    names = ("month", "unit", "rule", "joint", "cause", "value")
    dtypes = (np.int64, np.int64, np.int64, np.bool_, np.int64, np.float64)
    if not events:
        return {n: np.zeros(0, dtype=d) for n, d in zip(names, dtypes, strict=True)}
    return {
        n: np.concatenate([e[i] for e in events]).astype(d)
        for i, (n, d) in enumerate(zip(names, dtypes, strict=True))
    }


def _retentions(sc: Scenario, levels: int) -> FloatArray:
    from zeren_graph.errors import Problem, ScenarioError  # noqa: PLC0415

    r = sc.transmission.retention
    if len(r) == 1:
        return np.full(max(0, levels - 1), r[0])
    if len(r) != levels - 1:
        msg = f"needs one value or {levels - 1} (one per level transition), got {len(r)}"
        raise ScenarioError(Problem("invalid-scenario", msg, path="transmission.retention"))
    return np.asarray(r, dtype=np.float64)


def run_replication(
    scenario: Scenario,
    structure: Structure,
    root: np.random.SeedSequence,
    *,
    quantiles: bool = True,
    progress: Progress | None = None,
) -> Replica:
    """Run one replication with the random streams spawned from ``root``.

    Examples
    --------
    >>> from zeren_graph.sim.scenario import Hierarchy, Scenario
    >>> from zeren_graph.sim.structure import build_structure
    >>> sc = Scenario(name="两级", hierarchy=Hierarchy(levels=("县", "乡镇"), span=(1, 4)),
    ...               transmission={"retention": 0.5}, horizon_months=2)
    >>> rep = run_replication(sc, build_structure(sc.hierarchy), np.random.SeedSequence(0))
    >>> rep.means[1, :, 0]  # the villages' pressure in both months
    array([0.5, 0.5])
    """
    plans = resolve_plans(scenario, structure)
    engine = _Engine(scenario, structure, plans, root, quantiles=quantiles, progress=progress)
    return engine.run()
