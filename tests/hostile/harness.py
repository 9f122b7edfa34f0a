"""Harness of the hostile-input suite: run ``zeren`` bounded in time and memory.

:func:`run_zeren` starts ``python -m zeren_graph`` in a subprocess with an
address-space limit and a timeout, so a case that blows up fails the test
instead of the machine. :func:`assert_promise` checks the promise of
docs/errors.md for bad input: exit 2, one message on stderr naming the file,
no traceback.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Address-space limit of a hostile case: a small hostile file may take a few hundred MB.
MEMORY_BYTES = 1536 * 1024 * 1024
#: Wall-clock limit of a hostile case, in seconds (slow CI machines included).
TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Run:
    """What one ``zeren`` process did."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (
            f"zeren {' '.join(self.args)} -> exit {self.code}\n"
            f"--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"
        )


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_zeren(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = TIMEOUT_S,
    memory: bool = True,
) -> Run:
    """Run ``python -m zeren_graph ARGS`` bounded in time and memory; return what it did."""
    full_env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "zeren_graph", *map(str, args)],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limit_memory if memory else None,
        check=False,
    )
    return Run(
        tuple(map(str, args)),
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def assert_promise(run: Run, *needles: str) -> None:
    """Assert the bad-input promise: exit 2, no traceback, every needle in stderr."""
    assert run.code == 2, str(run)
    assert "Traceback" not in run.stderr, str(run)
    assert "Traceback" not in run.stdout, str(run)
    for needle in needles:
        assert needle in run.stderr, f"{needle!r} not in stderr\n{run}"


def write_bytes(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` (text in ``encoding``) and return the path."""
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


__all__: Sequence[str] = [
    "MEMORY_BYTES",
    "TIMEOUT_S",
    "MemoryProbe",
    "Run",
    "assert_promise",
    "run_zeren",
    "write_bytes",
]


class MemoryProbe:
    """Trace this process's Python allocations from now; :meth:`peak_mb` stops and reports.

    The hostile suite bounds work by memory, which is deterministic, never by the clock
    (tests never assert timings): a refusal that comes *before* the work allocates little,
    while an alias bomb, a zip bomb or a merged range filled cell by cell takes gigabytes.
    Subprocess cases are bounded by :func:`run_zeren`'s address-space limit and timeout.
    """

    def __init__(self) -> None:
        tracemalloc.start()

    @staticmethod
    def peak_mb() -> float:
        """Stop tracing and return the peak traced allocation, in MiB."""
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return peak / 2**20
