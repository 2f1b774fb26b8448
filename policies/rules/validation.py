"""Validating eligibility rules before they are saved: every problem, in Chinese.

A rule is a list of conditions ``{"group", "field", "operator", "value"}``. Conditions with the
same group number must all hold (AND); the policy applies when any group holds (OR).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from policies.constants import EnterpriseSize, Operator, ProfileField, TaxCreditRating

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
