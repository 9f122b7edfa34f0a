"""The harness itself keeps its promises: a bounded run, and a promise check that can fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import Run, assert_promise, run_zeren, write_bytes


def test_missing_file_keeps_the_promise(tmp_path: Path) -> None:
    run = run_zeren("info", tmp_path / "无此文件.csv")
    assert_promise(run, "无此文件.csv")


def test_promise_check_fails_on_a_traceback() -> None:
    bad = Run(("info",), 2, "", "Traceback (most recent call last):\n  ...")
    with pytest.raises(AssertionError):
        assert_promise(bad)
    with pytest.raises(AssertionError):
        assert_promise(Run(("info",), 0, "", ""))


def test_write_bytes_encodes(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "a.csv", "单位\n", "gb18030")
    assert path.read_bytes() == "单位\n".encode("gb18030")
