"""ZG104 and supervision the document states once (issue 7 §4).

A 督办单位 column, the supervising section of a grouped list (纪委：监督责任) or a
Word document's closing paragraph ("…对本方案落实情况进行跟踪督办") supervises
every duty: the loader records it in ``ResponsibilityModel.document_supervisors``
and ZG104 takes it as the configuration's ``supervision:``.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import yaml

from zeren_graph.analysis._edit import remove_units
from zeren_graph.checks import check
from zeren_graph.cli import main
from zeren_graph.io import dump_json, dump_yaml, load, parse_document, read
from zeren_graph.io.layouts.supervision import stated_supervisors
from zeren_graph.model import ResponsibilityModel

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "scenarios" / "lists" / "published"
DISTRICT = PUBLISHED / "区委2024年党建重点任务分工.docx"

TITLE = "乙镇党委2024年重点任务分工\n"
SUPERVISED = (
    TITLE + "序号,重点任务,牵头单位,配合单位,督办单位\n"
    "1,发展党员,镇党建办,镇团委,镇纪委\n"
    "2,党员冬训,镇党建办,镇党校,\n"
)
UNSUPERVISED = TITLE + "序号,重点任务,牵头单位,配合单位\n1,发展党员,镇党建办,镇团委\n"

#: (path, scope): the published samples that state their supervision once.
SAMPLES = [
    (PUBLISHED / "乡镇党委主体责任清单.xlsx", "高城镇党委"),
    (PUBLISHED / "市直单位主体责任清单.docx", None),
    (DISTRICT, None),
]


def _load(path: Path, scope: str | None = None) -> ResponsibilityModel:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load(path, scope=scope)


def _zg104(model: ResponsibilityModel) -> list[str]:
    return sorted(f.subjects[0] for f in check(model).findings if f.code == "ZG104")


def _write(tmp_path: Path, text: str, name: str = "分工.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("path", "scope"), SAMPLES, ids=lambda p: getattr(p, "name", "-"))
def test_published_samples_are_supervised(path: Path, scope: str | None) -> None:
    model = _load(path, scope)
    assert model.document_supervisors
    assert model.duties
    assert _zg104(model) == []


def test_grouped_supervisor_is_the_supervising_section() -> None:
    model = _load(PUBLISHED / "乡镇党委主体责任清单.xlsx", "高城镇党委")
    assert model.document_supervisors == ("高城镇党委/纪委书记",)


def test_closing_paragraph_of_the_district_plan() -> None:
    result = read(DISTRICT)
    assert result.model.document_supervisors == ("区委督查室", "区委组织部")
    assert result.report.reading is not None
    assert result.report.reading.supervision == ("区委督查室", "区委组织部")
    assert any("paragraph states the supervision" in n for n in result.report.reading.notes)


def test_supervision_column_supervises_every_task(tmp_path: Path) -> None:
    model = read(_write(tmp_path, SUPERVISED)).model
    assert model.document_supervisors == ("镇纪委",)
    assert _zg104(model) == []  # task 2's 督办单位 cell is empty: the column still covers it


def test_no_stated_supervision_still_fires(tmp_path: Path) -> None:
    model = read(_write(tmp_path, UNSUPERVISED)).model
    assert model.document_supervisors == ()
    assert _zg104(model) == ["乙镇党委/发展党员"]
    assert check(model, config={"supervision": "镇纪委"}).findings == tuple(
        f for f in check(model).findings if f.code != "ZG104"
    )


@pytest.mark.parametrize("name", ["教育局责任清单_长表.xls", "教育局责任清单_长表.docx"])
def test_long_lists_state_none(name: str) -> None:
    model = read(PUBLISHED / name, units=ROOT / "scenarios" / "lists" / "agency_units.csv").model
    assert model.document_supervisors == ()


@pytest.mark.parametrize(("path", "scope"), SAMPLES, ids=lambda p: getattr(p, "name", "-"))
def test_cli_and_library_agree(
    path: Path, scope: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", str(path), "--format", "json", "--fail-on", "never"]
    assert main([*args, *(["--scope", scope] if scope else [])]) == 0
    out = json.loads(capsys.readouterr().out)["findings"]
    cli = [(f["code"], tuple(f["subjects"])) for f in out]
    library = [(f.code, f.subjects) for f in check(_load(path, scope)).findings]
    assert cli == library
    assert "ZG104" not in {code for code, _ in cli}


def test_native_round_trips_keep_it() -> None:
    model = _load(DISTRICT)
    for text, name in ((dump_yaml(model), "a.yaml"), (dump_json(model), "a.json")):
        again = parse_document(text, name)
        assert again.document_supervisors == model.document_supervisors
        assert _zg104(again) == []
    data = yaml.safe_load(dump_yaml(model))
    assert data["document_supervisors"] == ["区委督查室", "区委组织部"]
    del data["document_supervisors"]
    silent = parse_document(yaml.safe_dump(data, allow_unicode=True), "a.yaml")
    assert len(_zg104(silent)) == len(model.duties)


def test_edits_carry_it_over() -> None:
    model = _load(DISTRICT)
    edited = remove_units(model, ["区委人才办"])
    assert edited.document_supervisors == model.document_supervisors


def test_empty_name_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        ResponsibilityModel(document_supervisors=[" "])


def test_convert_keeps_it_in_yaml_and_names_it_for_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["convert", str(DISTRICT), "-o", str(tmp_path / "a.yaml")]) == 0
    assert "supervisors of the whole document" not in capsys.readouterr().err
    assert _load(tmp_path / "a.yaml").document_supervisors == ("区委督查室", "区委组织部")
    assert main(["convert", str(DISTRICT), "-o", str(tmp_path / "a.csv")]) == 0
    assert "2 supervisors of the whole document (ZG104)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("区委督查室、区委组织部对本方案落实情况进行跟踪督办，督办结果纳入考核。",
         ("区委督查室", "区委组织部")),
        ("县纪委监委对以上任务完成情况开展监督检查。", ("县纪委监委",)),
        ("各项任务完成情况由县委督查室负责跟踪督办。", ("县委督查室",)),
        ("由区委督查室督查。", ("区委督查室",)),
        ("各级纪委对本方案落实情况进行监督。", ()),  # a placeholder
        ("各牵头单位对本方案落实情况进行督办。", ()),  # not a unit's name
        ("本方案由区委办公室负责解释。", ()),  # no supervising verb
        ("区委组织部要加强督导。", ()),  # no object: the pattern does not match
        ("各牵头单位于每季度末报区委组织部。", ()),
    ],
)  # fmt: skip
def test_paragraph_patterns(text: str, found: tuple[str, ...]) -> None:
    assert stated_supervisors([text]) == found
