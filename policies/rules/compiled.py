"""Compiled rules and their evaluation against a normalised business profile.

Evaluation never guesses: a condition whose profile value is unknown is "missing", and a
rule whose only obstacles are missing values yields 需补充信息 naming the data, never a
match or a refusal. 差一点符合 is kept for one unmet condition the business can change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone

from policies.constants import MatchStatus, ProfileField
from policies.rules.validation import FIELD_OPERATORS, _field_label, _licence_name, split_values
from policies.rules.wording import CHANGEABLE_FIELDS, MISSING_DATA_LABELS, describe


@dataclass(frozen=True, slots=True)
class Condition:
    """One compiled condition. ``test`` returns True/False, or None when the value is missing."""

    field: str
    operator: str
    values: tuple
    raw: str

    def test(self, profile: Mapping) -> bool | None:
        v = profile.get(self.field)
        if v is None:
            return None
        op = self.operator
        if op == "prefix_in":
            return v.startswith(self.values)
        if op == "not_prefix_in":
            return not v.startswith(self.values)
        if op == "in":
            return v in self.values
        if op == "not_in":
            return v not in self.values
        if op == "gte":
            return v >= self.values[0]
        if op == "lte":
            return v <= self.values[0]
        if op == "has":
            return self.values[0] in v
        return self.values[0] not in v  # not_has

    @property
    def field_label(self) -> str:
        return _field_label(self.field)

    @property
    def missing_label(self) -> str:
        return MISSING_DATA_LABELS.get(self.field, self.field)

    @property
    def changeable(self) -> bool:
        """True when a business can meet this condition by its own effort (差一点符合)."""
        return self.field in CHANGEABLE_FIELDS

    def describe(self) -> str:
        """The condition in plain Chinese, e.g. 从业人数不少于10人, 所属行业为“餐饮业”."""
        return describe(self.field, self.operator, self.values)

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The outcome of one rule for one profile, with the conditions behind it."""

    status: str
    met: tuple[Condition, ...] = ()
    unmet: tuple[Condition, ...] = ()
    missing: tuple[Condition, ...] = ()

    @property
    def missing_data(self) -> list[str]:
        seen: list[str] = []
        for c in self.missing:
            if c.missing_label not in seen:
                seen.append(c.missing_label)
        return seen

    @property
    def status_label(self) -> str:
        return str(MatchStatus(self.status).label)


@dataclass(slots=True)
class CompiledRule:
    groups: tuple[tuple[Condition, ...], ...] = field(default_factory=tuple)

    def matches(self, profile: Mapping) -> bool:
        """Fast path for scans: True only when every condition of some group is known and met."""
        if not self.groups:
            return True
        for group in self.groups:
            for c in group:
                if c.test(profile) is not True:
                    break
            else:
                return True
        return False

    def evaluate(self, profile: Mapping) -> Evaluation:
        if not self.groups:
            return Evaluation(MatchStatus.MATCHED)
        best_info: tuple | None = None
        best_near: tuple | None = None
        best_miss: tuple | None = None
        for group in self.groups:
            met, unmet, missing = _split(group, profile)
            if not unmet and not missing:
                return Evaluation(MatchStatus.MATCHED, tuple(met))
            outcome = (met, unmet, missing)
            if not unmet:
                if best_info is None or len(missing) < len(best_info[2]):
                    best_info = outcome
            elif len(unmet) == 1 and unmet[0].changeable:
                if best_near is None or len(missing) < len(best_near[2]):
                    best_near = outcome
            elif best_miss is None or (len(unmet), len(missing)) < (
                len(best_miss[1]),
                len(best_miss[2]),
            ):
                best_miss = outcome
        if best_info is not None:
            met, _unmet, missing = best_info
            return Evaluation(MatchStatus.NEEDS_INFO, tuple(met), (), tuple(missing))
        if best_near is not None:
            met, unmet, missing = best_near
            return Evaluation(MatchStatus.NEAR_MISS, tuple(met), tuple(unmet), tuple(missing))
        met, unmet, missing = best_miss
        return Evaluation(MatchStatus.NOT_MATCHED, tuple(met), tuple(unmet), tuple(missing))


def _split(group, profile: Mapping) -> tuple[list, list, list]:
    """A group's conditions as (met, unmet, missing) for one profile."""
    met: list[Condition] = []
    unmet: list[Condition] = []
    missing: list[Condition] = []
    for c in group:
        r = c.test(profile)
        if r is True:
            met.append(c)
        elif r is None:
            missing.append(c)
        else:
            unmet.append(c)
    return met, unmet, missing


def rule_compile(conditions: Iterable[Mapping]) -> CompiledRule:
    """Compile validated conditions (call rule_validate first when they come from users)."""
    groups: dict[int, list[Condition]] = {}
    for c in conditions:
        field_name, op = c["field"], c["operator"]
        kind = FIELD_OPERATORS[field_name][1]
        values = split_values(c["value"])
        if kind == "number":
            vals: tuple = (int(values[0]),)
        elif kind == "prefix":
            vals = tuple(v.upper() for v in values)
        elif kind == "licence":
            vals = (_licence_name(c["value"]),)
        else:
            vals = tuple(values)
        groups.setdefault(int(c.get("group") or 1), []).append(
            Condition(field=field_name, operator=op, values=vals, raw=c["value"])
        )
    return CompiledRule(groups=tuple(tuple(groups[g]) for g in sorted(groups)))


def years_between(start: dt.date, today: dt.date) -> int:
    years = today.year - start.year
    if (today.month, today.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def profile_normalise(values: Mapping, *, today: dt.date | None = None) -> dict:
    """The matcher's view of a profile: unknown values are None, never guessed."""
    today = today or timezone.localdate()
    established = values.get("established_date")
    if isinstance(established, str) and established:
        try:
            established = dt.date.fromisoformat(established[:10])
        except ValueError:
            established = None
    age = values.get("age_years")
    if age is None and isinstance(established, dt.date):
        age = years_between(established, today)
    licences = values.get("licences")
    headcount = values.get("headcount")
    return {
        ProfileField.INDUSTRY.value: (values.get("industry_code") or "").upper() or None,
        ProfileField.SIZE.value: values.get("enterprise_size") or None,
        ProfileField.DISTRICT.value: values.get("registration_district") or None,
        ProfileField.AGE.value: int(age) if age not in (None, "") else None,
        ProfileField.HEADCOUNT.value: int(headcount) if headcount not in (None, "") else None,
        ProfileField.CREDIT.value: values.get("tax_credit_rating") or None,
        ProfileField.LICENCE.value: frozenset(licences) if licences is not None else None,
    }
