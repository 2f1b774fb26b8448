"""The hall in real Chromium: book → check in at the kiosk → the clerk calls and the display
shows it within 2 s → the clerk links the case, accepts it, finishes → the citizen rates on
the window's tablet → the rating shows against the case and the clerk."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "var" / "hall-shots"

# The e2e runs at any hour: open the demo hall all day, every day, with 10-minute slots.
SETUP = """
import datetime as dt, json
from hall.models import Hall, OpeningHours, Window
from applications.models import Application
hall = Hall.objects.get(slug="shimin")
hall.rest_day_service = True
hall.slot_minutes = 10
hall.change_hours_before = 0
hall.save()
hall.opening_hours.all().delete()
for d in range(7):
    OpeningHours.objects.create(hall=hall, weekday=d, opens=dt.time(0, 0), closes=dt.time(23, 59))
case = Application.objects.get(applicant__username="citizen", service__code="GONGAN-07-0001", status="submitted")
print(json.dumps({"case": case.number, "case_pk": case.pk, "tablet": Window.objects.get(hall=hall, number=4).tablet_token}))
"""


def _context(browser, e2e_server, *, width=1280, height=900):
    context = browser.new_context(
        base_url=e2e_server.base_url, locale="zh-CN", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(20_000)
    return context.new_page()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_book_check_in_call_link_accept_finish_rate(browser, e2e_server):
    info = json.loads(e2e_server.manage("shell", "-c", SETUP).strip().splitlines()[-1])

    # A citizen books the first free slot today for 居民身份证换领.
    citizen = _context(browser, e2e_server)
    login(citizen, "citizen")
    citizen.goto("/hall/book/GONGAN-07-0003/?hall=shimin")
    assert "爽约规则" in citizen.content()
    _shot(citizen, "book-desktop")
    citizen.locator("input[name=start]:not([disabled])").first.check()
    citizen.locator("input[name=agree]").check()
    citizen.get_by_role("button", name="确认预约").click()
    citizen.wait_for_url("**/me/appointments/*/")
    code = citizen.get_by_test_id("code").inner_text().strip()
    assert len(code) == 8
    _shot(citizen, "appointment-desktop")

    # The display runs on its own screen.
    display = _context(browser, e2e_server, width=1920, height=1080)
    display.goto("/hall/shimin/display/")

    # At the kiosk: check in with the code, partly on the on-screen keypad.
    kiosk = _context(browser, e2e_server)
    kiosk.goto("/kiosk/shimin/check-in/")
    kiosk.fill("#code", code[:-1])
    kiosk.locator(f".keypad button[data-key='{code[-1]}']").click()
    assert kiosk.input_value("#code") == code
    kiosk.get_by_role("button", name="签到").click()
    number = kiosk.get_by_test_id("ticket-number").inner_text().strip()
    assert number.startswith("B")
    _shot(kiosk, "kiosk-slip")

    # The clerk at window 4 calls next; the display shows it within 2 s.
    clerk = _context(browser, e2e_server)
    login(clerk, "clerk")
    clerk.goto("/hall/console/")
    clerk.get_by_test_id("call-next").click()
    clicked = time.monotonic()
    assert clerk.get_by_test_id("current").inner_text().strip() == number
    display.wait_for_function(
        "n => document.querySelector('#windows li[data-window=\"4\"] .num').textContent === n",
        arg=number,
        timeout=2000,
    )
    assert time.monotonic() - clicked < 2.5
    assert display.locator("#display").get_attribute("data-last-spoken") == (
        f"请 {number} 号到 4 号窗口"
    )
    _shot(display, "display-1920")

    # Link the ticket to the citizen's case, open it and accept it.
    clerk.locator("details").first.locator("summary").click()
    clerk.fill("input[name=number]", info["case"].lower())
    clerk.get_by_role("button", name="关联", exact=True).click()
    clerk.get_by_test_id("case-link").click()
    # 受理 holds only once every material is checked 符合 (the window's rule).
    selects = clerk.locator("table.check-table select")
    for i in range(selects.count()):
        selects.nth(i).select_option("ok")
    clerk.get_by_role("button", name="受理", exact=True).click()
    clerk.wait_for_load_state("networkidle")
    assert "已受理" in clerk.content()
    clerk.goto("/hall/console/")
    clerk.get_by_role("button", name="办结").click()
    clerk.wait_for_load_state("networkidle")
    assert "已办结" in clerk.content()

    # The citizen rates on the window's tablet.
    tablet = _context(browser, e2e_server, width=1024, height=768)
    tablet.goto(f"/hall/tablet/{info['tablet']}/")
    assert number in tablet.content()
    _shot(tablet, "tablet")
    tablet.locator("label.level--1").click()
    tablet.get_by_role("button", name="提交评价").click()
    assert "感谢您的评价" in tablet.content()

    # Against the case (the citizen's own page) and against the clerk (the console).
    citizen.goto(f"/me/applications/{info['case_pk']}/")
    assert "非常满意" in citizen.locator("main").inner_text()
    clerk.goto("/hall/console/")
    ratings = clerk.get_by_test_id("ratings").inner_text()
    assert number in ratings and "非常满意" in ratings and info["case"] in ratings
    _shot(clerk, "console-desktop")


def test_pages_at_phone_width(browser, e2e_server):
    """Booking, my appointments and the kiosk at 390 px: nothing wider than the screen."""
    phone = _context(browser, e2e_server, width=390, height=844)
    login(phone, "citizen2")
    for name, url in [
        ("book-390", "/hall/book/RSJ-20-0001/?hall=shimin"),
        ("mine-390", "/me/appointments/"),
        ("kiosk-390", "/kiosk/shimin/"),
        ("display-390", "/hall/shimin/display/"),
    ]:
        phone.goto(url)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 392, name
        _shot(phone, name)


def test_display_reconnects_and_drops_a_stale_call(browser, e2e_server):
    """While the state endpoint is unreachable the display says so; once back, it shows the
    fresh state (no call shown as current that has ended meanwhile)."""
    display = _context(browser, e2e_server)
    display.goto("/hall/shimin/display/")
    display.route("**/display/state.json", lambda route: route.abort())
    display.wait_for_selector("#link-status:not([hidden])", timeout=5000)
    # Meanwhile the window 1 call ends.
    e2e_server.manage(
        "shell",
        "-c",
        "from hall.models import Ticket; from django.utils import timezone; "
        "Ticket.objects.filter(window__number=1, status__in=['called','serving'])"
        ".update(status='done', finished_at=timezone.now())",
    )
    display.unroute("**/display/state.json")
    display.wait_for_selector("#link-status[hidden]", state="attached", timeout=5000)
    display.wait_for_function(
        "() => document.querySelector('#windows li[data-window=\"1\"] .num').textContent === '—'",
        timeout=3000,
    )


def test_kiosk_returns_to_start_after_60_seconds_idle(browser, e2e_server):
    kiosk = _context(browser, e2e_server)
    kiosk.clock.install()
    kiosk.goto("/kiosk/shimin/check-in/")
    kiosk.locator(".keypad button[data-key='A']").click()
    kiosk.clock.fast_forward(50_000)
    assert kiosk.url.endswith("/kiosk/shimin/check-in/")  # still typing, within 60 s
    kiosk.clock.fast_forward(11_000)
    kiosk.wait_for_url("**/kiosk/shimin/", timeout=5000)
    assert kiosk.locator("#code").count() == 0
