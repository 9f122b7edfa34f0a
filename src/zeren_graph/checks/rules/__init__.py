"""The rule catalogue, one module per family of rules.

Examples
--------
>>> [r.code for r in CATALOGUE][:3]
['ZG101', 'ZG102', 'ZG103']
"""

from zeren_graph.checks.rules import capacity, decomposition, overlap, ownership, supervision

__all__ = ["CATALOGUE"]

#: Every model rule in code order (ZG101–ZG502).
CATALOGUE = (
    *ownership.RULES,
    *overlap.RULES,
    *supervision.RULES,
    *decomposition.RULES,
    *capacity.RULES,
)
