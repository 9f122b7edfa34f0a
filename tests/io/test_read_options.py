"""Correcting the reading: a column mapping, a forced layout, a unit per sheet (issue 7 §2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from io_files import CsvWriter, XlsxWriter

from zeren_graph.checks.config import load_config
from zeren_graph.cli import main
from zeren_graph.errors import ConfigError, InputError
from zeren_graph.io import ReadOptions, read

TITLE = ["区政府2024年重点工作任务分工表"]
#: A task table whose lead column is headed 主办处室, a header no vocabulary knows.
OFFICE = [
    TITLE,
    ["序号", "重点任务", "主办处室", "完成时限", "备注"],
    ["1", "优化营商环境", "发改处", "6月底", "季度报送"],
    ["2", "推进项目建设", "项目办、财政处", "年底", ""],
]


def _info(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["info", *argv, "--format", "json"]) == 0
    doc: dict[str, object] = json.loads(capsys.readouterr().out)
    return doc


def _columns(doc: dict[str, object]) -> dict[str, dict[str, object]]:
    reading = doc["reading"]
    assert isinstance(reading, dict)
    return {c["header"]: c for c in reading["columns"]}


def test_unknown_lead_header_loads_once_mapped(
    write_csv: CsvWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv("分工.csv", OFFICE)
    assert main(["info", str(path)]) == 2  # no holder column: the missing-column error
    capsys.readouterr()
    doc = _info(capsys, str(path), "--column", "主办处室=lead", "--scope", "区政府")
    col = _columns(doc)["主办处室"]
    assert (col["field"], col["role"], col["why"]) == ("unit", "lead", "mapped by you")
    model = read(path, options=ReadOptions(columns={"主办处室": "lead"})).model
    assert {a.holder for a in model.assignments} >= {"发改处", "项目办", "财政处"}
    assert main(["info", str(path), "--column", "主办处室=lead"]) == 0
    assert "主办处室 → unit, role lead (mapped by you)" in capsys.readouterr().out


def test_ignore_drops_a_column_that_would_match(write_csv: CsvWriter) -> None:
    rows = [TITLE, ["序号", "重点任务", "牵头单位", "配合单位", "备注"],
            ["1", "优化营商环境", "发改委", "财政局", "季度报送"]]  # fmt: skip
    path = write_csv("分工.csv", rows)
    assert {a.role for a in read(path).model.assignments} >= {"lead", "support"}
    opts = ReadOptions(columns={"配合单位": "ignore", "备注": "ignore"})
    result = read(path, options=opts)
    assert {a.role for a in result.model.assignments} == {"lead"}
    reading = result.report.reading
    assert reading is not None
    shown = {c.header: (c.field, c.why) for c in reading.columns}
    assert shown["配合单位"] == ("ignore", "mapped by you")
    assert shown["备注"] == ("ignore", "mapped by you")


def test_layout_forces_a_task_table_on_an_ambiguous_table(write_csv: CsvWriter) -> None:
    rows = [["任务", "责任单位", "责任类型"], ["组织生活", "乙镇党委", "主体责任"]]
    path = write_csv("清单.csv", rows)
    default = read(path).report.reading
    assert default is not None
    assert default.layout == "long"
    forced = read(path, scope="县委", options=ReadOptions(layout="task_table")).report.reading
    assert forced is not None
    assert forced.layout == "task_table"
    assert "read as a task_table as you asked (layout)" in forced.notes
    with pytest.raises(InputError, match="cannot read it as a grouped"):
        read(path, options=ReadOptions(layout="grouped"))
    with pytest.raises(InputError, match="cannot read it as a text_list"):
        read(path, options=ReadOptions(layout="text_list"))


def test_unit_per_sheet(write_xlsx: XlsxWriter) -> None:
    header = ["序号", "工作任务", "完成时限"]
    book = write_xlsx("分工.xlsx", {"表一": [header, ["1", "建立台账", "3月"]],
                                   "表二": [header, ["1", "理论学习", "每月"]]})  # fmt: skip
    units = {"表一": ReadOptions(unit="组织部"), "表二": ReadOptions(unit="宣传部")}
    opts = ReadOptions(sheets=units)
    assert {a.holder for a in read(book, scope="县委").model.assignments} == {"表一", "表二"}
    result = read(book, scope="县委", options=opts)
    holders = {(a.holder, a.duty) for a in result.model.assignments}
    assert holders == {("组织部", "县委/建立台账"), ("宣传部", "县委/理论学习")}
    reading = result.report.reading
    assert reading is not None
    assert any("the sheet's unit '宣传部' leads the task" in n for n in reading.notes)


def test_configuration_reading_section(
    tmp_path: Path,
    write_csv: CsvWriter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_csv("分工.csv", OFFICE)
    (tmp_path / "zeren.yaml").write_text(
        "reading:\n  scope: 区政府\n  columns:\n    主办处室: lead\n    备注: ignore\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    doc = _info(capsys, str(path))
    assert _columns(doc)["主办处室"]["why"] == "mapped by you"
    assert main(["check", str(path)]) in {0, 1}
    capsys.readouterr()
    # the command line wins over the configuration
    assert main(["info", str(path), "--column", "主办处室=ignore"]) == 2
    assert main(["info", str(path)]) == 0
    toml = tmp_path / "pyproject.toml"
    toml.write_text('[tool.zeren.reading]\nlayout = "task_table"\n', encoding="utf-8")
    config = load_config(toml)
    assert config.reading is not None
    assert config.reading.layout == "task_table"


def test_bad_names_exit_2_with_did_you_mean(
    tmp_path: Path,
    write_csv: CsvWriter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = str(write_csv("分工.csv", OFFICE))
    monkeypatch.chdir(tmp_path)
    assert main(["info", path, "--column", "主办处室=leed"]) == 2
    assert "did you mean 'lead'?" in capsys.readouterr().err
    assert main(["check", path, "--layout", "task"]) == 2
    assert "did you mean 'task_table'?" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["info", path, "--column", "主办处室"])
    assert exited.value.code == 2
    (tmp_path / "zeren.yaml").write_text(
        "reading:\n  layuot: long\n  columns:\n    主办处室: leed\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path / "zeren.yaml")
    shown = str(error.value)
    assert "reading.layuot: unknown key 'layuot'; did you mean 'layout'?" in shown
    assert "reading.columns.主办处室: unknown field 'leed'; did you mean 'lead'?" in shown
    assert main(["info", path]) == 2
