"""Cache invalidation only: a published or unpublished negative-list item clears the lookup index.

No business rules here (STYLE.md); the lookup index is a pure cache of live rows.
"""

from __future__ import annotations

from wagtail.signals import published, unpublished

from portal.models import NegativeListItem
from portal.selectors import negative_lookup_invalidate


def _invalidate(sender, **kwargs) -> None:
    negative_lookup_invalidate()


published.connect(_invalidate, sender=NegativeListItem, dispatch_uid="portal-negative-published")
unpublished.connect(
    _invalidate, sender=NegativeListItem, dispatch_uid="portal-negative-unpublished"
)
