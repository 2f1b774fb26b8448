"""Reads of the business channel: live policies, compiled rules, matches, notices, questions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from accounts.industries import industry_name
from accounts.models import Department, User
from accounts.selectors import organisation_access, organisation_scope_q
from policies import rules
from policies.constants import (
    DEFAULT_CHANNEL_SERVICE_CODES,
    FetchStatus,
    MatchStatus,
    NoticeStatus,
    QuestionStatus,
    ValueSource,
)
from policies.models import (
    BenefitNotice,
    BusinessProfile,
    PolicyCondition,
    PolicyPage,
    PolicyQuestion,
)
from policies.models.records import PROFILE_FIELDS
from policies.workdays import working_days_between
from services_catalog import selectors as catalogue

# Compiled rules by (page id, last published time): rules compile once per publication.
_RULE_CACHE: dict[tuple[int, object], rules.CompiledRule] = {}


def policies_live() -> QuerySet[PolicyPage]:
    return (
        PolicyPage.objects.live()
        .public()
        .select_related("department")
        .prefetch_related(
            Prefetch("conditions", queryset=PolicyCondition.objects.order_by("sort_order", "pk"))
        )
        .order_by("-effective_from", "path")
    )


def policy_in_force(*, policy: PolicyPage, today: dt.date | None = None) -> bool:
    """False once the validity period has ended (已失效); a policy not yet in force still lists."""
    today = today or timezone.localdate()
    return policy.effective_to is None or policy.effective_to >= today


def policies_split_by_validity(
    *, policies, today: dt.date | None = None
) -> tuple[list[PolicyPage], list[PolicyPage]]:
    """(current, expired): expired policies move to the 已失效 tab, latest expiry first."""
    today = today or timezone.localdate()
    current = [p for p in policies if policy_in_force(policy=p, today=today)]
    expired = [p for p in policies if not policy_in_force(policy=p, today=today)]
    expired.sort(key=lambda p: p.effective_to, reverse=True)
    return current, expired


def policy_rule(*, policy: PolicyPage) -> rules.CompiledRule:
    key = (policy.pk, policy.last_published_at)
    compiled = _RULE_CACHE.get(key)
    if compiled is None:
        compiled = rules.rule_compile(policy.rule_rows())
        if len(_RULE_CACHE) > 5000:
            _RULE_CACHE.clear()
        _RULE_CACHE[key] = compiled
    return compiled


def policy_rules(*, policies) -> list[tuple[PolicyPage, rules.CompiledRule]]:
    return [(p, policy_rule(policy=p)) for p in policies]


@dataclass
class PolicyMatch:
    policy: PolicyPage
    evaluation: rules.Evaluation

    @property
    def status(self) -> str:
        return self.evaluation.status


def matches_for_values(*, values: dict, policies=None) -> dict[str, list[PolicyMatch]]:
    """Every live policy evaluated against a profile, grouped by status."""
    today = timezone.localdate()
    policies = list(policies_live()) if policies is None else policies
    # Policies no longer in force are listed under 已失效 but never matched.
    policies, _expired = policies_split_by_validity(policies=policies, today=today)
    profile = rules.profile_normalise(values, today=today)
    grouped: dict[str, list[PolicyMatch]] = {s: [] for s in MatchStatus.values}
    for policy, rule in policy_rules(policies=policies):
        evaluation = rule.evaluate(profile)
        grouped[evaluation.status].append(PolicyMatch(policy, evaluation))
    return grouped


def profile_for_user(*, user: User) -> BusinessProfile | None:
    """The profile of the signed-in business's own organisation (never another's)."""
    if not user.is_authenticated or not user.is_business or not user.organisation_id:
        return None
    if not organisation_access(user=user, organisation_id=user.organisation_id):
        return None
    return BusinessProfile.objects.filter(organisation_id=user.organisation_id).first()


@dataclass(frozen=True)
class ProfileRow:
    name: str
    label: str
    display: str
    source: str  # "certified" | "declared" | ""
    source_label: str


PROFILE_LABELS = {
    "industry_code": "所属行业",
    "enterprise_size": "企业规模",
    "registration_district": "注册地",
    "established_date": "成立日期",
    "headcount": "从业人数",
    "tax_credit_rating": "纳税信用等级",
    "licences": "持有许可证",
}

# The department that holds each fact (登记 at 市场监管, 参保人数 at 人社, 纳税信用 at 税务),
# cited on the profile whatever exchange the certified record travelled through.
FIELD_SOURCE_DEPARTMENTS = {
    "industry_code": ("scjg", "市市场监督管理局"),
    "enterprise_size": ("scjg", "市市场监督管理局"),
    "registration_district": ("scjg", "市市场监督管理局"),
    "established_date": ("scjg", "市市场监督管理局"),
    "headcount": ("rsj", "市人力资源和社会保障局"),
    "tax_credit_rating": ("swj", "国家税务总局市税务局"),
    "licences": ("scjg", "市市场监督管理局"),
}


def field_source_departments() -> dict[str, str]:
    """Profile field → the name of the department that holds it (from the department table)."""
    codes = {code for code, _name in FIELD_SOURCE_DEPARTMENTS.values()}
    names = dict(Department.objects.filter(code__in=codes).values_list("code", "name"))
    return {
        field: names.get(code) or fallback
        for field, (code, fallback) in FIELD_SOURCE_DEPARTMENTS.items()
    }


def _display(name: str, value) -> str:
    if name == "licences":
        return "、".join(value) if value else ("无" if value == [] else "")
    if name == "established_date":
        return date_format(value, "DATE_FORMAT") if value else ""
    if value in (None, ""):
        return ""
    if name == "industry_code":
        label = industry_name(value)
        return f"{label}（{value}）" if label else str(value)
    if name == "registration_district":
        return rules.region_name(value)
    if name == "enterprise_size":
        return {"大": "大型", "中": "中型", "小": "小型", "微": "微型"}.get(value, value)
    if name == "tax_credit_rating":
        return f"{value}级"
    if name == "headcount":
        return f"{value}人"
    return str(value)


def profile_rows(*, profile: BusinessProfile | None) -> list[ProfileRow]:
    """Each profile value with where it comes from (已核验 · 来自 税务局 / 企业自报 / 未提供)."""
    rows = []
    departments = field_source_departments()
    for name in PROFILE_FIELDS:
        value = getattr(profile, name) if profile else None
        source = (profile.sources or {}).get(name, "") if profile else ""
        if source == ValueSource.CERTIFIED:
            label = f"已核验 · 来自 {departments[name]}"
        elif source == ValueSource.DECLARED:
            label = "企业自报"
        else:
            label = "未提供"
        rows.append(ProfileRow(name, PROFILE_LABELS[name], _display(name, value), source, label))
    return rows


def notices_for_user(*, user: User) -> QuerySet[BenefitNotice]:
    if not user.is_authenticated or not user.is_business or not user.organisation_id:
        return BenefitNotice.objects.none()
    return BenefitNotice.objects.filter(organisation_scope_q(user=user)).select_related("policy")


def questions_for_user(*, user: User) -> QuerySet[PolicyQuestion]:
    if not user.is_authenticated or not user.is_business or not user.organisation_id:
        return PolicyQuestion.objects.none()
    return PolicyQuestion.objects.filter(organisation_scope_q(user=user)).select_related("policy")


def questions_for_department(*, user: User) -> QuerySet[PolicyQuestion]:
    """Questions about policies of the staff member's own department (all, for superusers)."""
    qs = PolicyQuestion.objects.select_related("policy", "organisation", "asked_by", "answered_by")
    if user.is_superuser:
        return qs
    if not user.is_authenticated or not user.department_id:
        return qs.none()
    return qs.filter(policy__department_id=user.department_id)


def questions_overdue() -> QuerySet[PolicyQuestion]:
    return PolicyQuestion.objects.filter(
        status=QuestionStatus.PENDING, overdue_flagged_at__isnull=False
    ).select_related("policy", "policy__department", "organisation")


def question_age_working_days(*, question: PolicyQuestion) -> int:
    end = question.answered_at or timezone.now()
    return working_days_between(timezone.localdate(question.asked_at), timezone.localdate(end))


def faqs_for_policy(*, policy: PolicyPage) -> QuerySet[PolicyQuestion]:
    return PolicyQuestion.objects.filter(
        policy=policy, status=QuestionStatus.ANSWERED, published_as_faq=True
    ).order_by("-answered_at")


def channel_services(*, codes: list[str]):
    codes = codes or DEFAULT_CHANNEL_SERVICE_CODES
    found = {s.code: s for s in catalogue.services_live().filter(code__in=codes)}
    return [found[c] for c in codes if c in found]


def channel_context(*, page, user: User, tab: str = "") -> dict:
    today = timezone.localdate()
    current, expired = policies_split_by_validity(
        policies=list(policies_live().child_of(page)), today=today
    )
    showing_expired = tab == "expired"
    context: dict = {
        "today": today,
        "tab": "expired" if showing_expired else "current",
        "policies": expired if showing_expired else current,
        "current_count": len(current),
        "expired_count": len(expired),
        "channel_services": channel_services(codes=rules.split_values(page.service_codes)),
        "is_business": bool(user.is_authenticated and user.is_business),
    }
    if context["is_business"]:
        profile = profile_for_user(user=user)
        context["profile"] = profile
        context["profile_missing"] = profile is None
        values = profile.effective_values() if profile else {}
        context["matches"] = matches_for_values(values=values, policies=current)
        context["pending_notices"] = list(
            notices_for_user(user=user).filter(status=NoticeStatus.PENDING)
        )
    return context


def policy_page_context(*, page: PolicyPage, user: User) -> dict:
    in_force = policy_in_force(policy=page)
    context: dict = {
        "faqs": list(faqs_for_policy(policy=page)),
        "in_force": in_force,
        "linked_services": channel_services(codes=page.service_codes)
        if page.service_codes and in_force
        else [],
        "is_business": bool(user.is_authenticated and user.is_business),
    }
    if context["is_business"]:
        profile = profile_for_user(user=user)
        values = profile.effective_values() if profile else {}
        if in_force:
            context["evaluation"] = policy_rule(policy=page).evaluate(
                rules.profile_normalise(values, today=timezone.localdate())
            )
        context["my_questions"] = list(questions_for_user(user=user).filter(policy=page))
        for question in context["my_questions"]:
            question.age_days = question_age_working_days(question=question)
        context["my_notice"] = notices_for_user(user=user).filter(policy=page).first()
    return context


def profile_fetch_failed(*, profile: BusinessProfile | None) -> bool:
    return profile is not None and profile.fetch_status in (
        FetchStatus.UNAVAILABLE,
        FetchStatus.REFUSED,
    )
