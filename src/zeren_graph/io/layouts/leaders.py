r"""Leader cells: 区委常委、组织部长陈红梅 is the post 区委常委、组织部长 held by 陈红梅.

A leader column (责任领导, 分管领导, 责任人 …) writes a post, a post and a name
fused, or a name alone. Rules of :func:`parse_leaders` (one cell, any number of
leaders) and :func:`parse_leader` (one leader):

1. **Leaders** are cut on ； ; ， , / and line breaks (outside brackets), then on 、
   by grouping: 、-joined posts followed by a name are one person's posts
   (党工委副书记、办事处主任王磊); a part that ends with a name closes a leader
   (区长王明、副区长刘洋 → two); a part that is only a name is a leader of its own
   (张伟、李强 → two). Spaces cut only between complete leaders each written
   as post and name (部长 王凯 副部长 刘畅 → two).
2. **A name** is 2–4 Chinese characters: a surname of
   :data:`~zeren_graph.io.layouts._words.SURNAMES` and 1–2 given characters, or a
   compound surname of :data:`~zeren_graph.io.layouts._words.COMPOUND_SURNAMES`
   (欧阳, 司马 …) and 1–2 given characters; it does not end in a post-title ending
   or a unit's last character (部, 局, 委, 镇 …).
3. **A post and a name** are told apart only where a post-title ending of
   :data:`~zeren_graph.io.layouts._words.TITLE_ENDINGS` (书记, 部长, 主任, 委员 …)
   is followed directly — or after spaces or a colon — by a name and nothing
   else: 组织部长陈红梅, 部长 王凯. The forms 陈红梅（县委常委、组织部长）,
   县委常委、组织部长（陈红梅） and 陈红梅 县委常委、组织部长 are read too.
4. **Certainty.** An entry is certain when the text splits in exactly one way
   into post and name; when it is a single post ending in a title (区委书记);
   or when its nameless posts are ranks or deputy posts and a post (区委常委、
   组织部长; 镇党委副书记、镇长 — :data:`~zeren_graph.io.layouts._words.RANK_ENDINGS`).
   It is
   *not* certain (``certain=False``, with a ``reason``) when a name stands alone
   (a surname guess: 高城 could be a town), when there are two ways to split,
   when nameless posts could be one leader or several (区委书记、区长), or when no
   title ending is found (学院党委, 心理健康教育中心). Then the whole text stays the
   post and no person is named: **no word is ever cut in half**.
5. Nothing is lost or invented: each entry's ``post`` and ``person`` together are
   its ``text`` without the spaces, brackets or colon between them, and the
   entries' texts are the cell without the separators between leaders.

Examples
--------
>>> e = parse_leader("县委常委、组织部长陈红梅")
>>> e.post, e.person, e.certain
('县委常委、组织部长', '陈红梅', True)
>>> [(e.post, e.person) for e in parse_leaders("区长王明、副区长刘洋")]
[('区长', '王明'), ('副区长', '刘洋')]
>>> e = parse_leader("学院党委")
>>> e.post, e.person, e.certain, e.reason
('学院党委', '', False, 'no post title ending; names a unit, not a post')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zeren_graph.holders import is_placeholder
from zeren_graph.io.layouts._words import (
    COMPOUND_SURNAMES,
    RANK_ENDINGS,
    SURNAMES,
    TITLE_ENDINGS,
    UNIT_END_CHARS,
)
from zeren_graph.io.layouts.cells import split_outside_brackets
from zeren_graph.io.text import clean

__all__ = ["LEADER_SEPARATORS", "LeaderEntry", "is_person_name", "parse_leader", "parse_leaders"]

#: Characters cutting a leader cell into leaders (、 is handled by grouping).
LEADER_SEPARATORS = "，,；;/／\n\r\u2028\u2029"

_HAN = re.compile("[\u3400-\u9fff]+")
_NAME_THEN_POST = re.compile(
    r"^(?P<name>\S{2,4})(?:\s*\((?P<inner>[^()]+)\)|[\s:]+(?P<post>\S.*))$"
)
_POST_THEN_NAME = re.compile(r"^(?P<post>\S.*?)\s*\((?P<name>[^()]{2,4})\)$")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$")
_GAP = " :"


@dataclass(frozen=True, slots=True)
class LeaderEntry:
    """One leader named in a cell: a post (岗位), the person holding it (责任人), or both.

    Attributes
    ----------
    post : str
        The post as written (区委常委、组织部长), ``""`` when only a name is given.
    person : str
        The person's name (陈红梅), ``""`` when none is named or the split is unsure.
    certain : bool
        Whether the reading is sure; when not, ``post`` is the whole text (or the
        lone name is in ``person``) and ``reason`` says why.
    text : str
        The entry's text as written, normalised.
    reason : str
        Why the reading is not certain (``""`` when it is).
    """

    post: str
    person: str
    certain: bool
    text: str
    reason: str = field(default="", repr=False)


def is_person_name(text: str) -> bool:
    """Whether ``text`` reads as a person's name (rule 2 of the module docstring).

    Examples
    --------
    >>> [is_person_name(t) for t in ("陈红梅", "欧阳晓", "褚秀兰", "何静", "欧阳")]
    [True, True, True, True, False]
    >>> [is_person_name(t) for t in ("常委", "区长", "高城镇", "王凯同志", "党委")]
    [False, False, False, False, False]
    """
    n = len(text)
    if not 2 <= n <= 4 or _HAN.fullmatch(text) is None:
        return False
    if text[-1] in UNIT_END_CHARS or text.endswith(TITLE_ENDINGS):
        return False
    if text[:2] in COMPOUND_SURNAMES:
        return n >= 3
    return text[0] in SURNAMES and n <= 3


def _ends_with_title(text: str) -> bool:
    return _TRAILING_NOTE.sub("", text).endswith(TITLE_ENDINGS)


def _tail_splits(text: str) -> list[tuple[str, str]]:
    """Every (post, name) such that ``text`` is a post ending in a title, then a name."""
    found: list[tuple[str, str]] = []
    for n in (2, 3, 4):
        if len(text) <= n:
            break
        name, head = text[-n:], text[:-n].rstrip(_GAP)
        if head and is_person_name(name) and head.endswith(TITLE_ENDINGS):
            found.append((head, name))
    return found


def _has_inner_name(post: str) -> bool:
    """Whether a post holds a further leader (部长 王凯 副部长): then it is not one post."""
    tokens = post.split()
    return len(tokens) > 1 and any(is_person_name(t) or _tail_splits(t) for t in tokens)


def _unsure(text: str, reason: str) -> LeaderEntry:
    return LeaderEntry(text, "", False, text, reason)


def _no_title_reason(text: str) -> str:
    if is_placeholder(text):
        return "no post title ending; a placeholder (各…), not a post"
    if text[-1] in UNIT_END_CHARS:
        return "no post title ending; names a unit, not a post"
    return "no post title ending"


def _named_form(text: str) -> LeaderEntry | None:
    """Read 陈红梅（组织部长）, 陈红梅 组织部长, 组织部长（陈红梅） and 组织部长陈红梅."""
    m = _NAME_THEN_POST.match(text)
    if m is not None and is_person_name(m["name"]):
        post = (m["inner"] or m["post"]).strip()
        if _ends_with_title(post) and not _has_inner_name(post):
            return LeaderEntry(post, m["name"], True, text)
    m = _POST_THEN_NAME.match(text)
    if m is not None and is_person_name(m["name"]) and _ends_with_title(m["post"]):
        return LeaderEntry(m["post"], m["name"], True, text)
    splits = _tail_splits(text)
    if len(splits) > 1:
        return _unsure(text, "several ways to split post and name")
    if splits and not _has_inner_name(splits[0][0]):
        return LeaderEntry(splits[0][0], splits[0][1], True, text)
    return None


def _group(parts: list[str]) -> LeaderEntry:
    """One leader from nameless parts joined by 、 (区委常委、组织部长)."""
    text = "、".join(parts)
    if not all(_ends_with_title(p) for p in parts):
        bad = next(p for p in parts if not _ends_with_title(p))
        return _unsure(text, _no_title_reason(bad))
    if len(parts) > 1 and not all(p.endswith(RANK_ENDINGS) for p in parts[:-1]):
        return _unsure(text, "several posts without a name: one leader or several")
    return LeaderEntry(text, "", True, text)


def _closed(group: list[str], last: LeaderEntry) -> LeaderEntry:
    """Return the leader ``group`` 、 ``last``, where ``last`` ends with a name."""
    text = "、".join([*group, last.text])
    if not last.certain or not all(_ends_with_title(p) for p in group):
        return _unsure(text, last.reason or "a part without post title before a name")
    return LeaderEntry("、".join([*group, last.post]), last.person, True, text)


def _spaced(text: str) -> list[LeaderEntry] | None:
    """Read leaders written apart by spaces (部长 王凯 副部长 刘畅), else ``None``."""
    tokens = text.split()
    entries: list[LeaderEntry] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _ends_with_title(token) and is_person_name(after):
            entries.append(LeaderEntry(token, after, True, f"{token} {after}"))
            i += 2
            continue
        named = _named_form(token)
        if named is None or not named.certain or "、" in token:
            return None
        entries.append(named)
        i += 1
    return entries if len(entries) > 1 else None


def _chunk(text: str) -> list[LeaderEntry]:
    """Return the leaders of a text without ； ， or line breaks."""
    if " " in text and (spaced := _spaced(text)) is not None:
        return spaced
    whole = _named_form(text)
    if whole is not None and whole.certain and not text.endswith(whole.person):
        # the name first (陈红梅 县委常委、组织部长): its posts are cut by 、 too
        parts, _, _ = split_outside_brackets(whole.post, "、")
        if all(_ends_with_title(p) and _named_form(p) is None for p in parts):
            return [whole]
    parts, _, _ = split_outside_brackets(text, "、")
    entries: list[LeaderEntry] = []
    group: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        named = _named_form(part)
        if named is not None:
            entries.append(_closed(group, named))
            group = []
        elif is_person_name(part):
            if group:
                entries.append(_group(group))
                group = []
            entries.append(LeaderEntry("", part, False, part, "a name without post"))
        else:
            group.append(part)
    if group:
        entries.append(_group(group))
    return entries


def parse_leaders(cell: str) -> tuple[LeaderEntry, ...]:
    """Return every leader named in a cell (rules in the module docstring).

    Parameters
    ----------
    cell : str
        The cell as read (not normalised).

    Returns
    -------
    tuple of LeaderEntry
        In the order written; empty for a blank cell.

    Examples
    --------
    >>> [(e.post, e.person) for e in parse_leaders("区委常委、组织部长陈红梅；副区长刘峰")]
    [('区委常委、组织部长', '陈红梅'), ('副区长', '刘峰')]
    >>> [(e.person, e.certain) for e in parse_leaders("张伟、李强")]
    [('张伟', False), ('李强', False)]
    >>> parse_leaders("陈红梅（县委常委、组织部长）")[0].post
    '县委常委、组织部长'
    >>> e = parse_leaders("区委书记、区长")[0]
    >>> e.post, e.certain, e.reason
    ('区委书记、区长', False, 'several posts without a name: one leader or several')
    """
    pieces, _, _ = split_outside_brackets(cell, LEADER_SEPARATORS)
    entries: list[LeaderEntry] = []
    for piece in pieces:
        text = clean(piece)
        if text:
            entries.extend(_chunk(text))
    return tuple(entries)


def parse_leader(cell: str) -> LeaderEntry | None:
    """Return the one leader a cell names; the whole cell, unsure, if it names several.

    Parameters
    ----------
    cell : str
        The cell as read (not normalised).

    Returns
    -------
    LeaderEntry or None
        ``None`` for a blank cell. A cell naming several leaders gives one entry
        whose post is the whole text, not certain: use :func:`parse_leaders`.

    Examples
    --------
    >>> e = parse_leader("区委常委、常务副区长欧阳晓")
    >>> e.post, e.person, e.certain
    ('区委常委、常务副区长', '欧阳晓', True)
    >>> parse_leader("区委书记")
    LeaderEntry(post='区委书记', person='', certain=True, text='区委书记')
    >>> parse_leader("陈红梅 县委常委、组织部长").person
    '陈红梅'
    >>> parse_leader("区长王明、副区长刘洋").certain
    False
    >>> parse_leader("")
    """
    entries = parse_leaders(cell)
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    return _unsure(clean(cell), "several leaders in one cell")
