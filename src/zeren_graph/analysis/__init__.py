"""Analyses beyond single findings: the accountability chain, what-if and diff.

* :func:`accountability_chain` — who answers for a duty (一案双查, 倒查);
* :func:`what_if` — the findings a vacancy, a removed unit or a merger would
  introduce or resolve;
* :func:`diff` — findings introduced and resolved, and assignments changed,
  between two versions of a list.
"""

from zeren_graph.analysis.chain import (
    AccountabilityChain,
    ChainStep,
    StepKind,
    Via,
    accountability_chain,
)
from zeren_graph.analysis.diff import (
    AssignmentChange,
    Checker,
    FieldChange,
    FindingDelta,
    ModelDiff,
    PostChange,
    compare_assignments,
    compare_findings,
    compare_posts,
    diff,
    make_checker,
)
from zeren_graph.analysis.lookup import resolve_duty
from zeren_graph.analysis.whatif import WhatIfResult, apply_what_if, what_if

__all__ = [
    "AccountabilityChain",
    "AssignmentChange",
    "ChainStep",
    "Checker",
    "FieldChange",
    "FindingDelta",
    "ModelDiff",
    "PostChange",
    "StepKind",
    "Via",
    "WhatIfResult",
    "accountability_chain",
    "apply_what_if",
    "compare_assignments",
    "compare_findings",
    "compare_posts",
    "diff",
    "make_checker",
    "resolve_duty",
    "what_if",
]
