"""The ``zeren`` entry point: sub-command wiring, ``info``, and ``python -m`` parity."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from zeren_graph.cli import build_parser, main

LISTS = Path(__file__).resolve().parents[1] / "scenarios" / "lists"
AGENCY = [str(LISTS / "agency.csv"), "--units", str(LISTS / "agency_units.csv")]


def test_every_command_is_wired() -> None:
    parser = build_parser()
    for command in ("info", "check", "trace", "diff", "draw", "simulate"):
        with pytest.raises(SystemExit) as info:
            parser.parse_args([command, "--help"])
        assert info.value.code == 0


def test_info_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", *AGENCY, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    summary = doc["summary"]
    for key in ("units", "posts", "persons", "duties", "assignments", "rows", "roots", "levels"):
        assert key in summary
    assert summary["units"] == 13
    assert summary["assignments"] == 71
    assert summary["roots"] == ["随县教育局党组"]
    assert [lv["depth"] for lv in summary["levels"]] == [1, 2, 3]
    assert sum(lv["units"] for lv in summary["levels"]) == summary["units"]
    # the empty row of the list is named, not silently dropped
    assert [s["row"] for s in doc["skipped"]] == [41]


def test_info_without_units_table_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flat = tmp_path / "清单.csv"
    flat.write_text(
        "职责,责任单位,岗位,责任人,责任类型\n三会一课,乙镇党委,书记,张三,第一责任人\n",
        encoding="gb18030",
    )
    assert main(["info", str(flat), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "hierarchy" in captured.err
    doc = json.loads(captured.out)
    assert doc["summary"]["units"] == 1
    assert doc["warnings"]


def test_info_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(LISTS / "county.yaml")]) == 0
    out = capsys.readouterr().out
    assert "units:" in out
    assert "县委" in out


def test_bad_input_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "清单.csv"
    bad.write_text("职责,责任单位,责任类型\n三会一课,乙镇党委,负责\n", encoding="utf-8")
    assert main(["info", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "清单.csv" in err
    assert "Traceback" not in err
    assert "牵头" in err  # the accepted roles are listed


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "no-such-list.csv"]) == 2
    assert "no-such-list.csv" in capsys.readouterr().err


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["info"])
    assert info.value.code == 2


def test_python_m_behaves_like_zeren() -> None:
    args = ["info", *AGENCY, "--format", "json"]
    via_module = subprocess.run(
        [sys.executable, "-m", "zeren_graph", *args], capture_output=True, text=True, check=False
    )
    exe = Path(sys.executable).with_name("zeren")
    via_script = subprocess.run([str(exe), *args], capture_output=True, text=True, check=False)
    assert via_module.returncode == via_script.returncode == 0
    assert via_module.stdout == via_script.stdout
    assert json.loads(via_module.stdout)["summary"]["units"] == 13
