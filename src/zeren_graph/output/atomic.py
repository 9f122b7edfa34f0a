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
import tempfile
from collections.abc import Iterator
from pathlib import Path

from zeren_graph.errors import OutputError

__all__ = ["atomic_path", "atomic_write", "refuse_symlink"]


def refuse_symlink(target: Path) -> None:
    """Raise :class:`OutputError` when ``target`` is a symbolic link.

    Writing through a link would overwrite whatever it points at.
    """
    if target.is_symlink():
        raise OutputError(
            "is a symbolic link; zeren_graph does not write through links",
            path=str(target),
            hint="remove the link or choose another output path",
        )


@contextlib.contextmanager
def atomic_path(target: str | Path, *, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` on success.

    On an exception the temporary file is removed and ``target`` is untouched.
    With ``durable`` the file is flushed to disk before the rename.
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
        if durable:
            with tmp.open("rb+") as f:
                os.fsync(f.fileno())
        refuse_symlink(target)
        os.replace(tmp, target)
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
