r"""Run folders: a run's outputs are complete together, or marked incomplete.

A simulation writes several files into one folder. A reader must never take a
mix of two runs, or a run cut short, for a finished run. The protocol:

1. **Lock** (:mod:`zeren_graph.output.lock`). ``.zeren.lock`` is created
   with ``O_CREAT | O_EXCL`` and held with ``flock`` for the whole run; it
   records the pid, host, start time and command. A second run into the
   folder is refused with :class:`~zeren_graph.errors.OutputError` naming the
   holder. The kernel drops the ``flock`` when its holder dies (even by
   ``SIGKILL``), so a lock left behind by a dead run on this host is taken
   over, with a note; a lock from another host is never taken over. A run
   interrupted while it takes the lock leaves no lock file, and a forked
   child never keeps the lock.
2. **Invalidate.** Before anything is written, ``manifest.json`` is replaced
   (atomically) by one saying ``"complete": false``; then the files the old
   manifest named, the files this run may write and leftover temporary files
   are removed. From here on the folder never claims to hold a finished run.
3. **Write.** Every file is written to a temporary file in the folder and
   renamed into place; its size and SHA-256 are taken from the bytes renamed.
4. **Commit** (:mod:`zeren_graph.output.manifest`). ``manifest.json`` is
   written last, atomically: every file with its size and hash, the run's
   metadata (seed, scenario), the zeren version and ``"complete": true``.
   Then the lock is removed.

A run killed at any point leaves either the old complete run (killed before
step 2) or a folder whose manifest says it is incomplete, or no manifest at
all — never a manifest describing files of mixed runs. :func:`verify_run`
checks a folder against its manifest. Symbolic links (the folder itself, a
target file, the manifest, the lock) are refused, never followed.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "乙镇"
>>> with RunFolder(d, names=["summary.json"]) as run:
...     _ = run.write("summary.json", '{"scenario": "最小"}\n')
...     _ = run.commit({"scenario": "最小", "seed": 1})
>>> check = verify_run(d)
>>> check.ok, check.manifest["seed"], [f["name"] for f in check.manifest["files"]]
(True, 1, ['summary.json'])
>>> sorted(p.name for p in d.iterdir())
['manifest.json', 'summary.json']
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from zeren_graph.errors import OutputError
from zeren_graph.output.atomic import atomic_path, fsync_dir, refuse_symlink
from zeren_graph.output.lock import LOCK, FolderLock, timestamp
from zeren_graph.output.manifest import (
    MANIFEST,
    MANIFEST_FORMAT,
    RunCheck,
    file_digest,
    is_plain_name,
    verify_run,
)

__all__ = ["LOCK", "MANIFEST", "MANIFEST_FORMAT", "RunCheck", "RunFolder", "verify_run"]


def _remove(path: Path) -> None:
    """Remove a file or link at ``path`` (a link is removed, its target untouched)."""
    with contextlib.suppress(FileNotFoundError):
        if path.is_symlink() or path.is_file():
            path.unlink()


@dataclass
class RunFolder:
    r"""A folder one run writes into: lock, invalidate, write atomically, commit a manifest.

    Use it as a context manager: entering takes the lock (refusing a locked
    folder or a symbolic link), leaving releases it. Files are written with
    :meth:`file` or :meth:`write`; the first write invalidates the old run
    (:meth:`begin`). :meth:`commit` writes the manifest; a run that leaves
    without committing stays marked incomplete.

    Parameters
    ----------
    directory : str or Path
        The folder; created if missing.
    names : iterable of str
        The files this kind of run may write. They are checked for symbolic
        links before anything changes, and removed when the run begins, so a
        file of an older run is never left beside this run's files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with RunFolder(d, names=["events.csv"]) as run:
    ...     with run.file("events.csv") as tmp:
    ...         _ = tmp.write_text("month,unit\n1,乙镇党委\n", encoding="utf-8")
    ...     manifest = run.commit({"seed": 7})
    >>> manifest.name, verify_run(d).ok
    ('manifest.json', True)
    """

    directory: str | Path
    names: Iterable[str] = ()
    folder: Path = field(init=False)
    paths: list[Path] = field(init=False, default_factory=list)
    notes: list[str] = field(init=False, default_factory=list)
    _planned: tuple[str, ...] = field(init=False, default=())
    _files: dict[str, tuple[int, str]] = field(init=False, default_factory=dict)
    _lock: FolderLock | None = field(init=False, default=None)
    _started: str = field(init=False, default="")
    _begun: bool = field(init=False, default=False)
    _committed: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.directory)
        self._planned = tuple(dict.fromkeys(self.names))
        bad = [n for n in self._planned if not is_plain_name(n) or n in {MANIFEST, LOCK}]
        if bad:
            raise ValueError(f"not plain output file names: {bad}")

    # -- lock -------------------------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        """The lock file."""
        return self.folder / LOCK

    @property
    def locked(self) -> bool:
        """Whether this object holds the folder's lock."""
        return self._lock is not None and self._lock.held

    def __enter__(self) -> Self:
        try:
            self.lock()
        except BaseException:
            self.release()  # interrupted just after the lock was taken: do not leave it
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def _preflight(self) -> None:
        folder = self.folder
        if folder.is_symlink():
            raise OutputError(
                "the output folder is a symbolic link; zeren_graph does not write through links",
                path=str(folder),
                hint="give the real folder, or another output folder",
            )
        if folder.exists() and not folder.is_dir():
            raise OutputError(
                "exists and is not a folder", path=str(folder), hint="choose another output folder"
            )
        folder.mkdir(parents=True, exist_ok=True)
        for name in (*self._planned, MANIFEST, LOCK):
            target = folder / name
            refuse_symlink(target)
            if target.is_dir():
                raise OutputError(
                    "is a folder where a file is to be written",
                    path=str(target),
                    hint="remove it or choose another output folder",
                )

    def lock(self) -> None:
        """Take the folder's lock (see the module docstring); refuse a folder in use.

        Raises
        ------
        OutputError
            When another live run holds the lock, the lock is another host's,
            or the folder, a target or the lock is a symbolic link.
        """
        if self.locked:
            return
        self._preflight()
        self._started = timestamp()
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": self._started,
            "command": " ".join(["zeren", *sys.argv[1:]])
            if sys.argv and sys.argv[0].endswith(("zeren", "__main__.py"))
            else " ".join(sys.argv),
        }
        self._lock = FolderLock(self.lock_path, info)
        self._lock.acquire()
        self.notes.extend(self._lock.notes)

    def release(self) -> None:
        """Remove the lock file and drop the lock (idempotent)."""
        if self._lock is not None:
            self._lock.release()

    # -- writing ----------------------------------------------------------------------------

    def _old_names(self) -> list[str]:
        try:
            data = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return []
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, list):
            return []
        names = [f.get("name") for f in files if isinstance(f, dict)]
        return [n for n in names if isinstance(n, str) and is_plain_name(n) and n != MANIFEST]

    def begin(self) -> None:
        """Mark the folder incomplete and remove the previous run's files (idempotent).

        Called by the first :meth:`file`; call it earlier to clear the folder
        before a long computation.
        """
        if self._begun:
            return
        if self._lock is None or not self._lock.held:
            raise RuntimeError("take the lock first: use the RunFolder in a with block")
        holder = self._lock.info
        old = self._old_names()
        marker = {
            "format": MANIFEST_FORMAT,
            "complete": False,
            "started": self._started,
            "pid": holder["pid"],
            "host": holder["host"],
            "files": [],
        }
        self._write_manifest(marker)
        stale = dict.fromkeys([*old, *self._planned])
        for name in stale:
            _remove(self.folder / name)
        for tmp in self.folder.glob(".*.tmp"):
            # temporary files of atomic writes cut short (``.<name>.<random>.tmp``)
            base = tmp.name[1:].rsplit(".", 2)[0]
            if base in stale or base == MANIFEST:
                _remove(tmp)
        fsync_dir(self.folder)
        self._begun = True

    @contextlib.contextmanager
    def file(self, name: str) -> Iterator[Path]:
        """Yield a temporary path for ``name``; on success rename it into place and record it.

        Raises
        ------
        OutputError
            When ``name`` in the folder is a symbolic link.
        """
        if not is_plain_name(name) or name in {MANIFEST, LOCK}:
            raise ValueError(f"not a plain output file name: {name!r}")
        if name in self._files:
            raise ValueError(f"{name!r} is written twice in one run")
        if self._committed:
            raise RuntimeError("the run is committed already")
        self.begin()
        target = self.folder / name
        with atomic_path(target) as tmp:
            yield tmp
            size, digest = file_digest(tmp)
        self._files[name] = (size, digest)
        self.paths.append(target)

    def write(self, name: str, data: str | bytes, *, encoding: str = "utf-8") -> Path:
        """Write ``data`` (text in ``encoding``, or bytes) as ``name``; return its path."""
        payload = data.encode(encoding) if isinstance(data, str) else data
        with self.file(name) as tmp:
            tmp.write_bytes(payload)
        return self.folder / name

    def _write_manifest(self, doc: Mapping[str, Any]) -> None:
        text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        with atomic_path(self.folder / MANIFEST) as tmp:
            tmp.write_text(text, encoding="utf-8")
        fsync_dir(self.folder)

    def commit(self, meta: Mapping[str, Any] | None = None) -> Path:
        """Write ``manifest.json`` last: every file written, ``meta``, ``complete: true``.

        ``meta`` (the run's seed, scenario name, ...) must be JSON data with
        finite numbers. Return the manifest's path.
        """
        from zeren_graph import __version__  # noqa: PLC0415 - avoid an import cycle

        self.begin()
        doc: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "complete": True,
            "zeren_version": __version__,
            **dict(meta or {}),
            "started": self._started,
            "finished": timestamp(),
            "files": [
                {"name": name, "bytes": size, "sha256": digest}
                for name, (size, digest) in self._files.items()
            ],
        }
        self._write_manifest(doc)
        self._committed = True
        return self.folder / MANIFEST
