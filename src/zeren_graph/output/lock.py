r"""The lock of a run folder: one run at a time writes into a folder.

``.zeren.lock`` is created with ``O_CREAT | O_EXCL`` and held with ``flock``
for the whole run; it records the pid, host, start time and command of its
holder. The kernel drops a ``flock`` when every descriptor of the file is
closed, so when the lock file's ``flock`` can be taken its run is gone (even a
run killed by ``SIGKILL``) and the lock is stale: it is taken over, whatever
pid it names, with a note. A lock written by another host is never taken
over (whether that run is alive cannot be told from here). Where ``flock`` is
not available, a lock is stale when its pid is not running.

Taking the lock is safe against an interrupt (Ctrl-C) at any point: a lock
file this process created or began to write is removed again, and its
descriptor closed, before the interrupt goes on. A child process forked while
the lock is held closes its inherited copy of the descriptor at once, so the
lock never outlives the process that took it, and the child never removes it.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / LOCK
>>> lock = FolderLock(path, {"pid": 4242, "host": "办公室"})
>>> lock.acquire()
>>> lock.held, json.loads(path.read_text(encoding="utf-8"))["pid"]
(True, 4242)
>>> FolderLock(path).acquire()
Traceback (most recent call last):
...
zeren_graph.errors.OutputError: ...: another zeren run is writing to this folder: pid 4242 ...
>>> lock.release()
>>> lock.held, path.exists()
(False, False)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import socket
import time
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zeren_graph._display import excerpt, printable
from zeren_graph.errors import OutputError

__all__ = ["LOCK", "FolderLock", "describe_holder", "timestamp"]

#: The lock file of a run folder, present while a run writes into it.
LOCK = ".zeren.lock"

#: The locks this process holds; a forked child closes its copies (see :func:`_forget_in_child`).
_HELD: weakref.WeakSet[FolderLock] = weakref.WeakSet()
_FORK_HOOK: list[bool] = []


def timestamp() -> str:
    """Return the time now in UTC, to the second: ``2025-01-01T08:00:00Z``.

    Examples
    --------
    >>> timestamp().endswith("Z"), len(timestamp())
    (True, 20)
    """
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists on this host."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, owned by someone else
        return True
    except OSError:  # pragma: no cover - e.g. Windows without signals
        return True
    return True


def _try_flock(fd: int) -> bool | None:
    """Take an exclusive ``flock`` on ``fd`` without waiting.

    Return ``True`` when taken, ``False`` when another process holds it, and
    ``None`` where ``flock`` is not available (then liveness is judged by pid).
    """
    try:
        import fcntl  # noqa: PLC0415 - POSIX only
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:  # pragma: no cover - file systems without flock
        if exc.errno in {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}:
            return None
        raise
    return True


def _read_info(fd: int) -> dict[str, Any]:
    """Return the JSON object of a lock file open at ``fd`` (empty if unreadable)."""
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 64 * 1024)
    try:
        info = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def describe_holder(info: Mapping[str, Any]) -> str:
    """Return ``pid 4242 on host h since 2025-01-01T08:00:00Z (zeren simulate …)``.

    Examples
    --------
    >>> describe_holder({"pid": 4242, "host": "办公室", "started": "2025-01-01T08:00:00Z",
    ...                  "command": "zeren simulate minimal.yaml --out 结果"})
    'pid 4242 on host 办公室 since 2025-01-01T08:00:00Z (zeren simulate minimal.yaml --out 结果)'
    >>> describe_holder({})
    'an unknown process (the lock file is empty or unreadable)'
    """
    if not info.get("pid"):
        return "an unknown process (the lock file is empty or unreadable)"
    text = f"pid {excerpt(str(info['pid']), 20)} on host {excerpt(str(info.get('host', '?')), 60)}"
    if info.get("started"):
        text += f" since {excerpt(str(info['started']), 40)}"
    if info.get("command"):
        text += f" ({excerpt(str(info['command']), 120)})"
    return text


def _forget_in_child() -> None:
    """In a forked child: close the inherited lock descriptors, keeping the parent's locks.

    A ``flock`` belongs to the open file, which a forked child shares; were the
    child to keep its copy, the lock would outlive its run (and name a dead
    pid). Closing a copy does not unlock: the parent still holds its own.
    """
    for lock in list(_HELD):
        lock._forget()
    _HELD.clear()


def _watch_forks() -> None:
    """Register :func:`_forget_in_child` once, when a lock is first taken (not at import)."""
    if not _FORK_HOOK and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_forget_in_child)
        _FORK_HOOK.append(True)


@dataclass(eq=False)
class FolderLock:
    r"""The lock file of one run folder: take it, take over a stale one, release it.

    Parameters
    ----------
    path : Path
        The lock file (``<folder>/.zeren.lock``).
    info : mapping
        What the lock records about its holder: ``pid``, ``host``, ``started``,
        ``command``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / LOCK
    >>> _ = path.write_text("")  # left by a run killed the moment it made the file
    >>> lock = FolderLock(path, {"pid": os.getpid(), "host": socket.gethostname()})
    >>> lock.acquire()
    >>> lock.notes
    ['took over the lock of an earlier run that is no longer running (an unknown process ...)']
    >>> lock.release()
    """

    path: Path
    info: Mapping[str, Any] = field(default_factory=dict)
    notes: list[str] = field(init=False, default_factory=list)
    _fd: int | None = field(init=False, default=None, repr=False)

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    @property
    def folder(self) -> Path:
        """The folder the lock guards."""
        return self.path.parent

    def acquire(self) -> None:
        """Take the lock, or take over a stale one; refuse a folder in use (idempotent).

        Raises
        ------
        OutputError
            When another live run holds the lock, the lock is another host's,
            or the lock is a symbolic link.
        """
        if self._fd is not None:
            return
        _watch_forks()
        for _ in range(20):
            if self._create() or self._take_over():
                return
            time.sleep(0.01)  # the lock changed hands while we looked; look again
        raise OutputError(  # pragma: no cover - only under heavy contention
            "could not take the lock: it keeps changing hands",
            path=str(self.path),
            hint="another zeren run is starting in this folder; choose another output folder",
        )

    def release(self) -> None:
        """Remove the lock file and drop the lock (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _HELD.discard(self)
        try:
            if self._same_inode(fd):
                self.path.unlink()
        finally:
            os.close(fd)

    def _forget(self) -> None:
        """Close the descriptor without unlocking or removing the file (a forked child)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def _open_flags(self) -> int:
        return os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

    def _create(self) -> bool:
        """Create the lock file; ``False`` when it exists already."""
        try:
            fd = os.open(self.path, self._open_flags() | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise self._link_error(exc) from exc
        try:
            taken = _try_flock(fd)
            if taken is not False:
                self._hold(fd, {})
        except BaseException:
            # interrupted before the lock was ours: remove the file we made, never leave it
            self._abandon(fd, remove=True)
            raise
        if taken is False:  # another run found our fresh file and holds it: it won
            os.close(fd)
            return False
        return True

    def _take_over(self) -> bool:
        """Examine an existing lock; take it over when its holder is gone, else refuse."""
        try:
            fd = os.open(self.path, self._open_flags())
        except FileNotFoundError:
            return False  # released meanwhile: try to create it again
        except OSError as exc:
            raise self._link_error(exc) from exc
        holding = False
        try:
            taken = _try_flock(fd)
            info = _read_info(fd)
            for _ in range(10):
                if taken is not False or info:
                    break
                time.sleep(0.02)  # the holder has just created the file: let it write
                info = _read_info(fd)
            if taken is False:
                raise self._busy(info)
            replaced = not self._same_inode(fd)  # the file we opened was released and replaced
            if not replaced:
                pid = info.get("pid")
                if info and info.get("host") != socket.gethostname():
                    raise self._busy(info, other_host=True)
                if taken is None and isinstance(pid, int) and _alive(pid):
                    raise self._busy(info)  # no flock here: a live pid keeps its lock
                holding = True  # stale: from here on the file is ours
                self._hold(fd, info)
        except BaseException:
            self._abandon(fd, remove=holding)
            raise
        if replaced:
            os.close(fd)
            return False
        self.notes.append(
            f"took over the lock of an earlier run that is no longer running "
            f"({describe_holder(info)})"
        )
        return True

    def _abandon(self, fd: int, *, remove: bool) -> None:
        """Undo a lock not fully taken: close ``fd``; with ``remove``, remove the file first.

        The file is removed only while its ``flock`` is ours (taken again here
        if the interrupt came before it was) and it is still the lock file: a
        run that has meanwhile taken over the fresh file keeps it.
        """
        if self._fd == fd:
            self._fd = None
            _HELD.discard(self)
        try:
            with contextlib.suppress(OSError):
                if remove and _try_flock(fd) is not False and self._same_inode(fd):
                    self.path.unlink()
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)

    def _same_inode(self, fd: int) -> bool:
        try:
            now = os.lstat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)

    def _hold(self, fd: int, previous: Mapping[str, Any]) -> None:
        info = dict(self.info)
        if previous:
            info["took_over_from"] = dict(previous)
        payload = (json.dumps(info, ensure_ascii=False) + "\n").encode("utf-8")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, payload)
        os.fsync(fd)
        self._fd = fd
        _HELD.add(self)

    def _busy(self, info: Mapping[str, Any], *, other_host: bool = False) -> OutputError:
        holder = describe_holder(info)
        if other_host:
            return OutputError(
                f"another zeren run may be writing to this folder: {holder}; "
                "it runs on another host, so whether it is alive cannot be told",
                path=str(self.folder),
                hint=f"wait for it to finish or choose another output folder; if no run is "
                f"active, delete {printable(str(self.path))}",
            )
        return OutputError(
            f"another zeren run is writing to this folder: {holder}",
            path=str(self.folder),
            hint=f"wait for it to finish or choose another output folder (two runs into one "
            f"folder would mix their files); if no run is active, delete "
            f"{printable(str(self.path))}",
        )

    def _link_error(self, exc: OSError) -> OSError:
        if exc.errno == errno.ELOOP or self.path.is_symlink():
            return OutputError(
                "is a symbolic link; zeren_graph does not write through links",
                path=str(self.path),
                hint="remove the link",
            )
        return exc
