"""Transparent in every direction, and nothing more: a staff member opening another
department's record or dashboard without the role gets 403, and the attempt is recorded;
every view of someone else's record is recorded too."""

import pytest

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from applications.tests.factories import reviewer_for, supervisor
from supervision.constants import ACTION_DENIED, ACTION_RECORD_VIEW
from supervision.tests.factories import case_in_review, department_head
from worklog.selectors import records_for_actor

pytestmark = pytest.mark.django_db


def _actions(user) -> list[str]:
    """The user's recorded actions other than signing in (worklog records every staff login)."""
    return [
        r.action
        for r in records_for_actor(actor=user)
        if r.action not in ("accounts.login", "accounts.denied")
    ]


def test_staff_without_the_role_get_403_on_dashboards_and_it_is_recorded(client):
    dept = DepartmentFactory()
    clerk = reviewer_for(dept)
    client.force_login(clerk)
    for url in ["/supervision/", f"/supervision/?department={dept.pk}", "/supervision/cases/"]:
        assert client.get(url).status_code == 403, url
    assert _actions(clerk).count(ACTION_DENIED) == 3


def test_department_head_sees_own_department_only(client):
    mine, other = DepartmentFactory(), DepartmentFactory()
    head = department_head(mine)
    client.force_login(head)
    assert client.get("/supervision/").status_code == 200
    assert client.get(f"/supervision/?department={mine.pk}").status_code == 200
    assert client.get(f"/supervision/?department={other.pk}").status_code == 403
    assert (
        client.get(f"/supervision/cases/?metric=overdue&department={other.pk}").status_code == 403
    )
    assert _actions(head).count(ACTION_DENIED) == 2


def test_head_sees_members_members_see_head_and_each_view_is_recorded(client):
    dept = DepartmentFactory()
    head = department_head(dept)
    member, colleague = reviewer_for(dept), reviewer_for(dept)
    client.force_login(head)
    page = client.get("/supervision/me/").content.decode()
    assert member.display_name in page  # the head's page lists the members
    assert client.get(f"/supervision/staff/{member.pk}/").status_code == 200
    assert _actions(head) == [ACTION_RECORD_VIEW]
    client.force_login(member)
    assert head.display_name in client.get("/supervision/me/").content.decode()
    assert client.get(f"/supervision/staff/{head.pk}/").status_code == 200
    assert client.get(f"/supervision/staff/{member.pk}/").status_code == 200  # own: not recorded
    assert _actions(member) == [ACTION_RECORD_VIEW]
    # a member may not open a colleague's record; the attempt is recorded
    assert client.get(f"/supervision/staff/{colleague.pk}/").status_code == 403
    assert ACTION_DENIED in _actions(member)


def test_another_department_without_the_role_gets_403_and_is_recorded(client):
    dept, other = DepartmentFactory(), DepartmentFactory()
    head = department_head(dept)
    outsider_head = department_head(other)
    outsider = reviewer_for(other)
    for user in (outsider_head, outsider):
        client.force_login(user)
        assert client.get(f"/supervision/staff/{head.pk}/").status_code == 403
        assert _actions(user) == [ACTION_DENIED]


def test_supervisors_see_everyone_and_the_view_is_recorded(client):
    boss = supervisor()
    someone = reviewer_for(DepartmentFactory())
    client.force_login(boss)
    assert client.get(f"/supervision/staff/{someone.pk}/").status_code == 200
    assert _actions(boss) == [ACTION_RECORD_VIEW]


def test_citizens_and_anonymous_never_reach_staff_pages(client):
    app, reviewer = case_in_review()
    urls = ["/supervision/", "/supervision/me/", f"/supervision/staff/{reviewer.pk}/"]
    for url in urls:
        assert client.get(url).status_code == 302, url
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.get(f"/supervision/cases/{app.pk}/").status_code == 404


def test_another_departments_case_is_404(client):
    app, _ = case_in_review()
    stranger = UserFactory(staff=True, roles=[Role.DEPT_REVIEWER], department=DepartmentFactory())
    client.force_login(stranger)
    assert client.get(f"/supervision/cases/{app.pk}/").status_code == 404
    client.force_login(department_head(DepartmentFactory()))
    assert client.get(f"/supervision/cases/{app.pk}/").status_code == 404
    client.force_login(department_head(app.department))
    assert client.get(f"/supervision/cases/{app.pk}/").status_code == 200
