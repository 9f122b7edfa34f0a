"""Find a duty by id or by name, with a "did you mean" when it is not there.

Examples
--------
>>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
>>> m = ResponsibilityModel(units=[Unit(id="乙镇")],
...     duties=[Duty(id="乙镇/组织生活", name="组织生活", scope="乙镇")])
>>> resolve_duty(m, "组织生活").id
'乙镇/组织生活'
"""

from __future__ import annotations

from zeren_graph.errors import InputError, Problem, UnknownReferenceError, did_you_mean
from zeren_graph.model import Duty, ResponsibilityModel
from zeren_graph.vocab import normalize_text

__all__ = ["resolve_duty"]

_SUGGEST = 5000  # above this many names, "did you mean" is too slow to offer


def resolve_duty(model: ResponsibilityModel, duty: str, scope: str | None = None) -> Duty:
    """Find a duty by id or by name, ``scope`` choosing among duties of one name.

    Raises
    ------
    UnknownReferenceError
        The duty (or the scope) is not in the model; the message suggests the
        closest name.
    InputError
        The name is ambiguous: the message lists the scopes to choose from.

    Examples
    --------
    >>> from zeren_graph.model import Duty, ResponsibilityModel, Unit
    >>> m = ResponsibilityModel(units=[Unit(id="甲镇"), Unit(id="乙镇")],
    ...     duties=[Duty(id="甲镇/组织生活", name="组织生活", scope="甲镇"),
    ...             Duty(id="乙镇/组织生活", name="组织生活", scope="乙镇")])
    >>> resolve_duty(m, "组织生活", "乙镇").id
    '乙镇/组织生活'
    >>> resolve_duty(m, "组织生活")
    Traceback (most recent call last):
    ...
    zeren_graph.errors.InputError: duty '组织生活' exists in 2 scopes: 甲镇, 乙镇; ...
    """
    ix = model.index
    key = normalize_text(duty)
    where = normalize_text(scope) if scope is not None else None
    if where is not None and where not in ix.units:
        hint = did_you_mean(where, ix.units) if len(ix.units) < _SUGGEST else None
        problem = Problem(
            "unknown-reference",
            f"unit {where!r} is not in the model",
            value=where,
            path="scope",
            hint=hint,
        )
        raise UnknownReferenceError([problem])
    exact = ix.duties.get(key)
    if exact is not None and where in (None, exact.scope):
        return exact
    named = [d for d in model.duties if d.name == key]
    found = [d for d in named if where in (None, d.scope)]
    if len(found) == 1:
        return found[0]
    if not found:
        if named:
            hint = "it exists in " + ", ".join(d.scope for d in named)
        else:
            names = sorted({d.name for d in model.duties})
            hint = did_you_mean(key, names) if len(names) < _SUGGEST else None
        in_scope = f" with scope {where!r}" if where is not None else ""
        problem = Problem(
            "unknown-reference", f"duty {key!r}{in_scope} is not in the model", value=key, hint=hint
        )
        raise UnknownReferenceError([problem])
    scopes = ", ".join(d.scope for d in found)
    raise InputError(
        [
            Problem(
                "ambiguous-duty",
                f"duty {key!r} exists in {len(found)} scopes: {scopes}",
                value=key,
                hint="choose one with scope= (--scope on the command line)",
            )
        ]
    )
