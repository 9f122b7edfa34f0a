"""Hostile suite, the command line: one guard, Ctrl-C, broken stdout, usage errors.

Each test names the promise of docs/errors.md it checks:

* every expected failure exits 2 with one safe, bounded message and no traceback;
* a bug exits 70 with a one-paragraph "internal error" (traceback with ZEREN_DEBUG=1);
* Ctrl-C prints one line and exits 130, whenever it arrives;
* a closed or broken stdout is quiet: ``| head`` exits 141, ``>&-`` behaves as ``>/dev/null``;
* usage errors exit 2 with an escaped message.
"""

from __future__ import annotations

import csv
import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from zeren_graph.cli import _common, main
from zeren_graph.errors import InputError, LimitError, OutputError, Problem, ZerenError

from .harness import MEMORY_BYTES, assert_promise, run_zeren

LISTS = Path(__file__).resolve().parents[2] / "scenarios" / "lists"
AGENCY = [str(LISTS / "agency.csv"), "--units", str(LISTS / "agency_units.csv")]
ESC = "\x1b[2J"


def _yaml_error() -> BaseException:
    import yaml

    try:
        yaml.safe_load("a: [1, 2\nb: \x1b[31m")
    except yaml.YAMLError as exc:
        return exc
    raise AssertionError("not reached")


def _validation_error() -> BaseException:
    from zeren_graph.model import Unit

    try:
        Unit(id=[f"甲{ESC}"], parent="县委")
    except ValueError as exc:
        return exc
    raise AssertionError("not reached")


def _raise(make: Callable[[], BaseException]) -> Callable[[], int]:
    def body() -> int:
        raise make()

    return body


# (id naming the promise, the failure, what stderr must say)
EXPECTED: list[tuple[str, Callable[[], BaseException], str]] = [
    ("zeren-error", lambda: ZerenError("the model is bad"), "the model is bad"),
    (
        "input-error-names-file-row",
        lambda: InputError([Problem("bad", "no role", file="清单.csv", row=3)]),
        "清单.csv, row 3: no role",
    ),
    (
        "output-error-names-path",
        lambda: OutputError("is a symbolic link", path="out/x.png", hint="remove it"),
        "out/x.png: is a symbolic link; remove it",
    ),
    (
        "limit-error-names-limit",
        lambda: LimitError([Problem("limit-exceeded", "too deep", hint="ZEREN_LIMIT_YAML_DEPTH")]),
        "ZEREN_LIMIT_YAML_DEPTH",
    ),
    (
        "missing-file-names-path",
        lambda: FileNotFoundError(errno.ENOENT, "No such file or directory", "无此清单.csv"),
        "无此清单.csv: No such file or directory",
    ),
    (
        "is-a-directory-names-path",
        lambda: IsADirectoryError(errno.EISDIR, "Is a directory", "lists"),
        "lists: Is a directory; give a file",
    ),
    (
        "permission-denied-names-path",
        lambda: PermissionError(errno.EACCES, "Permission denied", "/root/x.csv"),
        "/root/x.csv: Permission denied",
    ),
    (
        "disk-full-names-path",
        lambda: OSError(errno.ENOSPC, "No space left on device", "out/summary.json"),
        "out/summary.json: No space left on device; free some disk space",
    ),
    (
        "unicode-decode",
        lambda: UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
        "cannot decode the text",
    ),
    (
        "unicode-encode-hints-encoding",
        lambda: UnicodeEncodeError("ascii", "甲", 0, 1, "ordinal not in range(128)"),
        "PYTHONIOENCODING=utf-8",
    ),
    ("recursion-is-too-deep", lambda: RecursionError("maximum recursion depth"), "too deeply"),
    ("memory-is-too-large", MemoryError, "ZEREN_LIMIT_"),
    ("csv-error", lambda: csv.Error("field larger than field limit (131072)"), "malformed CSV"),
    ("yaml-error", _yaml_error, "malformed YAML"),
    ("pydantic-validation-error", _validation_error, "id: Input should be a valid string"),
]


@pytest.mark.parametrize(("make", "needle"), [pytest.param(m, n, id=i) for i, m, n in EXPECTED])
def test_guard_every_expected_failure_exits_2_with_one_safe_message(
    make: Callable[[], BaseException], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise 1: an expected failure exits 2, one message, no traceback, no escapes."""
    assert _common.guard(_raise(make), command="zeren info") == 2
    err = capsys.readouterr().err
    assert err.startswith("zeren info: error: "), err
    assert err.count("zeren info: error:") == 1
    assert needle in err
    assert "Traceback" not in err
    assert "\x1b" not in err


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: FileNotFoundError(2, "No such file", f"a{ESC}\nb.csv"), id="path"),
        pytest.param(lambda: InputError([Problem("x", f"bad {ESC}", value=ESC)]), id="problem"),
        pytest.param(lambda: OutputError(f"locked\u202e{ESC}", path="o\nut"), id="output"),
        pytest.param(lambda: ValueError(f"bug {ESC}\u202e"), id="internal-error"),
    ],
)
def test_guard_messages_never_carry_terminal_controls(
    make: Callable[[], BaseException], capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise 1: no ANSI escape or bidi override from a name or value reaches the terminal."""
    _common.guard(_raise(make), command="zeren info")
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\u202e" not in err
    assert all(line.startswith(("zeren info:", "  ", "This is a bug")) for line in err.splitlines())


@pytest.mark.parametrize(
    ("env", "all_problems", "lines"),
    [
        pytest.param({}, False, 1 + 200 + 1, id="first-200-then-a-count"),
        pytest.param({"ZEREN_MAX_PROBLEMS": "10"}, False, 1 + 10 + 1, id="env-lowers"),
        pytest.param({"ZEREN_MAX_PROBLEMS": "0"}, False, 1 + 95_000, id="env-0-lists-all"),
        pytest.param({}, True, 1 + 95_000, id="all-problems-lists-all"),
    ],
)
def test_guard_bounds_a_long_problem_list_and_keeps_all_available(
    env: dict[str, str],
    all_problems: bool,
    lines: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Promise 1: 95k bad rows print 200 problems and a count, unless every one is asked for."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    err = InputError([Problem("bad", "bad role", file="l.csv", row=i) for i in range(95_000)])
    assert _common.guard(_raise(lambda: err), command="zeren check", all_problems=all_problems) == 2
    out = capsys.readouterr().err.splitlines()
    assert len(out) == lines
    assert out[0] == "zeren check: error: 95000 problems:"
    if lines < 95_000:
        assert f"and {95_000 - lines + 2:,} more problems" in out[-1]
        assert "--all-problems" in out[-1]


def test_guard_bounds_one_huge_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Promise 5: a megabyte-long message is cut, not printed whole."""
    assert _common.guard(_raise(lambda: ZerenError("x" * 1_000_000))) == 2
    err = capsys.readouterr().err
    assert len(err) < 2_000
    assert "(1000000 characters)" in err


@pytest.mark.parametrize("debug", [pytest.param("", id="default"), pytest.param("1", id="debug")])
def test_guard_a_bug_exits_70_and_asks_for_a_report(
    debug: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is not bad input: exit 70, "internal error", the traceback only with ZEREN_DEBUG=1."""
    monkeypatch.setenv("ZEREN_DEBUG", debug)
    assert _common.guard(_raise(lambda: KeyError("oops")), command="zeren draw") == 70
    err = capsys.readouterr().err
    assert "zeren draw: internal error: KeyError: 'oops'" in err
    assert "please report" in err.lower()
    assert ("Traceback" in err) == bool(debug)


def test_guard_ctrl_c_exits_130_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Promise 1: Ctrl-C prints one line and exits 130."""
    assert _common.guard(_raise(KeyboardInterrupt), command="zeren simulate") == 130
    assert capsys.readouterr().err == "zeren simulate: interrupted\n"


@pytest.mark.parametrize(
    "where",
    [pytest.param("import", id="while-importing-a-command"), pytest.param("parse", id="parsing")],
)
def test_main_ctrl_c_before_the_command_runs_exits_130(
    where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Promise 1: Ctrl-C during the imports of ``main`` or argument parsing is one line, 130."""
    import argparse

    from zeren_graph import cli

    def interrupt(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    if where == "import":
        monkeypatch.setattr(cli, "import_module", interrupt)
    else:
        monkeypatch.setattr(argparse.ArgumentParser, "parse_args", interrupt)
    assert main(["check", "x.csv"]) == 130
    assert capsys.readouterr().err == "zeren check: interrupted\n"


# --- in a real process -------------------------------------------------------------------


def _dfl_sigint_and_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # a background job may have it ignored
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}


@pytest.fixture
def long_scenario(tmp_path: Path) -> Path:
    """A scenario that runs for many seconds in a few hundred MB."""
    path = tmp_path / "long.yaml"
    path.write_text(
        "name: long\nhierarchy:\n  levels: [省, 市, 县, 乡镇]\n  span: [1, 8, 8, 10]\n"
        "transmission:\n  retention: 0.9\nsupervision: []\naccountability: []\n"
        "horizon_months: 1200\nreplications: 2000\nseed: 1\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "delay", [pytest.param(0.8, id="early-in-the-run"), pytest.param(2.0, id="in-the-run")]
)
def test_ctrl_c_during_a_long_simulation_prints_one_line_and_exits_130(
    long_scenario: Path, tmp_path: Path, delay: float
) -> None:
    """Promise 1: SIGINT to a running ``zeren simulate`` → one line, exit 130, no traceback."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "zeren_graph", "simulate", str(long_scenario), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        preexec_fn=_dfl_sigint_and_memory,  # noqa: PLW1509 - pytest does not fork in threads
    )
    try:
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert proc.poll() is None, "the simulation ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = err.decode("utf-8", "replace")
    assert proc.returncode == 130, text
    assert text == "zeren simulate: interrupted\n"
    assert not out.exists() or not (out / ".zeren.lock").exists()


_INTERRUPT_ON_IMPORT = """
import runpy, sys
MODULE = sys.argv[1]
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            raise KeyboardInterrupt
sys.meta_path.insert(0, Interrupt())
sys.argv = ["zeren", *sys.argv[2:]]
runpy.run_module("zeren_graph", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(
    ("module", "line"),
    [
        pytest.param("zeren_graph.cli", "zeren: interrupted", id="importing-the-cli"),
        pytest.param("zeren_graph.cli.check", "zeren check: interrupted", id="importing-check"),
        pytest.param("zeren_graph.io", "zeren check: interrupted", id="importing-the-loaders"),
    ],
)
def test_ctrl_c_while_importing_prints_one_line_and_exits_130(module: str, line: str) -> None:
    """Promise 1: a Ctrl-C during ``python -m zeren_graph``'s own imports is one line, 130."""
    proc = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_ON_IMPORT, module, "check", *AGENCY],
        capture_output=True,
        env=_env(),
        timeout=60,
        check=False,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 130, err
    assert err == f"{line}\n"


def _run_with_stdout(args: list[str], stdout: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zeren_graph", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=_env(),
        timeout=60,
        check=False,
    )


@pytest.fixture
def closed_pipe() -> Iterator[int]:
    """The write end of a pipe whose reader has already gone."""
    read, write = os.pipe()
    os.close(read)
    yield write
    os.close(write)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["info", *AGENCY], id="info"),
        pytest.param(["check", *AGENCY, "--no-config"], id="check"),
        pytest.param(["info", *AGENCY, "--format", "json"], id="info-json"),
        pytest.param(["--help"], id="help"),
    ],
)
def test_a_reader_gone_before_we_write_is_quiet(args: list[str], closed_pipe: int) -> None:
    """Promise 1: a broken stdout exits 141 (or 0 for --help), silently: no traceback at exit."""
    proc = _run_with_stdout(args, closed_pipe)
    assert proc.stderr == b""
    assert proc.returncode in ((0, 141) if args == ["--help"] else (141,))


def test_head_1_stops_a_long_output_quietly_with_141(tmp_path: Path) -> None:
    """Promise 1: ``zeren info big | head -1`` — no "Exception ignored", exit 141 (SIGPIPE's)."""
    units = tmp_path / "units.csv"
    units.write_text(
        "单位,上级单位\nU0,\n" + "".join(f"U{i},U{i - 1}\n" for i in range(1, 20_000)),
        encoding="utf-8",
    )
    lst = tmp_path / "list.csv"
    lst.write_text("职责,责任单位,责任类型\n三会一课,U0,牵头\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "zeren_graph", "info", str(lst), "--units", str(units)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141, err
    assert first
    assert err == b""


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["info", *AGENCY], 0, id="info-exits-0"),
        pytest.param(["check", *AGENCY, "--no-config"], 1, id="check-keeps-its-findings-code"),
    ],
)
def test_closed_stdout_behaves_like_dev_null(args: list[str], code: int) -> None:
    """Promise 1: ``zeren ... >&-`` runs quietly with the command's own exit code."""
    script = 'exec "$0" -m zeren_graph "$@" >&-'
    proc = subprocess.run(
        ["/bin/sh", "-c", script, sys.executable, *args],
        capture_output=True,
        env=_env(),
        timeout=60,
        check=False,
    )
    assert proc.stderr == b"", proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_disk_on_stdout_exits_2_with_one_message() -> None:
    """Promise 1: ``zeren check ... > /dev/full`` → exit 2, ENOSPC named, no "Exception ignored"."""
    with open("/dev/full", "wb") as full:
        proc = _run_with_stdout(["check", *AGENCY, "--no-config"], full.fileno())
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "No space left on device" in err
    assert "Exception ignored" not in err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        pytest.param(
            ["info", *AGENCY, "--bogus"], ["unrecognized arguments: --bogus"], id="option"
        ),
        pytest.param(["info"], ["the following arguments are required: LIST"], id="missing-arg"),
        pytest.param(["frobnicate"], ["invalid choice: 'frobnicate'"], id="unknown-command"),
        pytest.param(["draw", *AGENCY, "-o", "x.png", "--lang", "xx"], ["'xx'"], id="lang-xx"),
        pytest.param([], ["required: COMMAND"], id="no-command"),
        pytest.param(
            ["info", *AGENCY, f"--x{ESC}\n"], ["--x\\x1b[2J\\n"], id="escape-in-unknown-option"
        ),
        pytest.param(["info", os.fsdecode(b"\xff\xfe.csv")], ["\\xff\\xfe.csv"], id="non-utf8"),
        pytest.param(["info", f"清{ESC}\n单.csv"], ["清\\x1b[2J\\n单.csv"], id="escape-in-name"),
        pytest.param(["draw", *AGENCY, "-o", "x.png", "--dpi", "nan"], ["--dpi"], id="dpi-nan"),
    ],
)
def test_usage_errors_exit_2_with_an_escaped_message(args: list[str], needles: list[str]) -> None:
    """Promise 1: usage errors exit 2, clear message, no traceback, no terminal escapes."""
    run = run_zeren(*args)
    assert_promise(run, *needles)
    assert "\x1b" not in run.stderr
