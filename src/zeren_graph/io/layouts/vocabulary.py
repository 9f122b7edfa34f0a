"""The column vocabularies of the layouts other than the long list.

:data:`TASK_COLUMNS` (task tables, 任务分工表) and :data:`GROUPED_COLUMNS`
(grouped subject lists as a table, 责任主体 | 责任内容 | 具体措施) are tried, in
this order, after the long list's columns: :data:`LAYOUT_COLUMNS` is the long
list's :class:`~zeren_graph.io.columns.ColumnSet` with them as alternatives, so
one header row tells the layout.

Examples
--------
>>> LAYOUT_COLUMNS.detect(["序号", "重点任务", "牵头单位"])[0] is TASK_COLUMNS
True
>>> LAYOUT_COLUMNS.detect(["序号", "责任主体", "责任内容", "具体措施"])[0] is GROUPED_COLUMNS
True
>>> LAYOUT_COLUMNS.detect(["职责", "单位", "责任类型"])[0] is LAYOUT_COLUMNS
True
>>> LAYOUT_COLUMNS.detect(["序号", "工作任务", "完成时限"]) is None
True
>>> SHEET_COLUMNS.detect(["序号", "工作任务", "完成时限"])[0] is SHEET_TASK_COLUMNS
True
"""

from __future__ import annotations

import dataclasses

from zeren_graph.io.columns import LIST_COLUMNS, ColumnSet

__all__ = [
    "GROUPED_COLUMNS",
    "LAYOUT_COLUMNS",
    "SHEET_COLUMNS",
    "SHEET_TASK_COLUMNS",
    "TASK_COLUMNS",
]

#: The column vocabulary of task tables.
TASK_COLUMNS = ColumnSet(
    aliases={
        "id": ("序号", "编号"),
        "task": ("工作任务", "重点任务", "任务内容", "工作内容", "年度目标", "具体任务", "工作事项",
                 "任务", "目标任务", "重点工作"),
        "measures": ("具体措施", "工作措施", "任务分解", "具体举措", "主要措施"),
        "indicator": ("预期目标", "工作目标", "考核要点", "目标及质量要求", "考核指标"),
        "deadline": ("完成时限", "时间节点", "拟定时限", "时序进度", "完成时间"),
        "lead": ("牵头单位", "牵头部门", "牵头责任单位", "主要责任单位", "牵头委室"),
        "support": ("配合单位", "协同单位", "协同责任单位", "协作单位", "协作和配合单位",
                    "参与单位", "其他责任单位", "责任(配合)单位", "协同配合单位", "配合部门",
                    "协同部门"),
        "responsible": ("责任单位", "责任部门"),
        "owner": ("责任人", "责任科室/责任人", "责任科室", "具体责任人"),
        "leaders": ("责任领导", "牵头领导", "分管领导", "牵头县领导", "县政府分线领导", "联系领导"),
        "supervision": ("督办单位", "监督单位", "督查单位"),
        "category": ("类别",),
        "role": ("责任类型",),
    },
    required=(),
    any_of=(("task", "indicator"), ("lead", "support", "responsible", "leaders", "owner")),
    none_of=("role",),
    layout="task_table",
)  # fmt: skip
#: A task table without holder columns: read only as a sheet of a workbook with a sheet per
#: department, where the sheet's unit holds every task.
SHEET_TASK_COLUMNS = dataclasses.replace(TASK_COLUMNS, any_of=(("task",),))
#: The column vocabulary of a grouped subject list written as a table.
GROUPED_COLUMNS = ColumnSet(
    aliases={
        "id": ("序号", "编号"),
        "subject": ("责任主体", "主体", "责任对象"),
        "content": ("责任内容", "主要职责", "责任事项", "职责内容"),
        "measures": ("具体措施", "工作措施", "具体要求", "履责措施"),
        "deadline": ("完成时限", "时间节点"),
        "role": ("责任类型",),
    },
    required=("subject", "content"),
    none_of=("role",),
    layout="grouped",
)  # fmt: skip
#: The long list's columns, with task tables and grouped lists as the alternatives.
LAYOUT_COLUMNS = dataclasses.replace(LIST_COLUMNS, alternatives=(TASK_COLUMNS, GROUPED_COLUMNS))
#: The layouts a sheet of a workbook with a sheet per department may have: those of
#: :data:`LAYOUT_COLUMNS`, then a task table without holder columns.
SHEET_COLUMNS = dataclasses.replace(
    LIST_COLUMNS, alternatives=(TASK_COLUMNS, GROUPED_COLUMNS, SHEET_TASK_COLUMNS)
)
