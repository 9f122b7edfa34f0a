"""Resource limits: what zeren_graph refuses up front instead of running out of time or memory.

Every loader, the simulator and the drawing check their input against these
limits *before* allocating, and raise :class:`~zeren_graph.errors.LimitError`
(exit 2 from the command line) naming the limit and how to raise it. The
defaults let the largest real lists and studies through (a 1M-row list, a
100k-unit simulation) while a small hostile file — an alias bomb, a zip bomb, a
huge merged range — is refused within seconds and a few hundred MB.

Override a limit for one process with an environment variable
``ZEREN_LIMIT_<NAME>`` (``ZEREN_LIMIT_FILE_BYTES=4e9``), or in code with
:func:`override`. ``docs/errors.md`` lists them all.

Examples
--------
>>> current().yaml_depth
100
>>> with override(yaml_depth=10):
...     current().yaml_depth
10
>>> current().yaml_depth
100
>>> current().describe("yaml_depth")
'ZEREN_LIMIT_YAML_DEPTH (default 100)'
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass

from zeren_graph.errors import LimitError, Problem

__all__ = ["Limits", "current", "exceeded", "override"]

_MiB = 1 << 20


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits in force; every field can be overridden (see the module docstring)."""

    #: Largest input file read, in bytes (lists, units tables, documents, scenarios).
    file_bytes: int = 1024 * _MiB
    #: Largest total uncompressed size of an XLSX/DOCX archive's members, in bytes.
    archive_bytes: int = 1024 * _MiB
    #: Largest compression ratio of an archive member above 1 MiB (a zip bomb has ~1000).
    archive_ratio: int = 200
    #: Most cells in one sheet (rows × columns as the sheet declares them).
    sheet_cells: int = 50_000_000
    #: Most cells covered by merged ranges in one sheet.
    merged_cells: int = 1_000_000
    #: Longest single cell of a CSV file or sheet, in characters.
    cell_chars: int = 1_000_000
    #: Deepest nesting of a YAML/JSON document (mappings and lists).
    yaml_depth: int = 100
    #: Most alias uses (``*name``) in one YAML document.
    yaml_aliases: int = 1_000
    #: Most nodes (scalars, mappings, lists) in one YAML/JSON document.
    yaml_nodes: int = 20_000_000
    #: Most digits of an integer read from a document or table.
    int_digits: int = 18
    #: Most units in a simulated hierarchy.
    sim_units: int = 20_000_000
    #: Longest simulated horizon, in months (100 years).
    sim_months: int = 1_200
    #: Most replications of one simulation.
    sim_replications: int = 100_000
    #: Largest estimated memory of one simulation, in bytes (0: half the machine's memory).
    sim_memory_bytes: int = 0
    #: Most units in one drawing.
    draw_units: int = 250
    #: Largest drawing in pixels (width × height at the requested dpi).
    draw_pixels: int = 200_000_000
    #: Longest excerpt of user content shown in a message, in characters.
    excerpt_chars: int = 80

    def describe(self, name: str) -> str:
        """Return ``ZEREN_LIMIT_NAME (default N)`` for messages."""
        default = getattr(_DEFAULTS, name)
        return f"ZEREN_LIMIT_{name.upper()} (default {default})"


_DEFAULTS = Limits()
_override: list[dict[str, int]] = []


def _from_env() -> dict[str, int]:
    found: dict[str, int] = {}
    for f in dataclasses.fields(Limits):
        text = os.environ.get(f"ZEREN_LIMIT_{f.name.upper()}")
        if text is None:
            continue
        try:
            value = float(text.replace("_", ""))
        except ValueError:
            continue  # an unreadable override is ignored, not a crash at every command
        if math.isfinite(value) and value >= 0:
            found[f.name] = int(value)
    return found


def current() -> Limits:
    """Return the limits in force: defaults, then the environment, then :func:`override`."""
    values = _from_env()
    for layer in _override:
        values.update(layer)
    return dataclasses.replace(_DEFAULTS, **values) if values else _DEFAULTS


@contextlib.contextmanager
def override(**limits: int) -> Iterator[Limits]:
    """Raise or lower limits inside a ``with`` block (tests, notebooks, batch jobs)."""
    unknown = set(limits) - {f.name for f in dataclasses.fields(Limits)}
    if unknown:
        raise TypeError(f"unknown limit(s): {', '.join(sorted(unknown))}")
    _override.append(dict(limits))
    try:
        yield current()
    finally:
        _override.pop()


def exceeded(
    name: str,
    what: str,
    *,
    file: str | None = None,
    row: int | None = None,
    column: str | None = None,
    path: str | None = None,
) -> LimitError:
    """Return the :class:`LimitError` for limit ``name``; ``what`` says what was too big.

    Examples
    --------
    >>> err = exceeded("yaml_depth", "the document nests 3000 levels deep", file="m.yaml")
    >>> print(err.problems[0].message)
    the document nests 3000 levels deep, above the limit of 100
    >>> print(err.problems[0].hint)
    raise it with the environment variable ZEREN_LIMIT_YAML_DEPTH (default 100) if ...
    """
    value = getattr(current(), name)
    hint = (
        f"raise it with the environment variable {current().describe(name)} if the input is genuine"
    )
    message = f"{what}, above the limit of {value}"
    return LimitError(
        [
            Problem(
                "limit-exceeded", message, file=file, row=row, column=column, path=path, hint=hint
            )
        ]
    )
