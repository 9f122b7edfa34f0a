"""Native documents: a :class:`~zeren_graph.model.ResponsibilityModel` as YAML or JSON.

The top-level keys are the model's fields (``name``, ``units``, ``posts``,
``persons``, ``duties``, ``assignments``, ``supervisions``, ``has_hierarchy``);
``docs/format.md`` has an example and ``docs/schema.json`` the JSON Schema.
Validation errors are re-raised as :class:`~zeren_graph.errors.InputError`
naming the file, the key path (``assignments[3].role``), the line and the value.

Examples
--------
>>> text = '''
... units: [{id: 县委}, {id: 乙镇党委, parent: 县委}]
... duties: [{id: 乙镇党委/组织生活, name: 组织生活, scope: 乙镇党委}]
... assignments: [{duty: 乙镇党委/组织生活, holder: 乙镇党委, collective: true, role: 主体}]
... '''
>>> parse_document(text, "清单.yaml").assignments[0].role
<Role.primary: 'primary'>
>>> parse_document("units: [{id: 县委, kind: 党校}]", "清单.yaml")
Traceback (most recent call last):
...
zeren_graph.errors.InputError: 清单.yaml, row 1, units[0].kind: unknown UnitKind '党校'; ...
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from zeren_graph.errors import EmptyFileError, InputError, Problem, did_you_mean, raise_problems
from zeren_graph.io.text import decode
from zeren_graph.model import (
    Assignment,
    Duty,
    Person,
    Post,
    ResponsibilityModel,
    Source,
    Supervision,
    Unit,
)

__all__ = ["parse_document", "read_document"]

_ENTITIES: tuple[type[BaseModel], ...] = (
    ResponsibilityModel,
    Unit,
    Post,
    Person,
    Duty,
    Assignment,
    Supervision,
    Source,
)


def read_document(path: str | Path) -> ResponsibilityModel:
    r"""Load a ``.yaml``/``.yml``/``.json`` model file (UTF-8 or GB18030).

    Raises
    ------
    InputError
        (or a specific child) listing every problem, with file, line and key path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "乙镇.yaml"
    >>> _ = f.write_text("units:\n  - {id: 县委}\n  - {id: 乙镇党委, parent: 县委}\n",
    ...                  encoding="utf-8")
    >>> [u.parent for u in read_document(f).units]
    [None, '县委']
    """
    file = str(path)
    text, _ = decode(Path(path).read_bytes(), file)
    return parse_document(text, file, json_syntax=Path(path).suffix.lower() == ".json")


def parse_document(text: str, file: str, *, json_syntax: bool = False) -> ResponsibilityModel:
    """Parse and validate the text of a native document; see :func:`read_document`.

    Examples
    --------
    >>> parse_document('{"units": [{"id": "县委"}]}', "m.json", json_syntax=True).units[0].id
    '县委'
    """
    data = _parse(text, file, json_syntax=json_syntax)
    if data is None or data == {}:
        raise EmptyFileError([Problem("empty-file", "the document is empty", file=file)])
    if not isinstance(data, dict):
        raise InputError(
            [
                Problem(
                    "invalid-document",
                    f"the document must be a mapping of model fields, not a {type(data).__name__}",
                    file=file,
                    hint="start with keys such as 'units:' and 'assignments:'",
                )
            ]
        )
    try:
        return ResponsibilityModel.model_validate(data)
    except ValidationError as exc:
        lines = None if json_syntax else _line_finder(text)
        raise_problems(_problems(exc, file, lines))
        raise  # pragma: no cover - raise_problems always raises here


def _parse(text: str, file: str, *, json_syntax: bool) -> Any:
    try:
        if json_syntax:
            return json.loads(text) if text.strip() else None
        return yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        problem = Problem("invalid-syntax", f"invalid JSON: {exc.msg}", file=file, row=exc.lineno)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        problem = Problem("invalid-syntax", f"invalid YAML: {what}", file=file, row=row)
    raise InputError([problem])


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problems(
    exc: ValidationError, file: str, lines: dict[tuple[int | str, ...], int] | None
) -> list[Problem]:
    problems: list[Problem] = []
    fields = sorted({f for cls in _ENTITIES for f in cls.model_fields})
    for error in exc.errors():
        inner = error.get("ctx", {}).get("error")
        if isinstance(inner, InputError):
            problems.extend(_with_file(p, file, lines) for p in inner.problems)
            continue
        loc = tuple(error["loc"])
        value = error.get("input")
        hint = None
        if error["type"] == "extra_forbidden" and loc:
            hint = did_you_mean(str(loc[-1]), fields)
        message = error["msg"].removeprefix("Value error, ")
        problems.append(
            Problem(
                "invalid-value",
                message,
                file=file,
                row=_line(lines, loc),
                path=_path(loc),
                value=None if isinstance(value, (dict, list)) else str(value),
                hint=hint,
            )
        )
    return problems


def _with_file(p: Problem, file: str, lines: dict[tuple[int | str, ...], int] | None) -> Problem:
    loc: tuple[int | str, ...] = ()
    if p.path:
        for part in p.path.replace("]", "").replace("[", ".").split("."):
            loc += (int(part),) if part.isdigit() else (part,)
    return Problem(
        p.code, p.message, file=file, row=_line(lines, loc), value=p.value, hint=p.hint, path=p.path
    )


def _line(lines: dict[tuple[int | str, ...], int] | None, loc: tuple[int | str, ...]) -> int | None:
    while lines is not None and loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return None


def _line_finder(text: str) -> dict[tuple[int | str, ...], int] | None:
    """Map key paths of a YAML document to their 1-based line numbers."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:  # pragma: no cover - it parsed before
        return None
    lines: dict[tuple[int | str, ...], int] = {}
    stack: list[tuple[tuple[int | str, ...], yaml.Node]] = [((), root)] if root else []
    while stack:
        loc, node = stack.pop()
        lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            stack.extend(((*loc, str(k.value)), v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*loc, i), v) for i, v in enumerate(node.value))
    return lines
