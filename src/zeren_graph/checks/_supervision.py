"""The ``supervision:`` key of the configuration: supervision of the whole document (ZG104).

Examples
--------
>>> DocumentSupervision.model_validate({"units": "县纪委", "note": "统一监督"}).units
('县纪委',)
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from zeren_graph._display import excerpt
from zeren_graph.errors import did_you_mean
from zeren_graph.vocab import normalize_text

__all__ = ["DocumentSupervision"]

_KEYS = ("units", "note")


class DocumentSupervision(BaseModel):
    """Supervision stated once for the whole document: it supervises every duty (ZG104).

    Written ``supervision: 县纪委``, ``supervision: [县纪委, 县委督查室]`` or
    ``supervision: {units: [县纪委], note: 县纪委对清单全部任务落实情况进行监督}``.

    Examples
    --------
    >>> DocumentSupervision.model_validate("县纪委").units
    ('县纪委',)
    >>> DocumentSupervision.model_validate({"unit": ["县纪委"]})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for DocumentSupervision
      Value error, unknown key 'unit'; did you mean 'units'? ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    units: tuple[str, ...] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthands(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"units": [data]}
        if isinstance(data, list | tuple):
            data = {"units": data}
        if not isinstance(data, dict):
            msg = "expected a unit's name, a list of names or a mapping with 'units'"
            raise ValueError(msg)  # pydantic reports ValueError, not TypeError
        if isinstance(data.get("units"), list | tuple) and not data["units"]:
            msg = "give at least one supervising unit"
            raise ValueError(msg)
        for key in data:
            if key not in _KEYS:
                hint = did_you_mean(str(key), _KEYS)
                msg = f"unknown key {excerpt(str(key))!r}" + (f"; {hint}" if hint else "")
                raise ValueError(msg)
        if isinstance(data.get("units"), str):
            return {**data, "units": [data["units"]]}
        return data

    @field_validator("units")
    @classmethod
    def _names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        names = tuple(normalize_text(v) for v in value)
        if not all(names):
            msg = "a supervising unit's name is empty"
            raise ValueError(msg)
        return names
