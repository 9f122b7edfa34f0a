r"""Run a claims registry: each pair with common random numbers, a paired t-interval, a verdict.

For a pair, scenarios ``a`` and ``b`` run with the same seed and number of
replications, so replication ``r`` of both draws the same random streams
(:mod:`zeren_graph.sim.runner`). The metric is taken per replication
(:func:`~zeren_graph.sim.metrics.per_replication`) and compared pair by pair
(:func:`~zeren_graph.sim.claims.stats.paired_interval`). A pair **comes out as
stated** when the 95 % interval of the mean difference lies entirely on the side
``expect`` names. A ``reverses`` pair is run again with its ``without``
overrides applied to both scenarios; the mechanism **explains** the reversal
when that interval no longer supports ``expect``. A claim passes when its
``holds`` pair comes out as stated and, if it has one, its ``reverses`` pair
comes out as stated and is explained.

Examples
--------
>>> import tempfile, pathlib
>>> from zeren_graph.sim.claims.registry import load_registry
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.yaml").write_text("name: a\nhorizon_months: 12\n"
...     "hierarchy: {levels: [县, 乡镇, 村], span: [1, 2, 2]}\n", encoding="utf-8")
>>> _ = (d / "claims.yaml").write_text(
...     "- id: fades\n  claim: pressure fades\n  source: '001'\n"
...     "  metric: last_mile_ratio\n  holds: {a: a.yaml, b: 1, expect: a < 1}\n",
...     encoding="utf-8")
>>> report = run_claims(load_registry(d / "claims.yaml"), seed=1, replications=5)
>>> result = report.results[0]
>>> result.passes, result.holds.interval.n, report.summary_line()
(True, 5, '1 of 1 claims come out as stated')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from zeren_graph.errors import Problem, ScenarioError
from zeren_graph.sim.claims.registry import Claim, Comparison, Registry, Reversal, override_texts
from zeren_graph.sim.claims.stats import PairedInterval, paired_interval
from zeren_graph.sim.metrics import DUTY_PREFIX, per_replication
from zeren_graph.sim.runner import SEED_BOUND, simulate

__all__ = [
    "CLAIMS_FORMAT",
    "ClaimResult",
    "ClaimsReport",
    "PairResult",
    "WithoutResult",
    "compare",
    "run_claims",
]

#: The ``format`` field of ``claims.json``.
CLAIMS_FORMAT = "zeren-claims/1"
#: The confidence of every interval.
CONFIDENCE = 0.95

Values = list[float | None]
Progress = Callable[[int, int, str], None]


def compare(a: Values, b: Values | float, direction: str) -> tuple[PairedInterval, bool]:
    """Return the paired interval of ``a − b`` and whether it lies on the side ``direction`` names.

    Examples
    --------
    >>> iv, ok = compare([0.5, 0.6, 0.7], [0.4, 0.4, 0.5], ">")
    >>> round(iv.mean, 4), ok
    (0.1667, True)
    """
    interval = paired_interval(a, b, confidence=CONFIDENCE)
    return interval, interval.supports(direction)


def _mean(values: Values) -> float | None:
    kept = [v for v in values if v is not None]
    return float(np.mean(kept)) if kept else None


def _interval_dict(iv: PairedInterval) -> dict[str, Any]:
    return {"difference": iv.mean, "interval": iv.bounds or None, "n": iv.n}


@dataclass(frozen=True)
class WithoutResult:
    """A ``reverses`` pair run again with its ``without`` overrides on both scenarios."""

    overrides: tuple[str, ...]
    interval: PairedInterval
    supports: bool

    @property
    def explains(self) -> bool:
        """Whether switching the mechanism off removes the reversal."""
        return not self.supports

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see ``docs/claims.md``)."""
        return {
            "overrides": list(self.overrides),
            **_interval_dict(self.interval),
            "supports_expect": self.supports,
            "explains": self.explains,
        }


@dataclass(frozen=True)
class PairResult:
    """One pair of a claim, compared."""

    kind: str
    pair: Comparison
    metric: str
    mean_a: float | None
    mean_b: float | None
    interval: PairedInterval
    as_stated: bool
    without: WithoutResult | None = None

    @property
    def passes(self) -> bool:
        """As stated and, for a reversal, explained by its mechanism."""
        return self.as_stated and (self.without is None or self.without.explains)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see ``docs/claims.md``)."""
        out: dict[str, Any] = {
            "a": self.pair.a,
            "b": self.pair.b,
            "metric": self.metric,
            "expect": self.pair.expect,
            "mean_a": self.mean_a,
            "mean_b": self.mean_b,
            **_interval_dict(self.interval),
            "as_stated": self.as_stated,
        }
        if isinstance(self.pair, Reversal):
            out["because"] = self.pair.because
            out["without"] = self.without.to_dict() if self.without else None
        return out


@dataclass(frozen=True)
class ClaimResult:
    """A claim and its pairs' results."""

    claim: Claim
    holds: PairResult
    reverses: PairResult | None

    @property
    def passes(self) -> bool:
        """``holds`` as stated; ``reverses`` (if any) as stated and explained."""
        return self.holds.passes and (self.reverses is None or self.reverses.passes)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (see ``docs/claims.md``)."""
        c = self.claim
        return {
            "id": c.id,
            "claim": c.claim,
            "source": c.source,
            "metric": c.metric,
            "passes": self.passes,
            "holds": self.holds.to_dict(),
            "reverses": self.reverses.to_dict() if self.reverses else None,
        }


@dataclass(frozen=True)
class ClaimsReport:
    """Every selected claim's result, with the seed and replications that produced it."""

    registry: str
    seed: int
    replications: int
    overrides: tuple[str, ...]
    results: tuple[ClaimResult, ...]

    @property
    def n_passing(self) -> int:
        """How many claims come out as stated."""
        return sum(r.passes for r in self.results)

    def summary_line(self) -> str:
        """``N of M claims come out as stated``."""
        return f"{self.n_passing} of {len(self.results)} claims come out as stated"

    def to_dict(self) -> dict[str, Any]:
        """Return the content of ``claims.json`` (see ``docs/claims.md``)."""
        return {
            "format": CLAIMS_FORMAT,
            "registry": self.registry,
            "seed": self.seed,
            "replications": self.replications,
            "confidence": CONFIDENCE,
            "overrides": list(self.overrides),
            "claims": [r.to_dict() for r in self.results],
            "passing": self.n_passing,
            "total": len(self.results),
        }

    def to_json(self) -> str:
        """``claims.json``: the same seed gives the same bytes."""
        from zeren_graph.output.escape import json_text  # noqa: PLC0415

        return json_text(self.to_dict(), nonfinite="null") + "\n"


class _Runs:
    """Simulate each (scenario, overrides) once; hand out its per-replication metrics."""

    def __init__(
        self, registry: Registry, seed: int, replications: int, progress: Progress | None
    ) -> None:
        self.registry, self.seed, self.replications = registry, seed, replications
        self.progress = progress
        self.done: dict[tuple[str, tuple[str, ...]], dict[str, Values]] = {}
        self.total = 0

    def values(self, rel: str, extra: tuple[str, ...], metric: str) -> Values:
        key = (rel, extra)
        if key not in self.done:
            scenario = self.registry.scenarios[key]
            if self.progress is not None:
                label = rel + (f" with {', '.join(extra)}" if extra else "")
                self.progress(len(self.done), self.total, label)
            result = simulate(scenario, seed=self.seed, replications=self.replications)
            self.done[key] = per_replication(result.replicas, result.announced)
        if metric not in self.done[key]:
            duties = [k for k in self.done[key] if k.startswith(DUTY_PREFIX)]
            msg = f"{rel} has no duty for the metric {metric!r}"
            hint = f"its duties give {', '.join(duties)}" if duties else "it names no duties"
            raise ScenarioError(Problem("invalid-scenario", msg, file=rel, hint=hint))
        return self.done[key][metric]


def _pair(runs: _Runs, claim: Claim, kind: str, pair: Comparison) -> PairResult:
    metric = claim.metric_of(pair)
    a = runs.values(pair.a, (), metric)
    b: Values | float = pair.b if isinstance(pair.b, float) else runs.values(pair.b, (), metric)
    interval, ok = compare(a, b, pair.direction)
    mean_b = b if isinstance(b, float) else _mean(b)
    without = None
    if isinstance(pair, Reversal):
        extra = override_texts(pair.without)
        a2 = runs.values(pair.a, extra, metric)
        b2: Values | float = (
            pair.b if isinstance(pair.b, float) else runs.values(pair.b, extra, metric)
        )
        iv2, supports = compare(a2, b2, pair.direction)
        without = WithoutResult(extra, iv2, supports)
    return PairResult(kind, pair, metric, _mean(a), mean_b, interval, ok, without)


def _count(claims: Sequence[Claim]) -> int:
    keys: set[tuple[str, tuple[str, ...]]] = set()
    for claim in claims:
        for pair in (claim.holds, claim.reverses):
            if pair is None:
                continue
            keys.update((rel, ()) for rel in pair.scenarios)
            if isinstance(pair, Reversal):
                keys.update((rel, override_texts(pair.without)) for rel in pair.scenarios)
    return len(keys)


def _seed(seed: int | np.random.Generator | None) -> int:
    if isinstance(seed, np.random.Generator):
        return int(seed.integers(SEED_BOUND))
    if seed is None:
        return int(np.random.SeedSequence().entropy) % SEED_BOUND  # type: ignore[arg-type]
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**63:
        msg = f"The 'seed' parameter of run_claims must be an int from 0 to 2**63-1. Got {seed!r}."
        raise ValueError(msg)
    return seed


def run_claims(
    registry: Registry,
    *,
    seed: int | np.random.Generator | None = None,
    replications: int = 40,
    ids: Sequence[str] = (),
    progress: Progress | None = None,
) -> ClaimsReport:
    """Run the claims of ``registry`` (those in ``ids``, or all) and judge each.

    Parameters
    ----------
    registry : Registry
        From :func:`~zeren_graph.sim.claims.registry.load_registry`.
    seed : int, numpy.random.Generator or None
        The seed of every run (the same for both scenarios of a pair: common
        random numbers); None draws fresh entropy, recorded in the report.
    replications : int
        Replications of every run (the paired interval has ``replications − 1``
        degrees of freedom).
    ids : sequence of str
        Claims to run; empty: all. An unknown id raises ScenarioError.
    progress : callable, optional
        Called as ``progress(done, total, label)`` before each simulation.
    """
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 2:
        msg = (
            "The 'replications' parameter of run_claims must be an int >= 2 "
            f"(an interval needs two). Got {replications!r} instead."
        )
        raise ValueError(msg)
    claims = registry.select(ids)
    runs = _Runs(registry, _seed(seed), replications, progress)
    runs.total = _count(claims)
    results = []
    for claim in claims:
        holds = _pair(runs, claim, "holds", claim.holds)
        rev = _pair(runs, claim, "reverses", claim.reverses) if claim.reverses else None
        results.append(ClaimResult(claim, holds, rev))
    if progress is not None:
        progress(runs.total, runs.total, "")
    return ClaimsReport(
        str(registry.path), runs.seed, replications, registry.overrides, tuple(results)
    )
