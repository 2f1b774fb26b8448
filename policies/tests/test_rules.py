"""The rule engine: validation of what publishers enter, and evaluation against profiles."""

import datetime as dt
import re

import pytest

from policies import rules
from policies.constants import MatchStatus

TODAY = dt.date(2026, 11, 25)


def row(group, field, op, value):
    return {"group": group, "field": field, "operator": op, "value": value}


def profile(**values):
    base = {
        "industry_code": "H6210",
        "enterprise_size": "小",
        "registration_district": "310114",
        "established_date": dt.date(2019, 4, 18),
        "headcount": 36,
        "tax_credit_rating": "A",
        "licences": ["食品经营许可证"],
    }
    base.update(values)
    return rules.profile_normalise(base, today=TODAY)


def test_unknown_profile_field_is_rejected_with_the_field_named():
    errors = rules.rule_errors([row(1, "annual_revenue", "gte", "100")])
    assert len(errors) == 1
    assert "未知的企业画像字段“annual_revenue”" in errors[0]
    assert "industry_code" in errors[0]  # lists the fields that do exist


def test_operator_not_valid_for_field_is_rejected():
    errors = rules.rule_errors([row(1, "headcount", "prefix_in", "10")])
    assert "不能使用运算" in errors[0]


@pytest.mark.parametrize(
    ("conditions", "expected"),
    [
        (
            [row(1, "headcount", "gte", "50"), row(1, "headcount", "lte", "10")],
            "从业人数既要不少于 50 又要不超过 10",
        ),
        (
            [row(1, "enterprise_size", "in", "小"), row(1, "enterprise_size", "in", "大")],
            "企业规模不可能同时满足",
        ),
        (
            [row(1, "tax_credit_rating", "in", "A"), row(1, "tax_credit_rating", "not_in", "A")],
            "纳税信用等级不可能同时满足",
        ),
        (
            [
                row(1, "licences", "has", "食品经营许可证"),
                row(1, "licences", "not_has", "食品经营许可证"),
            ],
            "既要持有又要未持有",
        ),
        (
            [
                row(1, "industry_code", "prefix_in", "H62"),
                row(1, "industry_code", "prefix_in", "C"),
            ],
            "所属行业",
        ),
        (
            [
                row(1, "industry_code", "prefix_in", "H62"),
                row(1, "industry_code", "not_prefix_in", "H"),
            ],
            "所属行业",
        ),
    ],
)
def test_self_contradictory_and_group_is_rejected(conditions, expected):
    errors = rules.rule_errors(conditions)
    assert errors, conditions
    assert "第1组条件互相矛盾" in errors[0]
    assert expected in errors[0]


def test_same_conditions_in_different_or_groups_are_not_a_contradiction():
    assert (
        rules.rule_errors(
            [row(1, "enterprise_size", "in", "小"), row(2, "enterprise_size", "in", "大")]
        )
        == []
    )
    assert (
        rules.rule_errors([row(1, "headcount", "gte", "10"), row(1, "headcount", "lte", "50")])
        == []
    )


@pytest.mark.parametrize(
    ("cond", "message"),
    [
        (row(1, "headcount", "gte", "很多"), "非负整数"),
        (row(1, "enterprise_size", "in", "特大"), "无效"),
        (row(1, "tax_credit_rating", "in", "AAA"), "无效"),
        (row(1, "industry_code", "prefix_in", "餐饮"), "格式不正确"),
        (row(1, "registration_district", "prefix_in", "嘉定"), "格式不正确"),
        (row(1, "headcount", "gte", ""), "不能为空"),
    ],
)
def test_bad_values_are_rejected(cond, message):
    errors = rules.rule_errors([cond])
    assert errors and message in errors[0]


def test_rule_validate_raises_with_all_messages():
    with pytest.raises(rules.RuleError) as exc:
        rules.rule_validate([row(1, "nope", "in", "x"), row(1, "headcount", "gte", "x")])
    assert len(exc.value.messages) == 2


def test_matched_rule_lists_the_conditions_met():
    rule = rules.rule_compile(
        [row(1, "enterprise_size", "in", "小,微"), row(1, "headcount", "gte", "10")]
    )
    result = rule.evaluate(profile())
    assert result.status == MatchStatus.MATCHED
    assert [c.describe() for c in result.met] == ["企业规模为小型或微型企业", "从业人数不少于10人"]
    assert rule.matches(profile())


def test_or_groups_any_group_matches():
    rule = rules.rule_compile(
        [row(1, "enterprise_size", "in", "大"), row(2, "industry_code", "prefix_in", "H62")]
    )
    assert rule.evaluate(profile()).status == MatchStatus.MATCHED


def test_near_miss_names_what_is_lacking():
    rule = rules.rule_compile(
        [row(1, "headcount", "gte", "50"), row(1, "enterprise_size", "in", "小,微")]
    )
    result = rule.evaluate(profile())
    assert result.status == MatchStatus.NEAR_MISS
    assert [c.describe() for c in result.unmet] == ["从业人数不少于50人"]
    assert not rule.matches(profile())


def test_missing_data_gives_needs_info_naming_the_data_not_a_match_or_refusal():
    rule = rules.rule_compile(
        [
            row(1, "tax_credit_rating", "in", "A,B"),
            row(1, "age_years", "gte", "1"),
            row(1, "licences", "has", "食品经营许可证"),
        ]
    )
    incomplete = profile(tax_credit_rating=None, established_date=None, licences=None)
    result = rule.evaluate(incomplete)
    assert result.status == MatchStatus.NEEDS_INFO
    assert result.missing_data == ["纳税信用等级", "成立日期", "持有的许可证"]
    assert not rule.matches(incomplete)  # the 免申即享 scan never acts on unknown data


def test_negative_condition_on_missing_data_is_needs_info_not_a_match():
    rule = rules.rule_compile([row(1, "tax_credit_rating", "not_in", "C,D")])
    assert rule.evaluate(profile(tax_credit_rating=None)).status == MatchStatus.NEEDS_INFO


def test_known_failure_beats_missing_data():
    rule = rules.rule_compile(
        [
            row(1, "enterprise_size", "in", "大"),
            row(1, "headcount", "gte", "1000"),
            row(1, "tax_credit_rating", "in", "A"),
        ]
    )
    result = rule.evaluate(profile(tax_credit_rating=None))
    assert result.status == MatchStatus.NOT_MATCHED


def test_age_is_years_since_established():
    rule = rules.rule_compile([row(1, "age_years", "lte", "3")])
    assert (
        rule.evaluate(profile(established_date=dt.date(2023, 11, 26))).status == MatchStatus.MATCHED
    )
    # Age is not something a business can change: too old is 不符合, never 差一点符合.
    assert (
        rule.evaluate(profile(established_date=dt.date(2022, 11, 25))).status
        == MatchStatus.NOT_MATCHED
    )


def test_empty_rule_matches_everyone():
    assert rules.rule_compile([]).evaluate(profile()).status == MatchStatus.MATCHED


def test_industry_prefix_is_case_insensitive_and_licence_needs_exact_name():
    rule = rules.rule_compile(
        [row(1, "industry_code", "prefix_in", "h62"), row(1, "licences", "has", "食品经营许可证")]
    )
    assert rule.evaluate(profile(industry_code="h6210")).status == MatchStatus.MATCHED
    assert rule.evaluate(profile(licences=[])).status == MatchStatus.NEAR_MISS


def test_column_scan_agrees_with_single_profile_matching():
    import random

    rng = random.Random(4)
    rule_rows = [
        [row(1, "industry_code", "prefix_in", "H,C3"), row(1, "headcount", "gte", "20")],
        [
            row(1, "enterprise_size", "in", "小,微"),
            row(2, "tax_credit_rating", "not_in", "C,D"),
            row(2, "licences", "has", "食品经营许可证"),
        ],
        [
            row(1, "age_years", "lte", "5"),
            row(1, "registration_district", "not_prefix_in", "310115"),
        ],
        [],
    ]
    profiles = []
    for _ in range(400):
        profiles.append(
            rules.profile_normalise(
                {
                    "industry_code": rng.choice(["H6210", "C3421", "I6510", None]),
                    "enterprise_size": rng.choice(["大", "中", "小", "微", None]),
                    "registration_district": rng.choice(["310114", "310115", None]),
                    "established_date": rng.choice(
                        [dt.date(2024, 1, 1), dt.date(2010, 1, 1), None]
                    ),
                    "headcount": rng.choice([5, 20, 300, None]),
                    "tax_credit_rating": rng.choice(["A", "C", "D", None]),
                    "licences": rng.choice([["食品经营许可证"], [], None]),
                },
                today=TODAY,
            )
        )
    columns = rules.profiles_to_columns(profiles)
    for rows in rule_rows:
        rule = rules.rule_compile(rows)
        scanned = rules.rule_scan(rule, columns, len(profiles))
        assert set(scanned) == {i for i, p in enumerate(profiles) if rule.matches(p)}
        assert scanned or not rows


def test_reasons_read_in_words_with_industry_and_region_names_never_codes():
    rule = rules.rule_compile(
        [
            row(1, "industry_code", "prefix_in", "H,F52,G,R,O"),
            row(1, "registration_district", "prefix_in", "3101"),
            row(1, "tax_credit_rating", "not_in", "C,D"),
        ]
    )
    texts = [c.describe() for group in rule.groups for c in group]
    assert texts[0] == (
        "所属行业为“住宿和餐饮业”、“零售业”、“交通运输、仓储和邮政业”、"
        "“文化、体育和娱乐业”或“居民服务、修理和其他服务业”"
    )
    assert texts[1] == "注册地在上海市"
    assert texts[2] == "纳税信用等级不是C级或D级"
    for text in texts:
        assert not re.search(r"[A-Z]\d|\d{4}|F52|prefix|not_in", text), text
    assert rules.describe("industry_code", "prefix_in", ("H6210",)) == "所属行业为“正餐服务”"
    assert rules.describe("registration_district", "prefix_in", ("310114",)) == "注册地在嘉定区"


RESTAURANT = {"industry_code": "H6210", "registration_district": "310114", "headcount": 36}


def test_an_industry_or_region_a_business_cannot_change_is_never_a_near_miss():
    for conditions in (
        [row(1, "industry_code", "prefix_in", "C27"), row(1, "headcount", "gte", "10")],
        [row(1, "registration_district", "prefix_in", "3201"), row(1, "headcount", "gte", "1")],
        [row(1, "industry_code", "not_prefix_in", "H")],
    ):
        result = rules.rule_compile(conditions).evaluate(profile(**RESTAURANT))
        assert result.status == MatchStatus.NOT_MATCHED, conditions


def test_headcount_size_licence_and_credit_are_near_misses_a_business_can_close():
    for condition in (
        row(1, "headcount", "gte", "50"),
        row(1, "enterprise_size", "in", "中"),
        row(1, "licences", "has", "医疗器械生产许可证"),
        row(1, "tax_credit_rating", "in", "A"),
    ):
        values = {**RESTAURANT, "enterprise_size": "小", "tax_credit_rating": "B", "licences": []}
        rule = rules.rule_compile([row(1, "industry_code", "prefix_in", "H62"), condition])
        result = rule.evaluate(profile(**values))
        assert result.status == MatchStatus.NEAR_MISS, condition
        assert result.unmet[0].field == condition["field"]


def test_a_near_miss_group_wins_over_an_industry_group_with_fewer_conditions():
    rule = rules.rule_compile(
        [
            row(1, "industry_code", "prefix_in", "C"),
            row(2, "industry_code", "prefix_in", "H"),
            row(2, "headcount", "gte", "100"),
        ]
    )
    result = rule.evaluate(profile(**RESTAURANT))
    assert result.status == MatchStatus.NEAR_MISS
    assert [c.describe() for c in result.unmet] == ["从业人数不少于100人"]
