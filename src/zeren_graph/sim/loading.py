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
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, Problem, ScenarioError, did_you_mean
from zeren_graph.io.documents import Document, parse_yaml, read_text, reraise, show, value_text
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


def _problem(err: Mapping[str, Any], file: str | None, doc: Document | None) -> Problem:
    loc = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    path = format_path(loc) or "(top)"
    row = doc.line(loc) if doc is not None else None
    if kind in _BOUNDS:
        bound = next(iter(err.get("ctx", {}).values()), "?")
        message = f"must be {_BOUNDS[kind]} {show(bound)}, got {show(value)}"
    elif kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "unknown key"
        hint = did_you_mean(str(loc[-1]), _fields_at(loc))
        return Problem("invalid-scenario", message, file=file, row=row, path=path, hint=hint)
    else:
        text = str(err["msg"]).removeprefix("Value error, ")
        message = text if "got" in text else f"{text}, got {show(value)}"
    return Problem("invalid-scenario", message, file=file, row=row, path=path,
                   value=value_text(value))  # fmt: skip


def _not_a_mapping(data: Any, file: str | None) -> ScenarioError:
    if data is None:
        msg = "the scenario is empty"
    else:
        msg = f"a scenario must be a mapping of keys, not a {type(data).__name__}"
    hint = "start with keys such as 'name:' and 'hierarchy:' (see docs/scenarios.md)"
    return ScenarioError(Problem("invalid-scenario", msg, file=file, hint=hint))


def parse_scenario(data: Any, *, file: str | None = None) -> Scenario:
    """Validate a scenario mapping; raise :class:`ScenarioError` naming every bad key path.

    Examples
    --------
    >>> parse_scenario({"name": "x", "hierarchy": {"levels": ["省"], "span": [1]},
    ...                 "horizon": 5})
    Traceback (most recent call last):
    ...
    zeren_graph.errors.ScenarioError: horizon: unknown key; did you mean 'horizon_months'?
    >>> parse_scenario([1, 2])
    Traceback (most recent call last):
    ...
    zeren_graph.errors.ScenarioError: a scenario must be a mapping of keys, not a list; ...
    """
    return _validate(data, file, None)


def _validate(data: Any, file: str | None, doc: Document | None) -> Scenario:
    if not isinstance(data, Mapping):
        raise _not_a_mapping(data, file)
    try:
        return Scenario.model_validate(dict(data))
    except ValidationError as exc:
        problems = [_problem(e, file, doc) for e in exc.errors()]
        problems.sort(key=lambda p: p.row or 0)
        raise ScenarioError(problems) from None


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    pos = 0
    for m in _STEP.finditer(path):
        if m.start() not in (pos, pos + 1):
            break
        key, index = m.groups()
        number = index if index is not None else (key if key.isdigit() else None)
        if number is not None and len(number) > 9:  # no list is that long
            break
        pos = m.end()
        steps.append(int(number) if number is not None else key)
    if not steps or pos != len(path):
        msg = "cannot parse the key path"
        hint = "write it like supervision[0].period or hierarchy.span"
        raise ScenarioError(
            Problem("invalid-scenario", msg, path=excerpt(path), value=excerpt(path), hint=hint)
        )
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
            msg = f"an override must read key.path=value, got {excerpt(item)!r}"
            raise ScenarioError(Problem("invalid-scenario", msg, value=excerpt(item)))
        steps = _steps(path.strip())
        node: Any = out
        for i, step in enumerate(steps):
            last = i == len(steps) - 1
            where = format_path(steps[: i + 1])
            shown = excerpt(path)
            if isinstance(step, int):
                if not isinstance(node, list) or not -len(node) <= step < len(node):
                    msg = f"no item {step} here (override {shown!r})"
                    raise ScenarioError(Problem("invalid-scenario", msg, path=where))
            elif not isinstance(node, dict):
                msg = f"not a mapping, cannot set {excerpt(step)!r} (override {shown!r})"
                raise ScenarioError(Problem("invalid-scenario", msg, path=where))
            if last:
                node[step] = _override_value(item, text, where)
            else:
                if isinstance(node, dict) and step not in node:
                    node[step] = {}
                node = node[step]
    return out


def _override_value(item: str, text: str, where: str) -> Any:
    """Parse the value of an override as YAML, with every check of a scenario file."""
    try:
        return parse_yaml(text, None, error=ScenarioError).data
    except InputError as exc:

        def located(p: Problem) -> Problem:
            message = f"in the override {excerpt(item)!r}: {p.message}"
            return replace(p, path=where, message=message, value=excerpt(text), row=None)

        raise reraise(exc, located) from None


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
    The file may be UTF-8 or GB18030; a key given twice, an alias bomb, deep
    nesting, an over-long integer or a non-finite number is refused, in the
    file as in an override.

    Raises
    ------
    ScenarioError
        Listing every problem with the file, line and key path.
    LimitError
        When the file or an override exceeds a limit of ``limits.py``.
    OSError
        When the file is missing, a directory or unreadable.

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
    file = str(path)
    doc = parse_yaml(read_text(path), file, error=ScenarioError)
    data = doc.data
    if not isinstance(data, dict):
        raise _not_a_mapping(data, file)
    try:
        data = apply_overrides(data, overrides)
    except InputError as exc:
        raise reraise(exc, lambda p: replace(p, file=file)) from None
    _resolve_paths(data, path.parent)
    return _validate(data, file, doc)
