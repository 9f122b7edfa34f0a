"""The manifest of a run folder, and checking a folder against it.

``manifest.json`` is written last by :class:`~zeren_graph.output.RunFolder`:
every file of the run with its size and SHA-256, the run's metadata and
``"complete": true``. :func:`verify_run` reads it back and checks every file
it names; it never raises for a bad folder.

Examples
--------
>>> is_plain_name("summary.json"), is_plain_name("../summary.json"), is_plain_name(".zeren.lock")
(True, False, False)
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zeren_graph._display import excerpt, printable
from zeren_graph.output.lock import LOCK, describe_holder

__all__ = [
    "MANIFEST",
    "MANIFEST_FORMAT",
    "RunCheck",
    "file_digest",
    "is_plain_name",
    "verify_run",
]

#: The manifest of a run folder, written last.
MANIFEST = "manifest.json"
#: The ``format`` field of manifests this version writes and reads.
MANIFEST_FORMAT = "zeren-run/1"

_CHUNK = 1 << 20


def file_digest(path: Path) -> tuple[int, str]:
    """Return the size and SHA-256 (hex) of the file at ``path``."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return size, h.hexdigest()


def is_plain_name(name: str) -> bool:
    """Whether ``name`` is a file name inside the folder (no separator, not hidden)."""
    return (
        bool(name)
        and name == os.path.basename(name)
        and "/" not in name
        and "\\" not in name
        and not name.startswith(".")
        and "\x00" not in name
    )


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
        if not isinstance(name, str) or not is_plain_name(name):
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
    size, digest = file_digest(target)
    if size != entry.get("bytes"):
        return [f"{name} has {size} bytes, the manifest says {entry.get('bytes')}"]
    if digest != entry.get("sha256"):
        return [f"{name} has changed since the run wrote it (SHA-256 differs)"]
    return []
