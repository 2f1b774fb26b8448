"""Done-when of issues 4 and 5 in a real browser against a real portal process."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from printing.signing import pdf_signature_report
from tests.fixtures.browser import login
from tests.pdf_qr import qr_payloads

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _as(browser, e2e_server, username):
    context = browser.new_context(
        base_url=e2e_server.base_url, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    login(page, username)
    return page


def _wait_for_text(page, url, text, tries=40):
    for _ in range(tries):
        page.goto(url)
        if text in page.content():
            return
        page.wait_for_timeout(500)
    _shot(page, "never-appeared")
    raise AssertionError(f"{text!r} never appeared on {url}")


SHOTS = Path(os.environ.get("E2E_SCREENSHOT_DIR", "/tmp/e2e-shots"))
TYPED_ADDRESS = "上海市浦东新区世纪大道100号"
EMPLOYER = "上海申通物流"  # what 社保 holds for 张伟; declined below


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_apply_with_exempt_materials_to_certificate(browser, e2e_server, tmp_path):
    """Consent → preview → form → submit with two departments (户籍 used, 社保 declined): the
    reviewer sees only what the citizen chose to use."""
    citizen = _as(browser, e2e_server, "citizen")
    citizen.goto("/apply/RSJ-20-0001/")
    citizen.get_by_role("button", name="开始申请").click()
    citizen.wait_for_url(re.compile(r"/step/1/"))
    draft_url = citizen.url.rsplit("/step/", 1)[0]
    assert "3101" in citizen.content() and "*" in citizen.content()  # masked ID only
    citizen.fill("input[name=address]", TYPED_ADDRESS)
    citizen.get_by_role("button", name="保存并继续").click()
    # consent first: what would be fetched, from whom, why; nothing fetched yet
    citizen.wait_for_url(re.compile(r"/data/$"))
    content = citizen.content()
    assert "市公安局" in content and "市人力资源和社会保障局" in content
    assert "户籍地址" in content and "失业登记" in content and "已核验" not in content
    _shot(citizen, "consent-desktop")
    citizen.goto(f"{draft_url}/step/2/")  # the form before any decision: nothing certified
    assert "已核验" not in citizen.content() and "嘉定区" not in citizen.content()
    citizen.goto(f"{draft_url}/data/")
    citizen.check("#consent-id_card input[value=fetch]")
    citizen.check("#consent-social_insurance input[value=fetch]")
    citizen.get_by_role("button", name="确认授权").click()
    citizen.wait_for_load_state("networkidle")
    # the preview: values with their source and time
    _wait_for_text(citizen, f"{draft_url}/data/", "来自 市人力资源和社会保障局")
    _wait_for_text(citizen, f"{draft_url}/data/", "来自 市公安局")
    content = citizen.content()
    assert "嘉定区" in content and EMPLOYER in content and "3101**********2317" in content
    _shot(citizen, "preview-desktop")
    citizen.locator("#preview-id_card").get_by_role("button", name="使用", exact=True).click()
    citizen.wait_for_load_state("networkidle")
    citizen.locator("#preview-social_insurance").get_by_role("button", name="不使用").click()
    citizen.wait_for_load_state("networkidle")
    assert EMPLOYER not in citizen.content()  # purged at once
    citizen.get_by_role("link", name="下一步：填写表单").click()
    citizen.wait_for_url(re.compile(r"/step/2/"))
    # 使用: certified and read-only; the typed address kept, the 户籍 one shown as a difference
    assert citizen.locator("input[name=applicant_name]").count() == 0
    certified = citizen.locator(".certified-field", has_text="申请人姓名")
    assert "张伟" in certified.inner_text() and "不对？改为上传材料" in certified.inner_text()
    assert citizen.input_value("input[name=address]") == TYPED_ADDRESS
    assert "已保留您填写的内容" in citizen.content()
    assert citizen.input_value("input[name=last_employer]") == ""  # 不使用: never prefilled
    _shot(citizen, "form-desktop")
    citizen.fill("input[name=last_employer]", "上海某某贸易有限公司")
    citizen.fill("input[name=termination_date]", "2026-10-31")
    citizen.select_option("select[name=termination_reason]", "用人单位解除")
    citizen.select_option("select[name=education_level]", "本科")
    citizen.get_by_role("button", name="保存并继续").click()
    citizen.wait_for_url(re.compile(r"/step/3/"))
    assert citizen.locator("#material-id_card input[type=file]").count() == 0
    for code, name in (("social_insurance", "参保证明.pdf"), ("termination_proof", "解除证明.pdf")):
        proof = tmp_path / name
        proof.write_bytes(PDF)
        citizen.locator(f"#material-{code} input[type=file]").set_input_files(str(proof))
        citizen.locator(f"#material-{code}").get_by_role("button", name="上传", exact=True).click()
        citizen.wait_for_load_state("networkidle")
    assert "已上传" in citizen.content()
    citizen.get_by_role("button", name="下一步：确认提交").click()
    citizen.wait_for_url(re.compile(r"/step/4/"))
    assert "免提交（数据共享）" in citizen.content() and EMPLOYER not in citizen.content()
    citizen.get_by_role("button", name="确认提交").click()
    citizen.wait_for_url(re.compile(r"/me/applications/\d+/$"))
    number = citizen.locator(".case-number").inner_text().strip()
    assert number.startswith("RSJ") and f"办件编号：{number}" in citizen.content()
    detail_url = citizen.url

    # the same pages on a phone (390 px): nothing wider than the screen
    phone = browser.new_context(
        base_url=e2e_server.base_url, locale="zh-CN", viewport={"width": 390, "height": 844}
    ).new_page()
    login(phone, "citizen")
    phone.goto("/apply/RSJ-20-0001/")
    phone.get_by_role("button", name="开始申请").click()
    phone.wait_for_url(re.compile(r"/step/1/"))
    phone.get_by_role("button", name="保存并继续").click()
    phone.wait_for_url(re.compile(r"/data/$"))
    _shot(phone, "consent-390")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.check("#consent-id_card input[value=fetch]")
    phone.check("#consent-social_insurance input[value=upload]")
    phone.get_by_role("button", name="确认授权").click()
    phone.wait_for_load_state("networkidle")
    phone_draft = phone.url.rsplit("/data/", 1)[0]
    _wait_for_text(phone, f"{phone_draft}/data/", "来自 市公安局")
    phone.locator("#preview-id_card").get_by_role("button", name="使用", exact=True).click()
    phone.wait_for_load_state("networkidle")
    _shot(phone, "preview-390")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto(f"{phone_draft}/step/2/")
    _shot(phone, "form-390")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    clerk = _as(browser, e2e_server, "clerk")
    clerk.goto("/counter/")
    clerk.get_by_role("link", name=number).click()
    assert "免提交（数据共享）" in clerk.content() and EMPLOYER not in clerk.content()
    # 受理 holds only once every material is checked 符合 (the window's rule).
    selects = clerk.locator("table.check-table select")
    for i in range(selects.count()):
        selects.nth(i).select_option("ok")
    clerk.get_by_role("button", name="受理", exact=True).click()
    clerk.wait_for_load_state("networkidle")
    assert "已受理" in clerk.content()

    reviewer = _as(browser, e2e_server, "reviewer")
    reviewer.goto("/review/")
    reviewer.get_by_role("link", name=number).click()
    content = reviewer.content()
    assert "张伟" in content and "上海某某贸易有限公司" in content
    for declined in (EMPLOYER, "暂停参保", "已选择不使用"):
        assert declined not in content, declined
    _shot(reviewer, "review-desktop")
    reviewer.get_by_role("button", name="开始审查").click()
    reviewer.wait_for_load_state("networkidle")
    reviewer.fill("textarea[name=reason]", "符合失业登记条件")
    reviewer.get_by_role("button", name="准予许可").click()
    reviewer.wait_for_load_state("networkidle")

    _wait_for_text(citizen, detail_url, "办理结果证书（PDF）")
    assert "已办结" in citizen.content()
    with citizen.expect_download() as download_info:
        citizen.get_by_role("link", name=re.compile("办理结果证书")).click()
    download = download_info.value
    path = download.path()
    data = open(path, "rb").read()
    assert data.startswith(b"%PDF-")
    code = (
        citizen.locator(".documents li", has_text="办理结果证书")
        .locator("small")
        .inner_text()
        .split()[-1]
    )
    # signed by the department, QR to PORTAL_BASE_URL/verify/<code>/, in 我的电子证照
    ca = Path(e2e_server.env["VAR_DIR"]) / "private" / "signing" / "ca.cert.pem"
    report = pdf_signature_report(data, trust_root_pem=ca.read_bytes())
    assert report.ok and report.signer == "市人力资源和社会保障局", report
    assert qr_payloads(data, tmp_path) == [f"{e2e_server.base_url}/verify/{code}/"]
    _wait_for_text(citizen, "/me/licences/", number)
    assert "市人力资源和社会保障局" in citizen.content()

    citizen.goto(detail_url)  # back from 我的电子证照 to the case, where the rating is offered
    citizen.get_by_role("link", name="评价本次服务").click()
    citizen.check("input[name=level][value='1']")
    citizen.fill("textarea[name=text]", "全程网办，不用跑腿")
    citizen.get_by_role("button", name="提交评价").click()
    citizen.wait_for_load_state("networkidle")
    assert "已评价" in citizen.content() and "非常满意" in citizen.content()

    public = browser.new_page(base_url=e2e_server.base_url)
    public.goto(f"/verify/{code}/")
    assert "真实有效" in public.content() and number in public.content()
    assert "张伟" not in public.content() and "张*" in public.content()

    citizen.goto("/me/data-access/")
    content = citizen.content()
    assert "RSJ-20-0001" in content or "失业登记" in content
    assert "市公安局" in content or "居民户籍信息" in content
    assert "您选择不使用，数据已删除" in content and "application:" not in content


def test_supplement_pauses_and_resumes_clock(browser, e2e_server, tmp_path):
    # the demo has 李娜's 失业登记 waiting at the window
    clerk = _as(browser, e2e_server, "clerk")
    # the queue holds the demo's months of history too: search it as a clerk would
    clerk.goto("/counter/?applicant=李娜&service=失业登记")
    row = clerk.locator("table.queue-table tbody tr", has_text="失业登记").first  # name masked: 李*
    number = row.locator("a").inner_text().strip()
    row.locator("a").click()
    clerk.check("input[name=items][value=termination_proof]")
    clerk.fill("#note_termination_proof", "缺少用人单位盖章")
    clerk.fill("#reason", "请补充加盖用人单位公章的解除劳动合同证明。")
    clerk.get_by_role("button", name="一次性告知补正").click()
    clerk.wait_for_load_state("networkidle")
    assert "待补正" in clerk.content()

    def paused_since() -> str:
        return (
            e2e_server.manage(
                "shell",
                "-c",
                f"from applications.models import Application as A; print(A.objects.get(number='{number}').paused_since)",
            )
            .strip()
            .splitlines()[-1]
        )

    assert paused_since() != "None"

    applicant = _as(browser, e2e_server, "citizen2")
    applicant.goto("/me/applications/")
    applicant.locator("tr", has_text=number).get_by_role("link", name="查看").click()
    assert "暂停计时" in applicant.content() and "缺少用人单位盖章" in applicant.content()
    proof = tmp_path / "盖章证明.pdf"
    proof.write_bytes(PDF)
    applicant.locator("#sup-termination_proof").set_input_files(str(proof))
    applicant.locator(".notice-supplement").get_by_role("button", name="上传").click()
    applicant.wait_for_load_state("networkidle")
    applicant.get_by_role("button", name="提交补正材料").click()
    applicant.wait_for_load_state("networkidle")
    assert "办理时限恢复计算" in applicant.content()
    assert "暂停计时" not in applicant.content()
    assert paused_since() == "None"
