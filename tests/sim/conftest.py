from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from zeren_graph.sim import Scenario, parse_scenario

Make = Callable[..., Scenario]


def _make(**extra: Any) -> Scenario:
    """A scenario with a small three-level structure, overridden by ``extra``.

    These tests pin the mechanisms and closed forms of the dose model, so the scenario is
    in the dose model unless ``behaviour`` names another.
    """
    data: dict[str, Any] = {
        "name": "测试",
        "hierarchy": {"levels": ["县", "乡镇", "村"], "span": [1, 4, 5]},
        "horizon_months": 24,
        "seed": 3,
    }
    data.update(extra)
    data["behaviour"] = {"model": "dose", **data.get("behaviour", {})}
    return parse_scenario(data)


@pytest.fixture
def make() -> Make:
    return _make
