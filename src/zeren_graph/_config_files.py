"""The names of zeren_graph's configuration files, without importing the configuration schema.

Examples
--------
>>> CONFIG_FILES[0]
'zeren.yaml'
>>> import tempfile
>>> any_config_file(tempfile.mkdtemp())
False
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CONFIG_FILES", "any_config_file"]

#: Looked for in this order (``pyproject.toml`` counts when it has a ``[tool.zeren]`` table).
CONFIG_FILES = ("zeren.yaml", ".zeren.yaml", "zeren.yml", ".zeren.yml", "pyproject.toml")


def any_config_file(directory: str | Path) -> bool:
    """Whether ``directory`` holds a file that may be a configuration (a cheap first look)."""
    d = Path(directory)
    return any((d / name).is_file() for name in CONFIG_FILES)
