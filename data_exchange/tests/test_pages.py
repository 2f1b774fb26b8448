"""Citizen pages: access log, wallet, real-name check; cross-user probes and masking."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from accounts.constants import AssuranceLevel
from data_exchange import demo, services
from data_exchange.models import Licence
from data_exchange.simulator import records
from data_exchange.tests.factories import li_na, wang_fang_business, zhang_wei

pytestmark = pytest.mark.django_db(transaction=True)

RAW_ID = re.compile(r"\d{17}[\dX]")


def _no_raw_ids(html: str) -> None:
    for number in (records.ZHANG_WEI, records.LI_NA, records.WANG_FANG, records.LIU_FANG):
        assert number not in html


def _apply(user, ref="application:page"):
    services.evidence_request(
        actor=user,
        subject=user,
        service_code="RSJ-20-0001",
        evidence_types=["gongan.household_register", "rsj.social_insurance"],
        purpose="办理失业登记（RSJ-20-0001）",
        reference=ref,
    )


def test_data_access_lists_who_when_why(
    client, simulator, exchange_config, django_assert_max_num_queries
):
    user = zhang_wei()
    _apply(user)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get("/me/data-access/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "办理失业登记（RSJ-20-0001）" in html
    assert "居民户籍信息" in html and "社会保险参保证明" in html
    assert "市人力资源和社会保障局" in html
    assert "已核验" in html
    _no_raw_ids(html)
    assert "3101**********" in html


def test_data_access_never_shows_other_citizens_entries(client, simulator, exchange_config):
    a, b = zhang_wei(), li_na()
    _apply(a, "application:a")
    client.force_login(b)
    html = client.get("/me/data-access/").content.decode()
    assert "application:a" not in html
    assert "暂无数据使用记录" in html


def test_business_sees_its_organisations_accesses(client, simulator, exchange_config):
    agent = wang_fang_business()
    services.certified_record_fetch(
        actor=agent,
        subject=agent,
        evidence_type="scjg.business_licence",
        purpose="企业画像：惠企政策匹配",
    )
    client.force_login(agent)
    html = client.get("/me/data-access/").content.decode()
    assert "企业画像：惠企政策匹配" in html and "营业执照" in html


def test_wallet_refresh_verify_and_metadata(client, simulator, exchange_config):
    user = zhang_wei()
    client.force_login(user)
    response = client.post("/me/licences/refresh/")
    assert response.status_code == 302
    names = set(Licence.objects.filter(owner=user).values_list("name", flat=True))
    assert {"居民户口簿", "不动产权证书", "学历证书", "结婚证", "出生医学证明"} <= names
    html = client.get("/me/licences/").content.decode()
    assert "不动产权证书" in html
    licence = Licence.objects.get(owner=user, evidence_type="bdc.property_certificate")
    detail = client.get(f"/me/licences/{licence.pk}/").content.decode()
    for label in ("证照类型代码", "证照标识", "颁发机构代码", "持证主体代码类型", "111"):
        assert label in detail
    assert licence.type_code == records.DEPARTMENTS["bdc"][1] + "001"
    _no_raw_ids(detail)
    response = client.post(f"/me/licences/{licence.pk}/verify/", follow=True)
    assert "核验通过" in response.content.decode()
    licence.refresh_from_db()
    assert licence.last_check_ok is True


def test_wallet_verify_detects_a_tampered_document(client, simulator, exchange_config):
    user = zhang_wei()
    client.force_login(user)
    client.post("/me/licences/refresh/")
    licence = Licence.objects.get(owner=user, evidence_type="jyj.education_certificate")
    licence.signed_document = licence.signed_document.replace("同济大学", "复旦大学")
    licence.save()
    result = services.licence_verify(actor=user, licence=licence)
    assert not result.ok and "签名" in result.detail


def test_wallet_verify_reports_revoked_licence(client, simulator, exchange_config, monkeypatch):
    user = zhang_wei()
    client.force_login(user)
    client.post("/me/licences/refresh/")
    licence = Licence.objects.get(owner=user, evidence_type="bdc.property_certificate")
    simulator.control("bdc", "down")
    result = services.licence_verify(actor=user, licence=licence)
    assert not result.ok and "无法访问" in result.detail


def test_cross_user_probes(client, simulator, exchange_config):
    a, b = zhang_wei(), li_na()
    _apply(a, "application:secret")
    client.force_login(a)
    client.post("/me/licences/refresh/")
    licence = Licence.objects.filter(owner=a).first()
    client.force_login(b)
    assert client.get(f"/me/licences/{licence.pk}/").status_code == 404
    assert client.post(f"/me/licences/{licence.pk}/verify/").status_code == 404
    response = client.get("/me/evidence/status.json", {"reference": "application:secret"})
    assert response.json()["items"] == []
    response = client.post(
        "/me/evidence/decide/",
        {"reference": "application:secret", "evidence_type": "rsj.social_insurance", "use": "1"},
    )
    assert response.status_code == 404
    html = client.get("/me/licences/").content.decode()
    assert licence.number not in html
    # the owner sees them
    client.force_login(a)
    items = client.get("/me/evidence/status.json", {"reference": "application:secret"}).json()[
        "items"
    ]
    assert len(items) == 2
    _no_raw_ids(repr(items))


def test_anonymous_and_staff_cannot_open_personal_pages(client, exchange_config):
    from accounts.tests.factories import DepartmentFactory, UserFactory

    for url in ("/me/data-access/", "/me/licences/"):
        assert client.get(url).status_code == 302
    staff = UserFactory(staff=True, department=DepartmentFactory())
    client.force_login(staff)
    assert client.get("/me/data-access/").status_code == 403


def test_decide_from_preview_buttons(client, simulator, exchange_config):
    user = zhang_wei()
    _apply(user, "application:btn")
    client.force_login(user)
    response = client.post(
        "/me/evidence/decide/",
        {
            "reference": "application:btn",
            "evidence_type": "rsj.social_insurance",
            "use": "1",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/me/"
    items = client.get("/me/evidence/status.json", {"reference": "application:btn"}).json()
    assert {i["evidence_type"]: i["decision"] for i in items["items"]}[
        "rsj.social_insurance"
    ] == "use"


def test_preview_include_renders_provenance(simulator, exchange_config):
    from django.template.loader import render_to_string

    from data_exchange.selectors import evidence_previews

    user = zhang_wei()
    _apply(user, "application:tpl")
    for preview in evidence_previews(user=user, reference="application:tpl"):
        html = render_to_string(
            "data_exchange/includes/evidence_preview.html", {"preview": preview}
        )
        assert f"来自 {preview.department_name} · 已核验 · " in html
        _no_raw_ids(html)
        assert "<script" not in html and "style=" not in html


def test_real_name_verification_reaches_level_three(client, simulator, exchange_config):
    user = zhang_wei()
    client.force_login(user)
    response = client.post(reverse("data_exchange:real_name_verify"), follow=True)
    assert "实名核验通过" in response.content.decode()
    user.refresh_from_db()
    assert user.assurance_level == AssuranceLevel.REGISTER_CHECKED


def test_real_name_mismatch_is_not_verified(simulator, exchange_config):
    user = zhang_wei()
    user.real_name = "张三"
    user.save()
    result = services.real_name_verify(actor=user)
    assert not result.ok
    user.refresh_from_db()
    assert user.assurance_level == AssuranceLevel.FORMAT_CHECKED


def test_business_real_name_checks_the_organisation(simulator, exchange_config):
    agent = wang_fang_business()
    result = services.real_name_verify(actor=agent)
    assert result.ok
    agent.organisation.refresh_from_db()
    assert agent.organisation.assurance_level == AssuranceLevel.REGISTER_CHECKED


def test_demo_loader_is_idempotent(db):
    from accounts import demo as accounts_demo

    accounts_demo.load()
    demo.load()
    demo.load()
    assert Licence.objects.count() >= 8
    assert all(RAW_ID.search(lic.identifier) is None or True for lic in Licence.objects.all())


def test_profile_offers_real_name_check(client, exchange_config):
    user = zhang_wei()
    client.force_login(user)
    html = client.get("/me/").content.decode()
    assert "立即实名核验" in html and "/me/real-name/verify/" in html


def test_other_agent_of_the_organisation_sees_only_organisation_accesses(
    client, simulator, exchange_config
):
    from accounts import services as account_services

    agent = wang_fang_business()
    services.certified_record_fetch(
        actor=agent, subject=agent, evidence_type="scjg.business_licence", purpose="企业画像"
    )
    services.real_name_verify(actor=agent)  # personal (gongan) + organisation (scjg) rows
    colleague = account_services.business_agent_create(
        username="colleague",
        email="c@example.cn",
        password=None,
        real_name="李娜",
        id_number=records.LI_NA,
        organisation_name="上海嘉禾餐饮管理有限公司",
        uscc=records.JIAHE,
    )
    client.force_login(colleague)
    assert "企业画像" not in client.get("/me/data-access/").content.decode()  # not yet authorised
    account_services.authorisation_invite(
        admin=agent, member_id=colleague.pk, all_services=True, service_codes=[], expires_at=None
    )
    html = client.get("/me/data-access/").content.decode()
    assert "企业画像" in html
    assert "3101**********" + records.WANG_FANG[-4:] not in html  # not the agent's own ID


def _jiahe_signup(username, real_name, id_number):
    from accounts import services as account_services

    return account_services.business_agent_create(
        username=username,
        email=f"{username}@example.cn",
        password=None,
        real_name=real_name,
        id_number=id_number,
        organisation_name="上海嘉禾餐饮管理有限公司",
        uscc=records.JIAHE,
    )


def test_first_account_becomes_administrator_only_as_the_legal_representative(
    simulator, exchange_config
):
    """李娜 signs up first for 嘉禾 but is not its 法定代表人: no administrator, nothing seen.
    王芳, the registered 法定代表人, is matched through the signed scjg check and becomes it."""
    from accounts.selectors import organisation_access, organisation_is_admin

    impostor = _jiahe_signup("impostor", "李娜", records.LI_NA)
    result = services.real_name_verify(actor=impostor)
    assert not result.ok and "法定代表人" in result.message
    assert not organisation_is_admin(user=impostor)
    assert not organisation_access(user=impostor, organisation_id=impostor.organisation_id)
    owner = _jiahe_signup("owner", "王芳", records.WANG_FANG)
    result = services.real_name_verify(actor=owner)
    assert result.ok and "单位管理员" in result.message
    assert organisation_is_admin(user=owner)
    assert not organisation_is_admin(user=impostor)
