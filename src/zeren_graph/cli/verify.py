"""``zeren verify DIR``: check a results folder holds one complete run, as its manifest says."""

from __future__ import annotations

import argparse
import json
from typing import Any

__all__ = ["register", "run"]


def register(sub: Any) -> None:  # argparse's _SubParsersAction is private
    """Add the ``verify`` sub-command to ``sub``."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "verify",
        help="check a results folder against its manifest.json",
        description="Check that a folder written by 'zeren simulate --out DIR' holds one "
        "complete run: manifest.json says complete, and every file it names is there with "
        "its recorded size and SHA-256. Exit 0 when it does, 1 when it does not.",
    )
    parser.add_argument("folder", metavar="DIR", help="the results folder")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``zeren verify``; return 0 for a complete run, 1 otherwise."""
    from pathlib import Path  # noqa: PLC0415

    from zeren_graph.output import verify_run  # noqa: PLC0415
    from zeren_graph.output.escape import terminal  # noqa: PLC0415

    folder = Path(args.folder)
    if not folder.is_dir():
        raise NotADirectoryError(20, "not a folder", str(folder))
    check = verify_run(folder)
    if args.format == "json":
        doc = {
            "folder": str(folder),
            "ok": check.ok,
            "problems": list(check.problems),
            "extra": list(check.extra),
            "manifest": check.manifest,
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print("\n".join(terminal(line) for line in str(check).splitlines()))
        if check.extra:
            print(f"  files not part of the run: {terminal(', '.join(check.extra))}")
    return 0 if check.ok else 1
