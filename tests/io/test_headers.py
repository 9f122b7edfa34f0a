"""Headers as offices write them: spaces, annotations, colons, line breaks, near misses."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_files import CsvWriter

from zeren_graph.errors import MissingColumnError
from zeren_graph.io import read
from zeren_graph.io.columns import (
    LIST_COLUMNS,
    NAME_SUFFIXES,
    NEAR_WORDS,
    UNIT_COLUMNS,
    ColumnSet,
    header_key,
    split_header,
)
from zeren_graph.io.tabular import make_table

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("header", "column", "note"),
    [
        ("职　　责", "duty", ""),
        ("职 责", "duty", ""),
        ("责 任 单 位", "unit", ""),
        ("责任\n单位", "unit", ""),
        ("责任\r\n单位", "unit", ""),
        ("责任人（签字）", "person", "签字"),
        ("责任人 (签字)", "person", "签字"),
        ("责任单位[牵头]", "unit", "牵头"),
        ("责任单位【牵头】", "unit", "牵头"),
        ("责任单位\n（牵头）", "unit", "牵头"),
        ("考核指标(分值)", "indicator", "分值"),
        ("频次〔次/年〕", "frequency", "次/年"),
        ("职责：", "duty", ""),
        ("职责:", "duty", ""),
        ("责任类型（必填）：", "role", "必填"),
        ("责任类型(必填)(单选)", "role", "必填 单选"),
        ("ＲＯＬＥ", "role", ""),
        ("Derived From", "derived_from", ""),
        ("derived-from (optional)", "derived_from", "optional"),
        ("序号", "id", ""),
    ],
)
def test_headers_as_written_match(header: str, column: str, note: str) -> None:
    found = LIST_COLUMNS.read(header)
    assert (found.column, found.note, found.suffixed) == (column, note, False)
    assert LIST_COLUMNS.canonical(header) == column


@pytest.mark.parametrize(
    ("header", "column", "alias"),
    [
        ("岗位名称", "post", "岗位"),
        ("岗 位 名 称", "post", "岗位"),
        ("责任单位名称", "unit", "责任单位"),
        ("责任人姓名", "person", "责任人"),
        ("职务名称（全称）", "post", "职务"),
        ("unit name", "unit", "unit"),
    ],
)
def test_alias_and_name_word_is_read_and_flagged(header: str, column: str, alias: str) -> None:
    found = LIST_COLUMNS.read(header)
    assert (found.column, found.alias, found.suffixed) == (column, alias, True)


@pytest.mark.parametrize(
    ("columns", "header", "resembles", "alias"),
    [
        (LIST_COLUMNS, "责任单元", "unit", "责任单位"),
        (LIST_COLUMNS, "职位", "post", "岗位"),
        (LIST_COLUMNS, "职责内容", "duty", "责任内容"),
        (LIST_COLUMNS, "工作任务", "duty", "任务"),
        (LIST_COLUMNS, "牵头部门", "unit", "责任单位"),
        (LIST_COLUMNS, "责任部门", "unit", "责任单位"),
        (LIST_COLUMNS, "责任主体", "unit", "责任单位"),
        (LIST_COLUMNS, "负责人", "person", "责任人"),
        (LIST_COLUMNS, "责任人员", "person", "责任人"),
        (LIST_COLUMNS, "责任单位负责人", "person", "责任人"),
        (LIST_COLUMNS, "类型", "role", "责任类型"),
        (LIST_COLUMNS, "考核要点", "indicator", "考核指标"),
        (LIST_COLUMNS, "频率", "frequency", "频次"),
        (LIST_COLUMNS, "责任(配合)单位", "unit", "单位"),
        (LIST_COLUMNS, "units", "unit", "unit"),
        (LIST_COLUMNS, "role_type", "role", "role"),
        (UNIT_COLUMNS, "单位类型", "kind", "类型"),
        (UNIT_COLUMNS, "党员数量", "party_members", "党员数"),
        (UNIT_COLUMNS, "上级主管单位", "unit", "单位"),
    ],
)
def test_near_misses_resemble_a_column(
    columns: ColumnSet, header: str, resembles: str, alias: str
) -> None:
    found = columns.read(header)
    assert (found.column, found.resembles, found.alias) == (None, resembles, alias)


@pytest.mark.parametrize(
    ("columns", "header"),
    [
        (LIST_COLUMNS, "备注"),
        (LIST_COLUMNS, "完成情况"),
        (LIST_COLUMNS, "备注栏"),
        (LIST_COLUMNS, "联系电话"),
        (LIST_COLUMNS, "工作进展"),
        (LIST_COLUMNS, "落实情况（季度）"),
        (LIST_COLUMNS, "(签字)"),
        (LIST_COLUMNS, "x"),
        (LIST_COLUMNS, "valid"),
        (LIST_COLUMNS, "组织生活会" * 10),
        (UNIT_COLUMNS, "序号"),
        (UNIT_COLUMNS, "备注"),
        (UNIT_COLUMNS, "完成情况"),
    ],
)
def test_unrelated_headers_are_neither_read_nor_near(columns: ColumnSet, header: str) -> None:
    found = columns.read(header)
    assert (found.column, found.resembles) == (None, None)


def test_inner_brackets_are_not_annotations() -> None:
    """责任(配合)单位 names the supporting units: never read as 责任单位."""
    assert split_header("责任(配合)单位") == ("责任(配合)单位", "")
    assert LIST_COLUMNS.canonical("责任（配合）单位") is None


def test_sheet_names_use_the_same_key() -> None:
    assert header_key("责 任 清 单（2024年）") == header_key("责任清单")


def test_missing_column_suggests_the_header_that_looks_like_it(write_csv: CsvWriter) -> None:
    path = write_csv(
        "清单.csv",
        [
            ["乙镇责任清单"],
            ["序号", "职责", "责任单元", "责任类型", "备注"],
            ["1", "a", "b", "c", ""],
        ],
    )
    with pytest.raises(MissingColumnError) as info:
        read(path)
    (problem,) = info.value.problems
    assert problem.column == "unit"
    assert problem.message.endswith("; '责任单元' looks like 'unit' (责任单位)?")
    assert "headers found: '序号', '职责', '责任单元'" in problem.message  # not the title row
    assert str(problem.hint).startswith("rename '责任单元' to 责任单位 if it holds that, or add")
    assert "备注" not in str(problem.hint)


def test_missing_column_without_a_near_header_suggests_nothing(write_csv: CsvWriter) -> None:
    path = write_csv("清单.csv", [["序号", "职责", "备注", "责任类型"], ["1", "a", "b", "c"]])
    with pytest.raises(MissingColumnError) as info:
        read(path)
    assert "looks like" not in str(info.value)


def test_title_row_loses_to_a_header_row_of_near_misses() -> None:
    rows = [["乙镇2024年度责任清单"], ["职责内容", "责任单元", "类型"], ["a", "b", "c"]]
    with pytest.raises(MissingColumnError) as info:
        make_table("清单.csv", None, rows, LIST_COLUMNS)
    assert {p.column for p in info.value.problems} == {"duty", "unit", "role"}
    assert all("looks like" in p.message for p in info.value.problems)


def test_spaced_and_annotated_headers_load_posts_not_vacant(write_csv: CsvWriter) -> None:
    header = [
        "序 号",
        "职　　责",
        "责任\n单位",
        "岗 位 名 称",
        "责任人（签字）",
        "责任类型：",
        "备注",
    ]
    rows = [header, ["1", "组织生活会", "乙镇党委", "书记", "李娜", "第一责任人", ""]]
    result = read(write_csv("清单.csv", rows))
    (assignment,) = result.model.assignments
    assert assignment.holder == "乙镇党委/书记"
    assert result.model.posts[0].holders == ("李娜",)
    (headers,) = [str(w) for w in result.report.warnings if "columns" in str(w)]
    assert "read as the column they extend: '岗 位 名 称' as 'post' (岗位)" in headers
    assert headers.endswith("columns ignored (not part of the list format): '备注'")


def test_ignored_header_that_looks_like_a_column_is_a_warning(write_csv: CsvWriter) -> None:
    """A 职位 header would leave every post vacant: the warning names the column."""
    rows = [
        ["职责", "责任单位", "职位", "责任类型"],
        ["组织生活会", "乙镇党委", "书记", "主体责任"],
    ]
    result = read(write_csv("清单.csv", rows))
    (warning,) = [str(w) for w in result.report.warnings if "look like known" in str(w)]
    assert "'职位' looks like 'post' (岗位)" in warning
    assert "columns ignored (not part" not in warning


def test_near_header_of_a_column_already_read_names_where_it_is_read_from(
    write_csv: CsvWriter,
) -> None:
    rows = [["职责", "责任单位", "配合单位", "责任类型"], ["a", "乙镇党委", "甲镇党委", "主体责任"]]
    result = read(write_csv("清单.csv", rows))
    text = "\n".join(str(w) for w in result.report.warnings)
    assert "'配合单位' looks like 'unit' (单位; read from '责任单位')" in text


def test_units_table_headers_as_written(write_csv: CsvWriter, tmp_path: Path) -> None:
    units = write_csv(
        "单位表.csv",
        [["单 位 名 称", "上级单位：", "单位类型"], ["县委", "", "党委"], ["乙镇党委", "县委", ""]],
    )
    rows = [["职责", "单位", "责任类型"], ["组织生活会", "乙镇党委", "主体责任"]]
    result = read(write_csv("清单.csv", rows), units=units)
    text = "\n".join(str(w) for w in result.report.warnings)
    assert "'单位类型' looks like 'kind' (类型)" in text
    assert {u.id for u in result.model.units} >= {"县委", "乙镇党委"}


# --- properties ------------------------------------------------------------------------------

_ALIASES = [
    (columns, column, alias)
    for columns in (LIST_COLUMNS, UNIT_COLUMNS)
    for column, words in columns.aliases.items()
    for alias in (column, *words)
]
_SPACE = st.sampled_from([" ", "\u3000", "  ", "\n", "\r\n", "\t", " \u3000 "])
_BRACKETS = st.sampled_from(["()", "（）", "[]", "［］", "【】", "〔〕", "〖〗"])
_NOTE_TEXT = st.text(alphabet="签字必填牵头月年份次单选abcXYZ0123456789/、", max_size=8)
_PAD = st.sampled_from(["", " ", "\u3000"])


@st.composite
def _written(draw: st.DrawFn, alias: str) -> tuple[str, str]:
    """Return an alias as an office might write it, and the annotation it carries."""
    text = alias
    if not alias.isascii():
        gaps = [draw(st.one_of(st.just(""), _SPACE)) for _ in alias[1:]]
        text = alias[0] + "".join(g + c for g, c in zip(gaps, alias[1:], strict=True))
    note = ""
    if draw(st.booleans()):
        pair, note = draw(_BRACKETS), draw(_NOTE_TEXT)
        inner = draw(_PAD) + note + draw(_PAD)
        text += draw(st.sampled_from(["", " ", "\n"])) + pair[0] + inner + pair[1]
    if draw(st.booleans()):
        text += draw(st.sampled_from([":", "：", " ："]))
    return draw(_PAD) + text, note


@FAST
@given(data=st.data(), picked=st.sampled_from(_ALIASES))
def test_any_accepted_alias_as_written_matches_its_column(
    data: st.DataObject, picked: tuple[ColumnSet, str, str]
) -> None:
    columns, column, alias = picked
    header, note = data.draw(_written(alias))
    found = columns.read(header)
    assert (found.column, found.suffixed, found.note) == (column, False, note), header


def _unrelated_chars() -> list[str]:
    """CJK characters in no alias, near word or name word of either column set."""
    words = [a for _, _, a in _ALIASES] + [w for ws in NEAR_WORDS.values() for w in ws]
    used = set("".join(words + list(NAME_SUFFIXES)))
    return [
        c
        for c in map(chr, range(0x4E00, 0x9FA6))
        if c not in used and unicodedata.normalize("NFKC", c) == c
    ]


_UNRELATED = st.text(alphabet=_unrelated_chars(), min_size=1, max_size=6)
_REAL_UNRELATED = st.sampled_from(["备注", "完成情况", "工作进展", "联系电话", "金额"])


@FAST
@given(
    words=st.lists(st.one_of(_UNRELATED, _REAL_UNRELATED), min_size=1, max_size=3),
    gap=st.one_of(st.just(""), _SPACE),
    columns=st.sampled_from([LIST_COLUMNS, UNIT_COLUMNS]),
)
def test_headers_of_unrelated_words_never_match(
    words: list[str], gap: str, columns: ColumnSet
) -> None:
    header = gap.join(words)
    found = columns.read(header)
    assert (found.column, found.resembles) == (None, None), header
    assert columns.read(header + "（备注）").column is None
