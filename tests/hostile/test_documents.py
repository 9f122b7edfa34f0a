"""Hostile structured documents: YAML/JSON models and check configurations (issue 10).

Each case names the promise it checks: a duplicate key, an alias bomb, deep
nesting, an over-long integer, a non-finite number, an impossible date or an
undecodable file is refused with the project's own error (exit 2 from the
command line), naming the file, line and key path, never a traceback; a model
with one bad value still reports every other problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from zeren_graph.checks.config import CheckConfig, load_config
from zeren_graph.errors import (
    ConfigError,
    DecodeError,
    EmptyFileError,
    InputError,
    LimitError,
    Problem,
)
from zeren_graph.io.documents import check_data, parse_json, parse_yaml
from zeren_graph.io.native import parse_document, read_document
from zeren_graph.limits import override

from .harness import MemoryProbe, assert_promise, run_zeren, write_bytes

#: A 1 KB "billion laughs": nine levels of nine aliases, 9**9 strings when expanded.
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)
DEEP_YAML = "units: " + "[" * 3000 + "]" * 3000 + "\n"
DEEP_JSON = '{"units": ' + "[" * 3000 + "]" * 3000 + "}"
MODEL = "units:\n  - {id: 县委}\n  - {id: 乙镇党委, parent: 县委}\n"


@dataclass(frozen=True)
class Case:
    """A hostile text, how it is parsed, and what the refusal must say."""

    text: str
    json: bool
    error: type[InputError]
    code: str
    path: str | None
    row: int | None
    needle: str


def _parse(case: Case) -> InputError:
    parse = parse_json if case.json else parse_yaml
    with pytest.raises(case.error) as info:
        parse(case.text, "doc")
    return info.value


PARSE_CASES = {
    # 1. duplicate keys: an error naming the key path and both lines, never "the last wins"
    "duplicate-key-yaml-top-level-names-both-lines": Case(
        "horizon_months: 12\nname: x\nhorizon_months: 600\n", False, InputError,
        "duplicate-key", "horizon_months", 3, "lines 1 and 3"),
    "duplicate-key-yaml-nested-names-path": Case(
        "units:\n  - id: 县委\n    parent: 市委\n    parent: 省委\n", False, InputError,
        "duplicate-key", "units[0].parent", 4, "lines 3 and 4"),
    "duplicate-key-yaml-flow-mapping": Case(
        "rules: {ZG101: off, ZG101: on}\n", False, InputError,
        "duplicate-key", "rules.ZG101", 1, "given twice"),
    "duplicate-key-yaml-same-value-two-spellings": Case(
        "yes: 1\ntrue: 2\n", False, InputError, "duplicate-key", "true", 2, "lines 1 and 2"),
    "duplicate-key-yaml-int-keys": Case(
        "levels:\n  1: 省\n  0x1: 市\n", False, InputError, "duplicate-key", "levels.0x1", 3,
        "lines 2 and 3"),
    "duplicate-key-json-top-level-names-both-lines": Case(
        '{"horizon_months": 12,\n "horizon_months": 600}', True, InputError,
        "duplicate-key", "horizon_months", 2, "lines 1 and 2"),
    "duplicate-key-json-nested": Case(
        '{"units": [{"id": "a"},\n {"id": "b",\n  "id": "c"}]}', True, InputError,
        "duplicate-key", "units[1].id", 3, "lines 2 and 3"),
    # 2. nesting, aliases: refused before anything is expanded
    "alias-recursive-is-a-syntax-error": Case(
        "a: &a [1, *a]\n", False, InputError, "invalid-syntax", None, 1, "contains it"),
    "depth-yaml-3000-levels-is-a-limit": Case(
        DEEP_YAML, False, LimitError, "limit-exceeded", None, 1, "ZEREN_LIMIT_YAML_DEPTH"),
    "depth-yaml-mappings-is-a-limit": Case(
        "".join("  " * i + f"k{i}:\n" for i in range(150)), False, LimitError,
        "limit-exceeded", None, 101, "101 levels"),
    "depth-json-3000-levels-is-a-limit": Case(
        DEEP_JSON, True, LimitError, "limit-exceeded", None, 1, "3001 levels"),
    "depth-through-aliases-is-a-limit": Case(
        "a: &a " + "[" * 60 + "]" * 60 + "\nb: &b " + "[" * 45 + "*a" + "]" * 45 + "\n",
        False, LimitError, "limit-exceeded", None, 2, "through aliases"),
    # 3. numbers: over-long integers and non-finite floats, with the key path
    "int-5000-digits-yaml-is-a-limit": Case(
        "horizon_months: 1" + "0" * 5000 + "\n", False, LimitError, "limit-exceeded",
        "horizon_months", 1, "5001 digits"),
    "int-10e30-yaml-is-a-limit": Case(
        "seed: 1" + "0" * 30 + "\n", False, LimitError, "limit-exceeded", "seed", 1,
        "ZEREN_LIMIT_INT_DIGITS"),
    "int-5000-digits-json-is-a-limit": Case(
        '{"units": [{"party_members": 1' + "0" * 5000 + "}]}", True, LimitError,
        "limit-exceeded", "units[0].party_members", 1, "5001 digits"),
    "int-hex-overlong-yaml-is-a-limit": Case(
        "n: 0x" + "f" * 40 + "\n", False, LimitError, "limit-exceeded", "n", 1, "digits"),
    "float-inf-yaml": Case(
        "rate: .inf\n", False, InputError, "non-finite-number", "rate", 1, "'.inf'"),
    "float-nan-yaml": Case(
        "a:\n  - 1\n  - .NaN\n", False, InputError, "non-finite-number", "a[1]", 3, "'.NaN'"),
    "float-overflow-yaml": Case(
        "x: 1.0e+400\n", False, InputError, "non-finite-number", "x", 1, "1.0e+400"),
    "float-inf-key-yaml": Case(
        ".inf: 1\n", False, InputError, "non-finite-number", ".inf", 1, "finite"),
    "float-infinity-json": Case(
        '{"rate": Infinity}', True, InputError, "non-finite-number", "rate", 1, "'Infinity'"),
    "float-nan-json": Case(
        '{"a": [1,\n NaN]}', True, InputError, "non-finite-number", "a[1]", 2, "'NaN'"),
    "float-1e400-json": Case(
        '{"x": -1e400}', True, InputError, "non-finite-number", "x", 1, "'-1e400'"),
    # 6. dates that do not exist
    "date-feb-30-names-path-and-value": Case(
        "exceptions:\n  - expires: 2026-02-30\n", False, InputError, "invalid-value",
        "exceptions[0].expires", 2, "'2026-02-30' is not a valid date"),
    "date-month-13": Case(
        "expires: 2026-13-01\n", False, InputError, "invalid-value", "expires", 1, "2026-13-01"),
    "explicit-int-tag-on-text": Case(
        "n: !!int abc\n", False, InputError, "invalid-value", "n", 1, "not an integer"),
    # syntax errors show an escaped excerpt, never the whole line
    "syntax-error-unclosed": Case(
        "name: [unclosed\n", False, InputError, "invalid-syntax", None, 2, "invalid YAML"),
    "syntax-error-control-character": Case(
        "name: \x1b[2J\x00\n", False, InputError, "invalid-syntax", None, None, "#x001b"),
    "syntax-error-two-documents": Case(
        "a: 1\n---\nb: 2\n", False, InputError, "invalid-syntax", None, 2, "single document"),
    "syntax-error-python-tag-refused": Case(
        "a: !!python/object/apply:os.system [ls]\n", False, InputError, "invalid-syntax", None,
        1, "constructor"),
    "syntax-error-json": Case(
        '{"a": 1,\n "b": }', True, InputError, "invalid-syntax", None, 2, "invalid JSON"),
}  # fmt: skip


@pytest.mark.parametrize("case", PARSE_CASES.values(), ids=PARSE_CASES.keys())
def test_hostile_document_is_refused_with_its_location(case: Case) -> None:
    """Promise: every hostile text raises the project's error naming line, key path, value."""
    err = _parse(case)
    problem = err.problems[0]
    assert problem.code == case.code, err
    assert problem.file == "doc"
    assert problem.path == case.path, err
    assert problem.row == case.row, err
    assert case.needle in str(err)


def test_every_problem_of_a_document_is_reported_at_once() -> None:
    """Promise: one message lists every problem: duplicates, numbers and dates together."""
    text = "a: 1\na: 2\nb: .inf\nc: 2026-02-30\nd:\n  e: .nan\n"
    with pytest.raises(InputError) as info:
        parse_yaml(text, "doc.yaml")
    found = [(p.code, p.path, p.row) for p in info.value.problems]
    assert found == [
        ("duplicate-key", "a", 2),
        ("non-finite-number", "b", 3),
        ("invalid-value", "c", 4),
        ("non-finite-number", "d.e", 6),
    ]


def test_alias_bomb_is_refused_in_well_under_a_second() -> None:
    """Promise: a 1 KB billion-laughs document is a LimitError before anything expands."""
    assert len(BOMB) < 1024
    probe = MemoryProbe()
    with pytest.raises(LimitError) as info:
        parse_yaml(BOMB, "bomb.yaml")
    assert probe.peak_mb() < 256  # refused before the work, not after
    assert "ZEREN_LIMIT_YAML_NODES" in str(info.value)
    assert "expand the document to 490,329,064 nodes" in str(info.value)


def test_too_many_aliases_are_refused() -> None:
    """Promise: more alias uses than ``yaml_aliases`` is a LimitError naming the line."""
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 1001) + "]\n"
    with pytest.raises(LimitError, match="1001 aliases") as info:
        parse_yaml(text, "many.yaml")
    assert info.value.problems[0].row == 2


def test_raised_limits_let_a_genuine_document_through() -> None:
    """Promise: the limits are overridable; a genuine deep or alias-heavy document then parses."""
    deep = "a: " + "[" * 150 + "]" * 150
    with override(yaml_depth=200):
        assert parse_yaml(deep, "deep.yaml").data is not None
        assert parse_json("[" * 150 + "]" * 150, "deep.json").data is not None
    with override(int_digits=40):
        assert parse_yaml("seed: 1" + "0" * 30, "s.yaml").data == {"seed": 10**30}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"a": "[[[[[[[[[[[[[[[[[[[[' + "[" * 200 + '"}', id="brackets-in-a-string"),
        pytest.param('{"a": "\\"[[[' + "{" * 200 + '"}', id="escaped-quote-then-brackets"),
        pytest.param("[" + ", ".join(["[1]"] * 300) + "]", id="wide-but-shallow"),
    ],
)
def test_json_depth_scan_counts_only_structure(text: str) -> None:
    """Promise: brackets inside strings and wide lists are not mistaken for deep nesting."""
    assert parse_json(text, "ok.json").data is not None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("base: &b {x: 1}\nd:\n  <<: *b\n  x: 2\n", id="merge-key-override"),
        pytest.param("a: {x: 1}\nb: {x: 1}\n", id="same-key-in-two-mappings"),
        pytest.param("d: 2026-02-28\nr: 0.5\nn: -12\n", id="real-dates-and-numbers"),
    ],
)
def test_legitimate_documents_still_parse(text: str) -> None:
    """Promise: the checks refuse only what is wrong (merge keys may override)."""
    assert isinstance(parse_yaml(text, "ok.yaml").data, dict)


# --- models -------------------------------------------------------------------------------


def test_model_reports_bad_role_and_dangling_parent_together() -> None:
    """Promise: one bad role no longer hides the reference errors behind it."""
    text = (
        "units:\n"
        "  - {id: 县委}\n"
        "  - {id: 乙镇党委, parent: 县季}\n"
        "posts:\n"
        "  - {id: 乙镇党委/书记, unit: 乙镇党委, title: 书记}\n"
        "duties:\n"
        "  - {id: 乙镇党委/组织生活, name: 组织生活, scope: 乙镇党委}\n"
        "assignments:\n"
        "  - {duty: 乙镇党委/组织生活, holder: 乙镇党委/书记, role: 负责}\n"
        "  - {duty: 乙镇党委/党建, holder: 乙镇党委/书记, role: 牵头}\n"
    )
    with pytest.raises(InputError) as info:
        parse_document(text, "乙镇.yaml")
    found = {(p.code, p.path, p.row) for p in info.value.problems}
    assert found == {
        ("invalid-value", "assignments[0].role", 9),
        ("unknown-reference", "units[1].parent", 3),
        ("unknown-reference", "assignments[1].duty", 10),
    }
    assert "did you mean '县委'?" in str(info.value)


def test_model_entity_with_a_bad_value_still_counts_as_defined() -> None:
    """Promise: no false "not defined" for a unit whose own kind is wrong; duplicates found."""
    text = (
        "units:\n"
        "  - {id: 县委}\n"
        "  - {id: 乙镇党委, parent: 县委, kind: 党校}\n"
        "  - {id: 乙镇村, parent: 乙镇党委}\n"
        "  - {id: 县委, kind: 党校}\n"
    )
    with pytest.raises(InputError) as info:
        parse_document(text, "m.yaml")
    found = {(p.code, p.path) for p in info.value.problems}
    assert found == {
        ("invalid-value", "units[1].kind"),
        ("invalid-value", "units[3].kind"),
        ("duplicate-id", "units[0].id"),
    }


def test_json_model_problems_carry_lines() -> None:
    """Promise: JSON problems name the line too, and both problems are reported."""
    text = '{"units": [\n {"id": "a", "kind": "bad"},\n {"id": "b", "parent": "zz"}\n]}'
    with pytest.raises(InputError) as info:
        parse_document(text, "m.json", json_syntax=True)
    assert [(p.path, p.row) for p in info.value.problems] == [
        ("units[0].kind", 2),
        ("units[1].parent", 3),
    ]


@pytest.mark.parametrize(
    ("text", "error", "needle"),
    [
        pytest.param("null\n", EmptyFileError, "empty", id="null-document"),
        pytest.param("- a\n- b\n", InputError, "not a list", id="list-document"),
        pytest.param("units:\n  - {id: a, party_staff: .nan}\n", InputError, "finite",
                     id="nan-in-a-number-field"),
        pytest.param('units:\n  - {id: a, party_staff: "inf"}\n', InputError, "finite",
                     id="quoted-inf-in-a-number-field"),
        pytest.param("units:\n  - {id: a, party_members: 1" + "0" * 30 + "}\n", LimitError,
                     "31 digits", id="overlong-party-members"),
    ],
)  # fmt: skip
def test_bad_model_document_is_one_error(text: str, error: type[InputError], needle: str) -> None:
    """Promise: odd model documents raise the project's error, with a clear message."""
    with pytest.raises(error, match=needle):
        parse_document(text, "m.yaml")


def test_gb18030_model_reads(tmp_path: Path) -> None:
    """Promise: a GB18030 YAML model is read like a GB18030 list."""
    path = write_bytes(tmp_path / "乙镇.yaml", MODEL, "gb18030")
    assert [u.id for u in read_document(path).units] == ["县委", "乙镇党委"]


# --- configurations -----------------------------------------------------------------------


CONFIG_CASES = {
    "expires-feb-30-is-a-config-error": (
        "zeren.yaml", "exceptions:\n  - {rule: ZG101, reason: 试点, expires: 2026-02-30}\n",
        ConfigError, "exceptions[0].expires", "2026-02-30"),
    "expires-quoted-feb-30-is-a-config-error": (
        "zeren.yaml", 'exceptions:\n  - {rule: ZG101, reason: 试点, expires: "2026-02-30"}\n',
        ConfigError, "exceptions[0].expires", "2026-02-30"),
    "duplicate-rules-key": (
        "zeren.yaml", "rules:\n  ZG403: off\nrules:\n  ZG101: off\n", ConfigError, "rules",
        "lines 1 and 3"),
    "duplicate-key-inside-an-exception": (
        "zeren.yaml", "exceptions:\n  - rule: ZG101\n    reason: a\n    reason: b\n",
        ConfigError, "exceptions[0].reason", "lines 3 and 4"),
    "threshold-inf": (
        "zeren.yaml", "rules:\n  ZG203: {min_shared: .inf}\n", ConfigError,
        "rules.ZG203.min_shared", "finite"),
    "threshold-overlong-int": (
        "zeren.yaml", "rules:\n  ZG203: {min_shared: 1" + "0" * 5000 + "}\n", LimitError,
        "rules.ZG203.min_shared", "5001 digits"),
    "config-alias-bomb": ("zeren.yaml", BOMB, LimitError, None, "ZEREN_LIMIT_YAML_NODES"),
    "config-is-a-list": ("zeren.yaml", "- a\n", ConfigError, None, "not a list"),
    "toml-inf-threshold": (
        "pyproject.toml", "[tool.zeren]\nrules = {ZG203 = {min_shared = inf}}\n", ConfigError,
        "tool.zeren.rules.ZG203.min_shared", "finite"),
    "toml-5000-digit-int": (
        "pyproject.toml", "[tool.zeren.rules.ZG203]\nmin_shared = 1" + "0" * 5000 + "\n",
        LimitError, None, "ZEREN_LIMIT_INT_DIGITS"),
    "toml-deep-array": (
        "pyproject.toml", "[tool.zeren]\nx = " + "[" * 3000 + "]" * 3000 + "\n", LimitError,
        None, "ZEREN_LIMIT_YAML_DEPTH"),
    "toml-duplicate-key": (
        "pyproject.toml", "[tool.zeren]\nrules = {}\nrules = {}\n", ConfigError, None,
        "invalid TOML"),
    "toml-impossible-date": (
        "pyproject.toml", "[tool.zeren]\nd = 2026-02-30\n", ConfigError, None, "invalid TOML"),
}  # fmt: skip


@pytest.mark.parametrize("case", CONFIG_CASES.values(), ids=CONFIG_CASES.keys())
def test_hostile_config_is_refused(
    tmp_path: Path, case: tuple[str, str, type[InputError], str | None, str]
) -> None:
    """Promise: a bad configuration raises ConfigError (or LimitError) with file and key path."""
    name, text, error, path, needle = case
    file = write_bytes(tmp_path / name, text)
    with pytest.raises(error) as info:
        load_config(file)
    shown = str(info.value) + " ".join(p.value or "" for p in info.value.problems)
    assert needle in shown
    assert info.value.problems[0].file == str(file)
    if path is not None:
        assert path in {p.path for p in info.value.problems}


@pytest.mark.parametrize(
    ("name", "text", "encoding"),
    [
        pytest.param("zeren.yaml", "rules:\n  ZG403: off  # 不查\n", "gb18030", id="gb18030-yaml"),
        pytest.param("zeren.yaml", "rules:\n  ZG403: off  # 不查\n", "utf-16", id="utf16-yaml"),
        pytest.param("pyproject.toml", "[tool.zeren.rules]\nZG403 = false  # 不查\n", "gb18030",
                     id="gb18030-toml"),
    ],
)  # fmt: skip
def test_config_in_chinese_encodings_reads(
    tmp_path: Path, name: str, text: str, encoding: str
) -> None:
    """Promise: configurations are decoded like lists (no UnicodeDecodeError)."""
    file = write_bytes(tmp_path / name, text, encoding)
    assert not load_config(file).settings("ZG403").enabled


def test_binary_config_is_a_decode_error(tmp_path: Path) -> None:
    """Promise: a binary configuration is a DecodeError, not a traceback."""
    file = write_bytes(tmp_path / "zeren.yaml", b"\x00\x01\x02\xff" * 100)
    with pytest.raises(DecodeError):
        load_config(file)


def test_config_directory_is_an_os_error(tmp_path: Path) -> None:
    """Promise: a folder given as configuration is an OSError the CLI reports."""
    (tmp_path / "zeren.yaml").mkdir()
    with pytest.raises(OSError, match="directory"):
        load_config(tmp_path / "zeren.yaml")


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        pytest.param({"rules": {"ZG203": {"min_shared": float("inf")}}}, "finite", id="inf"),
        pytest.param({"rules": {"ZG203": {"min_shared": float("nan")}}}, "finite", id="nan"),
        pytest.param({"rules": {"ZG203": {"min_shared": 10**5000}}}, "digits", id="huge-int"),
        pytest.param({"constraints": [{"role": "主体", "per": "unit", "min": 10**40}]},
                     "digits", id="huge-constraint"),
    ],
)  # fmt: skip
def test_config_from_python_refuses_non_finite_and_huge(
    data: dict[str, object], needle: str
) -> None:
    """Promise: the library API refuses the same numbers the files do, without crashing."""
    with pytest.raises(InputError, match=needle):
        CheckConfig.from_mapping(data)


def test_check_data_lists_every_problem() -> None:
    """Promise: data from elsewhere (TOML) is checked for every bad number at once."""
    with pytest.raises(InputError) as info:
        check_data({"a": [1.5, float("inf")], "b": {"c": -(10**20)}}, "x.toml")
    assert sorted(p.path or "" for p in info.value.problems) == ["a[1]", "b.c"]


def test_problem_values_are_short_and_escaped() -> None:
    """Promise: a value shown in a problem is an escaped excerpt, never megabytes."""
    text = 'units:\n  - {id: a, kind: "\\e[2J' + "x" * 10_000 + '"}\n'
    with pytest.raises(InputError) as info:
        parse_document(text, "m.yaml")
    problem: Problem = info.value.problems[0]
    assert problem.value is not None
    assert len(problem.value) < 200
    assert "\x1b" not in problem.value


# --- the command line ---------------------------------------------------------------------


CLI_CASES = {
    "info-duplicate-key-exits-2": (
        "m.yaml", "units:\n  - {id: 县委}\nunits:\n  - {id: 乙镇}\n", ("info",),
        ("m.yaml", "row 3", "given twice", "lines 1 and 3")),
    "info-alias-bomb-exits-2": ("m.yaml", BOMB, ("info",), ("ZEREN_LIMIT_YAML_NODES",)),
    "info-deep-json-exits-2": ("m.json", DEEP_JSON, ("info",), ("ZEREN_LIMIT_YAML_DEPTH",)),
    "info-bad-role-and-dangling-parent-exit-2": (
        "m.yaml",
        (
            "units:\n  - {id: 县委}\n  - {id: 乙镇, parent: 县季}\nduties:\n"
            "  - {id: d, name: d, scope: 乙镇}\nassignments:\n"
            "  - {duty: d, holder: 乙镇, collective: true, role: 负责}\n"
        ),
        ("info",), ("units[1].parent", "assignments[0].role")),
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "command", "needles"), CLI_CASES.values(), ids=CLI_CASES.keys()
)
def test_cli_hostile_document_exits_2(
    tmp_path: Path, name: str, text: str, command: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    """Promise: from the command line, exit 2, one message, no traceback."""
    path = write_bytes(tmp_path / name, text)
    run = run_zeren(*command, path)
    assert_promise(run, *needles)


@pytest.mark.parametrize(
    ("text", "encoding", "needles"),
    [
        pytest.param("exceptions:\n  - {rule: ZG101, reason: 试点, expires: 2026-02-30}\n",
                     "utf-8", ("exceptions[0].expires", "2026-02-30"), id="expires-feb-30"),
        pytest.param("rules:\n  ZG403: off\nrules: {}\n", "gb18030", ("lines 1 and 3",),
                     id="gb18030-duplicate-key"),
    ],
)  # fmt: skip
def test_cli_check_bad_config_exits_2(
    tmp_path: Path, text: str, encoding: str, needles: tuple[str, ...]
) -> None:
    """Promise: ``zeren check --config`` on a bad configuration exits 2 naming the key path."""
    model = write_bytes(tmp_path / "m.yaml", MODEL)
    config = write_bytes(tmp_path / "cfg.yaml", text, encoding)
    run = run_zeren("check", model, "--config", config)
    assert_promise(run, "cfg.yaml", *needles)
