import pytest
from django.db import connection
from django.urls import reverse

from accounts import services
from accounts.constants import AccountKind, Role
from accounts.demo import make_id_number, make_uscc
from accounts.models import User
from accounts.tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"


def signup_data(**overrides):
    data = {
        "username": "newcitizen",
        "email": "new@example.cn",
        "password1": "A-very-good-pass-2026",
        "password2": "A-very-good-pass-2026",
        "kind": "citizen",
        "real_name": "王小明",
        "id_number": make_id_number("31011520000101123"),
        "phone": "13912345678",
        "organisation_name": "",
        "uscc": "",
    }
    data.update(overrides)
    return data


def test_citizen_signup_stores_id_number_encrypted(client):
    response = client.post(SIGNUP_URL, signup_data())
    assert response.status_code == 302
    user = User.objects.get(username="newcitizen")
    assert user.kind == AccountKind.CITIZEN
    assert user.id_number == signup_data()["id_number"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM accounts_user WHERE username = %s", ["newcitizen"])
        raw = cursor.fetchone()[0]
    assert signup_data()["id_number"] not in raw
    assert user.assurance_level == 2


def test_signup_with_invalid_id_number_shows_error_on_that_field(client):
    response = client.post(SIGNUP_URL, signup_data(id_number="310115200001011230"))
    assert response.status_code == 200
    assert "身份证号校验位不正确" in response.content.decode()
    assert response.context["form"].errors["id_number"]
    assert not User.objects.filter(username="newcitizen").exists()


def test_business_signup_needs_valid_uscc(client):
    response = client.post(
        SIGNUP_URL,
        signup_data(
            kind="business", organisation_name="上海示例科技有限公司", uscc="91310114MA1GT3K5X0"
        ),
    )
    assert response.status_code == 200
    assert "uscc" in response.context["form"].errors
    assert "统一社会信用代码校验位不正确" in response.content.decode()
    assert not User.objects.filter(username="newcitizen").exists()


def test_business_signup_creates_organisation_with_agent(client):
    code = make_uscc("91310114MA1GT9999")
    response = client.post(
        SIGNUP_URL,
        signup_data(kind="business", organisation_name="上海示例科技有限公司", uscc=code),
    )
    assert response.status_code == 302
    user = User.objects.get(username="newcitizen")
    assert user.kind == AccountKind.BUSINESS
    assert user.organisation.uscc == code
    assert user.organisation.agents.get() == user


def test_duplicate_id_number_is_refused(client):
    existing = UserFactory()
    response = client.post(SIGNUP_URL, signup_data(id_number=existing.id_number))
    assert response.status_code == 200
    assert "已注册" in response.content.decode()


def test_wrong_password_message_then_lockout(client, settings):
    UserFactory(username="alice")
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": "alice", "password": "wrong-password"})
        assert response.status_code == 200
        assert "不正确" in response.content.decode()
    # Even the right password is refused while the account is locked.
    response = client.post("/accounts/login/", {"login": "alice", "password": "demo-pass-2026"})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "登录失败次数过多" in response.content.decode() or response.status_code == 429


@pytest.mark.parametrize("url", ["/staff/", "/me/"])
def test_anonymous_is_redirected_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_citizen_gets_403_on_staff_page(client):
    client.force_login(UserFactory())
    response = client.get("/staff/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_staff_home_lists_role_workspaces(client):
    clerk = UserFactory(staff=True, roles=[Role.WINDOW_CLERK])
    client.force_login(clerk)
    body = client.get("/staff/").content.decode()
    assert "窗口受理" in body
    assert "部门审批" not in body
    assert "差评整改" in body  # the department's 差评 ledger: 回访 and 整改 at the window too


def test_staff_must_enrol_mfa_when_required(client, settings):
    settings.STAFF_MFA_REQUIRED = True
    reviewer = UserFactory(staff=True, roles=[Role.DEPT_REVIEWER])
    client.force_login(reviewer)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # Citizens are not forced.
    client.force_login(UserFactory())
    assert client.get("/me/").status_code == 200


def test_staff_must_belong_to_a_department():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create(username="orphan", kind=AccountKind.STAFF)


def test_roles_sync_is_idempotent():
    first = services.roles_sync()
    second = services.roles_sync()
    assert {g.pk for g in first.values()} == {g.pk for g in second.values()}
    assert first[Role.WINDOW_CLERK].permissions.filter(codename="access_counter").exists()


def test_staff_create_assigns_department_and_roles():
    dept = DepartmentFactory()
    user = services.staff_create(
        username="s1",
        email="s1@x.cn",
        password=None,
        real_name="甲",
        department=dept,
        roles=[Role.DEPT_REVIEWER],
    )
    assert user.has_perm("accounts.access_review")
    assert not user.has_perm("accounts.access_counter")


def test_roles_sync_keeps_permissions_granted_by_other_apps():
    from django.contrib.auth.models import Permission

    group = services.roles_sync()[Role.LIST_PUBLISHER]
    extra = Permission.objects.get(codename="add_group")
    group.permissions.add(extra)
    services.roles_sync()
    assert group.permissions.filter(pk=extra.pk).exists()


@pytest.mark.parametrize(
    "variant",
    [
        lambda n: chr(ord(n[0]) + 0xFEE0) + n[1:],  # first digit full-width (３…)
        lambda n: "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in n),  # all full-width
        lambda n: f"  {n[:6]} {n[6:]}\u3000",  # padded, spaced, ideographic space
        lambda n: n.lower(),  # a lower-case x check character
    ],
)
def test_same_person_in_another_width_is_refused_as_a_duplicate(client, variant):
    """ "One person, one account": full-width, mixed-width or padded digits are the same number."""
    existing = UserFactory(id_number=make_id_number("11010519491231002"))
    response = client.post(SIGNUP_URL, signup_data(id_number=variant(existing.id_number)))
    assert response.status_code == 200
    assert "已注册" in response.content.decode()
    assert User.objects.count() == 1


def test_full_width_uscc_and_phone_are_normalised(client):
    code = make_uscc("91310115000000001")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in code)
    response = client.post(
        SIGNUP_URL,
        signup_data(
            username="widebiz",
            email="wide@example.cn",
            kind="business",
            organisation_name="宽字符测试有限公司",
            uscc=f" {wide} ",
            phone="１３９ １２３４ ５６７８",
            id_number=make_id_number("31011519800101123"),
        ),
    )
    assert response.status_code == 302
    user = User.objects.get(username="widebiz")
    assert user.organisation.uscc == code
    assert user.phone == "13912345678"
