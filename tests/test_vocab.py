from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zeren_graph.vocab import (
    ALIASES,
    OWNER_ROLES,
    Category,
    PostKind,
    Role,
    SupervisionKind,
    UnitKind,
    accepted,
    infer_post_kind,
    normalize_text,
    parse,
    parse_bool,
)

VOCABS = [Role, UnitKind, PostKind, Category, SupervisionKind]


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("主体责任", Role.primary),
        ("第一责任", Role.first_responsible),
        ("第一责任人", Role.first_responsible),
        ("直接责任", Role.direct),
        ("牵头", Role.lead),
        ("配合", Role.support),
        ("参与", Role.support),
        ("监督责任", Role.supervisory),
        ("First-Responsible", Role.first_responsible),
        (" lead ", Role.lead),
    ],
)
def test_roles_in_chinese_and_english(word: str, role: Role) -> None:
    assert parse(Role, word) is role


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("党委", UnitKind.committee),
        ("党组", UnitKind.party_group),
        ("工委", UnitKind.working_committee),
        ("党工委", UnitKind.working_committee),
        ("支部", UnitKind.branch),
        ("党支部", UnitKind.branch),
        ("总支", UnitKind.general_branch),
        ("党总支", UnitKind.general_branch),
        ("纪委", UnitKind.discipline_commission),
        ("纪工委", UnitKind.discipline_commission),
        ("纪检组", UnitKind.discipline_commission),
        ("部门", UnitKind.department),
        ("领导小组", UnitKind.leading_group),
        ("政府", UnitKind.government),
        ("企业", UnitKind.enterprise),
        ("村", UnitKind.village),
        ("社区", UnitKind.community),
        ("other", UnitKind.other),
    ],
)
def test_unit_kinds(word: str, kind: UnitKind) -> None:
    assert parse(UnitKind, word) is kind


def test_owner_roles_are_the_four() -> None:
    assert {Role.primary, Role.first_responsible, Role.direct, Role.lead} == OWNER_ROLES


@pytest.mark.parametrize("enum", VOCABS)
def test_every_alias_maps_to_a_member(enum: type[StrEnum]) -> None:
    for alias, canonical in ALIASES[enum].items():
        assert parse(enum, alias) == enum(canonical)


@pytest.mark.parametrize("enum", VOCABS)
def test_accepted_names_every_member_and_alias(enum: type[StrEnum]) -> None:
    text = accepted(enum)
    for member in enum:
        assert member.value in text
    for alias in ALIASES[enum]:
        assert alias in text


@given(st.text(max_size=8))
def test_parse_returns_member_or_none(word: str) -> None:
    result = parse(Role, word)
    assert result is None or isinstance(result, Role)


@given(st.sampled_from(list(Role)))
def test_parse_is_idempotent(role: Role) -> None:
    assert parse(Role, role) is role
    assert parse(Role, role.value.upper()) is role


def test_booleans() -> None:
    for word in ("是", "yes", "TRUE", "1", "Y"):
        assert parse_bool(word) is True
    for word in ("否", "no", "false", "0"):
        assert parse_bool(word) is False
    assert parse_bool("也许") is None


def test_normalize_full_width() -> None:
    assert normalize_text("\u3000乙镇\u3000党委 ") == "乙镇 党委"
    assert normalize_text("（县委）") == "(县委)"


def test_infer_post_kind() -> None:
    assert infer_post_kind("书记") is PostKind.secretary
    assert infer_post_kind("党支部书记") is PostKind.secretary
    assert infer_post_kind("纪检委员") is PostKind.discipline
    assert infer_post_kind("局长") is None
