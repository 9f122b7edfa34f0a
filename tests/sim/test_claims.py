from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from zeren_graph.cli import main
from zeren_graph.sim import load_scenario, simulate
from zeren_graph.sim.claims import load_registry, paired_interval, run_claims, t_quantile
from zeren_graph.sim.metrics import per_replication

LEVELS = "hierarchy: {levels: [县, 乡镇, 村], span: [1, 3, 4]}\nhorizon_months: 24\n"
NOISY = "behaviour: {model: dose, leader_sd: 0.2}\n"  # the dose model: boosts act
SCENARIOS = {
    "hi.yaml": "name: hi\ntransmission: {retention: 0.9}\n",
    "lo.yaml": "name: lo\ntransmission: {retention: 0.8}\n",
    # direct supervision of the villages lifts the weaker chain above the stronger one
    "lo_direct.yaml": "name: lo direct\ntransmission: {retention: 0.8}\n"
    "supervision: [{by: 县, over: [村], period: 1, boost: 0.3}]\n",
    "hi_direct.yaml": "name: hi direct\ntransmission: {retention: 0.9}\n"
    "supervision: [{by: 县, over: [乡镇], period: 1, boost: 0.3}]\n",
}
REGISTRY = """\
- id: retention-matters
  claim: 压力层层传导 keeps more at the village when each level passes on more
  source: "001"
  metric: last_mile_ratio
  holds: {a: claims/hi.yaml, b: claims/lo.yaml, expect: a > b}
- id: pressure-fades
  claim: pressure fades down the hierarchy
  source: "002"
  metric: last_mile_ratio
  holds: {a: claims/lo.yaml, b: 1, expect: a < 1}
  reverses:
    a: claims/lo_direct.yaml
    b: claims/hi_direct.yaml
    expect: a > b
    metric: last_mile_performance
    because: direct supervision of the bottom level
    without:
      supervision[0].boost: 0
"""
WRONG = """\
- id: retention-hurts
  claim: the opposite
  source: "003"
  metric: last_mile_ratio
  holds: {a: claims/hi.yaml, b: claims/lo.yaml, expect: a < b}
"""


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    folder = tmp_path / "claims"
    folder.mkdir()
    for name, text in SCENARIOS.items():
        (folder / name).write_text(text + LEVELS + NOISY, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def _claims(out: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    return data


def test_verdicts_exit_0_and_claims_json(
    registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["claims", str(registry), "--seed", "3", "--replications", "8", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "2 of 2 claims come out as stated" in printed
    assert "explained" in printed
    doc = _claims(out)
    assert (doc["format"], doc["seed"], doc["replications"], doc["passing"], doc["total"]) == (
        "zeren-claims/1", 3, 8, 2, 2,
    )  # fmt: skip
    claims: list[dict[str, Any]] = doc["claims"]  # type: ignore[assignment]
    first, second = claims
    assert (first["passes"], first["holds"]["as_stated"], first["reverses"]) == (True, True, None)
    assert second["holds"]["b"] == 1.0
    assert second["holds"]["interval"][1] < 0
    rev = second["reverses"]
    assert (rev["metric"], rev["as_stated"]) == ("last_mile_performance", True)
    assert rev["interval"][0] > 0
    assert rev["without"]["overrides"] == ["supervision[0].boost=0"]
    assert (rev["without"]["explains"], rev["without"]["supports_expect"]) == (True, False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["kind"], manifest["complete"]) == ("claims", True)


def test_interval_is_the_paired_t_interval(registry: Path) -> None:
    report = run_claims(load_registry(registry), seed=5, replications=6, ids=["retention-matters"])
    pair = report.results[0].holds
    base = registry.parent / "claims"
    values = [
        per_replication(r.replicas, r.announced)["last_mile_ratio"]
        for r in (simulate(load_scenario(base / n), seed=5, replications=6)
                  for n in ("hi.yaml", "lo.yaml"))
    ]  # fmt: skip
    diffs = [float(a or 0) - float(b or 0) for a, b in zip(*values, strict=True)]
    mean = sum(diffs) / 6
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / 5)
    half = 2.570581836 * sd / math.sqrt(6)  # t(0.975, 5)
    assert sd > 0  # the leaders differ between replications
    assert pair.interval.mean == pytest.approx(mean, abs=1e-12)
    assert pair.interval.bounds == pytest.approx([mean - half, mean + half], abs=1e-9)


def test_same_seed_same_bytes(registry: Path, tmp_path: Path) -> None:
    runs = []
    for name, seed in (("a", "11"), ("b", "11"), ("c", "12")):
        argv = ["claims", str(registry), "--seed", seed, "--replications", "4"]
        assert main([*argv, "--out", str(tmp_path / name), "--set", "horizon_months=12"]) in {0, 1}
        runs.append((tmp_path / name / "claims.json").read_bytes())
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    assert _claims(tmp_path / "a")["overrides"] == ["horizon_months=12"]


def test_a_claim_that_does_not_come_out_exits_1(
    registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry.write_text(REGISTRY + WRONG, encoding="utf-8")
    argv = ["claims", str(registry), "--seed", "1", "--replications", "5"]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "not as stated" in out
    assert "2 of 3 claims come out as stated" in out
    assert main([*argv, "--id", "pressure-fades"]) == 0
    assert "1 of 1 claims" in capsys.readouterr().out


def test_without_that_changes_nothing_does_not_explain(registry: Path) -> None:
    text = REGISTRY.replace("supervision[0].boost: 0", "supervision[0].half_life: 2")
    registry.write_text(text, encoding="utf-8")
    result = run_claims(load_registry(registry), seed=2, replications=4).results[1]
    assert result.reverses is not None
    assert result.reverses.as_stated
    assert result.reverses.without is not None
    assert not result.reverses.without.explains
    assert not result.passes


BAD = """\
- id: one
  claim: x
  source: 1
  metric: last_mile
  holds: {a: claims/hi.yaml, b: claims/无.yaml, expect: a >= b}
- id: one
  claim: y
  source: "002"
  metric: last_mile_ratio
  holds: {a: claims/hi.yaml, b: 2, expect: a < 1}
  reverses: {a: claims/lo.yaml, b: claims/hi.yaml, expect: a > b, without: {supervison.boost: 0}}
  extra: 1
"""


def test_every_registry_problem_at_once_exits_2(
    registry: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry.write_text(BAD, encoding="utf-8")
    assert main(["claims", str(registry), "--seed", "1", "--all-problems"]) == 2
    err = capsys.readouterr().err
    file = str(registry)
    for expected in (
        f"{file}, row 3, [0].source: Input should be a valid string",
        f"{file}, row 4, [0].metric: unknown metric 'last_mile'; did you mean",
        f"{file}, row 5, [0].holds.expect: must read 'a > b' or 'a < b'",
        f"{file}, row 5, [0].holds.b: no scenario file",
        f"{file}, row 10, [1].holds: 'expect: a < 1' names a number, but b is 2.0",
        f"{file}, row 11, [1].reverses.without: scenario claims/lo.yaml with supervison.boost=0",
        "supervison: unknown key; did you mean 'supervision'?",
        f"{file}, row 12, [1].extra: unknown key",
    ):
        assert expected in err, expected
    assert "Traceback" not in err


def test_duplicate_id_and_not_a_list(registry: Path) -> None:
    registry.write_text(
        REGISTRY + REGISTRY.split("- id: pressure-fades", maxsplit=1)[0], encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"row 19, \[2\]\.id: the id 'retention-matters' is used"):
        load_registry(registry)
    registry.write_text("id: x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="must be a list of claims, not a dict"):
        load_registry(registry)


def test_missing_default_registry_and_unknown_id_exit_2(
    registry: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert main(["claims"]) == 2
    assert "no claims registry at scenarios/claims.yaml" in capsys.readouterr().err
    assert main(["claims", str(registry), "--id", "retention-matter"]) == 2
    assert "did you mean 'retention-matters'?" in capsys.readouterr().err
    assert main(["claims", str(registry), "--replications", "1"]) == 2
    assert "--replications: must be >= 2" in capsys.readouterr().err


def test_t_quantile_against_tables() -> None:
    table = {1: 12.706204736, 2: 4.302652730, 4: 2.776445105, 9: 2.262157163,
             29: 2.045229642, 39: 2.022690920, 120: 1.979930405}  # fmt: skip
    for df, value in table.items():
        assert t_quantile(df) == pytest.approx(value, abs=1e-8)
    assert t_quantile(10, 0.99) == pytest.approx(3.169272667, abs=1e-8)
    with pytest.raises(ValueError, match="'df' parameter"):
        t_quantile(0)


def test_paired_interval_edges() -> None:
    same = paired_interval([0.5, 0.6, 0.7], [0.5, 0.6, 0.7])
    assert (same.mean, same.bounds) == (0.0, [0.0, 0.0])
    assert not same.supports(">")
    assert not same.supports("<")
    assert paired_interval([None, None], 1.0).n == 0
    assert paired_interval([1.0, None, 3.0], [0.0, 1.0, 1.0]).n == 2


def test_last_mile_metrics(registry: Path) -> None:
    sc = load_scenario(registry.parent / "claims" / "lo.yaml")
    result = simulate(sc, seed=1, replications=3)
    values = per_replication(result.replicas, result.announced)
    for r, rep in enumerate(result.replicas):
        real = rep.means[:, :, 2].mean(axis=1)
        assert values["last_mile_performance"][r] == pytest.approx(real[-1])
        assert values["last_mile_ratio"][r] == pytest.approx(real[-1] / real[0])
        assert values["last_step_ratio"][r] == pytest.approx(real[-1] / real[-2])
    metrics = result.metrics
    ratios = [float(v or 0) for v in values["last_mile_ratio"]]
    assert metrics["last_mile_ratio"] == pytest.approx(sum(ratios) / 3)
    assert len(metrics["last_step_ratio_interval"]) == 2
