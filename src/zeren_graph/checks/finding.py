"""The result type of every rule: a :class:`Finding`, with its :class:`Severity`.

Examples
--------
>>> f = Finding(code="ZG101", rule="unowned-duty", severity=Severity.error,
...             subjects=("乙镇党委/组织生活",), message="duty '组织生活' has no owner",
...             message_zh="职责'组织生活'无人负责(责任盲区)")
>>> print(f.text("zh"))
职责'组织生活'无人负责(责任盲区)
>>> Severity.error >= Severity.warning
True
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from zeren_graph.model import Source

__all__ = ["Finding", "Lang", "Severity", "trusted_finding"]

Lang = Literal["en", "zh"]


class Severity(StrEnum):
    """How serious a finding is; ordered ``info < warning < error``."""

    info = "info"
    warning = "warning"
    error = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}


class Finding(BaseModel):
    """One problem a rule found, with everything needed to act on it.

    ``subjects`` are ids in the user's own words (duty, post, unit ids);
    ``sources`` the file and row of every list row involved.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    rule: str
    severity: Severity
    subjects: tuple[str, ...]
    message: str
    message_zh: str
    sources: tuple[Source, ...] = ()

    def text(self, lang: Lang = "en") -> str:
        """Return the message in English (``"en"``) or Chinese (``"zh"``)."""
        return self.message_zh if lang == "zh" else self.message

    def sort_key(
        self,
    ) -> tuple[int, str, tuple[str, ...], str, str, tuple[tuple[str, str, int], ...]]:
        """Deterministic order: most severe first, then code, subjects, messages, sources."""
        return (
            -self.severity.rank,
            self.code,
            self.subjects,
            self.message,
            self.message_zh,
            tuple((s.file, s.sheet or "", s.row) for s in self.sources),
        )


_FIELDS = frozenset(Finding.model_fields)
# Shared by every trusted finding, as the loaders share theirs: a finding is
# frozen and pydantic copies the set before changing a copy's. One set per
# finding would cost about 700 bytes each, 800 MB for a million findings.
_ALL_SET = set(_FIELDS)
_new = object.__new__
_set = object.__setattr__


def trusted_finding(  # noqa: PLR0917  (positional: called per finding, in bulk)
    code: str,
    rule: str,
    severity: Severity,
    subjects: tuple[str, ...],
    message: str,
    message_zh: str,
    sources: tuple[Source, ...],
) -> Finding:
    """Build a :class:`Finding` from values already of the right types, without validation.

    The rules produce hundreds of thousands of findings on a large list; this
    skips pydantic's validation (what :meth:`pydantic.BaseModel.model_construct`
    does, at a third of its cost). Pass exactly the types annotated.

    Examples
    --------
    >>> f = trusted_finding("ZG105", "uncovered-unit", Severity.warning, ("五村",), "m", "消息", ())
    >>> f == Finding(code="ZG105", rule="uncovered-unit", severity="warning",
    ...              subjects=("五村",), message="m", message_zh="消息")
    True
    """
    f = _new(Finding)
    _set(
        f,
        "__dict__",
        {
            "code": code,
            "rule": rule,
            "severity": severity,
            "subjects": subjects,
            "message": message,
            "message_zh": message_zh,
            "sources": sources,
        },
    )
    _set(f, "__pydantic_fields_set__", _ALL_SET)
    _set(f, "__pydantic_extra__", None)
    _set(f, "__pydantic_private__", None)
    return f
