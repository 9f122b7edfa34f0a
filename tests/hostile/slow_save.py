"""Helper of the kill and concurrency tests: save a simulation, stopping at a chosen step.

Usage: ``python slow_save.py OUT SCENARIO SEED STOPS [--plots]``

The run-folder protocol reports each step on stdout (``locked``, ``temp NAME``
when a file is fully written under its temporary name, ``renamed NAME`` when
it is in place, ``begun`` when the old run is cleared, ``done``). At step
number ``STOP`` (0-based; ``-1``: never) it prints ``stopped PID`` and waits
for a line on stdin, so a test can SIGKILL it at exactly that point, or let it
go on.

With several comma-separated ``STOPS`` the process simulates once, then forks
one child per stop, saving into ``OUT/step<STOP>``; every line a child prints
starts with its stop number. The children are real processes that a test
SIGKILLs by pid; the parent waits for them all.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class _State:
    stop = -1
    steps = 0
    tag = ""


def _say(text: str) -> None:
    """Write one line with one system call (forked children share the pipe)."""
    os.write(1, f"{_State.tag}{text}\n".encode())


def _step(text: str) -> None:
    _say(text)
    if _State.steps == _State.stop:
        _say(f"stopped {os.getpid()}")
        sys.stdin.readline()
    _State.steps += 1


def _trace() -> None:
    """Report every atomic write and the start of a run through :func:`_step`."""
    from zeren_graph.output import run as run_mod

    names = vars(run_mod)
    original = names["atomic_path"]

    @contextlib.contextmanager
    def traced(target: str | Path, **kwargs: Any) -> Iterator[Path]:
        name = Path(target).name
        with original(target, **kwargs) as tmp:
            yield tmp
            _step(f"temp {name}")
        _step(f"renamed {name}")

    names["atomic_path"] = traced
    begin = run_mod.RunFolder.begin

    def traced_begin(self: run_mod.RunFolder) -> None:
        done = self._begun
        begin(self)
        if not done:
            _step("begun")

    run_mod.RunFolder.begin = traced_begin  # type: ignore[method-assign]


def _save(result: Any, out: Path, plots: bool) -> None:
    from zeren_graph.output.run import RunFolder
    from zeren_graph.sim.results import RUN_FILES

    with RunFolder(out, names=RUN_FILES) as folder:
        _step("locked")
        result.save(folder, plots=plots)
    _step("done")


def main(argv: list[str]) -> int:
    out, scenario_path, seed = Path(argv[0]), argv[1], int(argv[2])
    stops = [int(s) for s in argv[3].split(",")]
    plots = "--plots" in argv[4:]

    from zeren_graph.sim import load_scenario, simulate

    _trace()
    result = simulate(load_scenario(scenario_path), seed=seed)
    if len(stops) == 1:
        _State.stop = stops[0]
        _save(result, out, plots)
        return 0
    children = []
    for stop in stops:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                _State.stop, _State.tag = stop, f"{stop} "
                _save(result, out / f"step{stop}", plots)
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
