"""Build the published-style sample lists: responsibility lists as offices really publish them.

Nine files, written the way district, county, township, street and college offices
write their lists (task tables, grouped subject lists, a workbook with one sheet per
department, a target-responsibility letter in old Excel, a plain-text notice), plus
the education bureau's long list (``../agency.csv``) re-published as a Word table
and as an old ``.xls``. Every body, person and clause is invented; the places are
the fictional world of ``scenarios/lists`` (随县, 厉山镇, 高城镇, 高庙村 …) and an
invented district 随南区. ``README.md`` beside this script says what each file
shows, the traps it holds and how a careful person would write some of its rows in
the long format.

The output is deterministic: fixed document properties and fixed zip timestamps,
so a rebuild gives the same bytes with the same library versions. Rebuild from
the repository root (needs python-docx and xlwt)::

    .venv/bin/python scenarios/lists/published/build_published.py

and commit the files; ``tests/io/test_published_samples.py`` fails when a
committed sample and a fresh build differ in content.

Examples
--------
>>> sorted(SAMPLES)[:2]
['乡镇党委主体责任清单.xlsx', '区委2024年党建重点任务分工.docx']
>>> len(SAMPLES)
9
"""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from zeren_graph.output.stable import stable_ooxml

__all__ = [
    "AGENCY_CSV",
    "SAMPLES",
    "build",
    "build_all",
    "csv_bytes",
    "main",
    "read_agency_rows",
    "txt_bytes",
]

HERE = Path(__file__).resolve().parent
#: The long list re-published as ``教育局责任清单_长表.docx``/``.xls``.
AGENCY_CSV = HERE.parent / "agency.csv"

_FIXED_TIME = datetime(2024, 3, 1, 9, 0, 0)
_ZIP_TIME = (2024, 3, 1, 9, 0, 0)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


# --------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite an OOXML zip with fixed timestamps and fixed core-property dates."""
    return stable_ooxml(data, when=_ZIP_TIME)


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str = "gb18030") -> bytes:
    r"""Return rows as Excel on Chinese Windows saves a CSV: CRLF rows, quoted line breaks.

    Parameters
    ----------
    rows : sequence of sequence of str
        The cells, row by row; a cell may hold a line break (written inside quotes).
    encoding : str, optional
        The file's encoding (default GB18030, no BOM).

    Returns
    -------
    bytes
        The file's content.

    Examples
    --------
    >>> csv_bytes([["序号", "任务"], ["1", "甲\n乙"]], encoding="utf-8").decode()
    '序号,任务\r\n1,"甲\n乙"\r\n'
    """
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def txt_bytes(lines: Sequence[str]) -> bytes:
    r"""Return lines as Windows Notepad saves "Unicode" text: UTF-16 LE with BOM, CRLF.

    Examples
    --------
    >>> txt_bytes(["一"])
    b'\xff\xfe\x00N\r\x00\n\x00'
    """
    return "".join(f"{line}\r\n" for line in lines).encode("utf-16")


def _docx() -> Any:
    """Return a new python-docx document with fixed properties (python-docx imported lazily)."""
    document = importlib.import_module("docx").Document()
    props = document.core_properties
    props.author = "办公室"
    props.last_modified_by = "办公室"
    props.created = _FIXED_TIME
    props.modified = _FIXED_TIME
    props.last_printed = _FIXED_TIME
    props.revision = 1
    props.comments = ""
    return document


def _docx_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _paragraph(document: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    para = document.add_paragraph()
    run = para.add_run(text)
    run.bold = bold
    if center:
        para.alignment = importlib.import_module("docx.enum.text").WD_ALIGN_PARAGRAPH.CENTER


def _landscape(document: Any) -> None:
    section = document.sections[0]
    orient = importlib.import_module("docx.enum.section").WD_ORIENT
    section.orientation = orient.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _xlsx_bytes(wb: Workbook) -> bytes:
    wb.properties.creator = "办公室"
    wb.properties.lastModifiedBy = "办公室"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def _title_row(ws: Any, text: str, width: int, row: int = 1) -> None:
    ws.cell(row=row, column=1, value=text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.cell(row=row, column=1).font = Font(bold=True, size=16)
    ws.cell(row=row, column=1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[row].height = 30


def _table_rows(ws: Any, first: int, rows: Sequence[Sequence[Any]], header: bool = True) -> None:
    """Write rows from row ``first``, boxed and wrapped; the first row bold when a header."""
    for i, values in enumerate(rows):
        for j, value in enumerate(values, 1):
            cell = ws.cell(row=first + i, column=j, value=value if value != "" else None)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            if header and i == 0:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _widths(ws: Any, widths: Sequence[float]) -> None:
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width


# --------------------------------------------------------------------------------------
# 1. 区委2024年党建重点任务分工.docx — a Word task table with merged tasks and sub-rows
# --------------------------------------------------------------------------------------


class Measure(NamedTuple):
    """One row of a task table: a measure and who answers for it."""

    text: str
    lead: str
    support: str
    leader: str
    deadline: str


#: Header of the district's task table.
DISTRICT_HEADER = ("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "责任领导", "完成时限")

_ZUZHI = "区委常委、组织部长陈红梅"
_XUANCHUAN = "区委常委、宣传部长李志远"
_JIWEI = "区委常委、区纪委书记、区监委主任张建军"

#: (重点任务, measures): a task with several measures is merged over its numbered sub-rows.
DISTRICT_TASKS: tuple[tuple[str, tuple[Measure, ...]], ...] = (
    (
        "研究部署年度党建工作",
        (
            Measure(
                "年初召开区委党建工作领导小组全体会议，审议年度党建工作要点和责任清单；"
                "年中听取重点任务进展情况汇报。",
                "区委党建工作领导小组",
                "",
                "",
                "2024年3月、7月",
            ),
        ),
    ),
    (
        "深入学习贯彻习近平新时代中国特色社会主义思想",
        (
            Measure(
                "落实区委理论学习中心组学习制度，全年集中学习研讨不少于12次。",
                "区委宣传部",
                "区委办公室",
                _XUANCHUAN,
                "2024年12月",
            ),
            Measure(
                "开展党的创新理论“进机关、进农村、进社区、进企业、进学校”宣讲活动，"
                "全年宣讲不少于200场次。",
                "区委宣传部",
                "区委党校、团区委、各乡镇党委",
                _XUANCHUAN,
                "2024年11月",
            ),
        ),
    ),
    (
        "扎实开展党纪学习教育",
        (
            Measure(
                "制定党纪学习教育实施方案，组织党员逐章逐条学习《中国共产党纪律处分条例》，"
                "每名党员参加集中学习不少于4次。",
                "区委组织部、区纪委监委",
                "区委宣传部、区直机关工委",
                _ZUZHI,
                "2024年7月",
            ),
            Measure(
                "召开全区警示教育大会，区管干部参会率达到100%。",
                "区纪委监委",
                "区委组织部",
                _JIWEI,
                "2024年9月",
            ),
        ),
    ),
    (
        "加强领导班子和干部队伍建设",
        (
            Measure(
                "开展区管领导班子运行情况分析研判，每年不少于1次，形成研判报告。",
                "区委组织部",
                "区纪委监委",
                _ZUZHI,
                "2024年12月",
            ),
            Measure(
                "实施年轻干部“墩苗”计划，选派40名优秀年轻干部到乡镇、信访、招商一线锻炼。",
                "区委组织部",
                "区委编办，区人社局",
                _ZUZHI,
                "2024年10月",
            ),
        ),
    ),
    (
        "抓好村（社区）“两委”班子建设",
        (
            Measure(
                "组织开展村（社区）“两委”成员履职能力全员轮训，参训率达到100%。",
                "区委组织部",
                "区委党校、各乡镇党委、各街道党工委",
                "区委组织部副部长",
                "2024年8月",
            ),
        ),
    ),
    (
        "整顿软弱涣散基层党组织",
        (
            Measure(
                "对排查确定的12个软弱涣散村（社区）党组织逐一制定整顿方案，落实“一名区级领导联系、"
                "一个区直单位包保、一名第一书记驻村”，年底前全部整顿转化。",
                "各乡镇党委",
                "区委组织部、区直各部门",
                "",
                "2024年12月底前",
            ),
        ),
    ),
    (
        "发展壮大村级集体经济",
        (
            Measure(
                "村级集体经济年收入10万元以上的村占比达到60%以上。",
                "区委组织部、区农业农村局",
                "区财政局、区乡村振兴局",
                f"{_ZUZHI}；副区长刘峰",
                "2024年12月",
            ),
            Measure(
                "开展村级合同清理规范和债务化解，新增村级债务实现“零增长”。",
                "区农业农村局",
                "区财政局，区审计局",
                "副区长刘峰",
                "2024年11月",
            ),
        ),
    ),
    (
        "加强新兴领域党建",
        (
            Measure(
                "非公有制企业和社会组织党组织覆盖率稳定在85%以上，“两个覆盖”质量持续提升。",
                "区委两新工委",
                "区市场监管局、区民政局、区工商联",
                _ZUZHI,
                "2024年12月",
            ),
            Measure(
                "推进快递物流、网约配送等新就业群体党建工作，建设“暖新驿站”10个。",
                "区委社会工作部",
                "区交通运输局、区邮政管理局、团区委",
                "区委常委、常务副区长欧阳晓",
                "2024年9月",
            ),
        ),
    ),
    (
        "深化模范机关创建",
        (
            Measure(
                "深化“让党中央放心、让人民群众满意”模范机关创建，推动机关党建和业务工作深度融合。",
                "区直机关工委",
                "区直各部门",
                "区委常委、区委办主任王海",
                "",
            ),
        ),
    ),
    (
        "落实全面从严治党主体责任",
        (
            Measure(
                "区委常委会每半年专题研究全面从严治党工作1次；区委书记与班子成员、"
                "班子成员与分管部门主要负责人逐级开展廉政谈话。",
                "区委办公室",
                "区纪委监委",
                "区委书记",
                "2024年6月、12月",
            ),
            Measure(
                "开展区委第五、六轮巡察，完成对22个区直单位党组织的常规巡察。",
                "区委巡察办",
                "区纪委监委、区委组织部、区审计局",
                _JIWEI,
                "2024年12月",
            ),
        ),
    ),
    (
        "落实意识形态工作责任制",
        (
            Measure(
                "每半年专题研判意识形态领域形势1次，重大舆情2小时内报告。",
                "区委宣传部",
                "区委网信办、区公安分局",
                _XUANCHUAN,
                "2024年6月、12月",
            ),
        ),
    ),
    (
        "整治形式主义为基层减负",
        (
            Measure(
                "精简文件会议，全区性发文、会议数量比上年压减10%以上；规范督查检查考核事项。",
                "区委办公室",
                "区政府办公室、区直各部门",
                "区委常委、区委办主任王海",
                "2024年12月",
            ),
        ),
    ),
    (
        "加强党员队伍建设",
        (
            Measure(
                "建立流动党员台账，做到“底数清、去向明、管理实”，外出流动党员纳入组织管理率达到100%。",
                "",
                "区委组织部、各乡镇党委、各街道党工委",
                "区委组织部副部长",
                "2024年6月",
            ),
            Measure(
                "全年发展党员不少于280名，其中35岁以下的占比不低于60%。",
                "区委组织部",
                "各乡镇党委、各街道党工委、区直机关工委",
                _ZUZHI,
                "2024年12月",
            ),
        ),
    ),
    (
        "做好新时代人才工作",
        (
            Measure(
                "实施“随南英才”计划，全年引进急需紧缺人才100名以上。",
                "区委人才办",
                "区人社局、区科技局、区教育局、区卫健局",
                _ZUZHI,
                "2024年12月",
            ),
        ),
    ),
    (
        "巩固发展统一战线",
        (
            Measure(
                "加强党外代表人士队伍建设，做好民族宗教工作。",
                "区委统战部",
                "区民宗局、区工商联",
                "区委常委、统战部长赵雅琴",
                "2024年12月",
            ),
        ),
    ),
    (
        "严格党建工作考核",
        (
            Measure(
                "年底前对各乡镇党委、街道党工委书记开展抓基层党建述职评议考核，"
                "综合评价排名后2位的书记由区委书记约谈。",
                "区委组织部",
                "区委督查室",
                "区委副书记孙立平",
                "2025年1月",
            ),
        ),
    ),
)

DISTRICT_TITLE = "中共随南区委2024年党建工作重点任务分工方案"
DISTRICT_PREFACE = (
    "为深入贯彻落实党的二十大精神和新时代党的建设总要求，全面落实党建工作责任制，"
    "推动全区党建工作提质增效，根据《中共随南区委2024年党建工作要点》，现将2024年党建工作"
    "重点任务分解如下。各牵头单位要会同配合单位制定具体工作方案，明确时间表、路线图，"
    "确保各项任务按期完成。"
)
DISTRICT_CLOSING = (
    "各牵头单位于每季度末5个工作日内将任务进展情况报区委党建工作领导小组办公室"
    "（设在区委组织部）。区委督查室、区委组织部对本方案落实情况进行跟踪督办，"
    "督办结果纳入年度党建工作考核。"
)


def district_rows() -> list[list[str]]:
    """Return the task table of the district as its cells read (merged cells repeated).

    Examples
    --------
    >>> rows = district_rows()
    >>> rows[0][:4]
    ['序号', '重点任务', '具体措施', '牵头单位']
    >>> rows[2][0], rows[2][2][:4]
    ('2', '（1）落')
    """
    rows = [list(DISTRICT_HEADER)]
    for number, (task, measures) in enumerate(DISTRICT_TASKS, 1):
        for k, m in enumerate(measures, 1):
            text = f"（{k}）{m.text}" if len(measures) > 1 else m.text
            rows.append([str(number), task, text, m.lead, m.support, m.leader, m.deadline])
    return rows


def district_docx() -> bytes:
    """Return ``区委2024年党建重点任务分工.docx``."""
    document = _docx()
    document.core_properties.title = DISTRICT_TITLE
    _landscape(document)
    _paragraph(document, DISTRICT_TITLE, bold=True, center=True)
    _paragraph(document, DISTRICT_PREFACE)
    rows = district_rows()
    table = document.add_table(rows=len(rows), cols=len(DISTRICT_HEADER))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if r > 0 and c < 2 and rows[r - 1][0] == values[0]:
                continue  # the merged task cell: written once, on its first row
            cell = table.cell(r, c)
            cell.text = value
            if r == 0:
                cell.paragraphs[0].runs[0].bold = True
    first = 1
    for _task, measures in DISTRICT_TASKS:
        last = first + len(measures) - 1
        if last > first:
            for c in (0, 1):
                table.cell(first, c).merge(table.cell(last, c))
        first = last + 1
    _paragraph(document, DISTRICT_CLOSING)
    _paragraph(document, "中共随南区委办公室　　　　2024年2月26日印发")
    return _docx_bytes(document)


# --------------------------------------------------------------------------------------
# 2. 县直机关党工委2023年目标责任书.xls — old Excel, title rows, two-row header
# --------------------------------------------------------------------------------------

WORK_COMMITTEE_TITLE = "随县县直机关党工委2023年度党建工作目标责任书"
WORK_COMMITTEE_SUBTITLE = "责任单位：随县县直机关党工委　　　　　　签订时间：2023年2月"
#: The first header row (责任分工 spans three columns) and the second (the roles).
WORK_COMMITTEE_HEADER = (
    ("序号", "考核项目", "目标任务", "责任分工", "", "", "完成时限", "分值"),
    ("", "", "", "责任领导", "牵头单位", "配合单位", "", ""),
)
_SHUJI = "工委书记韦国强"
_FUSHUJI = "工委专职副书记林芳"
_JIGONGWEI = "纪工委书记江涛"
#: (考核项目, 目标任务, 责任领导, 牵头单位, 配合单位, 完成时限, 分值); 考核项目 is merged
#: over the rows of one project. A ``date`` deadline is written as an Excel date cell.
WORK_COMMITTEE_ROWS: tuple[tuple[str, str, str, str, str, str | date, int], ...] = (
    (
        "政治建设",
        (
            "组织县直机关党员干部深入学习贯彻党的二十大精神，各单位党组（党委）理论学习中心组"
            "全年集中学习不少于12次。"
        ),
        _FUSHUJI,
        "工委宣传科",
        "工委办公室",
        "2023年12月",
        10,
    ),
    (
        "政治建设",
        "严格执行重大事项请示报告制度，县直单位党组织每年向工委书面报告党建工作不少于2次。",
        _SHUJI,
        "工委办公室",
        "各县直单位党组（党委）",
        "2023年6月、12月",
        5,
    ),
    (
        "思想建设",
        "落实意识形态工作责任制，每半年分析研判意识形态形势1次。",
        _FUSHUJI,
        "工委宣传科",
        "",
        "2023年6月、12月",
        5,
    ),
    (
        "思想建设",
        "开展“机关党员进社区”志愿服务，在职党员到社区报到率达到100%。",
        "",
        "工委组织科",
        "各县直单位党组织、各社区党组织",
        "2023年10月",
        5,
    ),
    (
        "组织建设",
        "推进机关党支部标准化规范化建设，达标率达到90%以上。",
        _FUSHUJI,
        "工委组织科",
        "各县直单位机关党委（总支、支部）",
        "2023年11月",
        10,
    ),
    (
        "组织建设",
        "按期完成任期届满党组织换届，应换尽换率100%。",
        _FUSHUJI,
        "工委组织科",
        "工委办公室",
        date(2023, 9, 30),
        5,
    ),
    (
        "组织建设",
        "做好发展党员工作，全年发展党员30名。",
        "",
        "各县直单位党组织",
        "工委组织科",
        "2023年12月",
        5,
    ),
    (
        "作风建设",
        "开展“五型”机关创建，深化“我为群众办实事”实践活动。",
        _SHUJI,
        "工委办公室、工委组织科",
        "各县直单位党组（党委）",
        "全年",
        10,
    ),
    ("作风建设", "持续整治形式主义、官僚主义。", "", "县直机关党工委", "", "", 5),
    (
        "纪律建设",
        "开展廉政警示教育，每季度至少1次。",
        _JIGONGWEI,
        "机关纪工委",
        "工委办公室",
        "每季度",
        10,
    ),
    (
        "纪律建设",
        "对县直单位落实全面从严治党主体责任情况开展监督检查，全年覆盖率达到100%。",
        _JIGONGWEI,
        "机关纪工委",
        "工委组织科",
        "2023年12月",
        10,
    ),
    (
        "述职考核",
        "组织县直单位党组织书记抓党建工作述职评议，评议结果与单位年度综合考评挂钩。",
        _SHUJI,
        "工委组织科",
        "工委办公室",
        "2024年1月",
        20,
    ),
)
WORK_COMMITTEE_SIGNATURE = "中共随县县委（盖章）　　　　　　　　　　随县县直机关党工委（盖章）"


def _runs(keys: Sequence[str]) -> list[tuple[int, int]]:
    """Return (first, last) indexes of runs of equal consecutive keys.

    Examples
    --------
    >>> _runs(["a", "a", "b", "c", "c", "c"])
    [(0, 1), (2, 2), (3, 5)]
    """
    runs: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if runs and keys[runs[-1][0]] == key:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def work_committee_xls() -> bytes:
    """Return ``县直机关党工委2023年目标责任书.xls`` (BIFF8, written by xlwt)."""
    xlwt = importlib.import_module("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("目标责任书")
    title = xlwt.easyxf("font: bold on, height 360; align: horiz center, vert center")
    plain = xlwt.easyxf("align: vert center")
    head = xlwt.easyxf(
        "font: bold on; align: horiz center, vert center, wrap on; "
        "borders: left thin, right thin, top thin, bottom thin"
    )
    body = xlwt.easyxf(
        "align: vert center, wrap on; borders: left thin, right thin, top thin, bottom thin"
    )
    when = xlwt.easyxf(
        "align: vert center; borders: left thin, right thin, top thin, bottom thin",
        num_format_str='yyyy"年"m"月"d"日"',
    )
    width = len(WORK_COMMITTEE_HEADER[0])
    ws.write_merge(0, 0, 0, width - 1, WORK_COMMITTEE_TITLE, title)
    ws.write_merge(1, 1, 0, width - 1, WORK_COMMITTEE_SUBTITLE, plain)
    top, bottom = WORK_COMMITTEE_HEADER
    for c in range(width):
        if c in (3, 4, 5):
            ws.write(3, c, bottom[c], head)
        else:
            ws.write_merge(2, 3, c, c, top[c], head)
    ws.write_merge(2, 2, 3, 5, top[3], head)
    first = 4
    for i, (_project, task, leader, lead, support, deadline, score) in enumerate(
        WORK_COMMITTEE_ROWS
    ):
        r = first + i
        ws.write(r, 0, i + 1, body)
        ws.write(r, 2, task, body)
        ws.write(r, 3, leader, body)
        ws.write(r, 4, lead, body)
        ws.write(r, 5, support, body)
        ws.write(r, 6, deadline, when if isinstance(deadline, date) else body)
        ws.write(r, 7, score, body)
    for a, b in _runs([row[0] for row in WORK_COMMITTEE_ROWS]):
        if b > a:
            ws.write_merge(first + a, first + b, 1, 1, WORK_COMMITTEE_ROWS[a][0], body)
        else:
            ws.write(first + a, 1, WORK_COMMITTEE_ROWS[a][0], body)
    total = first + len(WORK_COMMITTEE_ROWS)
    ws.write_merge(total, total, 0, 6, "合计", head)
    ws.write(total, 7, sum(row[6] for row in WORK_COMMITTEE_ROWS), body)
    ws.write_merge(total + 2, total + 2, 0, width - 1, WORK_COMMITTEE_SIGNATURE, plain)
    for c, chars in enumerate((5, 10, 44, 18, 16, 22, 14, 6)):
        ws.col(c).width = 256 * chars * 2 if c != 0 else 256 * 6
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------
# 3. 学院各部门党建任务.xlsx — one sheet per department, a hidden old sheet, a note sheet
# --------------------------------------------------------------------------------------


class Sheet(NamedTuple):
    """A department's sheet: its name, header and rows (序号 added when written)."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    blank_before_header: bool = False


_DEPT_HEADER = ("序号", "工作任务", "工作措施", "责任人", "配合部门", "完成时限", "完成情况")
#: The college's department sheets, in workbook order.
COLLEGE_SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "党委办公室",
        _DEPT_HEADER,
        (
            (
                "组织召开党委会，落实“三重一大”集体决策制度",
                "严格执行党委会议事规则，全年召开党委会不少于24次，会议纪要当月归档。",
                "主任何静",
                "校长办公室",
                "每月",
                "",
            ),
            (
                "落实党委领导下的校长负责制",
                "修订党委会、校长办公会议事规则，厘清议事范围。",
                "学院党委",
                "校长办公室",
                "2024年6月",
                "",
            ),
            (
                "意识形态工作责任制落实",
                "每半年向党委专题报告意识形态工作1次，建立意识形态阵地台账。",
                "副主任罗敏",
                "宣传部",
                "2024年6月、12月",
                "",
            ),
            (
                "党内规范性文件备案审查",
                "对学院党内规范性文件开展年度清理，备案率达到100%。",
                "科员汪洋",
                "纪委办公室",
                "2024年11月",
                "",
            ),
            (
                "机要保密工作",
                "每季度开展保密自查1次，涉密计算机专人专管。",
                "副主任罗敏",
                "信息中心",
                "每季度",
                "已完成一季度自查",
            ),
            (
                "党委督查督办",
                "对党委会决定事项建立督办台账，实行“交办—督办—反馈—销号”闭环管理。",
                "主任何静",
                "各二级学院党总支",
                "全年",
                "",
            ),
            (
                "党建信息报送",
                "向上级党委报送党建信息不少于20篇。",
                "科员汪洋",
                "",
                "2024年12月",
                "",
            ),
            ("党委文件归档", "党委文件当年立卷归档。", "科员汪洋", "档案室", "2025年3月", ""),
        ),
    ),
    Sheet(
        "组织部",
        _DEPT_HEADER,
        (
            (
                "基层党组织标准化规范化建设",
                "开展二级学院党组织“对标争先”建设，创建样板支部3个。",
                "部长王凯",
                "各二级学院党总支",
                "2024年12月",
                "",
            ),
            (
                "教师党支部书记“双带头人”培育",
                "教师党支部书记“双带头人”比例保持100%。",
                "副部长刘畅",
                "人事处",
                "2024年9月",
                "",
            ),
            (
                "党员发展",
                "全年发展学生党员120名，发展教师党员不少于3名。",
                "组织员张悦",
                "学生工作部、团委",
                "2024年12月",
                "",
            ),
            (
                "党员教育培训",
                "举办入党积极分子、发展对象培训班各2期。",
                "组织员张悦",
                "马克思主义学院",
                "2024年11月",
                "",
            ),
            (
                "干部选拔任用",
                "严格执行干部选拔任用工作程序，动议、考察、讨论决定全程纪实。",
                "部长王凯",
                "纪委办公室",
                "按需",
                "",
            ),
            (
                "干部教育培训",
                "中层干部年度集中培训不少于40学时。",
                "副部长刘畅",
                "人事处",
                "2024年10月",
                "",
            ),
            ("党费收缴管理", "按月收缴党费，每年公示1次。", "", "财务处", "每月", ""),
            (
                "“三会一课”督导",
                "每学期抽查党支部组织生活记录不少于10个。",
                "组织员张悦",
                "纪委办公室",
                "每学期",
                "",
            ),
            (
                "党建工作述职评议",
                "组织二级学院党总支书记述职评议，结果运用于年度考核。",
                "部长王凯",
                "",
                "2025年1月",
                "",
            ),
            (
                "毕业生党员组织关系转接",
                "毕业生党员组织关系转接率达到100%。",
                "组织员张悦",
                "学生工作部",
                "2024年7月",
                "",
            ),
        ),
    ),
    Sheet(
        "宣传部",
        ("序号", "任务内容", "具体举措", "责任人", "协同部门", "时间节点", "完成情况"),
        (
            (
                "落实意识形态工作责任制",
                "每半年开展意识形态形势研判1次，研判报告报党委。",
                "部长陈晓",
                "党委办公室",
                "2024年6月、12月",
                "",
            ),
            (
                "网络意识形态阵地管理",
                "校园网站、新媒体账号信息发布实行“三审三校”，执行率100%。",
                "副部长邓丽",
                "信息中心",
                "全年",
                "",
            ),
            (
                "党委理论学习中心组学习",
                "制定年度学习计划，全年集中学习不少于12次。",
                "部长陈晓",
                "党委办公室",
                "2024年12月",
                "",
            ),
            (
                "新闻宣传",
                "在省级以上媒体刊发学院新闻不少于15篇。",
                "科员吴迪",
                "各二级学院",
                "2024年12月",
                "",
            ),
            (
                "校园文化建设",
                "打造“一院一品”校园文化品牌。",
                "副部长邓丽",
                "团委、学生工作部",
                "2024年10月",
                "",
            ),
            ("师德师风宣传", "开展师德师风先进典型宣传。", "科员吴迪", "人事处、教务处", "", ""),
            (
                "舆情应对处置",
                "重大舆情2小时内报告、24小时内回应。",
                "部长陈晓",
                "党委办公室、保卫处",
                "全年",
                "",
            ),
            (
                "统一战线工作",
                "每年召开党外人士座谈会不少于2次。",
                "部长陈晓",
                "",
                "2024年12月",
                "",
            ),
        ),
    ),
    Sheet(
        "学生工作部",
        ("序号", "工作任务", "工作措施", "责任科室/责任人", "配合部门", "完成时限", "完成情况"),
        (
            (
                "学生党建",
                "学生党员“推优入党”比例达到100%。",
                "部长黄磊",
                "团委",
                "2024年12月",
                "",
            ),
            (
                "辅导员队伍建设",
                "辅导员每学期参加培训不少于16学时。",
                "副部长孙婷",
                "人事处",
                "每学期",
                "",
            ),
            (
                "学生思想政治教育",
                "开展“开学第一课”“毕业最后一课”主题教育。",
                "各二级学院党总支",
                "马克思主义学院",
                "2024年9月",
                "",
            ),
            (
                "心理健康教育",
                "新生心理普查覆盖率达到100%。",
                "心理健康教育中心",
                "各二级学院",
                "2024年10月",
                "",
            ),
            (
                "资助育人",
                "家庭经济困难学生认定准确率100%。",
                "副部长孙婷",
                "财务处",
                "2024年11月",
                "",
            ),
            (
                "学生公寓党建",
                "在学生公寓设立党员先锋岗20个。",
                "部长黄磊",
                "后勤处、团委",
                "2024年12月",
                "",
            ),
            (
                "学生安全稳定",
                "每月开展学生安全隐患排查1次。",
                "部长黄磊",
                "保卫处",
                "每月",
                "",
            ),
        ),
    ),
    Sheet(
        "马克思主义学院",
        _DEPT_HEADER,
        (
            ("思政课教学改革", "", "院长郑伟", "教务处", "2024年12月", ""),
            ("集体备课", "每两周开展集体备课1次。", "副院长冯琳", "", "全年", ""),
            (
                "思政课教师队伍建设",
                "专职思政课教师与在校生比例不低于1:350。",
                "院长郑伟",
                "人事处",
                "2024年9月",
                "",
            ),
            (
                "“大思政课”实践教学",
                "建设校外实践教学基地5个。",
                "副院长冯琳",
                "学生工作部、团委",
                "2024年11月",
                "",
            ),
            (
                "理论宣讲",
                "组建师生理论宣讲团，全年宣讲不少于30场。",
                "马克思主义学院党总支",
                "宣传部",
                "2024年12月",
                "",
            ),
        ),
        blank_before_header=True,
    ),
    Sheet(
        "纪委办公室",
        _DEPT_HEADER,
        (
            (
                "监督检查",
                "对学院党委落实全面从严治党主体责任情况开展监督检查，每半年1次。",
                "主任曹阳",
                "党委办公室",
                "2024年6月、12月",
                "",
            ),
            (
                "廉政风险防控",
                "招生、基建、采购等重点领域廉政风险点排查全覆盖。",
                "副主任唐静",
                "招生就业处、后勤处、资产处",
                "2024年5月",
                "",
            ),
            (
                "警示教育",
                "每季度至少开展警示教育1次。",
                "副主任唐静",
                "组织部",
                "每季度",
                "",
            ),
            ("信访举报处置", "信访举报件办结率100%。", "主任曹阳", "", "全年", ""),
            ("作风建设监督", "开展作风建设专项检查。", "主任曹阳", "党委办公室", "", ""),
            (
                "“一案双查”",
                "对发生违纪问题的部门，既查当事人责任，又倒查主体责任和监督责任。",
                "主任曹阳",
                "组织部",
                "按需",
                "",
            ),
        ),
    ),
)
#: The hidden sheet: last year's version of the organisation department's tasks.
COLLEGE_OLD_SHEET = Sheet(
    "组织部（2023版）",
    _DEPT_HEADER,
    (
        (
            "基层党组织建设",
            "开展党支部“达标创星”活动。",
            "部长王凯",
            "各二级学院党总支",
            "2023年12月",
            "已完成",
        ),
        ("党员发展", "全年发展学生党员100名。", "组织员张悦", "学生工作部", "2023年12月", "已完成"),
        ("党员教育培训", "举办入党积极分子培训班2期。", "组织员张悦", "", "2023年11月", "已完成"),
        ("干部教育培训", "中层干部培训不少于32学时。", "副部长刘畅", "人事处", "2023年10月", ""),
    ),
)
COLLEGE_NOTE = (
    "填表说明",
    "1.各部门按本部门工作表填写2024年党建工作任务，由党委组织部汇总。",
    "2.“完成情况”栏每季度末更新一次，任务完成后注明“已销号”。",
    "3.责任人填写本部门负责该项任务的人员，配合部门填写需协同的部门。",
    "党委组织部　2024年2月",
)


def college_title(sheet: str, year: int = 2024) -> str:
    """Return the title row of a department's sheet.

    Examples
    --------
    >>> college_title("组织部")
    '组织部2024年党建工作任务清单'
    """
    return f"{sheet}{year}年党建工作任务清单"


def college_xlsx() -> bytes:
    """Return ``学院各部门党建任务.xlsx``."""
    wb = Workbook()
    note = wb.active
    note.title = "说明"
    for i, line in enumerate(COLLEGE_NOTE, 1):
        note.cell(row=i, column=1, value=line)
    note["A1"].font = Font(bold=True, size=14)
    note.column_dimensions["A"].width = 80
    for sheet, year, hidden in [
        *((s, 2024, False) for s in COLLEGE_SHEETS),
        (COLLEGE_OLD_SHEET, 2023, True),
    ]:
        ws = wb.create_sheet(sheet.name)
        width = len(sheet.header)
        _title_row(ws, college_title(sheet.name.split("（")[0], year), width)
        first = 3 if sheet.blank_before_header else 2
        body = [(str(i), *row) for i, row in enumerate(sheet.rows, 1)]
        _table_rows(ws, first, [sheet.header, *body])
        _widths(ws, (6, 26, 44, 16, 22, 14, 14))
        ws.freeze_panes = f"A{first + 1}"
        if hidden:
            ws.sheet_state = "hidden"
    return _xlsx_bytes(wb)


# --------------------------------------------------------------------------------------
# 4. 市直单位主体责任清单.docx — a grouped subject list in Word paragraphs, no table
# --------------------------------------------------------------------------------------

CITY_TITLE = "随州市市直单位党委（党组）落实全面从严治党主体责任清单"
CITY_PREFACE = (
    "为推动市直单位党委（党组）全面落实从严治党主体责任，根据《党委（党组）落实全面从严治党"
    "主体责任规定》，结合市直单位实际，制定本清单。"
)
#: (heading, item marker style, items); the last section is not a subject.
CITY_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "一、党委（党组）主体责任",
        "{n}.",
        (
            (
                "把党的政治建设摆在首位，严格执行重大事项请示报告制度，每年向市委书面报告落实"
                "全面从严治党主体责任情况。"
            ),
            (
                "每半年至少召开1次党委（党组）会议专题研究全面从严治党工作，分析研判形势，"
                "研究解决突出问题。"
            ),
            "落实意识形态工作责任制，每半年专题研判意识形态领域情况1次。",
            "加强领导班子和干部队伍建设，严格执行干部选拔任用工作条例，坚持“凡提四必”。",
            "加强基层党组织建设，所属党支部标准化规范化建设达标率达到100%。",
            "加强党的全面领导。",
            "支持派驻纪检监察组履行监督责任，定期听取工作汇报，每年不少于2次。",
        ),
    ),
    (
        "二、党委（党组）书记第一责任人责任",
        "{n}.",
        (
            (
                "对本单位全面从严治党工作负总责，做到重要工作亲自部署、重大问题亲自过问、"
                "重点环节亲自协调、重要案件亲自督办。"
            ),
            "每年主持召开全面从严治党工作会议，与班子成员逐一签订责任书。",
            "每年与班子成员、下级党组织主要负责人开展谈心谈话不少于1次，发现苗头性问题及时提醒。",
            "带头讲党课，每年不少于1次。",
            "督促班子成员抓好分管部门党风廉政建设。",
            "每年向市委和市纪委监委书面报告履行第一责任人职责情况。",
        ),
    ),
    (
        "三、班子其他成员“一岗双责”",
        "{n}．",
        (
            (
                "对分管领域全面从严治党工作负直接领导责任，做到业务工作与党建工作同部署、"
                "同落实、同检查、同考核。"
            ),
            "抓好分管部门党风廉政建设，每半年听取分管部门情况汇报1次。",
            "每年到所在党支部讲党课不少于1次，参加双重组织生活。",
            "对分管部门干部开展廉政谈话，每年不少于1次。",
            "发现分管领域违纪违法问题，及时向党委（党组）和派驻纪检监察组报告。",
        ),
    ),
    (
        "四、纪委（纪检组）监督责任",
        "{n}.",
        (
            "协助党委（党组）推进全面从严治党，每半年向党委（党组）报告主体责任落实情况。",
            "对班子成员履行“一岗双责”情况开展监督，每年不少于1次。",
            "坚持“一案双查”，对落实主体责任不力的严肃问责。",
            "运用监督执纪“四种形态”，抓早抓小。",
            "加强对“关键少数”的监督，对苗头性、倾向性问题及时开展提醒谈话。",
        ),
    ),
    (
        "五、责任追究",
        "{n}.",
        (
            "对落实主体责任不力的，依照《中国共产党问责条例》进行问责。",
            "年度考核为“较差”等次的单位，由市委对党委（党组）书记进行约谈。",
            "本清单执行情况纳入市直单位年度综合考核。",
        ),
    ),
)
CITY_CLOSING = "本清单自印发之日起执行，由中共随州市直属机关工作委员会负责解释。"


def city_paragraphs() -> list[tuple[str, bool]]:
    """Return the paragraphs of the grouped list with whether each is a bold heading.

    Examples
    --------
    >>> paragraphs = city_paragraphs()
    >>> paragraphs[2]
    ('一、党委（党组）主体责任', True)
    >>> paragraphs[3][0][:7]
    '1.把党的政治'
    """
    out = [(CITY_TITLE, True), (CITY_PREFACE, False)]
    for heading, marker, items in CITY_SECTIONS:
        out.append((heading, True))
        out.extend((marker.format(n=n) + item, False) for n, item in enumerate(items, 1))
    out.append((CITY_CLOSING, False))
    return out


def city_docx() -> bytes:
    """Return ``市直单位主体责任清单.docx``."""
    document = _docx()
    document.core_properties.title = CITY_TITLE
    for i, (text, bold) in enumerate(city_paragraphs()):
        _paragraph(document, text, bold=bold, center=i == 0)
    return _docx_bytes(document)


# --------------------------------------------------------------------------------------
# 5. 乡镇党委主体责任清单.xlsx — 责任主体 | 责任内容 | 具体措施, subject merged over its rows
# --------------------------------------------------------------------------------------

TOWNSHIP_TITLE = "中共随县高城镇委员会2024年度全面从严治党主体责任清单"
TOWNSHIP_HEADER = ("序号", "责任主体", "责任内容", "具体措施")
#: (责任主体, ((责任内容, 具体措施), ...)); 序号 restarts under each subject.
TOWNSHIP_SUBJECTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "镇党委",
        (
            (
                "履行管党治党政治责任",
                (
                    "每季度召开党委会专题研究全面从严治党工作不少于1次；年初制定工作要点，"
                    "年底向县委述职述责。"
                ),
            ),
            ("加强基层党组织建设", "开展村（社区）党组织星级评定，四星级以上达到60%。"),
            ("抓好党员队伍建设", "全年发展党员12名；外出流动党员纳入组织管理率100%。"),
            ("落实意识形态工作责任制", "每半年研判意识形态形势1次。"),
            ("支持镇纪委履行监督责任", "每半年听取镇纪委工作汇报不少于1次。"),
            ("加强作风建设", ""),
        ),
    ),
    (
        "镇党委书记",
        (
            (
                "履行第一责任人职责，对本镇全面从严治党工作负总责",
                "做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办。",
            ),
            ("抓班子带队伍", "每年与班子成员开展谈心谈话不少于2次。"),
            ("抓基层党建述职", "年底向县委述职；每年到每个村（社区）调研不少于2次。"),
            (
                "软弱涣散村党组织整顿",
                "牵头包保高庙村，高庙村党支部书记空缺期间明确镇班子成员代管，年底前完成整顿转化。",
            ),
            ("落实意识形态工作第一责任人责任", "每半年主持研判意识形态形势1次。"),
        ),
    ),
    (
        "镇党委副书记、镇长",
        (
            (
                "落实“一岗双责”，抓好政府系统党风廉政建设",
                "每半年听取分管部门党风廉政建设情况汇报1次。",
            ),
            ("加强工程项目、惠农资金等领域廉政风险防控", "重大项目资金使用全程公开。"),
            ("支持党委抓党建促乡村振兴", "村级集体经济年收入5万元以上的村达到100%。"),
        ),
    ),
    (
        "班子其他成员",
        (
            (
                "落实“一岗双责”，抓好分管领域党风廉政建设",
                "与分管站所负责人签订责任书，签订率100%。",
            ),
            ("抓好联系村（社区）党建工作", "每月到联系村不少于2次。"),
            ("软弱涣散村党组织整顿", "包村领导具体负责高庙村整顿，每月报告整顿进展。"),
            ("及时报告分管领域违纪违法问题", ""),
        ),
    ),
    (
        "镇纪委",
        (
            (
                "履行监督责任",
                "每半年对镇直单位、村（社区）落实主体责任情况开展监督检查1次。",
            ),
            ("协助党委推进全面从严治党", "每季度向镇党委报告工作1次。"),
            ("执纪问责", "对落实主体责任不力的，实行“一案双查”。"),
            ("村级“小微权力”监督", "村务公开覆盖率达到100%。"),
        ),
    ),
    (
        "各村（社区）党组织",
        (
            (
                "落实“三会一课”制度",
                "党支部每月召开支委会1次，每季度召开党员大会1次、上党课1次。",
            ),
            ("规范村务运行", "落实“四议两公开”，执行率100%。"),
        ),
    ),
)


def township_xlsx() -> bytes:
    """Return ``乡镇党委主体责任清单.xlsx``."""
    wb = Workbook()
    ws = wb.active
    ws.title = "主体责任清单"
    _title_row(ws, TOWNSHIP_TITLE, len(TOWNSHIP_HEADER))
    body: list[tuple[str, ...]] = [TOWNSHIP_HEADER]
    for subject, items in TOWNSHIP_SUBJECTS:
        body.extend((str(n), subject, duty, measure) for n, (duty, measure) in enumerate(items, 1))
    _table_rows(ws, 2, body)
    first = 3
    for subject, items in TOWNSHIP_SUBJECTS:
        last = first + len(items) - 1
        for r in range(first + 1, last + 1):
            ws.cell(row=r, column=2).value = None
        ws.merge_cells(start_row=first, start_column=2, end_row=last, end_column=2)
        ws.cell(row=first, column=2).value = subject
        ws.cell(row=first, column=2).alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True
        )
        first = last + 1
    _widths(ws, (6, 16, 36, 60))
    return _xlsx_bytes(wb)


# --------------------------------------------------------------------------------------
# 6. 街道2024年重点工作任务.csv — GB18030, CRLF, a title row, line breaks in cells
# --------------------------------------------------------------------------------------

STREET_TITLE = "东关街道2024年重点工作任务分解表"
STREET_HEADER = ("序号", "工作任务", "牵头单位", "责任单位", "责任领导", "时间节点")
#: (工作任务, 牵头单位, 责任单位 — here the supporting units, 责任领导, 时间节点).
STREET_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "全年地区生产总值增长5.5%左右，规模以上工业增加值增长6%。",
        "经济发展办",
        "财政所、统计站",
        "党工委副书记、办事处主任王磊",
        "每季度末通报进展\n12月底完成",
    ),
    (
        "固定资产投资增长8%，新开工亿元以上项目3个。",
        "招商服务中心",
        "经济发展办、城建办",
        "党工委委员、办事处副主任陈亮",
        "2024年12月",
    ),
    (
        (
            "落实“第一议题”制度，党工委会议第一时间传达学习习近平总书记重要讲话精神，"
            "全年不少于24次。"
        ),
        "党政办",
        "党建办",
        "党工委书记刘洪波",
        "全年",
    ),
    (
        "社区党组织书记、主任“一肩挑”比例保持100%；\n开展社区“两委”成员培训，每季度至少1次。",
        "党建办",
        "各社区党委",
        "党工委副书记吴倩",
        "每季度",
    ),
    (
        ("网格党支部覆盖率达到100%，健全“街道党工委—社区党委—网格党支部—楼栋党小组”四级组织体系。"),
        "党建办、社会事务办",
        "各社区",
        "党工委副书记吴倩",
        "2024年6月底前",
    ),
    (
        "新就业群体党建：在快递、外卖站点建立党员先锋岗。",
        "",
        "党建办、市场监管所",
        "",
        "2024年9月",
    ),
    (
        "落实意识形态工作责任制，每半年研判1次；\n做好重大舆情应对处置。",
        "宣传统战办",
        "党政办、派出所",
        "党工委委员、宣传委员周琳",
        "6月、12月",
    ),
    (
        "安全生产和信访维稳：不发生较大以上安全事故，\n信访事项按期办结率达到95%以上。",
        "应急管理办、综治中心",
        "各社区、派出所、安监中队",
        "党工委委员、政法委员赵鹏",
        "全年",
    ),
    ("持续改善辖区人居环境。", "城建办", "各社区", "", ""),
    (
        "开展“我为群众办实事”实践活动，办结民生实事10件。",
        "各社区党委",
        "党政办",
        "党工委副书记吴倩",
        "2024年11月",
    ),
    (
        "党风廉政建设：落实“一岗双责”，街道纪工委每季度至少开展1次监督检查。",
        "纪工委",
        "党政办、财政所",
        "党工委委员、纪工委书记孙洁",
        "每季度",
    ),
    (
        "城市基层治理：推行“红色物业”，住宅小区物业服务覆盖率达到100%。",
        "社会事务办",
        "城建办、各社区",
        "党工委委员、办事处副主任陈亮",
        "2024年10月",
    ),
)
STREET_NOTE = "注：责任单位为配合单位；各牵头单位于每月25日前将进展情况报党政办。"


def street_rows() -> list[list[str]]:
    """Return the street's sheet as Excel would save it (title and note padded to width).

    Examples
    --------
    >>> rows = street_rows()
    >>> rows[0]
    ['东关街道2024年重点工作任务分解表', '', '', '', '', '']
    >>> rows[1][2:4]
    ['牵头单位', '责任单位']
    """
    width = len(STREET_HEADER)
    pad = [""] * (width - 1)
    rows = [[STREET_TITLE, *pad], list(STREET_HEADER)]
    rows.extend([str(i), *row] for i, row in enumerate(STREET_ROWS, 1))
    rows.extend([[""] * width, [STREET_NOTE, *pad]])
    return rows


def street_csv() -> bytes:
    """Return ``街道2024年重点工作任务.csv`` (GB18030, CRLF)."""
    return csv_bytes(street_rows())


# --------------------------------------------------------------------------------------
# 7. 镇党委落实责任清单.txt — a plain-text notice, UTF-16 LE with BOM
# --------------------------------------------------------------------------------------

#: (section heading or None, task, {label: value}) in order; a missing label is absent.
TOWN_TASKS: tuple[tuple[str | None, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "一、政治建设",
        (
            "落实“第一议题”制度，镇党委会议第一时间传达学习习近平总书记重要讲话和指示批示精神，"
            "全年不少于24次。"
        ),
        (
            ("牵头单位：", "镇党政办"),
            ("责任单位：", "镇党建办、镇宣传办"),
            ("完成时限：", "全年"),
        ),
    ),
    (
        None,
        "镇党委理论学习中心组全年集中学习不少于12次。",
        (
            ("牵头单位：", "镇宣传办"),
            ("责任单位：", "镇党政办"),
            ("完成时限：", "2024年12月"),
        ),
    ),
    (
        "二、组织建设",
        "开展村（社区）党组织星级评定，五星级党组织达到3个。",
        (
            ("牵头单位：", "镇党建办"),
            ("责任单位：", "各村（社区）党组织"),
            ("责任领导：", "镇党委委员、组织委员褚秀兰"),
            ("完成时限：", "2024年11月"),
        ),
    ),
    (
        None,
        "对石桥村党支部开展后进整顿，年底前完成转化。",
        (
            ("牵头单位：", "镇党建办、镇综治中心"),
            ("责任单位：", "石桥村党支部"),
            ("完成时限：", "2024年12月"),
        ),
    ),
    (
        None,
        "加强流动党员教育管理，建立流动党员台账，每季度联系1次。",
        (
            ("责任单位：", "镇党建办、各村（社区）党组织"),
            ("完成时限：", "2024年6月"),
        ),
    ),
    (
        None,
        "推进厉山工业园非公企业党建，联合党支部规范化建设达标。",
        (
            ("牵头单位：", "镇党建办"),
            ("责任单位：", "厉山工业园联合党支部，县委两新工委"),
            ("完成时限：", "2024年10月"),
        ),
    ),
    (
        "三、作风和纪律建设",
        "每季度至少开展1次廉政警示教育。",
        (
            ("牵头单位:", "镇纪委"),
            ("责任单位：", "镇党政办"),
            ("责任领导：", "镇党委委员、纪委书记卫东"),
            ("完成时限：", "每季度"),
        ),
    ),
    (
        None,
        "整治群众身边不正之风和腐败问题。",
        (
            ("牵头单位：", "镇纪委"),
            ("责任单位：", "各村（社区）"),
        ),
    ),
    (
        "四、基层治理",
        "深化“党建+网格”治理，网格员配备率达到100%。",
        (
            ("牵头单位：", "镇综治中心"),
            ("责任单位：", "镇党建办、烈山社区、青龙村、石桥村"),
            ("完成时限：", "2024年9月"),
        ),
    ),
    (
        None,
        "镇党委每半年专题研究党建工作1次。",
        (
            ("牵头单位：", "镇党委"),
            ("责任单位：", ""),
            ("完成时限：", "2024年6月、12月"),
        ),
    ),
)


def town_lines() -> list[str]:
    """Return the lines of the township's plain-text notice.

    Examples
    --------
    >>> lines = town_lines()
    >>> lines[0]
    '中共随县厉山镇委员会'
    >>> [line for line in lines if line.startswith("牵头单位")][0]
    '牵头单位：镇党政办'
    """
    lines = [
        "中共随县厉山镇委员会",
        "关于印发《厉山镇2024年落实党建工作责任制任务清单》的通知",
        "",
        "各村（社区）党组织，镇直各单位：",
        (
            "　　现将《厉山镇2024年落实党建工作责任制任务清单》印发给你们，请结合实际认真抓好落实。"
            "各牵头单位每季度末向镇党建办报送工作进展。"
        ),
        "",
        "　　　　　　　　　　　　　　　　中共随县厉山镇委员会",
        "　　　　　　　　　　　　　　　　　　2024年2月20日",
        "",
        "厉山镇2024年落实党建工作责任制任务清单",
        "",
    ]
    for n, (section, task, fields) in enumerate(TOWN_TASKS, 1):
        if section:
            lines.append(section)
        lines.append(f"{n}.{task}")
        lines.extend(f"{label}{value}" for label, value in fields)
        lines.append("")
    return lines


def town_txt() -> bytes:
    """Return ``镇党委落实责任清单.txt`` (UTF-16 LE with BOM, CRLF)."""
    return txt_bytes(town_lines())


# --------------------------------------------------------------------------------------
# 8, 9. the education bureau's long list as a Word table and as old Excel
# --------------------------------------------------------------------------------------


def read_agency_rows(path: Path = AGENCY_CSV) -> tuple[str, list[list[str]]]:
    """Return the title and the rows (header first, blank rows dropped) of ``agency.csv``.

    Parameters
    ----------
    path : Path, optional
        The GB18030 long list with a title row (default ``scenarios/lists/agency.csv``).

    Returns
    -------
    tuple of (str, list of list of str)
        The title cell and the header and data rows as written.
    """
    with path.open(encoding="gb18030", newline="") as handle:
        rows = list(csv.reader(handle))
    title = rows[0][0]
    return title, [row for row in rows[1:] if any(cell.strip() for cell in row)]


def agency_docx() -> bytes:
    """Return ``教育局责任清单_长表.docx``: the long list as one Word table."""
    title, rows = read_agency_rows()
    document = _docx()
    document.core_properties.title = title
    _landscape(document)
    _paragraph(document, title, bold=True, center=True)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        cells = table.rows[r].cells
        for c, value in enumerate(values):
            cells[c].text = value
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    _paragraph(document, "随县教育局党组　　2024年1月")
    return _docx_bytes(document)


def agency_xls() -> bytes:
    """Return ``教育局责任清单_长表.xls``: the long list in old Excel, under a merged title."""
    title, rows = read_agency_rows()
    xlwt = importlib.import_module("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("责任清单")
    ws.write_merge(0, 0, 0, len(rows[0]) - 1, title, xlwt.easyxf("font: bold on, height 320"))
    bold = xlwt.easyxf("font: bold on")
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values):
            ws.write(r, c, value, bold if r == 1 else xlwt.Style.default_style)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------------------

#: File name → builder, in the order of ``README.md``.
SAMPLES: dict[str, Callable[[], bytes]] = {
    "区委2024年党建重点任务分工.docx": district_docx,
    "县直机关党工委2023年目标责任书.xls": work_committee_xls,
    "学院各部门党建任务.xlsx": college_xlsx,
    "市直单位主体责任清单.docx": city_docx,
    "乡镇党委主体责任清单.xlsx": township_xlsx,
    "街道2024年重点工作任务.csv": street_csv,
    "镇党委落实责任清单.txt": town_txt,
    "教育局责任清单_长表.docx": agency_docx,
    "教育局责任清单_长表.xls": agency_xls,
}


def build(name: str) -> bytes:
    """Return the bytes of one sample by file name.

    Examples
    --------
    >>> build("街道2024年重点工作任务.csv")[:4] == "东关".encode("gb18030")
    True
    """
    return SAMPLES[name]()


def build_all(out_dir: Path) -> list[Path]:
    """Write every sample into ``out_dir``; return the paths written.

    Parameters
    ----------
    out_dir : Path
        An existing directory.

    Returns
    -------
    list of Path
        One path per sample, in the order of :data:`SAMPLES`.
    """
    paths = []
    for name in SAMPLES:
        path = out_dir / name
        path.write_bytes(build(name))
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Write the samples (default: beside this script); return the exit code."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=HERE, help="output directory")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    for path in build_all(args.output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
