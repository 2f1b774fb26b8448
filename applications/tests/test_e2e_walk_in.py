"""窗口代办 in a real browser: the clerk records 使用 for the walk-in applicant's 免提交 data."""

from __future__ import annotations

import re

import pytest

from applications.tests.test_e2e import _as, _wait_for_text
from data_exchange.simulator import records

pytestmark = pytest.mark.e2e


def test_clerk_uses_certified_data_for_a_walk_in_applicant(browser, e2e_server):
    clerk = _as(browser, e2e_server, "clerk")
    clerk.goto("/counter/walk-in/")
    clerk.fill("input[name=service_code]", "RSJ-20-0001")
    clerk.fill("input[name=real_name]", "李娜")
    clerk.fill("input[name=id_number]", records.LI_NA)
    clerk.fill("input[name=phone]", "13800138002")
    clerk.check("input[name=identity_checked]")
    clerk.get_by_role("button", name="核验身份并开始代办").click()
    clerk.wait_for_url(re.compile(r"/step/2/"))
    draft_url = clerk.url.rsplit("/step/", 1)[0]
    # Consent first, asked at the window: nothing was fetched before it.
    clerk.goto(f"{draft_url}/data/")
    clerk.check("#consent-id_card input[value=fetch]")
    clerk.check("#consent-social_insurance input[value=upload]")
    clerk.get_by_role("button", name="确认授权").click()
    clerk.wait_for_load_state("networkidle")
    _wait_for_text(clerk, f"{draft_url}/data/", "来自 市公安局")
    card = clerk.locator("#preview-id_card")
    assert card.get_by_text("申请人已当面确认").count() == 1
    # Without the applicant's confirmation the browser does not send the decision.
    card.get_by_role("button", name="使用", exact=True).click()
    assert "已选择使用" not in card.inner_text()
    card.locator("input[name=confirmed_in_person]").check()
    card.get_by_role("button", name="使用", exact=True).click()
    clerk.wait_for_load_state("networkidle")
    clerk.goto(f"{draft_url}/step/3/")
    card = clerk.locator("#material-id_card")
    assert "已选择使用共享数据，无需上传。" in card.inner_text()
    assert card.locator("input[type=file]").count() == 0

    # The applicant's own account sees the choice recorded for her, and who fetched the data.
    applicant = _as(browser, e2e_server, "citizen2")
    applicant.goto(f"{draft_url}/step/3/")
    assert "已选择使用共享数据，无需上传。" in applicant.locator("#material-id_card").inner_text()
    applicant.goto("/me/data-access/")
    assert "操作人：陈静" in applicant.content()
