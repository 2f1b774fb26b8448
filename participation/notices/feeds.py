"""RSS 2.0 and Atom feeds of the latest notices (/notices/feed/rss/, /notices/feed/atom/)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from participation.notices.selectors import notices_latest


class NoticesRssFeed(Feed):
    title = _("通知公告")
    link = "/notices/"
    description = _("通知公告与政策解读")

    def items(self):
        return notices_latest(limit=30)

    def item_title(self, item):
        return f"【{item.get_kind_display()}】{item.title}"

    def item_description(self, item):
        return item.summary or strip_tags(item.body)[:200]

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class NoticesAtomFeed(NoticesRssFeed):
    feed_type = Atom1Feed
    subtitle = NoticesRssFeed.description
