"""Re-index a record when Wagtail publishes, unpublishes or deletes it.

These receivers hold no rule: they only ask search.services to refresh the one
document, after the publishing transaction commits.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

logger = logging.getLogger(__name__)


def _refresh(sender, instance, **kwargs) -> None:
    from search.documents import provider_for_instance
    from search.services import search_document_refresh

    if provider_for_instance(instance) is None:
        return

    def run() -> None:
        try:
            search_document_refresh(instance=instance)
        except Exception:  # the index must never break publishing; a rebuild repairs it
            logger.exception(
                "search: could not re-index %s %s", type(instance).__name__, instance.pk
            )

    transaction.on_commit(run)


def _remove(sender, instance, **kwargs) -> None:
    from search.documents import provider_for_instance
    from search.services import search_document_remove

    if provider_for_instance(instance) is None:
        return
    transaction.on_commit(lambda: search_document_remove(instance=instance))


def connect() -> None:
    published.connect(_refresh, dispatch_uid="search_published")
    unpublished.connect(_refresh, dispatch_uid="search_unpublished")
    post_delete.connect(_remove, dispatch_uid="search_deleted")
