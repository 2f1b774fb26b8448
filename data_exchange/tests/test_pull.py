"""Explicit request → signed pull from the real simulator → preview, decision, log."""

from __future__ import annotations

import pytest
from django.db import connection

from data_exchange import selectors, services
from data_exchange.exchange_log import log_verify
from data_exchange.models import EvidenceItem, ExchangeLogEntry
from data_exchange.simulator import records
from data_exchange.tests.factories import li_na, wang_fang_business, zhang_wei

pytestmark = pytest.mark.django_db(transaction=True)

REF = "application:test-1"
PURPOSE = "办理失业登记（RSJ-20-0001），核验申请材料"


def _request(
    user,
    types=("gongan.household_register", "rsj.social_insurance"),
    ref=REF,
    service="RSJ-20-0001",
):
    services.evidence_request(
        actor=user,
        subject=user,
        service_code=service,
        evidence_types=list(types),
        purpose=PURPOSE,
        reference=ref,
    )


def test_request_pulls_verified_evidence_with_provenance(simulator, exchange_config):
    user = zhang_wei()
    _request(user)
    previews = {p.evidence_type: p for p in selectors.evidence_previews(user=user, reference=REF)}
    household = previews["gongan.household_register"]
    assert household.status == "verified"
    assert household.department_name == "市公安局"
    assert household.values["household_address"] == "上海市嘉定区安亭镇墨玉路185弄12号301室"
    labels = dict(household.fields)
    assert labels["姓名"] == "张伟"
    assert labels["公民身份号码"] == "3101**********" + records.ZHANG_WEI[-4:]
    assert "issuing_office" not in household.values  # minimum necessary: not in the rule
    insurance = previews["rsj.social_insurance"]
    assert insurance.status == "verified"
    assert insurance.values["months_paid"] == 219
    assert not insurance.offer_upload
    services.evidence_decide(
        actor=user, reference=REF, evidence_type="rsj.social_insurance", use=True
    )
    previews = {p.evidence_type: p for p in selectors.evidence_previews(user=user, reference=REF)}
    assert previews["rsj.social_insurance"].decision == "use"
    assert log_verify().ok
    outcomes = set(ExchangeLogEntry.objects.values_list("event", "outcome"))
    assert ("response", "verified") in outcomes


def test_request_is_idempotent_per_reference_and_type(simulator, exchange_config):
    user = zhang_wei()
    _request(user)
    _request(user)
    assert EvidenceItem.objects.filter(reference=REF).count() == 2


def test_unknown_holder_gets_not_found_and_upload_offer(simulator, exchange_config):
    user = li_na()
    _request(user, types=["bdc.property_certificate"], service="BDC-07-0001")
    (preview,) = selectors.evidence_previews(user=user, reference=REF)
    assert preview.status == "failed"
    assert preview.offer_upload
    assert "未查到" in preview.failure_reason


def test_organisation_evidence_uses_uscc(simulator, exchange_config):
    user = wang_fang_business()
    record = services.certified_record_fetch(
        actor=user, subject=user, evidence_type="scjg.business_licence", purpose="企业画像"
    )
    assert record["values"]["name"] == "上海嘉禾餐饮管理有限公司"
    assert record["values"]["tax_credit_rating"] == "A"
    assert record["department_name"] == "市市场监督管理局"


def test_holder_ids_encrypted_at_rest(simulator, exchange_config):
    user = zhang_wei()
    _request(user)
    tables = [
        "data_exchange_evidenceitem",
        "data_exchange_exchangelogentry",
        "data_exchange_outboxmessage",
        "data_exchange_seenresponse",
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            dump = repr(cursor.fetchall())
            assert records.ZHANG_WEI not in dump, table
            assert "墨玉路" not in dump, table
