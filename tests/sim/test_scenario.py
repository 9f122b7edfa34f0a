from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from zeren_graph.errors import ScenarioError
from zeren_graph.sim import Action, Rating, Sample, ScheduleKind, load_scenario, simulate
from zeren_graph.sim.loading import apply_overrides, parse_scenario

if TYPE_CHECKING:
    from collections.abc import Callable

    from zeren_graph.sim import Scenario

    Make = Callable[..., Scenario]


MINIMAL = """\
name: half-yearly inspection, five levels
hierarchy:
  levels: [省, 市, 县, 乡镇, 村]      # names of the levels, top first
  span: [1, 4, 5, 6, 8]              # roots, then children per parent at each next level
transmission:
  retention: 0.9                     # share of its parent's pressure a unit passes on
supervision: []                      # schedules, below
accountability: []                   # rules, below
horizon_months: 60
replications: 20
seed: 1
"""


def test_minimal_contract_runs_as_is(tmp_path: Path) -> None:
    path = tmp_path / "最小.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    sc = load_scenario(path)
    assert sc.replications == 20
    assert sc.seed == 1
    result = simulate(sc, replications=2)
    assert [lv["name"] for lv in result.summary()["levels"]] == ["省", "市", "县", "乡镇", "村"]


def test_chinese_words_are_accepted(make: Make) -> None:
    sc = make(
        supervision=[{"kind": "暗访", "rate": 2, "sample": "就近"}],
        accountability=[
            {"when": {"rating": "较差", "consecutive": 3}, "action": "调整书记"},
            {"when": {"rating_at_most": "一般"}, "action": "提醒督办函"},
            {"when": {"bottom": 0.1}, "action": "约谈"},
        ],
    )
    assert sc.supervision[0].kind is ScheduleKind.random
    assert sc.supervision[0].sample is Sample.convenience
    assert not sc.supervision[0].is_announced
    assert sc.accountability[0].when.rating is Rating.poor
    assert [r.action for r in sc.accountability] == [
        Action.replace_leader,
        Action.reminder,
        Action.talk,
    ]


def test_errors_name_every_key_path_and_value(make: Make) -> None:
    with pytest.raises(ScenarioError) as info:
        make(supervision=[{"period": 6}, {"period": 0}], horizon_months=-1)
    text = str(info.value)
    assert "supervision[1].period: must be > 0, got 0" in text
    assert "horizon_months: must be >= 1, got -1" in text
    assert len(info.value.problems) == 2


def test_unknown_key_suggests_the_right_one(make: Make) -> None:
    with pytest.raises(
        ScenarioError, match=r"accountability\[0\]\.acton: unknown key; did you mean 'action'"
    ):
        make(accountability=[{"when": {"rating": "较差"}, "acton": "约谈"}])


def test_unknown_word_is_reported_with_the_value(make: Make) -> None:
    with pytest.raises(ScenarioError, match=r"accountability\[0\]\.action: .*got '批评一下'"):
        make(accountability=[{"when": {"rating": "较差"}, "action": "批评一下"}])


def test_condition_needs_exactly_one_trigger(make: Make) -> None:
    with pytest.raises(ScenarioError, match=r"accountability\[0\]\.when"):
        make(accountability=[{"when": {"rating": "较差", "bottom": 0.1}, "action": "约谈"}])


def test_span_and_levels_must_agree(make: Make) -> None:
    with pytest.raises(ScenarioError, match="hierarchy"):
        parse_scenario({"name": "x", "hierarchy": {"levels": ["省", "市"], "span": [1]}})


def test_unknown_level_is_named_at_run_time(make: Make) -> None:
    sc = make(supervision=[{"by": "省委"}])
    with pytest.raises(ScenarioError, match=r"supervision\[0\]\.by: unknown level '省委'"):
        simulate(sc)


def test_retention_count_must_match_levels(make: Make) -> None:
    with pytest.raises(ScenarioError, match=r"transmission\.retention"):
        simulate(make(transmission={"retention": [0.9, 0.8, 0.7]}))


def test_overrides_parse_yaml_scalars_and_reject_bad_paths(make: Make) -> None:
    data: dict[str, Any] = {"behaviour": {"noise": 0.1}, "supervision": [{"period": 6}]}
    out = apply_overrides(data, ["behaviour.noise=0", "supervision[0].announced=false"])
    assert out["behaviour"]["noise"] == 0
    assert out["supervision"][0]["announced"] is False
    assert data["behaviour"]["noise"] == 0.1  # the input is not changed
    with pytest.raises(ScenarioError, match=r"supervision\[3\]"):
        apply_overrides(data, ["supervision[3].period=1"])
    with pytest.raises(ScenarioError, match=r"key\.path=value"):
        apply_overrides(data, ["behaviour.noise"])


def test_structure_from_a_units_table(tmp_path: Path) -> None:
    (tmp_path / "单位.csv").write_text(
        "单位,上级单位,层级,偏远\n县委,,县,否\n甲镇党委,县委,乡镇,否\n乙镇党委,县委,乡镇,是\n"
        "甲村,甲镇党委,村,否\n乙村,乙镇党委,村,是\n丙村,乙镇党委,村,是\n",
        encoding="utf-8-sig",
    )
    (tmp_path / "场景.yaml").write_text(
        "name: 单位表\nhierarchy: {units: 单位.csv}\nhorizon_months: 12\n"
        "supervision: [{by: 县, over: [村], period: 3, sample: convenience,"
        " bias: 50, budget: 1}]\n",
        encoding="utf-8",
    )
    result = simulate(load_scenario(tmp_path / "场景.yaml"), seed=1)
    st = result.structure
    assert st.level_names == ("县", "乡镇", "村")
    assert st.level_sizes.tolist() == [1, 2, 3]
    assert st.unit_name(int(st.starts[2])) == "甲村"
    assert st.remote.tolist() == [0, 0, 1, 0, 1, 1]
    # a very strong convenience bias sends the single visit to the one near village
    assert result.replicas[0].inspections[2].sum() == 4
    assert result.levels[2]["visits_mean"] == pytest.approx(4 / 3)


def test_structure_from_a_model_file(tmp_path: Path) -> None:
    (tmp_path / "模型.yaml").write_text(
        "units:\n- {id: 县委, level: 县}\n- {id: 甲镇, parent: 县委, level: 乡镇, remote: true}\n"
        "- {id: 乙镇, parent: 县委, level: 乡镇}\n- {id: 甲村, parent: 甲镇}\n",
        encoding="utf-8",
    )
    (tmp_path / "场景.yaml").write_text(
        "name: 模型\nhierarchy: {model: 模型.yaml}\nhorizon_months: 2\n", encoding="utf-8"
    )
    result = simulate(load_scenario(tmp_path / "场景.yaml"), seed=1)
    assert result.level_names == ("县", "乡镇", "第3级")
    assert [lv["final_pressure"] for lv in result.levels] == pytest.approx([1, 0.9, 0.81])
    assert result.structure.remote.tolist() == [0, 1, 0, 0]


def test_level_names_must_cover_the_file(tmp_path: Path) -> None:
    (tmp_path / "单位.csv").write_text("单位,上级单位\n县委,\n甲镇,县委\n", encoding="utf-8")
    (tmp_path / "场景.yaml").write_text(
        "name: x\nhierarchy: {units: 单位.csv, levels: [县]}\n", encoding="utf-8"
    )
    with pytest.raises(
        ScenarioError, match=r"hierarchy\.levels: names 1 levels but the file has 2"
    ):
        simulate(load_scenario(tmp_path / "场景.yaml"))


def test_structure_file_errors_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "场景.yaml").write_text("name: x\nhierarchy: {units: 没有.csv}\n", encoding="utf-8")
    with pytest.raises(OSError, match="没有"):
        simulate(load_scenario(tmp_path / "场景.yaml"))


def test_random_visits_cannot_be_announced_or_budgeted(make: Make) -> None:
    with pytest.raises(ScenarioError, match="cannot be announced"):
        make(supervision=[{"kind": "random", "announced": True}])
    with pytest.raises(ScenarioError, match="'budget' applies to periodic schedules"):
        make(supervision=[{"kind": "random", "budget": 3}])
