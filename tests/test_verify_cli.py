"""``zeren verify DIR``: 0 for a complete run, 1 for a folder that is not one, 2 for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zeren_graph.cli import main

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "scenarios" / "sim" / "minimal.yaml"


@pytest.fixture
def run_folder(tmp_path: Path) -> Path:
    out = tmp_path / "结果"
    assert main(["simulate", str(MINIMAL), "--out", str(out), "--no-plots", "--seed", "3"]) == 0
    return out


def test_a_finished_run_verifies(run_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["verify", str(run_folder)]) == 0
    assert "complete run, 3 files verified" in capsys.readouterr().out


def test_a_changed_file_fails(run_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (run_folder / "events.csv").write_text("tampered\n", encoding="utf-8")
    (run_folder / "笔记.txt").write_text("mine\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", str(run_folder), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is False
    assert any("events.csv" in p for p in doc["problems"])
    assert doc["extra"] == ["笔记.txt"]
    assert doc["manifest"]["seed"] == 3


def test_a_folder_without_manifest_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", str(tmp_path)]) == 1
    assert "no manifest.json" in capsys.readouterr().out


def test_a_missing_folder_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "无此目录")]) == 2
    err = capsys.readouterr().err
    assert "无此目录" in err
    assert "Traceback" not in err
