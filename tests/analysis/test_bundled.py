"""Trace, what-if and diff on the bundled example lists (scenarios/lists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zeren_graph.analysis import StepKind, Via, accountability_chain, diff, what_if
from zeren_graph.io import load
from zeren_graph.model import ResponsibilityModel

LISTS = Path(__file__).resolve().parents[2] / "scenarios" / "lists"


@pytest.fixture(scope="module")
def county() -> ResponsibilityModel:
    return load(LISTS / "county.yaml")


def test_trace_vacant_village_secretary(county: ResponsibilityModel) -> None:
    chain = accountability_chain(county, "三会一课", scope="高庙村")
    owner = chain.of_kind(StepKind.owner)[0]
    assert (owner.id, owner.is_vacant) == ("高庙村/党支部书记", True)
    assert [s.unit for s in chain.of_kind(StepKind.superior)] == ["高城镇党委", "随县县委"]
    assert chain.root == "随县县委"


def test_trace_blind_spot_has_an_owner_gap(county: ResponsibilityModel) -> None:
    chain = accountability_chain(county, "流动党员教育管理", scope="随县县委")
    assert chain.steps[0].via is Via.missing


def test_what_if_the_man_of_four_posts_leaves(county: ResponsibilityModel) -> None:
    result = what_if(county, vacate=["许刚"])
    introduced = {(f.code, f.subjects[0]) for f in result.introduced}
    # every duty 许刚 alone owned at 殷店镇 loses its occupied owner
    assert ("ZG103", "殷店镇党委/三会一课落实") in introduced
    assert {code for code, _ in introduced} == {"ZG103"}
    assert all(duty.startswith("殷店镇党委/") for _, duty in introduced)
    assert [f.code for f in result.resolved] == ["ZG501"]


def test_yaml_and_workbook_versions_do_not_differ(county: ResponsibilityModel) -> None:
    assert diff(county, load(LISTS / "county.xlsx")).is_empty
