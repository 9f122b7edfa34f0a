"""Configuration of the checks: rules on/off, severities, thresholds, constraints, exceptions.

A configuration is a YAML file (``zeren.yaml``) or the ``[tool.zeren]`` table
of a ``pyproject.toml``; the format is described in ``docs/config.md``.
Every problem in it is reported at once as a
:class:`~zeren_graph.errors.ConfigError` naming the file and the key path.

Examples
--------
>>> cfg = CheckConfig.from_mapping({
...     "rules": {"ZG105": False, "sibling-overlap": {"min_shared": 4}},
...     "constraints": [{"role": "第一责任人", "per": "unit", "exactly": 1}],
...     "exceptions": [{"rule": "ZG201", "subjects": ["县委/党建督查"],
...                     "reason": "县委常委会决定双主体", "expires": "2027-01-01"}]})
>>> cfg.rules["ZG105"].enabled, cfg.rules["ZG203"].thresholds
(False, {'min_shared': 4})
>>> CheckConfig.from_mapping({"rule": {}})
Traceback (most recent call last):
...
zeren_graph.errors.ConfigError: rule: unknown key 'rule'; did you mean 'rules'?
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from zeren_graph._config_files import CONFIG_FILES
from zeren_graph._display import excerpt
from zeren_graph.checks._parsing import parse_rules, problem, pydantic_problems
from zeren_graph.checks._supervision import DocumentSupervision
from zeren_graph.checks.finding import Finding, Severity
from zeren_graph.checks.registry import REGISTRY, rule_key
from zeren_graph.errors import ConfigError, Problem, did_you_mean
from zeren_graph.io.documents import (
    Document,
    check_data,
    parse_path,
    parse_yaml,
    read_text,
    reraise,
    value_text,
)
from zeren_graph.io.options import ReadOptions
from zeren_graph.limits import current, exceeded
from zeren_graph.vocab import Role, accepted, parse

__all__ = [
    "CONFIG_FILES",
    "AcceptedException",
    "CheckConfig",
    "DocumentSupervision",
    "RoleConstraint",
    "RuleSettings",
    "find_config",
    "load_config",
]

_TOP_KEYS = ("rules", "constraints", "exceptions", "supervision", "reading")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class RuleSettings(_Frozen):
    """How one rule runs: enabled, its severity, its thresholds (unset = defaults)."""

    enabled: bool = True
    severity: Severity | None = None
    thresholds: dict[str, int | float] = Field(default_factory=dict)


class RoleConstraint(_Frozen):
    """A cardinality limit on a role, reported under ZG901 (role-cardinality).

    ``per="unit"`` counts the distinct holders with one of ``roles`` on the
    duties covering each unit that has duties; ``per="duty"`` counts them on
    each duty. ``exactly`` is shorthand for ``min == max``.
    """

    roles: tuple[Role, ...] = Field(min_length=1)
    per: Literal["unit", "duty"]
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    severity: Severity = Severity.warning
    name: str | None = None

    @field_validator("roles", mode="before")
    @classmethod
    def _parse_roles(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple):
            return value
        out = []
        for v in value:
            role = parse(Role, v) if isinstance(v, str) else None
            if role is None:
                msg = f"unknown role {excerpt(str(v))!r}; accepted: {accepted(Role)}"
                raise ValueError(msg)
            out.append(role)
        return out

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "role" in data:
            role = data.pop("role")
            data["roles"] = [role] if isinstance(role, str) else role
        if "exactly" in data:
            n = data.pop("exactly")
            data["min"], data["max"] = n, n
        return data

    @model_validator(mode="after")
    def _bounds(self) -> Self:
        if self.min is None and self.max is None:
            msg = "give 'exactly', 'min' or 'max'"
            raise ValueError(msg)
        if self.min is not None and self.max is not None and self.min > self.max:
            msg = f"min ({self.min}) is greater than max ({self.max})"
            raise ValueError(msg)
        return self

    def describe(self) -> str:
        """Return e.g. ``exactly 1 first_responsible per unit``.

        Examples
        --------
        >>> RoleConstraint(role="supervisory", per="duty", min=1).describe()
        'at least 1 supervisory per duty'
        """
        roles = "/".join(r.value for r in self.roles)
        if self.min == self.max:
            bound = f"exactly {self.min}"
        elif self.max is None:
            bound = f"at least {self.min}"
        elif self.min is None:
            bound = f"at most {self.max}"
        else:
            bound = f"between {self.min} and {self.max}"
        return f"{bound} {roles} per {self.per}"


class AcceptedException(_Frozen):
    """A deliberate exception: findings of ``rule`` it matches are suppressed.

    It matches a finding of its rule whose subjects include every one of
    ``subjects`` and, if ``pattern`` is given, one of whose subjects matches
    the glob ``pattern``. With neither, it matches every finding of the rule.
    """

    rule: str
    subjects: tuple[str, ...] = ()
    pattern: str | None = None
    reason: str = Field(min_length=1)
    approved_by: str | None = None
    expires: dt.date | None = None

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        code = rule_key(value)
        if code is None:
            hint = did_you_mean(value, [*REGISTRY, *(r.name for r in REGISTRY.values())])
            msg = f"unknown rule {excerpt(value)!r}" + (f"; {hint}" if hint else "")
            raise ValueError(msg)
        return code

    def is_expired(self, today: dt.date) -> bool:
        """Return whether the exception has expired: ``today`` is after ``expires``.

        Examples
        --------
        >>> e = AcceptedException(rule="ZG101", reason="试点", expires="2026-06-30")
        >>> e.is_expired(dt.date(2026, 6, 30)), e.is_expired(dt.date(2026, 7, 1))
        (False, True)
        """
        return self.expires is not None and today > self.expires

    def matches(self, finding: Finding) -> bool:
        """Whether this exception covers ``finding`` (expiry aside).

        Examples
        --------
        >>> from zeren_graph.checks.finding import Finding
        >>> f = Finding(code="ZG105", rule="uncovered-unit", severity="warning",
        ...             subjects=("乙镇/五村",), message="m", message_zh="m")
        >>> AcceptedException(rule="uncovered-unit", pattern="乙镇/*", reason="撤并中").matches(f)
        True
        """
        if finding.code != self.rule or not set(self.subjects) <= set(finding.subjects):
            return False
        return self.pattern is None or any(
            fnmatch.fnmatchcase(s, self.pattern) for s in finding.subjects
        )


class CheckConfig(_Frozen):
    """The whole configuration of :func:`~zeren_graph.checks.check`.

    Build it with :meth:`from_mapping` (which reports every problem with its
    key path) or :func:`load_config`.
    """

    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    constraints: tuple[RoleConstraint, ...] = ()
    exceptions: tuple[AcceptedException, ...] = ()
    supervision: DocumentSupervision | None = None
    #: How to read the lists (the ``reading:`` section): column mapping, layout, scope, unit.
    reading: ReadOptions | None = None
    file: str | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    @field_validator("rules")
    @classmethod
    def _rule_codes(cls, value: dict[str, RuleSettings]) -> dict[str, RuleSettings]:
        out: dict[str, RuleSettings] = {}
        for key, settings in value.items():
            code = rule_key(key)
            if code is None:
                msg = f"unknown rule {excerpt(key)!r}"
                raise ValueError(msg)
            unknown = set(settings.thresholds) - set(REGISTRY[code].thresholds)
            if unknown:
                msg = f"rule {code} has no threshold {sorted(unknown)[0]!r}"
                raise ValueError(msg)
            out[code] = settings
        return out

    def settings(self, code: str) -> RuleSettings:
        """Return the settings of rule ``code`` (defaults when not configured).

        Examples
        --------
        >>> CheckConfig.from_mapping({"rules": {"ZG403": "error"}}).settings("ZG403").severity
        <Severity.error: 'error'>
        >>> CheckConfig().settings("ZG101").enabled
        True
        """
        return self.rules.get(code, _DEFAULT)

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, Any] | None, *, file: str | None = None, prefix: str = ""
    ) -> CheckConfig:
        """Validate a parsed configuration; raise ConfigError listing every problem.

        Examples
        --------
        >>> CheckConfig.from_mapping({"rules": {"ZG203": {"min_shard": 4}}})
        Traceback (most recent call last):
        ...
        zeren_graph.errors.ConfigError: rules.ZG203.min_shard: unknown key 'min_shard'; ...
        """
        if data is None:
            return cls(file=file)
        problems: list[Problem] = []
        if not isinstance(data, Mapping):
            what = f"the configuration must be a mapping, not a {type(data).__name__}"
            problems.append(problem(what, file, prefix.rstrip("."), value_text(data)))
            raise ConfigError(problems)
        check_data(data, file, error=ConfigError, prefix=prefix)
        for key in data:
            if key not in _TOP_KEYS:
                hint = did_you_mean(str(key), _TOP_KEYS)
                shown = excerpt(str(key))
                where = f"{prefix}{shown}"
                problems.append(problem(f"unknown key {shown!r}", file, where, shown, hint))
        rules = parse_rules(data.get("rules") or {}, file, f"{prefix}rules", problems)
        reading = None
        if data.get("reading") is not None:
            reading, more = ReadOptions.from_mapping(data["reading"], file, f"{prefix}reading.")
            problems += more
        given = ("constraints", "exceptions", "supervision")
        rest = {k: data[k] for k in given if data.get(k) is not None}
        try:
            parsed = cls.model_validate({**rest, "file": file})
        except ValidationError as exc:
            problems.extend(pydantic_problems(exc, file, prefix))
            parsed = cls(file=file)
        if problems:
            raise ConfigError(problems)
        settings = {code: RuleSettings(**v) for code, v in rules.items()}
        return parsed.model_copy(update={"rules": settings, "reading": reading})


_DEFAULT = RuleSettings()


def load_config(path: str | Path) -> CheckConfig:
    r"""Read a configuration from a YAML file or the ``[tool.zeren]`` table of a TOML file.

    The file may be UTF-8 or GB18030. A key given twice, a non-finite number,
    an over-long integer or an impossible date is a problem like any other.

    Raises
    ------
    ConfigError
        If the file cannot be parsed or the configuration is invalid; every
        problem with its key path (and line, for YAML).
    LimitError
        If the file is too large, nests too deeply or expands too far (aliases).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "zeren.yaml").write_text("rules:\n  ZG403: off\n", encoding="utf-8")
    >>> load_config(d / "zeren.yaml").rules["ZG403"].enabled
    False
    >>> _ = (d / "zeren.yaml").write_text("rules:\n  ZG403: off\nrules: {}\n", encoding="utf-8")
    >>> load_config(d / "zeren.yaml")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.ConfigError: ...zeren.yaml, row 3, rules: the key 'rules' is given twice ...
    """
    p = Path(path)
    file = str(p)
    text = read_text(p)
    if p.suffix.lower() == ".toml":
        doc = _toml(text, file)
        table = doc.get("tool", {}).get("zeren")
        if table is None:
            msg = "no [tool.zeren] table"
            raise ConfigError([problem(msg, file, "tool.zeren")])
        return CheckConfig.from_mapping(table, file=file, prefix="tool.zeren.")
    parsed = parse_yaml(text, file, error=ConfigError)
    try:
        return CheckConfig.from_mapping(parsed.data, file=file)
    except ConfigError as exc:
        raise reraise(exc, lambda q: replace(q, row=_row(parsed, q.path))) from None


def _row(doc: Document, path: str | None) -> int | None:
    if not path:
        return None
    return doc.line(parse_path(path))


def _toml(text: str, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = f"invalid TOML: {excerpt(str(exc), 2 * current().excerpt_chars)}"
        raise ConfigError([replace(problem(msg, file, ""), code="invalid-syntax")]) from None
    except RecursionError:
        raise exceeded("yaml_depth", "the TOML file nests too deeply", file=file) from None
    except ValueError:  # an integer too long for Python to convert (over 4,300 digits)
        what = "an integer has thousands of digits"
        raise exceeded("int_digits", what, file=file) from None


def find_config(directory: str | Path = ".") -> Path | None:
    """Return the configuration file of ``directory``, or ``None``.

    Looks for ``zeren.yaml``, ``.zeren.yaml``, ``zeren.yml``, ``.zeren.yml``,
    then a ``pyproject.toml`` that has a ``[tool.zeren]`` table.

    Examples
    --------
    >>> import tempfile
    >>> find_config(tempfile.mkdtemp()) is None
    True
    """
    d = Path(directory)
    for name in CONFIG_FILES:
        candidate = d / name
        if not candidate.is_file():
            continue
        if name != "pyproject.toml":
            return candidate
        try:
            doc = tomllib.loads(read_text(candidate))
        except (ValueError, RecursionError):  # TOMLDecodeError, DecodeError, LimitError...
            return candidate  # let load_config report the error
        if "zeren" in doc.get("tool", {}):
            return candidate
    return None
