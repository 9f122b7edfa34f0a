"""Cell parsers of the layouts: holders, leaders, titles and numbered items (issue 7)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from zeren_graph.io.layouts import (
    COMPOUND_SURNAMES,
    SURNAMES,
    TITLE_ENDINGS,
    HolderSplit,
    LeaderEntry,
    chinese_number,
    is_person_name,
    parse_holders,
    parse_leader,
    parse_leaders,
    split_holders,
    split_numbered,
    split_outside_brackets,
    title_context,
)
from zeren_graph.io.text import clean

PUBLISHED = Path(__file__).parents[2] / "scenarios" / "lists" / "published"

# --------------------------------------------------------------------------------------
# split_holders
# --------------------------------------------------------------------------------------

HOLDER_CELLS = [
    # the published samples (区委, 县直机关党工委, 学院, 街道, 镇党委)
    ("区委组织部、区纪委监委", ("区委组织部", "区纪委监委")),
    ("区委党校、团区委、各乡镇党委", ("区委党校", "团区委", "各乡镇党委")),
    ("区委编办，区人社局", ("区委编办", "区人社局")),
    ("区财政局，区审计局", ("区财政局", "区审计局")),
    ("区委组织部、区直各部门", ("区委组织部", "区直各部门")),
    ("区纪委监委、区委组织部、区审计局", ("区纪委监委", "区委组织部", "区审计局")),
    ("区人社局、区科技局、区教育局、区卫健局", ("区人社局", "区科技局", "区教育局", "区卫健局")),
    ("区委党建工作领导小组", ("区委党建工作领导小组",)),
    ("各县直单位党组（党委）", ("各县直单位党组(党委)",)),
    ("各县直单位党组织、各社区党组织", ("各县直单位党组织", "各社区党组织")),
    ("各县直单位机关党委（总支、支部）", ("各县直单位机关党委(总支、支部)",)),
    ("工委办公室、工委组织科", ("工委办公室", "工委组织科")),
    ("学生工作部、团委", ("学生工作部", "团委")),
    ("党委办公室、保卫处", ("党委办公室", "保卫处")),
    ("招生就业处、后勤处、资产处", ("招生就业处", "后勤处", "资产处")),
    ("财政所、统计站", ("财政所", "统计站")),
    ("各社区、派出所、安监中队", ("各社区", "派出所", "安监中队")),
    ("城建办、各社区", ("城建办", "各社区")),
    ("镇党建办、各村（社区）党组织", ("镇党建办", "各村(社区)党组织")),
    ("厉山工业园联合党支部，县委两新工委", ("厉山工业园联合党支部", "县委两新工委")),
    ("镇党建办、烈山社区、青龙村、石桥村", ("镇党建办", "烈山社区", "青龙村", "石桥村")),
    # the cells of the brief and issue 7
    ("区委组织部、区委宣传部，各乡镇党委", ("区委组织部", "区委宣传部", "各乡镇党委")),
    ("区发改局（牵头）、区财政局", ("区发改局(牵头)", "区财政局")),
    ("县委办、县政府办\n县纪委监委", ("县委办", "县政府办", "县纪委监委")),
    ("县委办、县政府办\r\n县纪委监委", ("县委办", "县政府办", "县纪委监委")),
    ("各镇（街道）党（工）委", ("各镇(街道)党(工)委",)),
    ("各相关单位", ("各相关单位",)),
    ("立山经济开发区,全区经济运行各专班", ("立山经济开发区", "全区经济运行各专班")),
    ("党委办公室/宣传部", ("党委办公室", "宣传部")),
    ("区委办；区政府办;区人大办", ("区委办", "区政府办", "区人大办")),
    ("  区委办 、　区政府办　", ("区委办", "区政府办")),
    ("区委办、、区政府办、", ("区委办", "区政府办")),
    ("区委办、区政府办、区委办", ("区委办", "区政府办")),
    ("ＸＸ局、ＹＹ局", ("XX局", "YY局")),
    ("《条例》宣讲团、“红色物业”专班", ("《条例》宣讲团", "“红色物业”专班")),
    (
        "“一村一策”工作组【试点、推广】、区农业农村局",
        ("“一村一策”工作组【试点、推广】", "区农业农村局"),
    ),
    ("市委组织部等", ("市委组织部",)),
    ("区财政局、区审计局等部门", ("区财政局", "区审计局")),
    ("区教育局等3个单位", ("区教育局",)),
    ("区委组织部及各乡镇党委", ("区委组织部及各乡镇党委",)),
    ("", ()),
    ("、，；", ()),
]


@pytest.mark.parametrize(("cell", "parts"), HOLDER_CELLS)
def test_split_holders_reads_real_cells(cell: str, parts: tuple[str, ...]) -> None:
    assert split_holders(cell) == parts


def test_parse_holders_records_what_was_split() -> None:
    split = parse_holders("区委编办，区人社局、区人社局\n区财政局等")
    assert split == HolderSplit(
        "区委编办,区人社局、区人社局\n区财政局等",
        ("区委编办", "区人社局", "区财政局"),
        ("，", "、", "\n"),
        ("区财政局等",),
        ("区人社局",),
    )
    assert split.was_split
    assert split.describe() == (
        'split on "，" "、" "\\n" into 3 holders; repeated: 区人社局; open list (等): 区财政局等'
    )


def test_parse_holders_names_the_placeholders_with_holders_module() -> None:
    split = parse_holders("区委组织部、各乡镇党委、区直各部门、各庄村党支部")
    assert split.placeholders == ("各乡镇党委", "区直各部门")


@pytest.mark.parametrize(
    ("cell", "parts"),
    [
        ("区委组织部（牵头、区财政局", ("区委组织部(牵头、区财政局",)),
        ("区委办）、区政府办", ("区委办)", "区政府办")),
    ],
)
def test_unbalanced_brackets_are_recorded(cell: str, parts: tuple[str, ...]) -> None:
    split = parse_holders(cell)
    assert split.parts == parts
    assert split.unbalanced
    assert "brackets do not pair up" in split.describe()


def test_one_holder_is_not_a_split() -> None:
    split = parse_holders("区委组织部")
    assert not split.was_split
    assert split.separators == ()
    assert split.describe() == ""


def test_split_outside_brackets_keeps_straight_quotes_whole() -> None:
    assert split_outside_brackets('"甲、乙"、丙', "、") == (['"甲、乙"', "丙"], ["、"], False)


_CHARS = "区县委办局部镇党组织各乡街道社村（）()【】“”《》、，,；;/\n 等相关单位XＡ"


@given(st.text(alphabet=_CHARS, max_size=40))
def test_holder_parts_are_clean_distinct_and_unsplittable(cell: str) -> None:
    parts = split_holders(cell)
    assert len(set(parts)) == len(parts)
    for part in parts:
        assert part
        assert part == clean(part)
        pieces, _, _ = split_outside_brackets(part, "、，,；;/\n")
        assert len(pieces) == 1


@given(
    st.lists(
        st.sampled_from(["区委办", "区政府办", "各乡镇党委", "各镇(街道)党(工)委"]), max_size=6
    )
)
def test_joined_holders_split_back(names: list[str]) -> None:
    expected = tuple(dict.fromkeys(names))
    for sep in ("、", "，", ";", "\n"):
        assert split_holders(sep.join(names)) == expected


# --------------------------------------------------------------------------------------
# parse_leaders
# --------------------------------------------------------------------------------------

LEADER_CELLS = [
    # 区委2024年党建重点任务分工.docx
    ("区委常委、组织部长陈红梅", [("区委常委、组织部长", "陈红梅")]),
    ("区委常委、宣传部长李志远", [("区委常委、宣传部长", "李志远")]),
    ("区委常委、区纪委书记、区监委主任张建军", [("区委常委、区纪委书记、区监委主任", "张建军")]),
    (
        "区委常委、组织部长陈红梅；副区长刘峰",
        [("区委常委、组织部长", "陈红梅"), ("副区长", "刘峰")],
    ),
    ("区委常委、常务副区长欧阳晓", [("区委常委、常务副区长", "欧阳晓")]),
    ("区委常委、区委办主任王海", [("区委常委、区委办主任", "王海")]),
    ("区委常委、统战部长赵雅琴", [("区委常委、统战部长", "赵雅琴")]),
    ("区委副书记孙立平", [("区委副书记", "孙立平")]),
    ("区委书记", [("区委书记", "")]),
    ("区委组织部副部长", [("区委组织部副部长", "")]),
    # 县直机关党工委2023年目标责任书.xls
    ("工委书记韦国强", [("工委书记", "韦国强")]),
    ("工委专职副书记林芳", [("工委专职副书记", "林芳")]),
    ("纪工委书记江涛", [("纪工委书记", "江涛")]),
    # 学院各部门党建任务.xlsx
    ("主任何静", [("主任", "何静")]),
    ("副主任罗敏", [("副主任", "罗敏")]),
    ("科员汪洋", [("科员", "汪洋")]),
    ("部长王凯", [("部长", "王凯")]),
    ("组织员张悦", [("组织员", "张悦")]),
    ("部长黄磊", [("部长", "黄磊")]),
    # 街道2024年重点工作任务.csv
    ("党工委副书记、办事处主任王磊", [("党工委副书记、办事处主任", "王磊")]),
    ("党工委委员、办事处副主任陈亮", [("党工委委员、办事处副主任", "陈亮")]),
    ("党工委书记刘洪波", [("党工委书记", "刘洪波")]),
    ("党工委委员、宣传委员周琳", [("党工委委员、宣传委员", "周琳")]),
    ("党工委委员、纪工委书记孙洁", [("党工委委员、纪工委书记", "孙洁")]),
    # 镇党委落实责任清单.txt and 乡镇党委主体责任清单.xlsx
    ("镇党委委员、组织委员褚秀兰", [("镇党委委员、组织委员", "褚秀兰")]),
    ("镇党委委员、纪委书记卫东", [("镇党委委员、纪委书记", "卫东")]),
    ("镇党委副书记、镇长", [("镇党委副书记、镇长", "")]),
    ("班子其他成员", [("班子其他成员", "")]),
    # forms of the brief
    ("陈红梅（县委常委、组织部长）", [("县委常委、组织部长", "陈红梅")]),
    ("陈红梅(县委常委、组织部长)", [("县委常委、组织部长", "陈红梅")]),
    ("陈红梅 县委常委、组织部长", [("县委常委、组织部长", "陈红梅")]),
    ("陈红梅：县委常委、组织部长", [("县委常委、组织部长", "陈红梅")]),
    ("县委常委、组织部长（陈红梅）", [("县委常委、组织部长", "陈红梅")]),
    ("县委常委、组织部长 陈红梅", [("县委常委、组织部长", "陈红梅")]),
    ("组织部长：陈红梅", [("组织部长", "陈红梅")]),
    ("区长王明、副区长刘洋", [("区长", "王明"), ("副区长", "刘洋")]),
    ("区长王明，副区长刘洋\n区委书记", [("区长", "王明"), ("副区长", "刘洋"), ("区委书记", "")]),
    ("部长 王凯 副部长 刘畅", [("部长", "王凯"), ("副部长", "刘畅")]),
    ("陈红梅（组织部长）、李强（副区长）", [("组织部长", "陈红梅"), ("副区长", "李强")]),
    ("司马南（县委书记）", [("县委书记", "司马南")]),
    ("县长诸葛亮", [("县长", "诸葛亮")]),
    ("校长欧阳晓明", [("校长", "欧阳晓明")]),
    ("副镇长（挂职）", [("副镇长(挂职)", "")]),
]


@pytest.mark.parametrize(("cell", "expected"), LEADER_CELLS)
def test_parse_leaders_reads_real_cells(cell: str, expected: list[tuple[str, str]]) -> None:
    entries = parse_leaders(cell)
    assert [(e.post, e.person) for e in entries] == expected
    assert all(e.certain and not e.reason for e in entries)


UNSURE_CELLS = [
    ("学院党委", "学院党委", "names a unit"),
    ("心理健康教育中心", "心理健康教育中心", "names a unit"),
    ("马克思主义学院党总支", "马克思主义学院党总支", "names a unit"),
    ("各二级学院党总支", "各二级学院党总支", "names a unit"),
    ("各相关单位", "各相关单位", "placeholder"),
    ("区委书记、区长", "区委书记、区长", "one leader or several"),
    ("区委常委、组织部长陈红梅同志", "区委常委、组织部长陈红梅同志", "no post title"),
    ("部长王凯丽娜华", "部长王凯丽娜华", "no post title"),
    ("区发改局、局长王明", "区发改局、局长王明", "without post title"),
    ("待定", "待定", "no post title"),
]


@pytest.mark.parametrize(("cell", "post", "reason"), UNSURE_CELLS)
def test_unsure_cells_stay_whole_as_the_post(cell: str, post: str, reason: str) -> None:
    (entry,) = parse_leaders(cell)
    assert (entry.post, entry.person, entry.certain) == (post, "", False)
    assert reason in entry.reason


def test_lone_names_are_persons_but_not_certain() -> None:
    entries = parse_leaders("张伟、李强")
    assert [(e.post, e.person, e.certain) for e in entries] == [
        ("", "张伟", False),
        ("", "李强", False),
    ]
    assert entries[0].reason == "a name without post"


def test_parse_leader_gives_one_entry_or_the_whole_unsure() -> None:
    assert parse_leader("副区长刘峰") == LeaderEntry("副区长", "刘峰", True, "副区长刘峰")
    several = parse_leader("区长王明、副区长刘洋")
    assert several is not None
    assert (several.post, several.person, several.certain) == ("区长王明、副区长刘洋", "", False)
    assert several.reason == "several leaders in one cell"
    assert parse_leader(" \u3000") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("陈红梅", True),
        ("欧阳晓", True),
        ("欧阳晓明", True),
        ("褚秀兰", True),
        ("卫东", True),
        ("王凯同志", False),
        ("欧阳", False),
        ("高城镇", False),
        ("常委", False),
        ("区长", False),
        ("王", False),
        ("王 凯", False),
        ("Wang", False),
    ],
)
def test_is_person_name(text: str, expected: bool) -> None:
    assert is_person_name(text) is expected


_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红梅建文辉力"
    "斌晓雅琴海林峰波洁凯悦畅倩亮鹏琳宇浩然欣怡婷颖佳俊飞鑫涵博瑞晨阳思"
)
names = st.builds(
    lambda surname, given: surname + given,
    st.sampled_from(sorted(SURNAMES | COMPOUND_SURNAMES)),
    st.text(alphabet=_GIVEN, min_size=1, max_size=2),
)
titles = st.sampled_from(TITLE_ENDINGS)


@given(titles, names, st.sampled_from(["", "区委常委、", "县委", "党工委委员、办事处"]))
def test_title_then_name_is_recovered(title: str, name: str, prefix: str) -> None:
    entry = parse_leader(prefix + title + name)
    assert entry is not None
    assert (entry.post, entry.person, entry.certain) == (prefix + title, name, True)


@given(titles, names, st.sampled_from(["（{}）", "({})", " {}", "：{}"]))
def test_name_then_title_is_recovered(title: str, name: str, form: str) -> None:
    entry = parse_leader(name + form.format("区委常委、" + title))
    assert entry is not None
    assert (entry.post, entry.person, entry.certain) == ("区委常委、" + title, name, True)


_SQUEEZE = re.compile(r"[\s()（）:：、，,；;/／]")


def _squeeze(text: str) -> str:
    return _SQUEEZE.sub("", clean(text))


_LEADER_CHARS = (
    "陈红梅王明欧阳晓区委常县组织部长书记副主任委员镇办党（）()、，；\n :X" + "伟强李高城"
)


@given(st.text(alphabet=_LEADER_CHARS, max_size=30))
def test_leaders_lose_and_invent_no_character(cell: str) -> None:
    entries = parse_leaders(cell)
    assert "".join(_squeeze(e.text) for e in entries) == _squeeze(cell)
    for e in entries:
        assert _squeeze(e.text) in (_squeeze(e.post + e.person), _squeeze(e.person + e.post))
        assert e.certain or e.reason
        assert not e.person or is_person_name(e.person)


@given(st.text(alphabet=_LEADER_CHARS, max_size=30))
def test_a_cell_without_title_ending_is_never_split(cell: str) -> None:
    assume(not any(t in clean(cell) for t in TITLE_ENDINGS))
    for e in parse_leaders(cell):
        assert not (e.post and e.person)
        assert not e.certain


# --------------------------------------------------------------------------------------
# title_context
# --------------------------------------------------------------------------------------

TITLES = [
    ("XX局2024年度党建工作责任清单", ("XX局", 2024, "责任清单", "党建工作")),
    ("党工委统战部门2020年度目标责任书", ("党工委统战部门", 2020, "目标责任书", "")),
    ("区委2024年党建重点任务分工", ("区委", 2024, "任务分工", "党建重点")),
    ("关于印发《随南区2024年党建工作要点》的通知", ("随南区", 2024, "工作要点", "党建")),
    (
        "中共随县县委组织部2023年度全面从严治党主体责任清单",
        ("随县县委组织部", 2023, "主体责任清单", "全面从严治党"),
    ),
    ("组织部", ("组织部", None, None, "")),
    # the published samples' titles and sheet names
    (
        "中共随南区委2024年党建工作重点任务分工方案",
        ("随南区委", 2024, "分工方案", "党建工作重点任务"),
    ),
    (
        "随县县直机关党工委2023年度党建工作目标责任书",
        ("随县县直机关党工委", 2023, "目标责任书", "党建工作"),
    ),
    ("组织部2024年党建工作任务清单", ("组织部", 2024, "任务清单", "党建工作")),
    (
        "中共随县高城镇委员会2024年度全面从严治党主体责任清单",
        ("随县高城镇委员会", 2024, "主体责任清单", "全面从严治党"),
    ),
    ("东关街道2024年重点工作任务分解表", ("东关街道", 2024, "任务分解表", "重点工作")),
    ("东关街道2024年重点工作任务分解表,,,,,", None),
    ("厉山镇2024年落实党建工作责任制任务清单", ("厉山镇", 2024, "任务清单", "落实党建工作责任制")),
    (
        "关于印发《厉山镇2024年落实党建工作责任制任务清单》的通知",
        ("厉山镇", 2024, "任务清单", "落实党建工作责任制"),
    ),
    (
        "中共随县厉山镇委员会关于印发《厉山镇2024年任务清单》的通知",
        ("随县厉山镇委员会", 2024, "任务清单", ""),
    ),
    ("市直单位主体责任清单", ("市直单位", None, "主体责任清单", "")),
    ("中共随县厉山镇委员会", ("随县厉山镇委员会", None, None, "")),
    ("党委办公室", ("党委办公室", None, None, "")),
    ("马克思主义学院", ("马克思主义学院", None, None, "")),
    ("组织部（2023版）", ("组织部", 2023, None, "")),
    ("目标责任书", (None, None, "目标责任书", "")),
    ("责任清单", (None, None, "责任清单", "")),
    # other forms
    ("XX局党建工作责任清单", ("XX局", None, "责任清单", "党建工作")),
    ("二〇二四年度XX局工作要点", ("XX局", 2024, "工作要点", "")),
    ("附件1：XX局2024年度党建工作责任清单", ("XX局", 2024, "责任清单", "党建工作")),
    ("《XX局2024年度责任清单》", ("XX局", 2024, "责任清单", "")),
    ("XX局2024年度责任清单（试行）", ("XX局", 2024, "责任清单", "")),
    ("中共 随南区委　2024年 党建工作要点", ("随南区委", 2024, "工作要点", "党建")),
    ("2024年党建工作要点", (None, 2024, "工作要点", "党建")),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_title_context_reads_titles_and_sheet_names(
    text: str, expected: tuple[str | None, int | None, str | None, str] | None
) -> None:
    context = title_context(text)
    if expected is None:
        assert context is None
    else:
        assert context is not None
        assert (context.issuer, context.year, context.kind, context.topic) == expected
        assert context.text == clean(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "说明",
        "Sheet1",
        "工作任务",
        "完成情况",
        "序号",
        "合计",
        "牵头单位",
        "配合部门",
        "责任单位",
        "学院各部门党建任务",
        "随县教育局党组　　2024年1月",
        "责任单位：随县县直机关党工委　　签订时间：2023年2月",
        "为深入贯彻落实党的二十大精神，现将2024年党建工作重点任务分解如下。",
        "注：责任单位为配合单位；各牵头单位于每月25日前将进展情况报党政办。",
        "一、党委（党组）主体责任" * 8,
    ],
)
def test_title_context_is_none_for_what_is_not_a_title(text: str) -> None:
    assert title_context(text) is None


@given(
    st.text(
        alphabet="XX局区委组织部2024年度党建工作责任清单中共关于印发《》的通知（）版", max_size=40
    )
)
def test_title_context_parts_come_from_the_text(text: str) -> None:
    context = title_context(text)
    if context is not None:
        squeezed = re.sub(r"\s", "", context.text)
        for part in (context.issuer, context.kind, context.topic):
            assert part is None or part in squeezed


# --------------------------------------------------------------------------------------
# split_numbered
# --------------------------------------------------------------------------------------

NUMBERED = [
    ("1.召开会议；2.听取汇报。", [(1, "1.", "召开会议"), (2, "2.", "听取汇报。")]),
    ("1．召开会议\n2．听取汇报", [(1, "1．", "召开会议"), (2, "2．", "听取汇报")]),
    ("1、召开会议 2、听取汇报", [(1, "1、", "召开会议"), (2, "2、", "听取汇报")]),
    ("1)召开会议 2)听取汇报", [(1, "1)", "召开会议"), (2, "2)", "听取汇报")]),
    (
        "（1）建立台账；（2）每季度联系1次。",
        [(1, "（1）", "建立台账"), (2, "（2）", "每季度联系1次。")],
    ),
    ("(1)建立台账(2)联系", [(1, "(1)", "建立台账"), (2, "(2)", "联系")]),
    ("（一）政治建设（二）思想建设", [(1, "（一）", "政治建设"), (2, "（二）", "思想建设")]),
    ("（一）政治建设\n（二）思想建设", [(1, "（一）", "政治建设"), (2, "（二）", "思想建设")]),
    ("一、党委（党组）主体责任", [(1, "一、", "党委(党组)主体责任")]),
    ("①建台账②强督办", [(1, "①", "建台账"), (2, "②", "强督办")]),
    ("⑴建台账⑵强督办", [(1, "⑴", "建台账"), (2, "⑵", "强督办")]),
    (
        "一是加强学习；二是严格考核；三是强化督办。",
        [(1, "一是", "加强学习"), (2, "二是", "严格考核"), (3, "三是", "强化督办。")],
    ),
    ("第一，学习；第二，考核", [(1, "第一，", "学习"), (2, "第二，", "考核")]),
    ("（2）实施年轻干部“墩苗”计划。", [(2, "（2）", "实施年轻干部“墩苗”计划。")]),
    ("3.落实", [(3, "3.", "落实")]),
    (
        "主要措施：1.建台账；2.强督办",
        [(None, "", "主要措施:"), (1, "1.", "建台账"), (2, "2.", "强督办")],
    ),
    ("1.做好(1)甲(2)乙\n2.丙", [(1, "1.", "做好(1)甲(2)乙"), (2, "2.", "丙")]),
    ("1.甲；3.乙；2.丙", [(1, "1.", "甲;3.乙"), (2, "2.", "丙")]),
    ("十、甲\n十一、乙", [(10, "十、", "甲"), (11, "十一、", "乙")]),
]


@pytest.mark.parametrize(("cell", "expected"), NUMBERED)
def test_split_numbered_reads_markers(
    cell: str, expected: list[tuple[int | None, str, str]]
) -> None:
    assert [(i.number, i.label, i.text) for i in split_numbered(cell)] == expected


@pytest.mark.parametrize(
    "cell",
    [
        "全年地区生产总值增长5.5%左右，规模以上工业增加值增长6%。",
        "开展区委第五、六轮巡察，完成对22个区直单位党组织的常规巡察。",
        "2024年6月、12月",
        "每季度末通报进展\n12月底完成",
        "1、2月份各开展1次",
        "年初召开会议；年中听取汇报。",
        "落实“第一议题”制度",
        "统一是基础",
        "全年宣讲不少于200场次，其中1.5万人次参加。",
        "选派40名优秀年轻干部(1)",
    ],
)
def test_text_without_numbering_is_one_item(cell: str) -> None:
    (item,) = split_numbered(cell)
    assert (item.number, item.label) == (None, "")
    assert item.text == clean(cell).rstrip(";,、 \t\n")


def test_blank_cell_has_no_items() -> None:
    assert split_numbered(" \n") == ()


_ITEM = st.text(alphabet="召开会议听取汇报建立台账加强学习落实制度党委", min_size=1, max_size=12)
_FORMS = ["{}.", "{}．", "（{}）", "({})", "{}、"]


@given(
    st.lists(_ITEM, min_size=1, max_size=12),
    st.sampled_from(_FORMS),
    st.sampled_from(["；", "\n", "。", " "]),
)
def test_numbered_items_are_recovered(items: list[str], form: str, sep: str) -> None:
    cell = sep.join(form.format(n) + text for n, text in enumerate(items, 1))
    got = split_numbered(cell)
    assert [i.number for i in got] == list(range(1, len(items) + 1))
    assert [i.text.rstrip("。") for i in got] == items


@given(st.lists(_ITEM, min_size=2, max_size=9), st.sampled_from(["（{}）", "{}、", "{}是"]))
def test_chinese_numbered_items_are_recovered(items: list[str], form: str) -> None:
    numerals = "一二三四五六七八九"
    cell = "；".join(form.format(numerals[n]) + text for n, text in enumerate(items))
    assert [i.text for i in split_numbered(cell)] == items


@given(st.integers(1, 99))
def test_chinese_number_reads_every_numeral_to_99(n: int) -> None:
    tens, units = divmod(n, 10)
    digits = " 一二三四五六七八九"
    text = (
        (digits[tens] if tens > 1 else "")
        + ("十" if tens else "")
        + (digits[units] if units else "")
    )
    assert chinese_number(text.strip()) == n


# --------------------------------------------------------------------------------------
# The published samples, read with python-docx, xlrd and openpyxl (not zeren_graph)
# --------------------------------------------------------------------------------------


def _sample(name: str) -> Path:
    path = PUBLISHED / name
    if not path.exists():
        pytest.skip(f"{name} is not in scenarios/lists/published")
    return path


def _docx_columns(path: Path) -> dict[str, list[str]]:
    docx = pytest.importorskip("docx")
    table = docx.Document(str(path)).tables[0]
    header = [c.text.strip() for c in table.rows[0].cells]
    columns: dict[str, list[str]] = {h: [] for h in header}
    for row in table.rows[1:]:
        for h, cell in zip(header, row.cells, strict=True):
            columns[h].append(cell.text)
    return columns


def test_district_docx_leaders_and_holders() -> None:
    columns = _docx_columns(_sample("区委2024年党建重点任务分工.docx"))
    entries = [e for cell in columns["责任领导"] for e in parse_leaders(cell)]
    persons = {e.person for e in entries if e.person}
    assert {"陈红梅", "李志远", "张建军", "欧阳晓", "王海", "刘峰", "赵雅琴", "孙立平"} <= persons
    assert all(e.certain for e in entries)
    assert {e.post for e in entries if e.person == "欧阳晓"} == {"区委常委、常务副区长"}
    holders = {
        h for key in ("牵头单位", "配合单位") for cell in columns[key] for h in split_holders(cell)
    }
    assert {"区委编办", "区人社局", "区财政局", "区审计局", "各乡镇党委", "区直各部门"} <= holders
    assert not any(re.search("[、，,；;]", h) for h in holders)


def test_district_docx_sub_rows_are_numbered() -> None:
    columns = _docx_columns(_sample("区委2024年党建重点任务分工.docx"))
    numbers = [split_numbered(cell)[0].number for cell in columns["具体措施"]]
    assert {1, 2} <= {n for n in numbers if n is not None}


def test_work_committee_xls_title_and_leaders() -> None:
    xlrd = pytest.importorskip("xlrd")
    sheet = xlrd.open_workbook(str(_sample("县直机关党工委2023年目标责任书.xls"))).sheet_by_index(0)
    context = title_context(sheet.cell_value(0, 0))
    assert context is not None
    assert (context.issuer, context.year, context.kind) == (
        "随县县直机关党工委",
        2023,
        "目标责任书",
    )
    leaders = [parse_leader(str(sheet.cell_value(r, 3))) for r in range(4, sheet.nrows)]
    named = {(e.post, e.person) for e in leaders if e is not None and e.person}
    assert {("工委书记", "韦国强"), ("工委专职副书记", "林芳"), ("纪工委书记", "江涛")} <= named


def test_college_xlsx_sheet_names_and_titles() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(_sample("学院各部门党建任务.xlsx"), read_only=True)
    try:
        contexts = {ws.title: title_context(ws.title) for ws in book.worksheets}
        assert contexts["说明"] is None
        org = contexts["组织部"]
        assert org is not None
        assert org.issuer == "组织部"
        first = next(book["组织部"].iter_rows(max_row=1, values_only=True))[0]
        title = title_context(str(first))
        assert title is not None
        assert (title.issuer, title.year) == ("组织部", 2024)
    finally:
        book.close()


def test_street_csv_holders_and_leaders() -> None:
    path = _sample("街道2024年重点工作任务.csv")
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("gb18030"), newline="")))
    context = title_context(rows[0][0])
    assert context is not None
    assert (context.issuer, context.kind) == ("东关街道", "任务分解表")
    entries = {
        (e.post, e.person) for row in rows[2:] if len(row) > 4 for e in parse_leaders(row[4])
    }
    assert ("党工委副书记、办事处主任", "王磊") in entries
    assert ("党工委委员、纪工委书记", "孙洁") in entries
