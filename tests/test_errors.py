import pytest

from zeren_graph import errors
from zeren_graph.errors import (
    DecodeError,
    InputError,
    MissingColumnError,
    Problem,
    UnknownReferenceError,
    ZerenError,
    did_you_mean,
    raise_problems,
)


def test_every_error_is_a_zeren_error_and_a_value_error() -> None:
    for name in errors.__all__:
        obj = getattr(errors, name)
        if isinstance(obj, type) and issubclass(obj, InputError):
            assert issubclass(obj, ZerenError)
            assert issubclass(obj, ValueError)


def test_builtin_families() -> None:
    assert issubclass(UnknownReferenceError, LookupError)
    assert issubclass(MissingColumnError, LookupError)
    assert issubclass(DecodeError, UnicodeError)


def test_all_problems_are_reported() -> None:
    problems = [
        Problem("unknown-reference", "unit 'a' is not defined", file="x.csv", row=2),
        Problem("unknown-reference", "unit 'b' is not defined", file="x.csv", row=5),
    ]
    with pytest.raises(UnknownReferenceError) as info:
        raise_problems(problems)
    text = str(info.value)
    assert "2 problems" in text
    assert "x.csv, row 2" in text
    assert "x.csv, row 5" in text
    assert info.value.problems == tuple(problems)


def test_mixed_codes_give_the_base_class() -> None:
    with pytest.raises(InputError) as info:
        raise_problems([Problem("duplicate-id", "a"), Problem("unknown-reference", "b")])
    assert type(info.value) is InputError


def test_location_and_hint() -> None:
    p = Problem("x", "bad", file="f.csv", row=3, column="role", hint="did you mean 'lead'?")
    assert str(p) == "f.csv, row 3, column 'role': bad; did you mean 'lead'?"
    assert str(Problem("x", "bad", path="units[0].parent")) == "units[0].parent: bad"


def test_did_you_mean_chinese_substring() -> None:
    assert did_you_mean("乙镇", ["乙镇党委员会", "丙村"]) == "did you mean '乙镇党委员会'?"
    assert did_you_mean("乙", []) is None
