r"""Atomic file writes: a temporary file in the same folder, renamed into place.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write(d / "a.txt", "责任图\\n")
PosixPath('...a.txt')
>>> (d / "a.txt").read_text(encoding="utf-8")
'责任图\\n'
>>> with atomic_path(d / "b.csv") as tmp:
...     _ = tmp.write_text("x\\n", encoding="utf-8")
>>> sorted(p.name for p in d.iterdir())
['a.txt', 'b.csv']
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from zeren_graph.errors import OutputError

__all__ = ["atomic_path", "atomic_write", "fsync_dir", "refuse_symlink"]

_UMASK_LOCK = threading.Lock()


def refuse_symlink(target: Path) -> None:
    """Raise :class:`OutputError` when ``target`` is a symbolic link.

    Writing through a link would overwrite whatever it points at.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "清单.csv").symlink_to("/etc/hostname")
    >>> refuse_symlink(d / "清单.csv")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.OutputError: ...清单.csv: is a symbolic link; ...
    """
    if target.is_symlink():
        raise OutputError(
            "is a symbolic link; zeren_graph does not write through links",
            path=str(target),
            hint="remove the link or choose another output path",
        )


def _mode(target: Path) -> int:
    """Return the permission bits ``target`` has, or a new file would get (umask applied)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    with _UMASK_LOCK:
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(target: str | Path, *, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    On an exception the temporary file is removed and ``target`` is untouched.
    With ``durable`` the file is flushed to disk before the rename. The file
    gets the permissions of the file it replaces, or those a new file gets.
    """
    target = Path(target)
    refuse_symlink(target)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode(target))  # mkstemp makes 0600; give the mode a new file gets
        if durable:
            with tmp.open("rb+") as f:
                os.fsync(f.fileno())
        refuse_symlink(target)
        os.replace(tmp, target)  # replaces a link that appeared meanwhile, never follows it
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write(
    target: str | Path, data: str | bytes, *, encoding: str = "utf-8", durable: bool = True
) -> Path:
    """Write ``data`` (text in ``encoding``, or bytes) to ``target`` atomically; return it."""
    target = Path(target)
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(target, durable=durable) as tmp:
        tmp.write_bytes(payload)
    return target


def fsync_dir(folder: str | Path) -> None:
    """Flush ``folder``'s entries (renames, removals) to disk, where the system allows it.

    Examples
    --------
    >>> import tempfile
    >>> fsync_dir(tempfile.mkdtemp())
    """
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # pragma: no cover - systems that cannot open folders (Windows)
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems without directory fsync
        pass
    finally:
        os.close(fd)
