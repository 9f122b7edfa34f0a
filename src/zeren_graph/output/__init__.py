"""Writing outputs safely: atomic files, run folders with a manifest and a lock.

Every file zeren_graph writes goes through :func:`atomic_write` (or
:func:`atomic_path` for writers that want a path): the content is written to a
temporary file in the target's folder and renamed into place, so a reader never
sees half a file, and a symbolic link at the target is refused, never followed.
"""

from __future__ import annotations

from zeren_graph.output.atomic import atomic_path, atomic_write

__all__ = ["atomic_path", "atomic_write"]
