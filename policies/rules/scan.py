"""Column-wise scanning for 免申即享: every profile of a batch against one compiled rule."""

from __future__ import annotations

from policies.constants import ProfileField
from policies.rules.compiled import CompiledRule, Condition


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
