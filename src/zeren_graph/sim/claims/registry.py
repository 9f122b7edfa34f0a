r"""The claims registry: a YAML list of claims, each a pair of scenarios and an expectation.

Every problem of a registry is reported at once, before anything runs, with the
file, line and key path: a bad key or value, a duplicate id, an unknown metric,
a scenario file that is missing or invalid, a ``without`` key path that the
scenario does not accept. Scenario paths are relative to the registry's folder.
The format is described in ``docs/claims.md``.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.yaml").write_text(
...     "name: a\nhierarchy: {levels: [县, 乡镇, 村], span: [1, 2, 2]}\n", encoding="utf-8")
>>> _ = (d / "claims.yaml").write_text(
...     "- id: fades\n  claim: pressure fades\n  source: '001'\n"
...     "  metric: last_mile_ratio\n  holds: {a: a.yaml, b: 1, expect: a < 1}\n",
...     encoding="utf-8")
>>> reg = load_registry(d / "claims.yaml")
>>> [c.id for c in reg.claims], reg.claims[0].holds.direction, reg.claims[0].holds.b
(['fades'], '<', 1.0)
>>> _ = (d / "bad.yaml").write_text(
...     "- id: fades\n  claim: x\n  source: '001'\n  metric: last_mile\n"
...     "  holds: {a: none.yaml, b: 1, expect: a >= 1}\n", encoding="utf-8")
>>> load_registry(d / "bad.yaml")
Traceback (most recent call last):
...
zeren_graph.errors.ScenarioError: 3 problems:
  - ...bad.yaml, row 4, [0].metric: unknown metric 'last_mile'; did you mean ...
  - ...bad.yaml, row 5, [0].holds.expect: must read 'a > b' or 'a < b' ..., got 'a >= 1'
  - ...bad.yaml, row 5, [0].holds.a: ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, field_validator
from pydantic import model_validator as _model_validator

from zeren_graph.errors import InputError, Problem, ScenarioError, did_you_mean
from zeren_graph.io.documents import Document, format_path, parse_yaml, read_text, show
from zeren_graph.sim.metrics import DUTY_PREFIX, PER_REPLICATION
from zeren_graph.sim.scenario import Scenario

__all__ = ["Claim", "Comparison", "Registry", "Reversal", "load_registry", "override_texts"]

_EXPECT = re.compile(r"^\s*a\s*([<>])\s*(b|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")
_CODE = "invalid-scenario"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Comparison(_Model):
    """A pair: scenario ``a`` against scenario ``b`` (or a number), and the expected sign.

    ``expect`` reads ``a > b`` or ``a < b`` (with a number ``b`` also ``a < 1``);
    ``metric`` overrides the claim's metric for this pair.
    """

    a: Annotated[StrictStr, Field(min_length=1)]
    b: Any
    expect: StrictStr
    metric: StrictStr | None = None

    @field_validator("b")
    @classmethod
    def _scenario_or_number(cls, value: Any) -> str | float:
        if isinstance(value, str) and value:
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise ValueError(f"must be a scenario file or a number, got {show(value)}")

    @field_validator("expect")
    @classmethod
    def _reads(cls, value: str) -> str:
        if _EXPECT.match(value) is None:
            raise ValueError(f"must read 'a > b' or 'a < b' (or 'a < 1'), got {show(value)}")
        return value

    @_model_validator(mode="after")
    def _number_agrees(self) -> Self:
        match = _EXPECT.match(self.expect)
        number = match.group(2) if match is not None else "b"
        if number != "b" and (isinstance(self.b, str) or float(number) != self.b):
            raise ValueError(
                f"'expect: {self.expect}' names a number, but b is {show(self.b)}; "
                "write 'a > b' / 'a < b', or give that number as b"
            )
        return self

    @property
    def direction(self) -> str:
        """``">"`` or ``"<"``: the side of zero the difference a − b is expected on."""
        match = _EXPECT.match(self.expect)
        assert match is not None
        return match.group(1)

    @property
    def scenarios(self) -> tuple[str, ...]:
        """The scenario files of the pair (one when ``b`` is a number)."""
        return (self.a, self.b) if isinstance(self.b, str) else (self.a,)


class Reversal(Comparison):
    """A pair where the claim reverses, and the mechanism that explains it.

    ``without`` maps scenario key paths to values (as ``--set`` does) that
    switch the mechanism off; applied to both scenarios, the reversal must go.
    """

    because: StrictStr | None = None
    without: Annotated[dict[str, Any], Field(min_length=1)]


class Claim(_Model):
    """One claim of the sources and the pairs that test it."""

    id: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    claim: Annotated[StrictStr, Field(min_length=1)]
    source: StrictStr
    metric: StrictStr
    holds: Comparison
    reverses: Reversal | None = None

    def metric_of(self, pair: Comparison) -> str:
        """Return the metric a pair compares: its own, else the claim's."""
        return pair.metric or self.metric


def override_texts(without: Mapping[str, Any]) -> tuple[str, ...]:
    """``without`` as ``--set`` assignments (values written as YAML/JSON).

    Examples
    --------
    >>> override_texts({"supervision[0].boost": 0, "behaviour.rational": False})
    ('supervision[0].boost=0', 'behaviour.rational=false')
    """
    return tuple(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in without.items())


@dataclass(frozen=True)
class Registry:
    """A validated registry: its claims, and every scenario they run, loaded.

    ``scenarios`` maps (path as written, extra overrides) to the scenario, the
    command line's overrides applied first.
    """

    path: Path
    claims: tuple[Claim, ...]
    scenarios: Mapping[tuple[str, tuple[str, ...]], Scenario]
    overrides: tuple[str, ...] = ()

    def select(self, ids: Sequence[str]) -> tuple[Claim, ...]:
        """Return the claims with ``ids`` in registry order (all when empty).

        Raises
        ------
        ScenarioError
            Naming every id not in the registry.
        """
        known = [c.id for c in self.claims]
        file = str(self.path)
        problems = [
            Problem(_CODE, f"no claim with id {show(i)} in the registry", file=file,
                    path="--id", hint=did_you_mean(i, known))
            for i in ids
            if i not in known
        ]  # fmt: skip
        if problems:
            raise ScenarioError(problems)
        return tuple(c for c in self.claims if not ids or c.id in ids)


def _fields(loc: Sequence[int | str]) -> list[str]:
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    models: dict[str, type[BaseModel]] = {"holds": Comparison, "reverses": Reversal}
    model = models.get(parent or "", Claim)
    return list(model.model_fields)


def _problem(
    err: Mapping[str, Any], loc: tuple[int | str, ...], file: str, doc: Document
) -> Problem:
    kind, value = err["type"], err.get("input")
    row, path = doc.line(loc), format_path(loc)
    if kind == "missing":
        return Problem(_CODE, "is required", file=file, row=row, path=path)
    if kind == "extra_forbidden":
        hint = did_you_mean(str(loc[-1]), _fields(loc))
        return Problem(_CODE, "unknown key", file=file, row=row, path=path, hint=hint)
    text = str(err["msg"]).removeprefix("Value error, ")
    message = text if "got" in text else f"{text}, got {show(value)}"
    return Problem(_CODE, message, file=file, row=row, path=path)


#: The scenario runs to load: (path as written, extra overrides, where in the registry).
_Runs = list[tuple[str, tuple[str, ...], tuple[int | str, ...]]]


def _runs_of(raw: Any, i: int, name: str) -> _Runs:
    """List the scenarios a pair runs; from the raw mapping when the pair itself is invalid."""
    if not isinstance(raw, dict):
        return []
    model = Reversal if name == "reverses" else Comparison
    try:
        pair = model.model_validate(raw)
    except ValidationError:  # reported with the claim; still check its files
        return [(raw[k], (), (i, name, k)) for k in "ab" if isinstance(raw.get(k), str)]
    runs: _Runs = [(rel, (), (i, name, k)) for rel, k in zip(pair.scenarios, "ab", strict=False)]
    if isinstance(pair, Reversal):
        extra = override_texts(pair.without)
        runs.extend((rel, extra, (i, name, "without")) for rel in pair.scenarios)
    return runs


def _parse(doc: Document, file: str) -> tuple[list[tuple[int, Claim]], _Runs, list[Problem]]:
    """Validate every claim; return the valid claims, every valid pair, the problems.

    A pair is checked (its scenarios loaded) even when another key of its claim is bad,
    so one run reports every problem.
    """
    data = doc.data
    if not isinstance(data, list):
        got = "nothing" if data is None else f"a {type(data).__name__}"
        msg = f"a claims registry must be a list of claims, not {got}"
        hint = "start each claim with '- id: ...' (see docs/claims.md)"
        return [], [], [Problem(_CODE, msg, file=file, hint=hint)]
    claims: list[tuple[int, Claim]] = []
    runs: _Runs = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data):
        raw = item if isinstance(item, dict) else {}
        runs.extend(r for name in ("holds", "reverses") for r in _runs_of(raw.get(name), i, name))
        problems.extend(_metric_problems(raw, i, file, doc))
        try:
            claim = Claim.model_validate(item)
        except ValidationError as exc:
            problems.extend(_problem(e, (i, *e["loc"]), file, doc) for e in exc.errors())
            continue
        if claim.id in seen:
            msg = f"the id {show(claim.id)} is used twice (claims {seen[claim.id]} and {i})"
            problems.append(Problem(_CODE, msg, file=file, row=doc.line((i, "id")),
                                    path=format_path((i, "id"))))  # fmt: skip
        seen.setdefault(claim.id, i)
        claims.append((i, claim))
    return claims, runs, problems


def _duty_metric(name: str) -> bool:
    return name.startswith(DUTY_PREFIX) and len(name) > len(DUTY_PREFIX)


def _metric_problems(raw: Mapping[str, Any], i: int, file: str, doc: Document) -> list[Problem]:
    out = []
    for loc in ((i, "metric"), (i, "holds", "metric"), (i, "reverses", "metric")):
        node: Any = raw
        for key in loc[1:]:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, str) and node not in PER_REPLICATION and not _duty_metric(node):
            msg = f"unknown metric {show(node)}"
            hint = did_you_mean(node, PER_REPLICATION) or f"one of {', '.join(PER_REPLICATION)}"
            out.append(Problem(_CODE, msg, file=file, row=doc.line(loc), path=format_path(loc),
                               hint=hint))  # fmt: skip
    return out


def _load(
    base: Path, rel: str, overrides: Sequence[str], where: Problem
) -> tuple[Scenario | None, list[Problem]]:
    """Load one scenario of the registry; problems are placed at ``where`` (file, row, path)."""
    from zeren_graph.sim.loading import load_scenario  # noqa: PLC0415

    target = base / rel
    if not target.is_file():
        return None, [replace(where, message=f"no scenario file {target}")]
    try:
        return load_scenario(target, overrides=overrides), []
    except InputError as exc:
        return None, [
            replace(where, message=f"{where.message}: {p}", code=p.code) for p in exc.problems
        ]
    except OSError as exc:
        return None, [replace(where, message=f"cannot read {target}: {exc.strerror or exc}")]


def _scenarios(
    runs: _Runs, base: Path, overrides: tuple[str, ...], file: str, doc: Document
) -> tuple[dict[tuple[str, tuple[str, ...]], Scenario], list[Problem]]:
    loaded: dict[tuple[str, tuple[str, ...]], Scenario] = {}
    failed: set[tuple[str, tuple[str, ...]]] = set()
    problems: list[Problem] = []
    for rel, extra, loc in runs:
        key = (rel, extra)
        if key in loaded or key in failed:
            continue
        what = f"scenario {rel}" + (f" with {', '.join(extra)}" if extra else "")
        where = Problem(_CODE, what, file=file, row=doc.line(loc), path=format_path(loc))
        scenario, found = _load(base, rel, (*overrides, *extra), where)
        if scenario is None:
            failed.add(key)
            if not extra or (rel, ()) not in failed:  # a broken file is reported once
                problems.extend(found)
        else:
            loaded[key] = scenario
    return loaded, problems


def load_registry(path: str | Path, *, overrides: Sequence[str] = ()) -> Registry:
    """Read and check a claims registry; load every scenario it runs.

    ``overrides`` (``key.path=value``, as ``zeren simulate --set``) apply to
    every scenario, before a pair's ``without``.

    Raises
    ------
    ScenarioError
        Listing every problem, each with the registry's file, line and key path.
    OSError
        When the registry itself is missing or unreadable.
    """
    path = Path(path)
    file = str(path)
    doc = parse_yaml(read_text(path), file, error=ScenarioError)
    claims, runs, problems = _parse(doc, file)
    scenarios, found = _scenarios(runs, path.parent, tuple(overrides), file, doc)
    problems.extend(found)
    if problems:
        raise ScenarioError(problems)
    return Registry(path, tuple(c for _, c in claims), scenarios, tuple(overrides))
