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
"""

from zeren_graph.errors import (
    InputError,
    Problem,
    UnknownReferenceError,
    ZerenError,
    ZerenWarning,
)
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
from zeren_graph.vocab import OWNER_ROLES, Category, PostKind, Role, SupervisionKind, UnitKind

__version__ = "0.1.0"

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
    "Source",
    "Supervision",
    "SupervisionKind",
    "Unit",
    "UnitKind",
    "UnknownReferenceError",
    "ZerenError",
    "ZerenWarning",
    "__version__",
]
