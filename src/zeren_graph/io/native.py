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

from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from zeren_graph.errors import EmptyFileError, InputError, Problem, did_you_mean, raise_problems
from zeren_graph.io.documents import (
    Document,
    format_path,
    parse_document_text,
    read_text,
    value_text,
)
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
from zeren_graph.model.document import salvage_problems

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
        (or a specific child) listing every problem, with file, line and key path:
        duplicate keys, non-finite numbers and bad values as well as dangling
        references, all at once.
    LimitError
        When the document nests too deeply, expands too far through aliases or
        holds an over-long integer (see ``limits.py``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "乙镇.yaml"
    >>> _ = f.write_text("units:\n  - {id: 县委}\n  - {id: 乙镇党委, parent: 县委}\n",
    ...                  encoding="utf-8")
    >>> [u.parent for u in read_document(f).units]
    [None, '县委']
    """
    text = read_text(path)
    return parse_document(text, str(path), json_syntax=Path(path).suffix.lower() == ".json")


def parse_document(text: str, file: str, *, json_syntax: bool = False) -> ResponsibilityModel:
    r"""Parse and validate the text of a native document; see :func:`read_document`.

    Examples
    --------
    >>> parse_document('{"units": [{"id": "县委"}]}', "m.json", json_syntax=True).units[0].id
    '县委'
    >>> parse_document("units: [{id: a}]\nunits: [{id: b}]", "m.yaml")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: m.yaml, row 2, units: the key 'units' is given twice ...
    """
    doc = parse_document_text(text, file, json_syntax=json_syntax)
    data = doc.data
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
        problems = _problems(exc, doc)
        if not any(isinstance(e.get("ctx", {}).get("error"), InputError) for e in exc.errors()):
            # fields failed, so the integrity check did not run: run it on what validated
            problems.extend(_with_file(p, doc) for p in salvage_problems(data))
        raise_problems(problems)
        raise  # pragma: no cover - raise_problems always raises here


def _problems(exc: ValidationError, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    fields = sorted({f for cls in _ENTITIES for f in cls.model_fields})
    for error in exc.errors():
        inner = error.get("ctx", {}).get("error")
        if isinstance(inner, InputError):
            problems.extend(_with_file(p, doc) for p in inner.problems)
            continue
        loc = tuple(error["loc"])
        value = error.get("input")
        hint = None
        if error["type"] == "extra_forbidden" and loc:
            hint = did_you_mean(str(loc[-1]), fields)
        message = str(error["msg"]).removeprefix("Value error, ")
        problems.append(
            Problem(
                "invalid-value",
                message,
                file=doc.file,
                row=doc.line(loc),
                path=format_path(loc),
                value=value_text(value),
                hint=hint,
            )
        )
    return problems


def _with_file(p: Problem, doc: Document) -> Problem:
    loc: tuple[int | str, ...] = ()
    if p.path:
        for part in p.path.replace("]", "").replace("[", ".").split("."):
            loc += (int(part),) if part.isdigit() else (part,)
    return replace(p, file=doc.file, row=doc.line(loc))
