"""ZG108 no-leader and ZG405 no-deadline: empty cells of a column the layout has.

Both rules run only when the model records that its source had the column
(``ResponsibilityModel.row_fields``): a task table's 责任领导 (``leader``), a
完成时限 column of any layout (``deadline``).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import yaml

from zeren_graph.checks import check
from zeren_graph.cli import _common
from zeren_graph.cli import check as check_cmd
from zeren_graph.io import dump_yaml, load, parse_document, read
from zeren_graph.model import ResponsibilityModel

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT / "scenarios" / "lists"
PUBLISHED = LISTS / "published"
CODES = ("ZG108", "ZG405")

TITLE = "乙镇党委2024年重点任务分工\n"
TASKS = (
    TITLE + "序号,重点任务,牵头单位,配合单位,责任领导,完成时限\n"
    "1,发展党员,镇党建办,镇团委,镇党委委员、组织委员张敏,2024年12月\n"
    "2,整顿软弱涣散党组织,镇党建办,,,2024年10月\n"
    "3,深化模范机关创建,镇党政办,,镇党委副书记李强,\n"
    "4,党员冬训,镇党建办,镇党校,,\n"
)


def _found(model: ResponsibilityModel, code: str) -> list[str]:
    return sorted(f.subjects[0] for f in check(model).findings if f.code == code)


def _write(tmp_path: Path, text: str, name: str = "分工.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_task_table_with_both_columns(tmp_path: Path) -> None:
    model = read(_write(tmp_path, TASKS)).model
    assert {"leader", "deadline"} <= set(model.row_fields)
    assert _found(model, "ZG108") == ["乙镇党委/党员冬训", "乙镇党委/整顿软弱涣散党组织"]
    assert _found(model, "ZG405") == ["乙镇党委/党员冬训", "乙镇党委/深化模范机关创建"]
    report = check(model)
    by_code = {f.code: f for f in report.findings if f.code in CODES}
    assert by_code["ZG108"].severity.value == "warning"
    assert by_code["ZG405"].severity.value == "info"
    leaderless = next(
        f for f in report.findings if f.code == "ZG108" and f.subjects[0].endswith("党员冬训")
    )
    assert [str(s).rsplit("/", 1)[-1] for s in leaderless.sources] == ["分工.csv:6"]
    assert "责任领导" in leaderless.message_zh


def test_task_table_without_the_columns_is_silent(tmp_path: Path) -> None:
    text = (
        TITLE + "序号,重点任务,牵头单位,配合单位\n"
        "1,发展党员,镇党建办,镇团委\n2,党员冬训,镇党建办,镇党校\n"
    )
    model = read(_write(tmp_path, text)).model
    assert "leader" not in model.row_fields
    assert "deadline" not in model.row_fields
    assert not [f for f in check(model).findings if f.code in CODES]


def test_leader_column_without_deadline_column(tmp_path: Path) -> None:
    text = TITLE + "序号,重点任务,牵头单位,责任领导\n1,发展党员,镇党建办,\n"
    model = read(_write(tmp_path, text)).model
    assert _found(model, "ZG108") == ["乙镇党委/发展党员"]
    assert _found(model, "ZG405") == []


def test_long_list_fires_no_deadline_only_with_its_column(tmp_path: Path) -> None:
    head = "职责,责任范围,责任单位,岗位,责任人,责任类型"
    without = read(_write(tmp_path, f"{head}\n组织生活,乙镇党委,乙镇党委,书记,张三,牵头\n")).model
    found = check(without).findings
    assert found  # other rules run (ZG104 ...)
    assert not [f for f in found if f.code in CODES]
    text = (
        f"{head},完成时限\n组织生活,乙镇党委,乙镇党委,书记,张三,牵头,\n"
        "党员冬训,乙镇党委,乙镇党委,书记,张三,牵头,2024年2月\n"
    )
    model = read(_write(tmp_path, text, "长表.csv")).model
    assert _found(model, "ZG405") == ["乙镇党委/组织生活"]
    assert _found(model, "ZG108") == []  # a long list has no leader column


def test_yaml_states_the_fields_or_stays_silent(tmp_path: Path) -> None:
    model = read(_write(tmp_path, TASKS)).model
    again = parse_document(dump_yaml(model), "分工.yaml")
    assert again.row_fields == model.row_fields
    assert _found(again, "ZG108") == _found(model, "ZG108")
    data = yaml.safe_load(dump_yaml(model))
    del data["row_fields"]
    silent = parse_document(yaml.safe_dump(data, allow_unicode=True), "分工.yaml")
    assert silent.row_fields == ()
    assert not [f for f in check(silent).findings if f.code in CODES]


def test_rules_are_configurable(tmp_path: Path) -> None:
    model = read(_write(tmp_path, TASKS)).model
    off = check(model, config={"rules": {"no-leader": False, "ZG405": False}})
    assert not [f for f in off.findings if f.code in CODES]
    raised = check(model, config={"rules": {"ZG405": "warning", "ZG108": "error"}})
    assert {f.severity.value for f in raised.findings if f.code == "ZG405"} == {"warning"}
    assert {f.severity.value for f in raised.findings if f.code == "ZG108"} == {"error"}


def test_published_task_table_docx() -> None:
    """The README names tasks 1 and 6 (no leader) and task 9 (no deadline), exactly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = load(PUBLISHED / "区委2024年党建重点任务分工.docx")
    assert _found(model, "ZG108") == [
        "随南区委/整顿软弱涣散基层党组织",
        "随南区委/研究部署年度党建工作",
    ]
    assert _found(model, "ZG405") == ["随南区委/深化模范机关创建"]


@pytest.mark.parametrize(
    ("path", "units"),
    [
        (LISTS / "agency.csv", LISTS / "agency_units.csv"),
        (LISTS / "county.xlsx", None),
        (LISTS / "county.yaml", None),
        (PUBLISHED / "教育局责任清单_长表.docx", LISTS / "agency_units.csv"),
        (PUBLISHED / "教育局责任清单_长表.xls", LISTS / "agency_units.csv"),
    ],
    ids=lambda p: p.name if isinstance(p, Path) else "-",
)
def test_shipped_long_lists_gain_nothing(path: Path, units: Path | None) -> None:
    model = read(path, units=units).model
    assert not [f for f in check(model).findings if f.code in CODES]


def _zeren(argv: list[str]) -> int:
    parser = _common.ZerenArgumentParser(prog="zeren")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd.register(sub)
    return _common.run_guarded(parser.parse_args(argv))


@pytest.mark.parametrize("name", ["tasks", "docx"])
def test_cli_and_library_give_the_same_findings(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = (
        _write(tmp_path, TASKS)
        if name == "tasks"
        else PUBLISHED / "区委2024年党建重点任务分工.docx"
    )
    monkeypatch.chdir(tmp_path)
    _zeren(["check", str(path), "--format", "json", "--fail-on", "never"])
    cli = [
        (f["code"], tuple(f["subjects"])) for f in json.loads(capsys.readouterr().out)["findings"]
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        library = [(f.code, f.subjects) for f in check(load(path)).findings]
    assert cli == library
    assert {code for code, _ in cli} >= set(CODES)
