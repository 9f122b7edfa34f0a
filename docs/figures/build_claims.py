"""Build the claims' phase diagrams and the "Claims" part of docs/validation.md.

For every claim of ``scenarios/claims.yaml`` this runs one pair on a 5×5 grid of two
parameters that matter for it (:data:`PLAN`), with common random numbers in each cell
(:func:`zeren_graph.sim.claims.phase.phase_grid`), writes ``docs/images/claims/<id>.png``,
and rewrites the text between ``<!-- claims:begin -->`` and ``<!-- claims:end -->`` in
``docs/validation.md``: each claim, its pairs with the interval of ``zeren claims``, the
picture and what it shows. Everything in that part is generated; re-run after the model
changes::

    .venv/bin/python docs/figures/build_claims.py                 # all, ~5-10 min on 2 cores
    .venv/bin/python docs/figures/build_claims.py --claims-json out/claims/claims.json
    .venv/bin/python docs/figures/build_claims.py --id pressure-fades --size 3 --no-docs
    .venv/bin/python docs/figures/build_claims.py --cache /tmp/claims.pickle  # redraw fast

``--claims-json`` reuses a ``claims.json`` of ``zeren claims --seed 1 --out DIR``
instead of running the claims again (40 replications, about 2 minutes); ``--cache`` keeps
every run (grids and claims) in a pickle, so a second build only redraws — delete it when
the model or the scenarios change. Run by hand, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zeren_graph.errors import ScenarioError
from zeren_graph.output.atomic import atomic_write
from zeren_graph.plot.claims import save_phase
from zeren_graph.sim.claims import Registry, load_registry, run_claims
from zeren_graph.sim.claims.phase import VERDICTS, PhaseGrid, phase_grid
from zeren_graph.sim.loading import apply_overrides
from zeren_graph.sim.scenario import DEFAULT_SEVERITY, Action, Scenario

ROOT = Path(__file__).resolve().parents[2]
BEGIN, END = "<!-- claims:begin -->", "<!-- claims:end -->"
LOADS = (0.1, 0.2, 0.3, 0.4, 0.5)


@dataclass(frozen=True)
class Plan:
    """One phase diagram: which pair of which claim, over which two parameters."""

    claim: str
    pair: str
    x: tuple[str, tuple[Any, ...]]
    y: tuple[str, tuple[Any, ...]]


#: The diagram of each claim. The x parameter is the mechanism of the reversal (its
#: ``without`` key) where the claim has one; y a second parameter that matters.
PLAN = (
    Plan("frequent-light-contact", "holds",
         ("behaviour.hosting", (0.0, 0.02, 0.05, 0.1, 0.2)), ("behaviour.load", LOADS)),
    Plan("unannounced-beats-announced", "holds",
         ("behaviour.adjustment_cost", (0.0, 2.0, 5.0, 10.0, 20.0)),
         ("behaviour.load", (0.3, 0.4, 0.5, 0.6, 0.7))),
    Plan("joint-liability-helps", "holds",
         ("behaviour.concealment", (0.0, 0.25, 0.5, 0.75, 1.0)),
         ("behaviour.conceal_severity", (0.0, 0.5, 1.5, 3.0, 6.0))),
    Plan("leniency-empties-ratings", "holds",
         ("a:accountability[2].severity", (0.0, 0.25, 0.5, 1.0, 2.0)),
         ("behaviour.leader_sd", (0.0, 0.15, 0.3, 0.45, 0.6))),
    Plan("convenience-bias-hides", "holds",
         ("supervision[0].bias", (0.0, 1.0, 2.0, 3.0, 5.0)),
         ("behaviour.belief_rate", (0.0, 0.05, 0.1, 0.2, 0.4))),
    Plan("convenience-bias-undetected", "holds",
         ("supervision[0].bias", (0.0, 1.0, 2.0, 3.0, 5.0)),
         ("behaviour.belief_rate", (0.0, 0.05, 0.1, 0.2, 0.4))),
    Plan("collective-is-nobody", "holds",
         ("duties[1].share", (0.25, 0.5, 1.0, 2.0, 4.0)),
         ("behaviour.load", (0.2, 0.3, 0.4, 0.5, 0.6))),
    Plan("hard-indicators-crowd-out", "reverses",
         ("behaviour.substitution", (0.0, 0.25, 0.5, 0.75, 0.95)),
         ("behaviour.load", (0.0, 0.2, 0.4, 0.6, 0.8))),
    Plan("pressure-fades", "holds",
         ("transmission.retention", (0.7, 0.8, 0.9, 0.95, 1.0)), ("behaviour.load", LOADS)),
)  # fmt: skip


def _thin(values: tuple[Any, ...], size: int) -> tuple[Any, ...]:
    """Keep ``size`` of ``values``, spread over the range (the first and the last kept)."""
    if size >= len(values):
        return values
    if size == 1:
        return values[:1]
    step = (len(values) - 1) / (size - 1)
    return tuple(values[round(k * step)] for k in range(size))


def _base_value(scenario: Scenario, path: str) -> Any:
    """Return the value of a key path in a loaded scenario (None when it is not there)."""
    node: Any = scenario.model_dump(mode="json")
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path.split(":", 1)[-1]):
        if part.startswith("["):
            index = int(part[1:-1])
            node = node[index] if isinstance(node, list) and index < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    if node is None and path.endswith(".severity"):  # a rule's default severity
        rule = _base_value(scenario, path.rsplit(".", 1)[0] + ".action")
        node = DEFAULT_SEVERITY.get(Action(rule)) if rule is not None else None
    if isinstance(node, list):  # a per-level value given as one number (retention: 0.9)
        node = node[0] if len(set(node)) == 1 else tuple(node)
    return node


def _plane(scenario: Scenario, keys: Sequence[str]) -> dict[str, Any]:
    """Return the scenario as data, without its name, description and the keys of the plane."""
    data = scenario.model_dump(mode="json")
    for key in keys:
        try:
            data = apply_overrides(data, [f"{key.split(':')[-1]}=null"])
        except ScenarioError:  # a key this scenario has not got (an ``a:`` key on b)
            continue
    for key in ("name", "description"):
        data.pop(key, None)
    return data


def marks(registry: Registry, grid: PhaseGrid) -> dict[str, tuple[Any, Any]]:
    """Return where the claim's registry pairs sit in the grid's plane, by label.

    A pair sits in the plane when its scenarios differ from the plotted pair's only in
    the two keys of the grid; its point is the values those keys have in its scenario a.
    """
    claim, keys = grid.claim, (grid.x.key, grid.y.key)
    shown = claim.holds if grid.pair == "holds" else claim.reverses
    assert shown is not None
    points: dict[tuple[Any, Any], list[str]] = {}
    for kind, pair in (("holds", claim.holds), ("reverses", claim.reverses)):
        if pair is None or len(pair.scenarios) != len(shown.scenarios):
            continue
        if isinstance(pair.b, float) and pair.b != shown.b:
            continue
        same = pair.scenarios == shown.scenarios or all(
            _plane(registry.scenarios[mine, ()], keys)
            == _plane(registry.scenarios[theirs, ()], keys)
            for mine, theirs in zip(pair.scenarios, shown.scenarios, strict=True)
        )
        if same:
            a = registry.scenarios[pair.a, ()]
            points.setdefault((_base_value(a, keys[0]), _base_value(a, keys[1])), []).append(kind)
    return {" & ".join(kinds): point for point, kinds in points.items()}


def _fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "–"
    value = 0.0 if round(value, 4) == 0 else value  # no "-0.0000"
    return f"{value:+.4f}" if signed else f"{value:.4f}"


def _num(value: Any) -> str:
    """Write a parameter value: ``0.5``, ``3``, not ``3.0``."""
    return (
        f"{value:g}"
        if isinstance(value, float | int) and not isinstance(value, bool)
        else str(value)
    )


def _side(b: Any) -> str:
    """Write the b of a pair: a scenario file in backticks, or a number."""
    return f"`{b}`" if isinstance(b, str) else _num(b)


def _interval(pair: dict[str, Any]) -> str:
    iv = pair.get("interval")
    return "undefined" if not iv else f"[{iv[0]:+.4f}, {iv[1]:+.4f}]"


def _runs(values: Sequence[Any], picked: Sequence[bool]) -> str:
    """Return the picked values, contiguous runs written ``lo–hi``."""
    out, start = [], None
    for k, on in enumerate([*picked, False]):
        if on and start is None:
            start = k
        elif not on and start is not None:
            lo, hi = values[start], values[k - 1]
            out.append(f"{lo:g}" if start == k - 1 else f"{lo:g}–{hi:g}")
            start = None
    return ", ".join(out)


def _first(item: tuple[float, Any]) -> float:
    return item[0]


def describe(grid: PhaseGrid) -> str:
    """Say, from the grid alone, where each verdict falls and how large the difference is."""
    total = len(grid.cells)
    counts = ", ".join(f"{v} in {grid.count(v)}" for v in VERDICTS if grid.count(v))
    text = [f"Of the {total} cells: {counts}."]
    verdicts = grid.verdicts
    for which in VERDICTS:
        if grid.count(which) in (0, total):
            continue
        parts = []
        for j, xv in enumerate(grid.x.values):
            picked = [str(verdicts[i, j]) == which for i in range(len(grid.y.values))]
            if any(picked):
                ys = "every value" if all(picked) else _runs(grid.y.values, picked)
                parts.append(f"{_num(xv)} ({grid.y.path} {ys})")
        text.append(f"*{which.capitalize()}* at {grid.x.path} = " + "; ".join(parts) + ".")
    diffs = [(c.interval.mean, c) for c in grid.cells if c.interval.mean is not None]
    if diffs:
        (lo, low), (hi, high) = min(diffs, key=_first), max(diffs, key=_first)
        text.append(
            f"The mean difference runs from {_fmt(lo, True)} ({grid.x.path} {_num(low.x)}, "
            f"{grid.y.path} {_num(low.y)}) to {_fmt(hi, True)} ({grid.x.path} {_num(high.x)}, "
            f"{grid.y.path} {_num(high.y)})."
        )
    return " ".join(text)


def _pair_rows(entry: dict[str, Any]) -> list[str]:
    rows = []
    for kind in ("holds", "reverses"):
        pair = entry.get(kind)
        if not pair:
            continue
        b = _side(pair["b"])
        verdict = "as stated" if pair["as_stated"] else "**not as stated**"
        rows.append(
            f"| {kind} | `{pair['a']}` | {b} | `{pair['metric']}` | {pair['expect']} | "
            f"{_fmt(pair['mean_a'])} | {_fmt(pair['mean_b'])} | "
            f"{_fmt(pair['difference'], True)} | {_interval(pair)} | {pair['n']} | {verdict} |"
        )
        without = pair.get("without")
        if without:
            sets = ", ".join(f"`{o}`" for o in without["overrides"])
            told = "explains the reversal" if without["explains"] else "**does not explain it**"
            rows.append(
                f"| reverses, without {sets} | | | | {pair['expect']} | | | "
                f"{_fmt(without['difference'], True)} | {_interval(without)} | {without['n']} "
                f"| {told} |"
            )
    return rows


def section(
    entry: dict[str, Any], grid: PhaseGrid, image: str, plan: Plan, *, registry: Registry,
    seed: int,
) -> list[str]:  # fmt: skip
    """Return the markdown of one claim."""
    claim = next(c for c in registry.claims if c.id == entry["id"])
    lines = [f"### {entry['id']}", "", f"> {entry['claim']}", ""]
    lines.append(f"Source {entry['source']}; metric `{entry['metric']}`.")
    if claim.reverses is not None and claim.reverses.because:
        lines.append(f"Reverses because: {claim.reverses.because}.")
    head = "| pair | a | b | metric | expect | mean a | mean b | difference a − b "
    lines += ["", head + "| 95 % interval | n | verdict |", "| --- " * 11 + "|"]
    lines += _pair_rows(entry)
    pair = claim.holds if plan.pair == "holds" else claim.reverses
    assert pair is not None
    where = "; ".join(
        f"the {label} pair at {grid.x.path} = {_num(x)}, {grid.y.path} = {_num(y)}"
        for label, (x, y) in marks(registry, grid).items()
    )
    only = " (scenario `a` only)" if grid.x.key[:2] in ("a:", "b:") else ""
    lines += [
        "",
        f"![{entry['id']}: phase diagram]({image})",
        "",
        f"Phase diagram: the {plan.pair} pair (`{pair.a}` vs {_side(pair.b)}) on a "
        f"{len(grid.y.values)}×{len(grid.x.values)} grid of `{grid.x.key}`{only} × "
        f"`{grid.y.key}`, {grid.replications} replications a cell, seed {seed}. Dashed boxes: "
        f"{where or 'none of the pairs lies in this plane'}. " + describe(grid),
        "",
    ]
    return lines


def build_section(
    report: dict[str, Any], grids: dict[str, PhaseGrid], images: dict[str, str],
    registry: Registry, seed: int,
) -> str:  # fmt: skip
    """Return the whole "Claims" part, between the markers."""
    lines = [
        BEGIN,
        "<!-- generated by docs/figures/build_claims.py; edits here are overwritten -->",
        "",
        "## Claims (issue 8, §2)",
        "",
        (
            "Each claim of `scenarios/claims.yaml` (see [claims.md](claims.md)) with its pairs, "
            f"the paired 95 % intervals of `zeren claims scenarios/claims.yaml --seed "
            f"{report['seed']}` ({report['replications']} replications a run; "
            f"{report['passing']} of {report['total']} claims come out as stated), and a phase "
            "diagram: one pair run on a grid of two parameters, each cell with common random "
            "numbers. Colour: the mean difference a − b; no hatching: the cell's interval "
            "supports `expect` (as stated); cross-hatched: it supports the opposite (reversed); "
            "dotted: it straddles zero (neither). Regenerate with "
            "`.venv/bin/python docs/figures/build_claims.py`."
        ),
        "",
    ]
    plans = {p.claim: p for p in PLAN}
    for entry in report["claims"]:
        cid = entry["id"]
        if cid in grids:
            lines += section(entry, grids[cid], images[cid], plans[cid], registry=registry,
                             seed=seed)  # fmt: skip
    lines.append(END)
    return "\n".join(lines)


def write_section(doc: Path, text: str) -> None:
    """Replace the text between the markers of ``doc`` (append it when there are none)."""
    old = doc.read_text(encoding="utf-8")
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + text + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    atomic_write(doc, new)


def _report(args: argparse.Namespace, registry: Registry, cache: dict[Any, Any]) -> dict[str, Any]:
    if args.claims_json is not None:
        report: dict[str, Any] = json.loads(Path(args.claims_json).read_text(encoding="utf-8"))
        return report
    key = ("zeren claims", args.seed, args.claims_replications)
    if key in cache:
        cached: dict[str, Any] = cache[key]
        return cached
    start = time.perf_counter()

    def progress(done: int, total: int, label: str) -> None:
        print(f"  claims [{done}/{total}] {label}", flush=True)

    print(f"zeren claims --seed {args.seed}: {args.claims_replications} replications", flush=True)
    result = run_claims(registry, seed=args.seed, replications=args.claims_replications,
                        progress=progress).to_dict()  # fmt: skip
    print(f"  claims done in {time.perf_counter() - start:.0f} s", flush=True)
    cache[key] = result
    return result


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--registry", default=str(ROOT / "scenarios" / "claims.yaml"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--replications", type=int, default=10, help="a grid cell's runs")
    p.add_argument("--claims-replications", type=int, default=40)
    p.add_argument("--claims-json", help="reuse a claims.json of zeren claims --out")
    p.add_argument("--size", type=int, default=5, help="values per axis (at most 5)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--id", action="append", default=[], help="only these claims")
    p.add_argument("--images", default=str(ROOT / "docs" / "images" / "claims"))
    p.add_argument("--doc", default=str(ROOT / "docs" / "validation.md"))
    p.add_argument("--no-docs", action="store_true", help="write the images only")
    p.add_argument(
        "--cache",
        help="a pickle of the runs, read if it exists and written after the grids: redraws "
        "without simulating again (delete it when the model or the scenarios change)",
    )
    return p.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    """Run the grids, draw them, rewrite the docs' part."""
    args = _parse(argv)
    start = time.perf_counter()
    registry = load_registry(args.registry)
    plans = [p for p in PLAN if not args.id or p.claim in args.id]
    doc, images = Path(args.doc), Path(args.images)
    images.mkdir(parents=True, exist_ok=True)
    grids: dict[str, PhaseGrid] = {}
    paths: dict[str, str] = {}
    cache: dict[Any, Any] = {}
    if args.cache and Path(args.cache).is_file():
        cache = pickle.loads(Path(args.cache).read_bytes())  # our own file
    executor = ProcessPoolExecutor(args.workers) if args.workers > 1 else None
    try:
        for k, plan in enumerate(plans, start=1):
            t0 = time.perf_counter()
            x = (plan.x[0], _thin(plan.x[1], args.size))
            y = (plan.y[0], _thin(plan.y[1], args.size))
            print(f"[{k}/{len(plans)}] {plan.claim}: {plan.pair}, {x[0]} × {y[0]}", flush=True)
            grid = phase_grid(registry, plan.claim, x, y, pair=plan.pair, seed=args.seed,
                              replications=args.replications, executor=executor,
                              cache=cache)  # fmt: skip
            path = save_phase(grid, images / f"{plan.claim}.png", marks=marks(registry, grid))
            grids[plan.claim] = grid
            paths[plan.claim] = Path(os.path.relpath(path, doc.parent)).as_posix()
            counts = ", ".join(f"{v} {grid.count(v)}" for v in ("as stated", "reversed",
                                                                 "neither"))  # fmt: skip
            print(f"    {counts}; {time.perf_counter() - t0:.0f} s -> {path}", flush=True)
    finally:
        if executor is not None:
            executor.shutdown()
    if args.id and not args.no_docs:
        print("--id given: docs/validation.md is left as it is (it lists every claim)")
    elif not args.no_docs:
        report = _report(args, registry, cache)
        write_section(doc, build_section(report, grids, paths, registry, args.seed))
        print(f"rewrote the claims part of {doc}", flush=True)
    if args.cache:
        atomic_write(args.cache, pickle.dumps(cache))
    print(f"done in {time.perf_counter() - start:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
