"""Seeded generator of large responsibility lists and units tables.

A five-level hierarchy: a city committee (市委) → county committees (县委) →
township committees (镇党委) → village branches (村党支部) → party groups of
villagers' teams (党小组). Two profiles:

``realistic`` (the default)
    What the shipped lists (``scenarios/lists``) look like: every duty has the
    unit as a whole (主体责任), its secretary (第一责任人), a member with
    直接责任 (or 牵头 on business duties), sometimes a member helping (配合),
    and the discipline member supervising (监督责任; for a party group, the
    village's 纪检委员); indicators and frequencies per duty. Party-building
    duties are decomposed level by level (上级职责) and each level adds its
    own business duties. A few per cent of each failure of the catalogue are
    mixed in: duties with no owner, owned only collectively, owned by a
    vacant post, unsupervised, without indicator, with two primary holders or
    two leads, a second first-responsible post, a duty not passed down to a
    child, a list copied from the parent, a person both owner and supervisor,
    units named by no row. About 0.3–0.5 findings per duty, like the shipped
    lists.
``adversarial``
    Each duty keeps a random prefix of its holders, so about two thirds of
    the duties are owned only collectively and nine in ten are unsupervised
    (about 2 findings per duty): a stress test of the finding machinery.

Usage::

    python benchmarks/generate.py N_ROWS N_UNITS [--seed S] [--out DIR] [--profile adversarial]

or from another benchmark::

    from generate import generate
    list_path, units_path = generate(100_000, 10_000, seed=1, out_dir=Path("_data"))
"""

from __future__ import annotations

import argparse
import csv
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import numpy as np

__all__ = ["PROFILES", "Profile", "generate", "generate_tasks"]

_CHARS = (
    "安宝北昌东丰福港广海和河红华惠吉佳江金锦康乐利林龙"
    "隆美明南宁平庆泉瑞山胜顺泰天文西祥新兴阳永裕元振中"
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
    "许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
_GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玉兰海燕飞鹏辉"
_PARTY_DUTIES = (
    *("落实党建工作责任制", "组织生活会", "三会一课", "发展党员", "党员教育管理"),
    *("党风廉政建设", "意识形态工作", "基层组织建设", "软弱涣散党组织整顿"),
    *("党费收缴", "主题党日", "民主评议党员"),
)
_BUSINESS_DUTIES = ("脱贫攻坚", "安全生产", "信访维稳", "环境整治", "乡村振兴", "疫情防控")
_DUTIES: tuple[tuple[str, str], ...] = (
    *((name, "党建") for name in _PARTY_DUTIES),
    *((name, "业务") for name in _BUSINESS_DUTIES),
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


# --- the realistic profile ------------------------------------------------

Profile = Literal["realistic", "adversarial"]
PROFILES: tuple[Profile, ...] = ("realistic", "adversarial")

_PARTY = _PARTY_DUTIES
# each level's own business duties; levels share no name, since a duty of the
# same name one level down would count as decomposed from it
_LOCAL: tuple[tuple[str, ...], ...] = (
    ("经济发展", "城市建设", "招商引资"),
    ("县域经济", "乡村振兴", "脱贫攻坚"),
    ("安全生产", "信访维稳", "环境整治"),
    ("村务公开", "集体经济", "人居环境"),
    ("联系群众", "邻里纠纷调解", "志愿服务"),
)
# the share of duties (or units) with each deliberate failure
_RATES = {
    "unowned": 0.01,  # ZG101: only a supporting member and the supervisor
    "collective": 0.04,  # ZG102: only the unit as a whole
    "vacant": 0.02,  # ZG103: the unit and a vacant post
    "two_primary": 0.01,  # ZG201: a sibling unit is primary too, no reason given
    "two_leads": 0.02,  # ZG202: two members lead, no reason given
    "second_first": 0.005,  # ZG204: a deputy is first responsible too
    "unsupervised": 0.1,  # ZG104
    "no_indicator": 0.1,  # ZG403
    "undecomposed": 0.02,  # ZG402: a party-building duty not passed down
    "copied": 0.005,  # ZG401: a unit copies its parent's list (units)
    "shared_person": 0.005,  # ZG301: the discipline member is also a member (units)
    "uncovered": 0.005,  # ZG105: a party group named by no row (units)
}
_OWNERSHIP = ("unowned", "collective", "vacant", "two_primary", "two_leads", "second_first")
_VACANT = "专职副书记"

Cells = tuple[str, str, str, str]  # unit, post title, role, scope ("" = the unit)


def _staff(level: int) -> tuple[str, tuple[str, ...], str]:
    """Return the secretary, the other members and the discipline member of a level."""
    posts = _LEVELS[level - 1][1]
    discipline = next((t for t in posts if "纪" in t), "")
    return posts[0], tuple(t for t in posts[1:] if t != discipline), discipline


def _numbered(names: tuple[str, ...], k: int) -> str:
    return names[k % len(names)] + (f"{k // len(names) + 1}期" if k >= len(names) else "")


class _Realistic:
    """The state of the realistic profile: each unit's duties so far, its people."""

    def __init__(self, units: list[tuple[str, str, int]], rng: np.random.Generator) -> None:
        self.rng = rng
        self.children: dict[str, list[str]] = {}
        for name, parent, _ in units:
            if parent:
                self.children.setdefault(parent, []).append(name)
        last = len(_LEVELS)
        self.uncovered = {
            n for n, _, lv in units if lv == last and rng.random() < _RATES["uncovered"]
        }
        self.copier = {n for n, p, _ in units if p and rng.random() < _RATES["copied"]}
        self.shared = {
            n for n, _, lv in units if lv < last and rng.random() < _RATES["shared_person"]
        }
        self.own: dict[str, list[str]] = {}
        self.owned: dict[str, set[str]] = {}
        self.first_direct: dict[str, str] = {}
        self.people: dict[tuple[str, str], str] = {}

    def person(self, unit: str, level: int, title: str) -> str:
        """Return the person holding a post ("" for a vacant one), made up on first use."""
        if not title or title == _VACANT:
            return ""
        key = (unit, title)
        found = self.people.get(key)
        if found is None:
            if unit in self.shared and "纪" in title:  # also holds another post
                found = self.person(unit, level, _staff(level)[1][0])
            else:
                found = _person(self.rng, len(self.people))
            self.people[key] = found
        return found

    def next_duty(self, unit: str, parent: str, level: int, j: int) -> tuple[str, bool, bool]:
        """Return the duty a unit takes at pass ``j``: name, decomposed?, party building?"""
        mine = self.owned.setdefault(unit, set())
        theirs = self.own.get(parent, []) if parent else []
        found: tuple[str, bool, bool] | None = None
        if unit in self.copier and j < len(theirs) and theirs[j] not in mine:
            found = (theirs[j], True, theirs[j] in self.owned.get(parent, set()) and j % 3 != 2)
        elif j % 3 != 2:
            name = _numbered(_PARTY, j - j // 3)
            if not parent:
                found = (name, False, True)
            elif name in self.owned[parent] and self.rng.random() >= _RATES["undecomposed"]:
                found = (name, True, True)
        if found is None:
            i = 0
            while _numbered(_LOCAL[level - 1], i) in mine:
                i += 1
            found = (_numbered(_LOCAL[level - 1], i), False, False)
        self.own.setdefault(unit, []).append(found[0])
        mine.add(found[0])
        return found

    def holders(self, unit: str, parent: str, level: int, party: bool) -> list[Cells]:
        """Return the rows of one duty: unit, post title, role, scope."""
        rng = self.rng
        secretary, members, discipline = _staff(level)
        n = len(self.own[unit]) - 1
        lead = ""
        if members:
            lead = members[(n + len(unit)) % len(members)]
            if party:
                self.first_direct.setdefault(unit, lead)
            else:
                lead = self.first_direct.get(unit, lead)
        others = [t for t in members if t != lead]
        rows: list[Cells] = [(unit, "", "主体责任", ""), (unit, secretary, "第一责任人", "")]
        if lead:
            rows.append((unit, lead, "直接责任" if party else "牵头", ""))
        if others and rng.random() < 0.3:
            rows.append((unit, others[int(rng.integers(len(others)))], "配合", ""))
        rows = self._fail(rows, unit, parent, lead, members)
        if rng.random() >= _RATES["unsupervised"]:
            if discipline:
                rows.append((unit, discipline, "监督责任", ""))
            elif parent:
                rows.append((parent, _staff(level - 1)[2], "监督责任", unit))
        return rows

    def _fail(
        self, rows: list[Cells], unit: str, parent: str, lead: str, members: tuple[str, ...]
    ) -> list[Cells]:
        """Return the owner rows of a duty with, now and then, one failure of ownership."""
        failure = self._failure()
        others = [t for t in members if t != lead]
        if failure == "unowned":
            return [(unit, lead or rows[1][1], "配合", "")]
        if failure == "collective":
            return rows[:1]
        if failure == "vacant":
            return [rows[0], (unit, _VACANT, "直接责任", "")]
        if failure == "two_primary" and parent and len(self.children[parent]) > 1:
            peers = [c for c in self.children[parent] if c != unit]
            rows.append((peers[int(self.rng.integers(len(peers)))], "", "主体责任", unit))
        elif failure == "two_leads" and lead and others:
            rows[2] = (unit, lead, "牵头", "")
            rows.append((unit, others[0], "牵头", ""))
        elif failure == "second_first" and members:
            rows.append((unit, members[0], "第一责任人", ""))
        return rows

    def _failure(self) -> str:
        u = self.rng.random()
        for name in _OWNERSHIP:
            u -= _RATES[name]
            if u < 0:
                return name
        return ""


def _realistic_rows(
    units: list[tuple[str, str, int]], n_rows: int, rng: np.random.Generator
) -> Iterator[list[str]]:
    state = _Realistic(units, rng)
    indicators = [i for i in _INDICATORS if i]
    row = 0
    for j in itertools.count():
        for unit, parent, level in units:
            if unit in state.uncovered:
                continue
            duty, derived, party = state.next_duty(unit, parent, level, j)
            no_indicator = rng.random() < _RATES["no_indicator"]
            indicator = "" if no_indicator else indicators[int(rng.integers(len(indicators)))]
            frequency = _FREQUENCIES[int(rng.integers(1, len(_FREQUENCIES)))]
            category = "党建" if party else "业务"
            for holder_unit, title, role, scope in state.holders(unit, parent, level, party):
                if row >= n_rows:
                    return
                row += 1
                person = state.person(holder_unit, level - (holder_unit != unit), title)
                yield [
                    str(row), duty, holder_unit, title, person, role, category,
                    indicator, frequency, duty if derived else "", scope,
                ]  # fmt: skip


def generate(
    n_rows: int,
    n_units: int,
    *,
    seed: int = 0,
    out_dir: Path | str = "benchmarks/_data",
    profile: Profile = "realistic",
) -> tuple[Path, Path]:
    """Write a list of ``n_rows`` rows and a units table of ``n_units`` units.

    ``profile`` is ``"realistic"`` (a few per cent of each failure) or
    ``"adversarial"`` (most duties owned only collectively and unsupervised);
    see the module text. Both profiles share the units table. Returns the
    paths ``(list_path, units_path)``; files already generated with the same
    arguments are reused.
    """
    if profile not in PROFILES:
        msg = f"unknown profile {profile!r}; expected one of {', '.join(PROFILES)}"
        raise ValueError(msg)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    list_path = out / f"清单_{n_rows}_{n_units}_{seed}_{profile}.csv"
    units_path = out / f"单位表_{n_units}_{seed}.csv"
    if list_path.exists() and units_path.exists():
        return list_path, units_path
    rng = np.random.default_rng(seed)
    units = _units(n_units, rng)
    tmp = units_path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["单位", "上级单位", "层级", "党员数", "偏远"])
        for name, parent, level in units:
            members = int(rng.integers(3, 200))
            remote = "是" if rng.random() < 0.1 else "否"
            writer.writerow([name, parent, str(level), str(members), remote])
    tmp.replace(units_path)
    tmp = list_path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["江州市党建工作责任清单"])
        if profile == "adversarial":
            writer.writerow(_HEADERS)
            writer.writerows(_rows(units, n_rows, rng))
        else:
            writer.writerow([*_HEADERS, "范围"])
            writer.writerows(_realistic_rows(units, n_rows, rng))
    tmp.replace(list_path)
    return list_path, units_path


# --- task tables (任务分工表) and their long-format twin ---------------------

_ISSUER = "江州县委"
_TASK_TITLE = f"中共{_ISSUER}2024年党建工作重点任务分工方案"
_DEPARTMENTS = (
    *("县委办公室", "县委组织部", "县委宣传部", "县委统战部", "县委政法委", "县纪委监委"),
    *("县委编办", "县委党校", "县直机关工委", "县发改局", "县财政局", "县人社局"),
    *("县教育局", "县民政局", "县农业农村局", "县住建局", "县应急管理局", "县卫健局"),
    *("县自然资源局", "县审计局", "县信访局", "县总工会", "团县委", "县妇联"),
)
_PLACEHOLDERS = ("各乡镇党委", "县直各部门", "各村（社区）党组织", "各党（工）委")
_TOWNSHIPS = 18
# the county's leaders: post, then the person (surname from the list, fixed by the seed)
_LEADER_POSTS = (
    *("县委书记", "县委副书记、县长", "县委副书记", "县委常委、组织部长"),
    *("县委常委、宣传部长", "县委常委、纪委书记、监委主任", "县委常委、政法委书记"),
    *("县委常委、常务副县长", "县委常委、统战部长", "副县长"),
)
_THEMES = (
    *("落实全面从严治党主体责任", "深化基层党组织标准化规范化建设", "发展党员工作"),
    *("整顿软弱涣散基层党组织", "加强党员教育管理", "推进三会一课制度落实"),
    *("开展主题党日活动", "加强意识形态阵地管理", "推进党风廉政建设"),
    *("落实民主评议党员制度", "推进党费收缴管理", "加强年轻干部队伍建设"),
    *("推进抓党建促乡村振兴", "壮大村级集体经济", "加强社区党组织建设"),
    *("开展党建述职评议考核", "加强机关党建工作", "推进清廉村居建设"),
)
_MEASURES = (
    "每季度至少召开1次专题会议研究部署，年底前完成率100%。",
    "制定工作方案，明确责任清单，全年不少于4次督导检查。",
    "建立工作台账，实行问题整改销号管理。",
    "组织专题培训，覆盖率达到100%。",
    "结合年度考核，开展专项督查并通报结果。",
)
_DEADLINES = ("2024年6月底前", "2024年10月", "2024年12月底前", "全年", "长期坚持", "每季度末")
_TASK_HEADERS = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "责任领导", "完成时限"]
_TWIN_HEADERS = ["序号", "职责", "责任单位", "岗位", "责任人", "责任类型", "范围", "具体措施"]
_TWIN_HEADERS += ["完成时限"]


def _task_rows(
    n_tasks: int, rng: np.random.Generator
) -> Iterator[tuple[list[str], list[list[str]]]]:
    """Yield each task's row of the task table and its rows of the long format."""
    towns = tuple(f"{_name(i + 1, 2)}镇党委" for i in range(_TOWNSHIPS))
    pool = (*_DEPARTMENTS, *towns, *_PLACEHOLDERS)
    weights = np.array([4.0] * len(_DEPARTMENTS) + [1.0] * len(towns) + [3.0] * len(_PLACEHOLDERS))
    weights /= weights.sum()
    leaders = []
    for post in _LEADER_POSTS:
        surname = _SURNAMES[int(rng.integers(len(_SURNAMES)))]
        width = int(rng.integers(1, 3))
        given = "".join(_GIVEN[int(g)] for g in rng.integers(len(_GIVEN), size=width))
        leaders.append((post, surname + given))
    for i in range(n_tasks):
        task = _numbered(_THEMES, i)
        units = [pool[int(k)] for k in rng.choice(len(pool), size=4, replace=False, p=weights)]
        lead, supports = units[0], units[1 : 1 + int(rng.integers(0, 4))]
        chosen: list[tuple[str, str]] = []
        u = rng.random()
        if u < 0.85:
            picks = rng.choice(len(leaders), size=1 + int(u < 0.1), replace=False)
            chosen = [leaders[int(k)] for k in picks]
        measures = _MEASURES[int(rng.integers(len(_MEASURES)))]
        deadline = "" if rng.random() < 0.03 else _DEADLINES[int(rng.integers(len(_DEADLINES)))]
        serial = str(i + 1)
        row = [serial, task, measures, lead, "、".join(supports),
               "；".join(post + person for post, person in chosen), deadline]  # fmt: skip
        twin = [[task, lead, "", "", "牵头", _ISSUER, measures, deadline]]
        twin += [[task, s, "", "", "配合", _ISSUER, measures, deadline] for s in supports]
        twin += [
            [task, _ISSUER, post, person, "直接责任", "", measures, deadline]
            for post, person in chosen
        ]
        yield row, twin


def generate_tasks(
    n_tasks: int, *, seed: int = 0, out_dir: Path | str = "benchmarks/_data"
) -> tuple[Path, Path]:
    """Write a task table of ``n_tasks`` task rows and the long-format list of the same content.

    The task table (任务分工表) has a title row naming the issuing body (江州县委), then
    序号, 重点任务, 具体措施, 牵头单位, 配合单位 (0–3 units), 责任领导 (on about 85 % of the
    rows; 1 in 10 names two leaders), 完成时限. Units are drawn from county departments,
    township committees and a few placeholders (各乡镇党委, 县直各部门 …). The long-format
    twin is what a careful person would write by hand: one row per task × holder × role
    (牵头, 配合, 直接责任 for a leader: a post of the issuing body), scope the issuing body.
    Both are UTF-8 CSV with a BOM. Returns ``(task_path, long_path)``; files already
    generated with the same arguments are reused.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    task_path = out / f"分工表_{n_tasks}_{seed}.csv"
    long_path = out / f"分工表_长表_{n_tasks}_{seed}.csv"
    if task_path.exists() and long_path.exists():
        return task_path, long_path
    rng = np.random.default_rng(seed)
    tmp_task, tmp_long = task_path.with_suffix(".tmp"), long_path.with_suffix(".tmp")
    with (
        tmp_task.open("w", encoding="utf-8-sig", newline="") as f_task,
        tmp_long.open("w", encoding="utf-8-sig", newline="") as f_long,
    ):
        task_writer, long_writer = csv.writer(f_task), csv.writer(f_long)
        task_writer.writerow([_TASK_TITLE])
        task_writer.writerow(_TASK_HEADERS)
        long_writer.writerow([_TASK_TITLE])
        long_writer.writerow(_TWIN_HEADERS)
        serial = 0  # the long format's 序号: one per row, as row ids must be unique
        for row, twin in _task_rows(n_tasks, rng):
            task_writer.writerow(row)
            for cells in twin:
                serial += 1
                long_writer.writerow([str(serial), *cells])
    tmp_task.replace(task_path)
    tmp_long.replace(long_path)
    return task_path, long_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_rows", type=int, help="rows of the list (tasks with --layout task)")
    parser.add_argument("n_units", type=int, nargs="?", default=0,
                        help="units of the units table (not used with --layout task)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="benchmarks/_data")
    parser.add_argument("--profile", choices=PROFILES, default="realistic")
    parser.add_argument("--layout", choices=("long", "task"), default="long")
    args = parser.parse_args()
    if args.layout == "task":
        for path in generate_tasks(args.n_rows, seed=args.seed, out_dir=args.out):
            print(path)
        return
    if args.n_units <= 0:
        parser.error("n_units is required with --layout long")
    list_path, units_path = generate(
        args.n_rows, args.n_units, seed=args.seed, out_dir=args.out, profile=args.profile
    )
    print(list_path)
    print(units_path)


if __name__ == "__main__":
    main()
