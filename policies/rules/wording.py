"""Conditions in plain Chinese for businesses: industry and region names, never codes.

Industry names come from the floor-0 GB/T 4754 table (``accounts.industries``); region names
from ``accounts.constants.REGION_CODES``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.constants import REGION_CODES
from accounts.industries import industry_label
from policies.constants import EnterpriseSize, ProfileField

# The data a business must supply when a field is missing (named in 需补充信息).
MISSING_DATA_LABELS = {
    ProfileField.INDUSTRY: "所属行业",
    ProfileField.SIZE: "企业规模",
    ProfileField.DISTRICT: "注册地",
    ProfileField.AGE: "成立日期",
    ProfileField.HEADCOUNT: "从业人数",
    ProfileField.CREDIT: "纳税信用等级",
    ProfileField.LICENCE: "持有的许可证",
}

# Conditions a business can change by its own effort (hiring, growing, obtaining a licence,
# repairing its tax credit). Only these make a policy "差一点符合"; industry, region and age
# are what the business is, not what it can do.
CHANGEABLE_FIELDS = frozenset(
    {
        ProfileField.HEADCOUNT.value,
        ProfileField.SIZE.value,
        ProfileField.LICENCE.value,
        ProfileField.CREDIT.value,
    }
)


def _alternatives(words: list[str]) -> str:
    """A、B或C: a list read as alternatives."""
    if len(words) <= 1:
        return "".join(words)
    return "、".join(words[:-1]) + _("或") + words[-1]


def region_name(code: str) -> str:
    """嘉定区 for 310114; 上海市 for 31 or 3101 (the city the prefix falls in)."""
    code = (code or "").strip()
    for candidate in (code, code.ljust(6, "0"), code[:2].ljust(6, "0")):
        if candidate in REGION_CODES:
            return REGION_CODES[candidate]
    return code


def _size_name(value: str) -> str:
    try:
        return str(EnterpriseSize(value).label)
    except ValueError:
        return value


def describe(field: str, operator: str, values: tuple) -> str:
    """One condition as a sentence fragment, e.g. 从业人数不少于10人, 所属行业为“餐饮业”."""
    if field == ProfileField.INDUSTRY:
        names = _alternatives([f"“{industry_label(v)}”" for v in values])
        if operator == "prefix_in":
            return _("所属行业为{names}").format(names=names)
        return _("所属行业不是{names}").format(names=names)
    if field == ProfileField.DISTRICT:
        names = _alternatives([region_name(v) for v in values])
        if operator == "prefix_in":
            return _("注册地在{names}").format(names=names)
        return _("注册地不在{names}").format(names=names)
    if field == ProfileField.SIZE:
        names = _alternatives([_size_name(v) for v in values])
        if operator == "in":
            return _("企业规模为{names}企业").format(names=names)
        return _("企业规模不是{names}企业").format(names=names)
    if field == ProfileField.CREDIT:
        names = _alternatives([_("{v}级").format(v=v) for v in values])
        if operator == "in":
            return _("纳税信用等级为{names}").format(names=names)
        return _("纳税信用等级不是{names}").format(names=names)
    if field == ProfileField.AGE:
        if operator == "gte":
            return _("成立满{n}年").format(n=values[0])
        return _("成立不超过{n}年").format(n=values[0])
    if field == ProfileField.HEADCOUNT:
        if operator == "gte":
            return _("从业人数不少于{n}人").format(n=values[0])
        return _("从业人数不超过{n}人").format(n=values[0])
    if operator == "has":
        return _("持有{name}").format(name=values[0])
    return _("未持有{name}").format(name=values[0])
