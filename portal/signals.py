"""Cache invalidation only (no business rules, STYLE.md).

Publishing, unpublishing or deleting a list entry bumps the public pages' cache version;
negative-list changes also clear the lookup index.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from portal.lists_cache import lists_version_bump
from portal.models import (
    Industry,
    IndustrySynonym,
    NegativeListItem,
    PowerEntry,
    PublicServiceEntry,
)
from portal.negative_lookup import negative_lookup_invalidate


def _changed(sender, **kwargs) -> None:
    lists_version_bump()
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
