"""A company's data is seen only by people the company authorised (授权委托).

The promise: signing up with an existing company's name and 统一社会信用代码 shows nothing of
the company; its administrator authorises people for a scope and a term; a revoked, expired or
out-of-scope authorisation is refused on the very next request.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts import services as account_services
from accounts.models import OrganisationAuthorisation
from accounts.tests.factories import UserFactory, new_id_number
from applications import storage
from applications.tests.factories import DocumentFactory, ServiceFactory, submitted_application
from data_exchange.constants import LogEvent
from data_exchange.models import Licence
from data_exchange.services.log import log_event
from policies import services as policy_services
from policies.models import BenefitNotice, BenefitScanRun, BusinessProfile
from policies.tests.factories import business_profile, policy_page

pytestmark = pytest.mark.django_db

SECRET_QUESTION = "我们单位的保密提问内容"


def _licence(organisation) -> Licence:
    now = timezone.now()
    return Licence.objects.create(
        organisation=organisation,
        evidence_type="scjg.business_licence",
        name="营业执照",
        type_code="11100000000000000X1",
        number="LIC-SECRET-001",
        identifier="id-secret",
        issuer_name="市市场监督管理局",
        issuer_code="11310000000000000X",
        issue_date=now.date(),
        valid_from=now.date(),
        holder_name=organisation.name,
        holder_code=organisation.uscc,
        holder_code_type="049",
        holder_digest="x" * 64,
        key_id="k1",
        fetched_at=now,
    )


@pytest.fixture
def company():
    """A company with its administrator, two cases (two services), a licence, a data-access
    row, a 免申即享 notice and a question."""
    admin = UserFactory(business=True, real_name="王芳")
    org = admin.organisation
    services = [ServiceFactory(audience="business"), ServiceFactory(audience="business")]
    cases = [submitted_application(applicant=admin, service=s) for s in services]
    document = DocumentFactory(application=cases[0])
    path = storage.private_path(document.file_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 test")
    licence = _licence(org)
    log_event(
        event=LogEvent.RESPONSE,
        outcome="ok",
        actor=admin,
        subject=admin,
        holder_id=org.uscc,
        service_code="SCJG-LOG-SECRET",
        evidence_type="scjg.business_licence",
        department_code="scjg",
        purpose="保密用途说明",
    )
    business_profile(organisation=org)
    policy = policy_page(auto=True, rule=[(1, "enterprise_size", "in", "小")])
    run = BenefitScanRun.objects.create(total=BusinessProfile.objects.count())
    while policy_services.benefit_scan_process_batch(run=run, batch_size=5):
        pass
    notice = BenefitNotice.objects.get(organisation=org)
    policy_services.question_ask(actor=admin, policy=policy, question=SECRET_QUESTION)
    return {
        "admin": admin,
        "org": org,
        "services": services,
        "cases": cases,
        "document": document,
        "licence": licence,
        "notice": notice,
        "policy": policy,
    }


def _newcomer(company, username="newcomer"):
    """Signs up as a business with the company's public name and code."""
    return account_services.business_agent_create(
        username=username,
        email=f"{username}@example.cn",
        password="x-Secret-123",
        real_name="李四",
        id_number=new_id_number(),
        organisation_name=company["org"].name,
        uscc=company["org"].uscc,
    )


def _sees(client, company) -> dict[str, bool]:
    """Probe every company URL; True where the page shows or serves the company's data."""
    case0, case1 = company["cases"]
    listing = client.get("/me/applications/").content.decode()
    return {
        "case list 0": case0.number in listing,
        "case list 1": case1.number in listing,
        "case 0": client.get(f"/me/applications/{case0.pk}/").status_code == 200,
        "case 1": client.get(f"/me/applications/{case1.pk}/").status_code == 200,
        "file": client.get(f"/files/documents/{company['document'].pk}/").status_code == 200,
        "upload": any(
            client.get(f"/files/materials/{m.pk}/").status_code == 200
            for m in case0.materials.exclude(file_path="")
        ),
        "licences": "LIC-SECRET-001" in client.get("/me/licences/").content.decode(),
        "licence": client.get(f"/me/licences/{company['licence'].pk}/").status_code == 200,
        "data log": "SCJG-LOG-SECRET" in client.get("/me/data-access/").content.decode()
        or "保密用途说明" in client.get("/me/data-access/").content.decode(),
        "notices": company["policy"].title in client.get("/business/notices/").content.decode(),
        "questions": SECRET_QUESTION in client.get("/business/questions/").content.decode(),
    }


def test_the_administrator_sees_everything(client, company):
    client.force_login(company["admin"])
    assert all(_sees(client, company).values()), _sees(client, company)


def test_signing_up_with_another_companys_code_shows_nothing(client, company):
    newcomer = _newcomer(company)
    client.force_login(newcomer)
    seen = _sees(client, company)
    assert not any(seen.values()), seen
    # Nor can it act for the company.
    response = client.post(f"/business/notices/{company['notice'].pk}/confirm/")
    assert response.status_code in (403, 404)
    assert client.get("/organisation/").status_code == 403


def _invite(client, company, member, **data):
    client.force_login(company["admin"])
    payload = {"member": member.pk, **data}
    return client.post("/organisation/", payload)


def test_invited_for_one_service_sees_exactly_that_scope(client, company):
    newcomer = _newcomer(company)
    code = company["services"][0].code
    response = _invite(client, company, newcomer, service_codes=code)
    assert response.status_code == 302
    page = client.get("/organisation/").content.decode()
    assert "李四" in page and code in page
    client.force_login(newcomer)
    seen = _sees(client, company)
    assert seen["case list 0"] and seen["case 0"] and seen["file"] and seen["upload"]
    out_of_scope = {
        k: v for k, v in seen.items() if k not in {"case list 0", "case 0", "file", "upload"}
    }
    assert not any(out_of_scope.values()), out_of_scope


def test_revocation_takes_effect_on_the_next_request(client, company):
    newcomer = _newcomer(company)
    _invite(client, company, newcomer, all_services="on")
    grant = OrganisationAuthorisation.objects.get(user=newcomer)
    member_client = client.__class__()
    member_client.force_login(newcomer)
    assert all(_sees(member_client, company).values())
    response = client.post(f"/organisation/authorisations/{grant.pk}/revoke/")
    assert response.status_code == 302
    assert not any(_sees(member_client, company).values())
    assert "已撤销" in client.get("/organisation/").content.decode()


def test_expired_authorisation_is_refused(client, company):
    newcomer = _newcomer(company)
    _invite(client, company, newcomer, all_services="on")
    grant = OrganisationAuthorisation.objects.get(user=newcomer)
    grant.expires_at = timezone.now() - dt.timedelta(seconds=1)
    grant.save(update_fields=["expires_at"])
    client.force_login(newcomer)
    assert not any(_sees(client, company).values())


def test_the_administrator_reads_an_expired_authorisation_as_expired(client, company):
    """Walked as the company administrator: an expired grant still read "有效"."""
    import re

    newcomer = _newcomer(company)
    _invite(client, company, newcomer, all_services="on")
    grant = OrganisationAuthorisation.objects.get(user=newcomer)
    grant.expires_at = timezone.now() - dt.timedelta(seconds=1)
    grant.save(update_fields=["expires_at"])
    page = client.get("/organisation/").content.decode()
    row = next(r for r in re.findall(r"<tr>.*?</tr>", page, re.S) if "李四" in r)
    assert "已过期" in row and "有效</td>" not in row
    assert "撤销</button>" not in row  # nothing left to revoke
    # the table scrolls inside its card at 390 px instead of pushing the page sideways
    assert '<div class="table-wrap">' in page


def test_bad_invitations_are_refused_in_chinese_and_change_nothing(client, company):
    newcomer = _newcomer(company)
    past = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = _invite(client, company, newcomer, all_services="on", expires_at=past)
    assert response.status_code == 400 and "有效期须晚于当前时间" in response.content.decode()
    response = _invite(client, company, newcomer)
    assert response.status_code == 400 and "请选择授权事项" in response.content.decode()
    outsider = UserFactory(business=True)
    response = _invite(client, company, outsider, all_services="on")
    assert response.status_code == 400
    assert (
        not OrganisationAuthorisation.objects.filter(user__in=[newcomer, outsider])
        .filter(role="agent")
        .exists()
    )


def test_only_the_administrator_manages_and_only_its_own_company(client, company):
    newcomer = _newcomer(company)
    _invite(client, company, newcomer, all_services="on")
    grant = OrganisationAuthorisation.objects.get(user=newcomer)
    # An agent with all services is still not the administrator.
    client.force_login(newcomer)
    assert client.get("/organisation/").status_code == 403
    assert client.post(f"/organisation/authorisations/{grant.pk}/revoke/").status_code == 403
    # Another company's administrator cannot revoke it (404: not theirs).
    client.force_login(UserFactory(business=True))
    assert client.post(f"/organisation/authorisations/{grant.pk}/revoke/").status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_demo_business_is_its_companys_administrator():
    from accounts.demo.loader import load
    from accounts.models import User
    from accounts.selectors import organisation_is_admin

    load()
    load()  # idempotent
    assert organisation_is_admin(user=User.objects.get(username="business"))


def test_unauthorised_account_cannot_file_in_the_companys_name(client, company):
    from applications.models import Application

    newcomer = _newcomer(company)
    service = company["services"][1]
    before = Application.objects.count()
    client.force_login(newcomer)
    response = client.post(f"/apply/{service.code}/", {"idempotency_key": "k" * 32}, follow=True)
    assert response.status_code == 200
    assert "尚未获得本单位对该事项的授权委托" in response.content.decode()
    assert Application.objects.count() == before


def test_revoked_agent_loses_even_the_cases_it_filed(client, company):
    newcomer = _newcomer(company)
    _invite(client, company, newcomer, all_services="on")
    own = submitted_application(applicant=newcomer, service=company["services"][1])
    grant = OrganisationAuthorisation.objects.get(user=newcomer)
    client.post(f"/organisation/authorisations/{grant.pk}/revoke/")
    client.force_login(newcomer)
    assert client.get(f"/me/applications/{own.pk}/").status_code == 404
    assert own.number not in client.get("/me/applications/").content.decode()
