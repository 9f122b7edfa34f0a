"""Findings a reader of the document agrees with (issue 7 §4): ZG102, ZG104, ZG403, ZG107."""

from __future__ import annotations

import pytest

from zeren_graph.checks import CheckConfig, check
from zeren_graph.errors import ConfigError
from zeren_graph.model import Duty, Post, Supervision, Unit

from .helpers import build, run, subjects_of

DUTY = "区委/营商环境优化"
SUP = "区纪委/书记"


@pytest.mark.parametrize("unit", ["区发改局", "组织部", "区政府办公室", "县教育局", "宣传部"])
def test_zg102_silent_for_a_department_as_a_whole(unit: str) -> None:
    assert run(build([(DUTY, unit, "牵头")]), "ZG102") == []


@pytest.mark.parametrize(
    "unit", ["乙镇党委", "教育局党组", "机关党工委", "甲村党支部", "党建工作领导小组", "领导班子"]
)
def test_zg102_fires_for_a_collective_body_with_nobody_answering(unit: str) -> None:
    assert subjects_of(build([(DUTY, unit, "主体责任")]), "ZG102") == [(DUTY, unit)]


def test_zg102_kind_decides_over_the_name() -> None:
    as_department = Unit(id="乙镇党委", kind="部门")
    assert run(build([(DUTY, "乙镇党委", "主体责任")], units=[as_department]), "ZG102") == []
    group = Unit(id="营商专班", kind="领导小组")
    assert len(run(build([(DUTY, "营商专班", "牵头")], units=[group]), "ZG102")) == 1


def test_zg102_silent_when_the_body_has_a_secretary_anywhere() -> None:
    rows = [(DUTY, "乙镇党委", "主体责任"), ("乙镇党委/党建", "乙镇党委/书记", "第一责任人")]
    assert run(build(rows), "ZG102") == []
    vacant_secretary = Post(id="乙镇党委/党委书记", unit="乙镇党委", title="党委书记")
    m = build([(DUTY, "乙镇党委", "主体责任")], extra_posts=[vacant_secretary])
    assert run(m, "ZG102") == []  # a secretary post, even vacant, names who answers (ZG103's)


def test_zg102_first_responsible_row_of_another_post_counts() -> None:
    rows = [(DUTY, "乙镇党委", "主体责任"), ("乙镇党委/党建", "乙镇党委/主要负责人", "第一责任人")]
    assert run(build(rows), "ZG102") == []


def test_zg102_needs_every_owner_unanswered() -> None:
    rows = [(DUTY, "乙镇党委", "主体责任"), (DUTY, "区发改局", "牵头")]
    assert run(build(rows), "ZG102") == []
    rows = [(DUTY, "乙镇党委", "主体责任"), (DUTY, "丙镇党委", "主体责任")]
    rows.append(("丙镇党委/党建", "丙镇党委/书记", "第一责任人"))
    assert run(build(rows), "ZG102") == []


def test_zg102_leaves_placeholders_to_zg107() -> None:
    m = build([(DUTY, "各乡镇党委", "牵头")])
    assert run(m, "ZG102") == []
    assert subjects_of(m, "ZG107") == [(DUTY, "各乡镇党委")]


def test_zg107_fires_only_when_every_owner_is_a_placeholder() -> None:
    rows = [(DUTY, "各有关部门", "牵头"), (DUTY, "区直各部门", "牵头"), (DUTY, "区财政局", "配合")]
    m = build(rows)
    (f,) = run(m, "ZG107")
    assert (f.subjects, f.severity, f.rule) == (
        (DUTY, "区直各部门", "各有关部门"),
        "warning",
        "vague-holder",
    )
    assert [str(s) for s in f.sources] == ["清单.csv:2", "清单.csv:3"]
    assert run(build([(DUTY, "各有关部门", "牵头"), (DUTY, "区发改局", "牵头")]), "ZG107") == []
    assert run(build([(DUTY, "区发改局", "牵头"), (DUTY, "各街道", "配合")]), "ZG107") == []


def test_zg107_counts_posts_of_a_placeholder_and_ignores_real_names() -> None:
    assert len(run(build([(DUTY, "各乡镇党委/书记", "第一责任人")]), "ZG107")) == 1
    assert run(build([(DUTY, "各庄村党支部", "主体责任")]), "ZG107") == []


def test_zg104_whole_document_supervision_from_the_config() -> None:
    m = build([(DUTY, "区委/书记", "第一责任人"), ("区委/党建", "区委/书记", "第一责任人")])
    assert len(run(m, "ZG104")) == 2
    assert run(m, "ZG104", supervision=["区纪委"]) == []
    assert run(m, "ZG104", supervision={"units": "区委督查室", "note": "全部任务督办"}) == []
    assert run(m, "ZG104", supervision="区纪委") == []


def test_zg104_a_supervision_record_naming_the_duty_supervises_it() -> None:
    record = Supervision(supervisor="区纪委", supervised="区委", duty=DUTY)
    m = build([(DUTY, "区委/书记", "第一责任人")], units=["区纪委"], supervisions=[record])
    assert run(m, "ZG104") == []


def test_zg104_a_unit_inspection_does_not_supervise_each_duty() -> None:
    record = Supervision(supervisor="区纪委", supervised="区委", period=6)
    m = build([(DUTY, "区委/书记", "第一责任人")], units=["区纪委"], supervisions=[record])
    assert subjects_of(m, "ZG104") == [(DUTY,)]


def test_supervision_config_is_validated_with_key_paths() -> None:
    with pytest.raises(ConfigError, match=r"supervision: unknown key 'unit'; did you mean 'units'"):
        CheckConfig.from_mapping({"supervision": {"unit": ["区纪委"]}})
    with pytest.raises(ConfigError, match="did you mean 'supervision'"):
        CheckConfig.from_mapping({"supervison": ["区纪委"]})
    with pytest.raises(ConfigError, match="at least one supervising unit"):
        CheckConfig.from_mapping({"supervision": []})
    with pytest.raises(ConfigError, match="a unit's name, a list of names"):
        CheckConfig.from_mapping({"supervision": 3})
    cfg = CheckConfig.from_mapping({"supervision": {"units": ["　区纪委 "], "note": "统一监督"}})
    assert cfg.supervision is not None
    assert cfg.supervision.units == ("区纪委",)


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("地区生产总值增长5.5%左右", {}),
        ("农村党员培训", {"frequency": "每季度至少1次"}),
        ("三会一课", {"frequency": "每月"}),
        ("完成换届选举", {"frequency": "2024年6月底前"}),
    ],
)
def test_zg403_silent_when_the_text_or_a_frequency_states_a_target(
    name: str, fields: dict[str, str]
) -> None:
    duty = f"区委/{name}"
    assert run(build([(duty, "区委/书记", "第一责任人", fields)]), "ZG403") == []


def test_zg403_duty_frequency_counts_and_qualitative_frequency_does_not() -> None:
    duty = Duty(id=DUTY, name="营商环境优化", scope="区委", frequency="每半年")
    assert run(build([(DUTY, "区委/书记", "牵头")], duties=[duty]), "ZG403") == []
    vague = Duty(id=DUTY, name="营商环境优化", scope="区委", frequency="长期坚持")
    (f,) = run(build([(DUTY, "区委/书记", "牵头")], duties=[vague]), "ZG403")
    assert "量化目标" in f.message_zh


def test_zg403_slogans_with_numerals_are_not_targets() -> None:
    for name in ("落实“两个责任”", "三会一课", "一岗双责", "增强“四个意识”"):
        assert len(run(build([(f"区委/{name}", "区委/书记", "牵头")]), "ZG403")) == 1, name


def test_new_rule_is_in_the_report_and_json_shape_is_unchanged() -> None:
    report = check(build([(DUTY, "各有关部门", "牵头")], hierarchy=False))
    assert [f.code for f in report.findings] == ["ZG104", "ZG107", "ZG403"]
    assert (report.summary.warning, report.summary.info) == (2, 1)
