"""Every example of docs/rules.md triggers its rule, and its exception accepts it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from zeren_graph.checks import REGISTRY, check
from zeren_graph.io import read

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
BLOCK = re.compile(r"```(\w+) (\w+)\n(.*?)```", re.DOTALL)


def _sections() -> tuple[dict[str, dict[str, str]], dict[str, list[tuple[str, str]]]]:
    """Return each section's blocks by kind, and its "after" cases: (csv list, yaml config)."""
    text = RULES_MD.read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    after: dict[str, list[tuple[str, str]]] = {}
    for part in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        code = part.split()[0]
        blocks = BLOCK.findall(part)
        out[code] = {f"{lang} {kind}": body for lang, kind, body in blocks}
        cases: list[tuple[str, str]] = []
        for lang, kind, body in blocks:
            if (lang, kind) == ("csv", "after"):
                cases.append((body, "{}"))
            elif (lang, kind) == ("yaml", "after"):
                cases[-1] = (cases[-1][0], body)
        after[code] = cases
    return out, after


SECTIONS, AFTER = _sections()


def test_every_rule_has_a_section_with_an_example_and_an_exception() -> None:
    assert sorted(SECTIONS) == sorted(REGISTRY)
    for code, blocks in SECTIONS.items():
        assert "csv list" in blocks, code
        assert "yaml exception" in blocks, code
        title = RULES_MD.read_text(encoding="utf-8").split(f"## {code} ")[1].split("\n")[0]
        assert title == REGISTRY[code].name


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = dict(a)
    for key, value in b.items():
        if isinstance(value, list):
            out[key] = [*out.get(key, []), *value]
        elif isinstance(value, dict):
            out[key] = {**out.get(key, {}), **value}
        else:
            out[key] = value
    return out


@pytest.mark.parametrize("code", sorted(SECTIONS))
def test_example_fires_and_exception_accepts_it(code: str, tmp_path: Path) -> None:
    blocks = SECTIONS[code]
    (tmp_path / "清单.csv").write_text(blocks["csv list"], encoding="utf-8")
    units = None
    if "csv units" in blocks:
        units = tmp_path / "单位表.csv"
        units.write_text(blocks["csv units"], encoding="utf-8")
    model = read(tmp_path / "清单.csv", units=units).model
    config = yaml.safe_load(blocks.get("yaml config", "{}"))
    before = check(model, config=config)
    assert code in [f.code for f in before.findings]
    accepted = _merge(config, yaml.safe_load(blocks["yaml exception"]))
    after = check(model, config=accepted)
    assert code not in [f.code for f in after.findings]
    if code != "ZG902":
        assert code in [s.finding.code for s in after.suppressed]


@pytest.mark.parametrize(
    ("code", "i"), [(code, i) for code, cases in sorted(AFTER.items()) for i in range(len(cases))]
)
def test_after_examples_do_not_fire(code: str, i: int, tmp_path: Path) -> None:
    """A section's ``csv after`` blocks (with the ``yaml after`` config below them) stay silent."""
    body, config = AFTER[code][i]
    (tmp_path / "清单.csv").write_text(body, encoding="utf-8")
    units = None
    if "csv units" in SECTIONS[code]:
        units = tmp_path / "单位表.csv"
        units.write_text(SECTIONS[code]["csv units"], encoding="utf-8")
    model = read(tmp_path / "清单.csv", units=units).model
    assert code not in [f.code for f in check(model, config=yaml.safe_load(config)).findings]


def test_changed_rules_show_before_and_after() -> None:
    for code in ("ZG102", "ZG104", "ZG107", "ZG403"):
        assert AFTER[code], code


CONFIG_MD = RULES_MD.parent / "config.md"


def test_config_md_examples_are_valid(tmp_path: Path) -> None:
    from zeren_graph.checks import CheckConfig, load_config

    text = CONFIG_MD.read_text(encoding="utf-8")
    yaml_block = re.search(r"```yaml\n(.*?)```", text, re.DOTALL)
    toml_block = re.search(r"```toml\n(.*?)```", text, re.DOTALL)
    assert yaml_block is not None
    assert toml_block is not None
    from_yaml = CheckConfig.from_mapping(yaml.safe_load(yaml_block.group(1)))
    assert from_yaml.rules["ZG203"].thresholds == {"min_shared": 4, "min_jaccard": 0.6}
    assert len(from_yaml.constraints) == 2
    assert len(from_yaml.exceptions) == 2
    assert from_yaml.supervision is not None
    assert from_yaml.supervision.units == ("县纪委",)
    (tmp_path / "pyproject.toml").write_text(toml_block.group(1), encoding="utf-8")
    from_toml = load_config(tmp_path / "pyproject.toml")
    assert from_toml.rules["ZG105"].enabled is False
    assert from_toml.exceptions[0].rule == "ZG201"
    assert from_toml.supervision == from_yaml.supervision
