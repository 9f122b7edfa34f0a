"""The registry of rules: look a rule up by its code or name.

Besides the model rules ZG101–ZG502 the registry holds two codes that
:func:`~zeren_graph.checks.check` reports itself from the configuration:
``ZG901`` (role-cardinality: a role constraint declared in the config is not
met) and ``ZG902`` (expired-exception: an accepted exception has expired).

Examples
--------
>>> get_rule("ZG203").thresholds["min_jaccard"]
0.5
>>> get_rule("copied-list").code
'ZG401'
>>> get_rule("ZG999")
Traceback (most recent call last):
...
KeyError: "unknown rule 'ZG999'"
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from zeren_graph.checks.finding import Severity
from zeren_graph.checks.rule import Rule
from zeren_graph.checks.rules import CATALOGUE

__all__ = ["EXPIRED_EXCEPTION", "REGISTRY", "ROLE_CARDINALITY", "get_rule", "rule_key"]

#: ZG901: a role constraint declared in the configuration is not met.
ROLE_CARDINALITY = Rule(
    "ZG901",
    "role-cardinality",
    "角色数量约束",
    Severity.warning,
    "a role constraint declared in the configuration is not met",
    None,
)

#: ZG902: an accepted exception has expired; it no longer suppresses anything.
EXPIRED_EXCEPTION = Rule(
    "ZG902",
    "expired-exception",
    "例外已过期",
    Severity.warning,
    "an accepted exception of the configuration has expired",
    None,
)

#: Every rule by code, in code order.
REGISTRY: Mapping[str, Rule] = MappingProxyType(
    {r.code: r for r in (*CATALOGUE, ROLE_CARDINALITY, EXPIRED_EXCEPTION)}
)

_BY_NAME = {r.name: r.code for r in REGISTRY.values()}


def rule_key(code_or_name: str) -> str | None:
    """Return the code of a rule given its code (any case) or name; ``None`` if unknown.

    Examples
    --------
    >>> rule_key("zg101"), rule_key("unowned-duty"), rule_key("nope")
    ('ZG101', 'ZG101', None)
    """
    key = code_or_name.strip()
    if key.upper() in REGISTRY:
        return key.upper()
    return _BY_NAME.get(key.lower().replace("_", "-"))


def get_rule(code_or_name: str) -> Rule:
    """Return the rule with this code or name.

    Raises
    ------
    KeyError
        If no rule has this code or name.

    Examples
    --------
    >>> get_rule("ZG101").name
    'unowned-duty'
    """
    code = rule_key(code_or_name)
    if code is None:
        msg = f"unknown rule {code_or_name!r}"
        raise KeyError(msg)
    return REGISTRY[code]
