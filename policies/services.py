"""Writes of the business channel: profiles, 免申即享 notices and scans, policy questions."""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid

import psycopg
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from applications import services as applications
from config.tasks import enqueue
from data_exchange import services as exchange
from policies import rules
from policies.access import require_business as _require_business
from policies.constants import (
    EnterpriseSize,
    FetchStatus,
    NoticeStatus,
    ScanStatus,
    TaxCreditRating,
    ValueSource,
)
from policies.models import (
    BenefitNotice,
    BenefitScanRun,
    BusinessProfile,
    PolicyPage,
)
from policies.models.records import PROFILE_FIELDS
from policies.questions import (  # noqa: F401  (public face)
    question_answer,
    question_ask,
    questions_flag_overdue,
    staff_may_answer,
)
from policies.selectors import policies_live, policy_rules
from policies.validity import policies_remind_expiring, policy_link_errors  # noqa: F401

logger = logging.getLogger(__name__)

BUSINESS_LICENCE = "scjg.business_licence"
PROFILE_PURPOSE = "构建企业画像，用于匹配适用的惠企政策"


# --- Profile --------------------------------------------------------------------------------


def _clean_value(name: str, value):
    """Normalise one profile value from either source; None when absent or unusable."""
    if value in (None, "", []) and name != "licences":
        return None
    if name == "established_date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    if name == "headcount":
        try:
            return max(int(value), 0)
        except (TypeError, ValueError):
            return None
    if name == "licences":
        if value is None:
            return None
        if isinstance(value, str):
            value = rules.split_values(value)
        return sorted({str(v).strip() for v in value if str(v).strip()})
    if name == "industry_code":
        return str(value).strip().upper()[:5] or None
    if name == "enterprise_size":
        return value if value in EnterpriseSize.values else None
    if name == "tax_credit_rating":
        value = str(value).strip().upper()
        return value if value in TaxCreditRating.values else None
    return str(value).strip() or None


def _profile_recompute(profile: BusinessProfile) -> None:
    """Certified values win; declared values fill what certified data lacks."""
    sources = {}
    for name in PROFILE_FIELDS:
        certified = _clean_value(name, profile.certified_values.get(name))
        declared = _clean_value(name, profile.declared_values.get(name))
        if certified is not None:
            value, source = certified, ValueSource.CERTIFIED
        elif declared is not None:
            value, source = declared, ValueSource.DECLARED
        else:
            value, source = None, ""
        if source:
            sources[name] = source.value
        if name in ("licences",):
            setattr(profile, name, value)
        elif name in ("established_date", "headcount"):
            setattr(profile, name, value)
        else:
            setattr(profile, name, value or "")
    profile.sources = sources


def _json_ready(values: dict) -> dict:
    out = {}
    for key, value in values.items():
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        out[key] = value
    return out


def profile_record_certified(
    *, organisation: Organisation, values: dict, department_name: str, verified_at: dt.datetime
) -> BusinessProfile:
    """Store a verified 营业执照 record as the certified part of the profile."""
    profile, _created = BusinessProfile.objects.get_or_create(organisation=organisation)
    profile.certified_values = _json_ready({k: values.get(k) for k in PROFILE_FIELDS})
    profile.certified_department = department_name
    profile.certified_at = verified_at
    profile.fetch_status = FetchStatus.OK
    profile.fetch_message = ""
    _profile_recompute(profile)
    profile.save()
    return profile


def profile_refresh_certified(*, actor: User) -> BusinessProfile:
    """Pull the business's 营业执照 data through data exchange (logged like every pull).

    When the exchange is unavailable or refuses, the profile keeps its declared values and
    records why, so the page can say certified data could not be fetched.
    """
    organisation = _require_business(actor)
    profile, _created = BusinessProfile.objects.get_or_create(organisation=organisation)
    try:
        record = exchange.certified_record_fetch(
            actor=actor, subject=actor, evidence_type=BUSINESS_LICENCE, purpose=PROFILE_PURPOSE
        )
    except ImportError:
        status, message = FetchStatus.UNAVAILABLE, _("数据共享服务暂未开通。")
    except Exception as exc:  # EvidenceRefused / EvidenceUnavailable and connector failures
        refused = type(exc).__name__ == "EvidenceRefused"
        status = FetchStatus.REFUSED if refused else FetchStatus.UNAVAILABLE
        message = (str(exc) or type(exc).__name__)[:200]
        logger.info(
            "business licence fetch failed for organisation %s: %s", organisation.pk, message
        )
    else:
        return profile_record_certified(
            organisation=organisation,
            values=record.get("values") or {},
            department_name=record.get("department_name") or "",
            verified_at=record.get("verified_at") or timezone.now(),
        )
    profile.fetch_status = status
    profile.fetch_message = message
    profile.save(update_fields=["fetch_status", "fetch_message", "updated_at"])
    return profile


def profile_declare(*, actor: User, values: dict) -> BusinessProfile:
    """What the business declares itself (企业自报); certified values still take precedence."""
    organisation = _require_business(actor)
    profile, _created = BusinessProfile.objects.get_or_create(organisation=organisation)
    declared = {k: _clean_value(k, values.get(k)) for k in PROFILE_FIELDS}
    if values.get("licences") in (None, "") and "licences" in values:
        declared["licences"] = None
    profile.declared_values = _json_ready({k: v for k, v in declared.items() if v is not None})
    profile.declared_at = timezone.now()
    _profile_recompute(profile)
    profile.save()
    return profile


# --- 免申即享 -------------------------------------------------------------------------------


def notice_confirm(*, actor: User, notice: BenefitNotice) -> BenefitNotice:
    """意愿确认: the business confirms; an application is created with no form (idempotent)."""
    organisation = _require_business(actor)

    with transaction.atomic():
        notice = (
            BenefitNotice.objects.select_for_update().select_related("policy").get(pk=notice.pk)
        )
        if notice.organisation_id != organisation.pk:
            raise PermissionDenied
        if notice.status == NoticeStatus.DECLINED:
            raise ValidationError(_("您已放弃享受该政策。"))
        policy = notice.policy
        application = applications.application_create_for_benefit(
            applicant=actor,
            service_code=policy.apply_service_code,
            source_reference=notice.source_reference,
            summary={
                "policy_title": policy.title,
                "document_number": policy.document_number,
                "organisation": organisation.name,
                "uscc": organisation.uscc,
                "reasons": notice.reasons,
                "confirmed_intent": True,
            },
        )
        if notice.status != NoticeStatus.CONFIRMED:
            notice.status = NoticeStatus.CONFIRMED
            notice.decided_at = timezone.now()
            notice.decided_by = actor
        notice.application_id = str(application.pk)
        notice.save()
    return notice


def notice_decline(*, actor: User, notice: BenefitNotice) -> BenefitNotice:
    organisation = _require_business(actor)
    with transaction.atomic():
        notice = BenefitNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.organisation_id != organisation.pk:
            raise PermissionDenied
        if notice.status == NoticeStatus.CONFIRMED:
            raise ValidationError(_("已确认享受的政策不能放弃，请联系发文部门。"))
        notice.status = NoticeStatus.DECLINED
        notice.decided_at = timezone.now()
        notice.decided_by = actor
        notice.save()
    return notice


def benefit_scan_start(*, actor: User | None = None) -> BenefitScanRun:
    """Start a scan run; the Celery task processes it batch by batch after commit."""
    run = BenefitScanRun.objects.create(
        started_by=actor,
        total=BusinessProfile.objects.count(),
        policies_scanned=len(_scan_policies()),
    )
    enqueue("policies.tasks.benefit_scan_batch", run.pk)
    return run


def _scan_policies() -> list[tuple[PolicyPage, rules.CompiledRule]]:

    today = timezone.localdate()
    pages = [
        p
        for p in policies_live().filter(benefit_without_application=True)
        if p.effective_to is None or p.effective_to >= today
    ]
    return policy_rules(policies=pages)


def benefit_scan_process_batch(
    *, run: BenefitScanRun, batch_size: int = 5000, compiled=None
) -> bool:
    """Evaluate the next batch of profiles against every 免申即享 policy.

    Creates one notice per qualifying (policy, organisation) pair, never twice. Returns True
    when more batches remain. Safe to run again for the same batch.
    """
    compiled = compiled if compiled is not None else _scan_policies()
    today = timezone.localdate()
    rows = list(
        BusinessProfile.objects.filter(organisation_id__gt=run.last_organisation_id)
        .order_by("organisation_id")
        .values_list("organisation_id", *PROFILE_FIELDS)[:batch_size]
    )
    org_ids = [row[0] for row in rows]
    pairs: list[tuple[int, int, str]] = []  # (policy id, organisation id, reasons json)
    if rows and compiled:
        normalise = rules.profile_normalise
        columns = rules.profiles_to_columns(
            [
                normalise(dict(zip(PROFILE_FIELDS, row[1:], strict=True)), today=today)
                for row in rows
            ]
        )
        existing = set(
            BenefitNotice.objects.filter(
                organisation_id__gte=org_ids[0],
                organisation_id__lte=org_ids[-1],
                policy_id__in=[p.pk for p, _rule in compiled],
            ).values_list("policy_id", "organisation_id")
        )
        for policy, rule in compiled:
            reasons = [
                json.dumps([c.describe() for c in group], ensure_ascii=False)
                for group in rule.groups
            ] or ["[]"]
            for index, group in rules.rule_scan(rule, columns, len(rows)).items():
                org_id = org_ids[index]
                if (policy.pk, org_id) not in existing:
                    pairs.append((policy.pk, org_id, reasons[max(group, 0)]))
    with transaction.atomic():
        _notices_insert(run=run, pairs=pairs)
        run.processed += len(rows)
        run.total = max(run.total, run.processed)
        run.notices_created += len(pairs)
        if rows:
            run.last_organisation_id = org_ids[-1]
        more = len(rows) == batch_size
        if not more:
            run.status = ScanStatus.DONE
            run.finished_at = timezone.now()
        run.save()
    if pairs:
        enqueue("policies.tasks.benefit_notices_email", run.pk, org_ids[0], org_ids[-1])
    return more


def _notices_copy(*, table: str, columns: str, rows: list[tuple]) -> bool:
    """PostgreSQL COPY of new notices inside a savepoint; False if a concurrent run got there
    first (unique violation), so the caller falls back to INSERT … ON CONFLICT DO NOTHING."""

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    except psycopg.errors.UniqueViolation:
        return False
    return True


def _notices_insert(*, run: BenefitScanRun, pairs: list[tuple[int, int, str]]) -> None:
    """Insert many notices at once without building model instances (the scan's bulk path).

    ON CONFLICT DO NOTHING keeps the one-notice-per-(policy, organisation) rule when two
    runs overlap; both PostgreSQL and SQLite accept it.
    """
    if not pairs:
        return
    table = connection.ops.quote_name(BenefitNotice._meta.db_table)
    now = timezone.now()
    pending = NoticeStatus.PENDING.value
    columns = (
        "id, policy_id, organisation_id, scan_run_id, status, reasons, created_at, application_id"
    )
    if connection.vendor == "postgresql":
        rows = [(uuid.uuid4(), p, o, run.pk, pending, r, now, "") for p, o, r in pairs]
        if _notices_copy(table=table, columns=columns, rows=rows):
            return
    uuid_value = (lambda u: u) if connection.vendor == "postgresql" else (lambda u: u.hex)
    chunk = 1000  # rows per statement: 8,000 bound parameters, within both databases' limits
    row_sql = "(" + ", ".join(["%s"] * 8) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), chunk):
            part = pairs[start : start + chunk]
            params: list = []
            for policy_id, org_id, reasons in part:
                params += [
                    uuid_value(uuid.uuid4()),
                    policy_id,
                    org_id,
                    run.pk,
                    pending,
                    reasons,
                    now,
                    "",
                ]
            # The table name comes from the model's meta; every value is a bound parameter.
            sql = (
                f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
                + ", ".join([row_sql] * len(part))
                + " ON CONFLICT DO NOTHING"
            )
            cursor.execute(sql, params)
