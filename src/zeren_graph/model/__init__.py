"""The typed responsibility model (pydantic v2, frozen, ``extra="forbid"``)."""

from zeren_graph.model.document import (
    ModelIndex,
    ModelIntegrityError,
    ResponsibilityModel,
    integrity_problems,
)
from zeren_graph.model.entities import (
    Assignment,
    Duty,
    Person,
    Post,
    Source,
    Supervision,
    Unit,
    duty_id,
    post_id,
)

__all__ = [
    "Assignment",
    "Duty",
    "ModelIndex",
    "ModelIntegrityError",
    "Person",
    "Post",
    "ResponsibilityModel",
    "Source",
    "Supervision",
    "Unit",
    "duty_id",
    "integrity_problems",
    "post_id",
]
