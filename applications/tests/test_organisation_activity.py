"""The company's administrator sees what each authorised person did on the company's cases."""

from __future__ import annotations

import pytest

from accounts import services as account_services
from accounts.tests.factories import UserFactory, new_id_number
from applications.tests.factories import ServiceFactory, submitted_application

pytestmark = pytest.mark.django_db

URL = "/me/organisation/activity/"


@pytest.fixture
def company_with_agent():
    admin = UserFactory(business=True, real_name="王芳")
    org = admin.organisation
    agent = account_services.business_agent_create(
        username="agent1",
        email="agent1@example.cn",
        password="x-Secret-123",
        real_name="李四",
        id_number=new_id_number(),
        organisation_name=org.name,
        uscc=org.uscc,
    )
    account_services.authorisation_invite(
        admin=admin, member_id=agent.pk, all_services=True, service_codes=[], expires_at=None
    )
    service = ServiceFactory(audience="business")
    case = submitted_application(applicant=agent, service=service)
    return {"admin": admin, "agent": agent, "case": case, "service": service}


def _section_of(html: str, username: str) -> str:
    start = html.index(f'data-person="{username}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_administrator_sees_the_agents_filed_case_under_the_agent(client, company_with_agent):
    client.force_login(company_with_agent["admin"])
    home = client.get("/organisation/").content.decode()
    assert URL in home
    response = client.get(URL)
    assert response.status_code == 200
    section = _section_of(response.content.decode(), "agent1")
    case = company_with_agent["case"]
    assert case.number and case.number in section
    assert company_with_agent["service"].name in section
    assert "已提交" in section or "待受理" in section, section


def test_another_companys_administrator_does_not_see_it(client, company_with_agent):
    other = UserFactory(business=True)
    client.force_login(other)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert company_with_agent["case"].number not in html
    assert "agent1" not in html


def test_a_member_who_is_not_administrator_is_refused(client, company_with_agent):
    client.force_login(company_with_agent["agent"])
    assert client.get(URL).status_code == 403
