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
