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

The package, one module per concept:

* :mod:`~zeren_graph.io.documents.paths`: key paths and short texts of values,
* :mod:`~zeren_graph.io.documents.base`: :class:`Document`, reading a file,
  checking data parsed elsewhere (TOML), moving problems to another place,
* :mod:`~zeren_graph.io.documents.yaml_text`: the safe YAML loader and its checks,
* :mod:`~zeren_graph.io.documents.json_text`: the JSON scan, parser and line map.

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

from zeren_graph.errors import InputError
from zeren_graph.io.documents.base import (
    Document,
    check_data,
    read_text,
    relocate,
    reraise,
    safe_message,
)
from zeren_graph.io.documents.json_text import parse_json
from zeren_graph.io.documents.paths import Loc, format_path, parse_path, show, value_text
from zeren_graph.io.documents.yaml_text import parse_yaml

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
