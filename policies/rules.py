"""Eligibility rules: validation, compilation and evaluation against a business profile.

Pure Python, no database. A rule is a list of conditions ``{"group", "field", "operator",
"value"}``. Conditions with the same group number must all hold (AND); the policy applies
when any group holds (OR). Rules are compiled once (``rule_compile``) and the compiled
rule is evaluated against a normalised profile dict (``profile_normalise``).

Evaluation never guesses: a condition whose profile value is unknown is "missing", and a
rule whose only obstacles are missing values yields 需补充信息 naming the data, never a
match or a refusal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from policies.constants import EnterpriseSize, MatchStatus, Operator, ProfileField, TaxCreditRating

NUMBER_OPS = (Operator.GTE, Operator.LTE)
SET_OPS = (Operator.IN, Operator.NOT_IN)
PREFIX_OPS = (Operator.PREFIX_IN, Operator.NOT_PREFIX_IN)
LICENCE_OPS = (Operator.HAS, Operator.NOT_HAS)

# field -> (allowed operators, kind)
FIELD_OPERATORS: dict[str, tuple[tuple[str, ...], str]] = {
    ProfileField.INDUSTRY: (PREFIX_OPS, "prefix"),
    ProfileField.DISTRICT: (PREFIX_OPS, "prefix"),
    ProfileField.SIZE: (SET_OPS, "set"),
    ProfileField.CREDIT: (SET_OPS, "set"),
    ProfileField.AGE: (NUMBER_OPS, "number"),
    ProfileField.HEADCOUNT: (NUMBER_OPS, "number"),
    ProfileField.LICENCE: (LICENCE_OPS, "licence"),
}
SET_CHOICES = {
    ProfileField.SIZE: [c.value for c in EnterpriseSize],
    ProfileField.CREDIT: [c.value for c in TaxCreditRating],
}
# The data a business must supply when a field is missing (named in 需补充信息).
MISSING_DATA_LABELS = {
    ProfileField.INDUSTRY: "所属行业代码",
    ProfileField.SIZE: "企业规模",
    ProfileField.DISTRICT: "注册地行政区划",
    ProfileField.AGE: "成立日期",
    ProfileField.HEADCOUNT: "从业人数",
    ProfileField.CREDIT: "纳税信用等级",
    ProfileField.LICENCE: "持有的许可证",
}
# Short wording for reasons shown to businesses.
FIELD_SHORT = {
    ProfileField.INDUSTRY: "行业代码",
    ProfileField.SIZE: "企业规模",
    ProfileField.DISTRICT: "注册地区划代码",
    ProfileField.AGE: "成立年限",
    ProfileField.HEADCOUNT: "从业人数",
    ProfileField.CREDIT: "纳税信用等级",
    ProfileField.LICENCE: "许可证",
}
OP_SHORT = {
    "prefix_in": "属于",
    "not_prefix_in": "不属于",
    "in": "为",
    "not_in": "不为",
    "gte": "不少于",
    "lte": "不超过",
    "has": "持有",
    "not_has": "未持有",
}
_SPLIT = re.compile(r"[,，、;；\s]+")
_INDUSTRY_RE = re.compile(r"^[A-T]\d{0,4}$")
_DISTRICT_RE = re.compile(r"^\d{2,12}$")


class RuleError(ValueError):
    """A rule that cannot be saved; ``messages`` lists every problem in Chinese."""

    def __init__(self, messages: list[str]):
        super().__init__("；".join(messages))
        self.messages = messages


def split_values(raw: str) -> list[str]:
    return [v for v in _SPLIT.split((raw or "").strip()) if v]


def _field_label(field_name: str) -> str:
    try:
        return str(ProfileField(field_name).label)
    except ValueError:
        return field_name


def _op_label(op: str) -> str:
    try:
        return str(Operator(op).label)
    except ValueError:
        return op


def condition_errors(cond: Mapping, *, position: int | None = None) -> list[str]:
    """Problems with one condition on its own: unknown field, wrong operator, bad value."""
    where = _("条件{n}：").format(n=position) if position else ""
    field_name = cond.get("field") or ""
    op = cond.get("operator") or ""
    raw = cond.get("value") or ""
    if field_name not in FIELD_OPERATORS:
        known = "、".join(f"{c.value}（{c.label}）" for c in ProfileField)
        return [
            where
            + _("未知的企业画像字段“{field}”，可用字段为：{known}。").format(
                field=field_name, known=known
            )
        ]
    ops, kind = FIELD_OPERATORS[field_name]
    label = _field_label(field_name)
    if op not in ops:
        allowed = "、".join(_op_label(o) for o in ops)
        return [
            where
            + _("“{label}”不能使用运算“{op}”，可用：{allowed}。").format(
                label=label, op=_op_label(op) if op else "（空）", allowed=allowed
            )
        ]
    values = split_values(raw)
    if not values:
        return [where + _("“{label}”的条件值不能为空。").format(label=label)]
    if kind == "number":
        if len(values) != 1 or not re.fullmatch(r"\d{1,7}", values[0]):
            return [
                where
                + _("“{label}”的条件值必须是一个非负整数，收到“{raw}”。").format(
                    label=label, raw=raw
                )
            ]
    elif kind == "set":
        bad = [v for v in values if v not in SET_CHOICES[field_name]]
        if bad:
            return [
                where
                + _("“{label}”的取值“{bad}”无效，可选：{choices}。").format(
                    label=label, bad="、".join(bad), choices="、".join(SET_CHOICES[field_name])
                )
            ]
    elif kind == "prefix":
        pattern = _INDUSTRY_RE if field_name == ProfileField.INDUSTRY else _DISTRICT_RE
        bad = [v for v in values if not pattern.fullmatch(v.upper())]
        if bad:
            hint = (
                _("行业代码为门类字母加数字，如 H 或 H62 或 H6210")
                if field_name == ProfileField.INDUSTRY
                else _("行政区划代码为数字，如 310114 或 3101")
            )
            return [
                where
                + _("“{label}”的取值“{bad}”格式不正确（{hint}）。").format(
                    label=label, bad="、".join(bad), hint=hint
                )
            ]
    elif kind == "licence" and len(values) != 1:
        # A licence name is one value; commas would silently split a name.
        return [where + _("“持有许可证”每个条件只能填写一个许可证名称。")]
    return []


def _licence_name(raw: str) -> str:
    return (raw or "").strip()


def _group_contradictions(group: int, conds: list[Mapping]) -> list[str]:
    """Conditions of one AND group that no business can satisfy at the same time."""
    errors: list[str] = []
    prefix = _("第{g}组条件互相矛盾：").format(g=group)
    by_field: dict[str, list[Mapping]] = {}
    for c in conds:
        by_field.setdefault(c["field"], []).append(c)
    for field_name, items in by_field.items():
        kind = FIELD_OPERATORS[field_name][1]
        label = _field_label(field_name)
        if kind == "number":
            lows = [
                int(split_values(c["value"])[0]) for c in items if c["operator"] == Operator.GTE
            ]
            highs = [
                int(split_values(c["value"])[0]) for c in items if c["operator"] == Operator.LTE
            ]
            if lows and highs and max(lows) > min(highs):
                errors.append(
                    prefix
                    + _("{label}既要不少于 {lo} 又要不超过 {hi}，没有企业能同时满足。").format(
                        label=label, lo=max(lows), hi=min(highs)
                    )
                )
        elif kind == "set":
            allowed = set(SET_CHOICES[field_name])
            for c in items:
                values = set(split_values(c["value"]))
                allowed = allowed & values if c["operator"] == Operator.IN else allowed - values
            if not allowed:
                shown = "；".join(f"{_op_label(c['operator'])} {c['value']}" for c in items)
                errors.append(
                    prefix + _("{label}不可能同时满足“{shown}”。").format(label=label, shown=shown)
                )
        elif kind == "prefix":
            includes = [
                [v.upper() for v in split_values(c["value"])]
                for c in items
                if c["operator"] == Operator.PREFIX_IN
            ]
            excludes = [
                v.upper()
                for c in items
                if c["operator"] == Operator.NOT_PREFIX_IN
                for v in split_values(c["value"])
            ]
            # Codes that satisfy every include list: keep the most specific compatible prefixes.
            candidates: list[str] | None = None
            for inc in includes:
                if candidates is None:
                    candidates = list(inc)
                    continue
                merged = []
                for a in candidates:
                    for b in inc:
                        if a.startswith(b):
                            merged.append(a)
                        elif b.startswith(a):
                            merged.append(b)
                candidates = merged
            if candidates is not None:
                alive = [c for c in candidates if not any(c.startswith(e) for e in excludes)]
                if not alive:
                    shown = "；".join(f"{_op_label(c['operator'])} {c['value']}" for c in items)
                    errors.append(
                        prefix
                        + _("{label}不可能同时满足“{shown}”。").format(label=label, shown=shown)
                    )
        elif kind == "licence":
            has = {_licence_name(c["value"]) for c in items if c["operator"] == Operator.HAS}
            has_not = {
                _licence_name(c["value"]) for c in items if c["operator"] == Operator.NOT_HAS
            }
            both = has & has_not
            if both:
                errors.append(
                    prefix + _("既要持有又要未持有“{name}”。").format(name="、".join(sorted(both)))
                )
    return errors


def rule_errors(conditions: Iterable[Mapping]) -> list[str]:
    """Every problem with a rule (list of condition dicts), in Chinese; empty when valid."""
    conds = list(conditions)
    errors: list[str] = []
    valid: list[Mapping] = []
    for n, c in enumerate(conds, start=1):
        problems = condition_errors(c, position=n)
        errors.extend(problems)
        if not problems:
            valid.append(c)
    groups: dict[int, list[Mapping]] = {}
    for c in valid:
        groups.setdefault(int(c.get("group") or 1), []).append(c)
    for g in sorted(groups):
        errors.extend(_group_contradictions(g, groups[g]))
    return errors


def rule_validate(conditions: Iterable[Mapping]) -> None:
    errors = rule_errors(conditions)
    if errors:
        raise RuleError(errors)


# --- Compiled rules -------------------------------------------------------------------------


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

    def describe(self) -> str:
        """The condition in plain Chinese, e.g. 从业人数不少于 10."""
        shown = "/".join(str(v) for v in self.values)
        op = OP_SHORT.get(self.operator, self.operator)
        if self.field == ProfileField.LICENCE:
            return f"{op}{shown}"
        if self.operator in ("gte", "lte"):
            unit = "年" if self.field == ProfileField.AGE else "人"
            return f"{FIELD_SHORT[self.field]}{op} {shown} {unit}"
        return f"{FIELD_SHORT.get(self.field, self.field)}{op} {shown}"

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
        best_miss: tuple | None = None
        for group in self.groups:
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
            if not unmet and not missing:
                return Evaluation(MatchStatus.MATCHED, tuple(met))
            if not unmet:
                if best_info is None or len(missing) < len(best_info[2]):
                    best_info = (met, unmet, missing)
            elif best_miss is None or (len(unmet), len(missing)) < (
                len(best_miss[1]),
                len(best_miss[2]),
            ):
                best_miss = (met, unmet, missing)
        if best_info is not None:
            met, unmet, missing = best_info
            return Evaluation(MatchStatus.NEEDS_INFO, tuple(met), (), tuple(missing))
        met, unmet, missing = best_miss
        status = MatchStatus.NEAR_MISS if len(unmet) == 1 else MatchStatus.NOT_MATCHED
        return Evaluation(status, tuple(met), tuple(unmet), tuple(missing))


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


# --- Column-wise scanning (免申即享) ------------------------------------------------------


def _filter(cond: Condition, column: list, candidates) -> list[int]:
    """Indices among ``candidates`` whose value in ``column`` is known and meets ``cond``.

    Specialised comprehensions with no Python-level call per row: this is the scan's hot loop.
    """
    op, vals = cond.operator, cond.values
    if op == "prefix_in":
        return [i for i in candidates if (v := column[i]) is not None and v.startswith(vals)]
    if op == "not_prefix_in":
        return [i for i in candidates if (v := column[i]) is not None and not v.startswith(vals)]
    if op == "in":
        s = frozenset(vals)
        return [i for i in candidates if column[i] in s]
    if op == "not_in":
        s = frozenset(vals)
        return [i for i in candidates if (v := column[i]) is not None and v not in s]
    if op == "gte":
        n = vals[0]
        return [i for i in candidates if (v := column[i]) is not None and v >= n]
    if op == "lte":
        n = vals[0]
        return [i for i in candidates if (v := column[i]) is not None and v <= n]
    name = vals[0]
    if op == "has":
        return [i for i in candidates if (v := column[i]) is not None and name in v]
    return [i for i in candidates if (v := column[i]) is not None and name not in v]


def profiles_to_columns(profiles: list[dict]) -> dict[str, list]:
    """Normalised profiles as one list per field, for ``rule_scan``."""
    return {f.value: [p[f.value] for p in profiles] for f in ProfileField}


def rule_scan(rule: CompiledRule, columns: dict[str, list], count: int) -> dict[int, int]:
    """Every profile index that ``rule.matches``, mapped to the index of its first matching group.

    Same semantics as ``CompiledRule.matches`` (unknown values never match), evaluated
    condition by condition over all profiles, so most profiles drop out at the first test.
    """
    if not rule.groups:
        return dict.fromkeys(range(count), -1)
    found: dict[int, int] = {}
    for g, group in enumerate(rule.groups):
        candidates: list[int] | range = range(count)
        for cond in group:
            candidates = _filter(cond, columns[cond.field], candidates)
            if not candidates:
                break
        for i in candidates:
            found.setdefault(i, g)
    return found
