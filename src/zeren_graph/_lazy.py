"""Module attributes imported on first use (PEP 562), shared by the lazy packages.

Examples
--------
>>> import types
>>> mod = types.ModuleType("demo")
>>> mod.__getattr__, mod.__dir__ = lazy_attributes(mod.__dict__, {"sqrt": "math"}, ["sqrt"])
>>> mod.sqrt(4.0)
2.0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping, Sequence
from importlib import import_module
from typing import Any

__all__ = ["lazy_attributes"]


def lazy_attributes(
    namespace: MutableMapping[str, Any], lazy: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return a module's ``__getattr__`` and ``__dir__`` for names imported on first use.

    ``lazy`` maps a public name to its module (absolute, or relative to the
    package ``namespace["__name__"]`` when it starts with a dot); the value is
    cached in ``namespace`` once imported.
    """
    package = namespace["__name__"]

    def get_attribute(name: str) -> Any:
        module = lazy.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package if module.startswith(".") else None), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted({*namespace, *public})

    return get_attribute, names
