"""Demo content of the business channel, loaded by load_demo_data after applications.

Idempotent: the channel page is found by its slug under the home page, policies by their
slug under the channel, organisations by USCC, questions by (policy, text). Runs the
portal set-up (the 政策审核 workflow on the channel subtree), seeds business profiles,
and runs one 免申即享 scan so the demo business has notices to confirm.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from accounts.demo import BUSINESS, make_uscc
from accounts.models import Department, Organisation, User
from policies import services
from policies.constants import FetchStatus, QuestionStatus
from policies.demo.organisations import DEMO_BUSINESS_PROFILE, EXTRA_ORGANISATIONS
from policies.demo.policies import POLICIES
from policies.demo.questions import FAQS, PENDING_QUESTIONS
from policies.models import (
    BenefitScanRun,
    BusinessChannelPage,
    PolicyCondition,
    PolicyPage,
    PolicyQuestion,
)
from portal.services.setup import portal_setup

SCJG_NAME = "市市场监督管理局"


def _paragraphs(text: str) -> RichText:
    return RichText("".join(f"<p>{line}</p>" for line in text.split("\n")))


def _home() -> Page | None:
    from portal.models.pages import HomePage

    return HomePage.objects.first()


def _channel(home: Page) -> BusinessChannelPage:
    channel = BusinessChannelPage.objects.filter(slug="business").first()
    if channel is None:
        channel = BusinessChannelPage(
            title="惠企政策 · 复工复产专栏",
            slug="business",
            intro="<p>复工复产、纾困解难政策一站汇集：<b>政策找企业</b>，符合条件的免申即享，其余政策在线申报。</p>",
            consult_intro=(
                "企业可在政策页面在线提问，问题作为12345“咨询”类诉求转发文部门答复，"
                "可在“我的诉求”中跟踪办理进度；常见问题在政策页面公开。"
            ),
            service_codes="\n".join(
                [
                    "RSJ-05-0001",
                    "RSJ-05-0003",
                    "SCJG-05-0001",
                    "SWJ-05-0001",
                    "SCJG-05-0003",
                    "RSJ-05-0002",
                    "SCJG-01-0002",
                    "SCJG-01-0003",
                ]
            ),
        )
        home.add_child(instance=channel)
        channel.save_revision().publish()
    return channel


def _policy(channel: BusinessChannelPage, spec: dict, departments: dict) -> PolicyPage:
    page = PolicyPage.objects.child_of(channel).filter(slug=spec["slug"]).first()
    creating = page is None
    if creating:
        page = PolicyPage(slug=spec["slug"])
    page.title = spec["title"]
    page.department = departments[spec["dept"]]
    page.document_number = spec["doc"]
    page.effective_from = dt.date.fromisoformat(spec["from"])
    page.effective_to = dt.date.fromisoformat(spec["to"]) if spec["to"] else None
    page.summary = spec["summary"]
    page.linked_service_codes = spec["codes"]
    page.benefit_without_application = spec.get("auto", False)
    page.body = [
        ("eligibility", _paragraphs(spec["eligibility"])),
        ("benefits", [{"title": t, "amount": a, "note": n} for t, a, n in spec["benefits"]]),
        (
            "section",
            {
                "heading": "政策依据",
                "body": _paragraphs(
                    f"{spec['doc']}。本政策由{departments[spec['dept']].name}负责解释。"
                ),
            },
        ),
    ]
    services_rules = [
        {"group": g, "field": f, "operator": o, "value": v} for g, f, o, v in spec["rule"]
    ]
    from policies.rules import rule_validate

    rule_validate(services_rules)  # demo rules obey the same checks as the admin form
    link_errors = services.policy_link_errors(codes=spec["codes"])
    if link_errors:
        raise ValueError(f"demo policy {spec['slug']}: {'；'.join(link_errors)}")
    page.conditions = [
        PolicyCondition(group=g, field=f, operator=o, value=v) for g, f, o, v in spec["rule"]
    ]
    if creating:
        channel.add_child(instance=page)
    else:
        page.save()
    page.save_revision().publish()
    return page


@transaction.atomic
def load(*, stdout=None) -> None:
    """Idempotently create this app's demo content."""
    home = _home()
    if home is None:
        if stdout is not None:
            stdout.write("  policies: skipped (no home page)")
        return
    channel = _channel(home)
    portal_setup()  # the 政策审核 workflow on the channel: the same set-up as `setup_portal`
    departments = {d.code: d for d in Department.objects.all()}
    pages = {spec["slug"]: _policy(channel, spec, departments) for spec in POLICIES}

    now = timezone.now()
    business_org = Organisation.objects.get(uscc=BUSINESS["uscc"])
    agent = User.objects.get(username=BUSINESS["username"])
    # The demo business's profile comes through data exchange when the department simulator
    # answers; otherwise it is seeded with the same 营业执照 record the simulator holds.
    profile = services.profile_refresh_certified(actor=agent)
    if profile.fetch_status != FetchStatus.OK:
        services.profile_record_certified(
            organisation=business_org,
            values=DEMO_BUSINESS_PROFILE,
            department_name=SCJG_NAME,
            verified_at=now,
        )
    for name, first17, values in EXTRA_ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            uscc=make_uscc(first17),
            defaults={"name": name, "region_code": values["registration_district"]},
        )
        services.profile_record_certified(
            organisation=org, values=values, department_name=SCJG_NAME, verified_at=now
        )

    answerers = {
        d: User.objects.filter(department__code=d, kind="staff").order_by("pk").first()
        for d in departments
    }
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    for slug, question, answer in FAQS:
        policy = pages[slug]
        q, _ = PolicyQuestion.objects.get_or_create(
            policy=policy,
            question=question,
            defaults={"organisation": business_org, "asked_by": agent},
        )
        if q.status != QuestionStatus.ANSWERED:
            services.question_answer(
                actor=answerers.get(policy.department.code) or admin,
                question=q,
                answer=answer,
                publish_as_faq=True,
            )
    for slug, question, days_ago in PENDING_QUESTIONS:
        q, created = PolicyQuestion.objects.get_or_create(
            policy=pages[slug],
            question=question,
            defaults={"organisation": business_org, "asked_by": agent},
        )
        if created:
            PolicyQuestion.objects.filter(pk=q.pk).update(
                asked_at=now - dt.timedelta(days=days_ago)
            )
    services.questions_flag_overdue()

    # One 免申即享 scan, in-process, so the demo business has notices to confirm.
    run = BenefitScanRun.objects.create(total=services.BusinessProfile.objects.count())
    while services.benefit_scan_process_batch(run=run, batch_size=500):
        pass
    if stdout is not None:
        stdout.write(
            f"  policies: {len(pages)} policies, {run.total} business profiles, "
            f"{run.notices_created} new 免申即享 notices"
        )
