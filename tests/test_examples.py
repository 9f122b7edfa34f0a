"""The shipped responsibility lists (scenarios/lists/): each loads, and forms agree.

Every list file found in ``scenarios/lists`` is loaded (a new file is picked up
automatically); a flat list ``X.csv`` takes its units table from ``X_units.csv``
when there is one. Where an organisation is shipped both as a native document
and as a flat list, the two must describe the same model as far as the flat
form can say it (supervisions exist only in the native form) — checked once
through :func:`zeren_graph.io.load` and once by reading the flat file directly
with :mod:`csv`/openpyxl, so a loader bug cannot hide itself. The failures the
lists contain on purpose (scenarios/lists/README.md) are pinned too.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import io
import unicodedata
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import openpyxl
import pytest
import yaml

from zeren_graph.checks import check
from zeren_graph.io import load
from zeren_graph.model import ResponsibilityModel, Unit, post_id
from zeren_graph.vocab import Role, parse

LISTS = Path(__file__).resolve().parents[1] / "scenarios" / "lists"
NATIVE = (".yaml", ".yml", ".json")
FLAT = (".csv", ".xlsx")
UNITS_SUFFIX = "_units"


class Counts(NamedTuple):
    units: int
    posts: int
    persons: int
    duties: int
    assignments: int


EXPECTED_COUNTS = {
    "agency.yaml": Counts(units=13, posts=21, persons=15, duties=28, assignments=71),
    "agency.csv": Counts(units=13, posts=21, persons=15, duties=28, assignments=71),
    "county.yaml": Counts(units=17, posts=36, persons=32, duties=62, assignments=150),
    "county.xlsx": Counts(units=17, posts=36, persons=32, duties=62, assignments=150),
}

# The findings each organisation is written to produce (the same for both forms).
EXPECTED_FINDINGS = {
    "agency": Counter(
        {"ZG101": 1, "ZG102": 1, "ZG103": 1, "ZG104": 3, "ZG105": 1, "ZG201": 1}
        | {"ZG403": 1, "ZG404": 1, "ZG501": 1, "ZG502": 1}
    ),
    "county": Counter(
        {"ZG101": 2, "ZG103": 1, "ZG104": 12, "ZG105": 1, "ZG203": 1, "ZG401": 1}
        | {"ZG402": 1, "ZG403": 1, "ZG501": 1, "ZG502": 1}
    ),
}
# (code, first subject) of each failure the README announces.
DELIBERATE = {
    "agency": {
        ("ZG101", "随县教育局党组/意识形态阵地管理(门户网站、政务新媒体)"),
        ("ZG102", "随县教育局党组/党建工作目标考核"),
        ("ZG103", "局机关党委/党务干部培训和支部工作指导"),
        ("ZG201", "随县教育局党组/党员教育培训"),
        ("ZG403", "随县教育局党组/加强教育系统行风建设"),
        ("ZG404", "计划财务股/股长"),
        ("ZG501", "李娟"),
        ("ZG502", "局机关党委"),
        ("ZG105", "教育督导室"),
    },
    "county": {
        ("ZG101", "随县县委/流动党员教育管理"),
        ("ZG101", "草店镇党委/流动党员教育管理"),
        ("ZG103", "高庙村/三会一课"),
        ("ZG401", "草店镇党委"),
        ("ZG402", "随县县委/软弱涣散基层党组织整顿"),
        ("ZG403", "柳湾村/加强党员管理"),
        ("ZG501", "许刚"),
        ("ZG502", "县委两新工委"),
        ("ZG105", "金桥社区"),
    },
}
# Deliberate silences the README announces: (code, duty) that must not be reported.
MUST_NOT_FIRE = {
    "agency": {
        ("ZG102", "随县教育局党组/干部选拔任用"),  # the 党组's secretary answers elsewhere
        ("ZG403", "随县教育局党组/基础教育质量提升"),  # 每学期: a quantified target
        ("ZG403", "局机关党委/机关作风建设"),  # 每季度
    },
    "county": {
        ("ZG403", "高城镇党委/党风廉政建设"),  # 每年
        ("ZG403", "黄土岗村/软弱涣散村党组织整顿"),  # 每月
        ("ZG403", "石桥村/三会一课"),  # 每月
    },
}
# Joint allocations that give a reason: the overlap rules must stay silent on them.
JUSTIFIED_JOINT = {
    "agency": "随县教育局党组/推行中小学校党组织领导的校长负责制",
    "county": "厉山镇党委/非公企业和社会组织党组织覆盖",
}


def list_files() -> list[Path]:
    return sorted(
        p
        for p in LISTS.iterdir()
        if p.suffix in NATIVE + FLAT and not p.stem.endswith(UNITS_SUFFIX)
    )


def units_table(path: Path) -> Path | None:
    candidate = path.with_name(f"{path.stem}{UNITS_SUFFIX}.csv")
    return candidate if path.suffix in FLAT and candidate.exists() else None


@functools.cache
def load_list(path: Path) -> ResponsibilityModel:
    """Load once per session: models are frozen, so tests may share them."""
    return load(path, units=units_table(path))


def pairs() -> list[tuple[Path, Path]]:
    by_stem: dict[str, dict[str, Path]] = {}
    for p in list_files():
        by_stem.setdefault(p.stem, {})["native" if p.suffix in NATIVE else "flat"] = p
    return [(f["native"], f["flat"]) for f in by_stem.values() if len(f) == 2]


FILES = list_files()
PAIRS = pairs()


def _id(value: Any) -> str:
    return value.name if isinstance(value, Path) else str(value)


def _pair_id(pair: tuple[Path, Path]) -> str:
    return pair[0].stem


# ----------------------------------------------------------------- every file loads


def test_the_shipped_lists_are_all_found() -> None:
    names = {p.name for p in FILES}
    assert set(EXPECTED_COUNTS) <= names
    assert {n.stem for n, _ in PAIRS} >= {"agency", "county"}


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_every_list_loads_with_its_counts(path: Path) -> None:
    model = load_list(path)
    counts = Counts(
        len(model.units),
        len(model.posts),
        len(model.persons),
        len(model.duties),
        len(model.assignments),
    )
    expected = EXPECTED_COUNTS.get(path.name)
    if expected is not None:
        assert counts == expected
    else:  # a new file: it must at least load into something
        assert min(counts.units, counts.duties, counts.assignments) > 0
    assert model.has_hierarchy
    assert len(model.index.roots) == 1


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_every_duty_post_and_person_is_used(path: Path) -> None:
    model = load_list(path)
    rows = model.index.assignments_of_duty
    assert [d.id for d in model.duties if d.id not in rows] == []
    held = model.index.assignments_of_holder
    assert [p.id for p in model.posts if p.id not in held] == []
    assert {p.id for p in model.persons} == {h for p in model.posts for h in p.holders}


# ----------------------------------------------------------------- native == flat


def _flags(u: Unit) -> tuple[Any, ...]:
    return (u.has_party_org, u.remote, u.guided_by, u.sectors)


def _units(m: ResponsibilityModel) -> set[tuple[Any, ...]]:
    return {
        (u.id, u.parent, u.kind, u.level, u.party_members, u.party_staff, *_flags(u))
        for u in m.units
    }


def _posts(m: ResponsibilityModel) -> set[tuple[Any, ...]]:
    return {(p.id, p.unit, p.title, p.kind, p.holders) for p in m.posts}


def _duties(m: ResponsibilityModel) -> set[tuple[Any, ...]]:
    return {(d.id, d.name, d.scope, d.category, d.derived_from) for d in m.duties}


def _per_duty(m: ResponsibilityModel, field: str) -> dict[str, set[str]]:
    """Duty id → the texts of ``field`` on the duty or any of its rows."""
    out: dict[str, set[str]] = {d.id: set() for d in m.duties}
    for d in m.duties:
        if getattr(d, field):
            out[d.id].add(getattr(d, field))
    for a in m.assignments:
        if getattr(a, field):
            out[a.duty].add(getattr(a, field))
    return out


def _rows(m: ResponsibilityModel) -> Counter[tuple[str, str, str, Role, bool]]:
    duties = m.index.duties
    return Counter(
        (duties[a.duty].name, duties[a.duty].scope, a.holder, a.role, a.collective)
        for a in m.assignments
    )


def _row_labels(m: ResponsibilityModel) -> Counter[tuple[str | None, str, str, str | None]]:
    return Counter((a.id, a.duty, a.holder, a.reason) for a in m.assignments)


@pytest.mark.parametrize("pair", PAIRS, ids=_pair_id)
def test_native_and_flat_forms_describe_the_same_model(pair: tuple[Path, Path]) -> None:
    native, flat = (load_list(p) for p in pair)
    assert _units(native) == _units(flat)
    assert _posts(native) == _posts(flat)
    assert {p.id for p in native.persons} == {p.id for p in flat.persons}
    assert _duties(native) == _duties(flat)
    assert _per_duty(native, "indicator") == _per_duty(flat, "indicator")
    assert _per_duty(native, "frequency") == _per_duty(flat, "frequency")
    assert _rows(native) == _rows(flat)
    assert _row_labels(native) == _row_labels(flat)
    assert native.supervisions  # only the native form can say who inspects whom
    assert flat.supervisions == ()


def _clean(value: Any) -> str:
    return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()


def _csv_grid(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return list(csv.reader(io.StringIO(text)))


def _xlsx_grid(path: Path) -> list[list[Any]]:
    ws = openpyxl.load_workbook(path)["责任清单"]
    grid = [list(row) for row in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[r - 1][c - 1] = value
    return grid


def _read_directly(path: Path) -> Counter[tuple[str, str, str, Role, bool]]:
    """Read a flat list with csv/openpyxl only: (duty, scope, holder, role, collective)."""
    raw = _csv_grid(path) if path.suffix == ".csv" else _xlsx_grid(path)
    grid = [[_clean(c) for c in row] for row in raw]
    top = next(i for i, row in enumerate(grid) if "职责" in row and "责任类型" in row)
    header = grid[top]
    out: Counter[tuple[str, str, str, Role, bool]] = Counter()
    for row in grid[top + 1 :]:
        cell = dict(zip(header, row, strict=False))
        if not any(row):
            continue
        unit, title = cell["责任单位"], cell["岗位"]
        role = parse(Role, cell["责任类型"])
        assert role is not None, row
        holder = post_id(unit, title) if title else unit
        out[(cell["职责"], cell["范围"] or unit, holder, role, not title)] += 1
    return out


@pytest.mark.parametrize("pair", PAIRS, ids=_pair_id)
def test_flat_file_read_without_the_loader_matches_the_native_form(
    pair: tuple[Path, Path],
) -> None:
    native, flat = pair
    assert _read_directly(flat) == _rows(load_list(native))


# ----------------------------------------------------------------- real-file features


def test_agency_csv_is_saved_as_excel_on_chinese_windows_would() -> None:
    data = (LISTS / "agency.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("gb18030").startswith("随县教育局")  # a title row above the header
    assert "\u3000" in data.decode("gb18030")  # a full-width space the loader must trim
    assert (LISTS / "agency_units.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_county_xlsx", LISTS / "build_county_xlsx.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _content(data: bytes) -> dict[str, tuple[list[tuple[Any, ...]], list[str]]]:
    """Sheet → (cell values, merged ranges): what a reader sees, whatever the writer."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return {
        ws.title: (
            list(ws.iter_rows(values_only=True)),
            sorted(str(r) for r in ws.merged_cells.ranges),
        )
        for ws in wb.worksheets
    }


def test_county_xlsx_is_the_build_of_county_yaml() -> None:
    script = _build_script()
    doc = yaml.safe_load((LISTS / "county.yaml").read_text(encoding="utf-8"))
    built = script.build_workbook(doc)
    assert built == script.build_workbook(doc)  # deterministic
    assert _content(built) == _content((LISTS / "county.xlsx").read_bytes()), (
        "county.xlsx is stale: run .venv/bin/python scenarios/lists/build_county_xlsx.py"
    )


def test_county_xlsx_has_a_title_row_merged_cells_and_both_sheets() -> None:
    wb = openpyxl.load_workbook(LISTS / "county.xlsx")
    assert wb.sheetnames == ["责任清单", "单位表"]
    ws = wb["责任清单"]
    assert ws["A1"].value == "随县2024年度党建工作责任清单"
    assert ws["B2"].value == "职责"
    duty_merges = [r for r in ws.merged_cells.ranges if r.min_col == 2 and r.max_row > r.min_row]
    assert len(duty_merges) >= 40
    assert ws["A1"].coordinate in {r.coord.split(":")[0] for r in ws.merged_cells.ranges}


# ----------------------------------------------------------------- deliberate failures


@pytest.mark.parametrize("path", [p for p in FILES if p.stem in EXPECTED_FINDINGS], ids=_id)
def test_each_list_contains_the_failures_its_readme_announces(path: Path) -> None:
    findings = check(load_list(path)).findings
    assert Counter(f.code for f in findings) == EXPECTED_FINDINGS[path.stem]
    assert DELIBERATE[path.stem] <= {(f.code, f.subjects[0]) for f in findings}
    assert not MUST_NOT_FIRE[path.stem] & {(f.code, f.subjects[0]) for f in findings}
    joint = JUSTIFIED_JOINT[path.stem]
    overlaps = [f for f in findings if f.code in {"ZG201", "ZG202"} and joint in f.subjects]
    assert overlaps == []
