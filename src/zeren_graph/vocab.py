"""Closed vocabularies: roles, unit kinds, post kinds, categories — with Chinese aliases.

Every vocabulary is a :class:`enum.StrEnum` whose values are the English
canonical words; :func:`parse` accepts the English word, the Chinese words
people write in responsibility lists, and common variants (case, spaces,
hyphens).

Examples
--------
>>> parse(Role, "牵头")
<Role.lead: 'lead'>
>>> parse(Role, "第一责任人")
<Role.first_responsible: 'first_responsible'>
>>> parse(UnitKind, "纪工委")
<UnitKind.discipline_commission: 'discipline_commission'>
>>> Role.lead in OWNER_ROLES, Role.support in OWNER_ROLES
(True, False)
>>> accepted(Category)
'party_building (党建); business (业务)'
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import TypeVar

__all__ = [
    "ALIASES",
    "OWNER_ROLES",
    "Category",
    "PostKind",
    "Role",
    "SupervisionKind",
    "UnitKind",
    "accepted",
    "infer_post_kind",
    "normalize_text",
    "parse",
    "parse_bool",
]


class Role(StrEnum):
    """The role a holder plays for a duty."""

    primary = "primary"  # 主体责任
    first_responsible = "first_responsible"  # 第一责任人
    direct = "direct"  # 直接责任
    lead = "lead"  # 牵头
    support = "support"  # 配合 / 参与
    supervisory = "supervisory"  # 监督责任


#: The roles that make a holder an owner of a duty (accountable for it).
OWNER_ROLES: frozenset[Role] = frozenset(
    {Role.primary, Role.first_responsible, Role.direct, Role.lead}
)


class UnitKind(StrEnum):
    """The kind of an organisational unit."""

    committee = "committee"  # 党委
    party_group = "party_group"  # 党组
    working_committee = "working_committee"  # 工委 / 党工委
    branch = "branch"  # 支部 / 党支部
    general_branch = "general_branch"  # 总支 / 党总支
    discipline_commission = "discipline_commission"  # 纪委 / 纪工委 / 纪检组
    department = "department"  # 部门
    leading_group = "leading_group"  # 领导小组
    government = "government"  # 政府
    enterprise = "enterprise"  # 企业
    village = "village"  # 村
    community = "community"  # 社区
    other = "other"


class PostKind(StrEnum):
    """The kind of a post, used to find first-responsible and party-affairs posts."""

    secretary = "secretary"  # 书记
    deputy_secretary = "deputy_secretary"  # 副书记
    discipline = "discipline"  # 纪委书记 / 纪检委员
    member = "member"  # 委员 / 班子成员
    party_affairs = "party_affairs"  # 党务工作者 / 组织委员
    head = "head"  # 主任 / 局长 / 镇长 ... (administrative head)
    staff = "staff"  # 工作人员
    other = "other"


class SupervisionKind(StrEnum):
    """How a supervisor follows up on the supervised unit."""

    inspection = "inspection"  # 督察 / 检查
    assessment = "assessment"  # 考核
    report = "report"  # 报告
    ask = "ask"  # 询问 (每月必问)
    visit = "visit"  # 暗访 / 随机检查
    talk = "talk"  # 约谈


class Category(StrEnum):
    """Whether a duty is party building or business."""

    party_building = "party_building"  # 党建
    business = "business"  # 业务


ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Role: {
        "主体责任": "primary",
        "主体": "primary",
        "第一责任": "first_responsible",
        "第一责任人": "first_responsible",
        "直接责任": "direct",
        "直接责任人": "direct",
        "牵头": "lead",
        "牵头单位": "lead",
        "配合": "support",
        "参与": "support",
        "配合单位": "support",
        "监督责任": "supervisory",
        "监督": "supervisory",
    },
    UnitKind: {
        "党委": "committee",
        "党组": "party_group",
        "工委": "working_committee",
        "党工委": "working_committee",
        "支部": "branch",
        "党支部": "branch",
        "总支": "general_branch",
        "党总支": "general_branch",
        "纪委": "discipline_commission",
        "纪工委": "discipline_commission",
        "纪检组": "discipline_commission",
        "部门": "department",
        "领导小组": "leading_group",
        "政府": "government",
        "企业": "enterprise",
        "村": "village",
        "社区": "community",
        "其他": "other",
    },
    PostKind: {
        "书记": "secretary",
        "副书记": "deputy_secretary",
        "纪检": "discipline",
        "委员": "member",
        "班子成员": "member",
        "党务": "party_affairs",
        "党务工作者": "party_affairs",
        "负责人": "head",
        "工作人员": "staff",
        "其他": "other",
    },
    Category: {"党建": "party_building", "业务": "business"},
    SupervisionKind: {
        "督察": "inspection",
        "督查": "inspection",
        "检查": "inspection",
        "考核": "assessment",
        "报告": "report",
        "询问": "ask",
        "暗访": "visit",
        "随机检查": "visit",
        "约谈": "talk",
    },
}

E = TypeVar("E", bound=StrEnum)


def normalize_text(value: str) -> str:
    r"""NFKC-normalise and trim a name, including full-width spaces (U+3000).

    Examples
    --------
    >>> normalize_text("\u3000乙镇党委 ")
    '乙镇党委'
    >>> normalize_text("ＡＢＣ１")
    'ABC1'
    """
    return unicodedata.normalize("NFKC", value).strip()


def _key(value: str) -> str:
    return normalize_text(value).lower().replace("-", "_").replace(" ", "_")


def parse(enum: type[E], value: str | E) -> E | None:
    """Parse an English or Chinese word of a vocabulary; ``None`` if unknown.

    Examples
    --------
    >>> parse(Category, "Party-Building")
    <Category.party_building: 'party_building'>
    >>> parse(Role, "owner") is None
    True
    """
    if isinstance(value, enum):
        return value
    key = _key(str(value))
    try:
        return enum(key)
    except ValueError:
        pass
    alias = ALIASES.get(enum, {}).get(normalize_text(str(value)))
    return enum(alias) if alias is not None else None


def accepted(enum: type[StrEnum]) -> str:
    """List the accepted values of a vocabulary with their Chinese aliases.

    Examples
    --------
    >>> accepted(Role).split("; ")[3]
    'lead (牵头, 牵头单位)'
    """
    reverse: dict[str, list[str]] = {}
    for alias, canonical in ALIASES.get(enum, {}).items():
        reverse.setdefault(canonical, []).append(alias)
    parts = []
    for member in enum:
        words = reverse.get(member.value)
        parts.append(f"{member.value} ({', '.join(words)})" if words else member.value)
    return "; ".join(parts)


_TRUE = frozenset({"是", "yes", "y", "true", "t", "1", "有", "√", "✓"})
_FALSE = frozenset({"否", "no", "n", "false", "f", "0", "无", "×", "✗"})


def parse_bool(value: str | bool | int) -> bool | None:
    """Parse 是/否, yes/no, true/false, 1/0; ``None`` if it is none of them.

    Examples
    --------
    >>> parse_bool("是"), parse_bool("No"), parse_bool(1), parse_bool("maybe")
    (True, False, True, None)
    """
    if isinstance(value, bool):
        return value
    key = normalize_text(str(value)).lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


_TITLE_KINDS: tuple[tuple[str, PostKind], ...] = (
    ("纪委书记", PostKind.discipline),
    ("纪工委书记", PostKind.discipline),
    ("纪检", PostKind.discipline),
    ("副书记", PostKind.deputy_secretary),
    ("书记", PostKind.secretary),
    ("组织委员", PostKind.party_affairs),
    ("党务", PostKind.party_affairs),
    ("委员", PostKind.member),
    ("班子成员", PostKind.member),
)


def infer_post_kind(title: str) -> PostKind | None:
    """Guess a post's kind from its Chinese title, for flat lists that do not say.

    Examples
    --------
    >>> [infer_post_kind(t).value for t in ("党委书记", "纪委书记", "副书记", "组织委员")]
    ['secretary', 'discipline', 'deputy_secretary', 'party_affairs']
    >>> infer_post_kind("镇长") is None
    True
    """
    direct = parse(PostKind, title)
    if direct is not None:
        return direct
    for word, kind in _TITLE_KINDS:
        if word in title:
            return kind
    return None
