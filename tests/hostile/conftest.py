"""Fixtures of the hostile-input suite."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_tracing_left() -> Iterator[None]:
    """Stop a :class:`~harness.MemoryProbe` that a failing test left tracing."""
    yield
    if tracemalloc.is_tracing():
        tracemalloc.stop()
