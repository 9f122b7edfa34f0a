r"""The top-level guard of every command: exit codes, safe messages, the standard streams.

Every command runs inside :func:`guard`, which turns each expected failure into
one message on stderr and an exit code, never a traceback:

====  =====================================================================
exit  meaning
====  =====================================================================
0     success
1     findings at or above ``--fail-on`` (``check``, ``diff``)
2     bad input or usage: a :class:`~zeren_graph.errors.ZerenError` (input,
      limit, output), a file that cannot be read or written (``OSError``),
      undecodable text, malformed CSV/YAML, input too large or deep
70    internal error: a bug in zeren_graph (``EX_SOFTWARE`` of sysexits.h)
130   interrupted (Ctrl-C)
141   standard output closed by its reader (``zeren info x | head -1``)
====  =====================================================================

Examples
--------
>>> guard(lambda: 0, command="zeren info")
0
>>> import errno
>>> def missing() -> int:
...     raise FileNotFoundError(errno.ENOENT, "No such file or directory", "清单\x1b[2J.csv")
>>> import contextlib, io
>>> err = io.StringIO()
>>> with contextlib.redirect_stderr(err):
...     guard(missing, command="zeren info")
2
>>> print(err.getvalue(), end="")
zeren info: error: 清单\x1b[2J.csv: No such file or directory
"""

from __future__ import annotations

import contextlib
import csv
import errno
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from zeren_graph._display import printable
from zeren_graph.errors import InputError, ZerenError

if TYPE_CHECKING:
    import argparse

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PIPE",
    "MAX_PROBLEMS",
    "display",
    "error_lines",
    "guard",
    "reopen_closed_std_streams",
    "run_guarded",
]

#: Success.
EXIT_OK = 0
#: Findings at or above ``--fail-on`` (``zeren check``, ``zeren diff``).
EXIT_FINDINGS = 1
#: Bad input or usage, a limit, a file that cannot be read or written.
EXIT_INPUT = 2
#: A bug in zeren_graph (``EX_SOFTWARE`` of sysexits.h).
EXIT_INTERNAL = 70
#: Interrupted by Ctrl-C (128 + SIGINT, as a shell reports it).
EXIT_INTERRUPTED = 130
#: Standard output closed by its reader (128 + SIGPIPE, as a shell reports ``yes | head``).
EXIT_PIPE = 141
#: Problems listed in one error message unless ``--all-problems`` or ``ZEREN_MAX_PROBLEMS``.
MAX_PROBLEMS = 200
#: Longest line of an error message, in characters.
_LINE_CHARS = 1000

_STDOUT = "standard output"
_SURROGATE = re.compile("[\ud800-\udfff]")

_INTERNAL = (
    "This is a bug in zeren_graph, not a problem with your input. Please report it with the "
    "command you ran; run it again with ZEREN_DEBUG=1 to include the traceback."
)
_LIMITS_HINT = (
    "zeren_graph should have refused it up front with a limit; lower the ZEREN_LIMIT_* "
    "variables (docs/errors.md) or narrow the input, and please report the file that got "
    "this far"
)


def _surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    # bytes that were not UTF-8 in a file name or argument (surrogateescape): show the byte
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def display(text: object, limit: int | None = None) -> str:
    r"""Return ``text`` safe for one line of a terminal: controls and stray bytes escaped.

    Control characters (an ANSI escape, a newline in a file name) and bytes of
    a non-UTF-8 file name (surrogate escapes) are shown as ``\x..``; with
    ``limit`` the text is cut to that many characters.

    Examples
    --------
    >>> print(display("清单\x1b[2J\n.csv"))
    清单\x1b[2J\n.csv
    >>> print(display(os.fsdecode(b"\xff.csv")))
    \xff.csv
    >>> print(display("甲" * 20, limit=5))
    甲甲甲甲甲… (20 characters)
    """
    raw = str(text)
    cut = raw if limit is None or len(raw) <= limit else raw[:limit]
    shown = _SURROGATE.sub(_surrogate, printable(cut))
    return shown if cut is raw else f"{shown}… ({len(raw)} characters)"


def _max_problems(all_problems: bool) -> int | None:
    """Return the number of problems to list: ``None`` for all."""
    if all_problems:
        return None
    text = os.environ.get("ZEREN_MAX_PROBLEMS", "").strip()
    try:
        value = int(text) if text else MAX_PROBLEMS
    except ValueError:
        value = MAX_PROBLEMS
    return None if value <= 0 else value


def _bounded(lines: Iterable[str], limit: int | None, what: str) -> list[str]:
    out: list[str] = []
    total = 0
    for total, line in enumerate(lines, 1):
        if limit is None or total <= limit:
            out.append(line)
    if limit is not None and total > limit:
        more = total - limit
        out.append(
            f"  … and {more:,} more {what}{'s' if more != 1 else ''} "
            "(list them all with --all-problems, or ZEREN_MAX_PROBLEMS=0)"
        )
    return out


def _os_error(exc: OSError) -> list[str]:
    what = exc.strerror or str(exc)
    if exc.filename is None and exc.errno is not None:
        # no path: when stdout cannot take the buffer either, it was stdout that failed
        try:
            sys.stdout.flush()
        except OSError:
            _silence_stdout()
            return [f"{_STDOUT}: {display(what)}"]
    where = [display(n, _LINE_CHARS) for n in (exc.filename, exc.filename2) if n is not None]
    text = f"{' -> '.join(where)}: {display(what)}" if where else display(what)
    hints = {
        errno.ENOSPC: "free some disk space, or write to another disk",
        errno.EACCES: "check the file's permissions",
        errno.EISDIR: "give a file, not a folder",
    }
    hint = hints.get(exc.errno) if exc.errno is not None else None
    return [f"{text}; {hint}" if hint else text]


def _validation_lines(exc: Exception) -> list[str]:
    """Lines of a pydantic ``ValidationError``: ``loc: message (got value)`` for each."""
    errors: list[dict[str, object]] = exc.errors(include_url=False)  # type: ignore[attr-defined]
    lines = [f"{len(errors)} invalid value{'s' if len(errors) != 1 else ''}:"]
    for e in errors:
        loc = ".".join(str(p) for p in e.get("loc", ()))  # type: ignore[attr-defined]
        got = e.get("input")
        shown = f" (got {display(repr(got), 80)})" if not isinstance(got, dict) else ""
        lines.append(f"  - {display(loc, 200)}: {display(e.get('msg', ''), 300)}{shown}")
    return lines


def _is_instance(exc: BaseException, module: str, name: str) -> bool:
    """``isinstance(exc, module.name)`` without importing ``module``."""
    found = sys.modules.get(module)
    cls = getattr(found, name, None) if found is not None else None
    return isinstance(cls, type) and isinstance(exc, cls)


def _encode_error(exc: UnicodeEncodeError) -> list[str]:
    hint = "use a UTF-8 terminal, or set PYTHONIOENCODING=utf-8"
    return [f"cannot write the text in {exc.encoding}: {exc.reason}; {hint}"]


#: Expected failures other than input and OS errors, most specific first: class, lines.
_PLAIN: tuple[tuple[type[BaseException], Callable[[Any], list[str]]], ...] = (
    (ZerenError, lambda e: [str(e) or type(e).__name__]),  # one line: a newline is escaped
    (UnicodeDecodeError, lambda e: [f"cannot decode the text: {e}; save the file as UTF-8"]),
    (UnicodeEncodeError, _encode_error),
    (UnicodeError, lambda e: [f"cannot decode the text: {e}"]),
    (RecursionError, lambda e: [f"the input is nested too deeply to process; {_LIMITS_HINT}"]),
    (MemoryError, lambda e: [f"out of memory: the input is too large; {_LIMITS_HINT}"]),
    (csv.Error, lambda e: [f"malformed CSV: {e}"]),
)


def _plain_lines(exc: BaseException) -> list[str] | None:
    """Return the raw lines of an expected failure (not input, not OS); ``None`` for a bug."""
    for cls, lines in _PLAIN:
        if isinstance(exc, cls):
            return lines(exc)
    if _is_instance(exc, "yaml", "YAMLError"):
        return ["malformed YAML:", *(f"  {line}" for line in str(exc).splitlines())]
    if _is_instance(exc, "pydantic_core", "ValidationError"):
        return _validation_lines(exc)  # type: ignore[arg-type]
    return None


def error_lines(exc: BaseException, *, max_problems: int | None = MAX_PROBLEMS) -> list[str]:
    r"""Return the message of an expected failure as safe lines, or ``[]`` for a bug.

    Every problem of an :class:`~zeren_graph.errors.InputError` is one line
    (``max_problems`` at most, then a count of the rest); other messages are
    split on line breaks. Control characters are escaped and lines bounded.

    Examples
    --------
    >>> from zeren_graph.errors import InputError
    >>> error_lines(InputError([f"row {i} is bad" for i in range(5)]), max_problems=2)
    ['5 problems:', '  - row 0 is bad', '  - row 1 is bad', '  … and 3 more problems (list them all with --all-problems, or ZEREN_MAX_PROBLEMS=0)']
    >>> error_lines(ValueError("a bug"))
    []
    """  # noqa: E501
    if isinstance(exc, InputError) and exc.problems:
        if len(exc.problems) == 1:
            return [display(exc.problems[0], _LINE_CHARS)]
        shown = (f"  - {display(p, _LINE_CHARS)}" for p in exc.problems)
        return [f"{len(exc.problems)} problems:", *_bounded(shown, max_problems, "problem")]
    if isinstance(exc, OSError) and not isinstance(exc, ZerenError):
        return _os_error(exc)
    lines = _plain_lines(exc)
    if lines is None:
        return []
    return _bounded((display(line, _LINE_CHARS) for line in lines), max_problems, "line")


def _write_err(text: str) -> None:
    """Write ``text`` and a newline on stderr, whatever its encoding; never raise."""
    stream = sys.stderr
    if stream is None:
        return
    enc = getattr(stream, "encoding", None) or "utf-8"
    with contextlib.suppress(OSError, ValueError, LookupError):
        stream.write(text.encode(enc, "backslashreplace").decode(enc, "replace") + "\n")
        stream.flush()


def _silence_stdout() -> None:
    """Point stdout at the null device, so no later flush fails at interpreter exit."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush later
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


def _flush_stdout() -> None:
    """Flush stdout; a failure (a full disk, a closed pipe) propagates once, then is silenced."""
    stream = sys.stdout
    if stream is None:
        return
    try:
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise
    except OSError as exc:
        _silence_stdout()
        raise OSError(exc.errno, exc.strerror, _STDOUT) from exc


def _quiet_flush() -> None:
    """Flush stdout if it can be; silence it if not (the message already said why)."""
    with contextlib.suppress(OSError, ValueError):
        _flush_stdout()


def reopen_closed_std_streams() -> None:
    """Open the null device on fds 0, 1 and 2 if they are closed (``zeren info x >&-``).

    A closed stdout then behaves like ``>/dev/null``: the command runs, its
    output is discarded and its exit code is its own. No file the command
    opens can land on fd 1 or 2 and receive its output by accident.
    """
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            mode = "r" if fd == 0 else "w"
            stream = open(fd, mode, encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
            setattr(sys, name, stream)


def _debug() -> bool:
    return os.environ.get("ZEREN_DEBUG", "").strip() not in {"", "0"}


def guard(body: Callable[[], int], *, command: str = "zeren", all_problems: bool = False) -> int:
    """Run ``body`` and return its exit code; turn every failure into a message and a code.

    Parameters
    ----------
    body : callable
        The command; returns its exit code.
    command : str
        How messages start: ``"zeren draw"``.
    all_problems : bool
        List every problem of an input error, not only the first
        :data:`MAX_PROBLEMS` (also ``ZEREN_MAX_PROBLEMS=0``).

    Returns
    -------
    int
        ``body``'s code; 2 on bad input, 70 on a bug, 130 on Ctrl-C, 141 when
        stdout's reader went away (see the module docstring).
    """
    try:
        code = body()
        _flush_stdout()
    except KeyboardInterrupt:
        _quiet_flush()
        _write_err(f"{command}: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader of our output went away (`zeren check ... | head`): stop quietly
        _silence_stdout()
        return EXIT_PIPE
    except SystemExit:  # argparse: --help, --version, a usage error
        try:
            _flush_stdout()
        except BrokenPipeError:
            return EXIT_PIPE
        except OSError:
            pass
        raise
    except Exception as exc:  # the one top-level guard (MemoryError included)
        return _report(exc, command, all_problems)
    return code


def _report(exc: BaseException, command: str, all_problems: bool) -> int:
    if isinstance(exc, MemoryError):
        exc.__traceback__ = None  # let the frames (and what they hold) go before printing
    if _debug():
        _write_err("".join(traceback.format_exception(exc)).rstrip("\n"))
    lines = error_lines(exc, max_problems=_max_problems(all_problems))
    _quiet_flush()
    if not lines:
        what = display(f"{type(exc).__name__}: {exc}", _LINE_CHARS)
        _write_err(f"{command}: internal error: {what}\n{_INTERNAL}")
        return EXIT_INTERNAL
    _write_err(f"{command}: error: " + "\n".join(lines))
    return EXIT_INPUT


def run_guarded(args: argparse.Namespace) -> int:
    """Call ``args.func(args)`` inside :func:`guard`; return the exit code."""
    func: Callable[[argparse.Namespace], int] = args.func
    command = getattr(args, "command", None)
    return guard(
        lambda: func(args),
        command=f"zeren {command}" if command else "zeren",
        all_problems=bool(getattr(args, "all_problems", False)),
    )
