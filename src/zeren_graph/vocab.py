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
from typing import NamedTuple, TypeVar

__all__ = [
    "ALIASES",
    "OWNER_ROLES",
    "ROLE_SYNONYMS",
    "ROLE_WORDS",
    "SYNONYMS",
    "Category",
    "PostKind",
    "Proposal",
    "Role",
    "SupervisionKind",
    "UnitKind",
    "accepted",
    "infer_post_kind",
    "normalize_text",
    "parse",
    "parse_bool",
    "suggest",
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


#: Role words lists also write, beyond the principal ones in :data:`ALIASES`, each with its
#: reason and, where one uses it, the source report of the domain brief (000-004, quoted);
#: docs/concepts.md has them as a table. All are accepted (they are part of ``ALIASES[Role]``).
ROLE_WORDS: dict[str, str] = {
    # a grouped list's heading: "(二)党委书记:第一责任人责任"; 000, 002: "第一责任人"职责
    "第一责任人责任": "first_responsible",
    "第一责任人职责": "first_responsible",
    # a member's responsibility for the area assigned to them, not the secretary's first
    # responsibility: 001 "'一把手'第一责任、班子成员'一岗双责'"; 003 "主体责任不仅包括
    # 领导班子的集体责任、党委书记的第一责任,也包含党委班子成员的'一岗双责'"
    "一岗双责": "direct",
    # the member in charge of an area (分管领导), answering for it: 000 "书记和分管领导"
    "分管责任": "direct",
    "分管领导": "direct",
    "责任领导": "direct",
    # the other leadership members' responsibility for their areas (党委(党组)落实全面从严
    # 治党主体责任规定; 地方党政领导干部安全生产责任制规定: 班子其他成员对分管范围负领导
    # 责任); 003 "追究当事人责任,又要追究相关领导责任"
    "领导责任": "direct",
    "直接领导责任": "direct",
    # accountability grades (纪律处分条例): 主要领导责任 = the leader over the work he or she
    # directly manages, "负直接领导责任"; 重要领导责任 = a secondary leadership
    # responsibility for work one should manage or helped decide. Neither is the main
    # leader's first responsibility; as first_responsible both would trip ZG204.
    "主要领导责任": "direct",
    "重要领导责任": "direct",
    # 000 "组织部门牵头协调"; the lead columns of task tables
    "牵头部门": "lead",
    "牵头负责": "lead",
    "牵头责任": "lead",
    "牵头责任单位": "lead",
    # 003 "每项工作任务均要明确到主要责任单位和责任人"; task tables use it for the lead
    "主要责任单位": "lead",
    # the 主办/协办 pair of task allocation
    "主办": "lead",
    "主办单位": "lead",
    # working beside the lead without owning: 001 "各方配合、共同参与", 000 "有关部门积极参与";
    # the 协同单位 / 协作单位 columns of task tables
    "配合部门": "support",
    "配合责任": "support",
    "参与单位": "support",
    "协同": "support",
    "协同单位": "support",
    "协作": "support",
    "协作单位": "support",
    # 000 "协助党组(党委)书记履行好第一责任": helping the owner, not owning
    "协助": "support",
    "协办": "support",
    # following a duty up: 002 "检查督办", 003 "提醒督办函"; 001, 003 "督导检查";
    # 003 "经常性监督检查制度" (the 纪委)
    "督办": "supervisory",
    "督查": "supervisory",
    "督导": "supervisory",
    "监督检查": "supervisory",
    "督办单位": "supervisory",
    "监督单位": "supervisory",
    "督查单位": "supervisory",
}

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
        **ROLE_WORDS,
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


class Proposal(NamedTuple):
    """An accepted word to propose for a word outside a vocabulary, and when it applies."""

    word: str
    when: str = ""


_P = Proposal
_COMMITTEE = _P("主体责任", "for the committee as a whole")
_SECRETARY = _P("第一责任", "for its secretary or main leader")
_IN_CHARGE = _P("直接责任", "for a leader in charge of the area")
_LEAD_UNIT = _P("牵头", "for the lead unit")
_SUPERVISOR = _P("监督责任")

#: Near-synonyms and common mistakes for role words, each with the accepted word(s) to propose.
#: An unknown role word gets a suggestion only from this table and from the aliases (the word,
#: a word it contains, or a word it is part of), never from edit distance: "一岗双责" and
#: "第一责任" share half their characters and mean different roles. An entry with several
#: proposals is ambiguous and the hint says when each applies.
ROLE_SYNONYMS: dict[str, tuple[Proposal, ...]] = {
    "负责": (_COMMITTEE, _IN_CHARGE, _LEAD_UNIT),
    # 002 "书记...负首责、负主责、负全责"; 负总责 is said of a committee and of its head alike
    "负总责": (_COMMITTEE, _SECRETARY),
    "总负责": (_COMMITTEE, _SECRETARY),
    "负全责": (_COMMITTEE, _SECRETARY),
    "全面负责": (_COMMITTEE, _SECRETARY),
    # 2010 党风廉政建设责任制规定: the 领导班子 "负全面领导责任"; other texts give it to the
    # main leader
    "全面领导责任": (_COMMITTEE, _SECRETARY),
    # 002 "从严治党担当主责" (the committee) and "负主责" (the secretary)
    "主责": (_COMMITTEE, _SECRETARY),
    "主体责任人": (_COMMITTEE, _P("第一责任人", "for its secretary")),
    "首责": (_P("第一责任"),),
    "负首责": (_P("第一责任"),),
    "第一负责人": (_P("第一责任人"),),
    "主要负责人": (_P("第一责任人"),),
    # 001 "书记主抓"; a task table's 主抓领导 / 主抓单位
    "主抓": (_SECRETARY, _P("直接责任", "for the leader in charge of a task"), _LEAD_UNIT),
    # 001 "班子成员专责"; the 纪委 is the "专责监督机关"
    "专责": (_P("直接责任", "for a leadership member"), _P("监督责任", "for the 纪委")),
    "专责监督": (_SUPERVISOR,),
    "具体负责": (_IN_CHARGE, _P("牵头", "for the unit that does the work")),
    # 003 "主要责任单位和责任人"
    "主要责任": (_P("牵头", "for a unit"), _P("直接责任", "for a leader")),
    "牵头领导": (_P("直接责任", "for the leader who answers for the task"), _LEAD_UNIT),
    "责任单位": (
        _P("牵头", "when no lead unit is named"),
        _P("配合", "when a 牵头单位 is named beside it"),
    ),
    "责任主体": (_COMMITTEE, _SECRETARY, _P("直接责任", "for another leadership member")),
    # 003 "主体责任不仅包括领导班子的集体责任..."
    "集体责任": (_P("主体责任"),),
    "集体领导责任": (_P("主体责任"),),
    # 001, 003 "班子成员'一岗双责'"
    "班子成员": (_P("一岗双责"),),
    "一岗两责": (_P("一岗双责"),),
    "一岗二责": (_P("一岗双责"),),
    # 001 "纪检监督责任", 003 "纪委监督责任"
    "纪委": (_SUPERVISOR,),
    "纪检": (_SUPERVISOR,),
    "督察": (_P("督查"),),
    "督促": (_SUPERVISOR,),
    "检查": (_SUPERVISOR,),
    "考核": (_SUPERVISOR,),
    # 000 "行业系统具体指导"; 业务指导 is a line of authority (units table), not a role
    "指导": (_P("配合", "for a unit that helps"), _P("监督责任", "for one that checks")),
    "业务指导": (_P("配合", "for a unit that helps"), _P("监督责任", "for one that checks")),
    "owner": (
        _P("primary", "for a committee as a whole"),
        _P("first_responsible", "for its secretary"),
        _P("direct", "for a leader in charge"),
        _P("lead", "for the lead unit"),
    ),
    "supervisor": (_P("supervisory"),),
    "supervision": (_P("supervisory"),),
    "supporting": (_P("support"),),
}

#: The curated suggestion tables, by vocabulary. The other vocabularies have none: their
#: suggestions come from their aliases alone.
SYNONYMS: dict[type[StrEnum], dict[str, tuple[Proposal, ...]]] = {Role: ROLE_SYNONYMS}


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


#: Quotes, which a word may carry anywhere ("一岗双责" as the reports write it).
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』《》〈〉")
#: Punctuation around a word: 、。 and, after NFKC, the full-width ,;:!?.
_EDGES = " \t\r\n,.;:!?、。·…-—_"


def _compact(value: str) -> str:
    r"""Return ``value`` NFKC-normalised without whitespace, quotes, or punctuation around it.

    Examples
    --------
    >>> _compact("　“一岗 双责”;")
    '一岗双责'
    """
    text = "".join(normalize_text(value).translate(_QUOTES).split())
    return text.strip(_EDGES).lower()


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
    aliases = ALIASES.get(enum, {})
    alias = aliases.get(normalize_text(str(value)))
    if alias is None:
        alias = aliases.get(_compact(str(value)))
    return enum(alias) if alias is not None else None


def accepted(enum: type[StrEnum]) -> str:
    """List the accepted values of a vocabulary with their Chinese aliases.

    Examples
    --------
    >>> accepted(Role).split("; ")[3]
    'lead (牵头, 牵头单位)'
    >>> accepted(Role).split("; ")[6].split(", direct")[0]
    'also as lists write them: first_responsible (第一责任人责任, 第一责任人职责)'
    """
    extra = ROLE_WORDS if enum is Role else {}
    reverse: dict[str, list[str]] = {}
    more: dict[str, list[str]] = {}
    for alias, canonical in ALIASES.get(enum, {}).items():
        (more if alias in extra else reverse).setdefault(canonical, []).append(alias)
    parts = []
    for member in enum:
        words = reverse.get(member.value)
        parts.append(f"{member.value} ({', '.join(words)})" if words else member.value)
    listed = "; ".join(parts)
    if more:
        also = ", ".join(f"{m.value} ({', '.join(more[m.value])})" for m in enum if m in more)
        listed += f"; also as lists write them: {also}"
    return listed


def _table(enum: type[StrEnum]) -> dict[str, tuple[Proposal, ...]]:
    """Return the words a suggestion may come from: the curated table, then the aliases."""
    table = dict(SYNONYMS.get(enum, {}))
    for alias in ALIASES.get(enum, {}):
        table.setdefault(alias, (Proposal(alias),))
    return table


def _advise(word: str, proposals: tuple[Proposal, ...]) -> str:
    if len(proposals) == 1:
        (proposal,) = proposals
        return f"did you mean '{proposal.word}'?"
    options = [f"{p.word} {p.when}".rstrip() for p in proposals]
    listed = " or ".join(options) if len(options) == 2 else ", ".join(options[:-1])
    if len(options) > 2:
        listed += f", or {options[-1]}"
    return f"'{word}' is ambiguous: write {listed}"


def _meanings(enum: type[StrEnum], proposals: tuple[Proposal, ...]) -> set[str]:
    return {str(parse(enum, p.word)) for p in proposals}


def _truncates(part: str, word: str) -> bool:
    """Whether ``part`` is the start or the end of ``word``, two characters and half of it."""
    return 2 <= len(part) < len(word) <= 2 * len(part) and (
        word.startswith(part) or word.endswith(part)
    )


def suggest(enum: type[StrEnum], text: str) -> str | None:
    """Suggest an accepted word for ``text``, from the curated table and the aliases only.

    A suggestion is made when ``text`` (compacted as :func:`parse` does) is a curated word,
    contains curated words or aliases, or is a word cut short: the start or the end, at least
    half and two characters, of words that all mean one member ("岗双责", "主要领导"). Edit
    distance is never used: a word sharing characters with an accepted one is not a
    near-synonym ("一岗双责" is not "第一责任", "第二责任" even less). Containment is for
    Chinese words only ("indirect" contains "direct").

    Parameters
    ----------
    enum : type of StrEnum
        The vocabulary, e.g. :class:`Role`.
    text : str
        The word as written.

    Returns
    -------
    str or None
        ``"did you mean 'x'?"``, or for an ambiguous word which accepted word to write when;
        ``None`` when the table knows nothing related, or when ``text`` is already accepted.

    Examples
    --------
    >>> print(suggest(Role, "负责"))
    '负责' is ambiguous: write 主体责任 for the committee as a whole, 直接责任 for a leader in
    charge of the area, or 牵头 for the lead unit
    >>> suggest(Role, "一岗两责"), suggest(Role, "牵头单位(主办)")
    ("did you mean '一岗双责'?", "did you mean '牵头单位'?")
    >>> suggest(Role, "第二责任") is None, suggest(Role, "牵头") is None
    (True, True)
    """
    key = _compact(text)
    if not key or parse(enum, key) is not None:
        return None
    table = _table(enum)
    if key in table:
        return _advise(key, table[key])
    if key.isascii():
        return None
    words = [w for w in table if len(w) >= 2 and not w.isascii()]
    inside = [w for w in words if w in key]
    outer = sorted((w for w in inside if not any(w != v and w in v for v in inside)), key=key.find)
    if outer:
        found = {w: _meanings(enum, table[w]) for w in outer}
        if len(outer) == 1 or len({m for meanings in found.values() for m in meanings}) == 1:
            longest = max(outer, key=len)
            return _advise(longest, table[longest])
        named = ", ".join(f"{w} ({'/'.join(sorted(found[w]))})" for w in outer)
        return f"the word mixes {named}: write the one meant"
    around = sorted((w for w in words if _truncates(key, w)), key=lambda w: (len(w), w))
    meanings = {m for w in around for m in _meanings(enum, table[w])}
    return _advise(around[0], table[around[0]]) if len(meanings) == 1 or len(around) == 1 else None


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
