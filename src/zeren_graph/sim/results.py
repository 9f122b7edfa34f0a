"""The result of a simulation: tidy tables, metrics, and the files ``save`` writes.

Examples
--------
>>> from zeren_graph.sim import Scenario, simulate
>>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 3,
...                               "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
>>> result = simulate(sc, seed=1)
>>> result.to_frame().columns.tolist()
['replication', 'level', 'name', 'month', 'variable', 'mean', 'q10', 'q50', 'q90']
>>> result.summary()["levels"][1]["name"], round(result.summary()["levels"][1]["mean_pressure"], 2)
('市', 0.9)
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from zeren_graph.output.run import RunFolder
from zeren_graph.sim.engine import VARIABLES, Replica
from zeren_graph.sim.metrics import level_metrics, scenario_metrics
from zeren_graph.sim.rules import describe
from zeren_graph.sim.scenario import Scenario
from zeren_graph.sim.structure import Structure

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ACTION_ZH", "RUN_FILES", "SimulationResult"]

#: Chinese names of the actions in the event log.
ACTION_ZH = {
    "talk": "约谈",
    "reminder": "提醒督办函",
    "criticism": "通报批评",
    "rectification": "限期整改",
    "replace": "调整书记",
    "dismissal": "免职",
    "reward": "奖励",
    "reinspection": "整改复查",
    "concealed": "压案不报",
    "concealment": "瞒案不查",
}

#: The files :meth:`SimulationResult.save` may write (besides ``manifest.json``).
RUN_FILES = (
    "summary.json",
    "timeseries.csv",
    "events.csv",
    "levels.png",
    "attenuation.png",
    "events.png",
)

Kind = Literal["timeseries", "summary", "events", "levels"]


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Replications of one scenario, with the structure and seed that produced them.

    ``announced[k]`` holds the months of announced contacts of level ``k``
    (used by the anticipation metric).
    """

    scenario: Scenario
    structure: Structure
    seed: int
    replicas: tuple[Replica, ...]
    announced: tuple[tuple[int, ...], ...]

    @property
    def level_names(self) -> tuple[str, ...]:
        """The level names, top first."""
        return self.structure.level_names

    @cached_property
    def levels(self) -> list[dict[str, Any]]:
        """Per-level figures (``summary.json`` ``levels``), level 1 the top."""
        rows = level_metrics(self.replicas, self.announced)
        sizes = self.structure.level_sizes
        return [
            {"level": k + 1, "name": name, "units": int(sizes[k]), **rows[k]}
            for k, name in enumerate(self.level_names)
        ]

    @cached_property
    def metrics(self) -> dict[str, Any]:
        """Whole-scenario figures (``summary.json`` ``metrics``)."""
        return scenario_metrics(self.replicas, self.announced)

    def summary(self) -> dict[str, Any]:
        """Return the ``summary.json`` document.

        Examples
        --------
        >>> from zeren_graph.sim import Scenario, simulate
        >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 2,
        ...     "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
        >>> sorted(simulate(sc).summary())[:3]
        ['description', 'horizon_months', 'levels']
        """
        doc: dict[str, Any] = _clean(
            {
                "scenario": self.scenario.name,
                "description": self.scenario.description,
                "seed": self.seed,
                "replications": len(self.replicas),
                "horizon_months": self.scenario.horizon_months,
                "units": self.structure.n_units,
                "levels": self.levels,
                "metrics": self.metrics,
            }
        )
        return doc

    def to_frame(self, kind: Kind = "timeseries") -> pd.DataFrame:
        """Return a tidy table.

        ``kind`` is ``timeseries`` (per replication), ``summary`` (across
        replications, with 95 % intervals), ``events`` or ``levels``.

        Examples
        --------
        >>> from zeren_graph.sim import Scenario, simulate
        >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 2,
        ...     "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
        >>> simulate(sc).to_frame("summary").shape
        (16, 11)
        """
        import pandas as pd  # noqa: PLC0415

        if kind == "levels":
            return pd.DataFrame(self.levels).drop(
                columns=["mean_pressure_interval", "final_pressure_interval"]
            )
        if kind == "events":
            return self._events()
        if kind == "summary":
            return self._summary()
        return self._timeseries()

    def _timeseries(self) -> pd.DataFrame:
        import pandas as pd  # noqa: PLC0415

        frames = []
        levels, horizon, nv = self.replicas[0].means.shape
        month = np.tile(np.arange(1, horizon + 1), levels * nv)
        level = np.repeat(np.arange(levels), horizon * nv)
        variable = np.tile(np.repeat(np.arange(nv), horizon), levels)
        for r, rep in enumerate(self.replicas):
            means = rep.means.transpose(0, 2, 1).reshape(-1)
            q = (
                rep.quantiles.transpose(0, 2, 1, 3).reshape(-1, 3)
                if rep.quantiles is not None
                else np.full((len(means), 3), np.nan)
            )
            frames.append(
                pd.DataFrame(
                    {
                        "replication": r,
                        "level": level + 1,
                        "name": np.asarray(self.level_names)[level],
                        "month": month,
                        "variable": np.asarray(VARIABLES)[variable],
                        "mean": means,
                        "q10": q[:, 0],
                        "q50": q[:, 1],
                        "q90": q[:, 2],
                    }
                )
            )
        return pd.concat(frames, ignore_index=True)

    def _summary(self) -> pd.DataFrame:
        import pandas as pd  # noqa: PLC0415

        ts = self._timeseries()
        insp = [
            pd.DataFrame(
                {
                    "replication": r,
                    "level": k + 1,
                    "name": self.level_names[k],
                    "month": np.arange(1, rep.inspections.shape[1] + 1),
                    "variable": "inspections",
                    "mean": rep.inspections[k].astype(float),
                    "q10": np.nan,
                    "q50": np.nan,
                    "q90": np.nan,
                }
            )
            for r, rep in enumerate(self.replicas)
            for k in range(len(self.level_names))
        ]
        ts = pd.concat([ts, *insp], ignore_index=True)
        grouped = ts.groupby(["level", "name", "variable", "month"], sort=True)
        out = grouped["mean"].agg(["mean"])
        out["lo"] = grouped["mean"].quantile(0.025)
        out["hi"] = grouped["mean"].quantile(0.975)
        for q in ("q10", "q50", "q90"):
            out[q] = grouped[q].mean()
        out["replications"] = grouped["mean"].size()
        return out.reset_index()

    def _names(self, units: npt.NDArray[np.int64]) -> npt.NDArray[np.object_]:
        st = self.structure
        if st.names is not None:
            return np.asarray(st.names, dtype=object)[units]
        level = st.level_of[units]
        number = (units - st.starts[level] + 1).astype(str)
        return np.char.add(np.asarray(st.level_names)[level], number).astype(object)

    def _events(self) -> pd.DataFrame:
        import pandas as pd  # noqa: PLC0415

        rules = self.scenario.accountability
        keys = ("month", "unit", "rule", "joint", "cause", "value")
        cols = {k: np.concatenate([rep.events[k] for rep in self.replicas]) for k in keys}
        replication = np.concatenate(
            [np.full(len(rep.events["unit"]), r) for r, rep in enumerate(self.replicas)]
        )
        # the engine's codes: -3 a concealment found, -2 a concealed finding, -1 a re-inspection
        k = cols["rule"] + 3
        labels = [
            "concealment found",
            "concealed",
            "re-inspection",
            *(r.name or f"accountability[{i}]" for i, r in enumerate(rules)),
        ]
        actions = ["concealment", "concealed", "reinspection", *(r.action.value for r in rules)]
        whys = [
            "瞒案不查: a third party found a concealed case",
            "压案不报: concealed by the jointly liable parent",
            "re-inspection after 限期整改",
            *(describe(r.when) for r in rules),
        ]
        level = self.structure.level_of[cols["unit"]]
        score = pd.Series(cols["value"], dtype=float).map("{:.2f}".format)
        why = pd.Series(np.asarray(whys, dtype=object)[k], dtype=object) + " (score " + score + ")"
        joint = cols["joint"].astype(bool)
        if joint.any():
            cause = self._names(cols["cause"][joint])
            why[joint] = "一案双查 for " + cause + ": " + why[joint].to_numpy()
        return pd.DataFrame(
            {
                "replication": replication.astype(np.int64),
                "month": cols["month"],
                "unit": self._names(cols["unit"]),
                "level": level + 1,
                "level_name": np.asarray(self.level_names, dtype=object)[level],
                "rule": np.asarray(labels, dtype=object)[k],
                "action": np.asarray(actions, dtype=object)[k],
                "action_zh": np.asarray([ACTION_ZH[a] for a in actions], dtype=object)[k],
                "joint": joint,
                "why": why.to_numpy(dtype=object),
            }
        )

    def save(self, directory: str | Path | RunFolder, *, plots: bool = True) -> list[Path]:
        """Write ``summary.json``, ``timeseries.csv``, ``events.csv``, the plots, a manifest.

        The folder follows the run-folder protocol of
        :mod:`zeren_graph.output.run`: it is locked for the run (a second run
        into it is refused with :class:`~zeren_graph.errors.OutputError`), the
        previous run's files are removed, every file is written atomically,
        and ``manifest.json`` (each file's size and SHA-256, the seed, the
        scenario) is written last. Check a folder with
        :func:`~zeren_graph.output.verify_run`. ``directory`` may be a
        :class:`~zeren_graph.output.RunFolder` locked already (the command
        line locks before simulating). Text cells of the CSV files that a
        spreadsheet would run as formulas start with ``'``
        (:func:`~zeren_graph.output.csv_cell`); non-finite figures are
        ``null`` in ``summary.json``.

        Returns the paths of the files written, without the manifest.

        Examples
        --------
        >>> import tempfile
        >>> from zeren_graph.output import verify_run
        >>> from zeren_graph.sim import Scenario, simulate
        >>> sc = Scenario.model_validate({"name": "最小", "horizon_months": 2,
        ...     "hierarchy": {"levels": ["省", "市"], "span": [1, 2]}})
        >>> out = tempfile.mkdtemp()
        >>> [p.name for p in simulate(sc).save(out, plots=False)]
        ['summary.json', 'timeseries.csv', 'events.csv']
        >>> verify_run(out).ok
        True
        """
        from zeren_graph.output.escape import json_text  # noqa: PLC0415

        with contextlib.ExitStack() as stack:
            if isinstance(directory, RunFolder):
                run = directory
            else:
                run = stack.enter_context(RunFolder(directory, names=RUN_FILES))
            run.begin()
            run.write("summary.json", json_text(self.summary(), nonfinite="null") + "\n")
            with run.file("timeseries.csv") as tmp:
                _csv(self.to_frame("summary"), tmp)
            with run.file("events.csv") as tmp:
                _csv(self.to_frame("events"), tmp)
            if plots:
                from zeren_graph.plot.sim import save_plots  # noqa: PLC0415

                save_plots(self, run.folder, run=run)
            written = list(run.paths)
            run.commit(
                {
                    "kind": "simulation",
                    "scenario": self.scenario.name,
                    "seed": self.seed,
                    "replications": len(self.replicas),
                    "horizon_months": self.scenario.horizon_months,
                    "units": self.structure.n_units,
                }
            )
        return written


def _csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as CSV; text cells a spreadsheet would run get a leading ``'``.

    Numeric and boolean columns are written as they are (a negative number
    stays a number); text columns go through
    :func:`~zeren_graph.output.escape.csv_cell`, vectorised.
    """
    from pandas.api.types import is_bool_dtype, is_numeric_dtype  # noqa: PLC0415

    from zeren_graph.output.escape import CSV_TRIGGERS  # noqa: PLC0415

    frame = frame.copy()
    triggers = sorted(CSV_TRIGGERS)
    for column in frame.columns:
        values = frame[column]
        if is_numeric_dtype(values) or is_bool_dtype(values):
            continue
        text = values.astype(str)
        risky = text.str.lstrip("'").str[:1].isin(triggers)
        if risky.any():
            frame[column] = values.where(~risky, "'" + text)
    frame.to_csv(path, index=False, float_format="%.10g", encoding="utf-8")
