"""Read a scenario file, apply ``--set`` overrides, and report errors by key path.

Examples
--------
>>> s = parse_scenario({"name": "示例", "hierarchy": {"levels": ["省", "市"], "span": [1, 3]}})
>>> s.horizon_months
60
>>> parse_scenario({"name": "坏", "hierarchy": {"levels": ["省"], "span": [1]},
...                 "supervision": [{}, {"period": 0}]})
Traceback (most recent call last):
...
zeren_graph.errors.ScenarioError: supervision[1].period: must be > 0, got 0
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from zeren_graph.errors import Problem, ScenarioError, did_you_mean
from zeren_graph.sim.scenario import Scenario

__all__ = ["apply_overrides", "format_path", "load_scenario", "parse_scenario"]

_BOUNDS = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<",
           "less_than_equal": "<="}  # fmt: skip


def format_path(loc: Sequence[int | str]) -> str:
    """Render a pydantic location as a key path.

    Examples
    --------
    >>> format_path(("supervision", 1, "period"))
    'supervision[1].period'
    """
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fields_at(loc: Sequence[int | str]) -> list[str]:
    model: type[BaseModel] | None = Scenario
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        ann = field.annotation
        args = [*getattr(ann, "__args__", ()), ann]
        model = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if model is None:  # tuple[Schedule, ...] and friends
            inner = [x for a in args for x in getattr(a, "__args__", ())]
            model = next(
                (a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None
            )
    return list(model.model_fields) if model is not None else []


def _problem(err: Mapping[str, Any], file: str | None) -> Problem:
    loc = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    path = format_path(loc) or "(top)"
    if kind in _BOUNDS:
        bound = next(iter(err.get("ctx", {}).values()), "?")
        message = f"must be {_BOUNDS[kind]} {bound}, got {value!r}"
    elif kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "unknown key"
        hint = did_you_mean(str(loc[-1]), _fields_at(loc))
        return Problem("invalid-scenario", message, file=file, path=path, hint=hint)
    else:
        text = str(err["msg"]).removeprefix("Value error, ")
        message = text if "got" in text else f"{text}, got {value!r}"
    return Problem("invalid-scenario", message, file=file, path=path,
                   value=None if isinstance(value, dict) else str(value))  # fmt: skip


def parse_scenario(data: Any, *, file: str | None = None) -> Scenario:
    """Validate a scenario mapping; raise :class:`ScenarioError` naming every bad key path.

    Examples
    --------
    >>> parse_scenario({"name": "x", "hierarchy": {"levels": ["省"], "span": [1]},
    ...                 "horizon": 5})
    Traceback (most recent call last):
    ...
    zeren_graph.errors.ScenarioError: horizon: unknown key; did you mean 'horizon_months'?
    """
    if not isinstance(data, Mapping):
        raise ScenarioError(Problem("invalid-scenario", "a scenario must be a mapping", file=file))
    try:
        return Scenario.model_validate(dict(data))
    except ValidationError as exc:
        raise ScenarioError([_problem(e, file) for e in exc.errors()]) from exc


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    pos = 0
    for m in _STEP.finditer(path):
        if m.start() not in (pos, pos + 1):
            break
        pos = m.end()
        key, index = m.groups()
        steps.append(int(index) if index is not None else (int(key) if key.isdigit() else key))
    if not steps or pos != len(path):
        raise ScenarioError(Problem("invalid-scenario", "cannot parse the key path", path=path))
    return steps


def apply_overrides(data: Mapping[str, Any], assignments: Sequence[str]) -> dict[str, Any]:
    """Apply ``key.path=value`` overrides (values parsed as YAML scalars) to a mapping.

    Examples
    --------
    >>> d = {"transmission": {"retention": 0.9}, "supervision": [{"period": 6}]}
    >>> apply_overrides(d, ["transmission.retention=0.8", "supervision[0].period=3"])
    {'transmission': {'retention': 0.8}, 'supervision': [{'period': 3}]}
    """
    import copy  # noqa: PLC0415

    out: dict[str, Any] = copy.deepcopy(dict(data))
    for item in assignments:
        path, sep, text = item.partition("=")
        if not sep or not path.strip():
            msg = "an override must read key.path=value"
            raise ScenarioError(Problem("invalid-scenario", msg, value=item))
        steps = _steps(path.strip())
        node: Any = out
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            where = format_path(steps[: i + 1])
            if isinstance(step, int):
                if not isinstance(node, list) or not -len(node) <= step < len(node):
                    msg = f"no item {step} here (override {path!r})"
                    raise ScenarioError(Problem("invalid-scenario", msg, path=where))
            elif not isinstance(node, dict):
                msg = f"not a mapping, cannot set {step!r} (override {path!r})"
                raise ScenarioError(Problem("invalid-scenario", msg, path=where))
            if last:
                node[step] = yaml.safe_load(text)
            else:
                if isinstance(node, dict) and step not in node:
                    node[step] = {}
                node = node[step]
    return out


def _resolve_paths(data: dict[str, Any], base: Path) -> None:
    hierarchy = data.get("hierarchy")
    if isinstance(hierarchy, dict):
        for key in ("model", "units"):
            value = hierarchy.get(key)
            if isinstance(value, str) and not Path(value).is_absolute():
                hierarchy[key] = str(base / value)


def load_scenario(path: str | Path, *, overrides: Sequence[str] = ()) -> Scenario:
    r"""Read a scenario YAML file, apply overrides, validate it.

    Paths inside (``hierarchy.model``, ``hierarchy.units``) are relative to the file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "s.yaml").write_text(
    ...     "name: 示例\nhierarchy: {levels: [省, 市], span: [1, 2]}\n", encoding="utf-8")
    >>> load_scenario(d / "s.yaml", overrides=["horizon_months=12"]).horizon_months
    12
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScenarioError(Problem("invalid-scenario", f"not valid YAML: {exc}",
                                    file=str(path))) from exc  # fmt: skip
    if not isinstance(data, dict):
        raise ScenarioError(Problem("invalid-scenario", "a scenario must be a mapping",
                                    file=str(path)))  # fmt: skip
    try:
        data = apply_overrides(data, overrides)
    except ScenarioError as exc:
        raise ScenarioError([_with_file(p, str(path)) for p in exc.problems]) from exc
    _resolve_paths(data, path.parent)
    return parse_scenario(data, file=str(path))


def _with_file(p: Problem, file: str) -> Problem:
    return Problem(p.code, p.message, file=file, path=p.path, value=p.value, hint=p.hint)
