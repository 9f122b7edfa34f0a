"""Hostile-suite cases of promises 3 and 5 of issue 10: atomic, consistent, safe outputs.

Promise 3, outputs are atomic and consistent: every file is written to a
temporary file in its folder and renamed into place; a simulation's run folder
is complete together (``manifest.json`` written last) or marked incomplete,
also when the process is SIGKILLed while saving; two runs into one folder are
refused (a lock), not interleaved; symbolic links are refused, never followed.

Promise 5, safe output for every consumer: CSV cells a spreadsheet would run
start with ``'`` and read back as written; XLSX cells are text, never
formulas; terminal output has no control characters from user content;
Markdown escapes HTML and link syntax; JSON is always valid JSON.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zeren_graph.errors import OutputError
from zeren_graph.io import list_rows, write_list, write_units
from zeren_graph.model import Assignment, Duty, Post, ResponsibilityModel, Unit
from zeren_graph.output import RunFolder, csv_cell, md_text, terminal, uncsv_cell, verify_run
from zeren_graph.output import lock as lock_module
from zeren_graph.output.escape import CSV_TRIGGERS, json_text, md_fence
from zeren_graph.output.run import LOCK, MANIFEST
from zeren_graph.sim import load_scenario, simulate
from zeren_graph.sim.results import RUN_FILES, SimulationResult

from .harness import Run, run_zeren

HERE = Path(__file__).parent
SLOW_SAVE = HERE / "slow_save.py"

#: A small scenario with sanctions, so events.csv has rows (about a second per process).
SCENARIO = """\
name: 乙镇督查
hierarchy:
  levels: [县, 乡镇, 村]
  span: [1, 3, 4]
transmission: {retention: 0.8}
supervision:
  - {name: 年终考核, by: 县, over: [乡镇, 村], period: 6, sample: all, assess: true, boost: 0.0}
accountability:
  - {name: 一般约谈, when: {rating: 一般}, action: 约谈}
  - {name: 较差通报, when: {rating: 较差}, action: 通报批评}
behaviour: {load: 0.25, leader_sd: 0.25, noise: 0.08}
horizon_months: 24
replications: 2
seed: 1
"""

#: Cells a spreadsheet would execute, and their neighbours that must not change.
HOSTILE_CELLS = {
    "formula": '=HYPERLINK("http://evil.example","点我")',
    "plus": "+86 10 1234 5678",
    "minus": "-三会一课",
    "at": "@SUM(A1:A9)",
    "tab": "\t=1+1",
    "carriage-return": "\r=1+1",
    "quoted-formula": "'=1+1",
    "two-quotes-formula": "''=cmd|' /C calc'!A0",
    "quote-text": "'注",
    "lone-quote": "'",
    "plain": "三会一课",
    "empty": "",
}

#: Names that attack a terminal or a Markdown renderer.
TERMINAL_ATTACKS = {
    "clear-screen": "三会一课\x1b[2J",
    "recolour": "乙镇党委\x1b[31m红",
    "osc-title": "组织生活会\x1b]0;pwned\x07",
    "forged-line": "三会一课\n  + ZG101 伪造的一行",
    "bidi-override": "乙镇\u202e委党",
    "c1-csi": "党建\x9b2J",
}
MARKDOWN_ATTACKS = {
    "script": "<script>alert(1)</script>",
    "js-link": "[点我](javascript:alert(1))",
    "image": "![x](http://evil.example/a.png)",
    "autolink": "<javascript:alert(1)>",
    "table-pipe": "三会一课 | 伪造列",
    "code-fence": "```\n<b>逃出代码块</b>",
    "html-entity": "&lt;script&gt;",
}


# -- helpers -----------------------------------------------------------------------------------


def _model(
    duty_names: list[str], unit: str = "乙镇党委", *, owned: int | None = None
) -> ResponsibilityModel:
    """A model of duties in ``unit`` under 县委; the first ``owned`` (all) have an owner."""
    duties = [Duty(id=f"{unit}/{i}", name=n, scope=unit) for i, n in enumerate(duty_names)]
    return ResponsibilityModel(
        units=[Unit(id="县委"), Unit(id=unit, parent="县委")],
        posts=[Post(id=f"{unit}/书记", unit=unit, title="书记")],
        duties=duties,
        assignments=[
            Assignment(duty=d.id, holder=f"{unit}/书记", role="first_responsible")
            for d in duties[:owned]
        ],
    )


def _scenario(tmp_path: Path, text: str = SCENARIO) -> Path:
    path = tmp_path / "乙镇督查.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _scenario(tmp_path_factory.mktemp("scenario"))


@pytest.fixture(scope="module")
def references(
    scenario_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[int, dict[str, bytes]]:
    """The complete files of seeds 1 and 2 (no plots), as a finished run writes them."""
    refs: dict[int, dict[str, bytes]] = {}
    for seed in (1, 2):
        folder = tmp_path_factory.mktemp(f"ref{seed}")
        simulate(load_scenario(scenario_file), seed=seed).save(folder, plots=False)
        refs[seed] = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != MANIFEST}
    return refs


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _result(scenario_file: Path, seed: int = 1) -> SimulationResult:
    return simulate(load_scenario(scenario_file), seed=seed)


def _assert_consistent(folder: Path, refs: dict[int, dict[str, bytes]]) -> str:
    """The kill promise; return ``"old"``, ``"new"`` or ``"incomplete"``.

    Either the manifest is valid and describes exactly one run's complete
    files, or there is no valid manifest; a file under a final name is
    always some run's complete file, never a part.
    """
    check = verify_run(folder)
    for path in folder.iterdir():
        if path.name in refs[1]:  # a final name: a whole file of one run
            data = path.read_bytes()
            assert data in (refs[1][path.name], refs[2][path.name]), f"partial {path.name}"
    if check.ok:
        assert check.manifest is not None
        seed = check.manifest["seed"]
        listed = {f["name"]: f["sha256"] for f in check.manifest["files"]}
        assert listed == {n: _sha(b) for n, b in refs[seed].items()}, "mixed files"
        return "old" if seed == 1 else "new"
    if check.manifest is not None:  # present but not complete: it must say so
        assert check.manifest["complete"] is False, str(check)
    return "incomplete"


# -- promise 3: every file is written atomically -----------------------------------------------


def _write_list_csv(folder: Path, scenario_file: Path) -> list[Path]:
    write_list(_model(["三会一课"]), folder / "清单.csv")
    return [folder / "清单.csv"]


def _write_list_xlsx(folder: Path, scenario_file: Path) -> list[Path]:
    write_list(_model(["三会一课"]), folder / "清单.xlsx", headers="zh")
    return [folder / "清单.xlsx"]


def _write_units_csv(folder: Path, scenario_file: Path) -> list[Path]:
    write_units(_model(["三会一课"]), folder / "单位表.csv")
    return [folder / "单位表.csv"]


def _write_units_xlsx(folder: Path, scenario_file: Path) -> list[Path]:
    write_units(_model(["三会一课"]), folder / "单位表.xlsx", headers="zh")
    return [folder / "单位表.xlsx"]


def _save_run(folder: Path, scenario_file: Path) -> list[Path]:
    out = folder / "结果"
    _result(scenario_file).save(out, plots=True)
    return [out / n for n in (*RUN_FILES, MANIFEST)]


def _save_plots(folder: Path, scenario_file: Path) -> list[Path]:
    from zeren_graph.plot.sim import save_plots

    return save_plots(_result(scenario_file), folder)


WRITERS: dict[str, Callable[[Path, Path], list[Path]]] = {
    "write_list-csv": _write_list_csv,
    "write_list-xlsx": _write_list_xlsx,
    "write_units-csv": _write_units_csv,
    "write_units-xlsx": _write_units_xlsx,
    "simulation-save": _save_run,
    "save_plots": _save_plots,
}


@pytest.mark.parametrize("writer", list(WRITERS), ids=[f"atomic-rename-{w}" for w in WRITERS])
def test_every_file_is_renamed_into_place_from_a_temp_in_its_folder(
    writer: str, tmp_path: Path, scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise 3: each output appears by one rename of a temporary file in the same folder."""
    renames: list[tuple[Path, Path]] = []
    real = os.replace

    def spy(src: Any, dst: Any) -> None:
        renames.append((Path(src), Path(dst)))
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    written = WRITERS[writer](tmp_path, scenario_file)
    targets = {dst for _, dst in renames}
    for path in written:
        assert path in targets, f"{path.name} was not renamed into place"
    for src, dst in renames:
        assert src.parent == dst.parent
        assert src.name.startswith(f".{dst.name}.")
        assert src.name.endswith(".tmp")
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert leftovers == []


@pytest.mark.parametrize("writer", list(WRITERS), ids=[f"permissions-{w}" for w in WRITERS])
def test_atomic_outputs_get_the_permissions_a_plain_write_gives(
    writer: str, tmp_path: Path, scenario_file: Path
) -> None:
    """Promise 3: the temporary file's private 0600 mode does not leak onto the output."""
    umask = os.umask(0o022)
    os.umask(umask)
    for path in WRITERS[writer](tmp_path, scenario_file):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path.name
    target = tmp_path / "清单.csv"
    target.write_text("旧\n", encoding="utf-8")
    target.chmod(0o640)
    write_list(_model(["三会一课"]), target)  # replacing a file keeps its mode
    assert target.stat().st_mode & 0o777 == 0o640


def _fail_midway(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, after: int) -> None:
    """Make ``module.name`` raise after ``after`` calls (a disk full, a crash)."""
    real = getattr(module, name)
    calls = {"n": 0}

    def broken(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, broken)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"], ids=["failed-csv", "failed-xlsx"])
def test_a_failed_export_leaves_the_old_file_whole(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise 3: a writer failing midway leaves the previous file untouched, no temp file."""
    from zeren_graph.io import export

    target = tmp_path / f"清单{suffix}"
    write_list(_model(["三会一课", "组织生活会"]), target)
    before = target.read_bytes()
    if suffix == ".csv":
        _fail_midway(monkeypatch, export, "csv_cell", after=20)
    else:
        _fail_midway(monkeypatch, export, "_xlsx_cells", after=2)
    with pytest.raises(OSError, match="No space"):
        write_list(_model([f"职责{i}" for i in range(50)]), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


# -- promise 3: run folders are complete together or marked incomplete -------------------------


def test_manifest_names_every_file_with_size_hash_seed_scenario_version(
    tmp_path: Path, scenario_file: Path
) -> None:
    """Promise 3: manifest.json, written last, names each file's size and SHA-256, the seed."""
    from zeren_graph import __version__

    written = _result(scenario_file, seed=2).save(tmp_path, plots=True)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["complete"] is True
    assert manifest["format"] == "zeren-run/1"
    assert (manifest["seed"], manifest["scenario"]) == (2, "乙镇督查")
    assert manifest["zeren_version"] == __version__
    assert [f["name"] for f in manifest["files"]] == [p.name for p in written] == list(RUN_FILES)
    for entry in manifest["files"]:
        data = (tmp_path / entry["name"]).read_bytes()
        assert (entry["bytes"], entry["sha256"]) == (len(data), _sha(data))
    latest = max((tmp_path / n).stat().st_mtime_ns for n in RUN_FILES)
    assert (tmp_path / MANIFEST).stat().st_mtime_ns >= latest
    assert not (tmp_path / LOCK).exists()
    assert verify_run(tmp_path).ok


def test_a_rerun_removes_the_older_runs_files(tmp_path: Path, scenario_file: Path) -> None:
    """Promise 3: files of an older run that this run does not write are removed, not kept."""
    _result(scenario_file, seed=1).save(tmp_path, plots=True)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"].append({"name": "旧结果.csv", "bytes": 3, "sha256": "0"})
    (tmp_path / "旧结果.csv").write_text("旧\n", encoding="utf-8")
    (tmp_path / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "说明.txt").write_text("用户自己的文件\n", encoding="utf-8")
    (tmp_path / ".levels.png.abc12345.tmp").write_bytes(b"half a png")  # an earlier crash
    _result(scenario_file, seed=2).save(tmp_path, plots=False)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(["summary.json", "timeseries.csv", "events.csv", MANIFEST, "说明.txt"])
    check = verify_run(tmp_path)
    assert check.ok
    assert check.extra == ("说明.txt",)  # the user's own file is kept, and not the run's


@pytest.mark.parametrize(
    "failure", ["disk-full-in-events", "ctrl-c-in-plots"], ids=lambda f: f"incomplete-{f}"
)
def test_a_failed_save_leaves_the_folder_marked_incomplete_and_unlocked(
    failure: str, tmp_path: Path, scenario_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise 3: a run cut short never leaves a manifest describing a finished run."""
    import zeren_graph.plot.sim as plot_sim

    _result(scenario_file, seed=1).save(tmp_path, plots=True)
    assert verify_run(tmp_path).ok
    result = _result(scenario_file, seed=2)
    if failure == "disk-full-in-events":
        real = SimulationResult.to_frame

        def to_frame(self: SimulationResult, kind: Any = "timeseries") -> Any:
            if kind == "events":
                raise OSError(28, "No space left on device")
            return real(self, kind)

        monkeypatch.setattr(SimulationResult, "to_frame", to_frame)
        expected: type[BaseException] = OSError
    else:

        def interrupted(result: Any) -> Any:
            raise KeyboardInterrupt

        monkeypatch.setattr(plot_sim, "plot_attenuation", interrupted)
        expected = KeyboardInterrupt
    with pytest.raises(expected):
        result.save(tmp_path, plots=True)
    check = verify_run(tmp_path)
    assert not check.ok
    assert check.manifest is not None
    assert check.manifest["complete"] is False
    assert "incomplete" in check.problems[0]
    assert not (tmp_path / LOCK).exists()
    assert not list(tmp_path.glob(".*.tmp"))


def _swap_for_link(path: Path, target: Path) -> None:
    path.unlink()
    path.symlink_to(target)


TAMPERING: dict[str, Callable[[Path], object]] = {
    "byte-changed": lambda d: (d / "events.csv").write_bytes(
        (d / "events.csv").read_bytes().replace(b"1", b"2", 1)
    ),
    "file-missing": lambda d: (d / "timeseries.csv").unlink(),
    "file-swapped-for-link": lambda d: _swap_for_link(d / "summary.json", d / "events.csv"),
    "manifest-garbage": lambda d: (d / MANIFEST).write_text("{not json", encoding="utf-8"),
    "manifest-incomplete": lambda d: (d / MANIFEST).write_text(
        json.dumps({"format": "zeren-run/1", "complete": False, "pid": 4242, "files": []}),
        encoding="utf-8",
    ),
    "manifest-names-outside": lambda d: (d / MANIFEST).write_text(
        json.dumps(
            {
                "format": "zeren-run/1",
                "complete": True,
                "files": [{"name": "../../etc/passwd", "bytes": 1, "sha256": "0"}],
            }
        ),
        encoding="utf-8",
    ),
    "manifest-missing": lambda d: (d / MANIFEST).unlink(),
}


@pytest.mark.parametrize("how", list(TAMPERING), ids=[f"verify-detects-{t}" for t in TAMPERING])
def test_verify_run_detects_a_folder_that_is_not_the_run_its_manifest_describes(
    how: str, tmp_path: Path, scenario_file: Path
) -> None:
    """Promise 3: verify_run accepts only the complete run, exactly as written."""
    _result(scenario_file).save(tmp_path, plots=False)
    assert verify_run(tmp_path).ok
    TAMPERING[how](tmp_path)
    check = verify_run(tmp_path)
    assert not check.ok
    assert check.problems
    assert "not a complete run" in str(check)


# -- promise 3: symbolic links are refused, never followed -------------------------------------


def _link_case(name: str, tmp_path: Path) -> tuple[Callable[[], Any], Path]:
    """Return (the write, the file the link points at) for case ``name``."""
    victim = tmp_path / "victim.txt"
    victim.write_text("不可覆盖\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    model = _model(["三会一课"])
    if name == "folder":
        real = tmp_path / "real"
        real.mkdir()
        (real / "victim.txt").write_text("不可覆盖\n", encoding="utf-8")
        out.rmdir()
        out.symlink_to(real, target_is_directory=True)
        return lambda: simulate(load_scenario(_scenario(tmp_path))).save(out), real / "victim.txt"
    if name in {"write_list", "write_units-xlsx"}:
        target = out / ("清单.csv" if name == "write_list" else "单位表.xlsx")
        target.symlink_to(victim)
        if name == "write_list":
            return lambda: write_list(model, target), victim
        return lambda: write_units(model, target), victim
    (out / name).symlink_to(victim)
    result = simulate(load_scenario(_scenario(tmp_path)))
    return lambda: result.save(out, plots=True), victim


LINK_CASES = [
    "folder",
    "summary.json",
    "events.csv",
    "events.png",
    MANIFEST,
    LOCK,
    "write_list",
    "write_units-xlsx",
]


@pytest.mark.parametrize("case", LINK_CASES, ids=[f"symlink-refused-{c}" for c in LINK_CASES])
def test_symbolic_links_in_an_output_folder_are_refused_not_followed(
    case: str, tmp_path: Path
) -> None:
    """Promise 3: a link at the folder or any target raises OutputError; its target is intact."""
    write, victim = _link_case(case, tmp_path)
    with pytest.raises(OutputError, match="symbolic link"):
        write()
    assert victim.read_text(encoding="utf-8") == "不可覆盖\n"
    assert sorted(p.name for p in victim.parent.iterdir() if p.name != "乙镇督查.yaml") in (
        ["out", "victim.txt"],
        ["victim.txt"],
    )


def test_simulate_into_a_linked_folder_exits_2(tmp_path: Path, scenario_file: Path) -> None:
    """Promise 3 from the command line: exit 2 naming the link, no traceback, nothing written."""
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "out").symlink_to(real, target_is_directory=True)
    run = run_zeren("simulate", scenario_file, "--out", tmp_path / "out", "--no-plots")
    assert run.code == 2, str(run)
    assert "symbolic link" in run.stderr
    assert "Traceback" not in run.stderr
    assert list(real.iterdir()) == []


# -- promise 3: one run at a time in a folder (the lock) ---------------------------------------


def test_a_second_run_into_a_locked_folder_is_refused_naming_the_holder(tmp_path: Path) -> None:
    """Promise 3: while one run holds the folder, another is refused (OutputError), not mixed."""
    with RunFolder(tmp_path, names=["summary.json"]) as first:
        first.write("summary.json", "{}\n")
        with pytest.raises(OutputError) as caught:
            RunFolder(tmp_path, names=["summary.json"]).lock()
        message = str(caught.value)
        assert "another zeren run is writing to this folder" in message
        assert f"pid {os.getpid()}" in message
        assert socket.gethostname() in message
        first.commit({"seed": 1})
    assert verify_run(tmp_path).ok
    with RunFolder(tmp_path) as again:  # released: the next run may go
        again.commit()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


STALE_LOCKS: dict[str, Callable[[], str]] = {
    "dead-pid-same-host": lambda: json.dumps(
        {"pid": _dead_pid(), "host": socket.gethostname(), "started": "2025-01-01T08:00:00Z"}
    ),
    "empty-file": lambda: "",
    "garbage": lambda: "\x00\xff乱码",
}


@pytest.mark.parametrize("kind", list(STALE_LOCKS), ids=[f"stale-lock-{k}" for k in STALE_LOCKS])
def test_a_stale_lock_left_by_a_dead_run_is_taken_over_with_a_note(
    kind: str, tmp_path: Path
) -> None:
    """Promise 3: a lock nobody holds (its run was killed) does not block the folder forever."""
    (tmp_path / LOCK).write_text(STALE_LOCKS[kind](), encoding="utf-8")
    with RunFolder(tmp_path, names=["summary.json"]) as run:
        assert run.notes
        assert "no longer running" in run.notes[0]
        held = json.loads((tmp_path / LOCK).read_text(encoding="utf-8"))
        assert held["pid"] == os.getpid()
        run.write("summary.json", "{}\n")
        run.commit()
    assert verify_run(tmp_path).ok
    assert not (tmp_path / LOCK).exists()


def test_a_lock_from_another_host_is_not_taken_over(tmp_path: Path) -> None:
    """Promise 3: whether a run on another host is alive cannot be told: refuse, say how to fix."""
    info = {"pid": 1, "host": "另一台电脑", "started": "2025-01-01T08:00:00Z"}
    (tmp_path / LOCK).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(OutputError, match="另一台电脑") as caught:
        RunFolder(tmp_path).lock()
    assert "delete" in str(caught.value)
    assert (tmp_path / LOCK).exists()


class _Helper:
    """A ``slow_save.py`` process stopped at one step of saving; a context manager."""

    def __init__(self, out: Path, scenario: Path, seed: int, stop: int | str, plots: bool) -> None:
        args = [sys.executable, str(SLOW_SAVE), str(out), str(scenario), str(seed), str(stop)]
        self.proc = subprocess.Popen(
            [*args, *(["--plots"] if plots else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        self.lines: list[str] = []

    def __enter__(self) -> _Helper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()

    def wait_for(self, word: str, timeout: float = 30.0) -> list[str]:
        """Read stdout lines until ``word``; fail after ``timeout`` seconds or at the end."""
        assert self.proc.stdout is not None
        timer = threading.Timer(timeout, self.proc.kill)
        timer.start()
        try:
            for raw in self.proc.stdout:
                line = raw.decode("utf-8").strip()
                self.lines.append(line)
                if line.split(" ")[0] == word:
                    return self.lines
        finally:
            timer.cancel()
        self.kill()
        raise AssertionError(f"{word!r} never came: {self.lines}")

    def go_on(self) -> None:
        """Let the stopped process finish; it must exit 0."""
        _, err = self.proc.communicate(b"\n", timeout=60)
        assert self.proc.returncode == 0, err.decode("utf-8", "replace")

    def kill(self) -> None:
        """SIGKILL the process (if it still runs) and close its pipes."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None and not stream.closed:
                stream.close()


def test_simulate_into_a_folder_another_run_is_writing_exits_2(
    tmp_path: Path, scenario_file: Path
) -> None:
    """Promise 3 from the command line: the second run exits 2 naming the first; one run wins."""
    out = tmp_path / "结果"
    with _Helper(out, scenario_file, seed=1, stop=5, plots=False) as holder:  # stopped mid-save
        holder.wait_for("stopped")
        run = run_zeren("simulate", scenario_file, "--out", out, "--seed", "2", "--no-plots")
        assert run.code == 2, str(run)
        assert "another zeren run is writing to this folder" in run.stderr
        assert f"pid {holder.proc.pid}" in run.stderr
        assert "Traceback" not in run.stderr
        holder.go_on()
    check = verify_run(out)
    assert check.ok, str(check)
    assert check.manifest is not None
    assert check.manifest["seed"] == 1  # the holder's run, whole; nothing of the refused one


def test_two_simulations_started_together_never_interleave(
    tmp_path: Path, scenario_file: Path
) -> None:
    """Promise 3: two runs at once into one --out: each finishes whole or is refused (exit 2)."""
    out = tmp_path / "结果"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    procs = {
        seed: subprocess.Popen(
            [sys.executable, "-m", "zeren_graph", "simulate", str(scenario_file), "--out",
             str(out), "--seed", str(seed), "--no-plots"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        for seed in (1, 2)
    }  # fmt: skip
    runs = {}
    for seed, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=60)
        runs[seed] = Run((), proc.returncode, stdout.decode(), stderr.decode())
    assert all(r.code in {0, 2} for r in runs.values()), runs
    assert any(r.code == 0 for r in runs.values()), runs
    for r in runs.values():
        if r.code == 2:
            assert "another zeren run is writing to this folder" in r.stderr, str(r)
    check = verify_run(out)
    assert check.ok, str(check)
    assert check.manifest is not None
    assert runs[check.manifest["seed"]].code == 0


# -- promise 3: the kill test ------------------------------------------------------------------

#: Steps of ``slow_save.py`` without plots, numbered as it numbers them.
KILL_STEPS = [
    "locked",
    "temp manifest.json",  # the incomplete marker, not yet in place
    "renamed manifest.json",  # the folder now says: incomplete
    "begun",  # the old run's files removed
    "temp summary.json",
    "renamed summary.json",
    "temp timeseries.csv",
    "renamed timeseries.csv",
    "temp events.csv",
    "renamed events.csv",
    "temp manifest.json",  # the final manifest, not yet in place
    "renamed manifest.json",  # complete
]


@pytest.fixture(scope="module")
def killed_folders(
    scenario_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[int, tuple[Path, list[str]]]:
    """SIGKILL one saving process per step, over a complete seed-1 run each; all at once.

    ``slow_save.py`` simulates seed 2 once and forks a child per step (cheap:
    the imports are shared); each child stops at its step and is SIGKILLed.
    """
    base = tmp_path_factory.mktemp("killed")
    old = simulate(load_scenario(scenario_file), seed=1)
    steps = range(len(KILL_STEPS))
    for step in steps:
        old.save(base / f"step{step}", plots=False)  # a real, complete old run
    lines: dict[int, list[str]] = {step: [] for step in steps}
    killed: set[int] = set()
    stops = ",".join(map(str, steps))
    with _Helper(base, scenario_file, seed=2, stop=stops, plots=False) as helper:
        assert helper.proc.stdout is not None
        timer = threading.Timer(60, helper.proc.kill)
        timer.start()
        try:
            for raw in helper.proc.stdout:
                tag, _, text = raw.decode("utf-8").strip().partition(" ")
                if text.startswith("stopped "):
                    os.kill(int(text.split()[1]), signal.SIGKILL)
                    killed.add(int(tag))
                    if len(killed) == len(KILL_STEPS):
                        break
                else:
                    lines[int(tag)].append(text)
        finally:
            timer.cancel()
        helper.proc.wait(timeout=30)
    assert killed == set(steps), lines
    return {step: (base / f"step{step}", lines[step]) for step in steps}


@pytest.mark.parametrize(
    "step", range(len(KILL_STEPS)), ids=[f"sigkill-after-{s.replace(' ', '-')}" for s in KILL_STEPS]
)
def test_a_run_killed_while_saving_leaves_the_old_run_or_an_incomplete_folder(
    step: int,
    killed_folders: dict[int, tuple[Path, list[str]]],
    references: dict[int, dict[str, bytes]],
) -> None:
    """Promise 3, kill test: SIGKILL at each step; never a manifest describing mixed files."""
    folder, lines = killed_folders[step]
    assert lines[-1] == KILL_STEPS[step]
    state = _assert_consistent(folder, references)
    if step <= 1:
        assert state == "old"  # killed before the folder was touched: the old run stands
    elif step < len(KILL_STEPS) - 1:
        assert state == "incomplete"
    else:
        assert state == "new"


@pytest.mark.parametrize("step", [3, 9], ids=["rerun-after-kill-at-begun", "rerun-after-kill-late"])
def test_the_next_run_after_a_kill_takes_the_stale_lock_and_completes(
    step: int,
    killed_folders: dict[int, tuple[Path, list[str]]],
    references: dict[int, dict[str, bytes]],
    scenario_file: Path,
) -> None:
    """Promise 3: the killed run's lock is taken over with a note; the new run verifies."""
    folder, _ = killed_folders[step]
    assert (folder / LOCK).exists()
    run = run_zeren("simulate", scenario_file, "--out", folder, "--seed", "2", "--no-plots")
    assert run.code == 0, str(run)
    assert "took over the lock" in run.stderr
    assert _assert_consistent(folder, references) == "new"
    assert not list(folder.glob(".*.tmp"))
    assert not (folder / LOCK).exists()


@pytest.mark.parametrize("delay", [0.0, 0.1], ids=lambda d: f"real-simulate-kill-{d}s")
def test_a_real_zeren_simulate_killed_while_saving_plots(
    delay: float, tmp_path: Path, scenario_file: Path
) -> None:
    """Promise 3, kill test on ``zeren simulate`` itself: SIGKILL once a temp file appears."""
    out = tmp_path / "结果"
    _result(scenario_file, seed=1).save(out, plots=True)
    old = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "zeren_graph", "simulate", str(scenario_file), "--out", str(out),
         "--seed", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline:
        if any(out.glob(".*.tmp")):
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.001)
    proc.wait(timeout=30)
    check = verify_run(out)
    if check.ok:  # finished before the kill, or killed before touching the folder
        assert check.manifest is not None
        assert check.manifest["seed"] in {1, 2}
        if check.manifest["seed"] == 1:
            assert check.manifest == old
    else:
        assert check.manifest is None or check.manifest["complete"] is False
    for name in ("summary.json",):
        if (out / name).exists():
            json.loads((out / name).read_text(encoding="utf-8"))  # whole, never cut
    for png in out.glob("*.png"):
        assert png.read_bytes().endswith(b"IEND\xaeB`\x82"), f"{png.name} cut short"


# -- promise 5: CSV cells a spreadsheet would run ----------------------------------------------


@pytest.mark.parametrize(
    "value", list(HOSTILE_CELLS.values()), ids=[f"csv-cell-{k}" for k in HOSTILE_CELLS]
)
def test_csv_cell_makes_formulas_text_and_round_trips(value: str) -> None:
    """Promise 5: no escaped cell starts with a trigger; unescaping gives the value back."""
    cell = csv_cell(value)
    assert cell[:1] not in CSV_TRIGGERS
    assert uncsv_cell(cell) == value
    if value[:1] in CSV_TRIGGERS:
        assert cell == "'" + value


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r三会一课 a1"), max_size=8))
def test_csv_escape_is_reversible_for_any_text(value: str) -> None:
    """Promise 5: ``uncsv_cell(csv_cell(v)) == v`` and escaped cells never start a formula."""
    assert uncsv_cell(csv_cell(value)) == value
    assert csv_cell(value)[:1] not in CSV_TRIGGERS


FORMULA_NAMES = {
    k: v for k, v in HOSTILE_CELLS.items() if v.strip() and k not in {"tab", "carriage-return"}
}


@pytest.mark.parametrize(
    "name", list(FORMULA_NAMES.values()), ids=[f"write_list-csv-{k}" for k in FORMULA_NAMES]
)
def test_write_list_csv_writes_formulas_as_text(name: str, tmp_path: Path) -> None:
    """Promise 5: a duty named like a formula is written with a leading ``'`` in CSV."""
    write_list(_model([name]), tmp_path / "清单.csv")
    with (tmp_path / "清单.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    cell = rows[1][rows[0].index("duty")]
    assert cell == csv_cell(name)
    assert cell[:1] not in CSV_TRIGGERS


@pytest.mark.parametrize(
    "name", list(FORMULA_NAMES.values()), ids=[f"csv-reads-back-{k}" for k in FORMULA_NAMES]
)
def test_write_list_csv_reads_back_the_same_model(name: str, tmp_path: Path) -> None:
    """Promise 5: reading a list written by write_list gives the same duty names back."""
    from zeren_graph.io import load

    model = _model([name, "组织生活会"])
    write_list(model, tmp_path / "清单.csv")
    write_units(model, tmp_path / "单位表.csv")
    again = load(tmp_path / "清单.csv", units=tmp_path / "单位表.csv")
    assert sorted(d.name for d in again.duties) == sorted(d.name for d in model.duties)


@pytest.mark.parametrize(
    "name", list(FORMULA_NAMES.values()), ids=[f"xlsx-text-{k}" for k in FORMULA_NAMES]
)
def test_write_list_xlsx_writes_strings_never_formulas_and_reads_back(
    name: str, tmp_path: Path
) -> None:
    """Promise 5: XLSX cells are text (never a formula) and read back identically."""
    import openpyxl

    from zeren_graph.io import load

    model = _model([name, "组织生活会"])
    write_list(model, tmp_path / "清单.xlsx", headers="zh")
    write_units(model, tmp_path / "单位表.xlsx", headers="zh")
    book = openpyxl.load_workbook(tmp_path / "清单.xlsx")
    cells = [c for row in book.active.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert name in [c.value for c in cells]
    again = load(tmp_path / "清单.xlsx", units=tmp_path / "单位表.xlsx")
    assert sorted(d.name for d in again.duties) == sorted(d.name for d in model.duties)


def test_xlsx_refuses_a_control_character_it_cannot_store(tmp_path: Path) -> None:
    """Promise 5: a name an .xlsx cannot hold is an OutputError naming it, not a crash."""
    with pytest.raises(OutputError, match=r"control character.*三会一课\\x1b"):
        write_list(_model(["三会一课\x1b[2J"]), tmp_path / "清单.xlsx")
    assert not list(tmp_path.iterdir())


HOSTILE_SCENARIO = (
    SCENARIO.replace("name: 乙镇督查", "name: '=HYPERLINK(\"http://evil.example\")'")
    .replace("levels: [县, 乡镇, 村]", "levels: ['=县', '@乡镇', '-村']")
    .replace("by: 县", "by: '=县'")
    .replace("over: [乡镇, 村]", "over: ['@乡镇', '-村']")
    .replace("{name: 一般约谈", "{name: '+一般约谈'")
)


def test_simulation_csvs_write_names_as_text_and_numbers_as_numbers(tmp_path: Path) -> None:
    """Promise 5: events.csv/timeseries.csv text cells never start a formula; numbers stay."""
    result = simulate(load_scenario(_scenario(tmp_path, HOSTILE_SCENARIO)))
    result.save(tmp_path / "out", plots=False)
    for name in ("events.csv", "timeseries.csv"):
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert len(rows) > 1, name
        cells = [c for row in rows[1:] for c in row]
        assert all(c[:1] not in CSV_TRIGGERS for c in cells), name
        assert any(c.startswith(("'=县", "'@乡镇", "'-村")) for c in cells), name
    events = list(csv.DictReader(io.StringIO((tmp_path / "out" / "events.csv").read_text("utf-8"))))
    assert events, "the scenario has sanctions"
    assert {e["rule"] for e in events} >= {"'+一般约谈"}
    assert all(int(e["month"]) >= 1 and e["joint"] in {"True", "False"} for e in events)


def test_negative_numbers_in_numeric_columns_are_not_escaped(tmp_path: Path) -> None:
    """Promise 5: escaping touches text columns only; ``-0.5`` in a number column stays a number."""
    import pandas as pd

    from zeren_graph.sim.results import _csv

    frame = pd.DataFrame({"name": ["-村", "乡镇"], "mean": [-0.5, 1.25], "month": [-1, 2]})
    _csv(frame, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines() == [
        "name,mean,month",
        "'-村,-0.5,-1",
        "乡镇,1.25,2",
    ]


# -- promise 5: terminals -----------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _assert_terminal_safe(text: str, *, colour: bool = False) -> None:
    if colour:
        text = _SGR.sub("", text)  # our own colours
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text), repr(
        text
    )
    assert "伪造的一行" not in "".join(
        line for line in text.splitlines() if line.lstrip().startswith("+ ZG101")
    )


@pytest.mark.parametrize(
    "name",
    list(TERMINAL_ATTACKS.values()),
    ids=[f"terminal-check-text-{k}" for k in TERMINAL_ATTACKS],
)
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_check_text_report_strips_control_characters(name: str, colour: bool) -> None:
    """Promise 5: a duty name cannot clear, recolour or forge lines of ``zeren check`` text."""
    from zeren_graph.checks import check, to_text

    model = _model([name], owned=0)  # an unowned duty: finding ZG101 names it
    text = to_text(check(model), color=colour)
    assert "ZG101" in text
    _assert_terminal_safe(text, colour=colour)


@pytest.mark.parametrize(
    "name",
    list(TERMINAL_ATTACKS.values()),
    ids=[f"terminal-diff-text-{k}" for k in TERMINAL_ATTACKS],
)
def test_diff_text_strips_control_characters(name: str) -> None:
    """Promise 5: ``zeren diff`` text output shows names without control characters."""
    from zeren_graph.analysis.diff import diff
    from zeren_graph.analysis.render import diff_text

    old = _model(["三会一课"])
    new = _model(["三会一课", name], owned=1)
    _assert_terminal_safe(diff_text(diff(old, new)))


def _json_model(tmp_path: Path, name: str) -> Path:
    model = {
        "name": f"乙镇{name}",
        "units": [{"id": "县委"}, {"id": f"乙镇党委{name}", "parent": "县委"}],
        "duties": [{"id": "县委/三会一课", "name": f"三会一课{name}", "scope": "县委"}],
        "assignments": [{"duty": "县委/三会一课", "holder": "县委", "collective": True,
                         "role": "primary"}],
    }  # fmt: skip
    path = tmp_path / "乙镇.json"
    path.write_text(json.dumps(model, ensure_ascii=True), encoding="utf-8")
    return path


CLI_TEXT: dict[str, Callable[[Path], tuple[str | Path, ...]]] = {
    "info": lambda m: ("info", m),
    "check": lambda m: ("check", m, "--color", "never", "--fail-on", "never"),
    "trace": lambda m: ("trace", m, "县委/三会一课"),
    "diff": lambda m: ("diff", m, m, "--fail-on", "never"),
}


@pytest.mark.parametrize("command", list(CLI_TEXT), ids=[f"terminal-cli-{c}" for c in CLI_TEXT])
def test_cli_text_output_has_no_control_characters_from_a_file(
    command: str, tmp_path: Path
) -> None:
    """Promise 5: ``zeren info/check/trace/diff`` text never passes an escape to the terminal."""
    model = _json_model(tmp_path, "\x1b[2J\x1b]0;pwned\x07\u202e")
    run = run_zeren(*CLI_TEXT[command](model))
    assert run.code == 0, str(run)
    assert "\x1b" not in run.stdout
    assert "\u202e" not in run.stdout
    assert "\x1b" not in run.stderr


def test_terminal_helper_removes_every_control_kind() -> None:
    """Promise 5: terminal() keeps the text, drops controls, turns line breaks into spaces."""
    for name in TERMINAL_ATTACKS.values():
        shown = terminal(name)
        _assert_terminal_safe(shown)
        assert "\n" not in shown
    assert terminal("乙镇\x1b[2J党委") == "乙镇[2J党委"


# -- promise 5: Markdown ------------------------------------------------------------------------

_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")


def _assert_markdown_safe(text: str) -> None:
    assert "<script" not in text.lower()
    assert "<javascript" not in text.lower()
    assert "<b>" not in text.split("````", maxsplit=1)[0]  # outside a code fence, no raw HTML
    assert not _LINK.search(text), text


@pytest.mark.parametrize(
    "name", list(MARKDOWN_ATTACKS.values()), ids=[f"markdown-check-{k}" for k in MARKDOWN_ATTACKS]
)
def test_check_markdown_escapes_html_and_links(name: str) -> None:
    """Promise 5: ``zeren check --format markdown`` shows names as text, never HTML or links."""
    from zeren_graph.checks import check, to_markdown

    model = _model([name], owned=0)
    text = to_markdown(check(model))
    _assert_markdown_safe(text)
    table = [line for line in text.splitlines() if "ZG101" in line]
    assert table
    assert all(line.count("|") - line.count("\\|") == 7 for line in table)  # 6 cells, no more


@pytest.mark.parametrize(
    "name", list(MARKDOWN_ATTACKS.values()), ids=[f"markdown-diff-{k}" for k in MARKDOWN_ATTACKS]
)
def test_diff_markdown_escapes_html_links_and_cannot_close_its_fence(name: str) -> None:
    """Promise 5: ``zeren diff --format markdown`` escapes tables; the diff fence holds."""
    from zeren_graph.analysis.diff import diff
    from zeren_graph.analysis.render import diff_markdown

    old = _model(["三会一课"])
    new = _model(["三会一课", name])
    text = diff_markdown(diff(old, new))
    fences = [line for line in text.splitlines() if line.startswith("```")]
    assert len(fences) == 2
    assert fences[0].removesuffix("diff") == fences[1]
    outside = text.split(fences[0])[0] + text.split(fences[1])[-1]
    _assert_markdown_safe(outside)


def test_md_text_shows_the_same_characters() -> None:
    """Promise 5: escaping keeps every visible character (backslash escapes, entities)."""
    for name in MARKDOWN_ATTACKS.values():
        shown = md_text(name)
        unescaped = re.sub(r"\\(.)", r"\1", shown)
        unescaped = unescaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        assert unescaped == name.replace("\n", " ")
    assert md_fence(["a ```` b"])[0] == "`````"


# -- promise 5: JSON ----------------------------------------------------------------------------


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> Any:
        raise AssertionError(f"invalid JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_json_reports_write_non_finite_figures_as_null(value: float, tmp_path: Path) -> None:
    """Promise 5: summary.json and reports never hold NaN/Infinity (invalid JSON): null."""
    assert _strict_json(json_text({"x": value}, nonfinite="null")) == {"x": None}
    with pytest.raises(OutputError, match=r"NaN or infinity\) at units\[0\]\.party_members"):
        json_text({"units": [{"party_members": value}]}, what="the model")


@pytest.mark.parametrize(
    "dump", ["dump_json", "dump_yaml"], ids=["model-json-refuses-nan", "model-yaml-refuses-nan"]
)
def test_model_export_refuses_non_finite_numbers(dump: str) -> None:
    """Promise 5: a model holding NaN is not written as a file no loader reads back."""
    from zeren_graph.io import export

    model = _model(["三会一课"])
    with (
        pytest.raises(OutputError, match="party_members"),
        _patched(export, "to_document", lambda m: {"units": [{"party_members": math.nan}]}),
    ):
        getattr(export, dump)(model)


@contextlib.contextmanager
def _patched(module: Any, name: str, value: Any) -> Iterator[None]:
    real = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, real)


def test_simulation_summary_is_strict_json(tmp_path: Path, scenario_file: Path) -> None:
    """Promise 5: summary.json and manifest.json parse as strict JSON (no NaN)."""
    _result(scenario_file).save(tmp_path, plots=False)
    for name in ("summary.json", MANIFEST):
        _strict_json((tmp_path / name).read_text(encoding="utf-8"))


def test_list_rows_are_unchanged_by_escaping() -> None:
    """Promise 5: escaping is at the file boundary; list_rows keeps the model's values."""
    assert list_rows(_model(["=1+1"]))[1][1] == "=1+1"


def test_copytree_of_a_verified_run_still_verifies(tmp_path: Path, scenario_file: Path) -> None:
    """Promise 3: the manifest names files relative to the folder; a copied run verifies."""
    _result(scenario_file).save(tmp_path / "a", plots=False)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    assert verify_run(tmp_path / "b").ok


# -- promise 3: an interrupted or forked run never leaves the lock held ----------------------


def _interrupt_once(real: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``real``: its first call does its work, then raises KeyboardInterrupt (a Ctrl-C)."""
    calls: list[int] = []

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if not calls:
            calls.append(1)
            raise KeyboardInterrupt
        return result

    return wrapped


INTERRUPT_POINTS = {
    # where a Ctrl-C lands while the lock is taken, and whether a stale lock was there first
    "after-create-and-flock": ("lock_module", "_try_flock", False),
    "after-writing-the-lock": ("FolderLock", "_hold", False),
    "while-taking-over-a-stale-lock": ("FolderLock", "_hold", True),
    "before-the-with-block-is-entered": ("FolderLock", "acquire", False),
}


@pytest.mark.parametrize("point", list(INTERRUPT_POINTS))
def test_a_run_interrupted_while_taking_the_lock_leaves_no_lock(
    point: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise 3: Ctrl-C while the lock is taken removes it; the next run is not refused.

    The ``with`` block is not entered then, so its exit never runs: the lock
    file (and its open descriptor, which holds the ``flock`` while the process
    lives) must be undone by the lock itself.
    """
    owner_name, name, stale = INTERRUPT_POINTS[point]
    owner = lock_module if owner_name == "lock_module" else lock_module.FolderLock
    if stale:
        (tmp_path / LOCK).write_text("", encoding="utf-8")
    monkeypatch.setattr(owner, name, _interrupt_once(getattr(owner, name)))
    with pytest.raises(KeyboardInterrupt), RunFolder(tmp_path, names=["summary.json"]):
        pytest.fail("the with block must not be entered")  # pragma: no cover
    monkeypatch.undo()
    assert not (tmp_path / LOCK).exists()
    with RunFolder(tmp_path, names=["summary.json"]) as run:  # same process: no fd kept it
        assert run.notes == []
        run.commit()
    assert not (tmp_path / LOCK).exists()


FORKING_RUN = """\
import os, signal, sys
from zeren_graph.output.run import RunFolder

folder = RunFolder(sys.argv[1])
folder.lock()
r, w = os.pipe()
if os.fork() == 0:  # a forked worker that outlives the run
    folder.release()  # in the child: must neither unlock nor remove the parent's lock
    os.write(w, b"locked-in-child=%d\\n" % folder.locked)
    sys.stdin.read()  # lives until the test closes stdin
    os._exit(0)
print(os.read(r, 100).decode().strip(), "lock-file=%d" % folder.lock_path.exists(), flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # the run dies without releasing its lock
"""


def test_a_forked_child_does_not_keep_a_dead_runs_lock(tmp_path: Path) -> None:
    """Promise 3: a child forked while a run holds the lock drops its inherited copy at once.

    A ``flock`` belongs to the open file, which a forked child shares: kept,
    it would outlive the run and refuse every later run, naming a dead pid.
    """
    with subprocess.Popen(
        [sys.executable, "-c", FORKING_RUN, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        try:
            assert proc.stdout.readline().split() == ["locked-in-child=0", "lock-file=1"]
            assert proc.wait(timeout=30) == -signal.SIGKILL
            assert (tmp_path / LOCK).exists()  # the child lives on, the run is dead
            with RunFolder(tmp_path) as run:
                assert "no longer running" in run.notes[0]
                run.commit()
        finally:
            assert proc.stdin is not None
            proc.stdin.close()  # lets the child end
