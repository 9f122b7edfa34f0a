from enum import StrEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zeren_graph.errors import did_you_mean
from zeren_graph.io.report import vocabulary_hint
from zeren_graph.vocab import (
    ALIASES,
    OWNER_ROLES,
    ROLE_SYNONYMS,
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
    suggest,
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


# -- role words as lists write them (docs/concepts.md, "Role words as lists write them") --

ROLE_WORDS = {
    Role.primary: ["主体责任", "主体"],
    Role.first_responsible: ["第一责任", "第一责任人", "第一责任人责任", "第一责任人职责"],
    Role.direct: [
        "直接责任", "直接责任人", "一岗双责", "分管责任", "分管领导", "责任领导", "领导责任",
        "直接领导责任", "主要领导责任", "重要领导责任",
    ],
    Role.lead: [
        "牵头", "牵头单位", "牵头部门", "牵头负责", "牵头责任", "牵头责任单位", "主要责任单位",
        "主办", "主办单位",
    ],
    Role.support: [
        "配合", "参与", "配合单位", "配合部门", "配合责任", "参与单位", "协同", "协同单位",
        "协作", "协作单位", "协助", "协办",
    ],
    Role.supervisory: [
        "监督责任", "监督", "督办", "督查", "督导", "监督检查", "督办单位", "监督单位",
        "督查单位",
    ],
}  # fmt: skip
WORD_ROLE = [(word, role) for role, words in ROLE_WORDS.items() for word in words]


@pytest.mark.parametrize(("word", "role"), WORD_ROLE)
def test_role_words_people_write(word: str, role: Role) -> None:
    assert parse(Role, word) is role


def test_role_words_are_exactly_the_aliases() -> None:
    assert dict(WORD_ROLE) == {a: Role(c) for a, c in ALIASES[Role].items()}


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("一岗双责", Role.direct),
        ("主要领导责任", Role.direct),
        ("重要领导责任", Role.direct),
        ("分管责任", Role.direct),
        ("领导责任", Role.direct),
        ("协同", Role.support),
        ("协作", Role.support),
        ("督办", Role.supervisory),
    ],
)
def test_leadership_grades_are_not_first_responsible(word: str, role: Role) -> None:
    assert parse(Role, word) is role
    assert parse(Role, word) is not Role.first_responsible


@pytest.mark.parametrize(
    "written",
    [
        " 一岗双责 ",
        "\u3000一岗双责\u3000",
        "“一岗双责”",
        '"一岗双责"',
        "「一岗双责」",
        "一岗 双责",
        "一岗\u3000双责",
        "一岗双责。",
        "一岗双责;",
        "一岗双责；",
        "一岗双责，",
        "一岗双责、",
    ],
)
def test_role_words_tolerate_spaces_quotes_and_punctuation(written: str) -> None:
    assert parse(Role, written) is Role.direct


def test_english_role_words_unchanged() -> None:
    assert parse(Role, "First Responsible") is Role.first_responsible
    assert parse(Role, "SUPERVISORY") is Role.supervisory
    assert parse(Role, "direct responsibility") is None


# -- suggestions: from the curated table only --


def test_every_curated_proposal_is_an_accepted_word() -> None:
    for word, proposals in ROLE_SYNONYMS.items():
        assert parse(Role, word) is None, word  # a curated word is not also accepted
        assert proposals
        for proposal in proposals:
            assert parse(Role, proposal.word) is not None, (word, proposal)
        if len(proposals) > 1:
            assert all(p.when for p in proposals), word


def test_ambiguous_word_explains_each_choice() -> None:
    hint = suggest(Role, "负责")
    assert hint is not None
    assert hint.startswith("'负责' is ambiguous")
    for word in ("主体责任", "直接责任", "牵头"):
        assert word in hint


@pytest.mark.parametrize(
    ("written", "proposed"),
    [
        ("一岗两责", "一岗双责"),
        ("一岗二责", "一岗双责"),
        ("班子成员", "一岗双责"),
        ("首责", "第一责任"),
        ("负首责", "第一责任"),
        ("集体责任", "主体责任"),
        ("纪委", "监督责任"),
        ("督察", "督查"),
        ("岗双责", "一岗双责"),  # part of a word
        ("双责", "一岗双责"),
        ("第一", "第一责任"),  # the start of words that all mean one role
        ("主要领导", "主要领导责任"),
        ("牵头单位(主办)", "牵头单位"),  # contains a word
        ("纪委书记", "监督责任"),
    ],
)
def test_curated_suggestions(written: str, proposed: str) -> None:
    assert suggest(Role, written) == f"did you mean '{proposed}'?"


@pytest.mark.parametrize(
    "written",
    [
        "第二责任",
        "第二责任人",
        "第三责任",
        "二岗双责",
        "一岗多责",
        "双重责任",
        "第一负担",
        "职责",  # the end of 第一责任人职责, but too short a part of it
        "要负",  # inside 主要负责人
        "第一书记",  # a post (驻村第一书记), not a role
        "责任",
        "领导",
        "牵投",
        "党校",
        "indirect",
        "leader",
        "",
        "   ",
    ],
)
def test_no_suggestion_from_look_alikes(written: str) -> None:
    assert suggest(Role, written) is None


@pytest.mark.parametrize(
    "written",
    ["一岗两责", "一岗二责", "一岗多责", "二岗双责", "“一岗双责”制", "第二责任", "第二责任人"],
)
def test_one_post_two_duties_never_becomes_first_responsibility(written: str) -> None:
    # what edit distance proposed, and must not: difflib finds 第一责任 "close" to 一岗双责
    assert did_you_mean("一岗双责", ["第一责任"]) == "did you mean '第一责任'?"
    hint = suggest(Role, written)
    assert hint is None or "第一责任" not in hint
    assert not vocabulary_hint(Role, written).startswith("did you mean '第一责任")


def test_second_responsibility_is_not_first() -> None:
    assert suggest(Role, "第二责任") is None
    assert vocabulary_hint(Role, "第二责任").startswith("accepted: ")


def test_mixed_words_are_named() -> None:
    hint = suggest(Role, "牵头配合")
    assert hint is not None
    assert "牵头 (lead)" in hint
    assert "配合 (support)" in hint


def test_accepted_words_get_no_suggestion() -> None:
    for word in ALIASES[Role]:
        assert suggest(Role, word) is None


def test_vocabulary_hint_other_vocabularies() -> None:
    assert vocabulary_hint(UnitKind, "乡镇党委").startswith("did you mean '党委'?")
    assert vocabulary_hint(UnitKind, "党校").startswith("accepted: ")  # not 党组
    assert vocabulary_hint(UnitKind, "comittee").startswith("did you mean 'committee'?")
    assert vocabulary_hint(Role, "supervisor").startswith("did you mean 'supervisory'?")
    assert vocabulary_hint(Role, "leed").startswith("accepted: ")  # no edit distance for roles


CURATED = [w for w in (*ROLE_SYNONYMS, *ALIASES[Role]) if not w.isascii()]
CURATED_CHARS = sorted({c for w in CURATED for c in w} | set("二三双岗领导"))


def _related(text: str) -> bool:
    """The text contains a curated word, or is the start or end of one (at least half)."""
    return any(
        w in text
        or (
            len(text) >= 2 and 2 * len(text) >= len(w) and text in (w[: len(text)], w[-len(text) :])
        )
        for w in CURATED
    )


@given(
    st.one_of(
        st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=6),
        st.text(alphabet=st.sampled_from(CURATED_CHARS), max_size=6),
    )
)
def test_no_role_suggested_for_cjk_outside_the_table(text: str) -> None:
    if _related(text):
        return
    assert suggest(Role, text) is None
    assert vocabulary_hint(Role, text).startswith("accepted: ")


@given(st.text(alphabet=st.sampled_from(CURATED_CHARS), min_size=1, max_size=6))
def test_a_proposed_word_is_related_to_the_text(text: str) -> None:
    hint = suggest(Role, text)
    if hint is not None and hint.startswith("did you mean '"):
        proposed = hint.removeprefix("did you mean '").removesuffix("'?")
        assert parse(Role, proposed) is not None
        assert _related(text)
