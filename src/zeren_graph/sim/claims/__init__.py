"""Claims the model can answer either way: a registry of scenario pairs, run and judged.

* :mod:`~zeren_graph.sim.claims.registry`: the registry file (``scenarios/claims.yaml``),
  validated with every problem at once;
* :mod:`~zeren_graph.sim.claims.stats`: paired differences and their Student-t interval;
* :mod:`~zeren_graph.sim.claims.runner`: running the pairs with common random numbers,
  the verdicts, ``claims.json``;
* :mod:`~zeren_graph.sim.claims.phase`: two-parameter phase diagrams of where a claim
  holds (``docs/validation.md``).

The format and the statistics are described in ``docs/claims.md``.

Examples
--------
>>> round(t_quantile(39), 4)
2.0227
"""

from __future__ import annotations

from zeren_graph.sim.claims.phase import Axis, PhaseCell, PhaseGrid, phase_grid, verdict
from zeren_graph.sim.claims.registry import (
    Claim,
    Comparison,
    Registry,
    Reversal,
    load_registry,
    override_texts,
)
from zeren_graph.sim.claims.runner import (
    CLAIMS_FORMAT,
    ClaimResult,
    ClaimsReport,
    PairResult,
    WithoutResult,
    compare,
    run_claims,
)
from zeren_graph.sim.claims.stats import PairedInterval, paired_interval, t_quantile

__all__ = [
    "CLAIMS_FORMAT",
    "Axis",
    "Claim",
    "ClaimResult",
    "ClaimsReport",
    "Comparison",
    "PairResult",
    "PairedInterval",
    "PhaseCell",
    "PhaseGrid",
    "Registry",
    "Reversal",
    "WithoutResult",
    "compare",
    "load_registry",
    "override_texts",
    "paired_interval",
    "phase_grid",
    "run_claims",
    "t_quantile",
    "verdict",
]
