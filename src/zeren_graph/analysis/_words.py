"""The English and Chinese words of the accountability chain's text rendering."""

from __future__ import annotations

from zeren_graph.vocab import Role, SupervisionKind

__all__ = ["KIND_WORDS", "ROLE_WORDS", "WORDS"]

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Accountability chain of duty '{name}' (scope {scope}, id {duty})",
        "owner": "owner",
        "first_responsible": "first responsible of {unit}",
        "supervisor": "supervisor",
        "superior": "first responsible of {unit} (superior)",
        "missing": "none found",
        "collective": "unit as a whole, no individual",
        "vacant": "(vacant)",
        "sep": ", ",
        "root": "root of the chain of command: {root}",
        "record": "supervision record ({kind})",
        "period": ", every {n} months",
    },
    "zh": {
        "title": "职责「{name}」(范围:{scope},编号:{duty})的责任链(一案双查、倒查)",
        "owner": "责任人",
        "first_responsible": "{unit}第一责任人",
        "supervisor": "监督责任",
        "superior": "上级{unit}第一责任人",
        "missing": "未找到",
        "collective": "单位集体,无具体责任人",
        "vacant": "(空缺)",
        "sep": "、",
        "root": "追溯至最高层级:{root}",
        "record": "监督安排({kind})",
        "period": ",每{n}个月",
    },
}

KIND_WORDS: dict[str, dict[SupervisionKind, str]] = {
    "en": {},
    "zh": {
        SupervisionKind.inspection: "督察",
        SupervisionKind.assessment: "考核",
        SupervisionKind.report: "报告",
        SupervisionKind.ask: "询问",
        SupervisionKind.visit: "暗访",
        SupervisionKind.talk: "约谈",
    },
}

ROLE_WORDS: dict[str, dict[Role, str]] = {
    "en": {role: role.value for role in Role},
    "zh": {
        Role.primary: "主体责任",
        Role.first_responsible: "第一责任人",
        Role.direct: "直接责任",
        Role.lead: "牵头",
        Role.support: "配合",
        Role.supervisory: "监督责任",
    },
}
