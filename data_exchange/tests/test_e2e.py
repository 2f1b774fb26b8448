"""The citizen's wallet, real-name check and access log in a real browser (demo server)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e

SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "")) if os.environ.get("E2E_SCREENSHOTS") else None
RAW_ID = re.compile(r"\b\d{17}[\dX]\b")


def _shot(page, name: str) -> None:
    if SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _click_until(page, button: str, text: str, url: str, tries: int = 30) -> None:
    """The demo server starts the simulator beside it; under load it may need a few seconds."""
    for _ in range(tries):
        page.goto(url)
        page.click(f"button:has-text('{button}')")
        page.wait_for_load_state("networkidle")
        if text in page.locator("body").inner_text():
            return
        page.wait_for_timeout(1000)
    raise AssertionError(f"{text!r} never appeared after {button!r}")


def test_citizen_wallet_verify_real_name_and_data_access(page):
    login(page, "citizen")
    page.goto("/me/licences/")
    main = page.locator("main")
    for name in ("居民户口簿", "不动产权证书", "学历证书", "结婚证", "出生医学证明"):
        assert name in main.inner_text()
    _shot(page, "licences")
    page.click("text=不动产权证书")
    assert "证照类型代码" in main.inner_text()
    assert "公民身份号码" in main.inner_text()
    _click_until(page, "向发证机关核验", "签名有效，发证机关确认证照有效", page.url)
    _shot(page, "licence_detail")
    assert RAW_ID.search(page.content()) is None

    _click_until(page, "立即实名核验", "实名核验通过", "/me/")

    page.goto("/me/data-access/")
    text = main.inner_text()
    assert "实名核验（本人申请）" in text
    assert "电子证照核验" in text
    assert "3101**********" in text
    assert RAW_ID.search(page.content()) is None
    _shot(page, "data_access")


def test_other_citizen_cannot_open_a_licence(page, e2e_server):
    pk = e2e_server.manage(
        "shell",
        "-c",
        "from data_exchange.models import Licence;"
        "print(Licence.objects.filter(owner__username='citizen').first().pk)",
    ).strip()
    login(page, "citizen2")
    assert page.goto(f"/me/licences/{pk}/").status == 404
    page.goto("/me/licences/")
    assert "不动产权证书" not in page.locator("main").inner_text()
