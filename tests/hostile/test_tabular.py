"""Hostile tabular inputs (issue 10): CSV, XLSX and units tables.

Every case names the promise it checks (docs/errors.md):

- ``exit-2``: bad input exits 2 with one message naming file, row and column, never a traceback;
- ``no-silent-loss``: every row, cell and sheet read is used or named in a warning; ambiguous
  input (an unclosed quote, a formula without a value, a non-finite number, an encoding
  guessed) is an error or a named warning, never a guess;
- ``bounded``: a small hostile file is refused within seconds and a few hundred MB, before the
  work, by a limit of ``zeren_graph.limits`` naming its override;
- ``safe-echo``: values are echoed as short excerpts with control characters escaped.

The files are generated in ``tmp_path``; the one real zip bomb (220 MB of sheet XML in a
0.7 MB file) is built once per session.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest

from zeren_graph.errors import (
    DecodeError,
    EmptyFileError,
    InputError,
    LimitError,
    MissingColumnError,
    MissingSheetError,
)
from zeren_graph.io import dump_json, read
from zeren_graph.io.text import decode
from zeren_graph.limits import override

from .harness import MemoryProbe, assert_promise, run_zeren, write_bytes

HEADER = "职责,责任单位,岗位,责任人,责任类型"
ROWS = [
    "组织生活,乙镇党委,书记,张三,第一责任人",
    "三会一课,乙镇党委,组织委员,李四,牵头",
    "安全生产,甲镇党委,镇长,王五,直接责任",
    "发展党员,甲村党支部,书记,赵六,主体责任",
]
UNITS_HEADER = ["单位", "上级单位", "党员数", "党务人员"]
UNITS = [
    ["县委", "", "5200", "3"],
    ["乙镇党委", "县委", "280", "1.5"],
    ["甲镇党委", "县委", "", ""],
]
XLSX_HEADER = ["职责", "责任单位", "岗位", "责任人", "责任类型"]
XLSX_ROWS = [row.split(",") for row in ROWS]
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def csv_file(
    tmp_path: Path, lines: Sequence[str], name: str = "清单.csv", enc: str = "utf-8"
) -> Path:
    return write_bytes(tmp_path / name, "\n".join(lines) + "\n", enc)


def xlsx_file(
    tmp_path: Path,
    sheets: Mapping[str, Sequence[Sequence[object]]],
    *,
    name: str = "清单.xlsx",
    states: dict[str, str] | None = None,
    merges: dict[str, list[str]] | None = None,
) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(list(row))
        ws.sheet_state = (states or {}).get(title, "visible")
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
    path = tmp_path / name
    book.save(path)
    return path


def patch_sheet(path: Path, edit: Callable[[str], str], number: int = 1) -> Path:
    """Rewrite ``xl/worksheets/sheet<number>.xml`` of a workbook with ``edit``."""
    member = f"xl/worksheets/sheet{number}.xml"
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            new = edit(data.decode("utf-8")).encode("utf-8") if info.filename == member else data
            dst.writestr(info.filename, new)
    return path


def problems(exc: pytest.ExceptionInfo[InputError]) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.row, p.column) for p in exc.value.problems]


def warned(path: Path, **kwargs: object) -> str:
    return "\n".join(str(w) for w in read(path, **kwargs).report.warnings)  # type: ignore[arg-type]


# ---- CSV quotes


UNCLOSED = {
    "issue-example-row-2-swallows-rows-3-5": (
        [HEADER, '组织生活,"乙镇党委,书记,张三,第一责任人', *ROWS[1:]],
        2,
        "责任单位",
    ),
    "quote-in-last-row": (
        [HEADER, *ROWS[:3], '发展党员,甲村党支部,书记,"赵六,主体责任'],
        5,
        "责任人",
    ),
    "quote-in-header": (['职责,"责任单位,岗位,责任人,责任类型', *ROWS], 1, "column 2 (B)"),
    "quote-after-a-legit-multiline-cell": (
        [
            HEADER,
            '组织生活,乙镇党委,书记,张三,"第一',
            '责任人"',
            '三会一课,"乙镇党委,组织委员',
            *ROWS[2:],
        ],
        3,
        "责任单位",
    ),
}


@pytest.mark.parametrize(("lines", "row", "column"), UNCLOSED.values(), ids=UNCLOSED.keys())
def test_no_silent_loss_unclosed_quote_is_an_error_naming_its_row(
    tmp_path: Path, lines: list[str], row: int, column: str
) -> None:
    """no-silent-loss: a quote still open at the end of the file names the row it opens in."""
    with pytest.raises(InputError) as info:
        read(csv_file(tmp_path, lines))
    assert problems(info) == [("unclosed-quote", row, column)]
    assert "never closed" in str(info.value)


def test_no_silent_loss_unclosed_quote_in_a_gbk_tab_file(tmp_path: Path) -> None:
    """no-silent-loss: the same for a tab-separated GBK file saved by Excel."""
    lines = [line.replace(",", "\t") for line in [HEADER, *ROWS]]
    lines[3] = lines[3].replace("镇长", '"镇长')
    with pytest.raises(InputError) as info:
        read(csv_file(tmp_path, lines, "清单.txt", "gbk"))
    assert problems(info) == [("unclosed-quote", 4, "岗位")]


def test_exit_2_unclosed_quote_from_the_command_line(tmp_path: Path) -> None:
    """exit-2: the issue's example exits 2 naming file, row 2 and the column."""
    path = csv_file(tmp_path, UNCLOSED["issue-example-row-2-swallows-rows-3-5"][0])
    assert_promise(run_zeren("info", path), "清单.csv, row 2, column '责任单位'", "never closed")


def test_no_silent_loss_text_after_a_closing_quote_is_an_error(tmp_path: Path) -> None:
    """no-silent-loss: `"三会一课"制度` would silently lose its quotes: an error naming the cell."""
    lines = [HEADER, ROWS[0], '"三会一课"制度,乙镇党委,组织委员,李四,牵头']
    with pytest.raises(InputError) as info:
        read(csv_file(tmp_path, lines))
    assert problems(info) == [("invalid-csv", 3, "职责")]
    assert '"""三会一课""制度"' in str(info.value)


def test_no_silent_loss_legit_quoted_cells_load_exactly(tmp_path: Path) -> None:
    """no-silent-loss: quoted cells with delimiters, doubled quotes and line breaks are data."""
    lines = [
        HEADER + ",考核指标",
        '组织生活,乙镇党委,书记,张三,第一责任人,"1.每月一次,\n2.每季度""专题""一次"',
        ROWS[1] + ",",
    ]
    result = read(csv_file(tmp_path, lines))
    assert result.report.rows == 2
    assert result.model.assignments[0].indicator == '1.每月一次,\n2.每季度"专题"一次'
    assert result.model.assignments[1].source is not None
    assert result.model.assignments[1].source.row == 3  # rows are records, as a spreadsheet shows
    assert "quoted cell spans" not in warned(csv_file(tmp_path, lines))


def test_no_silent_loss_quote_closed_rows_later_is_named_in_a_warning(tmp_path: Path) -> None:
    """no-silent-loss: rows swallowed by a quote that a later line closes are named."""
    lines = [HEADER + ",考核指标", ROWS[0] + ',"每月一次', ROWS[1], ROWS[2] + '"', ROWS[3]]
    result = read(csv_file(tmp_path, lines))
    assert result.report.rows == 2
    text = "\n".join(str(w) for w in result.report.warnings)
    assert "row 2, 考核指标: a quoted cell spans 3 lines, 2 of which look like rows" in text


# ---- cell sizes


def test_exit_2_one_megabyte_cell_is_a_limit_error_not_a_traceback(tmp_path: Path) -> None:
    """bounded: csv's 'field larger than field limit' on a 1.1 MB cell becomes a LimitError."""
    path = csv_file(
        tmp_path, [HEADER, ROWS[0], f'组织生活,乙镇党委,书记,"{"甲" * 1_100_000}",牵头']
    )
    with pytest.raises(LimitError) as info:
        read(path)
    assert problems(info) == [("limit-exceeded", 3, None)]
    assert "ZEREN_LIMIT_CELL_CHARS" in str(info.value)
    assert_promise(run_zeren("info", path), "row 3", "ZEREN_LIMIT_CELL_CHARS")


def test_no_silent_loss_cells_above_csv_default_field_limit_load(tmp_path: Path) -> None:
    """no-silent-loss: a 200 KB cell (above csv's default 131072) is read, not a traceback."""
    path = csv_file(tmp_path, [HEADER + ",说明", ROWS[0] + "," + "乙" * 200_000])
    assert read(path).model.assignments[0].reason == "乙" * 200_000


def test_bounded_cell_limit_can_be_lowered(tmp_path: Path) -> None:
    """bounded: ZEREN_LIMIT_CELL_CHARS applies to CSV cells."""
    path = csv_file(tmp_path, [HEADER, ROWS[0] + "," + "x" * 2000])
    run = run_zeren("info", path, env={"ZEREN_LIMIT_CELL_CHARS": "1000"})
    assert_promise(run, "清单.csv, row 2", "above the limit of 1000")


def test_bounded_extremely_long_line_is_refused_quickly(tmp_path: Path) -> None:
    """bounded: a 5 MB line without a delimiter is one cell over the limit."""
    path = write_bytes(tmp_path / "清单.csv", HEADER + "\n" + "甲" * 5_000_000 + "\n")
    probe = MemoryProbe()
    with pytest.raises(LimitError):
        read(path)
    assert probe.peak_mb() < 256  # refused before the work, not after


# ---- cells beyond the header


STRAY = {
    "two-cells-beyond-the-header": (
        [HEADER, *ROWS[:2], ROWS[2] + ",多余内容,另一格", ROWS[3]],
        (
            "2 cells outside the header's columns ignored: row 4, column 6 (F): '多余内容'; "
            "row 4, column 7 (G): '另一格'"
        ),
    ),
    "cell-under-an-empty-header": (
        ["职责,责任单位,,岗位,责任人,责任类型", "组织生活,乙镇党委,备忘,书记,张三,第一责任人"],
        "1 cell outside the header's columns ignored: row 2, column 3 (C): '备忘'",
    ),
    "many-rows-listed-then-counted": (
        [HEADER, *(f"{r},x{i}" for i, r in enumerate(ROWS * 3))],
        "12 cells outside the header's columns ignored: row 2, column 6 (F): 'x0'",
    ),
    "control-characters-escaped-and-cut": (
        [HEADER, ROWS[0] + ",\x1b[2J" + "长" * 100],
        "row 2, column 6 (F): '\\x1b[2J长长长",
    ),
}


@pytest.mark.parametrize(("lines", "needle"), STRAY.values(), ids=STRAY.keys())
def test_no_silent_loss_cells_beyond_the_header_are_named(
    tmp_path: Path, lines: list[str], needle: str
) -> None:
    """no-silent-loss: non-empty cells outside the header are named in a warning; rows add up."""
    result = read(csv_file(tmp_path, lines))
    assert result.report.rows == len(lines) - 1 == result.report.assignments
    assert needle in "\n".join(str(w) for w in result.report.warnings)


def test_no_silent_loss_empty_trailing_cells_are_not_stray(tmp_path: Path) -> None:
    """no-silent-loss: Excel's trailing empty cells (`,,`) are no warning."""
    text = warned(csv_file(tmp_path, [HEADER + ",,", *(r + ",," for r in ROWS), ROWS[0] + ",,,"]))
    assert "outside the header" not in text


def test_no_silent_loss_cells_beyond_the_header_of_a_units_table(tmp_path: Path) -> None:
    """no-silent-loss: the same for a units table, and its unknown columns are named."""
    units = csv_file(
        tmp_path, ["单位,上级单位,备注", "县委,,", "乙镇党委,县委,,额外"], "单位表.csv"
    )
    lst = csv_file(tmp_path, [HEADER, ROWS[0]])
    text = "\n".join(str(w) for w in read(lst, units=units).report.warnings)
    assert "单位表.csv: 1 cell outside the header's columns ignored: row 3, column 4 (D)" in text
    assert "columns ignored (not part of the units table format): '备注'" in text


def test_no_silent_loss_stray_cells_on_the_command_line(tmp_path: Path) -> None:
    """no-silent-loss: `zeren info` shows the warning naming the row."""
    run = run_zeren("info", csv_file(tmp_path, [HEADER, ROWS[0] + ",多余"]))
    assert run.code == 0, run
    assert "row 2, column 6 (F): '多余'" in run.stderr


# ---- encodings


ENGLISH = "duty,unit,post,person,role"
ENCODINGS = {
    "big5-traditional": (
        [ENGLISH, "組織生活,乙鎮黨委,書記,張三,primary", "發展黨員,甲村黨支部,書記,趙六,lead"],
        "big5",
        "乙鎮黨委",
        "read as Big5 (traditional Chinese)",
    ),
    "cp950-short-header": (["職責,單位,責任類型", "組織生活,乙鎮黨委,主體"], "big5", None, None),
    "shift-jis-japanese": (
        [ENGLISH, "組織運営,総務部,部長,やまだ,primary", "安全管理,製造部,課長,すずき,lead"],
        "cp932",
        "総務部",
        "read as Shift-JIS (Japanese)",
    ),
    "gbk-simplified-as-before": ([HEADER, *ROWS], "gbk", "乙镇党委", ""),
    "gb18030-traditional-forms-stay-gb": (
        [ENGLISH, "組織生活,乙鎮黨委,書記,張三,primary"],
        "gb18030",
        "乙鎮黨委",
        "",
    ),
    "gbk-rare-name-characters": (
        [HEADER, "组织生活,乙镇党委,书记,王喆堃,第一责任人"],
        "gbk",
        "乙镇党委",
        "",
    ),
}


@pytest.mark.parametrize(("lines", "enc", "unit", "note"), ENCODINGS.values(), ids=ENCODINGS.keys())
def test_no_silent_loss_cjk_encoding_detected_from_evidence_and_named(
    tmp_path: Path, lines: list[str], enc: str, unit: str | None, note: str | None
) -> None:
    """no-silent-loss: Big5/Shift-JIS are read as such, with a warning; GBK loads as before."""
    data = ("\n".join(lines) + "\n").encode(enc)
    text, found = decode(data, "清单.csv")
    assert text == "\n".join(lines) + "\n"
    assert found == {"gbk": "gb18030", "cp932": "shift_jis"}.get(enc, enc)
    if unit is None:
        return
    result = read(write_bytes(tmp_path / "清单.csv", data))
    assert result.model.units[0].id == unit
    warnings = "\n".join(str(w) for w in result.report.warnings)
    if note:
        assert note in warnings
    else:
        assert "read as" not in warnings


def test_no_silent_loss_big5_named_on_the_command_line(tmp_path: Path) -> None:
    """no-silent-loss: `zeren info` on a Big5 list says it read Big5."""
    lines = ENCODINGS["big5-traditional"][0]
    run = run_zeren("info", csv_file(tmp_path, lines, enc="big5"))
    assert run.code == 0, run
    assert "read as Big5 (traditional Chinese)" in run.stderr


@pytest.mark.parametrize(
    "data",
    [bytes(range(0x80, 0x100)) * 4, "組織運営".encode("cp932") + b"\xff\xfe\xfd", b"\xf8\xa1" * 10],
    ids=["high-bytes-of-no-encoding", "shift-jis-cut-by-garbage", "user-defined-area-only"],
)
def test_exit_2_bytes_in_no_encoding_are_a_decode_error(tmp_path: Path, data: bytes) -> None:
    """exit-2: bytes no encoding decodes into ordinary text are an error, not nonsense."""
    path = write_bytes(tmp_path / "清单.csv", b"duty,unit,role\n" + data + b",x,y\n")
    with pytest.raises(DecodeError):
        read(path)
    assert_promise(run_zeren("info", path), "清单.csv", "not text")


# ---- hidden sheets


def test_no_silent_loss_hidden_first_sheet_is_skipped_and_named(tmp_path: Path) -> None:
    """no-silent-loss: the issue's example: a hidden first sheet is not read instead."""
    path = xlsx_file(
        tmp_path,
        {
            "旧清单": [XLSX_HEADER, ["旧职责", "县委", "", "", "主体责任"]],
            "Sheet2": [XLSX_HEADER, *XLSX_ROWS],
        },
        states={"旧清单": "hidden"},
    )
    result = read(path)
    assert result.report.rows == 4
    assert result.report.files == (f"{path}[Sheet2]",)
    assert "hidden sheet skipped: '旧清单'" in "\n".join(map(str, result.report.warnings))


HIDDEN = {
    "hidden-sheet-named-like-the-list": (
        {
            "清单": [XLSX_HEADER, ["旧职责", "县委", "", "", "主体责任"]],
            "Sheet1": [XLSX_HEADER, *XLSX_ROWS],
        },
        {"清单": "hidden"},
        "hidden sheet skipped: '清单'",
    ),
    "very-hidden-sheet": (
        {"配置": [["x"]], "清单": [XLSX_HEADER, *XLSX_ROWS]},
        {"配置": "veryHidden"},
        "hidden sheet skipped: '配置' (very hidden)",
    ),
    "hidden-units-sheet-is-not-used": (
        {"清单": [XLSX_HEADER, *XLSX_ROWS], "单位表": [["单位"], ["乙镇党委"]]},
        {"单位表": "hidden"},
        "hidden sheet skipped: '单位表'",
    ),
    "visible-sheet-not-read-is-named": (
        {"说明": [["本表由组织部编制"]], "清单": [XLSX_HEADER, *XLSX_ROWS]},
        {},
        "sheets not read: '说明'",
    ),
}


@pytest.mark.parametrize(("sheets", "states", "needle"), HIDDEN.values(), ids=HIDDEN.keys())
def test_no_silent_loss_hidden_sheets_are_named_and_never_taken(
    tmp_path: Path, sheets: dict[str, list[list[str]]], states: dict[str, str], needle: str
) -> None:
    """no-silent-loss: hidden sheets are skipped (also as units) and named; unread sheets too."""
    result = read(xlsx_file(tmp_path, sheets, states=states))
    assert result.report.rows == 4
    assert not result.model.has_hierarchy or "单位表" not in states
    assert needle in "\n".join(map(str, result.report.warnings))


def test_no_silent_loss_a_hidden_sheet_named_explicitly_is_read_with_a_warning(
    tmp_path: Path,
) -> None:
    """no-silent-loss: `sheet=` naming a hidden sheet reads it, saying it is hidden."""
    path = xlsx_file(
        tmp_path,
        {"可见": [XLSX_HEADER, *XLSX_ROWS], "旧清单": [XLSX_HEADER, XLSX_ROWS[0]]},
        states={"旧清单": "hidden"},
    )
    result = read(path, sheet="旧清单")
    assert result.report.rows == 1
    text = "\n".join(map(str, result.report.warnings))
    assert "the sheet is hidden; it was read because it was named" in text
    assert "sheets not read: '可见'" in text


def test_no_silent_loss_units_workbook_with_a_hidden_first_sheet(tmp_path: Path) -> None:
    """no-silent-loss: a units workbook given with --units skips its hidden first sheet."""
    units = xlsx_file(
        tmp_path,
        {"旧": [["单位"], ["旧单位"]], "Sheet": [UNITS_HEADER, *UNITS]},
        name="单位.xlsx",
        states={"旧": "hidden"},
    )
    lst = csv_file(tmp_path, [HEADER, *ROWS[:3]])
    result = read(lst, units=units)
    assert [u.id for u in result.model.units] == ["县委", "乙镇党委", "甲镇党委"]
    assert "单位.xlsx: hidden sheet skipped: '旧'" in "\n".join(map(str, result.report.warnings))


def test_exit_2_workbook_with_only_hidden_sheets(tmp_path: Path) -> None:
    """exit-2: no visible sheet: an error listing the hidden ones."""
    path = xlsx_file(tmp_path, {"甲": [XLSX_HEADER], "乙": [XLSX_HEADER, *XLSX_ROWS]})
    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in items:
            hidden = data.replace(b'state="visible"', b'state="hidden"')
            dst.writestr(name, hidden if name == "xl/workbook.xml" else data)
    with pytest.raises(MissingSheetError, match="hidden: '甲', '乙'"):
        read(path)
    assert_promise(run_zeren("info", path), "hidden: '甲', '乙'")


# ---- formulas


def _formula_book(tmp_path: Path, cell: str, name: str = "清单.xlsx") -> Path:
    """A list whose row 3, column C (岗位) is the XML ``cell``."""
    rows = [XLSX_HEADER, *XLSX_ROWS[:3]]
    path = xlsx_file(tmp_path, {"清单": rows}, name=name)
    return patch_sheet(path, lambda xml: re.sub(r'<c r="C3"[^>]*>.*?</c>', cell, xml))


FORMULAS = {
    "issue-example-no-saved-value": '<c r="C3"><f>B2&amp;""</f><v /></c>',
    "no-value-element-at-all": '<c r="C3"><f>VLOOKUP(A3,岗位表!A:B,2,0)</f></c>',
    "shared-formula-follower": '<c r="C3"><f t="shared" si="0"/></c>',
}


@pytest.mark.parametrize("cell", FORMULAS.values(), ids=FORMULAS.keys())
def test_no_silent_loss_formula_without_saved_value_is_an_error(tmp_path: Path, cell: str) -> None:
    """no-silent-loss: a formula without a cached value would turn a post vacant: an error."""
    with pytest.raises(InputError) as info:
        read(_formula_book(tmp_path, cell))
    assert problems(info) == [("formula-without-value", 3, "岗位")]
    assert info.value.problems[0].file is not None
    assert info.value.problems[0].file.endswith("清单.xlsx[清单]")
    assert "save it so formulas have values, or paste values" in str(info.value)


def test_exit_2_formula_without_value_on_the_command_line(tmp_path: Path) -> None:
    """exit-2: named with sheet, row, column and the formula."""
    run = run_zeren("info", _formula_book(tmp_path, FORMULAS["issue-example-no-saved-value"]))
    assert_promise(run, "清单.xlsx[清单], row 3, column '岗位'", '=B2&""', "paste values")


def test_no_silent_loss_formula_with_a_saved_value_uses_it(tmp_path: Path) -> None:
    """no-silent-loss: a formula with a cached value reads as that value, as before."""
    path = _formula_book(tmp_path, '<c r="C3" t="str"><f>"组织"&amp;"委员"</f><v>组织委员</v></c>')
    assert read(path).model.posts[1].title == "组织委员"
    empty = _formula_book(tmp_path, '<c r="C3" t="str"><f>IF(1,"","")</f><v></v></c>', "b.xlsx")
    with pytest.raises(InputError) as info:  # a saved empty string is an empty post:
        read(empty)  # a person without a post, not a formula without a value
    assert problems(info) == [("invalid-value", 3, "责任人")]


def test_no_silent_loss_spreadsheet_error_values_are_errors(tmp_path: Path) -> None:
    """no-silent-loss: a cached #REF! is not a post named '#REF!'."""
    path = _formula_book(tmp_path, '<c r="C3" t="e"><f>#REF!</f><v>#REF!</v></c>')
    with pytest.raises(InputError) as info:
        read(path)
    assert problems(info) == [("formula-error", 3, "岗位")]


def test_no_silent_loss_formula_above_the_header_is_a_title(tmp_path: Path) -> None:
    """no-silent-loss: a title row's formula is not data; the header below it is found."""
    path = xlsx_file(tmp_path, {"清单": [["标题"], XLSX_HEADER, *XLSX_ROWS]})
    patch_sheet(path, lambda xml: re.sub(r'<c r="A1"[^>]*>.*?</c>', '<c r="A1"><f>A9</f></c>', xml))
    assert read(path).report.rows == 4


# ---- archives


@pytest.fixture(scope="session")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 0.7 MB workbook whose sheet expands to 220 MB of XML (built in about half a second)."""
    path = xlsx_file(tmp_path_factory.mktemp("bomb"), {"清单": [XLSX_HEADER]}, name="bomb.xlsx")
    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i)) for i in src.infolist()]
    chunk = b'<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>' * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items:
            if name != "xl/worksheets/sheet1.xml":
                dst.writestr(name, data)
                continue
            with dst.open(name, "w") as out:
                out.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
                for _ in range(220 * 2**20 // len(chunk)):
                    out.write(chunk)
                out.write(b"</sheetData></worksheet>")
    return path


def test_bounded_real_zip_bomb_is_refused_in_seconds(zip_bomb: Path) -> None:
    """bounded: the issue's 1.2 MB zip-bombed XLSX: refused from the archive's directory."""
    assert zip_bomb.stat().st_size < 2 * 2**20
    probe = MemoryProbe()
    with pytest.raises(LimitError, match="would expand") as info:
        read(zip_bomb)
    assert probe.peak_mb() < 256  # refused before the work, not after
    assert "ZEREN_LIMIT_ARCHIVE_RATIO" in str(info.value)
    assert_promise(run_zeren("info", zip_bomb), "bomb.xlsx", "zip bomb?")


def test_bounded_total_uncompressed_size(tmp_path: Path) -> None:
    """bounded: the archive's total expanded size is checked against archive_bytes."""
    path = xlsx_file(tmp_path, {"清单": [XLSX_HEADER, *XLSX_ROWS]})
    with override(archive_bytes=10_000), pytest.raises(LimitError, match="expand to"):
        read(path)
    run = run_zeren("info", path, env={"ZEREN_LIMIT_ARCHIVE_BYTES": "10000"})
    assert_promise(run, "ZEREN_LIMIT_ARCHIVE_BYTES")


SHEET_BOMBS = {
    "declared-dimension-a1-xfd1048576": (
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml),
        LimitError,
        "declares 1048576 rows × 16384 columns",
    ),
    "cell-at-row-a-billion": (
        lambda xml: xml.replace(
            "</sheetData>",
            '<row r="999999999"><c r="A999999999" t="inlineStr">'
            "<is><t>x</t></is></c></row></sheetData>",
        ),
        DecodeError,
        "outside a sheet",
    ),
    "broken-xml": (lambda xml: xml.replace("</sheetData>", "<row"), DecodeError, "not a readable"),
    "one-huge-merged-range": (
        lambda xml: xml.replace(
            "</sheetData>",
            '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        ),
        LimitError,
        "cover 17179869184 cells",
    ),
}


@pytest.mark.parametrize(("edit", "error", "needle"), SHEET_BOMBS.values(), ids=SHEET_BOMBS.keys())
def test_bounded_hostile_sheets_are_refused_before_the_work(
    tmp_path: Path, edit: Callable[[str], str], error: type[InputError], needle: str
) -> None:
    """bounded: declared size, absurd rows, broken XML and a huge merge, refused in seconds."""
    path = patch_sheet(xlsx_file(tmp_path, {"清单": [XLSX_HEADER, *XLSX_ROWS]}), edit)
    assert path.stat().st_size < 10_000
    probe = MemoryProbe()
    with pytest.raises(error, match=re.escape(needle)):
        read(path)
    assert probe.peak_mb() < 256  # refused before the work, not after


def test_bounded_huge_merged_range_from_the_command_line(tmp_path: Path) -> None:
    """bounded: the issue's 6 KB XLSX with one huge merged range exits 2 within the harness."""
    path = patch_sheet(
        xlsx_file(tmp_path, {"清单": [XLSX_HEADER, *XLSX_ROWS]}),
        SHEET_BOMBS["one-huge-merged-range"][0],
    )
    assert_promise(run_zeren("info", path), "清单.xlsx[清单]", "ZEREN_LIMIT_MERGED_CELLS")


def test_bounded_many_merges_and_cells_count_against_the_limits(tmp_path: Path) -> None:
    """bounded: the sum of merged areas, and the cells actually held, are counted."""
    merges = [f"F{r}:G{r}" for r in range(2, 6)]
    path = xlsx_file(tmp_path, {"清单": [XLSX_HEADER, *XLSX_ROWS]}, merges={"清单": merges})
    with override(merged_cells=7), pytest.raises(LimitError, match="cover 8 cells"):
        read(path)
    patch_sheet(path, lambda xml: re.sub(r'<dimension ref="[^"]*" ?/>', "", xml))
    with override(sheet_cells=20), pytest.raises(LimitError, match="holds more than 20 cells"):
        read(path)
    assert read(path).report.rows == 4


def test_bounded_merge_fill_is_capped_to_the_used_grid(tmp_path: Path) -> None:
    """bounded: a merge over 900k rows below a 4-row list fills only the rows that exist."""
    path = xlsx_file(tmp_path, {"清单": [XLSX_HEADER, *XLSX_ROWS]})
    patch_sheet(path, SHEET_BOMBS["one-huge-merged-range"][0])
    patch_sheet(path, lambda xml: xml.replace("A1:XFD1048576", "H2:H900000"))
    probe = MemoryProbe()
    result = read(path)
    assert probe.peak_mb() < 256  # refused before the work, not after
    assert result.report.rows == 4


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 not really a zip", b"", "职责,单位".encode()],
    ids=["zip-magic-only", "empty-file", "csv-named-xlsx"],
)
def test_exit_2_files_that_are_not_workbooks(tmp_path: Path, data: bytes) -> None:
    """exit-2: not a zip archive: a DecodeError naming the file."""
    path = write_bytes(tmp_path / "清单.xlsx", data)
    with pytest.raises(DecodeError, match=r"not a readable \.xlsx workbook"):
        read(path)


def test_exit_2_truncated_workbook(tmp_path: Path) -> None:
    """exit-2: a workbook cut in half (an interrupted download) exits 2."""
    path = xlsx_file(tmp_path, {"清单": [XLSX_HEADER, *XLSX_ROWS]})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(DecodeError):
        read(path)


# ---- file size


def test_bounded_file_size_is_checked_before_reading(tmp_path: Path) -> None:
    """bounded: lists, units tables and workbooks above file_bytes are refused unread."""
    lst = csv_file(tmp_path, [HEADER, *ROWS])
    units = csv_file(tmp_path, ["单位", "乙镇党委", "甲镇党委", "甲村党支部"], "单位表.csv")
    book = xlsx_file(tmp_path, {"清单": [XLSX_HEADER, *XLSX_ROWS]})
    ubook = xlsx_file(tmp_path, {"单位表": [UNITS_HEADER, *UNITS]}, name="单位.xlsx")
    limit = units.stat().st_size + 1
    assert lst.stat().st_size > limit
    with override(file_bytes=limit):
        for path in (lst, book):
            with pytest.raises(LimitError, match="the file is") as info:
                read(path)
            assert info.value.problems[0].file == str(path)
    small = csv_file(tmp_path, [HEADER, ROWS[0]], "小.csv")
    with override(file_bytes=small.stat().st_size):
        with pytest.raises(LimitError, match=r"单位\.xlsx"):
            read(small, units=ubook)
        assert read(small, units=units).report.rows == 1
    # zeren info reads the configuration of the current directory (its reading: section)
    env = {"ZEREN_LIMIT_FILE_BYTES": str(limit)}
    run = run_zeren("info", lst, env=env, cwd=tmp_path)
    assert_promise(run, "清单.csv", "ZEREN_LIMIT_FILE_BYTES")


# ---- units numbers


NUMBERS = {
    "nan-staff": ("党务人员", "nan", "expected a number ≥ 0, got 'nan'"),
    "inf-staff": ("党务人员", "inf", "got 'inf'"),
    "minus-inf-staff": ("党务人员", "-inf", "got '-inf'"),
    "overflow-1e400": ("党务人员", "1e400", "expected a finite number ≥ 0, got '1e400'"),
    "infinity-word": ("党务人员", "Infinity", "got 'Infinity'"),
    "negative": ("党务人员", "-1", "got '-1'"),
    "underscores": ("党员数", "1_000", "got '1_000'"),
    "nan-members": ("党员数", "NaN", "expected a whole number ≥ 0, got 'NaN'"),
    "twenty-digits": ("党员数", "12345678901234567890", "at most 18 digits"),
    "fraction-members": ("党员数", "2.5", "got '2.5'"),
}


@pytest.mark.parametrize(("column", "value", "needle"), NUMBERS.values(), ids=NUMBERS.keys())
def test_no_silent_loss_non_finite_and_overlong_numbers_are_problems(
    tmp_path: Path, column: str, value: str, needle: str
) -> None:
    """no-silent-loss: NaN/inf/1e400 and 20-digit counts are 'invalid-value' naming the cell."""
    rows = [UNITS_HEADER, *UNITS]
    rows[2] = [
        *rows[2][:2],
        value if column == "党员数" else "1",
        value if column == "党务人员" else "1",
    ]
    units = csv_file(tmp_path, [",".join(r) for r in rows], "单位表.csv")
    with pytest.raises(InputError) as info:
        read(csv_file(tmp_path, [HEADER, ROWS[0]]), units=units)
    assert problems(info) == [("invalid-value", 3, column)]
    assert needle in str(info.value)


def test_no_silent_loss_numbers_read_exactly(tmp_path: Path) -> None:
    """no-silent-loss: whole numbers never go through float; the JSON written is strict."""
    rows = [
        UNITS_HEADER,
        ["县委", "", "123456789012345678", "0.5"],
        ["乙镇党委", "县委", "052.00", "1e1"],
    ]
    units = csv_file(tmp_path, [",".join(r) for r in rows], "单位表.csv")
    model = read(csv_file(tmp_path, [HEADER, ROWS[0]]), units=units).model
    assert [(u.party_members, u.party_staff) for u in model.units] == [
        (123456789012345678, 0.5),
        (52, 10.0),
    ]

    def refuse(name: str) -> None:
        raise AssertionError(name)

    json.loads(dump_json(model), parse_constant=refuse)


def test_exit_2_every_bad_number_at_once_from_the_command_line(tmp_path: Path) -> None:
    """exit-2: all bad numbers of a units table in one message, from an XLSX too."""
    units = xlsx_file(
        tmp_path,
        {"单位表": [UNITS_HEADER, ["县委", "", 1e20, "inf"], ["乙镇党委", "县委", "nan", 1.5]]},
        name="单位.xlsx",
    )
    run = run_zeren("info", csv_file(tmp_path, [HEADER, ROWS[0]]), "--units", units)
    assert_promise(run, "3 problems", "row 2, column '党员数'", "row 2, column '党务人员'", "row 3")


# ---- degenerate files


DEGENERATE: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "whitespace": (b" \n\t\n  \r\n", "the file is empty"),
    "only-utf8-bom": (b"\xef\xbb\xbf", "the file is empty"),
    "only-utf16-bom": (b"\xff\xfe", "the file is empty"),
    "only-newlines": (b"\n" * 10_000, "the file is empty"),
    "header-only": (HEADER.encode(), "no data rows"),
    "png-image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), "NUL bytes"),
    "nul-in-text": (HEADER.encode() + b"\n\x00" + ROWS[0].encode(), "NUL bytes"),
    "hundred-thousand-columns": (
        ",".join(f"列{i}" for i in range(100_000)).encode(),
        "and 99980 more",
    ),
    "utf16-without-bom": (HEADER.encode("utf-16-le"), "NUL bytes"),
}


@pytest.mark.parametrize(("data", "needle"), DEGENERATE.values(), ids=DEGENERATE.keys())
def test_exit_2_degenerate_files(tmp_path: Path, data: bytes, needle: str) -> None:
    """exit-2: empty, blank, BOM-only, binary and absurdly wide files: a clear error, quickly."""
    path = write_bytes(tmp_path / "清单.csv", data)
    probe = MemoryProbe()
    with pytest.raises((EmptyFileError, DecodeError, MissingColumnError), match=needle) as info:
        read(path)
    assert probe.peak_mb() < 256  # refused before the work, not after
    assert len(str(info.value)) < 4000  # 100k headers are not all echoed


@pytest.mark.parametrize("name", ["empty", "png-image", "hundred-thousand-columns"])
def test_exit_2_degenerate_files_from_the_command_line(tmp_path: Path, name: str) -> None:
    """exit-2: the same from the command line."""
    data, needle = DEGENERATE[name]
    assert_promise(run_zeren("info", write_bytes(tmp_path / "清单.csv", data)), needle)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exit_2_a_directory_given_as_a_file(tmp_path: Path, suffix: str) -> None:
    """exit-2: a folder named like a list is an OSError, reported without a traceback."""
    folder = tmp_path / f"清单{suffix}"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        read(folder)
    assert_promise(run_zeren("info", folder), "清单", "directory")


# ---- safe echo


def test_safe_echo_values_in_problems_are_short_and_escaped(tmp_path: Path) -> None:
    """safe-echo: a terminal escape and a 5000-character role are shown cut and escaped."""
    role = "\x1b[2J\x1b]0;pwned\x07" + "负" * 5000
    path = csv_file(tmp_path, [HEADER, f"组织生活,乙镇党委,书记,张三,{role}"])
    with pytest.raises(InputError) as info:
        read(path)
    text = str(info.value.problems[0].message)
    assert "\x1b" not in text
    assert "\\x1b[2J" in text
    assert len(text) < 300
    value = info.value.problems[0].value
    assert value is not None
    assert "\x1b" not in value
    assert len(value) < 200
    run = run_zeren("info", path)
    assert_promise(run, "\\x1b[2J")
    assert "\x1b" not in run.stderr
