"""Responsibility checks: the rule catalogue, its configuration, coverage and reports.

Examples
--------
>>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="乙镇党委")], has_hierarchy=False,
...     duties=[Duty(id="乙镇党委/组织生活", name="组织生活", scope="乙镇党委")])
>>> [(f.code, f.subjects) for f in check(m).findings]
[('ZG101', ('乙镇党委/组织生活',))]
"""

from zeren_graph.checks.config import (
    AcceptedException,
    CheckConfig,
    RoleConstraint,
    RuleSettings,
    find_config,
    load_config,
)
from zeren_graph.checks.coverage import Coverage, CoverageFigures, coverage
from zeren_graph.checks.finding import Finding, Lang, Severity
from zeren_graph.checks.registry import REGISTRY, get_rule
from zeren_graph.checks.render import to_json, to_markdown, to_text
from zeren_graph.checks.report import CheckReport, Note, Summary, Suppressed, check
from zeren_graph.checks.rule import Rule

__all__ = [
    "REGISTRY",
    "AcceptedException",
    "CheckConfig",
    "CheckReport",
    "Coverage",
    "CoverageFigures",
    "Finding",
    "Lang",
    "Note",
    "RoleConstraint",
    "Rule",
    "RuleSettings",
    "Severity",
    "Summary",
    "Suppressed",
    "check",
    "coverage",
    "find_config",
    "get_rule",
    "load_config",
    "to_json",
    "to_markdown",
    "to_text",
]
