"""Context outside the table: the unit, year and kind named in a title row or sheet name.

Rules of :func:`title_context`:

1. The text is normalised (:func:`~zeren_graph.io.text.clean`) and its spaces
   removed; a leading 附件1： is dropped. Text over 80 characters, or holding
   sentence punctuation (。 ； ; ！ ? ， , or a colon), is not a title: ``None``.
2. A **notice** "X关于印发《Y》的通知" is read through: its title is Y, and its
   issuer is X when X is written, else Y's own. Brackets 《》 around a whole title
   are dropped.
3. A leading **中共** / 中国共产党 is dropped (中共随县县委组织部 → 随县县委组织部). A
   trailing note in brackets ((试行), (2023版), (修订)) is dropped; a year in it is
   the year when the title has none.
4. **Kind**: the longest of :data:`~zeren_graph.io.layouts._words.DOCUMENT_KINDS`
   the title ends with (主体责任清单 before 责任清单).
5. **Year**: the first 19xx/20xx (or 二〇二四) followed by 年 or 年度 and not by a
   month (2024年1月 is a date, not a title's year). The issuer is what stands
   before it and the topic what stands between it and the kind; a title that
   starts with its year (2024年度XX局工作要点) takes its issuer after the year, as
   in rule 6.
6. Without a year, the issuer is the longest beginning that ends like a unit
   and is followed by a topic word (党建, 全面从严治党, 重点, 落实 …) or by the kind;
   the rest is the topic.
7. An **issuer** ends with a unit's last character
   (:data:`~zeren_graph.io.layouts._words.UNIT_END_CHARS`: 局, 部, 委, 区, 镇,
   部门 …), has at most 30 characters, and is not a column header (牵头单位,
   配合部门, 责任单位 …). Otherwise there is none.
8. Without kind, the text must be an issuer alone, with at most a year: a sheet
   named 组织部 gives issuer 组织部. A text with neither issuer, year nor kind —
   or with words left over beside them (说明, 工作任务, Sheet1) — gives ``None``.

Examples
--------
>>> title_context("XX局2024年度党建工作责任清单")
TitleContext(issuer='XX局', year=2024, kind='责任清单', text='XX局2024年度党建工作责任清单')
>>> c = title_context("中共随县县委组织部2023年度全面从严治党主体责任清单")
>>> c.issuer, c.year, c.kind, c.topic
('随县县委组织部', 2023, '主体责任清单', '全面从严治党')
>>> title_context("组织部"), title_context("说明")
(TitleContext(issuer='组织部', year=None, kind=None, text='组织部'), None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zeren_graph.io.layouts._words import DOCUMENT_KINDS, UNIT_END_CHARS
from zeren_graph.io.text import clean

__all__ = ["TitleContext", "title_context"]

_MAX_TITLE = 80
_MAX_ISSUER = 30
_ZH_YEAR = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))

_SPACES = re.compile(r"\s+")
_NOT_TITLE = re.compile("[。；;！!？?，,:]")
_ATTACHMENT = re.compile(r"^附件[0-9一二三四五六七八九十]*[:：]?")
_NOTICE = re.compile(
    r"^(?P<issuer>.*?)关于(?:印发|下发|转发|调整|公布)?《?(?P<inner>.+?)》?的?"
    r"(?:通知|决定|意见|函|批复)$"
)
_QUOTED = re.compile(r"^《(?P<inner>[^《》]+)》$")
_PARTY = re.compile(r"^(?:中共|中国共产党)")
_NOTE = re.compile(r"\((?P<note>[^()]*(?:试行|修订|版|草案|稿|年)[^()]*)\)$")
_KIND = re.compile(
    "(?:" + "|".join(re.escape(k) for k in sorted(DOCUMENT_KINDS, key=len, reverse=True)) + ")$"
)
_YEAR = re.compile(
    r"(?P<year>(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})"
    r"(?:[-—–~～至到](?:19|20)?[0-9]{2})?年度?(?![0-9]{1,2}月)"
)
_NOTE_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_TOPIC = re.compile(
    "全面从严治党|从严治党|党风廉政|党建|意识形态|落实|重点|年度|基层|机关党|主体责任|"
    "工作|目标|考核|关于"
)
_HEADER_WORDS = re.compile(r"^(?:牵头|配合|协同|协作|参与|责任|督办|督查|监督|主要|其他|序号)")
_GENERIC = frozenset({"单位", "部门", "机关", "办公室", "领导小组"})


@dataclass(frozen=True, slots=True)
class TitleContext:
    """What a title row or sheet name says about the list below it.

    Attributes
    ----------
    issuer : str or None
        The unit the title names (XX局, 随县县委组织部), without 中共.
    year : int or None
        The year the list is for (2024年度 → 2024).
    kind : str or None
        The kind of document (责任清单, 任务分工, 目标责任书 …).
    text : str
        The title as written, normalised.
    topic : str
        The words between year (or issuer) and kind (党建工作), ``""`` if none.
    """

    issuer: str | None
    year: int | None
    kind: str | None
    text: str
    topic: str = field(default="", repr=False)


def _year(text: str) -> int:
    return int("".join(_ZH_YEAR.get(ch, ch) for ch in text))


def _issuer(text: str) -> str | None:
    """``text`` if it reads as the name of a unit (rule 7), else ``None``."""
    if (
        not text
        or len(text) > _MAX_ISSUER
        or text[-1] not in UNIT_END_CHARS
        or text in _GENERIC
        or _HEADER_WORDS.match(text)
    ):
        return None
    return text


def _split_issuer(body: str) -> tuple[str | None, str]:
    """Split a title without year into issuer and topic (rule 6)."""
    if _issuer(body):
        return body, ""
    for m in reversed(list(_TOPIC.finditer(body))):
        head = body[: m.start()]
        if _issuer(head):
            return head, body[m.start() :]
    return None, body


def _unwrap(text: str) -> tuple[str, str | None]:
    """Read a notice through (rule 2): the inner title and the notice's issuer."""
    m = _NOTICE.match(text)
    if m is not None:
        return m["inner"], _issuer(_PARTY.sub("", m["issuer"]))
    m = _QUOTED.match(text)
    return (m["inner"], None) if m is not None else (text, None)


def title_context(text: str) -> TitleContext | None:
    """Return the issuer, year and kind a title row or sheet name gives, or ``None``.

    Rules in the module docstring.

    Parameters
    ----------
    text : str
        A title row's text or a sheet's name, as read.

    Returns
    -------
    TitleContext or None
        ``None`` when the text does not read as a title or a unit's name.

    Examples
    --------
    >>> def read(text):
    ...     c = title_context(text)
    ...     return None if c is None else (c.issuer, c.year, c.kind)
    >>> read("党工委统战部门2020年度目标责任书")
    ('党工委统战部门', 2020, '目标责任书')
    >>> read("区委2024年党建重点任务分工")
    ('区委', 2024, '任务分工')
    >>> read("关于印发《随南区2024年党建工作要点》的通知")
    ('随南区', 2024, '工作要点')
    >>> read("中共随县厉山镇委员会关于印发《厉山镇2024年任务清单》的通知")
    ('随县厉山镇委员会', 2024, '任务清单')
    >>> read("组织部（2023版）"), read("目标责任书")
    (('组织部', 2023, None), (None, None, '目标责任书'))
    >>> [read(t) for t in ("工作任务", "Sheet1", "随县教育局党组　2024年1月")]
    [None, None, None]
    """
    written = clean(text)
    title = _ATTACHMENT.sub("", _SPACES.sub("", written))
    if not title or len(title) > _MAX_TITLE or _NOT_TITLE.search(title):
        return None
    title, notice_issuer = _unwrap(title)
    title = _PARTY.sub("", title)
    note_year: int | None = None
    m = _NOTE.search(title)
    if m is not None:
        found = _NOTE_YEAR.search(m["note"])
        note_year = int(found.group()) if found else None
        title = title[: m.start()]
    kind_m = _KIND.search(title)
    kind = kind_m.group() if kind_m else None
    body = title[: kind_m.start()] if kind_m else title
    year_m = _YEAR.search(body)
    if year_m is not None:
        issuer, topic = _issuer(body[: year_m.start()]), body[year_m.end() :]
        if not body[: year_m.start()]:  # 2024年度XX局工作要点: the issuer follows the year
            issuer, topic = _split_issuer(topic)
        year: int | None = _year(year_m["year"])
    else:
        (issuer, topic), year = _split_issuer(body), note_year
    issuer = notice_issuer or issuer
    if kind is None and (topic or issuer is None):
        return None
    return TitleContext(issuer, year, kind, written, topic)
