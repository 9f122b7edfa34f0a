"""zeren_graph (责任图): responsibility graphs and the simulation of pressure down a hierarchy.

The library has two halves:

* a typed responsibility model (:mod:`zeren_graph.model`) loaded from the
  lists people really have (:mod:`zeren_graph.io`), viewed as a graph
  (:mod:`zeren_graph.graph`) and checked by a catalogue of rules
  (:mod:`zeren_graph.checks`);
* a SimPy sandbox (:mod:`zeren_graph.sim`) showing how pressure and effort
  fade level by level (压力递减、逐级弱化) under supervision schedules and
  accountability rules.

Importing the package has no side effects: no plotting backend, no seeding.
Everything but the errors is re-exported lazily: the model and vocabulary
(pydantic), and the entry points of the heavier halves (:func:`load`,
:func:`check`, :func:`simulate`, ...) load on first use, so ``import
zeren_graph`` stays fast and a Ctrl-C during the command line's start-up is
caught by its guard.

Examples
--------
>>> import zeren_graph as zg
>>> model = zg.load("scenarios/lists/county.yaml")
>>> report = zg.check(model)
>>> sorted({f.code for f in report.findings})[:3]
['ZG101', 'ZG103', 'ZG104']
"""

from typing import TYPE_CHECKING

from zeren_graph._lazy import lazy_attributes
from zeren_graph.errors import (
    InputError,
    Problem,
    UnknownReferenceError,
    ZerenError,
    ZerenWarning,
)

if TYPE_CHECKING:
    from zeren_graph.analysis import accountability_chain, diff, what_if
    from zeren_graph.checks import check
    from zeren_graph.io import load, read
    from zeren_graph.model import (
        Assignment,
        Duty,
        Person,
        Post,
        ResponsibilityModel,
        Source,
        Supervision,
        Unit,
    )
    from zeren_graph.sim import Scenario, SimulationResult, load_scenario, simulate
    from zeren_graph.vocab import OWNER_ROLES, Category, PostKind, Role, SupervisionKind, UnitKind

__version__ = "0.1.0"

_LAZY = {
    "Assignment": "zeren_graph.model",
    "Duty": "zeren_graph.model",
    "Person": "zeren_graph.model",
    "Post": "zeren_graph.model",
    "ResponsibilityModel": "zeren_graph.model",
    "Source": "zeren_graph.model",
    "Supervision": "zeren_graph.model",
    "Unit": "zeren_graph.model",
    "OWNER_ROLES": "zeren_graph.vocab",
    "Category": "zeren_graph.vocab",
    "PostKind": "zeren_graph.vocab",
    "Role": "zeren_graph.vocab",
    "SupervisionKind": "zeren_graph.vocab",
    "UnitKind": "zeren_graph.vocab",
    "Scenario": "zeren_graph.sim",
    "SimulationResult": "zeren_graph.sim",
    "accountability_chain": "zeren_graph.analysis",
    "check": "zeren_graph.checks",
    "diff": "zeren_graph.analysis",
    "load": "zeren_graph.io",
    "load_scenario": "zeren_graph.sim",
    "read": "zeren_graph.io",
    "simulate": "zeren_graph.sim",
    "what_if": "zeren_graph.analysis",
}

__all__ = [
    "OWNER_ROLES",
    "Assignment",
    "Category",
    "Duty",
    "InputError",
    "Person",
    "Post",
    "PostKind",
    "Problem",
    "ResponsibilityModel",
    "Role",
    "Scenario",
    "SimulationResult",
    "Source",
    "Supervision",
    "SupervisionKind",
    "Unit",
    "UnitKind",
    "UnknownReferenceError",
    "ZerenError",
    "ZerenWarning",
    "__version__",
    "accountability_chain",
    "check",
    "diff",
    "load",
    "load_scenario",
    "read",
    "simulate",
    "what_if",
]

__getattr__, __dir__ = lazy_attributes(globals(), _LAZY, __all__)
