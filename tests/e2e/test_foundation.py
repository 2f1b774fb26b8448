import pytest

from tests.fixtures.browser import login

pytestmark = pytest.mark.e2e


def test_citizen_logs_in_and_sees_chinese_home_with_name(page):
    login(page, "citizen")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator(".hero__greeting").inner_text() == "您好，张伟"
    nav = page.locator("nav.main-nav").inner_text()
    for label in ["首页", "办事服务", "四张清单", "惠企政策", "我的办件"]:
        assert label in nav


def test_anonymous_sees_login_in_header_and_can_switch_to_english(page):
    page.goto("/")
    assert "登录" in page.locator("nav.main-nav").inner_text()
    page.click(".lang-switch a[hreflang=en]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Sign in" in page.locator("nav.main-nav").inner_text()


def test_wrong_password_shows_clear_message(page):
    login(page, "citizen2", "not-the-password")
    assert "/accounts/login/" in page.url
    assert "用户名和/或密码不正确" in page.content() or "不正确" in page.content()


def test_clerk_opens_staff_home_and_citizen_is_forbidden(page):
    login(page, "clerk")
    assert page.goto("/staff/").status == 200
    assert "窗口受理" in page.locator("main").inner_text()
    page.context.clear_cookies()
    login(page, "citizen")
    assert page.goto("/staff/").status == 403


def test_english_browser_still_gets_chinese_by_default(browser, e2e_server):
    context = browser.new_context(base_url=e2e_server.base_url, locale="en-US")
    page = context.new_page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "办事服务" in page.locator("nav.main-nav").inner_text()
    context.close()


def test_large_text_mode_toggles(page):
    page.goto("/")
    page.click("text=长者大字版")
    classes = (page.locator("html").get_attribute("class") or "").split()
    assert "large-text" in classes  # beside "js", which the frame script sets
    page.click("text=标准版")
    classes = (page.locator("html").get_attribute("class") or "").split()
    assert "large-text" not in classes
