"""The published-style samples (scenarios/lists/published/): fresh, shaped as announced, and
the long-format ones loaded.

The samples are the material of the layouts work (issue 7): task tables, grouped
subject lists, a workbook with one sheet per department, old Excel, a plain-text
notice. (a) and (b) read them with the plain libraries only (python-docx,
openpyxl, xlrd), never with zeren_graph's loaders: (a) the generator reproduces
the committed files' content, (b) each file has the structure its README entry
announces (tables, headers, merged ranges, hidden sheet, encoding). (c) loads the
two long-format samples (Word table, old Excel) with :func:`zeren_graph.io.load`,
which reads them today: they must give the model and the ``zeren check`` findings of
``../agency.csv``.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import shlex
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from zeren_graph.cli import main as zeren
from zeren_graph.io import load, to_document

LISTS = Path(__file__).resolve().parents[2] / "scenarios" / "lists"
PUBLISHED = LISTS / "published"
SCRIPT = PUBLISHED / "build_published.py"
STALE = "stale sample: run .venv/bin/python scenarios/lists/published/build_published.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_published", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _docx() -> Any:
    return pytest.importorskip("docx", reason="python-docx is not installed")


def _xlrd() -> Any:
    return pytest.importorskip("xlrd", reason="xlrd is not installed (reads the .xls samples)")


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _script()


# ---------------------------------------------------------------- content extractors


def _docx_content(data: bytes) -> tuple[list[str], list[list[list[str]]], list[int]]:
    """Paragraph texts, table cell texts, and the vertical-merge marks of each table."""
    document = _docx().Document(io.BytesIO(data))
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    merges = [t._tbl.xml.count("<w:vMerge") for t in document.tables]
    return [p.text for p in document.paragraphs], tables, merges


def _xlsx_content(data: bytes) -> dict[str, tuple[str, list[tuple[Any, ...]], list[str]]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {
        ws.title: (
            ws.sheet_state,
            list(ws.iter_rows(values_only=True)),
            sorted(str(r) for r in ws.merged_cells.ranges),
        )
        for ws in wb.worksheets
    }


def _xls_book(data: bytes) -> Any:
    return _xlrd().open_workbook(file_contents=data, formatting_info=True)


def _xls_content(data: bytes) -> dict[str, tuple[list[list[Any]], list[tuple[int, ...]]]]:
    book = _xls_book(data)
    return {
        sheet.name: (
            [sheet.row_values(r) for r in range(sheet.nrows)],
            sorted(sheet.merged_cells),
        )
        for sheet in book.sheets()
    }


def _content(name: str, data: bytes) -> object:
    suffix = Path(name).suffix
    if suffix == ".docx":
        return _docx_content(data)
    if suffix == ".xlsx":
        return _xlsx_content(data)
    if suffix == ".xls":
        return _xls_content(data)
    return data  # .csv and .txt are written byte for byte


def _bytes(name: str) -> bytes:
    return (PUBLISHED / name).read_bytes()


# ---------------------------------------------------------------- (a) freshness


def test_every_sample_is_committed_and_listed_in_the_readme(script: ModuleType) -> None:
    names = set(script.SAMPLES)
    samples = {".docx", ".xls", ".xlsx", ".csv", ".txt"}
    on_disk = {p.name for p in PUBLISHED.iterdir() if p.suffix in samples}
    assert on_disk == names
    readme = (PUBLISHED / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in names)
    assert "load as published" in readme
    assert "load today" in readme


def test_every_command_of_the_readme_runs(
    script: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's ``zeren info``/``zeren check`` lines run as written, from the repo root."""
    readme = (PUBLISHED / "README.md").read_text(encoding="utf-8")
    commands = [
        shlex.split(line.split("#")[0])[1:]
        for line in readme.splitlines()
        if line.startswith(("zeren info ", "zeren check "))
    ]
    loaded = {Path(c[1]).name for c in commands}
    assert loaded == set(script.SAMPLES), "every sample has a command that loads it"
    monkeypatch.chdir(PUBLISHED.parents[2])
    for args in commands:
        extra = ["--format", "json"] if args[0] == "info" else ["--fail-on", "never"]
        assert zeren([*args, *extra]) == 0, (args, capsys.readouterr().err)


def test_the_generator_reproduces_the_committed_samples(script: ModuleType, tmp_path: Path) -> None:
    _docx()
    pytest.importorskip("xlwt", reason="xlwt is not installed (writes the .xls samples)")
    _xlrd()
    paths = script.build_all(tmp_path)
    assert [p.name for p in paths] == list(script.SAMPLES)
    for path in paths:
        assert _content(path.name, path.read_bytes()) == _content(path.name, _bytes(path.name)), (
            f"{path.name}: {STALE}"
        )
    for name in script.SAMPLES:  # deterministic within one environment
        assert script.build(name) == (tmp_path / name).read_bytes(), name


# ---------------------------------------------------------------- (b) structure


def test_district_task_table_in_word() -> None:
    paragraphs, tables, merges = _docx_content(_bytes("区委2024年党建重点任务分工.docx"))
    assert paragraphs[0] == "中共随南区委2024年党建工作重点任务分工方案"
    assert paragraphs[1].startswith("为深入贯彻落实")
    assert len(tables) == 1
    (table,) = tables
    assert table[0] == [
        *("序号", "重点任务", "具体措施"),
        *("牵头单位", "配合单位", "责任领导", "完成时限"),
    ]
    body = table[1:]
    assert len(body) == 23
    assert len({row[0] for row in body}) == 16  # 16 tasks over 23 rows
    assert merges == [28]  # 序号 and 重点任务 merged over 7 tasks' sub-rows (2 columns × 14)
    sub_rows = [row for row in body if row[2].startswith("（")]
    assert len(sub_rows) == 14
    by_task = {row[1]: row for row in body}
    assert by_task["整顿软弱涣散基层党组织"][3] == "各乡镇党委"  # placeholder only
    assert by_task["整顿软弱涣散基层党组织"][5] == ""  # no leader
    assert by_task["深化模范机关创建"][6] == ""  # no deadline
    assert any(row[3] == "" for row in body)  # a measure without a lead
    assert any("，" in row[4] for row in body)  # full-width comma between holders
    assert any(row[5] == "区委书记" for row in body)  # a leader without a name
    assert any(row[5].endswith("陈红梅") for row in body)  # a leader with a name


def test_work_committee_letter_in_old_excel() -> None:
    book = _xls_book(_bytes("县直机关党工委2023年目标责任书.xls"))
    assert book.nsheets == 1
    sheet = book.sheet_by_index(0)
    assert sheet.cell_value(0, 0) == "随县县直机关党工委2023年度党建工作目标责任书"
    assert sheet.cell_value(2, 3) == "责任分工"
    assert sheet.row_values(3)[3:6] == ["责任领导", "牵头单位", "配合单位"]
    merged = set(sheet.merged_cells)
    assert (0, 1, 0, 8) in merged  # title across
    assert (2, 3, 3, 6) in merged  # 责任分工 over three columns
    assert (2, 4, 0, 1) in merged  # 序号 over both header rows
    assert (4, 6, 1, 2) in merged  # 考核项目 政治建设 over its two rows
    tasks = [r for r in range(4, sheet.nrows) if isinstance(sheet.cell_value(r, 0), float)]
    assert len(tasks) == 12
    dates = [r for r in tasks if sheet.cell_type(r, 6) == _xlrd().XL_CELL_DATE]
    assert len(dates) == 1  # one deadline is an Excel date, not text
    assert sheet.cell_value(tasks[-1] + 1, 0) == "合计"


def test_college_workbook_has_one_sheet_per_department() -> None:
    wb = openpyxl.load_workbook(PUBLISHED / "学院各部门党建任务.xlsx")
    departments = ["党委办公室", "组织部", "宣传部", "学生工作部", "马克思主义学院", "纪委办公室"]
    assert wb.sheetnames == ["说明", *departments, "组织部（2023版）"]
    assert [ws.sheet_state for ws in wb.worksheets].count("hidden") == 1
    assert wb["组织部（2023版）"].sheet_state == "hidden"
    assert wb["说明"]["A1"].value == "填表说明"
    assert wb["说明"].max_column == 1  # a note, not a list
    counts = {}
    for name in departments:
        ws = wb[name]
        assert ws["A1"].value == f"{name}2024年党建工作任务清单"
        assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
        header_row = 3 if name == "马克思主义学院" else 2
        header = [c.value for c in ws[header_row]]
        assert header[0] == "序号"
        assert header[3] in {"责任人", "责任科室/责任人"}
        rows = [r for r in ws.iter_rows(min_row=header_row + 1, values_only=True) if r[0]]
        counts[name] = len(rows)
        assert 3 <= len(rows) <= 10
    assert sum(counts.values()) == 44
    assert [c.value for c in wb["宣传部"][2]][1:3] == ["任务内容", "具体举措"]


def test_city_grouped_list_is_paragraphs_without_a_table() -> None:
    paragraphs, tables, _ = _docx_content(_bytes("市直单位主体责任清单.docx"))
    assert tables == []
    headings = [p for p in paragraphs if p[:2] in {"一、", "二、", "三、", "四、", "五、"}]
    assert headings == [
        "一、党委（党组）主体责任",
        "二、党委（党组）书记第一责任人责任",
        "三、班子其他成员“一岗双责”",
        "四、纪委（纪检组）监督责任",
        "五、责任追究",
    ]
    sections: dict[str, int] = {}
    current = ""
    for p in paragraphs:
        if p in headings:
            current = p
        elif current and p[:1].isdigit():
            sections[current] = sections.get(current, 0) + 1
    assert list(sections.values()) == [7, 6, 5, 5, 3]
    assert any(p.startswith("1．") for p in paragraphs)  # full-width full stop in section 三


def test_township_subject_table_merges_the_subject() -> None:
    ws = openpyxl.load_workbook(PUBLISHED / "乡镇党委主体责任清单.xlsx").active
    assert ws is not None
    assert ws["A1"].value == "中共随县高城镇委员会2024年度全面从严治党主体责任清单"
    assert [c.value for c in ws[2]] == ["序号", "责任主体", "责任内容", "具体措施"]
    merged = sorted(str(r) for r in ws.merged_cells.ranges)
    assert merged == ["A1:D1", "B14:B16", "B17:B20", "B21:B24", "B25:B26", "B3:B8", "B9:B13"]
    subjects = [ws.cell(row=int(r.split(":")[0][1:]), column=2).value for r in merged[1:]]
    assert set(subjects) == {
        "镇党委",
        "镇党委书记",
        "镇党委副书记、镇长",
        "班子其他成员",
        "镇纪委",
        "各村（社区）党组织",
    }
    assert ws["B4"].value is None  # a merged cell's lower rows are empty
    assert sum(1 for r in ws.iter_rows(min_row=3, values_only=True) if r[3] is None) == 2


def test_street_csv_is_gb18030_crlf_with_a_title_row() -> None:
    data = _bytes("街道2024年重点工作任务.csv")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("gb18030")
    assert text.count("\r\n") >= 15
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][0] == "东关街道2024年重点工作任务分解表"
    assert rows[1] == ["序号", "工作任务", "牵头单位", "责任单位", "责任领导", "时间节点"]
    tasks = [r for r in rows[2:] if r[0].isdigit()]
    assert len(tasks) == 12
    assert sum("\n" in cell for r in tasks for cell in r) == 4  # line breaks inside cells
    assert any("5.5%左右" in r[1] for r in tasks)
    assert rows[-1][0].startswith("注：责任单位为配合单位")


def test_town_text_notice_is_utf16_with_labelled_lines() -> None:
    data = _bytes("镇党委落实责任清单.txt")
    assert data.startswith(b"\xff\xfe")
    lines = data.decode("utf-16").split("\r\n")
    assert lines[0] == "中共随县厉山镇委员会"
    tasks = [line for line in lines if line[:1].isdigit() and "." in line[:3]]
    assert len(tasks) == 10
    leads = [line for line in lines if line.startswith("牵头单位")]
    assert len(leads) == 9  # one task has no lead line
    assert "牵头单位:镇纪委" in leads  # one half-width colon
    assert sum(line.startswith("完成时限：") for line in lines) == 9
    assert "责任单位：" in lines  # an empty value


def test_long_lists_in_word_and_old_excel_match_agency_csv(script: ModuleType) -> None:
    title, rows = script.read_agency_rows()
    assert rows[0][:6] == ["编号", "职责", "责任单位", "岗位", "责任人", "责任类型"]
    paragraphs, tables, merges = _docx_content(_bytes("教育局责任清单_长表.docx"))
    assert paragraphs[0] == title
    assert tables == [rows]
    assert merges == [0]
    sheet = _xls_book(_bytes("教育局责任清单_长表.xls")).sheet_by_index(0)
    assert sheet.cell_value(0, 0) == title
    assert (0, 1, 0, len(rows[0])) in sheet.merged_cells
    assert [sheet.row_values(r) for r in range(1, sheet.nrows)] == rows


# ---------------------------------------------------------------- (c) the long format loads

LONG_LISTS = ["教育局责任清单_长表.docx", "教育局责任清单_长表.xls"]
AGENCY_CSV = LISTS / "agency.csv"
AGENCY_UNITS = LISTS / "agency_units.csv"


def _reader(name: str) -> None:
    """Skip when the library reading ``name``'s format is missing."""
    if name.endswith(".docx"):
        _docx()
    else:
        _xlrd()


def _without_sources(value: Any) -> Any:
    """The document minus its source pointers (file, row, sheet differ by design)."""
    if isinstance(value, dict):
        return {k: _without_sources(v) for k, v in value.items() if k != "source"}
    if isinstance(value, list):
        return [_without_sources(v) for v in value]
    return value


def _zeren_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[Any]]:
    """Exit code and (code, subjects) of each finding of ``zeren check --format json``."""
    capsys.readouterr()
    code = zeren(["check", str(path), "--units", str(AGENCY_UNITS), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    return code, [(f["code"], f["subjects"]) for f in doc["findings"]]


@pytest.mark.parametrize("name", LONG_LISTS)
def test_long_list_loads_to_the_model_of_agency_csv(name: str) -> None:
    _reader(name)
    model = load(PUBLISHED / name, units=AGENCY_UNITS)
    expected = load(AGENCY_CSV, units=AGENCY_UNITS)
    assert _without_sources(to_document(model)) == _without_sources(to_document(expected))
    assert all(a.source is not None and a.source.file.endswith(name) for a in model.assignments)


@pytest.mark.parametrize("name", LONG_LISTS)
def test_long_list_gives_the_findings_of_agency_csv(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _reader(name)
    code, findings = _zeren_check(PUBLISHED / name, capsys)
    expected_code, expected = _zeren_check(AGENCY_CSV, capsys)
    assert (code, findings) == (expected_code, expected)
    assert {"ZG101", "ZG102", "ZG403"} <= {c for c, _ in findings}  # the deliberate failures
