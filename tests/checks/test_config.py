"""Configuration: files, rules, constraints (ZG901) and exceptions (ZG902)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from zeren_graph.checks import CheckConfig, check, find_config, load_config
from zeren_graph.errors import ConfigError

from .helpers import build, codes, run

DUTY = "乙镇党委/组织生活"
SEC = "乙镇党委/书记"


def test_yaml_config_disables_rules_and_changes_severity(tmp_path: Path) -> None:
    path = tmp_path / "zeren.yaml"
    path.write_text("rules:\n  ZG104: off\n  unmeasurable-duty: error\n", encoding="utf-8")
    report = check(build([(DUTY, SEC, "牵头")]), config=path)
    assert codes(report) == ["ZG403"]
    assert report.findings[0].severity == "error"


def test_pyproject_tool_zeren_table(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[tool.zeren.rules.ZG403]\nenabled = false\n\n'
        '[[tool.zeren.exceptions]]\nrule = "ZG104"\nsubjects = ["乙镇党委/组织生活"]\n'
        'reason = "由县委巡察组监督"\nexpires = 2030-01-01\n',
        encoding="utf-8",
    )
    report = check(
        build([(DUTY, SEC, "牵头")]), config=load_config(path), today=dt.date(2026, 1, 1)
    )
    assert codes(report) == []
    assert report.summary.suppressed == 1
    assert report.suppressed[0].exception.reason == "由县委巡察组监督"


def test_find_config_prefers_zeren_yaml_and_skips_pyproject_without_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[tool.zeren]\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    (tmp_path / ".zeren.yaml").write_text("{}\n", encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / ".zeren.yaml"


def test_config_errors_name_file_and_key_path_all_at_once(tmp_path: Path) -> None:
    path = tmp_path / "zeren.yaml"
    path.write_text(
        "rules:\n  ZG1O1: off\n  ZG203:\n    min_shard: 2\n    severity: fatal\n"
        "exceptions:\n  - rule: ZG101\n"
        "  - rule: unowned-duty\n    reason: 试点\n    expires: 明年\n"
        "constraint: []\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(path)
    problems = info.value.problems
    paths = {p.path for p in problems}
    assert {"rules.ZG1O1", "rules.ZG203.min_shard", "rules.ZG203.severity", "constraint"} <= paths
    assert "exceptions[0].reason" in paths
    assert "exceptions[1].expires" in paths
    assert all(p.file == str(path) for p in problems)
    by_path = {p.path: p for p in problems}
    assert by_path["rules.ZG203.min_shard"].hint == "did you mean 'min_shared'?"
    assert by_path["constraint"].hint == "did you mean 'constraints'?"


def test_unknown_exception_rule_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown rule 'ZG999'"):
        CheckConfig.from_mapping({"exceptions": [{"rule": "ZG999", "reason": "x"}]})


def test_threshold_must_be_whole_for_counts() -> None:
    with pytest.raises(ConfigError, match="whole number"):
        CheckConfig.from_mapping({"rules": {"ZG203": {"min_shared": 2.5}}})


def test_pyproject_errors_carry_the_tool_zeren_prefix(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.zeren.rules]\nZG777 = false\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.problems[0].path == "tool.zeren.rules.ZG777"


def test_constraint_exactly_one_first_responsible_per_unit() -> None:
    rows = [
        (DUTY, SEC, "第一责任人"),
        ("乙镇党委/安全生产", "乙镇党委/镇长", "第一责任人"),
        ("甲镇党委/组织生活", "甲镇党委/书记", "第一责任人"),
        ("丙镇党委/组织生活", "丙镇党委/书记", "牵头"),
    ]
    cfg = {"constraints": [{"role": "第一责任人", "per": "unit", "exactly": 1}]}
    found = run(build(rows), "ZG901", **cfg)
    assert [f.subjects for f in found] == [
        ("丙镇党委",),
        ("乙镇党委", "乙镇党委/书记", "乙镇党委/镇长"),
    ]
    assert all(f.rule == "role-cardinality" for f in found)


def test_constraint_at_least_one_supervisory_per_duty_with_severity() -> None:
    rows = [
        (DUTY, SEC, "牵头"),
        ("乙镇党委/安全生产", SEC, "牵头"),
        ("乙镇党委/安全生产", "县纪委/书记", "监督"),
    ]
    cfg = {"constraints": [{"role": "supervisory", "per": "duty", "min": 1, "severity": "error"}]}
    (f,) = run(build(rows), "ZG901", **cfg)
    assert (f.subjects, f.severity) == ((DUTY,), "error")


def test_constraint_needs_a_bound() -> None:
    with pytest.raises(ConfigError, match="exactly"):
        CheckConfig.from_mapping({"constraints": [{"role": "lead", "per": "duty"}]})


EXC = {
    "rule": "ZG101",
    "subjects": [DUTY],
    "reason": "新设职责,待党委会分工",
    "approved_by": "县委组织部",
}


def test_valid_exception_suppresses_and_counts() -> None:
    m = build([(DUTY, SEC, "配合")])
    report = check(m, config={"exceptions": [EXC]})
    assert "ZG101" not in codes(report)
    assert report.summary.suppressed == 1
    assert report.suppressed[0].finding.subjects == (DUTY,)


def test_exception_on_expiry_day_still_applies_and_expires_after() -> None:
    m = build([(DUTY, SEC, "配合")])
    cfg = {"exceptions": [{**EXC, "expires": "2026-06-30"}]}
    on_day = check(m, config=cfg, today=dt.date(2026, 6, 30))
    assert "ZG101" not in codes(on_day)
    assert "ZG902" not in codes(on_day)
    after = check(m, config=cfg, today=dt.date(2026, 7, 1))
    assert "ZG101" in codes(after)
    (expired,) = [f for f in after.findings if f.code == "ZG902"]
    assert expired.rule == "expired-exception"
    assert "2026-06-30" in expired.message
    assert after.summary.suppressed == 0


def test_exception_pattern_matches_subjects_by_glob() -> None:
    m = build([(DUTY, SEC, "配合"), ("甲镇党委/组织生活", "甲镇党委/书记", "配合")])
    cfg = {"exceptions": [{"rule": "unowned-duty", "pattern": "乙镇*", "reason": "撤并中"}]}
    report = check(m, config=cfg)
    assert [f.subjects for f in report.findings if f.code == "ZG101"] == [("甲镇党委/组织生活",)]
    assert report.summary.suppressed == 1


def test_exception_for_other_subjects_does_not_match() -> None:
    m = build([(DUTY, SEC, "配合")])
    cfg = {"exceptions": [{**EXC, "subjects": ["甲镇党委/组织生活"]}]}
    report = check(m, config=cfg)
    assert "ZG101" in codes(report)
    assert report.summary.suppressed == 0
