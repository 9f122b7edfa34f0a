"""Native YAML/JSON documents: loading, and errors naming file, line, key path and value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zeren_graph.errors import EmptyFileError, InputError
from zeren_graph.io import dump_json, load, parse_document, read
from zeren_graph.vocab import Role

DOCUMENT = """\
name: 乙镇
units:
  - {id: 县委, kind: 党委}
  - {id: 乙镇党委, parent: 县委, kind: 党委, remote: 是}
posts:
  - {id: 乙镇党委/书记, unit: 乙镇党委, title: 书记, holders: [李娜]}
persons:
  - {id: 李娜}
duties:
  - {id: 乙镇党委/组织生活会, name: 组织生活会, scope: 乙镇党委, category: 党建}
assignments:
  - {duty: 乙镇党委/组织生活会, holder: 乙镇党委/书记, role: 第一责任人}
  - {duty: 乙镇党委/组织生活会, holder: 乙镇党委, collective: true, role: 主体}
supervisions:
  - {supervisor: 县委, supervised: 乙镇党委, kind: 督查, period: 6, announced: false}
"""


def test_yaml_and_json_load_the_same_model(tmp_path: Path) -> None:
    yaml_path = tmp_path / "乙镇.yaml"
    yaml_path.write_text(DOCUMENT, encoding="gbk")  # GBK YAML is decoded too
    model = load(yaml_path)
    assert model.units[1].remote is True
    assert model.assignments[0].role is Role.first_responsible
    json_path = tmp_path / "乙镇.json"
    json_path.write_text(dump_json(model), encoding="utf-8")
    result = read(json_path)
    assert result.model == model
    assert (result.report.rows, result.report.assignments) == (2, 2)


def _error(tmp_path: Path, text: str, name: str = "乙镇.yaml") -> InputError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    return info.value


def test_bad_value_names_file_line_path_and_value(tmp_path: Path) -> None:
    error = _error(tmp_path, DOCUMENT.replace("role: 主体", "role: 负责"))
    (problem,) = error.problems
    assert (problem.file, problem.row, problem.path, problem.value) == (
        str(tmp_path / "乙镇.yaml"), 13, "assignments[1].role", "负责",
    )  # fmt: skip
    assert "lead (牵头, 牵头单位)" in problem.message


def test_integrity_problems_surface_with_the_file(tmp_path: Path) -> None:
    text = DOCUMENT.replace("parent: 县委", "parent: 县季").replace(
        "holders: [李娜]", "holders: [李那]"
    )
    error = _error(tmp_path, text)
    found = {(p.path, p.value, p.hint) for p in error.problems}
    assert ("units[1].parent", "县季", "did you mean '县委'?") in found
    assert ("posts[0].holders", "李那", "did you mean '李娜'?") in found
    assert all(p.file == str(tmp_path / "乙镇.yaml") for p in error.problems)
    assert {p.row for p in error.problems} == {4, 6}


def test_unknown_key_suggests_the_field(tmp_path: Path) -> None:
    error = _error(tmp_path, "units:\n  - {id: 县委, parnet: 市委}\n")
    (problem,) = error.problems
    assert (problem.path, problem.hint, problem.row) == (
        "units[0].parnet",
        "did you mean 'parent'?",
        2,
    )


def test_json_errors_name_the_path(tmp_path: Path) -> None:
    error = _error(tmp_path, json.dumps({"units": [{"id": "县委", "kind": "党校"}]}), "m.json")
    assert error.problems[0].path == "units[0].kind"


@pytest.mark.parametrize(
    ("text", "name"), [("", "a.yaml"), ("# 空\n", "a.yaml"), ("{}", "a.json"), (" ", "a.json")]
)
def test_empty_document(tmp_path: Path, text: str, name: str) -> None:
    assert isinstance(_error(tmp_path, text, name), EmptyFileError)


def test_syntax_errors_give_the_line(tmp_path: Path) -> None:
    assert _error(tmp_path, "units:\n  - {id: 县委\n").problems[0].code == "invalid-syntax"
    problem = _error(tmp_path, '{"units": [}', "a.json").problems[0]
    assert (problem.code, problem.row) == ("invalid-syntax", 1)


def test_document_must_be_a_mapping(tmp_path: Path) -> None:
    assert "mapping" in str(_error(tmp_path, "- 县委\n- 乙镇\n"))


def test_the_example_of_docs_format_loads() -> None:
    text = (Path(__file__).parents[2] / "docs" / "format.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    model = parse_document(example, "format.md")
    assert model.index.duties["乙镇党委/三会一课"].derived_from == "县委/三会一课"
    assert model.index.units["东村党支部"].remote is True
