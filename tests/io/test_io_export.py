"""Exporters: YAML/JSON documents, flat lists and units tables, and the JSON Schema."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from zeren_graph.io import (
    dump_json,
    dump_yaml,
    list_rows,
    load_units,
    read,
    schema_text,
    unit_rows,
    write_list,
    write_units,
)
from zeren_graph.model import ResponsibilityModel

MODEL = ResponsibilityModel.model_validate(
    {
        "units": [{"id": "县委", "kind": "党委"},
                  {"id": "乙镇党委", "parent": "县委", "remote": True}],
        "posts": [{"id": "乙镇党委/书记", "unit": "乙镇党委", "title": "书记",
                   "holders": ["李娜", "王伟"]}],
        "persons": [{"id": "李娜"}, {"id": "王伟"}],
        "duties": [
            {"id": "县委/组织生活会", "name": "组织生活会", "scope": "县委", "category": "党建"},
            {"id": "乙镇党委/组织生活会", "name": "组织生活会", "scope": "乙镇党委",
             "derived_from": "县委/组织生活会", "indicator": "全年4次"},
        ],
        "assignments": [
            {"duty": "县委/组织生活会", "holder": "县委", "collective": True, "role": "主体",
             "id": "1"},
            {"duty": "乙镇党委/组织生活会", "holder": "乙镇党委/书记", "role": "第一责任人",
             "reason": "书记抓总"},
        ],
    }
)  # fmt: skip


def test_yaml_is_short_and_readable() -> None:
    text = dump_yaml(MODEL)
    assert "县委" in text
    assert "\\u" not in text
    assert "name: 县委" not in text  # a name equal to the id is omitted
    assert "collective: false" not in text
    assert "source" not in text
    assert text.index("units:") < text.index("posts:") < text.index("assignments:")


def test_json_is_indented_unicode() -> None:
    text = dump_json(MODEL)
    assert json.loads(text)["units"][1] == {"id": "乙镇党委", "parent": "县委", "remote": True}
    assert '"县委"' in text
    assert text.endswith("}\n")


def test_list_rows_in_chinese() -> None:
    header, county, township = list_rows(MODEL, headers="zh")
    assert header[:6] == ["编号", "职责", "责任单位", "岗位", "责任人", "责任类型"]
    assert county[:7] == ["1", "组织生活会", "县委", "", "", "主体责任", ""]
    assert township[3:6] == ["书记", "李娜、王伟", "第一责任人"]
    # a duty-level indicator fills the row; derived_from is written as a name
    assert township[header.index("考核指标")] == "全年4次"
    assert township[header.index("上级职责")] == "组织生活会"


def test_written_list_and_units_load_back(tmp_path: Path) -> None:
    write_list(MODEL, tmp_path / "清单.csv", headers="zh")
    write_units(MODEL, tmp_path / "单位表.xlsx", headers="zh")
    assert (tmp_path / "清单.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it
    model = read(tmp_path / "清单.csv", units=tmp_path / "单位表.xlsx").model
    assert model.index.duties["乙镇党委/组织生活会"].derived_from == "县委/组织生活会"
    assert model.posts[0].holders == ("李娜", "王伟")
    assert [u.remote for u in load_units(tmp_path / "单位表.xlsx")] == [None, True]


def test_units_table_rows() -> None:
    header, county, _ = unit_rows(MODEL.units)
    assert header[:3] == ["unit", "parent", "kind"]
    assert county[:3] == ["县委", "", "committee"]


def test_units_csv(tmp_path: Path) -> None:
    write_units(MODEL, tmp_path / "units.csv")
    with (tmp_path / "units.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[2][:2] == ["乙镇党委", "县委"]


def test_docs_schema_is_current() -> None:
    path = Path(__file__).parents[2] / "docs" / "schema.json"
    assert path.read_text(encoding="utf-8") == schema_text(), (
        "docs/schema.json is stale: regenerate it as docs/format.md says"
    )


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text(tmp_path: Path) -> None:
    from zeren_graph.model import Assignment, Duty, Unit

    model = ResponsibilityModel(
        units=[Unit(id="乙镇党委")],
        duties=[Duty(id="乙镇党委/公式", name="=1+1", scope="乙镇党委",
                     indicator="-全年4次")],
        assignments=[Assignment(duty="乙镇党委/公式", holder="乙镇党委", collective=True,
                                role="primary")],
    )  # fmt: skip
    write_list(model, tmp_path / "清单.csv")
    with (tmp_path / "清单.csv").open(encoding="utf-8-sig", newline="") as f:
        header, row = list(csv.reader(f))
    assert row[header.index("duty")] == "'=1+1"
    assert row[header.index("indicator")] == "'-全年4次"
    assert list_rows(model)[1][1] == "=1+1"  # the rows keep the model's values
