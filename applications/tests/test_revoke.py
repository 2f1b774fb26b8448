"""统一发证: revoking a certificate or 准予许可决定书 (who may, bad input, what everyone sees)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from applications import services
from applications.constants import DocumentType, Status
from applications.models import ApplicationEvent, Document
from applications.tests.factories import (
    DocumentFactory,
    ServiceFactory,
    checked,
    clerk_for,
    reviewer_for,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def _issued_case(email: str = "holder@example.cn"):
    """A completed case with its certificate, built through the real transitions."""
    app = submitted_application()
    app.applicant_email = email
    app.save(update_fields=["applicant_email"])
    reviewer = reviewer_for(app.department)
    services.application_accept(application=app, clerk=clerk_for(), checks=checked(app))
    services.application_review_start(application=app, reviewer=reviewer)
    services.application_approve(application=app, reviewer=reviewer, opinion="符合条件")
    services.application_complete(application=app)
    docs = {
        doc_type: DocumentFactory(application=app, doc_type=doc_type)
        for doc_type in (DocumentType.RECEIPT, DocumentType.APPROVAL, DocumentType.CERTIFICATE)
    }
    app.refresh_from_db()
    return app, reviewer, docs


def _assert_not_revoked(document: Document) -> None:
    document.refresh_from_db()
    assert not document.revoked and document.revoked_reason == "" and document.revoked_at is None
    assert not ApplicationEvent.objects.filter(
        application_id=document.application_id, action="revoke_document"
    ).exists()


def test_reviewer_of_issuing_department_revokes_and_applicant_is_notified(
    django_capture_on_commit_callbacks, mailoutbox
):
    app, reviewer, docs = _issued_case()
    certificate = docs[DocumentType.CERTIFICATE]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.document_revoke(document=certificate, actor=reviewer, reason="申请材料弄虚作假")
    certificate.refresh_from_db()
    assert certificate.revoked and certificate.revoked_reason == "申请材料弄虚作假"
    assert certificate.revoked_by == reviewer and certificate.revoked_at is not None
    event = ApplicationEvent.objects.get(application=app, action="revoke_document")
    assert event.actor == reviewer and "申请材料弄虚作假" in event.reason
    assert event.from_status == event.to_status == Status.COMPLETED
    assert event.label == "撤销证照"
    app.refresh_from_db()
    assert app.status == Status.COMPLETED  # the case itself is not reopened
    assert len(callbacks) == 1  # the notice is enqueued on commit
    assert [m.to for m in mailoutbox] == [["holder@example.cn"]]
    assert "证照已撤销" in mailoutbox[0].subject and "申请材料弄虚作假" in mailoutbox[0].body
    # the approval decision can be revoked on its own, with its own notice
    with django_capture_on_commit_callbacks(execute=True):
        services.document_revoke(
            document=docs[DocumentType.APPROVAL], actor=reviewer, reason="许可依据已废止"
        )
    assert len(mailoutbox) == 2 and "准予许可决定已撤销" in mailoutbox[1].subject


def test_system_admin_may_revoke():
    _app, _reviewer, docs = _issued_case()
    admin = UserFactory(staff=True, roles=[Role.ADMIN], department=DepartmentFactory(code="zwfw"))
    services.document_revoke(document=docs[DocumentType.CERTIFICATE], actor=admin, reason="错发")
    assert Document.objects.get(pk=docs[DocumentType.CERTIFICATE].pk).revoked


def test_only_the_issuing_department_may_revoke():
    app, _reviewer, docs = _issued_case()
    certificate = docs[DocumentType.CERTIFICATE]
    other = DepartmentFactory()
    outsiders = [
        app.applicant,  # citizen
        UserFactory(),  # another citizen
        clerk_for(),  # one-window clerk (accepts for every department, but does not issue)
        clerk_for(department=app.department),  # clerk of the issuing department
        clerk_for(department=other),
        reviewer_for(other),  # reviewer of another department
        UserFactory(staff=True, roles=[Role.SUPERVISOR], department=other),
    ]
    for user in outsiders:
        with pytest.raises(PermissionDenied):
            services.document_revoke(document=certificate, actor=user, reason="越权撤销")
    _assert_not_revoked(certificate)


def test_bad_input_is_refused_and_nothing_changes():
    _app, reviewer, docs = _issued_case()
    certificate = docs[DocumentType.CERTIFICATE]
    with pytest.raises(ValidationError, match="撤销理由"):
        services.document_revoke(document=certificate, actor=reviewer, reason="   ")
    with pytest.raises(ValidationError, match="200"):
        services.document_revoke(document=certificate, actor=reviewer, reason="理" * 201)
    _assert_not_revoked(certificate)
    with pytest.raises(services.TransitionError, match="只有办理结果证书和准予许可决定书"):
        services.document_revoke(
            document=docs[DocumentType.RECEIPT], actor=reviewer, reason="回执不能撤销"
        )
    _assert_not_revoked(docs[DocumentType.RECEIPT])
    services.document_revoke(document=certificate, actor=reviewer, reason="第一次")
    with pytest.raises(services.TransitionError, match="不能重复撤销"):
        services.document_revoke(document=certificate, actor=reviewer, reason="第二次")
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "第一次"
    assert ApplicationEvent.objects.filter(action="revoke_document").count() == 1


def test_revoke_over_http_with_confirmation(client):
    app, reviewer, docs = _issued_case()
    certificate = docs[DocumentType.CERTIFICATE]
    url = reverse("applications:document_revoke", args=[certificate.pk])
    client.force_login(reviewer)
    page = client.get(reverse("applications:review_detail", args=[app.pk]))
    assert url in page.text and "撤销证照" in page.text
    # no confirmation ticked: a clear error, nothing changed
    response = client.post(url, {"document": certificate.pk, "reason": "弄虚作假"}, follow=True)
    assert "请勾选确认撤销" in response.text
    _assert_not_revoked(certificate)
    response = client.post(url, {"document": certificate.pk, "confirm": "on"}, follow=True)
    assert "撤销证照必须填写撤销理由" in response.text
    _assert_not_revoked(certificate)
    response = client.post(
        url,
        {"document": certificate.pk, "reason": "申请材料弄虚作假", "confirm": "on"},
        follow=True,
    )
    assert "文书已撤销" in response.text
    certificate.refresh_from_db()
    assert certificate.revoked
    # twice: refused with a message
    response = client.post(
        url, {"document": certificate.pk, "reason": "再次", "confirm": "on"}, follow=True
    )
    assert "不能重复撤销" in response.text
    # the public verification page shows 已撤销, the date and the reason, no personal data
    verify = client.get(f"/verify/{certificate.verification_code}/")
    assert "已撤销" in verify.text and "申请材料弄虚作假" in verify.text
    assert timezone.localtime(certificate.revoked_at).strftime("%Y-%m-%d") in verify.text
    assert app.applicant_id_number not in verify.text
    # the applicant's detail page shows it too, and the timeline records the step
    client.force_login(app.applicant)
    detail = client.get(reverse("applications:my_detail", args=[app.pk]))
    assert "已撤销" in detail.text and "申请材料弄虚作假" in detail.text
    assert "撤销证照" in detail.text


def test_revoke_url_probed_by_others(client):
    app, _reviewer, docs = _issued_case()
    certificate = docs[DocumentType.CERTIFICATE]
    url = reverse("applications:document_revoke", args=[certificate.pk])
    data = {"document": certificate.pk, "reason": "越权", "confirm": "on"}
    assert client.post(url, data).status_code == 302  # anonymous → login
    client.force_login(app.applicant)
    assert client.post(url, data).status_code == 403
    for user in [reviewer_for(DepartmentFactory()), clerk_for()]:
        client.force_login(user)
        assert client.post(url, data).status_code == 404
    # a reviewer of another department does not even see the form on their pages
    _assert_not_revoked(certificate)
    client.force_login(reviewer_for(app.department))
    assert client.get(url).status_code == 405


def test_joint_department_reviewer_sees_the_case_but_cannot_revoke(client):
    """联办: the second department reviewed the case, but the lead department issued it."""
    lead, second = DepartmentFactory(), DepartmentFactory()
    service = ServiceFactory(department=lead, joint_mode="parallel")
    service.joint_departments.add(second)
    service.save()  # a ParentalManyToManyField: saved with the service
    app = submitted_application(service=service)
    r_lead, r_second = reviewer_for(lead), reviewer_for(second)
    services.application_accept(application=app, clerk=clerk_for(), checks=checked(app))
    services.application_review_start(application=app, reviewer=r_lead)
    services.application_approve(application=app, reviewer=r_lead)
    services.application_approve(application=app, reviewer=r_second)
    certificate = DocumentFactory(
        application=app,
        doc_type=DocumentType.CERTIFICATE,
        file_path="documents/x.pdf",
        verification_code="JOINT0000001",
    )
    with pytest.raises(PermissionDenied):
        services.document_revoke(document=certificate, actor=r_second, reason="非签发部门")
    client.force_login(r_second)
    page = client.get(reverse("applications:review_detail", args=[app.pk]))
    assert page.status_code == 200 and "撤销证照" not in page.text
    url = reverse("applications:document_revoke", args=[certificate.pk])
    assert (
        client.post(url, {"document": certificate.pk, "reason": "x", "confirm": "on"}).status_code
        == 404
    )
    _assert_not_revoked(certificate)
    client.force_login(r_lead)
    assert "撤销证照" in client.get(reverse("applications:review_detail", args=[app.pk])).text
