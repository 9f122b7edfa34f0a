"""Round trips: YAML/JSON → model → YAML/JSON, and list → model → list, are lossless."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

from hypothesis import given, settings

from zeren_graph.errors import HierarchyWarning
from zeren_graph.io import (
    dump_json,
    dump_yaml,
    list_rows,
    load,
    parse_document,
    read,
    write_list,
    write_units,
)
from zeren_graph.model import ResponsibilityModel, integrity_problems
from zeren_graph.testing import canonical, flat_models, models

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(models())
def test_yaml_round_trip_is_lossless(model: ResponsibilityModel) -> None:
    text = dump_yaml(model)
    again = parse_document(text, "清单.yaml")
    assert again == model
    assert dump_yaml(again) == text


@SETTINGS
@given(models())
def test_json_round_trip_is_lossless(model: ResponsibilityModel) -> None:
    text = dump_json(model)
    again = parse_document(text, "清单.json", json_syntax=True)
    assert again == model
    assert dump_json(again) == text


def _reload(model: ResponsibilityModel, folder: Path, suffix: str) -> ResponsibilityModel:
    list_path = folder / f"清单{suffix}"
    write_list(model, list_path, headers="zh" if suffix == ".xlsx" else "en")
    units = None
    if model.has_hierarchy:
        units = folder / f"单位表{suffix}"
        write_units(model, units)
    result = read(list_path, units=units)
    assert result.report.rows == len(model.assignments)
    assert not result.report.skipped
    return result.model


@SETTINGS
@given(flat_models())
def test_list_round_trip_is_lossless(model: ResponsibilityModel) -> None:
    with tempfile.TemporaryDirectory() as folder:
        again = _reload(model, Path(folder), ".csv")
    assert canonical(again) == canonical(model)
    assert list_rows(again) == list_rows(model)
    assert integrity_problems(again) == []
    # the loader's fast construction builds what validation builds
    assert ResponsibilityModel.model_validate(again.model_dump()) == again


@settings(max_examples=8, deadline=None)
@given(flat_models(hierarchy=True))
def test_xlsx_round_trip_is_lossless(model: ResponsibilityModel) -> None:
    with tempfile.TemporaryDirectory() as folder:
        again = _reload(model, Path(folder), ".xlsx")
    assert canonical(again) == canonical(model)


def test_list_without_units_warns_about_hierarchy(tmp_path: Path) -> None:
    model = ResponsibilityModel.model_validate(
        {
            "units": [{"id": "乙镇党委"}],
            "duties": [{"id": "乙镇党委/组织生活", "name": "组织生活", "scope": "乙镇党委"}],
            "assignments": [
                {
                    "duty": "乙镇党委/组织生活",
                    "holder": "乙镇党委",
                    "collective": True,
                    "role": "主体",
                }
            ],
            "has_hierarchy": False,
        }
    )
    write_list(model, tmp_path / "清单.csv")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = load(tmp_path / "清单.csv")
    assert [w.category for w in caught] == [HierarchyWarning]
    assert canonical(again)["units"][0]["kind"] == "committee"
