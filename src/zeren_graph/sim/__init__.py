"""The SimPy sandbox: how pressure fades level by level under supervision and accountability.

A scenario (YAML, :class:`Scenario`) names a hierarchy, a transmission,
supervision schedules and accountability rules; :func:`simulate` runs its
replications and returns a :class:`SimulationResult` with tidy tables,
metrics and plots. See ``docs/model.md`` and ``docs/scenarios.md``.

Examples
--------
>>> sc = Scenario.model_validate({
...     "name": "最小", "horizon_months": 12,
...     "hierarchy": {"levels": ["省", "市", "县", "乡镇", "村"], "span": [1, 4, 5, 6, 8]},
...     "transmission": {"retention": 0.9}})
>>> result = simulate(sc, seed=1)
>>> round(result.metrics["last_mile_pressure"], 3)
0.656
"""

from zeren_graph.sim.loading import apply_overrides, load_scenario, parse_scenario
from zeren_graph.sim.results import SimulationResult
from zeren_graph.sim.runner import simulate
from zeren_graph.sim.scenario import (
    Action,
    Behaviour,
    Condition,
    Hierarchy,
    Rating,
    Ratings,
    Rule,
    Sample,
    Scenario,
    Schedule,
    ScheduleKind,
    Transmission,
)
from zeren_graph.sim.structure import Structure, build_structure

__all__ = [
    "Action",
    "Behaviour",
    "Condition",
    "Hierarchy",
    "Rating",
    "Ratings",
    "Rule",
    "Sample",
    "Scenario",
    "Schedule",
    "ScheduleKind",
    "SimulationResult",
    "Structure",
    "Transmission",
    "apply_overrides",
    "build_structure",
    "load_scenario",
    "parse_scenario",
    "simulate",
]
