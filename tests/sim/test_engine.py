from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from zeren_graph.sim import simulate

if TYPE_CHECKING:
    from collections.abc import Callable

    from zeren_graph.sim import Scenario

    Make = Callable[..., Scenario]

LADDER = [
    {"name": "一般约谈", "when": {"rating": "一般"}, "action": "约谈"},
    {"name": "较差整改", "when": {"rating": "较差"}, "action": "限期整改", "deadline": 3},
    {"name": "连续三年较差", "when": {"rating": "较差", "consecutive": 3}, "action": "调整书记"},
]
ASSESS = [{"by": "县", "period": 12, "assess": True, "boost": 0}]


def test_same_seed_gives_identical_files(make: Make, tmp_path: Path) -> None:
    sc = make(
        supervision=[*ASSESS, {"kind": "暗访", "by": "县", "rate": 3}],
        accountability=LADDER,
        replications=3,
    )
    for name in ("a", "b"):
        simulate(sc, seed=9).save(tmp_path / name, plots=False)
    for file in ("summary.json", "timeseries.csv", "events.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()
    simulate(sc, seed=10).save(tmp_path / "c", plots=False)
    assert (tmp_path / "c" / "timeseries.csv").read_bytes() != (
        tmp_path / "a" / "timeseries.csv"
    ).read_bytes()


def test_seed_accepts_a_generator_and_records_the_seed(make: Make) -> None:
    r1 = simulate(make(), seed=np.random.default_rng(1))
    r2 = simulate(make(), seed=np.random.default_rng(1))
    assert r1.seed == r2.seed
    assert r1.summary()["seed"] == r1.seed


def test_common_random_numbers_across_scenarios(make: Make) -> None:
    visits = {"name": "暗访", "kind": "random", "by": "县", "over": ["村"], "rate": 4}
    base = simulate(make(supervision=[visits]), seed=1)
    more = simulate(make(supervision=[visits, {"by": "县", "over": ["乡镇"], "period": 3}],
                         accountability=LADDER), seed=1)  # fmt: skip
    village = np.s_[2]
    np.testing.assert_array_equal(
        base.replicas[0].inspections[village], more.replicas[0].inspections[village]
    )


def test_replications_differ_and_give_intervals(make: Make) -> None:
    sc = make(supervision=[{"kind": "暗访", "by": "县", "rate": 6, "boost": 0.2}], replications=4)
    result = simulate(sc, seed=2)
    finals = [rep.means[2, -1, 0] for rep in result.replicas]
    assert len(set(finals)) > 1
    lo, hi = result.levels[2]["final_pressure_interval"]
    assert lo <= result.levels[2]["final_pressure"] <= hi


def test_ladder_replaces_after_three_poor_years_and_resets_the_run(make: Make) -> None:
    sc = make(
        supervision=ASSESS,
        accountability=LADDER,
        ratings={"independent": {"poor": 1.0}},
        horizon_months=72,
    )
    events = simulate(sc, seed=1).to_frame("events")
    replaced = events[events["action"] == "replace"]
    assert sorted(set(replaced["month"])) == [36, 72]  # the run starts again after 36
    assert len(replaced) == 2 * 24  # every town and village, twice
    assert set(replaced["action_zh"]) == {"调整书记"}
    recheck = events[events["action"] == "reinspection"]
    assert set(recheck["month"]) == {15, 27, 39, 51, 63}
    assert (events[events["action"] == "talk"]).empty


def test_joint_liability_reaches_the_supervising_unit(make: Make) -> None:
    rule = {"when": {"rating": "较差"}, "action": "通报批评"}
    plain = make(supervision=ASSESS, accountability=[rule], ratings={"independent": {"poor": 1}})
    joint = make(
        supervision=ASSESS,
        accountability=[rule],
        ratings={"independent": {"poor": 1}},
        joint_liability=True,
    )
    ev_plain = simulate(plain, seed=1).to_frame("events")
    result = simulate(joint, seed=1)
    ev = result.to_frame("events")
    extra = ev[ev["joint"]]
    assert len(ev) > len(ev_plain)
    assert set(extra["level_name"]) == {"县", "乡镇"}
    assert extra["why"].str.startswith("一案双查").all()
    assert result.levels[0]["sanctions"] > 0


def test_final_rule_stops_later_rules(make: Make) -> None:
    rules = [
        {"when": {"rating_at_most": "一般"}, "action": "约谈", "final": True},
        {"when": {"rating": "较差"}, "action": "通报批评"},
    ]
    ev = simulate(
        make(supervision=ASSESS, accountability=rules, ratings={"independent": {"poor": 1}}), seed=1
    ).to_frame("events")
    assert set(ev["action"]) == {"talk"}


def test_bottom_share_is_ranked_per_level(make: Make) -> None:
    rules = [{"when": {"bottom": 0.1, "levels": ["村"]}, "action": "约谈"}]
    ev = simulate(
        make(supervision=ASSESS, accountability=rules, behaviour={"noise": 0.1}), seed=1
    ).to_frame("events")
    assert set(ev["level_name"]) == {"村"}
    assert len(ev) == 2 * 2  # ceil(10 % of 20) villages, two assessments


def test_budget_caps_units_per_supervisor_and_risk_takes_the_worst(make: Make) -> None:
    sc = make(
        supervision=[
            {"by": "乡镇", "over": ["村"], "period": 1, "sample": "risk", "budget": 2, "boost": 0}
        ],
        behaviour={"noise": 0.0},
    )
    rep = simulate(sc, seed=1).replicas[0]
    assert rep.inspections[2].tolist() == [8] * 24


def test_anticipation_moves_effort_towards_known_dates(make: Make) -> None:
    sc = make(
        supervision=[{"by": "县", "period": 6, "boost": 0}],
        behaviour={"anticipation": 0.5, "noise": 0},
        transmission={"retention": 0.5},
    )
    result = simulate(sc, seed=1)
    effort = result.replicas[0].means[2, :, 1]
    assert effort[5] > effort[4] > effort[0]  # month 6 is the date
    assert effort[6] < effort[5]
    assert effort.mean() == pytest.approx(0.25, rel=1e-9)  # same mean, other timing
    assert result.metrics["anticipation_spike"] > 1.2


def test_progress_reports_every_month(make: Make) -> None:
    seen: list[tuple[int, int]] = []
    simulate(make(replications=2, horizon_months=5), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (10, 10)
    assert len(seen) == 10
