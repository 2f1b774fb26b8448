"""The demo content: idempotent, realistic, and the demo business matches what the issue asks."""

import pytest

from policies.constants import MatchStatus

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_and_demo_business_matches_wengang(client):
    from accounts import demo as accounts_demo
    from accounts.models import User
    from policies import demo, selectors
    from policies.models import BenefitNotice, PolicyPage, PolicyQuestion

    accounts_demo.load()
    from services_catalog.tests.factories import ServiceItemFactory

    for code in {spec["codes"] for spec in demo.POLICIES if spec["codes"]}:
        ServiceItemFactory(code=code, name=APPLY_SERVICES[code])
    demo.load()
    demo.load()  # idempotent
    assert PolicyPage.objects.live().count() == len(demo.POLICIES) >= 15
    business = User.objects.get(username="business")
    profile = selectors.profile_for_user(user=business)
    grouped = selectors.matches_for_values(values=profile.effective_values())
    matched = {m.policy.slug for m in grouped[MatchStatus.MATCHED]}
    assert "wengang-fanhuan" in matched
    assert grouped[MatchStatus.NEAR_MISS]
    notices = BenefitNotice.objects.filter(organisation=business.organisation)
    assert {n.policy.slug for n in notices} >= {"wengang-fanhuan"}
    assert notices.count() == len(set(notices.values_list("policy_id", flat=True)))
    assert PolicyQuestion.objects.filter(published_as_faq=True).count() == len(demo.FAQS)
    assert PolicyQuestion.objects.filter(status="pending").count() == len(demo.PENDING_QUESTIONS)
    client.force_login(business)
    body = client.get("/business/").content.decode()
    assert "失业保险稳岗返还" in body and "为您匹配的政策" in body
    # The texts are current: no epidemic-era requirements among policies in force, and some
    # policies have expired, so the 已失效 tab has content.
    current, expired = selectors.policies_split_by_validity(policies=selectors.policies_live())
    assert expired
    for policy in current:
        text = f"{policy.title}{policy.summary}{policy.body}"
        assert "核酸" not in text and "疫情" not in text, policy.slug
    # Every 申报入口 is the service the policy names.
    canyin = PolicyPage.objects.get(slug="canyin-shukun")
    entry = client.get(canyin.url).content.decode().split("申报入口")[1]
    assert "餐饮企业纾困补贴申请" in entry and "小微企业房租减免申请" not in entry
    for spec in demo.POLICIES:
        if spec["codes"]:
            assert EXPECTED_ENTRY[spec["slug"]] == APPLY_SERVICES[spec["codes"]], spec["slug"]


# The catalogue's names of the demo's 申报入口, and which service each policy names.
APPLY_SERVICES = {
    "RSJ-05-0001": "稳岗返还",
    "RSJ-05-0002": "一次性创业补贴申领",
    "RSJ-05-0003": "社会保险费缓缴申请",
    "SCJG-05-0001": "小微企业房租减免申请",
    "SCJG-05-0002": "防疫物资生产补贴申请",
    "SCJG-05-0003": "餐饮企业纾困补贴申请",
    "SWJ-05-0001": "小微企业贷款贴息申请",
}
EXPECTED_ENTRY = {
    "wengang-fanhuan": "稳岗返还",
    "xiaowei-fangzu-jianmian": "小微企业房租减免申请",
    "xiaowei-daikuan-tiexi": "小微企业贷款贴息申请",
    "shebaofei-huanjiao": "社会保险费缓缴申请",
    "fangyi-wuzi-shengchan-butie": "防疫物资生产补贴申请",
    "shouci-chuangye-butie": "一次性创业补贴申领",
    "canyin-shukun": "餐饮企业纾困补贴申请",
}
