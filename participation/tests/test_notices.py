"""Notices, feeds, the latest-notices selector and the emergency banner on cached pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from participation.notices import banner, selectors
from participation.notices.models import EmergencyBanner, NoticeIndexPage, NoticePage
from participation.tests.factories import home_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forget_banner():
    banner.banner_forget()
    yield
    banner.banner_forget()


def _notices():
    home = home_page()
    index = NoticeIndexPage(title="通知公告", slug="notices")
    home.add_child(instance=index)
    index.save_revision().publish()
    live = NoticePage(
        title="元旦办公时间通知", slug="holiday", summary="元旦期间", body="<p>正文</p>"
    )
    index.add_child(instance=live)
    live.save_revision().publish()
    later = NoticePage(
        title="尚未发布的通知",
        slug="later",
        body="<p>x</p>",
        live=False,
        go_live_at=timezone.now() + dt.timedelta(days=2),
    )
    index.add_child(instance=later)
    later.save_revision().publish()  # scheduled: Wagtail keeps it unpublished until go_live_at
    later.refresh_from_db()
    assert not later.live
    return index


def test_latest_notices_skip_scheduled_ones_and_feeds_list_them(client):
    _notices()
    titles = [n.title for n in selectors.notices_latest()]
    assert titles == ["元旦办公时间通知"]
    rss = client.get("/notices/feed/rss/")
    assert rss.status_code == 200 and "元旦办公时间通知" in rss.content.decode()
    assert "尚未发布" not in rss.content.decode()
    atom = client.get("/notices/feed/atom/")
    assert "<feed" in atom.content.decode() and "元旦办公时间通知" in atom.content.decode()
    assert "元旦办公时间通知" in client.get("/notices/").content.decode()


def test_interpretation_needs_its_policy():
    from django.core.exceptions import ValidationError

    page = NoticePage(title="解读", slug="x", kind="interpretation", body="<p>x</p>")
    with pytest.raises(ValidationError):
        page.clean()


def _banner(**kw):
    now = timezone.now()
    values = dict(
        title="暴雨红色预警",
        message="今日线下窗口暂停服务",
        level="red",
        starts_at=now - dt.timedelta(minutes=1),
        ends_at=now + dt.timedelta(hours=2),
    )
    values.update(kw)
    return EmergencyBanner.objects.create(**values)


def test_banner_shows_on_every_page_and_not_after_its_end(client):
    _notices()
    _banner()
    for url in ("/appeals/new/", "/notices/", "/appeals/lookup/"):
        assert "暴雨红色预警" in client.get(url).content.decode()
    EmergencyBanner.objects.update(ends_at=timezone.now() - dt.timedelta(seconds=1))
    banner.banner_forget()
    assert "暴雨红色预警" not in client.get("/appeals/new/").content.decode()


def test_banner_appears_on_a_page_served_from_the_anonymous_cache(client, settings):
    """The lists page is cached for anonymous visitors; the banner still appears on the next hit."""
    first = client.get("/lists/")
    assert first.status_code == 200 and "暴雨红色预警" not in first.content.decode()
    _banner()
    banner.banner_forget()  # what PARTICIPATION_BANNER_SECONDS does by itself
    second = client.get("/lists/")
    assert "暴雨红色预警" in second.content.decode()


def test_banner_memo_expires_within_the_configured_seconds(client, settings, monkeypatch):
    import time

    settings.PARTICIPATION_BANNER_SECONDS = 30
    client.get("/appeals/new/")
    _banner()  # saving in this process forgets the memo at once (signal); other processes wait
    banner._memo["zh-hans"] = (time.monotonic() + 30, b"")
    assert "暴雨红色预警" not in client.get("/appeals/new/").content.decode()
    clock = time.monotonic() + 31
    monkeypatch.setattr(banner.time, "monotonic", lambda: clock)
    assert "暴雨红色预警" in client.get("/appeals/new/").content.decode()


def test_expired_banner_and_bad_link_are_refused_in_clean():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    with pytest.raises(ValidationError):
        EmergencyBanner(title="x", message="y", level="red", starts_at=now, ends_at=now).clean()
    with pytest.raises(ValidationError):
        EmergencyBanner(
            title="x",
            message="y",
            level="red",
            starts_at=now,
            ends_at=now + dt.timedelta(hours=1),
            link_url="//evil.example",
        ).clean()
