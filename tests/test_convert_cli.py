"""``zeren convert``: the canonical long form, and converting it again is the identity."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from zeren_graph.cli import main
from zeren_graph.cli.convert import units_path
from zeren_graph.io import load, write_list, write_units
from zeren_graph.model import ResponsibilityModel
from zeren_graph.testing import canonical, flat_models

LISTS = Path(__file__).resolve().parents[1] / "scenarios" / "lists"
PUBLISHED = LISTS / "published"

#: (name, input, extra arguments): the shipped lists and two published task tables.
CASES: list[tuple[str, Path, list[str]]] = [
    ("agency", LISTS / "agency.csv", ["--units", str(LISTS / "agency_units.csv")]),
    ("county_xlsx", LISTS / "county.xlsx", []),
    ("county_yaml", LISTS / "county.yaml", []),
    ("district_docx", PUBLISHED / "区委2024年党建重点任务分工.docx", []),
    ("street_csv", PUBLISHED / "街道2024年重点工作任务.csv", ["--scope", "东关街道党工委"]),
]


def _convert(source: Path, out: Path, *extra: str) -> None:
    assert main(["convert", str(source), *extra, "-o", str(out)]) == 0


def _units_args(out: Path) -> list[str]:
    """The ``--units`` a ``.csv`` output needs to be read again (none for other formats)."""
    units = units_path(out)
    return ["--units", str(units)] if out.suffix == ".csv" and units.exists() else []


def _load(source: Path, extra: list[str]) -> ResponsibilityModel:
    kwargs: dict[str, Any] = {}
    for flag, value in zip(extra[::2], extra[1::2], strict=True):
        kwargs[flag.removeprefix("--")] = value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load(source, **kwargs)


def _comparable(model: ResponsibilityModel, *, ids: bool = True) -> dict[str, Any]:
    """The canonical form, without the assignments' row ids unless ``ids``."""
    data = canonical(model)
    if not ids:
        for a in data["assignments"]:
            a["id"] = None
    return data


def _shares_ids(model: ResponsibilityModel) -> bool:
    """Whether several assignments share a row id (the holders of one task of a task table)."""
    ids = [a.id for a in model.assignments if a.id]
    return len(ids) != len(set(ids))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".yaml"])
@pytest.mark.parametrize(("name", "source", "extra"), CASES, ids=[c[0] for c in CASES])
def test_converting_again_is_the_identity(
    tmp_path: Path, name: str, source: Path, extra: list[str], suffix: str
) -> None:
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    _convert(source, first, *extra)
    _convert(first, second, *_units_args(first))
    assert first.read_bytes() == second.read_bytes()
    if suffix == ".csv" and units_path(first).exists():
        assert units_path(first).read_bytes() == units_path(second).read_bytes()
    original = _load(source, extra)
    again = _load(first, _units_args(first))
    if name == "county_yaml" and suffix != ".yaml":
        # a long list cannot carry supervisions or duty-level indicators (stderr says so)
        assert len(again.assignments) == len(original.assignments)
        assert {u.id: u.parent for u in again.units} == {u.id: u.parent for u in original.units}
    else:
        # a shared row id is written 4, 4.2, 4.3 … (one id per row of a long list)
        ids = not _shares_ids(original)
        expected = _comparable(original, ids=ids)
        if suffix != ".yaml":  # a long list cannot carry them (stderr says so)
            expected["document_supervisors"] = []
        assert _comparable(again, ids=ids) == expected
        assert [a.id.split(".")[0] if a.id else None for a in again.assignments] == [
            a.id for a in original.assignments
        ]


def test_task_table_long_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "分工.csv"
    _convert(PUBLISHED / "区委2024年党建重点任务分工.docx", out)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"to {out}" in captured.err
    assert "units to" in captured.err  # the implied hierarchy is kept
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens it
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("编号,职责,责任单位,岗位,责任人,责任类型,责任范围")
    assert "2,落实区委理论学习中心组" in lines[2].replace('"', "")
    assert lines[3].startswith("2.2,")  # the second holder of task 2
    assert "区委常委、宣传部长,李志远,直接责任" in lines[4]
    units = units_path(out).read_text(encoding="utf-8-sig").splitlines()
    assert units[0].startswith("单位,上级单位")
    assert units[1].startswith("随南区委,,")  # the issuing body is the root


def test_xlsx_has_list_and_units_sheets(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "清单.xlsx"
    _convert(LISTS / "agency.csv", out, "--units", str(LISTS / "agency_units.csv"))
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames == ["清单", "单位表"]
    book.close()


def test_no_hierarchy_writes_no_units(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "清单.csv"
    source.write_text("职责,责任单位,责任类型\n组织生活,乙镇党委,主体责任\n", encoding="utf-8")
    out = tmp_path / "b.csv"
    _convert(source, out)
    assert out.read_text(encoding="utf-8-sig").splitlines()[
        1
    ] == ",组织生活,乙镇党委,,,主体责任" + ("," * 8)
    assert not units_path(out).exists()
    assert "no units table" in capsys.readouterr().err


def test_stdout_without_output(capsys: pytest.CaptureFixture[str]) -> None:
    units = str(LISTS / "agency_units.csv")
    assert main(["convert", str(LISTS / "agency.csv"), "--units", units]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("编号,职责,责任单位")  # no BOM on a pipe
    assert len(captured.out.splitlines()) == 72
    assert "71 rows to stdout" in captured.err


def test_native_output_reports_what_the_long_form_loses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _convert(LISTS / "county.yaml", tmp_path / "c.csv")
    err = capsys.readouterr().err
    assert "cannot carry" in err
    assert "supervisions" in err


@pytest.mark.parametrize("target", ["agency.csv", "agency_units.csv"])
def test_refuses_to_overwrite_an_input(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("agency.csv", "agency_units.csv"):
        (tmp_path / name).write_bytes((LISTS / name).read_bytes())
    before = (tmp_path / target).read_bytes()
    code = main(["convert", str(tmp_path / "agency.csv"), "--units",
                 str(tmp_path / "agency_units.csv"), "-o", str(tmp_path / target)])  # fmt: skip
    assert code == 2
    assert "refusing to overwrite an input file" in capsys.readouterr().err
    assert (tmp_path / target).read_bytes() == before


def test_units_beside_output_may_not_be_the_input(tmp_path: Path) -> None:
    (tmp_path / "x_units.csv").write_bytes((LISTS / "agency_units.csv").read_bytes())
    args = ["convert", str(LISTS / "agency.csv"), "--units", str(tmp_path / "x_units.csv")]
    assert main([*args, "-o", str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.csv").exists()


def test_unknown_output_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(LISTS / "agency.csv"), "-o", str(tmp_path / "x.txt")]) == 2
    assert "use one of .csv" in capsys.readouterr().err


def test_json_output(tmp_path: Path) -> None:
    out = tmp_path / "county.json"
    _convert(LISTS / "county.yaml", out)
    assert _load(out, []) == _load(LISTS / "county.yaml", [])


def test_subprocess_stdout_stays_clean(tmp_path: Path) -> None:
    source = PUBLISHED / "区委2024年党建重点任务分工.docx"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "zeren_graph",
            "convert",
            str(source),
            "-o",
            str(tmp_path / "a.csv"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert "zeren convert: wrote" in run.stderr
    assert "Traceback" not in run.stderr


@settings(max_examples=25, deadline=None)
@given(flat_models())
def test_written_list_converts_to_itself(model: ResponsibilityModel) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        written = folder / "清单.csv"
        write_list(model, written, headers="zh")
        extra: list[str] = []
        if model.has_hierarchy:
            write_units(model, units_path(written), headers="zh")
            extra = ["--units", str(units_path(written))]
        out = folder / "out.csv"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _convert(written, out, *extra)
        assert out.read_bytes() == written.read_bytes()
        if model.has_hierarchy:
            assert units_path(out).read_bytes() == units_path(written).read_bytes()
        assert canonical(_load(out, _units_args(out))) == canonical(model)
