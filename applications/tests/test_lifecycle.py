"""The state machine through the service layer: legal paths, refusals, clock, reforms."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.tests.factories import DepartmentFactory, UserFactory
from applications import deadlines, services
from applications.constants import MaterialCheck, ReviewStepStatus, Status
from applications.deadlines import add_working_days, working_days_between
from applications.models import Application, ApplicationEvent, Evaluation, NegativeTicket
from applications.tests.factories import (
    PDF_BYTES,
    ServiceFactory,
    checked,
    clerk_for,
    reviewer_for,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def test_submission_assigns_number_and_records_event():
    app = submitted_application()
    assert app.status == Status.SUBMITTED
    assert app.number and len(app.number) <= 50
    assert app.number.startswith(app.department.code.upper()[:8])
    event = app.events.get()
    assert (event.from_status, event.to_status, event.actor_id) == (
        Status.DRAFT,
        Status.SUBMITTED,
        app.applicant_id,
    )
    assert app.intake_due == add_working_days(timezone.localdate(app.submitted_at), 5)
    assert app.promised_due is not None and app.legal_due > app.promised_due


def test_submit_refused_when_required_material_missing():
    applicant = UserFactory()
    app = services.application_start(applicant=applicant, service=ServiceFactory())
    with pytest.raises(services.TransitionError, match="劳动合同解除证明"):
        services.application_submit(application=app, actor=applicant)
    app.refresh_from_db()
    assert app.status == Status.DRAFT and app.number is None


def test_double_submit_makes_one_application():
    applicant = UserFactory()
    service = ServiceFactory()
    first = services.application_start(applicant=applicant, service=service, idempotency_key="k1")
    again = services.application_start(applicant=applicant, service=service, idempotency_key="k1")
    assert first.pk == again.pk
    a = services.application_submit_direct(
        applicant=applicant, service=service, form_data={}, idempotency_key="k2"
    )
    b = services.application_submit_direct(
        applicant=applicant, service=service, form_data={}, idempotency_key="k2"
    )
    assert a.pk == b.pk and a.number == b.number
    assert Application.objects.filter(applicant=applicant).count() == 2
    with pytest.raises(services.TransitionError):
        services.application_submit(application=a, actor=applicant, check_materials=False)


def _assert_unchanged(app, status):
    app.refresh_from_db()
    assert app.status == status


def test_illegal_transitions_are_refused_and_state_unchanged():
    app = submitted_application()
    clerk = clerk_for()
    reviewer = reviewer_for(app.department)
    # approve before acceptance
    with pytest.raises(services.TransitionError):
        services.application_approve(application=app, reviewer=reviewer)
    _assert_unchanged(app, Status.SUBMITTED)
    # a citizen calling a clerk action
    with pytest.raises(services.TransitionError, match="窗口受理"):
        services.application_accept(application=app, clerk=app.applicant, checks=checked(app))
    _assert_unchanged(app, Status.SUBMITTED)
    services.application_accept(application=app, clerk=clerk, checks=checked(app))
    # accept twice
    with pytest.raises(services.TransitionError, match="已受理"):
        services.application_accept(application=app, clerk=clerk, checks=checked(app))
    _assert_unchanged(app, Status.ACCEPTED)
    # withdraw after acceptance
    with pytest.raises(services.TransitionError):
        services.application_withdraw(application=app, actor=app.applicant)
    _assert_unchanged(app, Status.ACCEPTED)
    # reviewer of another department
    other = reviewer_for(DepartmentFactory())
    with pytest.raises(services.TransitionError):
        services.application_review_start(application=app, reviewer=other)
    _assert_unchanged(app, Status.ACCEPTED)
    # refusing without a reason
    services.application_review_start(application=app, reviewer=reviewer)
    with pytest.raises(services.TransitionError, match="理由"):
        services.application_refuse(application=app, reviewer=reviewer, reason="  ")
    _assert_unchanged(app, Status.UNDER_REVIEW)
    # a manual 'complete' by a person
    with pytest.raises(services.TransitionError):
        services.application_transition(application=app, action="complete", actor=reviewer)
    assert ApplicationEvent.objects.filter(application=app).count() == 3


def test_full_path_to_certificate_and_evaluation(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        app = submitted_application()
        app.applicant_email = "a@example.cn"
        app.save()
        clerk = clerk_for()
        reviewer = reviewer_for(app.department)
        services.application_accept(application=app, clerk=clerk, checks=checked(app))
        services.application_review_start(application=app, reviewer=reviewer)
        services.application_approve(application=app, reviewer=reviewer, opinion="符合条件")
    app.refresh_from_db()
    # eager Celery: the certificate was issued and the case completed
    assert app.status == Status.COMPLETED
    assert set(app.documents.values_list("doc_type", flat=True)) == {
        "receipt",
        "acceptance",
        "approval",
        "certificate",
    }
    subjects = [m.subject for m in mailoutbox]
    assert any("已受理" in s for s in subjects) and any("已办结" in s for s in subjects)
    evaluation = services.application_evaluate(
        application=app, actor=app.applicant, level=5, text="等太久"
    )
    app.refresh_from_db()
    assert app.status == Status.EVALUATED
    assert evaluation.level_code == "5" and evaluation.number == app.number
    assert set(evaluation.handlers.values_list("pk", flat=True)) == {clerk.pk, reviewer.pk}
    ticket = NegativeTicket.objects.get(evaluation=evaluation)
    assert ticket.department_id == app.department_id and ticket.due_date > timezone.localdate()
    with pytest.raises(services.TransitionError):
        services.application_evaluate(application=app, actor=app.applicant, level=1)
    assert Evaluation.objects.count() == 1


def test_negative_rating_needs_text():
    app = submitted_application()
    with pytest.raises(ValidationError):
        services.application_evaluate(application=app, actor=app.applicant, level=4, text="")


def test_supplement_pauses_and_resumes_clock(monkeypatch):
    app = submitted_application()
    clerk = clerk_for()
    day0 = timezone.localdate(app.submitted_at)
    promised_before = app.promised_due
    request = services.application_request_supplement(
        application=app, clerk=clerk, items={"contract": "盖章不清晰"}, note="请重新上传"
    )
    app.refresh_from_db()
    assert app.status == Status.SUPPLEMENT and app.paused_since is not None
    assert request.items == [
        {"code": "contract", "name": "劳动合同解除证明", "problem": "盖章不清晰"}
    ]
    assert app.materials.get(code="contract").check_status == MaterialCheck.WRONG
    # still waiting on the upload: refused
    with pytest.raises(services.TransitionError, match="劳动合同解除证明"):
        services.application_supplement_submit(application=app, actor=app.applicant)
    services.material_upload(
        application=app, actor=app.applicant, code="contract", data=PDF_BYTES, filename="new.pdf"
    )
    later = add_working_days(day0, 3)
    monkeypatch.setattr(deadlines, "local_today", lambda: later)
    services.application_supplement_submit(application=app, actor=app.applicant)
    app.refresh_from_db()
    assert app.status == Status.SUBMITTED and app.paused_since is None
    assert app.paused_working_days == working_days_between(day0, later) == 3
    assert app.promised_due == add_working_days(day0, app.service.promised_limit_days + 3)
    assert app.promised_due > promised_before


def test_suspension_pauses_clock_and_records_reason():
    app = submitted_application()
    reviewer = reviewer_for(app.department)
    services.application_accept(application=app, clerk=clerk_for(), checks=checked(app))
    services.application_review_start(application=app, reviewer=reviewer)
    suspension = services.application_suspend(
        application=app, reviewer=reviewer, reason_code="site_check", note="核查经营场所"
    )
    app.refresh_from_db()
    assert app.status == Status.SUSPENDED and app.paused_since is not None and app.is_suspended
    with pytest.raises(services.TransitionError):
        services.application_approve(application=app, reviewer=reviewer)
    services.application_resume(application=app, reviewer=reviewer, result="核查通过")
    suspension.refresh_from_db()
    app.refresh_from_db()
    assert suspension.ended_at and suspension.result == "核查通过"
    assert app.status == Status.UNDER_REVIEW and app.paused_since is None


def test_tolerance_acceptance_rules():
    service = ServiceFactory(promised_limit_days=10)
    app = submitted_application(service=service)
    clerk = clerk_for()
    with pytest.raises(services.TransitionError, match="承诺书"):
        services.application_accept(
            application=app, clerk=clerk, tolerate=["photo"], checks=checked(app)
        )
    with pytest.raises(services.TransitionError, match="容缺"):
        services.application_accept(
            application=app, clerk=clerk, tolerate=["contract"], checks=checked(app)
        )
    services.application_sign_commitment(application=app, actor=app.applicant, text="承诺补交")
    services.application_accept(
        application=app, clerk=clerk, tolerate=["photo"], checks=checked(app)
    )
    app.refresh_from_db()
    assert app.status == Status.ACCEPTED
    assert app.tolerance_deadline == add_working_days(timezone.localdate(app.accepted_at), 8)


def test_tolerance_not_allowed_for_service():
    app = submitted_application(service=ServiceFactory(allows_tolerance=False))
    services.application_sign_commitment(application=app, actor=app.applicant, text="x")
    with pytest.raises(services.TransitionError, match="不支持容缺"):
        services.application_accept(
            application=app, clerk=clerk_for(), tolerate=["photo"], checks=checked(app)
        )


@pytest.mark.parametrize("mode", ["sequential", "parallel"])
def test_joint_services_route_to_each_department(mode, django_capture_on_commit_callbacks):
    lead, second = DepartmentFactory(), DepartmentFactory()
    service = ServiceFactory(department=lead, joint_mode=mode)
    service.joint_departments.add(second)
    service.save()
    app = submitted_application(service=service)
    r1, r2 = reviewer_for(lead), reviewer_for(second)
    services.application_accept(application=app, clerk=clerk_for(), checks=checked(app))
    steps = {s.department_id: s.status for s in app.review_steps.all()}
    expected_second = ReviewStepStatus.WAITING if mode == "sequential" else ReviewStepStatus.ACTIVE
    assert steps == {lead.pk: ReviewStepStatus.ACTIVE, second.pk: expected_second}
    services.application_review_start(application=app, reviewer=r1)
    if mode == "sequential":
        with pytest.raises(services.TransitionError):
            services.application_approve(application=app, reviewer=r2)
    services.application_approve(application=app, reviewer=r1)
    app.refresh_from_db()
    assert app.status == Status.UNDER_REVIEW  # waits for the second department
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=app, reviewer=r2)
    app.refresh_from_db()
    assert app.status == Status.COMPLETED


def test_withdraw_before_acceptance():
    app = submitted_application()
    services.application_withdraw(application=app, actor=app.applicant)
    app.refresh_from_db()
    assert app.status == Status.WITHDRAWN
    other = UserFactory()
    app2 = submitted_application()
    with pytest.raises(services.TransitionError):
        services.application_withdraw(application=app2, actor=other)


def test_business_agents_share_the_organisation_applications():
    agent = UserFactory(business=True)
    colleague = UserFactory(business=True, organisation=agent.organisation)
    service = ServiceFactory(audience="business")
    app = submitted_application(applicant=agent, service=service)
    assert app.organisation_id == agent.organisation_id
    from applications.selectors import applications_for_applicant

    assert list(applications_for_applicant(user=colleague)) == [app]
    services.application_withdraw(application=app, actor=colleague)
    stranger = UserFactory(business=True)
    assert list(applications_for_applicant(user=stranger)) == []


def test_benefit_application_is_idempotent():
    business = UserFactory(business=True)
    service = ServiceFactory(audience="business", code="RSJ-05-0001")
    a = services.application_create_for_benefit(
        applicant=business,
        service_code=service.code,
        source_reference="policy:1:org:2",
        summary={"金额": "1000"},
    )
    b = services.application_create_for_benefit(
        applicant=business,
        service_code=service.code,
        source_reference="policy:1:org:2",
        summary={"金额": "1000"},
    )
    assert a.pk == b.pk and a.status == Status.SUBMITTED and a.channel == "benefit"


def test_deadline_flags(monkeypatch):
    app = submitted_application()
    today = app.intake_due
    result = services.applications_flag_deadlines(today=today)
    app.refresh_from_db()
    assert app.due_flag == "due_soon" and result["due_soon"] == 1
    services.applications_flag_deadlines(today=add_working_days(today, 1))
    app.refresh_from_db()
    assert app.due_flag == "overdue"


def test_walk_in_keeps_clerk_identity():
    from accounts.tests.factories import new_id_number

    clerk = clerk_for()
    service = ServiceFactory()
    number = new_id_number()
    with pytest.raises(ValidationError):
        services.walk_in_start(
            clerk=clerk,
            service=service,
            real_name="王五",
            id_number=number,
            phone="13800000000",
            identity_checked=False,
        )
    app = services.walk_in_start(
        clerk=clerk,
        service=service,
        real_name="王五",
        id_number=number,
        phone="13800000000",
        identity_checked=True,
    )
    assert app.agent_staff_id == clerk.pk and app.channel == "counter" and app.identity_verified
    services.material_upload(
        application=app, actor=clerk, code="contract", data=PDF_BYTES, filename="c.pdf"
    )
    services.application_submit(application=app, actor=clerk)
    event = app.events.get()
    assert event.actor_id == clerk.pk and event.actor_role == "clerk"
