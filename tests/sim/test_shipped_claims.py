"""The shipped claims registry (scenarios/claims.yaml): every claim comes out as stated.

The registry is run once, with the seed and the 40 replications its contract names; each
claim is then its own test, so a failure names the claim and shows its intervals. The
mechanisms of the decision model, not the scenario files, have to produce both directions:
each reversal must also disappear when its ``without`` switch turns the mechanism off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zeren_graph.sim.claims import ClaimsReport, load_registry, run_claims

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "scenarios" / "claims.yaml"
REQUIRED = (
    "frequent-light-contact",
    "unannounced-beats-announced",
    "joint-liability-helps",
    "leniency-empties-ratings",
    "convenience-bias-hides",
    "collective-is-nobody",
    "hard-indicators-crowd-out",
    "pressure-fades",
)
WITH_REVERSAL = (
    "frequent-light-contact",
    "unannounced-beats-announced",
    "joint-liability-helps",
    "hard-indicators-crowd-out",
    "pressure-fades",
)


@pytest.fixture(scope="module")
def report() -> ClaimsReport:
    return run_claims(load_registry(REGISTRY), seed=1, replications=40)


def test_every_required_claim_is_registered() -> None:
    ids = [c.id for c in load_registry(REGISTRY).claims]
    assert set(REQUIRED) <= set(ids)
    with_reversal = {c.id for c in load_registry(REGISTRY).claims if c.reverses is not None}
    assert set(WITH_REVERSAL) <= with_reversal


@pytest.mark.parametrize("claim_id", [c.id for c in load_registry(REGISTRY).claims])
def test_claim_comes_out_as_stated(report: ClaimsReport, claim_id: str) -> None:
    (result,) = [r for r in report.results if r.claim.id == claim_id]
    shown = result.to_dict()
    assert result.holds.passes, shown["holds"]
    if result.reverses is not None:
        assert result.reverses.passes, shown["reverses"]
