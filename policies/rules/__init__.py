"""Eligibility rules: validation, compilation and evaluation against a business profile.

Pure Python, no database. A rule is a list of conditions ``{"group", "field", "operator",
"value"}``. Conditions with the same group number must all hold (AND); the policy applies
when any group holds (OR). Rules are compiled once (``rule_compile``) and the compiled
rule is evaluated against a normalised profile dict (``profile_normalise``).

- ``validation``: every problem with a rule, in Chinese, before it is saved;
- ``compiled``: ``CompiledRule.evaluate`` (符合 / 需补充信息 / 差一点符合 / 不符合) and
  ``matches`` (the scan's fast path);
- ``wording``: conditions in words (industry and region names, never codes);
- ``scan``: column-wise evaluation of a batch of profiles (免申即享).
"""

from policies.rules.compiled import (
    CompiledRule,
    Condition,
    Evaluation,
    profile_normalise,
    rule_compile,
    years_between,
)
from policies.rules.scan import profiles_to_columns, rule_scan
from policies.rules.validation import (
    FIELD_OPERATORS,
    SET_CHOICES,
    RuleError,
    condition_errors,
    rule_errors,
    rule_validate,
    split_values,
)
from policies.rules.wording import CHANGEABLE_FIELDS, MISSING_DATA_LABELS, describe, region_name

__all__ = [
    "CHANGEABLE_FIELDS",
    "FIELD_OPERATORS",
    "MISSING_DATA_LABELS",
    "SET_CHOICES",
    "CompiledRule",
    "Condition",
    "Evaluation",
    "RuleError",
    "condition_errors",
    "describe",
    "profile_normalise",
    "profiles_to_columns",
    "region_name",
    "rule_compile",
    "rule_errors",
    "rule_scan",
    "rule_validate",
    "split_values",
    "years_between",
]
