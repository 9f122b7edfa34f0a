r"""Run folders: a run's outputs are complete together, or marked incomplete.

A simulation writes several files into one folder. A reader must never take a
mix of two runs, or a run cut short, for a finished run. The protocol:

1. **Lock.** ``.zeren.lock`` is created with ``O_CREAT | O_EXCL`` and held
   with ``flock`` for the whole run; it records the pid, host, start time and
   command. A second run into the folder is refused with
   :class:`~zeren_graph.errors.OutputError` naming the holder. The kernel
   drops the ``flock`` when its holder dies (even by ``SIGKILL``), so a lock
   left behind by a dead run on this host is taken over, with a note; a lock
   from another host is never taken over.
2. **Invalidate.** Before anything is written, ``manifest.json`` is replaced
   (atomically) by one saying ``"complete": false``; then the files the old
   manifest named, the files this run may write and leftover temporary files
   are removed. From here on the folder never claims to hold a finished run.
3. **Write.** Every file is written to a temporary file in the folder and
   renamed into place; its size and SHA-256 are taken from the bytes renamed.
4. **Commit.** ``manifest.json`` is written last, atomically: every file with
   its size and hash, the run's metadata (seed, scenario), the zeren version
   and ``"complete": true``. Then the lock is removed.

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
import datetime as dt
import errno
import hashlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from zeren_graph._display import excerpt, printable
from zeren_graph.errors import OutputError
from zeren_graph.output.atomic import atomic_path, fsync_dir, refuse_symlink

__all__ = ["LOCK", "MANIFEST", "MANIFEST_FORMAT", "RunCheck", "RunFolder", "verify_run"]

#: The manifest of a run folder, written last.
MANIFEST = "manifest.json"
#: The lock file of a run folder, present while a run writes into it.
LOCK = ".zeren.lock"
#: The ``format`` field of manifests this version writes and reads.
MANIFEST_FORMAT = "zeren-run/1"

_CHUNK = 1 << 20


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _digest(path: Path) -> tuple[int, str]:
    """Return the size and SHA-256 (hex) of the file at ``path``."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


def _plain_name(name: str) -> bool:
    """Whether ``name`` is a file name inside the folder (no separator, not hidden)."""
    return (
        bool(name)
        and name == os.path.basename(name)
        and "/" not in name
        and "\\" not in name
        and not name.startswith(".")
        and "\x00" not in name
    )


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
    _fd: int | None = field(init=False, default=None)
    _info: dict[str, Any] = field(init=False, default_factory=dict)
    _started: str = field(init=False, default="")
    _begun: bool = field(init=False, default=False)
    _committed: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.folder = Path(self.directory)
        self._planned = tuple(dict.fromkeys(self.names))
        bad = [n for n in self._planned if not _plain_name(n) or n in {MANIFEST, LOCK}]
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
        return self._fd is not None

    def __enter__(self) -> Self:
        self.lock()
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
        if self._fd is not None:
            return
        self._preflight()
        self._started = _now()
        self._info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started": self._started,
            "command": " ".join(["zeren", *sys.argv[1:]])
            if sys.argv and sys.argv[0].endswith(("zeren", "__main__.py"))
            else " ".join(sys.argv),
        }
        for _ in range(20):
            if self._create() or self._take_over():
                return
            time.sleep(0.01)  # the lock changed hands while we looked; look again
        raise OutputError(  # pragma: no cover - only under heavy contention
            "could not take the lock: it keeps changing hands",
            path=str(self.lock_path),
            hint="another zeren run is starting in this folder; choose another output folder",
        )

    def _open_flags(self) -> int:
        return os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)

    def _create(self) -> bool:
        """Create the lock file; ``False`` when it exists already."""
        try:
            fd = os.open(self.lock_path, self._open_flags() | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError as exc:
            raise self._link_error(exc) from exc
        taken = _try_flock(fd)
        if taken is False:  # another run found our fresh file and holds it: it won
            os.close(fd)
            return False
        self._hold(fd, {})
        return True

    def _take_over(self) -> bool:
        """Examine an existing lock; take it over when its holder is gone, else refuse."""
        try:
            fd = os.open(self.lock_path, self._open_flags())
        except FileNotFoundError:
            return False  # released meanwhile: try to create it again
        except OSError as exc:
            raise self._link_error(exc) from exc
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
            if not self._same_inode(fd):
                os.close(fd)
                return False  # the file we opened was released and replaced
            here = socket.gethostname()
            pid = info.get("pid")
            if info and info.get("host") != here:
                raise self._busy(info, other_host=True)
            if taken is None and isinstance(pid, int) and _alive(pid):
                raise self._busy(info)  # no flock here: a live pid keeps its lock
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        self.notes.append(
            f"took over the lock of an earlier run that is no longer running "
            f"({describe_holder(info)})"
        )
        self._hold(fd, info)
        return True

    def _same_inode(self, fd: int) -> bool:
        try:
            now = os.lstat(self.lock_path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)

    def _hold(self, fd: int, previous: Mapping[str, Any]) -> None:
        info = dict(self._info)
        if previous:
            info["took_over_from"] = dict(previous)
        payload = (json.dumps(info, ensure_ascii=False) + "\n").encode("utf-8")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, payload)
        os.fsync(fd)
        self._fd = fd

    def _busy(self, info: Mapping[str, Any], *, other_host: bool = False) -> OutputError:
        holder = describe_holder(info)
        if other_host:
            return OutputError(
                f"another zeren run may be writing to this folder: {holder}; "
                "it runs on another host, so whether it is alive cannot be told",
                path=str(self.folder),
                hint=f"wait for it to finish or choose another output folder; if no run is "
                f"active, delete {printable(str(self.lock_path))}",
            )
        return OutputError(
            f"another zeren run is writing to this folder: {holder}",
            path=str(self.folder),
            hint=f"wait for it to finish or choose another output folder (two runs into one "
            f"folder would mix their files); if no run is active, delete "
            f"{printable(str(self.lock_path))}",
        )

    def _link_error(self, exc: OSError) -> OSError:
        if exc.errno == errno.ELOOP or self.lock_path.is_symlink():
            return OutputError(
                "is a symbolic link; zeren_graph does not write through links",
                path=str(self.lock_path),
                hint="remove the link",
            )
        return exc

    def release(self) -> None:
        """Remove the lock file and drop the lock (idempotent)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if self._same_inode(fd):
                self.lock_path.unlink()
        finally:
            os.close(fd)

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
        return [n for n in names if isinstance(n, str) and _plain_name(n) and n != MANIFEST]

    def begin(self) -> None:
        """Mark the folder incomplete and remove the previous run's files (idempotent).

        Called by the first :meth:`file`; call it earlier to clear the folder
        before a long computation.
        """
        if self._begun:
            return
        if self._fd is None:
            raise RuntimeError("take the lock first: use the RunFolder in a with block")
        old = self._old_names()
        marker = {
            "format": MANIFEST_FORMAT,
            "complete": False,
            "started": self._started,
            "pid": self._info["pid"],
            "host": self._info["host"],
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
        if not _plain_name(name) or name in {MANIFEST, LOCK}:
            raise ValueError(f"not a plain output file name: {name!r}")
        if name in self._files:
            raise ValueError(f"{name!r} is written twice in one run")
        if self._committed:
            raise RuntimeError("the run is committed already")
        self.begin()
        target = self.folder / name
        with atomic_path(target) as tmp:
            yield tmp
            size, digest = _digest(tmp)
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
            "finished": _now(),
            "files": [
                {"name": name, "bytes": size, "sha256": digest}
                for name, (size, digest) in self._files.items()
            ],
        }
        self._write_manifest(doc)
        self._committed = True
        return self.folder / MANIFEST


@dataclass(frozen=True)
class RunCheck:
    """What :func:`verify_run` found in a run folder.

    ``ok`` is true when the manifest says the run is complete and every file
    it names is there, a regular file, with the size and SHA-256 recorded.
    ``extra`` lists the files in the folder the manifest does not name
    (not part of the run).
    """

    folder: Path
    manifest: dict[str, Any] | None
    problems: tuple[str, ...]
    extra: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the folder holds one complete run, exactly as its manifest describes."""
        return not self.problems

    def __str__(self) -> str:
        if self.ok:
            assert self.manifest is not None
            n = len(self.manifest["files"])
            return f"{self.folder}: complete run, {n} file{'s' * (n != 1)} verified"
        return f"{self.folder}: not a complete run:\n" + "\n".join(
            f"  - {p}" for p in self.problems
        )


def _read_manifest(folder: Path) -> tuple[dict[str, Any] | None, str | None]:
    """Return the manifest of ``folder`` if it describes a complete run, else a problem."""
    path = folder / MANIFEST
    if path.is_symlink():
        return None, f"{MANIFEST} is a symbolic link"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, f"no {MANIFEST}: the run did not finish, or this is not a run folder"
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, f"{MANIFEST} is unreadable: {excerpt(str(exc))}"
    if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
        return None, f"{MANIFEST} is not a zeren run manifest"
    problem = None
    if doc.get("complete") is not True:
        who = describe_holder(doc) if doc.get("pid") else "a run"
        problem = f"the run is incomplete: {who} started it and did not finish"
    elif not isinstance(doc.get("files"), list):
        problem = f"{MANIFEST} lists no files"
    return doc, problem


def verify_run(directory: str | Path) -> RunCheck:
    """Check a run folder against its manifest; never raises for a bad folder.

    Examples
    --------
    >>> import tempfile
    >>> check = verify_run(tempfile.mkdtemp())
    >>> check.ok, check.problems[0]
    (False, 'no manifest.json: the run did not finish, or this is not a run folder')
    """
    folder = Path(directory)
    doc, problem = _read_manifest(folder)
    if doc is None or problem is not None:
        return RunCheck(folder, doc, (problem or "no manifest",))
    problems: list[str] = []
    named: set[str] = set()
    for entry in doc["files"]:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not _plain_name(name):
            problems.append(f"{MANIFEST} names an invalid file: {excerpt(str(entry))}")
            continue
        named.add(name)
        problems.extend(_check_file(folder / name, entry))
    extra = tuple(
        sorted(
            p.name
            for p in folder.iterdir()
            if p.name not in named and p.name not in {MANIFEST, LOCK}
            if not p.name.startswith(".")
        )
    )
    return RunCheck(folder, doc, tuple(problems), extra)


def _check_file(target: Path, entry: Mapping[str, Any]) -> list[str]:
    name = printable(target.name)
    if target.is_symlink():
        return [f"{name} is a symbolic link"]
    if not target.is_file():
        return [f"{name} is missing"]
    size, digest = _digest(target)
    if size != entry.get("bytes"):
        return [f"{name} has {size} bytes, the manifest says {entry.get('bytes')}"]
    if digest != entry.get("sha256"):
        return [f"{name} has changed since the run wrote it (SHA-256 differs)"]
    return []
