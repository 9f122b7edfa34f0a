"""Recognise a quantified target in a duty's text: 增长5.5%左右, 每季度至少1次, 年底前.

A duty is *measurable* (ZG403) when its own text, its indicator or its
frequency says how much, how often or by when. :func:`find_targets` returns
the pieces of a text that do, :func:`has_target` whether there is one.

What counts (after NFKC normalisation, so full-width digits and ％ are fine):

* a **percentage**: 5.5%, 100%, 3‰, 2个百分点, 百分之九十;
* a **period**: 每月, 每季度, 每半年, 每两个月, 每学期, 按月, 逐季, 双月;
* a **bound on a number**: 至少/不少于/不低于/不超过/达到/控制在 … N (digits or
  Chinese numerals: 一 二 两 三 … 十 百 千 万);
* a **count** written in digits with a measure word: 4期, 2次, 10名, 50万元, 3个;
  or in Chinese numerals with 次/期/场/轮/批 (两次, 四期) — but not 一次性, 第一次
  or 新一轮, and never Chinese numerals with 个 alone, which are slogans
  (两个责任, 四个意识, 三会一课 are not targets);
* a **deadline**: 2024年6月底前, 6月30日前, 年底前, 上半年, 年内完成, 2025年底;
* **全覆盖** (full coverage, 100 % by another name).

Examples
--------
>>> find_targets("地区生产总值增长5.5%左右")
['5.5%']
>>> has_target("每季度至少1次专题研究"), has_target("落实“三会一课”制度")
(True, False)
>>> has_target("2024年6月底前完成"), has_target("2024年度党建工作")
(True, False)
"""

from __future__ import annotations

import re

from zeren_graph.vocab import normalize_text

__all__ = ["find_targets", "has_target"]

_CN = "零〇一二两三四五六七八九十百千万"
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN}]+)"
_UNIT = "次|期|场|轮|批|个|项|名|人次|人|篇|件|家|所|户|天|小时|学时|课时|万元|亿元|元"
_PERIOD = r"(?:年度|半年|季度|年|季|月|旬|周|星期|天|日|学期|学年)"

_PATTERNS = (
    # percentages and points
    r"\d+(?:\.\d+)?\s*(?:%|‰|个百分点)",
    rf"百分之[{_CN}\d.点]+",
    # periods: 每月, 每季度, 每半年, 每两个月, 每2周; 按月, 逐季; 双月, 半月
    rf"每(?:[{_CN}\d]+个?)?{_PERIOD}",
    r"(?:按|逐)(?:半年|季度|年度|季|月|周|旬)",
    r"(?<![一二三四五六七八九十\d])(?:双月|半月)(?!刊)",
    # a bound on a number (digits or Chinese numerals)
    (
        rf"(?:至少|最少|不少于|不低于|不超过|不多于|不高于|不超|达到|达|超过|控制在|保持在|"
        rf"提高到|提升到|降低到|降至|低于|高于)\s*{_NUM}\s*(?:%|‰|{_UNIT})?"
    ),
    rf"{_NUM}\s*(?:次|期|个|项|名|人)?(?:以上|以内|及以上|左右)",
    # counts in digits with a measure word (not an ordinal 第3次, not a year 2024年)
    (
        r"(?<![第\d.])\d+(?:\.\d+)?\s*(?:次|期|场|轮|批|个|项|名|人次|人|篇|件|家|所|户|座|"
        r"条|套|份|台|处|支|万元|亿元|元|万|亿|天|小时|学时|课时|分钟|公里|平方米|亩|倍|分)"
    ),
    # counts in Chinese numerals with a measure word of repetition
    rf"(?<![第新再每])[{_CN}]+\s*(?:次|期|场|轮|批)(?!性)",
    # deadlines
    (
        r"(?:\d{4}|[二〇零一三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
        r"(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|以前|之前|完成|止)?"
    ),
    r"(?:\d{4}|[二〇零一三四五六七八九]{4})年(?:底|末|内|前|年底|上半年|下半年)",
    r"(?<!\d)\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|以前|之前)",
    r"(?:截至|截止到?)\s*\d{1,4}",
    r"(?:年底|年末|年中|月底|月末|季末|季度末)(?:前|以前|之前)",
    r"(?:年内|当年|上半年|下半年|[一二三四]季度)(?:完成|实现|建成|达到|全部)",
    # full coverage
    r"全覆盖",
)
_TARGET = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def find_targets(text: str | None) -> list[str]:
    """Return the pieces of ``text`` that state a quantified target, in order.

    Examples
    --------
    >>> find_targets("支部书记每年讲党课不少于1次,覆盖率达到100%")
    ['每年', '不少于1次', '达到100%']
    >>> find_targets("全年开展四期培训"), find_targets("6月30日前报送")
    (['四期'], ['6月30日前'])
    >>> find_targets("强化“两个责任”,增强“四个意识”"), find_targets(None)
    ([], [])
    """
    if not text:
        return []
    return [m.group(0) for m in _TARGET.finditer(normalize_text(text))]


def has_target(text: str | None) -> bool:
    """Whether ``text`` states a quantified target (see the module's list).

    Examples
    --------
    >>> has_target("每月必问、每季必查"), has_target("一次性告知"), has_target("长期坚持")
    (True, False, False)
    """
    return bool(text) and _TARGET.search(normalize_text(text or "")) is not None
