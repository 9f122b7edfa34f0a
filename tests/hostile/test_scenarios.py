"""Hostile simulation scenarios: files, ``--set`` overrides, sizes and seeds (issue 10).

Each case names the promise it checks: a scenario that is malformed, hostile
or too big is refused up front with the project's own error (exit 2 from the
command line) naming the file, line and key path — a duplicate key never
silently wins, an alias bomb or a 10⁹-unit hierarchy is refused before anything
is allocated, and a file the scenario points at is never echoed beyond a short,
escaped excerpt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zeren_graph.errors import DecodeError, InputError, LimitError, ScenarioError
from zeren_graph.limits import override
from zeren_graph.sim import Scenario, load_scenario, parse_scenario, simulate
from zeren_graph.sim.runner import estimate_size, memory_budget, resolve_seed
from zeren_graph.sim.structure import count_units

from .harness import MemoryProbe, assert_promise, run_zeren, write_bytes

BASE = "name: 示例\nhierarchy:\n  levels: [省, 市]\n  span: [1, 2]\nhorizon_months: 12\n"
#: A 1 KB "billion laughs": nine levels of nine aliases.
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)
FLOW_BOMB = (
    "["
    + ", ".join(
        ["&a [x, x, x, x, x, x, x, x, x]"]
        + [
            f"&{c} [{', '.join([f'*{p}'] * 9)}]"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        ]
    )
    + "]"
)


def _scenario(tmp_path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    return write_bytes(tmp_path / "情景.yaml", text, encoding)


def _load(tmp_path: Path, text: str, overrides: tuple[str, ...] = ()) -> Scenario:
    return load_scenario(_scenario(tmp_path, text), overrides=overrides)


# --- the file -----------------------------------------------------------------------------

FILE_CASES = {
    # 1. a duplicate key is an error naming both lines (600 months never silently wins)
    "duplicate-horizon-names-both-lines": (
        BASE + "horizon_months: 600\n", ScenarioError, "duplicate-key", "horizon_months", 6,
        "lines 5 and 6"),
    "duplicate-key-in-a-schedule": (
        BASE + "supervision:\n  - by: 省\n    period: 6\n    period: 3\n", ScenarioError,
        "duplicate-key", "supervision[0].period", 9, "lines 8 and 9"),
    "duplicate-key-in-flow-hierarchy": (
        "name: x\nhierarchy: {levels: [a], span: [1], span: [2]}\n", ScenarioError,
        "duplicate-key", "hierarchy.span", 2, "given twice"),
    # 2. bombs and depth are limits, refused before expansion
    "alias-bomb-is-a-limit": (BOMB, LimitError, "limit-exceeded", None, None,
                              "ZEREN_LIMIT_YAML_NODES"),
    "depth-3000-is-a-limit": (
        BASE + "description: " + "[" * 3000 + "]" * 3000 + "\n", LimitError, "limit-exceeded",
        None, 6, "ZEREN_LIMIT_YAML_DEPTH"),
    # 3. over-long integers and non-finite numbers, with the key path
    "horizon-5000-digits-is-a-limit": (
        BASE.replace("12", "1" + "0" * 5000), LimitError, "limit-exceeded", "horizon_months",
        5, "5001 digits"),
    "horizon-10e30-is-a-limit": (
        BASE.replace("12", "1" + "0" * 30), LimitError, "limit-exceeded", "horizon_months", 5,
        "ZEREN_LIMIT_INT_DIGITS"),
    "rate-inf": (
        BASE + "supervision:\n  - {kind: 暗访, by: 省, rate: .inf}\n", ScenarioError,
        "non-finite-number", "supervision[0].rate", 7, "'.inf' is not a finite number"),
    "rate-quoted-inf": (
        BASE + "supervision:\n  - {kind: 暗访, by: 省, rate: 'inf'}\n", ScenarioError,
        "invalid-scenario", "supervision[0].rate", 7, "finite"),
    "retention-nan": (
        BASE + "transmission: {retention: .nan}\n", ScenarioError, "non-finite-number",
        "transmission.retention", 6, "'.nan'"),
    "noise-overflow": (
        BASE + "behaviour:\n  noise: 1.0e+400\n", ScenarioError, "non-finite-number",
        "behaviour.noise", 7, "1.0e+400"),
    "noise-quoted-1e400": (
        BASE + "behaviour:\n  noise: 1e400\n", ScenarioError, "invalid-scenario",
        "behaviour.noise", 7, "finite"),
    # 10. odd documents and values: one clear message each
    "null-document": ("null\n", ScenarioError, "invalid-scenario", None, None, "empty"),
    "empty-document": ("# nothing\n", ScenarioError, "invalid-scenario", None, None, "empty"),
    "list-document": ("- name: x\n", ScenarioError, "invalid-scenario", None, None,
                      "not a list"),
    "replications-zero": (BASE + "replications: 0\n", ScenarioError, "invalid-scenario",
                          "replications", 6, ">= 1, got 0"),
    "replications-negative": (BASE + "replications: -1\n", ScenarioError, "invalid-scenario",
                              "replications", 6, "got -1"),
    "horizon-a-string": (BASE.replace("12", "twelve"), ScenarioError, "invalid-scenario",
                         "horizon_months", 5, "'twelve'"),
    "span-a-string": (BASE.replace("[1, 2]", "[1, zwei]"), ScenarioError, "invalid-scenario",
                      "hierarchy.span[1]", 4, "'zwei'"),
    "seed-negative": (BASE + "seed: -5\n", ScenarioError, "invalid-scenario", "seed", 6,
                      "got -5"),
    "seed-19-digits-is-a-limit": (BASE + "seed: 9223372036854775808\n", LimitError,
                                  "limit-exceeded", "seed", 6, "19 digits"),
    "impossible-date": (BASE + "description: 2026-02-30\n", ScenarioError, "invalid-value",
                        "description", 6, "not a valid date"),
}  # fmt: skip


@pytest.mark.parametrize("case", FILE_CASES.values(), ids=FILE_CASES.keys())
def test_hostile_scenario_file_is_refused(
    tmp_path: Path, case: tuple[str, type[InputError], str, str | None, int | None, str]
) -> None:
    """Promise: the project's error, with the file, line and key path of the problem."""
    text, error, code, path, row, needle = case
    with pytest.raises(error) as info:
        _load(tmp_path, text)
    problem = info.value.problems[0]
    assert (problem.code, problem.path, problem.row) == (code, path, row), info.value
    assert problem.file is not None
    assert problem.file.endswith("情景.yaml")
    assert needle in str(info.value)


def test_every_problem_of_a_scenario_is_reported_at_once(tmp_path: Path) -> None:
    """Promise: one message lists every bad key, each with its line."""
    text = BASE + "replications: 0\nseed: -1\nsupervision:\n  - {period: 0}\n"
    with pytest.raises(ScenarioError) as info:
        _load(tmp_path, text)
    assert [(p.path, p.row) for p in info.value.problems] == [
        ("replications", 6),
        ("seed", 7),
        ("supervision[0].period", 9),
    ]


def test_alias_bomb_scenario_is_refused_fast(tmp_path: Path) -> None:
    """Promise: the 1 KB bomb takes well under a second to refuse."""
    path = _scenario(tmp_path, BOMB)
    probe = MemoryProbe()
    with pytest.raises(LimitError):
        load_scenario(path)
    assert probe.peak_mb() < 256  # refused before the work, not after


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        pytest.param("gb18030", b"", id="gb18030"),
        pytest.param("utf-8", b"\xef\xbb\xbf", id="utf8-bom"),
        pytest.param("utf-16", b"", id="utf16-bom"),
    ],
)
def test_scenario_in_chinese_encodings_loads(tmp_path: Path, encoding: str, bom: bytes) -> None:
    """Promise: a scenario file is decoded like a list (no UnicodeDecodeError)."""
    path = write_bytes(tmp_path / "情景.yaml", bom + BASE.encode(encoding))
    sc = load_scenario(path)
    assert (sc.name, sc.hierarchy.levels) == ("示例", ("省", "市"))


def test_binary_scenario_is_a_decode_error(tmp_path: Path) -> None:
    """Promise: a binary file is a DecodeError naming it, nothing of its content."""
    path = write_bytes(tmp_path / "情景.yaml", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    with pytest.raises(DecodeError) as info:
        load_scenario(path)
    assert "\x00" not in str(info.value)
    assert "ELF" not in str(info.value)


def test_scenario_directory_is_an_os_error(tmp_path: Path) -> None:
    """Promise: a folder given as scenario is an OSError the CLI reports as exit 2."""
    with pytest.raises(OSError, match="irectory"):
        load_scenario(tmp_path)


# --- --set overrides ----------------------------------------------------------------------

OVERRIDE_CASES = {
    # 5. YAML errors in --set name the override, and --set obeys every check of a file
    "unclosed-flow-names-the-override": (
        "name=[unclosed", ScenarioError, "invalid-syntax", "name", "override 'name=[unclosed'"),
    "duplicate-key-in-an-override": (
        "transmission={retention: 0.9, retention: 0.8}", ScenarioError, "duplicate-key",
        "transmission", "given twice"),
    "alias-bomb-in-an-override": (
        f"description={FLOW_BOMB}", LimitError, "limit-exceeded", "description",
        "ZEREN_LIMIT_YAML_NODES"),
    "deep-override": (
        "description=" + "[" * 3000, LimitError, "limit-exceeded", "description",
        "ZEREN_LIMIT_YAML_DEPTH"),
    "overlong-int-override": (
        "horizon_months=1" + "0" * 5000, LimitError, "limit-exceeded", "horizon_months",
        "5001 digits"),
    "inf-override": (
        "transmission.retention=.inf", ScenarioError, "non-finite-number",
        "transmission.retention", "finite"),
    "no-equals-sign": ("horizon_months", ScenarioError, "invalid-scenario", None,
                       "key.path=value"),
    "huge-index-in-the-path": (
        "hierarchy.levels[99999999999999999999]=x", ScenarioError, "invalid-scenario",
        "hierarchy.levels[99999999999999999999]", "cannot parse"),
    "index-out-of-range": ("supervision[3].period=1", ScenarioError, "invalid-scenario",
                           "supervision[3]", "no item 3"),
}  # fmt: skip


@pytest.mark.parametrize("case", OVERRIDE_CASES.values(), ids=OVERRIDE_CASES.keys())
def test_hostile_override_is_refused(
    tmp_path: Path, case: tuple[str, type[InputError], str, str | None, str]
) -> None:
    """Promise: a bad ``--set`` is the project's error naming the override and its key path."""
    override, error, code, path, needle = case
    text = BASE + "supervision: []\n"
    with pytest.raises(error) as info:
        _load(tmp_path, text, (override,))
    problem = info.value.problems[0]
    assert (problem.code, problem.path) == (code, path), info.value
    assert problem.file is not None
    assert needle in str(info.value)
    assert len(str(info.value)) < 1000


def test_override_still_sets_a_value(tmp_path: Path) -> None:
    """Promise: the checks refuse only what is wrong; a good override works."""
    sc = _load(tmp_path, BASE, ("horizon_months=24", "transmission.retention=[0.8]"))
    assert (sc.horizon_months, sc.transmission.retention) == (24, (0.8,))


# --- sizes, refused before allocating ------------------------------------------------------


def _sc(**extra: object) -> Scenario:
    data: dict[str, object] = {"name": "x", "hierarchy": {"levels": ["省", "村"], "span": [1, 2]}}
    data.update(extra)
    return parse_scenario(data)


SIZE_CASES = {
    # 9. each too-big dimension is a LimitError naming its key path, within a fraction of a second
    "span-1e9-units": (
        {"hierarchy": {"levels": ["省", "村"], "span": [1, 1_000_000_000]}}, {},
        ["hierarchy.span"], "1,000,000,001 units"),
    "span-ten-levels-of-1e9": (
        {"hierarchy": {"levels": list("abcdefghij"), "span": [10**9] * 10}}, {},
        ["hierarchy.span"], "ZEREN_LIMIT_SIM_UNITS"),
    "horizon-1e9-months": ({"horizon_months": 10**9}, {}, ["horizon_months"],
                           "a horizon of 1000000000 months"),
    "horizon-10e5000-from-python": ({"horizon_months": 10**5000}, {}, ["horizon_months"],
                                    "about 5001 digits"),
    "replications-1e7-in-the-scenario": ({"replications": 10**7}, {}, ["replications"],
                                         "10000000 replications"),
    "replications-1e7-as-a-parameter": ({}, {"replications": 10**7}, ["replications"],
                                        "ZEREN_LIMIT_SIM_REPLICATIONS"),
    "all-three-at-once": (
        {"hierarchy": {"levels": ["省", "村"], "span": [1, 10**9]}, "horizon_months": 10**9,
         "replications": 10**7}, {}, ["horizon_months", "replications", "hierarchy.span"],
        "3 problems"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "kwargs", "paths", "needle"), SIZE_CASES.values(), ids=SIZE_CASES.keys()
)
def test_too_big_run_is_refused_up_front(
    extra: dict[str, object], kwargs: dict[str, int], paths: list[str], needle: str
) -> None:
    """Promise: refused before allocating, in well under a second, naming every key path."""
    sc = _sc(**extra)
    probe = MemoryProbe()
    with pytest.raises(LimitError) as info:
        simulate(sc, seed=1, replications=kwargs.get("replications"))
    assert probe.peak_mb() < 256  # refused before the work, not after
    assert [p.path for p in info.value.problems] == paths
    assert needle in str(info.value)


@pytest.mark.parametrize(
    ("extra", "path"),
    [
        pytest.param({"replications": 2000, "horizon_months": 1200}, "replications",
                     id="replications-dominate"),
        pytest.param({"horizon_months": 1200,
                      "hierarchy": {"levels": ["a", "b", "c"], "span": [1, 2000, 1000]}},
                     "hierarchy.span", id="units-dominate"),
    ],
)  # fmt: skip
def test_memory_estimate_is_refused_in_human_units(extra: dict[str, object], path: str) -> None:
    """Promise: a run estimated above the memory budget names the estimate ("about N GB")."""
    sc = _sc(**extra)
    with override(sim_memory_bytes=300 * 10**6), pytest.raises(LimitError) as info:
        simulate(sc, seed=1)
    problem = info.value.problems[0]
    assert problem.path == path
    assert "of memory" in problem.message
    assert "about " in problem.message
    assert "ZEREN_LIMIT_SIM_MEMORY_BYTES" in str(problem.hint)


def test_event_log_is_projected_as_replications_finish() -> None:
    """Promise: an event log that would outgrow the budget stops the run early, not at the end."""
    sc = _sc(
        hierarchy={"levels": ["县", "村"], "span": [1, 500]},
        horizon_months=24,
        replications=1000,
        supervision=[{"by": "县", "period": 1, "assess": True}],
        accountability=[{"when": {"rating_at_most": "excellent"}, "action": "约谈"}],
    )
    budget = estimate_size(sc, quantiles=False).bytes + 20 * 10**6
    probe = MemoryProbe()
    with override(sim_memory_bytes=budget), pytest.raises(LimitError) as info:
        simulate(sc, seed=1, quantiles=False)
    assert probe.peak_mb() < 256  # refused before the work, not after
    assert info.value.problems[0].path == "replications"
    assert "the events of the first 1 of 1,000 replications" in str(info.value)


def test_benchmark_sized_run_fits_the_estimate() -> None:
    """Promise: legitimate big runs (1M units x 60 months, benchmarked) stay allowed."""
    sc = _sc(hierarchy={"levels": list("省市县乡村"), "span": [1, 4, 5, 100, 500]},
             horizon_months=60)  # fmt: skip
    est = estimate_size(sc)
    assert est.units == 1 + 4 + 20 + 2000 + 1_000_000
    assert est.bytes < 10**9
    assert est.bytes < memory_budget()[0]


def test_unit_count_is_closed_form() -> None:
    """Promise: the number of units is computed, never built (10^90 units in microseconds)."""
    sc = _sc(hierarchy={"levels": list("abcdefghij"), "span": [10**9] * 10})
    assert count_units(sc.hierarchy) == sum(10 ** (9 * k) for k in range(1, 11))


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        pytest.param({"seed": -1}, "seed", id="seed-negative"),
        pytest.param({"seed": 2**63}, "seed", id="seed-too-big"),
        pytest.param({"seed": 10**5000}, "seed", id="seed-5000-digits"),
        pytest.param({"seed": "7"}, "seed", id="seed-a-string"),
        pytest.param({"seed": True}, "seed", id="seed-a-bool"),
        pytest.param({"replications": 0}, "replications", id="replications-zero"),
        pytest.param({"replications": -1}, "replications", id="replications-negative"),
        pytest.param({"replications": "2"}, "replications", id="replications-a-string"),
        pytest.param({"replications": True}, "replications", id="replications-a-bool"),
    ],
)
def test_bad_simulate_parameters_are_scenario_errors(kwargs: dict[str, object], path: str) -> None:
    """Promise: ``simulate()`` refuses bad seeds and replication counts with a ScenarioError."""
    with pytest.raises(ScenarioError) as info:
        simulate(_sc(), **kwargs)  # type: ignore[arg-type]
    assert info.value.problems[0].path == path
    assert len(str(info.value)) < 300


def test_fresh_seeds_fit_a_scenario_file() -> None:
    """Promise: every seed a run reports can be written back into a scenario (18 digits)."""
    assert all(resolve_seed(None, _sc()) < 10**18 for _ in range(50))


# --- files a scenario points at ------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "name", "content"),
    [
        pytest.param("units", "secret.csv", "SECRET-" * 700 + "\n" + "x,y\n" * 3,
                     id="units-long-first-line"),
        pytest.param("units", "secret.csv", "root:x:0:0:root:/root:/bin/bash\x1b[2J\n",
                     id="units-passwd-like-with-escape"),
        pytest.param("model", "secret.yaml", "- SECRET-" + "SECRET-" * 700 + "\n",
                     id="model-a-list-of-secrets"),
        pytest.param("model", "secret.yaml", "units: [{id: a, kind: " + "SECRET-" * 700 + "}]\n",
                     id="model-long-bad-value"),
        pytest.param("model", "secret.yaml", "units: \x1b[2J" + "SECRET-" * 700 + "\n",
                     id="model-control-characters"),
    ],
)  # fmt: skip
def test_pointed_file_is_never_echoed(tmp_path: Path, key: str, name: str, content: str) -> None:
    """Promise: an error shows at most a short, escaped excerpt of a file a scenario names."""
    write_bytes(tmp_path / name, content)
    sc = _sc(hierarchy={key: str(tmp_path / name)})
    with pytest.raises(InputError) as info:
        simulate(sc, seed=1)
    text = str(info.value)
    assert "SECRET-" * 20 not in text
    assert "\x1b" not in text
    assert len(text) < 1200


def test_binary_model_is_a_decode_error(tmp_path: Path) -> None:
    """Promise: a scenario naming a binary model gets a DecodeError, none of its bytes."""
    write_bytes(tmp_path / "blob.yaml", b"\x00\x01SECRET\xff" * 200)
    sc = _sc(hierarchy={"model": str(tmp_path / "blob.yaml")})
    with pytest.raises(DecodeError) as info:
        simulate(sc, seed=1)
    assert "SECRET" not in str(info.value)


# --- the command line ---------------------------------------------------------------------

CLI_CASES = {
    "duplicate-horizon-exits-2": (BASE + "horizon_months: 600\n", (), ("lines 5 and 6",)),
    "alias-bomb-exits-2": (BOMB, (), ("ZEREN_LIMIT_YAML_NODES",)),
    "rate-inf-exits-2": (BASE + "supervision:\n  - {kind: 暗访, rate: .inf}\n", (),
                         ("supervision[0].rate", "finite")),
    "span-1e9-exits-2": (BASE.replace("[1, 2]", "[1, 1000000000]"), (),
                         ("hierarchy.span", "ZEREN_LIMIT_SIM_UNITS")),
    "replications-option-1e7-exits-2": (BASE, ("--replications", "10000000"),
                                        ("replications", "ZEREN_LIMIT_SIM_REPLICATIONS")),
    "set-unclosed-exits-2": (BASE, ("--set", "name=[unclosed"),
                             ("override 'name=[unclosed'",)),
    "set-horizon-1e9-exits-2": (BASE, ("--set", "horizon_months=1000000000"),
                                ("horizon_months", "ZEREN_LIMIT_SIM_MONTHS")),
    "seed-huge-exits-2": (BASE, ("--seed", "9" * 30), ("seed",)),
    "seed-negative-exits-2": (BASE, ("--seed=-1",), ("seed",)),
    "list-document-exits-2": ("- 1\n- 2\n", (), ("not a list",)),
}  # fmt: skip


@pytest.mark.parametrize(("text", "args", "needles"), CLI_CASES.values(), ids=CLI_CASES.keys())
def test_cli_hostile_scenario_exits_2(
    tmp_path: Path, text: str, args: tuple[str, ...], needles: tuple[str, ...]
) -> None:
    """Promise: ``zeren simulate`` exits 2 with one message, no traceback, nothing written."""
    path = _scenario(tmp_path, text)
    run = run_zeren("simulate", path, "--out", tmp_path / "out", "--no-plots", *args)
    assert_promise(run, *needles)
    assert not (tmp_path / "out" / "summary.json").exists()


def test_cli_directory_and_binary_scenarios_exit_2(tmp_path: Path) -> None:
    """Promise: a folder or a binary file as scenario exits 2 with a clear message."""
    (tmp_path / "dir.yaml").mkdir()
    assert_promise(run_zeren("simulate", tmp_path / "dir.yaml", "--out", tmp_path / "o"),
                   "irectory")  # fmt: skip
    blob = write_bytes(tmp_path / "blob.yaml", b"\x7fELF\x00\x00" * 100)
    assert_promise(run_zeren("simulate", blob, "--out", tmp_path / "o"), "blob.yaml")


def test_cli_gb18030_scenario_runs(tmp_path: Path) -> None:
    """Promise: a GB18030 scenario runs like a UTF-8 one (it used to be a UnicodeDecodeError)."""
    path = _scenario(tmp_path, BASE, encoding="gb18030")
    run = run_zeren("simulate", path, "--out", tmp_path / "out", "--no-plots", "--seed", "1")
    assert run.code == 0, str(run)
    assert "示例" in run.stdout
