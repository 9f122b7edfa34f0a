"""The scenario file: structure, transmission, supervision, accountability, behaviour.

A scenario is a frozen pydantic model that forbids unknown keys. Words may be
English or Chinese (``action: 约谈``, ``rating: 较差``, ``kind: 暗访``). Every
key is documented in ``docs/scenarios.md``; the equations in ``docs/model.md``.

Examples
--------
>>> s = Scenario.model_validate({
...     "name": "最小",
...     "hierarchy": {"levels": ["省", "市", "县"], "span": [1, 2, 3]},
...     "transmission": {"retention": 0.9},
... })
>>> s.hierarchy.levels, s.transmission.retention
(('省', '市', '县'), (0.9,))
>>> Rule.model_validate({"when": {"rating": "较差", "consecutive": 3},
...                      "action": "调整书记"}).action
<Action.replace_leader: 'replace'>
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from zeren_graph._display import excerpt
from zeren_graph.vocab import normalize_text

__all__ = [
    "DECISION_DEFAULTS",
    "DEFAULT_EFFECTS",
    "DEFAULT_SEVERITY",
    "Action",
    "Behaviour",
    "BehaviourModel",
    "Condition",
    "Duty",
    "Hierarchy",
    "LeaderScope",
    "Owners",
    "Rating",
    "Ratings",
    "Rule",
    "Sample",
    "Scenario",
    "Schedule",
    "ScheduleKind",
    "Transmission",
]


class Rating(StrEnum):
    """The four ratings of an assessment, best first (优秀/良好/一般/较差)."""

    excellent = "excellent"  # 优秀
    good = "good"  # 良好
    fair = "fair"  # 一般
    poor = "poor"  # 较差

    @property
    def rank(self) -> int:
        """Return 0 for excellent ... 3 for poor.

        Examples
        --------
        >>> Rating.excellent.rank, Rating.poor.rank
        (0, 3)
        """
        return list(Rating).index(self)


class Action(StrEnum):
    """What an accountability rule does to a unit (and its leader)."""

    talk = "talk"  # 约谈
    reminder = "reminder"  # 提醒督办函
    criticism = "criticism"  # 通报批评
    rectification = "rectification"  # 限期整改
    replace_leader = "replace"  # 调整书记 (``replace`` would shadow str.replace)
    dismissal = "dismissal"  # 免职
    reward = "reward"  # 奖励 / 优先提拔


class ScheduleKind(StrEnum):
    """Periodic contacts on a calendar, or unannounced random (Poisson) visits."""

    periodic = "periodic"  # 定期
    random = "random"  # 随机 / 暗访


class Sample(StrEnum):
    """Which units a contact reaches."""

    all = "all"  # 全覆盖
    random = "random"  # 随机抽查
    convenience = "convenience"  # 就近就便 (chance falls with remoteness)
    risk = "risk"  # 倒排: worst-rated first


class Owners(StrEnum):
    """Who holds a kind of duty, as a responsibility list says it (see ``docs/concepts.md``)."""

    named = "named"  # one named holder, or a lead (牵头) among several
    shared = "shared"  # several co-holders and no lead (职责交叉)
    collective = "collective"  # a collective body only (集体负责)
    none = "none"  # nobody (责任盲区)


class LeaderScope(StrEnum):
    """Which secretaries' commitment ``leader_sd`` spreads."""

    all = "all"  # every unit's
    leaves = "leaves"  # the units with no unit below them (the village secretaries)


#: Default (effect on pressure, half-life in months) of each action.
DEFAULT_EFFECTS: dict[Action, tuple[float, float]] = {
    Action.talk: (0.1, 3.0),
    Action.reminder: (0.05, 2.0),
    Action.criticism: (0.2, 6.0),
    Action.rectification: (0.2, 6.0),
    Action.replace_leader: (0.3, 12.0),
    Action.dismissal: (0.4, 12.0),
    Action.reward: (0.05, 12.0),
}

#: Default severity of each action as the unit reckons it (its cost to the unit and its
#: secretary, in months of effort): the ordinal ladder talk < criticism < rectification
#: < replacement < dismissal of source 000, with a reward counted as a gain.
DEFAULT_SEVERITY: dict[Action, float] = {
    Action.talk: 0.1,
    Action.reminder: 0.05,
    Action.criticism: 0.25,
    Action.rectification: 0.3,
    Action.replace_leader: 1.0,
    Action.dismissal: 1.5,
    Action.reward: 0.3,
}

_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    Rating: {"优秀": "excellent", "好": "good", "良好": "good", "一般": "fair",
             "较差": "poor", "差": "poor", "不合格": "poor"},
    Action: {"约谈": "talk", "提醒督办函": "reminder", "提醒": "reminder", "督办函": "reminder",
             "通报批评": "criticism", "public_criticism": "criticism", "限期整改": "rectification",
             "整改": "rectification", "调整书记": "replace", "replace_leader": "replace",
             "免职": "dismissal", "奖励": "reward", "表彰": "reward", "优先提拔": "reward"},
    ScheduleKind: {"定期": "periodic", "unannounced": "random", "随机": "random",
                   "暗访": "random", "随机检查": "random", "poisson": "random"},
    LeaderScope: {"全部": "all", "所有": "all", "末级": "leaves", "村": "leaves"},
    Owners: {"单一": "named", "牵头": "named", "共同": "shared", "交叉": "shared",
             "集体": "collective", "无": "none", "盲区": "none", "blind": "none"},
    Sample: {"全部": "all", "全覆盖": "all", "随机": "random", "随机抽查": "random",
             "便利": "convenience", "就近": "convenience", "biased": "convenience",
             "风险": "risk", "倒排": "risk", "risk_based": "risk"},
}  # fmt: skip


def _word(enum: type[StrEnum]) -> BeforeValidator:
    def coerce(value: Any) -> Any:
        if isinstance(value, enum) or not isinstance(value, str):
            return value
        text = normalize_text(value)
        key = text.lower().replace("-", "_").replace(" ", "_")
        if key in enum._value2member_map_:
            return enum(key)
        if text in _ALIASES[enum]:
            return enum(_ALIASES[enum][text])
        words = ", ".join(m.value for m in enum)
        msg = f"must be one of {words} (or the Chinese words), got {excerpt(value)!r}"
        raise ValueError(msg)

    return BeforeValidator(coerce)


def _level_ref(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    return normalize_text(value) if isinstance(value, str) else value


def _per_level(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (value,)
    return value


def _level_refs(value: Any) -> Any:
    return [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value


Share = Annotated[float, Field(ge=0, le=1)]
LevelRef = Annotated[str, BeforeValidator(_level_ref), Field(min_length=1)]
LevelRefs = Annotated[tuple[LevelRef, ...], BeforeValidator(_level_refs)]
RatingWord = Annotated[Rating, _word(Rating)]


class _Model(BaseModel):
    # numbers must be finite: ``rate: .inf`` or ``"nan"`` is a problem, not a crash later
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Hierarchy(_Model):
    """The structure: generated from ``levels`` + ``span``, or read from a file.

    ``span[0]`` is the number of roots, ``span[k]`` the children per parent at
    level k+1. ``model`` (a responsibility list or model) or ``units`` (a units
    table) read the tree instead; paths are relative to the scenario file.
    ``remote_share`` marks a random share of generated units remote (偏远).
    """

    levels: tuple[Annotated[str, Field(min_length=1)], ...] | None = None
    span: tuple[Annotated[int, Field(ge=1)], ...] | None = None
    model: str | None = None
    units: str | None = None
    remote_share: Share = 0.0

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        files = [k for k in ("model", "units") if getattr(self, k)]
        if len(files) > 1:
            raise ValueError("give either 'model' or 'units', not both")
        if not files:
            if self.levels is None or self.span is None:
                raise ValueError("give 'levels' and 'span', or a 'model' or 'units' file")
            if len(self.levels) != len(self.span):
                msg = f"'levels' has {len(self.levels)} names but 'span' {len(self.span)} values"
                raise ValueError(msg)
        elif self.span is not None:
            raise ValueError("'span' cannot be combined with a structure file")
        return self


class Transmission(_Model):
    """Share of its parent's pressure a unit passes on: one value, or one per transition."""

    retention: Annotated[tuple[Share, ...], BeforeValidator(_per_level), Field(min_length=1)] = (
        0.9,
    )


class Schedule(_Model):
    """A supervision schedule: who contacts which levels, when, and which units."""

    name: str | None = None
    kind: Annotated[ScheduleKind, _word(ScheduleKind)] = ScheduleKind.periodic
    by: LevelRef = "1"
    over: LevelRefs | None = None
    period: Annotated[int, Field(gt=0)] = 12
    offset: Annotated[int, Field(gt=0)] | None = None
    rate: Annotated[float, Field(gt=0)] = 1.0
    announced: bool | None = None
    sample: Annotated[Sample, _word(Sample)] = Sample.all
    fraction: Annotated[float, Field(gt=0, le=1)] = 1.0
    bias: Annotated[float, Field(ge=0)] = 2.0
    budget: Annotated[int, Field(ge=1)] | None = None
    assess: bool = False
    days: Annotated[float, Field(ge=0)] = 0.5
    paper: bool | None = None
    independent: bool = False
    boost: Annotated[float, Field(ge=0, le=1)] = 0.05
    half_life: Annotated[float, Field(gt=0)] = 3.0

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.kind is ScheduleKind.random:
            if self.announced:
                raise ValueError("random visits cannot be announced")
            if self.sample is Sample.risk:
                raise ValueError("risk-based samples need a periodic schedule")
            if self.budget is not None:
                raise ValueError("'budget' applies to periodic schedules; random visits use 'rate'")
        return self

    @property
    def reads_paper(self) -> bool:
        """Whether paperwork counts at its contacts (by default: announced ones, 迎检材料).

        Examples
        --------
        >>> Schedule().reads_paper, Schedule(kind="暗访").reads_paper
        (True, False)
        """
        return self.is_announced if self.paper is None else self.paper

    @property
    def is_announced(self) -> bool:
        """Whether units know the dates (periodic schedules are announced by default).

        Examples
        --------
        >>> Schedule().is_announced, Schedule(kind="暗访").is_announced
        (True, False)
        """
        if self.announced is None:
            return self.kind is ScheduleKind.periodic
        return self.announced


class Condition(_Model):
    """When a rule fires.

    Exactly one of ``rating``, ``rating_at_most``, ``bottom``, ``failed_inspection``;
    optionally narrowed by ``consecutive``, ``real_below`` and ``levels``.
    """

    rating: RatingWord | None = None
    rating_at_most: RatingWord | None = None
    consecutive: Annotated[int, Field(ge=1)] = 1
    bottom: Annotated[float, Field(gt=0, le=1)] | None = None
    failed_inspection: bool = False
    real_below: Share | None = None
    levels: LevelRefs | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [
            k for k in ("rating", "rating_at_most", "bottom") if getattr(self, k) is not None
        ] + (["failed_inspection"] if self.failed_inspection else [])
        if len(given) != 1:
            msg = (
                "give exactly one of rating, rating_at_most, bottom, failed_inspection; "
                f"got {', '.join(given) or 'none'}"
            )
            raise ValueError(msg)
        if self.consecutive > 1 and self.rating is None and self.rating_at_most is None:
            raise ValueError("'consecutive' needs 'rating' or 'rating_at_most'")
        return self


class Rule(_Model):
    """An accountability rule: a condition and an action with an effect on pressure."""

    name: str | None = None
    when: Condition
    action: Annotated[Action, _word(Action)]
    effect: Annotated[float, Field(ge=-1, le=1)] | None = None
    severity: Annotated[float, Field(ge=0)] | None = None
    half_life: Annotated[float, Field(gt=0)] | None = None
    deadline: Annotated[int, Field(gt=0)] = 3
    joint_liability: bool | None = None
    final: bool = False

    @property
    def size(self) -> float:
        """The effect on pressure (the action's default if not given).

        Examples
        --------
        >>> Rule.model_validate({"when": {"rating": "一般"}, "action": "约谈"}).size
        0.1
        """
        return DEFAULT_EFFECTS[self.action][0] if self.effect is None else self.effect

    @property
    def weight(self) -> float:
        """The severity the unit reckons with (for a reward, the gain; default: the action's).

        Examples
        --------
        >>> Rule.model_validate({"when": {"rating": "较差", "consecutive": 3},
        ...                      "action": "调整书记"}).weight
        1.0
        """
        return DEFAULT_SEVERITY[self.action] if self.severity is None else self.severity

    @property
    def life(self) -> float:
        """The half-life in months (the action's default if not given).

        Examples
        --------
        >>> Rule.model_validate({"when": {"rating": "较差"}, "action": "通报批评"}).life
        6.0
        """
        return DEFAULT_EFFECTS[self.action][1] if self.half_life is None else self.half_life


class BehaviourModel(StrEnum):
    """Which behavioural core drives effort (see ``docs/model.md``)."""

    decision = "decision"  # units weigh the cost of time against expected consequences
    dose = "dose"  # the pressure-dose model: contacts and sanctions add pressure


#: The decision model's defaults where they differ from the neutral ones: fitted to the
#: sources by ``scenarios/calibration/fit.py`` (docs/calibration.md). A scenario in the
#: dose model keeps the neutral defaults of the fields.
DECISION_DEFAULTS: dict[str, Any] = {
    "load": 0.3,
    "leader_sd": 0.3,
    "leader_scope": "leaves",
    "paperwork": 0.2,
    "score_uncertainty": 0.2,
    "turnover": 0.04,
}


class Behaviour(_Model):
    """How units respond: the behavioural model and its parameters.

    The first group applies to both models; the second to the decision model
    (``model: decision``, the default); the last to the dose model. In the decision
    model the keys of :data:`DECISION_DEFAULTS` default to their calibrated values.

    Examples
    --------
    >>> Behaviour().load, Behaviour(model="dose").load, Behaviour(load=0.1).load
    (0.3, 0.0, 0.1)
    """

    model: BehaviourModel = BehaviourModel.decision
    load: Annotated[float, Field(ge=0, lt=1)] = 0.0
    remote_penalty: Share = 0.0
    paperwork: Share = 0.3
    noise: Annotated[float, Field(ge=0)] = 0.05
    accumulation: Annotated[float, Field(gt=0, le=1)] = 0.3
    leader_sd: Annotated[float, Field(ge=0)] = 0.0
    leader_scope: Annotated[LeaderScope, _word(LeaderScope)] = LeaderScope.all
    turnover: Share = 0.0
    # the decision model
    substitution: Annotated[float, Field(ge=0, lt=1)] = 0.5
    adjustment_cost: Annotated[float, Field(ge=0)] = 0.0
    discount: Annotated[float, Field(gt=0, le=1)] = 0.95
    score_uncertainty: Annotated[float, Field(ge=0)] = 0.1
    paper_need: Annotated[float, Field(gt=0, le=1)] = 0.05
    hosting: Annotated[float, Field(ge=0, le=1)] = 0.02
    inspection_cost: Annotated[float, Field(ge=0, le=1)] = 0.0
    belief_rate: Share = 0.1
    peer_weight: Share = 0.5
    span_elasticity: Annotated[float, Field(ge=0)] = 0.5
    concealment: Share = 0.0
    conceal_severity: Annotated[float, Field(ge=0)] = 1.5
    # the dose model
    anticipation: Annotated[float, Field(ge=0)] = 0.5
    anticipation_window: Annotated[float, Field(gt=0)] = 1.0
    rational: bool = False
    shirk_gain: Annotated[float, Field(ge=0)] = 0.1
    gain_sd: Annotated[float, Field(ge=0)] = 0.0
    sanction: Annotated[float, Field(ge=0)] = 1.0

    @model_validator(mode="before")
    @classmethod
    def _calibrated(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        model = data.get("model", BehaviourModel.decision)
        if isinstance(model, str) and model.strip().lower() == BehaviourModel.decision:
            return {**DECISION_DEFAULTS, **data}
        return data


class Duty(_Model):
    """A kind of duty every unit carries: its share of the work, whether measured, its holders.

    ``share`` is the duty's part of a unit's party-building work (the shares are
    scaled to add up to 1); ``measured`` says whether inspections and assessments
    look at it (硬指标) or not (软任务); ``co_holders`` is the number of co-holders
    of a ``shared`` duty.
    """

    name: Annotated[str, Field(min_length=1)]
    share: Annotated[float, Field(gt=0)] = 1.0
    measured: bool = True
    owners: Annotated[Owners, _word(Owners)] = Owners.named
    co_holders: Annotated[int, Field(ge=2)] = 2


class Ratings(_Model):
    """How a measured score becomes a rating.

    ``cutoffs`` are the lowest scores of excellent, good and fair; ``independent``
    draws ratings at random with the given chances instead (for validation);
    ``fail_below`` is the score under which an inspection fails (default: the fair cutoff).
    """

    cutoffs: tuple[Share, Share, Share] = (0.8, 0.6, 0.4)
    independent: dict[RatingWord, Share] | None = None
    fail_below: Share | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        a, b, c = self.cutoffs
        if not a >= b >= c:
            raise ValueError(f"cutoffs must fall: excellent >= good >= fair, got {self.cutoffs}")
        if self.independent is not None and sum(self.independent.values()) > 1 + 1e-9:
            raise ValueError("the chances in 'independent' add up to more than 1")
        return self

    @property
    def fail_score(self) -> float:
        """The score under which an inspection fails.

        Examples
        --------
        >>> Ratings().fail_score, Ratings(fail_below=0.3).fail_score
        (0.4, 0.3)
        """
        return self.cutoffs[2] if self.fail_below is None else self.fail_below


class Scenario(_Model):
    """A whole simulation scenario (see ``docs/scenarios.md``)."""

    name: Annotated[str, Field(min_length=1)]
    description: str = ""
    hierarchy: Hierarchy
    transmission: Transmission = Transmission()
    supervision: tuple[Schedule, ...] = ()
    accountability: tuple[Rule, ...] = ()
    behaviour: Behaviour = Behaviour()
    ratings: Ratings = Ratings()
    joint_liability: bool = False
    inspection_days: dict[LevelRef, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    duties: tuple[Duty, ...] = ()
    horizon_months: Annotated[int, Field(ge=1)] = 60
    replications: Annotated[int, Field(ge=1)] = 1
    seed: Annotated[int, Field(ge=0, lt=2**63)] | None = None
