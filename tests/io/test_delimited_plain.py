"""The CSV reader's path for text without quotes reads the records the csv module reads."""

import csv
import io
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zeren_graph.errors import LimitError
from zeren_graph.io.formats import delimited
from zeren_graph.limits import override

# cells of CJK, ASCII, delimiters and every line break csv and str.splitlines know
_TEXT = st.text(alphabet=st.sampled_from(list("甲乙a 1,;\t\n\r\v\x1c\u2028\u3000")), max_size=60)


def _csv_records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    return [row or [""] for row in reader]  # an empty line: one empty cell in both


@given(text=_TEXT, delimiter=st.sampled_from([",", "\t", ";"]))
def test_plain_records_are_the_csv_modules(text: str, delimiter: str) -> None:
    assert list(delimited._plain_records(text, delimiter, "清单.csv")) == _csv_records(
        text, delimiter
    )


@given(text=_TEXT)
def test_plain_records_across_chunks(text: str, monkeypatch_chunk: None) -> None:
    assert list(delimited._plain_records(text * 5, ",", "清单.csv")) == _csv_records(text * 5, ",")


@pytest.fixture(scope="module")
def monkeypatch_chunk() -> Iterator[None]:
    """Chunks of 3 characters, so that a text is split in many chunks."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(delimited, "_CHUNK", 3)
        yield


def test_a_cell_over_the_limit_names_its_row_after_the_rows_above() -> None:
    text = "职责,单位\n组织生活,乙镇党委\n" + "甲" * 20 + ",乙\n"
    records = delimited._plain_records(text, ",", "清单.csv")
    with override(cell_chars=10):
        assert next(records) == ["职责", "单位"]
        assert next(records) == ["组织生活", "乙镇党委"]
        with pytest.raises(LimitError, match="row 3"):
            next(records)
