r"""YAML text: a safe loader that counts while it composes, and the checks of every node.

:func:`parse_yaml` reads a document the way ``yaml.safe_load`` does, but
refuses an alias bomb, too deep nesting, too many aliases or nodes before
anything is expanded, and reports every duplicate key, over-long integer,
non-finite number and impossible date at once, with its line and key path.

Examples
--------
>>> parse_yaml("a: &x [1, 2]\nb: *x\n", "s.yaml").data
{'a': [1, 2], 'b': [1, 2]}
>>> yaml_lines("a:\n  b: 1\n")[("a", "b")]
[2]
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import yaml

from zeren_graph._display import excerpt
from zeren_graph.errors import InputError, Problem
from zeren_graph.io.documents.base import Document, non_finite, raise_problems
from zeren_graph.io.documents.paths import Loc, format_path
from zeren_graph.limits import current, exceeded

__all__ = ["parse_yaml", "yaml_lines"]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: An integer literal longer than this is refused before Python converts it.
_INT_TEXT = 120


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
        return Document(None, file, text, _line_map=yaml_lines)
    if loader.aliases:
        _check_expansion(root, loader, error)
    raise_problems(_check_nodes(root, loader), error)
    try:
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise error([_syntax(exc, file)]) from None
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        text_ = f"invalid YAML: a value cannot be read: {excerpt(str(exc))}"
        raise error([Problem("invalid-syntax", text_, file=file)]) from None
    finally:
        loader.dispose()
    return Document(data, file, text, _line_map=yaml_lines)


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
                return non_finite(text, loader.file, row, where)
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


def yaml_lines(text: str) -> dict[Loc, list[int]]:
    """Map every key path of a (valid) YAML text to the 1-based lines where it occurs."""
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
