"""Curated word lists the cell parsers rely on: post titles, surnames, unit endings, kinds.

The lists are the documentation of what the parsers recognise: a post title
(职务) ends with one of :data:`TITLE_ENDINGS`; a person's name starts with one of
:data:`SURNAMES` or :data:`COMPOUND_SURNAMES`; a unit's name ends with one of
:data:`UNIT_END_CHARS`; a document's title ends with one of
:data:`DOCUMENT_KINDS`. They are curated, not exhaustive: a word missing here
makes the parsers keep a cell whole and say so, never cut it wrongly.

Examples
--------
>>> "部长" in TITLE_ENDINGS, "欧阳" in COMPOUND_SURNAMES, "褚" in SURNAMES
(True, True, True)
"""

from __future__ import annotations

__all__ = [
    "COMPOUND_SURNAMES",
    "DOCUMENT_KINDS",
    "RANK_ENDINGS",
    "SURNAMES",
    "TITLE_ENDINGS",
    "UNIT_END_CHARS",
]

#: Endings of post titles (职务) as lists write them before a holder's name.
TITLE_ENDINGS: tuple[str, ...] = (
    # party posts
    "书记",
    "副书记",
    "专职副书记",
    "常务副书记",
    "第一书记",
    "纪委书记",
    "纪工委书记",
    "秘书长",
    "副秘书长",
    "常委",
    "委员",
    "组织委员",
    "宣传委员",
    "纪检委员",
    "政法委员",
    "统战委员",
    "党组成员",
    "成员",
    "组织员",
    "政委",
    # heads of departments, governments and offices
    "部长",
    "副部长",
    "主任",
    "副主任",
    "常务副主任",
    "监委主任",
    "主任委员",
    "局长",
    "副局长",
    "省长",
    "市长",
    "副市长",
    "州长",
    "区长",
    "副区长",
    "常务副区长",
    "县长",
    "副县长",
    "常务副县长",
    "旗长",
    "镇长",
    "副镇长",
    "乡长",
    "副乡长",
    "主席",
    "副主席",
    "组长",
    "副组长",
    "处长",
    "副处长",
    "科长",
    "副科长",
    "股长",
    "所长",
    "站长",
    "队长",
    "馆长",
    "院长",
    "副院长",
    "庭长",
    "检察长",
    "校长",
    "副校长",
    "会长",
    "社长",
    "行长",
    "董事长",
    "理事长",
    "总经理",
    "经理",
    "负责人",
    "科员",
    "干事",
    "专干",
    "调研员",
    "督查员",
)

#: Ranks and deputy posts held together with a further post (区委常委、组织部长;
#: 镇党委副书记、镇长): a nameless group of posts whose leading parts all end with one
#: of these is one person's posts. 区委书记、区长 is not (two leaders, or one? unsure).
RANK_ENDINGS: tuple[str, ...] = ("常委", "委员", "党组成员", "成员", "副书记")

#: Common single-character surnames. Characters that are mostly words in post titles or
#: unit names (区, 县, 市, 党, 国, 文, 明, 平, 和, 全 ...) are left out on purpose.
SURNAMES: frozenset[str] = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
    "殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管"
    "柴蒙鲍喻祁蒲房滕屈饶解牟艾尤穆卓吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿"
    "桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆冀"
    "郁胥班储栗燕楚鄢谌奚粟冼蔺楼闻厉伊仝郜阚帅屠朴练廉禹井祖漆巴卿狄晋芮扈晁阙浦戈伏鹿"
    "邸雍辜裘亓邰赫杭况宿逯隆茹诸慕嵇湛宾戎茅揭尉檀"
)

#: Two-character surnames (复姓): 欧阳晓 is the person 欧阳 晓.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    {
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "令狐",
        "慕容",
        "尉迟",
        "公孙",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "呼延",
        "万俟",
        "澹台",
        "公冶",
        "太史",
        "申屠",
        "钟离",
        "闻人",
        "赫连",
        "拓跋",
    }
)

#: Last characters of unit names (组织部, 区发改局, 党委办公室, 东关街道, 随县县委组织部 ...).
#: A person's name never ends with one of them in these parsers.
UNIT_END_CHARS: frozenset[str] = frozenset(
    "部局办委室处科股心院校所站队会组厅司署府区县市省州旗镇乡村道门位关支团馆社厂行"
)

#: Kinds of documents a title ends with, longest first in the parsers' patterns.
DOCUMENT_KINDS: tuple[str, ...] = (
    "主体责任清单",
    "责任清单",
    "任务清单",
    "职责清单",
    "工作清单",
    "问题清单",
    "事项清单",
    "任务分工",
    "任务分工表",
    "分工方案",
    "责任分工",
    "责任分工表",
    "重点任务分解表",
    "任务分解表",
    "任务分解",
    "任务表",
    "任务书",
    "目标任务书",
    "目标责任书",
    "责任书",
    "承诺书",
    "目标责任状",
    "责任状",
    "工作要点",
    "实施方案",
    "工作方案",
    "实施细则",
    "考核细则",
    "考核办法",
    "工作计划",
    "任务台账",
    "工作台账",
    "责任制",
)
