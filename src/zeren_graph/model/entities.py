"""The entities of a responsibility model: units, posts, people, duties, assignments.

All entities are frozen pydantic models that forbid unknown fields. Vocabulary
fields (role, kind, category) accept the English word or the Chinese words of
:mod:`zeren_graph.vocab`, so a YAML file may say ``role: 牵头``.

Examples
--------
>>> Unit(id="乙镇党委", parent="县委", kind="党委", level="乡镇")
Unit(id='乙镇党委', name='乙镇党委', parent='县委', kind=<UnitKind.committee: 'committee'>, ...)
>>> Assignment(duty="乙镇党委/组织生活", holder="乙镇党委/书记", role="第一责任人").role
<Role.first_responsible: 'first_responsible'>
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Self, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from zeren_graph._display import excerpt
from zeren_graph.vocab import (
    Category,
    PostKind,
    Role,
    SupervisionKind,
    UnitKind,
    accepted,
    normalize_text,
    parse,
    parse_bool,
)

__all__ = [
    "Assignment",
    "Duty",
    "Person",
    "Post",
    "Source",
    "Supervision",
    "Unit",
    "duty_id",
    "post_id",
]

E = TypeVar("E", bound=StrEnum)


def post_id(unit: str, title: str) -> str:
    """Return the id of the post ``title`` in ``unit`` as flat lists create it.

    Examples
    --------
    >>> post_id("乙镇党委", "书记")
    '乙镇党委/书记'
    """
    return f"{unit}/{title}"


def duty_id(name: str, scope: str) -> str:
    """Return the id of the duty ``name`` covering ``scope`` as flat lists create it.

    Examples
    --------
    >>> duty_id("组织生活", "乙镇党委")
    '乙镇党委/组织生活'
    """
    return f"{scope}/{name}"


def _vocab(enum: type[E]) -> BeforeValidator:
    def coerce(value: Any) -> Any:
        if value is None or isinstance(value, enum) or not isinstance(value, str):
            return value
        parsed = parse(enum, value)
        if parsed is None:
            msg = f"unknown {enum.__name__} {excerpt(value)!r}; accepted: {accepted(enum)}"
            raise ValueError(msg)
        return parsed

    return BeforeValidator(coerce)


def _name(value: Any) -> Any:
    return normalize_text(value) if isinstance(value, str) else value


def _opt_name(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        value = normalize_text(value)
        return value or None
    return value


def _flag(value: Any) -> Any:
    if isinstance(value, str):
        parsed = parse_bool(value)
        if parsed is None:
            msg = f"expected 是/否, yes/no, true/false or 1/0, got {excerpt(value)!r}"
            raise ValueError(msg)
        return parsed
    return value


def _names(value: Any) -> Any:
    if isinstance(value, str):
        value = [v for v in value.replace("，", ",").replace("、", ",").split(",") if v.strip()]
    if isinstance(value, (list, tuple)):
        return tuple(normalize_text(str(v)) for v in value)
    return value


Name = Annotated[str, BeforeValidator(_name), Field(min_length=1)]
OptName = Annotated[str | None, BeforeValidator(_opt_name)]
Names = Annotated[tuple[str, ...], BeforeValidator(_names)]
Flag = Annotated[bool | None, BeforeValidator(_flag)]


class _Entity(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", use_enum_values=False, allow_inf_nan=False
    )


class Source(_Entity):
    """Where a record was read: file, 1-based row, and sheet for workbooks."""

    file: str
    row: int = Field(ge=1)
    sheet: str | None = None

    def __str__(self) -> str:
        sheet = f"[{self.sheet}]" if self.sheet else ""
        return f"{self.file}{sheet}:{self.row}"


class Unit(_Entity):
    """An organisational unit (单位): a committee, branch, department, village...

    ``parent`` is the leadership line (隶属); ``guided_by`` lists the sector
    working committees that give business guidance (业务指导).
    """

    id: Name
    name: Name = ""
    parent: OptName = None
    kind: Annotated[UnitKind, _vocab(UnitKind)] = UnitKind.other
    level: OptName = None  # 层级, e.g. 县 or 3
    sectors: Names = ()  # 行业 tags
    party_members: int | None = Field(default=None, ge=0)  # 党员数
    party_staff: float | None = Field(default=None, ge=0)  # 党务工作者 (full-time equivalents)
    has_party_org: Flag = None  # 建立党组织
    remote: Flag = None  # 偏远
    guided_by: Names = ()  # 业务指导
    source: Source | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_name(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("name") and "id" in data:
            data = {**data, "name": data["id"]}
        return data


class Post(_Entity):
    """A post (岗位) in a unit; ``holders`` are person ids, empty when vacant."""

    id: Name
    unit: Name
    title: Name
    kind: Annotated[PostKind | None, _vocab(PostKind)] = None
    holders: Names = ()
    full_time: Flag = None  # 专职
    source: Source | None = None

    @property
    def is_vacant(self) -> bool:
        """Whether nobody holds the post."""
        return not self.holders


class Person(_Entity):
    """A person (人员); one person may hold several posts (身兼数职)."""

    id: Name
    name: Name = ""

    @model_validator(mode="before")
    @classmethod
    def _default_name(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("name") and "id" in data:
            data = {**data, "name": data["id"]}
        return data


class Duty(_Entity):
    """A duty (职责): a named task covering one unit, its ``scope``.

    ``derived_from`` is the id of the duty of an ancestor unit that this duty
    decomposes (层层分解).
    """

    id: Name
    name: Name
    scope: Name
    category: Annotated[Category | None, _vocab(Category)] = None  # 党建 / 业务
    indicator: OptName = None  # 考核指标
    frequency: OptName = None  # 频次
    derived_from: OptName = None  # 上级职责
    source: Source | None = None


class Assignment(_Entity):
    """One row of a responsibility list: a holder's role for a duty.

    The holder is a post id, or — with ``collective=True`` — a unit id: the
    unit as a whole (集体负责). ``indicator`` and ``frequency`` are the row's
    own, when a list states them per row; so are ``measures`` (具体措施, how the
    duty is carried out) and ``deadline`` (完成时限, as written: ``2024年10月``).
    """

    duty: Name
    holder: Name
    collective: bool = False
    role: Annotated[Role, _vocab(Role)]
    id: OptName = None  # 编号 of the row
    reason: OptName = None  # 说明: why a joint allocation is intended
    indicator: OptName = None
    frequency: OptName = None
    measures: OptName = None  # 具体措施
    deadline: OptName = None  # 完成时限
    source: Source | None = None


class Supervision(_Entity):
    """Who inspects or assesses whom (监督), how often, announced or not.

    ``period`` is in months; ``None`` means irregular (e.g. random visits).
    """

    supervisor: Name
    supervised: Name
    kind: Annotated[SupervisionKind, _vocab(SupervisionKind)] = SupervisionKind.inspection
    period: float | None = Field(default=None, gt=0)
    announced: bool = True
    duty: OptName = None

    @model_validator(mode="after")
    def _not_self(self) -> Self:
        if self.supervisor == self.supervised:
            msg = f"unit {self.supervisor!r} cannot supervise itself"
            raise ValueError(msg)
        return self
