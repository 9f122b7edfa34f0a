"""``zeren check``: exit codes, formats, languages, config discovery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zeren_graph.cli import _common
from zeren_graph.cli import check as check_cmd

UNITS = (
    "单位,上级单位,类型,层级\n县委,,党委,县\n县纪委,县委,纪委,县\n"
    "乙镇党委,县委,党委,乡镇\n乙镇政府,县委,政府,乡镇\n乙镇党建领导小组,乙镇党委,领导小组,乡镇\n"
)
HEAD = "职责,责任范围,责任单位,岗位,责任人,责任类型,考核指标\n"
GOOD = (
    "组织生活,乙镇党委,乙镇党委,书记,张三,第一责任人,每月1次\n"
    "组织生活,乙镇党委,县纪委,书记,李四,监督责任,\n"
    "基层组织建设,县委,县委,书记,王五,第一责任人,年度考核\n"
    "基层组织建设,县委,县纪委,书记,李四,监督责任,\n"
    "安全生产,乙镇政府,乙镇政府,镇长,赵六,第一责任人,零事故\n"
    "安全生产,乙镇政府,县纪委,书记,李四,监督责任,\n"
    "党建例会,乙镇党建领导小组,乙镇党委,书记,张三,第一责任人,每月1次\n"
    "党建例会,乙镇党建领导小组,县纪委,书记,李四,监督责任,\n"
)
# 安全生产 is held by the leading group as a whole, and no post of it answers anywhere (ZG102);
# the same duty held by 乙镇党委 and 乙镇政府 as a whole would not fire: the committee has a
# secretary, and a government answers through its head.
BAD = (
    "安全生产,乙镇党委,乙镇党建领导小组,,,主体责任,\n"
    "安全生产,乙镇党委,乙镇党建领导小组,,,牵头,\n"
    "宣传教育,乙镇党委,乙镇党委,,,主体责任,\n宣传教育,乙镇党委,乙镇政府,,,主体责任,\n"
)


def _zeren(argv: list[str]) -> int:
    parser = _common.ZerenArgumentParser(prog="zeren")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd.register(sub)
    return _common.run_guarded(parser.parse_args(argv))


@pytest.fixture
def lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    (tmp_path / "单位表.csv").write_text(UNITS, encoding="utf-8")
    (tmp_path / "good.csv").write_text(HEAD + GOOD, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(HEAD + GOOD + BAD, encoding="utf-8")
    return tmp_path


def test_clean_list_exits_0(lists: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _zeren(["check", "good.csv", "--units", "单位表.csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("0 errors, 0 warnings, 0 info, 0 suppressed")
    assert "\x1b[" not in out  # not a terminal


def test_errors_exit_1_and_fail_on_never_exits_0(lists: Path) -> None:
    assert _zeren(["check", "bad.csv", "--units", "单位表.csv"]) == 1
    assert _zeren(["check", "bad.csv", "--units", "单位表.csv", "--fail-on", "never"]) == 0


def test_fail_on_warning_and_info(lists: Path) -> None:
    (lists / "soft.csv").write_text(
        HEAD + "组织生活,乙镇党委,乙镇党委,书记,张三,第一责任人,\n", encoding="utf-8"
    )
    args = ["check", "soft.csv", "--units", "单位表.csv"]
    assert _zeren(args) == 0  # ZG104 warning, ZG403 info
    assert _zeren([*args, "--fail-on", "warning"]) == 1
    assert _zeren([*args, "--fail-on", "info", "--config", "c.yaml"]) == 2  # missing config
    (lists / "c.yaml").write_text(
        "rules:\n  ZG104: off\n  ZG403: off\n  ZG105: off\n", encoding="utf-8"
    )
    assert _zeren([*args, "--fail-on", "info", "--config", "c.yaml"]) == 0


def test_json_contract(lists: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        _zeren(["check", "bad.csv", "--units", "单位表.csv", "--format", "json", "--lang", "zh"])
        == 1
    )
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"summary", "findings", "suppressed"}
    s = doc["summary"]
    assert (s["units"], s["rows"], s["assignments"], s["error"]) == (5, 12, 12, 2)
    assert {"posts", "persons", "duties", "warning", "info", "suppressed", "coverage"} <= set(s)
    first = doc["findings"][0]
    assert set(first) == {"code", "rule", "severity", "subjects", "message", "sources"}
    assert (first["code"], first["rule"], first["severity"]) == (
        "ZG102",
        "collective-only",
        "error",
    )
    assert first["sources"] == ["bad.csv:10", "bad.csv:11"]
    assert "集体负责" in first["message"]


def test_markdown_and_chinese_text(lists: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _zeren(["check", "bad.csv", "--units", "单位表.csv", "--format", "markdown"])
    assert capsys.readouterr().out.startswith("## zeren check: 2 errors")
    _zeren(["check", "bad.csv", "--units", "单位表.csv", "--lang", "zh", "--color", "always"])
    out = capsys.readouterr().out
    assert "错误 (2)" in out
    assert "\x1b[" in out


def test_config_in_the_current_directory_is_used(lists: Path) -> None:
    args = ["check", "bad.csv", "--units", "单位表.csv"]
    (lists / "pyproject.toml").write_text(
        '[tool.zeren.rules]\ncollective-only = false\nmultiple-primary = "warning"\n',
        encoding="utf-8",
    )
    assert _zeren(args) == 0
    assert _zeren([*args, "--no-config"]) == 1


def test_bad_input_exits_2_without_traceback(
    lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _zeren(["check", "nope.csv"]) == 2
    assert "nope.csv" in capsys.readouterr().err
    (lists / "zeren.yaml").write_text("rules:\n  ZG1O1: off\n", encoding="utf-8")
    assert _zeren(["check", "good.csv", "--units", "单位表.csv"]) == 2
    err = capsys.readouterr().err
    assert "zeren.yaml" in err
    assert "did you mean 'ZG101'?" in err
    assert "Traceback" not in err


def test_usage_error_exits_2(lists: Path) -> None:
    with pytest.raises(SystemExit) as info:
        _zeren(["check", "good.csv", "--format", "xml"])
    assert info.value.code == 2


def test_no_color_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert check_cmd._use_color("auto") is False
    monkeypatch.delenv("NO_COLOR")
    assert check_cmd._use_color("auto") is True
