"""Cache invalidation only (no business rules, STYLE.md).

Publishing, unpublishing or deleting a list entry, and publishing, unpublishing, moving or
deleting any Wagtail page, bumps config.pagecache's version (list pages, home page, policy
channel); negative-list changes also clear the lookup index.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from config.pagecache import pages_version_bump
from portal.models import (
    Industry,
    IndustrySynonym,
    NegativeListItem,
    PowerEntry,
    PublicServiceEntry,
)
from portal.negative_lookup import negative_lookup_invalidate


def _changed(sender, **kwargs) -> None:
    pages_version_bump()
    if sender is NegativeListItem:
        negative_lookup_invalidate()


for model in (PowerEntry, NegativeListItem, PublicServiceEntry):
    for signal in (published, unpublished, post_delete):
        signal.connect(
            _changed, sender=model, dispatch_uid=f"portal-lists-{signal!r}-{model.__name__}"
        )


def _industries_changed(sender, **kwargs) -> None:
    negative_lookup_invalidate()


for model in (Industry, IndustrySynonym):
    for signal in (post_save, post_delete):
        signal.connect(
            _industries_changed,
            sender=model,
            dispatch_uid=f"portal-industry-{signal!r}-{model.__name__}",
        )


def _public_pages_changed(**kwargs) -> None:
    pages_version_bump()
    # Again after commit, so a request that read the old rows before the commit cannot have
    # cached them under the new version.
    transaction.on_commit(pages_version_bump)


# Any Wagtail page (home, policy channel, notices, consultations): the cached public pages
# show titles and links of other pages, so every publish makes them all fresh.
page_published.connect(_public_pages_changed, dispatch_uid="portal-pages-published")
page_unpublished.connect(_public_pages_changed, dispatch_uid="portal-pages-unpublished")
page_slug_changed.connect(_public_pages_changed, dispatch_uid="portal-pages-slug")
post_page_move.connect(_public_pages_changed, dispatch_uid="portal-pages-moved")
post_delete.connect(_public_pages_changed, sender=Page, dispatch_uid="portal-pages-deleted")
for signal in (post_save, post_delete):
    signal.connect(
        _public_pages_changed,
        sender=PageViewRestriction,
        dispatch_uid=f"portal-pages-restriction-{signal!r}",
    )
