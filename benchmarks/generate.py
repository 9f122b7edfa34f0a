"""Seeded generator of large, realistic responsibility lists and units tables.

A five-level hierarchy: a city committee (市委) → county committees (县委) →
township committees and county party groups (镇党委 / 局党组) → village and
community branches (村党支部 / 社区党支部) → party groups of villagers' teams
(党小组). Every unit holds a handful of duties from a vocabulary drawn from the
domain brief; most decompose a duty of the same name of the parent unit
(上级职责). Each duty has 1-5 rows: the unit as a whole (主体责任), its secretary
(第一责任人), a deputy (直接责任), members (牵头/配合) and the discipline member (监督责任).

Usage::

    python benchmarks/generate.py N_ROWS N_UNITS [--seed S] [--out DIR]

or from another benchmark::

    from generate import generate
    list_path, units_path = generate(100_000, 10_000, seed=1, out_dir=Path("_data"))
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterator
from pathlib import Path

import numpy as np

__all__ = ["generate"]

_CHARS = (
    "安宝北昌东丰福港广海和河红华惠吉佳江金锦康乐利林龙"
    "隆美明南宁平庆泉瑞山胜顺泰天文西祥新兴阳永裕元振中"
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
    "许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玉兰海燕飞鹏辉"
_DUTIES: tuple[tuple[str, str], ...] = (
    ("落实党建工作责任制", "党建"),
    ("组织生活会", "党建"),
    ("三会一课", "党建"),
    ("发展党员", "党建"),
    ("党员教育管理", "党建"),
    ("党风廉政建设", "党建"),
    ("意识形态工作", "党建"),
    ("基层组织建设", "党建"),
    ("软弱涣散党组织整顿", "党建"),
    ("党费收缴", "党建"),
    ("主题党日", "党建"),
    ("民主评议党员", "党建"),
    ("脱贫攻坚", "业务"),
    ("安全生产", "业务"),
    ("信访维稳", "业务"),
    ("环境整治", "业务"),
    ("乡村振兴", "业务"),
    ("疫情防控", "业务"),
)
_FREQUENCIES = ("", "每月", "每季", "每半年", "每年")
_INDICATORS = ("", "", "每季度至少1次", "全年不少于4次", "完成率100%", "问题整改销号")
# level name endings and the posts each level has
_LEVELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("市委", ("书记", "副书记", "组织部长", "纪委书记")),
    ("县委", ("书记", "副书记", "组织部长", "纪委书记")),
    ("镇党委", ("书记", "副书记", "组织委员", "纪委书记", "镇长")),
    ("村党支部", ("书记", "副书记", "组织委员", "纪检委员")),
    ("党小组", ("组长",)),
)
_ROLES = (("", "主体责任"), ("书记", "第一责任人"), ("副书记", "直接责任"))
_HEADERS = ["序号", "职责", "责任单位", "岗位", "责任人", "责任类型", "类别"]
_HEADERS += ["考核指标", "频次", "上级职责"]


def _name(i: int, width: int) -> str:
    base = len(_CHARS)
    chars = []
    for _ in range(width):
        i, r = divmod(i, base)
        chars.append(_CHARS[r])
    return "".join(reversed(chars))


def _level_sizes(n_units: int) -> list[int]:
    shares = (0.0, 0.002, 0.03, 0.3)
    sizes = [1] + [max(1, round(n_units * s)) for s in shares[1:]]
    sizes.append(max(0, n_units - sum(sizes)))
    return sizes


def _units(n_units: int, rng: np.random.Generator) -> list[tuple[str, str, int]]:
    """Return ``(name, parent, level)`` of ``n_units`` units, parents first."""
    units: list[tuple[str, str, int]] = [("江州市委", "", 1)]
    previous = ["江州市委"]
    counter = 0
    for level, size in enumerate(_level_sizes(n_units)[1:], start=2):
        if size == 0:
            break
        ending = _LEVELS[level - 1][0]
        parents = rng.integers(0, len(previous), size=size)
        names = []
        for p in parents:
            counter += 1
            name = f"{_name(counter, 3)}{ending}"
            names.append(name)
            units.append((name, previous[int(p)], level))
        previous = names
    return units


def _person(rng: np.random.Generator, serial: int) -> str:
    surname = _SURNAMES[int(rng.integers(len(_SURNAMES)))]
    return f"{surname}{_GIVEN[int(rng.integers(len(_GIVEN)))]}{_name(serial, 3)}"


def _rows(
    units: list[tuple[str, str, int]], n_rows: int, rng: np.random.Generator
) -> Iterator[list[str]]:
    duties_of: dict[str, list[str]] = {}
    people: dict[tuple[str, str], str] = {}
    row = 0
    while row < n_rows:
        for name, parent, level in units:
            posts = _LEVELS[level - 1][1]
            inherited = duties_of.get(parent, [])
            own = duties_of.setdefault(name, [])
            if inherited and rng.random() < 0.8:
                duty = inherited[int(rng.integers(len(inherited)))]
            else:
                duty = _DUTIES[int(rng.integers(len(_DUTIES)))][0]
            if duty in own:
                continue
            own.append(duty)
            category = dict(_DUTIES)[duty]
            derived = duty if duty in inherited else ""
            for title, role in _holders(posts, rng):
                if row >= n_rows:
                    return
                person = ""
                if title:
                    key = (name, title)
                    if key not in people:
                        people[key] = _person(rng, len(people))
                    person = people[key]
                row += 1
                yield [
                    str(row), duty, name, title, person, role, category,
                    _INDICATORS[int(rng.integers(len(_INDICATORS)))],
                    _FREQUENCIES[int(rng.integers(len(_FREQUENCIES)))], derived,
                ]  # fmt: skip


def _holders(posts: tuple[str, ...], rng: np.random.Generator) -> list[tuple[str, str]]:
    holders = [(t, r) for t, r in _ROLES if not t or t in posts]
    for title in posts:
        if title in ("书记", "副书记"):
            continue
        if "纪" in title:
            holders.append((title, "监督责任"))
        elif rng.random() < 0.5:
            holders.append((title, "牵头" if rng.random() < 0.3 else "配合"))
    k = int(rng.integers(1, len(holders) + 1))
    return holders[:k]


def generate(
    n_rows: int, n_units: int, *, seed: int = 0, out_dir: Path | str = "benchmarks/_data"
) -> tuple[Path, Path]:
    """Write a list of ``n_rows`` rows and a units table of ``n_units`` units.

    Returns the paths ``(list_path, units_path)``; files already generated
    with the same arguments are reused.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    list_path = out / f"清单_{n_rows}_{n_units}_{seed}.csv"
    units_path = out / f"单位表_{n_units}_{seed}.csv"
    if list_path.exists() and units_path.exists():
        return list_path, units_path
    rng = np.random.default_rng(seed)
    units = _units(n_units, rng)
    with units_path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["单位", "上级单位", "层级", "党员数", "偏远"])
        for name, parent, level in units:
            members = int(rng.integers(3, 200))
            remote = "是" if rng.random() < 0.1 else "否"
            writer.writerow([name, parent, str(level), str(members), remote])
    tmp = list_path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["江州市党建工作责任清单"])
        writer.writerow(_HEADERS)
        writer.writerows(_rows(units, n_rows, rng))
    tmp.replace(list_path)
    return list_path, units_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_rows", type=int)
    parser.add_argument("n_units", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="benchmarks/_data")
    args = parser.parse_args()
    list_path, units_path = generate(args.n_rows, args.n_units, seed=args.seed, out_dir=args.out)
    print(list_path)
    print(units_path)


if __name__ == "__main__":
    main()
