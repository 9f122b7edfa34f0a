"""The result type of every rule: a :class:`Finding`, with its :class:`Severity`.

Examples
--------
>>> f = Finding(code="ZG101", rule="unowned-duty", severity=Severity.error,
...             subjects=("乙镇党委/组织生活",), message="duty '组织生活' has no owner",
...             message_zh="职责'组织生活'无人负责(责任盲区)")
>>> f.text("zh")
'职责'组织生活'无人负责(责任盲区)'
>>> Severity.error >= Severity.warning
True
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from zeren_graph.model import Source

__all__ = ["Finding", "Lang", "Severity"]

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

    def sort_key(self) -> tuple[int, str, tuple[str, ...], str]:
        """Deterministic order: most severe first, then code, subjects, message."""
        return (-self.severity.rank, self.code, self.subjects, self.message)
