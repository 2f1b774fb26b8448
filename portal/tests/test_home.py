"""The home page a visitor lands on: popular services, notices, icons, and the page cache.

Anonymous pages are served by config.pagecache; these tests request them the way a visitor
does, twice where the second answer must come from the cache yet show what changed.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from applications.models import Application
from applications.tests.factories import ServiceFactory, submitted_application
from participation.notices import banner
from participation.notices.models import EmergencyBanner, NoticeIndexPage, NoticePage
from participation.tests.factories import home_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_banner():
    banner.banner_forget()
    yield
    banner.banner_forget()


def _notice_index(home):
    index = NoticeIndexPage(title="通知公告", slug="notices")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _notice(index, title: str, slug: str) -> NoticePage:
    page = NoticePage(title=title, slug=slug, summary="摘要", body="<p>正文</p>")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_home_lists_latest_notices_with_a_link_to_all_notices(client):
    index = _notice_index(home_page())
    notice = _notice(index, "元旦期间政务服务中心办公时间", "holiday")
    body = client.get("/").content.decode()
    assert "元旦期间政务服务中心办公时间" in body
    assert f'href="{notice.url}"' in body
    assert 'href="/notices/"' in body


def test_home_lists_services_most_applied_for_lately_not_drafts_or_old_ones(client):
    home_page()
    popular = ServiceFactory(name="失业登记热门")
    quiet = ServiceFactory(name="冷门事项")
    old = ServiceFactory(name="很久以前的事项")
    for _ in range(3):
        submitted_application(service=popular)
    submitted_application(service=quiet)
    stale = submitted_application(service=old)
    Application.objects.filter(pk=stale.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=90)
    )
    body = client.get("/").content.decode()
    section = body[body.index('id="popular-heading"') : body.index('id="notices-heading"')]
    assert section.index("失业登记热门") < section.index("冷门事项")
    assert f'href="/services/{popular.code}/"' in section
    assert "很久以前的事项" not in section


def test_home_links_to_appeals_consultations_and_notices_in_header_footer_and_body(client):
    home_page()
    body = client.get("/").content.decode()
    header = body[: body.index("<main")]
    footer = body[body.index("<footer") :]
    for href in ('href="/appeals/new/"', 'href="/consultations/"', 'href="/notices/"'):
        assert href in header, href
        assert href in footer, href
    assert 'href="tel:12345"' in body


def test_icons_are_local_svgs_hidden_from_screen_readers_and_images_have_alt(client):
    home_page()
    body = client.get("/").content.decode()
    svgs = re.findall(r"<svg [^>]*>", body)
    assert len(svgs) >= 9
    for svg in svgs:
        assert 'aria-hidden="true"' in svg or ('role="img"' in svg and "aria-label=" in svg)
        assert 'focusable="false"' in svg
    for img in re.findall(r"<img [^>]*>", body):
        assert "alt=" in img
    assert "cdn" not in body.lower()
    assert 'class="icon icon--' not in body.replace("icon icon--red", "").replace(
        "icon icon--inline", ""
    )  # no more coloured squares


def test_cached_home_page_shows_a_published_change_on_the_next_request(client):
    home = home_page()
    index = _notice_index(home)
    first = client.get("/").content.decode()
    assert "暴雨天气停办通知" not in first
    assert client.get("/").content.decode() == first  # served from the cache
    _notice(index, "暴雨天气停办通知", "storm")
    assert "暴雨天气停办通知" in client.get("/").content.decode()


def test_cached_home_page_changes_when_the_home_page_itself_is_published(client):
    home = home_page()
    client.get("/")
    home.hero_title = "一网通办，一次办好"
    home.save_revision().publish()
    assert "一网通办，一次办好" in client.get("/").content.decode()


def test_emergency_banner_appears_on_the_cached_home_page(client):
    home_page()
    assert "暴雨红色预警" not in client.get("/").content.decode()
    now = timezone.now()
    EmergencyBanner.objects.create(
        title="暴雨红色预警",
        message="今日线下窗口暂停服务",
        level="red",
        starts_at=now - dt.timedelta(minutes=1),
        ends_at=now + dt.timedelta(hours=2),
    )
    banner.banner_forget()  # what PARTICIPATION_BANNER_SECONDS does within a minute
    body = client.get("/").content.decode()
    assert "暴雨红色预警" in body


def test_signed_in_visitor_gets_a_fresh_page_not_the_anonymous_copy(client):
    from accounts.tests.factories import UserFactory

    home_page()
    client.get("/")
    user = UserFactory()
    client.force_login(user)
    body = client.get("/").content.decode()
    assert user.display_name in body


def test_elder_mode_home_is_the_simplified_page_with_popular_services_linking_to_guides(client):
    """长者 mode: `/` serves the simplified home (big tiles for the most used services, search,
    12345 to call, a way back), not the standard one; the standard home stays as it was."""
    home_page()
    popular = ServiceFactory(name="养老金领取资格认证")
    quiet = ServiceFactory(name="冷门事项")
    for _ in range(3):
        submitted_application(service=popular)
    submitted_application(service=quiet)

    standard = client.get("/").content.decode()
    assert 'class="elder-tiles"' not in standard
    assert 'id="popular-heading"' in standard

    client.cookies["ywtb_large_text"] = "1"
    for _ in range(2):  # the second answer comes from the page cache, keyed on the mode
        body = client.get("/").content.decode()
        assert 'class="large-text"' in body
        assert "长者版首页" in body
        tiles = body[body.index('class="elder-tiles"') : body.index('id="elder-help-heading"')]
        assert f'href="/services/{popular.code}/"' in tiles
        assert tiles.index("养老金领取资格认证") < tiles.index("冷门事项")
        assert 'action="/search/"' in body and 'name="q"' in body
        assert 'href="tel:12345"' in body[body.index("<main") : body.index("</main>")]
        assert 'href="/large-text/?next=/"' in body  # 返回标准版首页
        assert 'id="popular-heading"' not in body  # not the standard home
        assert "<dialog" not in body and 'role="dialog"' not in body  # no pop-ups

    client.cookies.pop("ywtb_large_text")
    assert 'class="elder-tiles"' not in client.get("/").content.decode()


def test_switching_elder_mode_on_and_off_from_the_home_page(client):
    home_page()
    response = client.get("/large-text/?next=/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "长者版首页" in client.get("/").content.decode()
    client.get("/large-text/?next=/")
    assert "长者版首页" not in client.get("/").content.decode()
