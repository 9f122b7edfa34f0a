"""Set up and run zeren_graph with nothing but python3 and pip.

Usage::

    python3 dev.py demo    # create .venv, install, run the main job on the bundled data
    python3 dev.py test    # create .venv, install with the dev extra, run the full suite

The virtual environment lives in ``.venv`` beside this file and is reused.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")

LISTS = ROOT / "scenarios" / "lists"
DEMO: list[list[str]] = [
    ["zeren", "info", str(LISTS / "agency.csv"), "--units", str(LISTS / "agency_units.csv")],
    [
        "zeren",
        "check",
        str(LISTS / "agency.csv"),
        "--units",
        str(LISTS / "agency_units.csv"),
        "--fail-on",
        "never",
    ],
    ["zeren", "info", str(LISTS / "county.xlsx")],
    ["zeren", "check", str(LISTS / "county.xlsx"), "--lang", "zh", "--fail-on", "never"],
    [
        "zeren",
        "simulate",
        str(ROOT / "scenarios" / "sim" / "ningxia_ladder.yaml"),
        "--out",
        str(ROOT / "out" / "ningxia_ladder"),
    ],
]
TEST: list[list[str]] = [
    ["ruff", "check", "."],
    ["ruff", "format", "--check", "."],
    ["mypy"],
    ["pytest"],
]


def _run(cmd: list[str]) -> None:
    exe = BIN / cmd[0]
    full = [str(exe) if exe.exists() else cmd[0], *cmd[1:]]
    print("$", " ".join(cmd), flush=True)
    code = subprocess.call(full, cwd=ROOT)
    if code != 0:
        print(f"dev.py: '{' '.join(cmd)}' failed with exit code {code}", file=sys.stderr)
        sys.exit(code)


def _setup(extra: str) -> None:
    if not PY.exists():
        print(f"creating {VENV.relative_to(ROOT)}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pip = [str(PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    spec = f".[{extra}]" if extra else "."
    subprocess.check_call([*pip, "-e", spec], cwd=ROOT)


def main(argv: list[str]) -> int:
    """Run ``demo`` or ``test``."""
    if len(argv) != 1 or argv[0] not in {"demo", "test"}:
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "demo":
        _setup("cjk")
        for cmd in DEMO:
            _run(cmd)
    else:
        _setup("dev")
        for cmd in TEST:
            _run(cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
