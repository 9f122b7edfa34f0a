"""Writing outputs safely: atomic files, run folders with a manifest and a lock, escaping.

Every file zeren_graph writes goes through :func:`atomic_write` (or
:func:`atomic_path` for writers that want a path): the content is written to a
temporary file in the target's folder and renamed into place, so a reader never
sees half a file, and a symbolic link at the target is refused, never followed.

A simulation's folder is a :class:`RunFolder` (``zeren_graph.output.run``):
locked while a run writes (``zeren_graph.output.lock``), its old files removed
first, ``manifest.json`` written last; :func:`verify_run` checks a folder
against its manifest (``zeren_graph.output.manifest``). User
content is escaped for each consumer by ``zeren_graph.output.escape``:
:func:`csv_cell` for spreadsheets, :func:`terminal` for terminals,
:func:`md_text` for Markdown, :func:`json_text` for JSON.
"""

from __future__ import annotations

from zeren_graph.output.atomic import atomic_path, atomic_write
from zeren_graph.output.escape import csv_cell, json_text, md_text, terminal, uncsv_cell
from zeren_graph.output.manifest import RunCheck, verify_run
from zeren_graph.output.run import RunFolder

__all__ = [
    "RunCheck",
    "RunFolder",
    "atomic_path",
    "atomic_write",
    "csv_cell",
    "json_text",
    "md_text",
    "terminal",
    "uncsv_cell",
    "verify_run",
]
