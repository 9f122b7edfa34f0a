"""Metrics of a simulation: attenuation, last-mile ratios, anticipation, detection, gaps.

Every figure is computed per replication and averaged; ``*_interval`` gives the
2.5 % and 97.5 % quantiles across replications.

Examples
--------
>>> ratio(2.0, 4.0), ratio(1.0, 0.0) is None
(0.5, True)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from zeren_graph.sim.engine import Replica

__all__ = [
    "DUTY_PREFIX",
    "PER_REPLICATION",
    "level_metrics",
    "per_replication",
    "ratio",
    "scenario_metrics",
]

FloatArray = npt.NDArray[np.float64]
_P, _E, _R = 0, 1, 2


def ratio(num: float, den: float) -> float | None:
    """``num / den``, or None when the denominator is 0 or either is not finite.

    Examples
    --------
    >>> ratio(1, 3)
    0.3333333333333333
    """
    if den == 0 or not math.isfinite(num) or not math.isfinite(den):
        return None
    return float(num / den)


def _mean(values: Sequence[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return float(np.mean(kept)) if kept else None


def _interval(values: Sequence[float | None]) -> list[float] | None:
    kept = [v for v in values if v is not None]
    if not kept:
        return None
    lo, hi = np.quantile(kept, [0.025, 0.975])
    return [float(lo), float(hi)]


def _spike(effort: FloatArray, months: Sequence[int]) -> float | None:
    """Mean effort in inspection months over mean effort in the other months."""
    if not months:
        return None
    at = np.zeros(len(effort), dtype=bool)
    at[[m - 1 for m in months if m <= len(effort)]] = True
    if at.all() or not at.any():
        return None
    return ratio(float(effort[at].mean()), float(effort[~at].mean()))


def level_metrics(
    replicas: Sequence[Replica], announced: Sequence[Sequence[int]]
) -> list[dict[str, Any]]:
    """Per-level figures (averaged over replications), level 1 the top.

    ``announced[k]`` lists the months of announced contacts of level ``k``.

    Examples
    --------
    >>> from zeren_graph.sim import Scenario, simulate
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 2,
    ...                               "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
    >>> [round(m["mean_pressure"], 3) for m in level_metrics(simulate(sc).replicas, [[], []])]
    [1.0, 0.9]
    """
    levels = replicas[0].means.shape[0]
    out: list[dict[str, Any]] = []
    for k in range(levels):
        rows = [_one_level(rep, k, announced[k]) for rep in replicas]
        merged: dict[str, Any] = {key: _mean([r[key] for r in rows]) for key in rows[0]}
        merged["mean_pressure_interval"] = _interval([r["mean_pressure"] for r in rows])
        merged["final_pressure_interval"] = _interval([r["final_pressure"] for r in rows])
        if k > 0:
            above = out[-1]
            merged["attenuation_pressure"] = ratio(
                merged["mean_pressure"] or 0.0, above["mean_pressure"] or 0.0
            )
            merged["attenuation_effort"] = ratio(
                merged["mean_effort"] or 0.0, above["mean_effort"] or 0.0
            )
        else:
            merged["attenuation_pressure"] = merged["attenuation_effort"] = None
        out.append(merged)
    return out


def _one_level(rep: Replica, k: int, months: Sequence[int]) -> dict[str, float | None]:
    m, c = rep.means[k], rep.counters
    return {
        "mean_pressure": float(m[:, _P].mean()),
        "final_pressure": float(m[-1, _P]),
        "mean_effort": float(m[:, _E].mean()),
        "final_effort": float(m[-1, _E]),
        "mean_performance": float(m[:, _R].mean()),
        "final_performance": float(m[-1, _R]),
        "inspections": float(rep.inspections[k].sum()),
        "sanctions": float(c["sanctions"][k]),
        "replacements": float(c["replacements"][k]),
        "rewards": float(c["rewards"][k]),
        "detection_rate": ratio(c["caught_years"][k], c["poor_years"][k]),
        "false_alarm_rate": ratio(c["false_flags"][k], c["flagged_years"][k]),
        "real_vs_measured_gap": ratio(c["gap_sum"][k], c["gap_n"][k]),
        "anticipation_spike": _spike(m[:, _E], months),
        "shirking_share": float(c["shirking"][k]),
        "visits_mean": float(c["contacts_mean"][k]),
        "visits_var": float(c["contacts_var"][k]),
    }


#: The whole-scenario figures :func:`per_replication` gives, one value per replication.
PER_REPLICATION = (
    "last_mile_pressure",
    "last_mile_effort",
    "last_mile_performance",
    "last_mile_ratio",
    "last_step_ratio",
    "anticipation_spike",
    "detection_rate",
    "false_alarm_rate",
    "real_vs_measured_gap",
    "sanctions",
    "replacements",
    "rewards",
    "inspections",
    "contacts_dropped",
    "measured_performance",
    "unmeasured_performance",
)
#: The figures of :func:`scenario_metrics` that also get an ``*_interval``.
_WITH_INTERVAL = (
    "last_mile_pressure",
    "last_mile_effort",
    "last_mile_performance",
    "last_mile_ratio",
    "last_step_ratio",
    "real_vs_measured_gap",
)


def _replication(rep: Replica, announced: Sequence[Sequence[int]]) -> dict[str, float | None]:
    c = rep.counters
    top, bottom = rep.means[0], rep.means[-1]
    real = float(bottom[:, _R].mean())
    above = float(rep.means[-2, :, _R].mean()) if rep.means.shape[0] > 1 else math.nan
    spikes = [_spike(rep.means[k, :, _E], months) for k, months in enumerate(announced)]
    return {
        "last_mile_pressure": ratio(bottom[:, _P].mean(), top[:, _P].mean()),
        "last_mile_effort": ratio(bottom[:, _E].mean(), top[:, _E].mean()),
        "last_mile_performance": real,
        "last_mile_ratio": ratio(real, top[:, _R].mean()),
        "last_step_ratio": ratio(real, above),
        "anticipation_spike": _mean(spikes),
        "detection_rate": ratio(c["caught_years"].sum(), c["poor_years"].sum()),
        "false_alarm_rate": ratio(c["false_flags"].sum(), c["flagged_years"].sum()),
        "real_vs_measured_gap": ratio(c["gap_sum"].sum(), c["gap_n"].sum()),
        "sanctions": float(c["sanctions"].sum()),
        "replacements": float(c["replacements"].sum()),
        "rewards": float(c["rewards"].sum()),
        "inspections": float(rep.inspections.sum()),
        "contacts_dropped": float(rep.counters["dropped"].sum()),
        **_duty_figures(rep),
    }


#: The prefix of the per-duty metrics: ``duty_performance:<name>``.
DUTY_PREFIX = "duty_performance:"


def _duty_figures(rep: Replica) -> dict[str, float | None]:
    """Return the real performance on measured, unmeasured and each kind of duty.

    Each is the mean over the run and over every unit that has such a duty, at any level
    (None where no unit has one).
    """
    out: dict[str, float | None] = {"measured_performance": None, "unmeasured_performance": None}
    sums: dict[bool, list[float]] = {True: [0.0, 0.0], False: [0.0, 0.0]}
    for name, per_level in rep.duties.items():
        count = rep.holders[name]
        total = float(np.nansum(per_level * count))
        units = float(count.sum())
        out[DUTY_PREFIX + name] = total / units if units else None
        sums[rep.measured[name]][0] += total
        sums[rep.measured[name]][1] += units
    for kind, flag in (("measured_performance", True), ("unmeasured_performance", False)):
        total, units = sums[flag]
        if units:
            out[kind] = total / units
    return out


def per_replication(
    replicas: Sequence[Replica], announced: Sequence[Sequence[int]]
) -> dict[str, list[float | None]]:
    """Each whole-scenario figure of :data:`PER_REPLICATION`, one value per replication.

    A value is None where the figure is undefined in that replication (a
    ratio over zero). :func:`scenario_metrics` averages these lists; paired
    comparisons (``zeren claims``) take differences replication by replication.

    Examples
    --------
    >>> from zeren_graph.sim import Scenario, simulate
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 2, "replications": 2,
    ...                               "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
    >>> values = per_replication(simulate(sc, seed=1).replicas, [[], []])
    >>> len(values["last_mile_performance"]), values["last_step_ratio"] == values["last_mile_ratio"]
    (2, True)
    """
    out: dict[str, list[float | None]] = {key: [] for key in PER_REPLICATION}
    for rep in replicas:
        for key, value in _replication(rep, announced).items():
            out.setdefault(key, []).append(value)
    return out


def scenario_metrics(
    replicas: Sequence[Replica], announced: Sequence[Sequence[int]]
) -> dict[str, Any]:
    """Whole-scenario figures: last-mile ratios, spikes, detection, sanctions, gaps.

    The mean over replications of each figure of :func:`per_replication`;
    ``*_interval`` gives the 2.5 % and 97.5 % quantiles across replications
    of the last-mile figures and the measured-minus-real gap.

    Examples
    --------
    >>> from zeren_graph.sim import Scenario, simulate
    >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 2,
    ...                               "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
    >>> round(scenario_metrics(simulate(sc).replicas, [[], []])["last_mile_pressure"], 3)
    0.9
    """
    per_rep = per_replication(replicas, announced)
    out: dict[str, Any] = {key: _mean(values) for key, values in per_rep.items()}
    for key in _WITH_INTERVAL:
        out[f"{key}_interval"] = _interval(per_rep[key])
    return out
