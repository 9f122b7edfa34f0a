"""Every Python example in the README and docs/ runs.

A fenced ``python`` block with ``>>>`` prompts runs as a doctest; any other
``python`` block runs as a script. Both run in a scratch directory in which
``scenarios/`` points at the shipped data, so examples may write files freely.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "scenarios").rglob("*.md")]
)
BLOCK = re.compile(r"^```(?:python|pycon)\n(.*?)^```", re.DOTALL | re.MULTILINE)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


PAGES_WITH_EXAMPLES = [p for p in PAGES if _blocks(p)]


def test_the_docs_have_examples() -> None:
    assert sum(len(_blocks(p)) for p in PAGES) >= 10


@pytest.mark.parametrize(
    "page", PAGES_WITH_EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in PAGES_WITH_EXAMPLES]
)
def test_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run a page's blocks in order, sharing names as a reader's session would."""
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for index, block in enumerate(_blocks(page)):
        name = f"{page.name}#{index}"
        if ">>>" in block:
            test = doctest.DocTestParser().get_doctest(block, namespace, name, str(page), 0)
            runner = doctest.DocTestRunner(optionflags=FLAGS)
            runner.run(test, clear_globs=False)
            failed = runner.summarize(verbose=False).failed
            namespace.update(test.globs)  # DocTest works on a copy of the namespace
            assert failed == 0, f"{name}: {failed} example(s) failed"
        else:
            exec(compile(block, name, "exec"), namespace)
