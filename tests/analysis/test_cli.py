"""``zeren trace`` and ``zeren diff`` through their parsers (exit codes, output, errors)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from zeren_graph.cli import _common
from zeren_graph.cli import diff as diff_cmd
from zeren_graph.cli import trace as trace_cmd

UNITS = (
    "单位,上级单位,类型\n县委,,党委\n县纪委,县委,纪委\n甲镇党委,县委,党委\n丙村支部,甲镇党委,支部\n"
)
HEADER = "职责,责任单位,岗位,责任人,责任类型,责任范围\n"
ROWS = [
    "三会一课,丙村支部,书记,,第一责任人,",
    "三会一课,甲镇党委,组织委员,李四,监督责任,丙村支部",
    "组织生活,甲镇党委,书记,张三,第一责任人,",
    "组织生活,县纪委,,,监督责任,甲镇党委",
    "党员发展,甲镇党委,组织委员,李四,牵头,",
    "党员发展,县纪委,书记,赵纪,监督责任,甲镇党委",
    "全面从严治党,县委,书记,王县,第一责任人,",
]


def zeren(argv: Sequence[str]) -> int:
    parser = _common.ZerenArgumentParser(prog="zeren")
    sub = parser.add_subparsers(dest="command", required=True)
    trace_cmd.register(sub)
    diff_cmd.register(sub)
    return _common.run_guarded(parser.parse_args(list(argv)))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    def write(name: str, rows: list[str]) -> str:
        path = tmp_path / name
        path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
        return str(path)

    units = tmp_path / "单位表.csv"
    units.write_text(UNITS, encoding="utf-8")
    new_rows = [r for r in ROWS if not r.startswith("党员发展,甲镇党委")]
    new_rows[1] = "三会一课,甲镇党委,组织委员,李四,配合,丙村支部"  # supervisory → support
    return {
        "units": str(units),
        "old": write("旧清单.csv", ROWS),
        "new": write("新清单.csv", new_rows),
    }


def test_trace_text_reaches_the_root(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["trace", files["old"], "三会一课", "--scope", "丙村支部", "--units", files["units"]]
    assert zeren([*argv, "--lang", "zh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("1. 责任人: 丙村支部/书记 [第一责任人] — (空缺) (")
    assert lines[1].endswith("旧清单.csv:2)")
    assert lines[4].startswith("4. 上级甲镇党委第一责任人: 甲镇党委/书记 [第一责任人] — 张三")
    assert lines[-1] == "追溯至最高层级:县委"


def test_trace_json(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["trace", files["old"], "三会一课", "--units", files["units"], "--format", "json"]
    assert zeren(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["duty"], doc["scope"], doc["root"]) == ("丙村支部/三会一课", "丙村支部", "县委")
    assert [s["kind"] for s in doc["steps"]] == [
        "owner",
        "first_responsible",
        "supervisor",
        "superior",
        "superior",
    ]
    assert doc["steps"][2]["persons"] == ["李四"]


def test_trace_unknown_duty_exits_2_with_suggestion(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert zeren(["trace", files["old"], "三会", "--units", files["units"]]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "did you mean '三会一课'?" in captured.err
    assert "Traceback" not in captured.err


def test_trace_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert zeren(["trace", str(tmp_path / "无.csv"), "三会一课"]) == 2
    assert "zeren trace: error" in capsys.readouterr().err


def test_trace_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        zeren(["trace", "清单.csv", "三会一课", "--format", "xml"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_diff_exit_codes(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    base = ["diff", files["old"], files["new"], "--units", files["units"]]
    assert zeren(base) == 1  # ZG101 introduced: 党员发展 lost its owner
    assert zeren([*base, "--fail-on", "never"]) == 0
    same = ["diff", files["old"], files["old"], "--units", files["units"], "--fail-on", "info"]
    assert zeren(same) == 0
    out = capsys.readouterr().out
    assert "findings introduced: 0" in out


def test_diff_json_shape(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["diff", files["old"], files["new"], "--units", files["units"], "--format", "json"]
    zeren([*argv, "--lang", "zh"])
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == {"summary", "introduced", "resolved", "assignments", "posts"}
    codes = {(f["code"], tuple(f["subjects"])) for f in doc["introduced"]}
    assert ("ZG101", ("甲镇党委/党员发展",)) in codes
    assert ("ZG104", ("丙村支部/三会一课",)) in codes
    first = doc["introduced"][0]
    assert set(first) == {"code", "rule", "severity", "subjects", "message", "sources"}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first["message"])
    (change,) = doc["assignments"]["changed"]
    assert (change["old"]["role"], change["new"]["role"], change["fields"]) == (
        "supervisory",
        "support",
        ["role"],
    )
    assert [a["duty"] for a in doc["assignments"]["removed"]] == ["甲镇党委/党员发展"]
    assert doc["summary"]["assignments_changed"] == 1


def test_diff_markdown(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["diff", files["old"], files["new"], "--units", files["units"], "--format", "markdown"]
    zeren(argv)
    out = capsys.readouterr().out
    assert out.startswith("## Findings introduced (")
    assert "| error | ZG101 | unowned-duty | 甲镇党委/党员发展 |" in out
    assert "~ 丙村支部/三会一课 ← 甲镇党委/组织委员: role: supervisory → support" in out


def test_diff_units_new_and_bad_config(
    files: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["diff", files["old"], files["old"], "--units", files["units"]]
    assert zeren([*argv, "--units-new", files["units"]]) == 0
    bad = tmp_path / "zeren.yaml"
    bad.write_text("rules:\n  ZG999: off\n", encoding="utf-8")
    assert zeren([*argv, "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "ZG999" in err
    assert "Traceback" not in err


def test_wired_into_zeren_main(files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    from zeren_graph.cli import main

    argv = ["trace", files["old"], "党员发展", "--units", files["units"], "--format", "json"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out)["root"] == "县委"
    assert main(["diff", files["old"], files["new"], "--units", files["units"]]) == 1
