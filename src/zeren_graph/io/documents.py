r"""Safe parsing of YAML and JSON documents: models, check configurations, scenarios.

:func:`parse_yaml` and :func:`parse_json` read a document the way
``yaml.safe_load`` and ``json.loads`` do, but refuse what those accept silently
or blow up on, and report every problem at once with the file, line and key path:

* a key given twice in one mapping (``duplicate-key``, naming both lines),
* an alias bomb, nesting deeper than the ``yaml_depth`` limit, more aliases or
  nodes than ``yaml_aliases``/``yaml_nodes`` (``limit-exceeded``, before anything
  is expanded),
* an integer longer than ``int_digits`` digits (``limit-exceeded``),
* ``.inf``, ``.nan``, ``Infinity``, ``1e400`` (``non-finite-number``),
* an impossible date such as ``2026-02-30`` (``invalid-value``),
* a syntax error (``invalid-syntax``), shown as a short escaped excerpt.

The problems are raised as the caller's error class (``error=``: InputError,
ConfigError, ScenarioError); only-limit problems as
:class:`~zeren_graph.errors.LimitError`.

Examples
--------
>>> parse_yaml("a: 1\nb: [x, y]\n", "s.yaml").data
{'a': 1, 'b': ['x', 'y']}
>>> parse_yaml("months: 12\nmonths: 600\n", "s.yaml")
Traceback (most recent call last):
...
zeren_graph.errors.InputError: s.yaml, row 2, months: the key 'months' is given twice ...
>>> parse_json('{"rate": Infinity}', "s.json")
Traceback (most recent call last):
...
zeren_graph.errors.InputError: s.json, row 1, rate: 'Infinity' is not a finite number; ...
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from zeren_graph._display import excerpt, printable
from zeren_graph.errors import InputError, LimitError, Problem
from zeren_graph.limits import current, exceeded

__all__ = [
    "Document",
    "Loc",
    "check_data",
    "format_path",
    "parse_document_text",
    "parse_json",
    "parse_path",
    "parse_yaml",
    "read_text",
    "relocate",
    "reraise",
    "safe_message",
    "show",
    "value_text",
]

#: A key path as a tuple: ``("assignments", 3, "role")``.
Loc = tuple[int | str, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: An integer literal longer than this is refused before Python converts it.
_INT_TEXT = 120


def format_path(loc: Sequence[int | str]) -> str:
    """Render a key path: ``supervision[1].period``.

    Examples
    --------
    >>> format_path(("supervision", 1, "period")), format_path(())
    ('supervision[1].period', '')
    """
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_path(path: str) -> Loc:
    """Split a key path into its parts, the inverse of :func:`format_path`.

    Examples
    --------
    >>> parse_path("exceptions[0].expires")
    ('exceptions', 0, 'expires')
    """
    parts = path.replace("]", "").replace("[", ".").split(".")
    return tuple(int(part) if part.isdigit() else part for part in parts if part)


def show(value: object) -> str:
    r"""Return a short, escaped text for a value read from a document (for messages).

    Never converts a huge integer to text (Python refuses above 4,300 digits).

    Examples
    --------
    >>> print(show("乙镇\x1b[2J"))
    '乙镇\x1b[2J'
    >>> show(10**5000), show(0.5)
    ('an integer of about 5001 digits', '0.5')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * math.log10(2)) + 1} digits"
    if isinstance(value, (dict, list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    return excerpt(repr(value))


def value_text(value: object) -> str | None:
    """Return the text of a value for :attr:`Problem.value`: short, escaped; None for collections.

    Examples
    --------
    >>> value_text("负责"), value_text(10**5000), value_text([1]), value_text(None)
    ('负责', 'an integer of about 5001 digits', None, 'None')
    """
    if isinstance(value, (dict, list, tuple)):
        return None
    if isinstance(value, str):
        return excerpt(value)
    return show(value)


@dataclass(eq=False)
class Document:
    r"""A parsed document: the data, and where each key path is in the text.

    Examples
    --------
    >>> doc = parse_yaml("units:\n  - id: 县委\n  - id: 乙镇\n", "m.yaml")
    >>> doc.data["units"][1], doc.line(("units", 1, "id")), doc.line(("units", 5))
    ({'id': '乙镇'}, 3, 2)
    """

    data: Any
    file: str | None
    text: str
    json: bool = False
    _lines: dict[Loc, list[int]] | None = field(default=None, repr=False)

    def occurrences(self, loc: Sequence[int | str]) -> list[int]:
        """Return every 1-based line where the key path ``loc`` occurs (two for a duplicate)."""
        if self._lines is None:
            self._lines = _json_lines(self.text) if self.json else _yaml_lines(self.text)
        return self._lines.get(tuple(loc), [])

    def line(self, loc: Sequence[int | str]) -> int | None:
        """Return the 1-based line of ``loc`` (or of its nearest known ancestor), else None."""
        key = tuple(loc)
        while True:
            found = self.occurrences(key)
            if found:
                return found[0]
            if not key:
                return None
            key = key[:-1]


def read_text(path: str | Path) -> str:
    r"""Read a document file: within the ``file_bytes`` limit, decoded like every input.

    UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK are detected.

    Raises
    ------
    OSError
        When the file is missing, a directory or unreadable.
    LimitError
        When it is larger than the ``file_bytes`` limit.
    DecodeError
        When it is binary or in no known encoding.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "s.yaml"
    >>> _ = f.write_bytes("name: 示例\n".encode("gb18030"))
    >>> read_text(f)
    'name: 示例\n'
    """
    from zeren_graph.io.text import decode, read_input  # noqa: PLC0415

    file = str(path)
    return decode(read_input(path), file)[0]


def parse_document_text(
    text: str, file: str | None, *, json_syntax: bool = False, error: type[InputError] = InputError
) -> Document:
    """Parse ``text`` as JSON (``json_syntax``) or YAML; see :func:`parse_yaml`.

    Examples
    --------
    >>> parse_document_text('{"a": [1, 2]}', "d.json", json_syntax=True).data
    {'a': [1, 2]}
    """
    if json_syntax:
        return parse_json(text, file, error=error)
    return parse_yaml(text, file, error=error)


def _raise(problems: Sequence[Problem], error: type[InputError]) -> None:
    if not problems:
        return
    if all(p.code == "limit-exceeded" for p in problems):
        raise LimitError(problems)
    raise error(problems)


# --- YAML ---------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """A safe loader that counts nesting, nodes and aliases while it composes."""

    def __init__(self, text: str, file: str | None) -> None:
        super().__init__(text)
        limits = current()
        self.file = file
        self.max_depth = limits.yaml_depth
        self.max_aliases = limits.yaml_aliases
        self.max_nodes = limits.yaml_nodes
        self.depth = 0
        self.aliases = 0
        self.nodes = 0

    def _row(self) -> int | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        return None if event.start_mark is None else event.start_mark.line + 1

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.max_aliases:
                what = f"the document uses {self.aliases} aliases (*name) by this line"
                raise exceeded("yaml_aliases", what, file=self.file, row=self._row())
            return super().compose_node(parent, index)
        self.nodes += 1
        if self.nodes > self.max_nodes:
            what = f"the document has {self.nodes} nodes by this line"
            raise exceeded("yaml_nodes", what, file=self.file, row=self._row())
        if self.check_event(yaml.ScalarEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                what = f"the document nests {self.depth} levels deep here"
                raise exceeded("yaml_depth", what, file=self.file, row=self._row())
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _syntax(exc: yaml.YAMLError, file: str | None, what: str = "YAML") -> Problem:
    mark = getattr(exc, "problem_mark", None)
    if mark is None and isinstance(exc, yaml.reader.ReaderError):
        text = f"unacceptable character #x{exc.character:04x} at position {exc.position}"
        return Problem("invalid-syntax", f"invalid {what}: {text}", file=file)
    row = mark.line + 1 if mark is not None else None
    detail = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{detail} ({context})" if context else str(detail)
    return Problem(
        "invalid-syntax",
        f"invalid {what}: {excerpt(text, 2 * current().excerpt_chars)}",
        file=file,
        row=row,
        hint=f"fix the {what} syntax at that line",
    )


def _compose(text: str, file: str | None) -> tuple[_Loader, yaml.Node | None]:
    loader = _Loader(text, file)
    try:
        return loader, loader.get_single_node()
    except RecursionError:
        what = "the document nests too deeply for this Python"
        raise exceeded("yaml_depth", what, file=file) from None
    finally:
        loader.dispose()


def parse_yaml(text: str, file: str | None, *, error: type[InputError] = InputError) -> Document:
    r"""Parse a YAML document safely; raise ``error`` (or LimitError) listing every problem.

    Examples
    --------
    >>> bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    >>> from zeren_graph.limits import override
    >>> with override(yaml_nodes=10):
    ...     parse_yaml(bomb, "bomb.yaml")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.LimitError: bomb.yaml: the aliases (*name) expand the document to 29 ...
    >>> parse_yaml("expires: 2026-02-30", "c.yaml").data
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: c.yaml, row 1, expires: '2026-02-30' is not a valid date ...
    """
    try:
        loader, root = _compose(text, file)
    except yaml.YAMLError as exc:
        raise error([_syntax(exc, file)]) from None
    if root is None:
        return Document(None, file, text)
    if loader.aliases:
        _check_expansion(root, loader, error)
    _raise(_check_nodes(root, loader), error)
    try:
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise error([_syntax(exc, file)]) from None
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        text_ = f"invalid YAML: a value cannot be read: {excerpt(str(exc))}"
        raise error([Problem("invalid-syntax", text_, file=file)]) from None
    finally:
        loader.dispose()
    return Document(data, file, text)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node, loader: _Loader, error: type[InputError]) -> None:
    """Refuse an alias bomb: count the nodes and depth the aliases expand to, without expanding."""
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        row = node.start_mark.line + 1
        if done:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = (
                1 + max((depth[id(k)] for k in kids), default=0)
                if not isinstance(node, yaml.ScalarNode)
                else 0
            )
            if depth[key] > loader.max_depth:
                what = f"through aliases (*name) the document nests {depth[key]} levels deep here"
                raise exceeded("yaml_depth", what, file=loader.file, row=row)
            continue
        if key in size:
            continue
        if key in depth:  # on the current path: an alias inside its own anchor
            msg = "invalid YAML: an alias refers to the collection that contains it"
            raise error([Problem("invalid-syntax", msg, file=loader.file, row=row)])
        depth[key] = -1
        stack.append((node, True))
        stack.extend((k, False) for k in _children(node) if id(k) not in size)
    if size[id(root)] > loader.max_nodes:
        what = f"the aliases (*name) expand the document to {_count(size[id(root)])} nodes"
        raise exceeded("yaml_nodes", what, file=loader.file)


def _count(n: int) -> str:
    return f"{n:,}" if n < 10**15 else f"about 10^{int(n.bit_length() * math.log10(2))}"


def _check_nodes(root: yaml.Node, loader: _Loader) -> list[Problem]:
    """Duplicate keys, over-long integers, non-finite numbers, impossible dates; every one."""
    problems: list[Problem] = []
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            found = _check_scalar(node, loc, loader)
            if found is not None:
                problems.append(found)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*loc, i)) for i, item in reversed(list(enumerate(node.value))))
        elif isinstance(node, yaml.MappingNode):
            problems.extend(_check_mapping(node, loc, loader, stack))
    problems.sort(key=lambda p: p.row or 0)
    return problems


def _check_mapping(
    node: yaml.MappingNode, loc: Loc, loader: _Loader, stack: list[tuple[yaml.Node, Loc]]
) -> Iterator[Problem]:
    first: dict[Any, int] = {}
    for k, v in node.value:
        if k.tag == _MERGE:
            stack.append((v, loc))
            continue
        if not isinstance(k, yaml.ScalarNode):
            stack.extend([(k, loc), (v, loc)])
            continue
        where = (*loc, str(k.value))
        bad = _check_scalar(k, where, loader)
        stack.append((v, where))
        if bad is not None:
            yield bad
            continue
        value = k.value if k.tag == _STR else _key(k, loader)
        line = k.start_mark.line + 1
        if value in first:
            yield Problem(
                "duplicate-key",
                f"the key {excerpt(str(k.value))!r} is given twice (lines {first[value]} and "
                f"{line})",
                file=loader.file,
                row=line,
                path=format_path(where),
                value=excerpt(str(k.value)),
                hint="keep one of them: only one value can count",
            )
        else:
            first[value] = line


def _key(node: yaml.ScalarNode, loader: _Loader) -> Any:
    try:
        return loader.construct_object(node)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError):
        return (node.tag, node.value)  # construction reports it


def _check_scalar(node: yaml.ScalarNode, loc: Loc, loader: _Loader) -> Problem | None:
    tag, text = node.tag, node.value
    row = node.start_mark.line + 1
    where = format_path(loc) or None
    try:
        if tag == _INT:
            digits = len(text.lstrip("+-").replace("_", ""))
            value = None if digits > _INT_TEXT else loader.construct_yaml_int(node)
            if value is None or len(str(abs(value))) > current().int_digits:
                what = f"the integer {excerpt(text, 24)} has {digits} digits"
                return exceeded("int_digits", what, file=loader.file, row=row, path=where).problems[
                    0
                ]
        elif tag == _FLOAT:
            number = loader.construct_yaml_float(node)
            if not math.isfinite(number):
                return _non_finite(text, loader.file, row, where)
        elif tag == _TIMESTAMP:
            loader.construct_yaml_timestamp(node)
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        kind = {_INT: "an integer", _FLOAT: "a number", _TIMESTAMP: "a valid date"}.get(tag, "")
        return Problem(
            "invalid-value",
            f"{excerpt(text)!r} is not {kind} ({excerpt(str(exc))})",
            file=loader.file,
            row=row,
            path=where,
            value=excerpt(text),
            hint="write a real date as YYYY-MM-DD" if tag == _TIMESTAMP else None,
        )
    return None


def _non_finite(text: str, file: str | None, row: int | None, path: str | None) -> Problem:
    return Problem(
        "non-finite-number",
        f"{excerpt(text)!r} is not a finite number",
        file=file,
        row=row,
        path=path,
        value=excerpt(text),
        hint="write a finite number (infinity and NaN are not accepted)",
    )


def _yaml_lines(text: str) -> dict[Loc, list[int]]:
    try:
        _, root = _compose(text, None)
    except (yaml.YAMLError, InputError):  # pragma: no cover - it parsed before
        return {}
    lines: dict[Loc, list[int]] = {}
    seen: set[int] = set()
    stack: list[tuple[Loc, yaml.Node]] = [((), root)] if root is not None else []
    while stack:
        loc, node = stack.pop()
        lines.setdefault(loc, []).append(node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(((*loc, str(k.value)), v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(((*loc, i), v) for i, v in enumerate(node.value))
    return lines


# --- JSON ---------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # unrolled: fast on big files
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]|[^\s\[\]{}:,"]+', re.DOTALL)


class _Flagged:
    """A value the JSON hooks refused; found with its key path after parsing."""

    __slots__ = ("problem", "text")

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        self.problem = problem


class _Object(dict[str, Any]):
    """A JSON object whose keys repeat (``dups`` names them)."""

    dups: list[str]


def _json_structure(text: str, file: str | None) -> None:
    """Refuse nesting beyond ``yaml_depth`` and more than ``yaml_nodes`` nodes, before parsing."""
    limits = current()
    opens = text.count("[") + text.count("{")
    if opens <= limits.yaml_depth and len(text) <= limits.yaml_nodes:
        return
    bare = _JSON_STRING.sub('""', text)
    brackets = re.sub(r"[^\[\]{}]+", "", bare)
    deepest = max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)
    if deepest > limits.yaml_depth:
        what = f"the document nests {deepest} levels deep"
        raise exceeded("yaml_depth", what, file=file, row=_json_depth_row(text, limits.yaml_depth))
    nodes = bare.count(",") + bare.count(":") + bare.count("[") + bare.count("{") + 1
    if nodes > limits.yaml_nodes:
        raise exceeded("yaml_nodes", f"the document has about {nodes} nodes", file=file)


def _json_depth_row(text: str, limit: int) -> int:
    depth = 0
    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        depth += 1 if tok in "[{" else -1 if tok in "]}" else 0
        if depth > limit:
            return text.count("\n", 0, m.start()) + 1
    return 1  # pragma: no cover - called only when the depth was exceeded


def parse_json(text: str, file: str | None, *, error: type[InputError] = InputError) -> Document:
    """Parse a JSON document safely; raise ``error`` (or LimitError) listing every problem.

    Examples
    --------
    >>> parse_json('{"a": 1, "a": 2}', "d.json")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: d.json, row 1, a: the key 'a' is given twice (lines 1 and 1); ...
    >>> parse_json("[" * 500 + "]" * 500, "deep.json")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.LimitError: deep.json, row 1: the document nests 500 levels deep, ...
    """
    if not text.strip():
        return Document(None, file, text, json=True)
    _json_structure(text, file)
    flagged: list[bool] = []
    digits = current().int_digits

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) == len(items):
            return out
        obj = _Object(out)
        obj.dups = sorted(k for k, n in Counter(k for k, _ in items).items() if n > 1)
        flagged.append(True)
        return obj

    def constant(name: str) -> Any:
        flagged.append(True)
        return _Flagged(name, "non-finite-number")

    def real(token: str) -> Any:
        number = float(token)
        if math.isfinite(number):
            return number
        flagged.append(True)
        return _Flagged(token, "non-finite-number")

    def integer(token: str) -> Any:
        if len(token.lstrip("-")) > digits:
            flagged.append(True)
            return _Flagged(token, "int-digits")
        return int(token)

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=constant,
            parse_float=real,
            parse_int=integer,
        )
    except json.JSONDecodeError as exc:
        msg = f"invalid JSON: {exc.msg}"
        problem = Problem("invalid-syntax", msg, file=file, row=exc.lineno, hint=None)
        raise error([problem]) from None
    except RecursionError:  # pragma: no cover - the depth was checked before
        raise exceeded("yaml_depth", "the document nests too deeply", file=file) from None
    doc = Document(data, file, text, json=True)
    if flagged:
        _raise(_json_problems(doc), error)
    return doc


def _json_problems(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Any, Loc]] = [(doc.data, ())]
    while stack:
        value, loc = stack.pop()
        where = format_path(loc) or None
        if isinstance(value, _Flagged):
            if value.problem == "int-digits":
                what = f"the integer {excerpt(value.text, 24)} has {len(value.text)} digits"
                found = exceeded("int_digits", what, file=doc.file, row=doc.line(loc), path=where)
                problems.extend(found.problems)
            else:
                problems.append(_non_finite(value.text, doc.file, doc.line(loc), where))
        elif isinstance(value, dict):
            if isinstance(value, _Object):
                problems.extend(_json_duplicates(doc, value, loc))
            stack.extend((v, (*loc, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, (*loc, i)) for i, v in reversed(list(enumerate(value))))
    problems.sort(key=lambda p: p.row or 0)
    return problems


def _json_duplicates(doc: Document, obj: _Object, loc: Loc) -> Iterator[Problem]:
    for key in obj.dups:
        lines = doc.occurrences((*loc, key))
        both = f" (lines {lines[0]} and {lines[1]})" if len(lines) > 1 else ""
        yield Problem(
            "duplicate-key",
            f"the key {excerpt(key)!r} is given twice{both}",
            file=doc.file,
            row=lines[1] if len(lines) > 1 else None,
            path=format_path((*loc, key)),
            value=excerpt(key),
            hint="keep one of them: only one value can count",
        )


def _json_lines(text: str) -> dict[Loc, list[int]]:
    """Map every key path of a (valid) JSON text to the lines where it occurs."""
    newlines = [m.start() for m in re.finditer("\n", text)]
    lines: dict[Loc, list[int]] = {}
    # a frame: [loc, is_object, key or index, expecting a key]
    frames: list[list[Any]] = []

    def here() -> Loc:
        if not frames:
            return ()
        loc, _, key, _ = frames[-1]
        return (*loc, key)

    for m in _JSON_TOKEN.finditer(text):
        tok = m.group()
        line = bisect.bisect_right(newlines, m.start() - 1) + 1
        top = frames[-1] if frames else None
        if tok in "{[":
            loc = here()
            lines.setdefault(loc, []).append(line)
            frames.append([loc, tok == "{", None if tok == "{" else 0, tok == "{"])
        elif tok in "}]":
            if frames:
                frames.pop()
        elif tok == ",":
            if top is not None:
                if top[1]:
                    top[3] = True
                else:
                    top[2] += 1
        elif tok == ":":
            continue
        elif top is not None and top[1] and top[3]:
            try:
                top[2] = json.loads(tok)
            except ValueError:  # pragma: no cover - the text parsed before
                top[2] = tok
            top[3] = False
            lines.setdefault((*top[0], top[2]), []).append(line)
        elif top is not None and not top[1]:
            lines.setdefault(here(), []).append(line)
    return lines


# --- data already parsed (TOML) -------------------------------------------------------------


def check_data(
    data: Any, file: str | None, *, error: type[InputError] = InputError, prefix: str = ""
) -> None:
    """Check data parsed elsewhere (TOML): nesting, integer digits and finite numbers.

    Examples
    --------
    >>> check_data({"rules": {"ZG203": {"min_shared": float("inf")}}}, "pyproject.toml")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: pyproject.toml, rules.ZG203.min_shared: 'inf' is not ...
    """
    limits = current()
    problems: list[Problem] = []
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack:
        value, loc = stack.pop()
        where = (prefix + format_path(loc)).rstrip(".") or None
        if len(loc) > limits.yaml_depth:
            what = f"the document nests more than {limits.yaml_depth} levels deep"
            raise exceeded("yaml_depth", what, file=file, path=where)
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(_non_finite(repr(value), file, None, where))
        elif isinstance(value, int) and not isinstance(value, bool):
            if value.bit_length() > 4 * limits.int_digits or (
                len(str(abs(value))) > limits.int_digits
            ):
                what = f"the integer {show(value)} has more than {limits.int_digits} digits"
                problems.extend(exceeded("int_digits", what, file=file, path=where).problems)
        elif isinstance(value, Mapping):
            stack.extend((v, (*loc, str(k))) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, (*loc, i)) for i, v in enumerate(value))
    _raise(problems, error)


def relocate(
    problems: Sequence[Problem], change: Callable[[Problem], Problem]
) -> tuple[Problem, ...]:
    """Return ``problems`` with ``change`` applied (e.g. adding a file or a key path prefix).

    Examples
    --------
    >>> relocate([Problem("x", "m")], lambda p: replace(p, file="f.yaml"))[0].file
    'f.yaml'
    """
    return tuple(change(p) for p in problems)


def reraise(exc: InputError, change: Callable[[Problem], Problem]) -> InputError:
    """Return an error of the same class as ``exc`` with ``change`` applied to its problems.

    Examples
    --------
    >>> err = reraise(LimitError([Problem("limit-exceeded", "m")]), lambda p: replace(p, path="x"))
    >>> type(err).__name__, err.problems[0].path
    ('LimitError', 'x')
    """
    return type(exc)(relocate(exc.problems, change))


def safe_message(problem: Problem, *, chars: int | None = None) -> Problem:
    """Return ``problem`` with its message, value and hint escaped and cut short.

    For problems raised while reading a file a scenario points at: whatever the
    file holds, a message shows only a short excerpt of it.

    Examples
    --------
    >>> p = safe_message(Problem("x", "headers found: " + "root:x:0:0" * 50), chars=20)
    >>> p.message
    'headers found: root:… (515 characters)'
    """
    n = 4 * current().excerpt_chars if chars is None else chars
    return replace(
        problem,
        message=excerpt(problem.message, n),
        value=None if problem.value is None else excerpt(problem.value),
        hint=None if problem.hint is None else excerpt(problem.hint, n),
        column=None if problem.column is None else printable(problem.column),
    )
