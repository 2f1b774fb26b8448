"""授权委托 in a real browser: a newcomer who signs up with the demo company's name and code sees
nothing of it until the company's administrator authorises one service; then exactly that."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from accounts.demo.identifiers import make_id_number
from accounts.demo.people import BUSINESS
from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e

SCOPE = "RSJ-05-0003"  # two of the demo company's cases; its other three are other services
PASSWORD = "Newcomer-Pass-2026"
SHOTS = Path(os.environ.get("E2E_SCREENSHOT_DIR", "/tmp/e2e-shots"))


def _context_page(browser, e2e_server):
    context = browser.new_context(base_url=e2e_server.base_url, locale="zh-CN")
    context.set_default_timeout(20_000)
    return context.new_page()


def _case_numbers(e2e_server) -> dict[str, list[str]]:
    """The demo company's case numbers by service code, read from the server's database."""
    uscc = BUSINESS["uscc"]
    out = e2e_server.manage(
        "shell",
        "-c",
        "from applications.models import Application\n"
        f"for a in Application.objects.filter(organisation__uscc='{uscc}').exclude(number=None):\n"
        "    print('CASE', a.service_code, a.number)",
    )
    numbers: dict[str, list[str]] = {}
    for line in out.splitlines():
        if line.startswith("CASE "):
            _, code, number = line.split()
            numbers.setdefault(code, []).append(number)
    return numbers


def _confirm_email(page, e2e_server, address: str) -> None:
    """Open the verification link of the mail the portal wrote for ``address``."""
    mail_dir = Path(e2e_server.env["VAR_DIR"]) / "mail"
    for _ in range(40):
        for path in sorted(mail_dir.glob("*")) if mail_dir.exists() else []:
            text = path.read_text(errors="replace")
            if address in text:
                match = re.search(r"https?://[^\s\"<>]+/accounts/confirm-email/[^\s\"<>]+", text)
                if match:
                    page.goto(match.group(0))
                    page.locator("form button[type=submit], form input[type=submit]").last.click()
                    return
        page.wait_for_timeout(500)
    raise AssertionError(f"no verification mail for {address} in {mail_dir}")


def test_a_newcomer_sees_nothing_until_authorised_then_exactly_the_scope(browser, e2e_server):
    numbers = _case_numbers(e2e_server)
    in_scope = numbers.pop(SCOPE)
    out_of_scope = [n for ns in numbers.values() for n in ns]
    assert in_scope and out_of_scope, numbers

    # 1. sign up with the demo company's public name and code
    newcomer = _context_page(browser, e2e_server)
    newcomer.goto("/accounts/signup/")
    newcomer.fill("input[name=username]", "newcomer")
    newcomer.fill("input[name=email]", "newcomer@example.cn")
    newcomer.fill("input[name=password1]", PASSWORD)
    newcomer.fill("input[name=password2]", PASSWORD)
    newcomer.check("input[name=kind][value=business]")
    newcomer.fill("input[name=real_name]", "赵新来")
    newcomer.fill("input[name=id_number]", make_id_number("31010419900303123"))
    newcomer.fill("input[name=phone]", "13912345678")
    newcomer.fill("input[name=organisation_name]", BUSINESS["organisation_name"])
    newcomer.fill("input[name=uscc]", BUSINESS["uscc"])
    newcomer.locator("form button[type=submit]").last.click()
    newcomer.wait_for_load_state()
    _confirm_email(newcomer, e2e_server, "newcomer@example.cn")
    login(newcomer, "newcomer", PASSWORD)

    # 2. nothing of the company: no cases, no company pages
    newcomer.goto("/me/applications/")
    listing = newcomer.content()
    assert not any(n in listing for n in in_scope + out_of_scope)
    assert newcomer.goto("/organisation/").status == 403
    assert newcomer.goto("/me/organisation/activity/").status == 403

    # 3. the company's administrator authorises one service
    admin = _context_page(browser, e2e_server)
    login(admin, "business")
    admin.goto("/organisation/")
    member = admin.locator("select[name=member] option", has_text="newcomer")
    admin.select_option("select[name=member]", value=member.get_attribute("value"))
    admin.fill("input[name=service_codes]", SCOPE)
    admin.get_by_role("button", name="授权", exact=True).click()
    admin.wait_for_url(re.compile(r"/organisation/$"))
    assert "已授权" in admin.content() and SCOPE in admin.content()

    # 4. the newcomer now sees exactly that scope
    newcomer.goto("/me/applications/")
    listing = newcomer.content()
    assert all(n in listing for n in in_scope), (in_scope, listing)
    assert not any(n in listing for n in out_of_scope), out_of_scope
    assert newcomer.goto("/organisation/").status == 403

    # 5. the administrator's 办件记录 page lists the newcomer among the authorised people
    response = admin.goto("/me/organisation/activity/")
    assert response.status == 200
    assert admin.locator('section[data-person="newcomer"]').count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    admin.screenshot(path=str(SHOTS / "organisation-activity.png"), full_page=True)
