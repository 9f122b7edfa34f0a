from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from zeren_graph.cli import _common, simulate

MINIMAL = Path(__file__).parents[2] / "scenarios" / "sim" / "minimal.yaml"


def _run(*argv: str) -> int:
    parser = _common.ZerenArgumentParser(prog="zeren")
    sub = parser.add_subparsers(dest="command", required=True)
    simulate.register(sub)
    args: argparse.Namespace = parser.parse_args(["simulate", *argv])
    return _common.run_guarded(args)


def test_simulate_writes_files_and_prints_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(
        str(MINIMAL),
        "--out",
        str(tmp_path),
        "--replications",
        "2",
        "--seed",
        "4",
        "--set",
        "transmission.retention=0.8",
        "--no-plots",
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "村" in out
    assert "0.410" in out  # 0.8 ** 4
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["seed"] == 4
    assert summary["replications"] == 2


def test_bad_key_path_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(str(MINIMAL), "--out", str(tmp_path), "--set", "transmision.retention=0.8")
    err = capsys.readouterr().err
    assert code == 2
    assert "transmision: unknown key; did you mean 'transmission'?" in err
    assert "Traceback" not in err


def test_bad_value_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(MINIMAL), "--out", str(tmp_path), "--set", "horizon_months=0") == 2
    assert "horizon_months: must be >= 1, got 0" in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(tmp_path / "无.yaml"), "--out", str(tmp_path)) == 2
    assert "无.yaml" in capsys.readouterr().err


def test_simulate_writes_a_manifest_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zeren_graph.output import verify_run

    argv = [str(MINIMAL), "--out", str(tmp_path), "--replications", "1", "--no-plots"]
    assert _run(*argv, "--set", "horizon_months=3") == 0
    assert "wrote summary.json, timeseries.csv, events.csv and manifest.json" in (
        capsys.readouterr().out
    )
    check = verify_run(tmp_path)
    assert check.ok, str(check)
    assert check.manifest is not None
    assert check.manifest["scenario"] == "minimal form, five levels"


def test_simulate_into_a_locked_folder_exits_2_before_simulating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from zeren_graph.output import RunFolder

    with RunFolder(tmp_path):
        assert _run(str(MINIMAL), "--out", str(tmp_path), "--no-plots") == 2
    err = capsys.readouterr().err
    assert "another zeren run is writing to this folder" in err
    assert "Traceback" not in err
    assert not (tmp_path / "summary.json").exists()
