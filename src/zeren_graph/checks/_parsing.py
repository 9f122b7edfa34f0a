"""Turn a parsed configuration's problems into :class:`~zeren_graph.errors.Problem` objects.

Helpers of :mod:`zeren_graph.checks.config`: the ``rules`` table is checked by
hand (its keys are rule codes or names, its values several shapes) so that
every problem carries its full key path.

Examples
--------
>>> found = []
>>> parse_rules({"ZG203": {"min_shard": 2}}, "zeren.yaml", "rules", found)
{'ZG203': {'enabled': True, 'severity': None, 'thresholds': {}}}
>>> print(found[0])
zeren.yaml, rules.ZG203.min_shard: unknown key 'min_shard'; did you mean 'min_shared'?
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from zeren_graph.checks.finding import Severity
from zeren_graph.checks.registry import REGISTRY, rule_key
from zeren_graph.errors import Problem, did_you_mean

__all__ = ["parse_rules", "problem", "pydantic_problems"]


def problem(
    message: str, file: str | None, path: str, value: object = None, hint: str | None = None
) -> Problem:
    return Problem(
        "invalid-config",
        message,
        file=file,
        path=path or None,
        value=None if value is None else str(value),
        hint=hint,
    )


def pydantic_problems(exc: ValidationError, file: str | None, prefix: str) -> list[Problem]:
    out = []
    for err in exc.errors():
        path = prefix + "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]
        ).lstrip(".")
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {err['loc'][-1]!r}"
        elif err["type"] == "missing":
            msg = f"missing required key {err['loc'][-1]!r}"
        out.append(problem(msg, file, path, err.get("input") if err["loc"] else None))
    return out


def parse_rules(
    data: Any, file: str | None, path: str, problems: list[Problem]
) -> dict[str, dict[str, Any]]:
    if not isinstance(data, Mapping):
        problems.append(problem("'rules' must be a mapping of rule codes", file, path))
        return {}
    out: dict[str, dict[str, Any]] = {}
    names = [*REGISTRY, *(r.name for r in REGISTRY.values())]
    for key, value in data.items():
        where = f"{path}.{key}"
        code = rule_key(str(key))
        if code is None:
            hint = did_you_mean(str(key), names)
            problems.append(problem(f"unknown rule {key!r}", file, where, key, hint))
            continue
        settings = parse_rule(code, value, file, where, problems)
        if settings is not None:
            out[code] = settings
    return out


def parse_rule(
    code: str, value: Any, file: str | None, where: str, problems: list[Problem]
) -> dict[str, Any] | None:
    if isinstance(value, bool):
        return {"enabled": value}
    if isinstance(value, str):
        value = {"severity": value}
    if not isinstance(value, Mapping):
        msg = "expected true/false, a severity or a mapping"
        problems.append(problem(msg, file, where, value))
        return None
    known = REGISTRY[code].thresholds
    enabled, severity, thresholds = True, None, {}
    for key, v in value.items():
        at = f"{where}.{key}"
        if key == "enabled" and isinstance(v, bool):
            enabled = v
        elif key == "severity" and isinstance(v, str) and v in Severity.__members__:
            severity = Severity(v)
        elif key in known and isinstance(v, int | float) and not isinstance(v, bool):
            if isinstance(known[key], int) and v != int(v):
                problems.append(problem("expected a whole number", file, at, v))
            thresholds[key] = v
        elif key in ("enabled", "severity", *known):
            expect = {"enabled": "true or false", "severity": "error, warning or info"}
            msg = f"expected {expect.get(key, 'a number')}"
            problems.append(problem(msg, file, at, v))
        else:
            pool = ["enabled", "severity", *known]
            hint = did_you_mean(str(key), pool) or f"{code} accepts: {', '.join(pool)}"
            problems.append(problem(f"unknown key {key!r}", file, at, key, hint))
    return {"enabled": enabled, "severity": severity, "thresholds": thresholds}
