"""Holders as real lists name them: placeholders (各乡镇党委) and collective bodies (党委).

Published lists name holders that are not one unit: **placeholders** such as
各乡镇党委, 区直各部门, 各有关部门, 全区经济运行各专班 or 各村(社区) stand for a set of
units that a units table can expand. :func:`parse_placeholder` recognises them
by a strict grammar over the whole name — a quantifier or a "related" word, an
optional level, and a generic noun at the end — so that a real name containing
各 (各庄村党支部) or a specific office (有关部门办公室) is not taken for one.

A **collective body** (:func:`is_collective_body`) is a unit led collectively:
a party committee, party group, working committee, general branch, branch,
leading group or 班子. A task given to such a body as a whole is the case of
"集体负责=无人负责" (source 003); a department, bureau, office or government
works under its head's responsibility (行政首长负责制) and is not one.

Examples
--------
>>> p = parse_placeholder("各乡镇党委")
>>> p.levels, p.kinds, p.which
(('乡镇',), (<UnitKind.committee: 'committee'>,), 'every')
>>> is_placeholder("各庄村党支部"), is_placeholder("区直各部门")
(False, True)
>>> is_collective_body("乙镇党委"), is_collective_body("区发改局")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from zeren_graph.vocab import UnitKind, normalize_text

__all__ = [
    "COLLECTIVE_ENDINGS",
    "COLLECTIVE_KINDS",
    "Placeholder",
    "is_collective_body",
    "is_placeholder",
    "parse_placeholder",
]

Which = Literal["every", "related", "members"]

#: Unit kinds led collectively (集体领导): a task given to the body as a whole names no one.
COLLECTIVE_KINDS: frozenset[UnitKind] = frozenset(
    {
        UnitKind.committee,
        UnitKind.party_group,
        UnitKind.working_committee,
        UnitKind.general_branch,
        UnitKind.branch,
        UnitKind.leading_group,
    }
)

#: Name endings of collective bodies, used when a unit's kind is not known (``other``).
COLLECTIVE_ENDINGS: tuple[str, ...] = (
    "党委",
    "党组",
    "党工委",
    "工委",
    "党总支",
    "总支",
    "党支部",
    "支部",
    "支委",
    "支委会",
    "党委会",
    "党组会",
    "常委会",
    "领导小组",
    "班子",
    "两委",
    "县委",
    "市委",
    "区委",
    "省委",
    "州委",
    "旗委",
)

# 委员会 is a collective body only as a party committee (中共乙县委员会, 党委员会) or a
# standing committee; 发展和改革委员会, 卫生健康委员会 or 管理委员会 are government agencies.
_PARTY_COMMITTEE = re.compile(r"^(?:中共|中国共产党).+委员会$|党.*委员会$|常务委员会$")

# The generic nouns a placeholder ends with, and the unit kinds they name.
_NOUNS: dict[str, tuple[UnitKind, ...]] = {
    "党委": (UnitKind.committee,),
    "党(工)委": (UnitKind.committee, UnitKind.working_committee),
    "党工委": (UnitKind.working_committee,),
    "党组": (UnitKind.party_group,),
    "党组(党委)": (UnitKind.party_group, UnitKind.committee),
    "党委(党组)": (UnitKind.committee, UnitKind.party_group),
    "党总支": (UnitKind.general_branch,),
    "党支部": (UnitKind.branch,),
    "支部": (UnitKind.branch,),
    "党组织": (),
    "基层党组织": (),
    "纪委": (UnitKind.discipline_commission,),
    "政府": (UnitKind.government,),
    "人民政府": (UnitKind.government,),
    "办事处": (UnitKind.government,),
    "部门": (UnitKind.department,),
    "单位": (),
    "成员单位": (),
    "部门和单位": (UnitKind.department,),
    "单位和部门": (UnitKind.department,),
    "科室": (UnitKind.department,),
    "处室": (UnitKind.department,),
    "股室": (UnitKind.department,),
    "站所": (UnitKind.department,),
    "机构": (),
    "专班": (),
    "工作专班": (),
    "企业": (UnitKind.enterprise,),
    "学校": (),
    "学院": (),
    "二级学院": (),
    "院系": (),
    "系部": (),
    "村": (UnitKind.village,),
    "社区": (UnitKind.community,),
    "村(社区)": (UnitKind.village, UnitKind.community),
    "村(居)": (UnitKind.village, UnitKind.community),
    "村居": (UnitKind.village, UnitKind.community),
    "乡镇": (),
    "乡镇(街道)": (),
    "镇(街道)": (),
    "街道": (),
    "镇": (),
    "乡": (),
}

# Levels a placeholder may name before its noun (longest first in the pattern).
_LEVELS = (
    "乡镇(街道)",
    "镇(街道)",
    "乡镇、街道",
    "县(市、区)",
    "县(市区)",
    "村(社区)",
    "村(居)",
    "县市区",
    "乡镇",
    "街道",
    "村居",
    "社区",
    "园区",
    "开发区",
    "基层",
    "机关",
    "直属",
    "下属",
    "所属",
    "村",
    "镇",
    "乡",
    "级",
)

# A scope before the rest: 全区, 本县, 区直, 县直属, 市级, 校级 ...; free words (经济运行)
# may follow a scope only, so that a proper name ending in 各+noun is not taken.
_SCOPE = r"(?P<scope>(?:全|本)[省市州区县旗镇乡校院系]|[省市州区县旗]直(?:属)?|[省市州区县校院]级)"


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PATTERN = re.compile(
    rf"^(?:{_SCOPE}(?P<domain>[^各、,;()]{{0,10}}?))?"
    r"(?P<every>各|所有|全体)?"
    r"(?P<related>其他相关|其他有关|其它相关|相关|有关|其他|其它)?"
    r"(?P<every2>各)?"
    rf"(?P<level>{_alternatives(_LEVELS)})?"
    rf"(?P<noun>{_alternatives(_NOUNS)})$"
)

# Levels that are never one unit (a unit is a 乡 or a 镇, not both): a placeholder without 各.
_COMPOUND_LEVELS = frozenset({"乡镇", "乡镇(街道)", "镇(街道)", "乡镇、街道", "县(市、区)"})
_COMPOUND_LEVELS |= {"县(市区)", "县市区", "村(社区)", "村(居)", "村居"}
# Nouns that are a level themselves (各村, 各街道): the level is the noun.
_LEVEL_NOUNS = frozenset({"村", "社区", "村(社区)", "村(居)", "村居", "乡镇", "乡镇(街道)"})
_LEVEL_NOUNS |= {"镇(街道)", "街道", "镇", "乡"}


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A holder that names a set of units, not one.

    Attributes
    ----------
    text : str
        The name as written (normalised).
    which : {"every", "related", "members"}
        各/所有/全体/X直 (every unit of the set), 相关/有关 (the relevant ones,
        unnamed), 成员单位 (the members of a leading group or committee).
    levels : tuple of str
        The levels it names (乡镇, 街道, 村, 社区, 区直 ...), empty if none.
    kinds : tuple of UnitKind
        The unit kinds its noun names (党委 → committee), empty if any kind.
    noun : str
        The generic noun it ends with (党委, 部门, 单位, 专班 ...).
    """

    text: str
    which: Which
    levels: tuple[str, ...]
    kinds: tuple[UnitKind, ...]
    noun: str

    @property
    def level(self) -> str | None:
        """The level, when it names exactly one (else ``None``).

        Examples
        --------
        >>> parse_placeholder("各村(社区)").level is None, parse_placeholder("各街道").level
        (True, '街道')
        """
        return self.levels[0] if len(self.levels) == 1 else None

    @property
    def kind(self) -> UnitKind | None:
        """The unit kind, when it names exactly one (else ``None``).

        Examples
        --------
        >>> parse_placeholder("区直各部门").kind
        <UnitKind.department: 'department'>
        """
        return self.kinds[0] if len(self.kinds) == 1 else None


def _split_level(level: str) -> tuple[str, ...]:
    for sep in ("(", ")", "、"):
        level = level.replace(sep, " ")
    return tuple(level.split())


@lru_cache(maxsize=4096)
def parse_placeholder(name: str) -> Placeholder | None:
    """Return what a placeholder holder names, or ``None`` for a real unit's name.

    Parameters
    ----------
    name : str
        A holder's name as written (full-width brackets and spaces are fine).

    Examples
    --------
    >>> p = parse_placeholder("各有关部门")
    >>> p.which, p.levels, p.kind, p.noun
    ('related', (), <UnitKind.department: 'department'>, '部门')
    >>> parse_placeholder("全区经济运行各专班").noun
    '专班'
    >>> parse_placeholder("各成员单位").which
    'members'
    >>> parse_placeholder("县直单位").levels
    ('县直',)
    >>> [parse_placeholder(n) for n in ("各庄村党支部", "有关部门办公室", "乙镇党委", "部门")]
    [None, None, None, None]
    """
    text = re.sub(r"\s+", "", normalize_text(name))
    m = _PATTERN.match(text)
    if m is None:
        return None
    scope, domain, level, noun = m["scope"], m["domain"], m["level"], m["noun"]
    every = bool(m["every"] or m["every2"])
    related = bool(m["related"])
    direct = scope is not None and "直" in scope
    members = noun == "成员单位"
    if scope and domain and not (every or related or members):
        return None  # 全区经济运行专班 could be one task force: only 各 makes it a set
    compound = level in _COMPOUND_LEVELS or (level is None and noun in _COMPOUND_LEVELS)
    if not (every or related or direct or members or compound):
        return None
    levels: tuple[str, ...] = ()
    if direct:
        levels = (scope.removesuffix("属"),)
    elif level is not None and level not in ("基层", "机关", "直属", "下属", "所属"):
        levels = ("各级",) if level == "级" else _split_level(level)
    elif noun in _LEVEL_NOUNS:
        levels = _split_level(noun)
    which: Which = "members" if members else "related" if related else "every"
    return Placeholder(text, which, levels, _NOUNS[noun], "单位" if members else noun)


def is_placeholder(name: str) -> bool:
    """Whether ``name`` names a set of units (各乡镇党委), not one unit.

    Examples
    --------
    >>> [is_placeholder(n) for n in ("各街道", "相关部门", "各村(社区)", "甲村党支部")]
    [True, True, True, False]
    """
    return parse_placeholder(name) is not None


def is_collective_body(name: str, kind: UnitKind | None = None) -> bool:
    """Whether the unit ``name`` (of ``kind`` when known) is led collectively.

    The kind decides when it is known (anything but ``other``/``None``): the
    kinds of :data:`COLLECTIVE_KINDS`. Otherwise the name's ending does, from
    :data:`COLLECTIVE_ENDINGS`, and 委员会 only for a party or standing committee.

    Examples
    --------
    >>> [is_collective_body(n) for n in ("县委", "机关党支部", "党建工作领导小组", "领导班子")]
    [True, True, True, True]
    >>> [is_collective_body(n) for n in ("组织部", "区政府办公室", "县教育局", "县纪委")]
    [False, False, False, False]
    >>> is_collective_body("区发展和改革委员会"), is_collective_body("中共乙县委员会")
    (False, True)
    >>> is_collective_body("乙镇党委", UnitKind.department)
    False
    """
    if kind is not None and kind is not UnitKind.other:
        return kind in COLLECTIVE_KINDS
    text = normalize_text(name)
    if text.endswith(("纪委", "纪工委")):
        return False
    return text.endswith(COLLECTIVE_ENDINGS) or _PARTY_COMMITTEE.search(text) is not None
