"""Re-index a record when Wagtail publishes, unpublishes or deletes it.

These receivers hold no rule: they only ask search.services to refresh the one
document, after the publishing transaction commits.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from search.documents import PROVIDERS, providers_for_instance
from search.services import search_document_refresh, search_document_remove

logger = logging.getLogger(__name__)


def _refresh(sender, instance, **kwargs) -> None:
    if not providers_for_instance(instance):
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
    if not providers_for_instance(instance):
        return
    transaction.on_commit(lambda: search_document_remove(instance=instance))


def connect() -> None:
    """Listen only to the indexed models: a post_delete receiver for every model would
    stop Django's fast bulk deletes (the index rebuild deletes millions of rows)."""
    for provider in PROVIDERS.values():
        try:
            models = provider.models()
        except (ImportError, LookupError):
            continue
        for model in models:
            uid = f"search_{model._meta.label_lower}"  # one receiver per model
            published.connect(_refresh, sender=model, dispatch_uid=f"{uid}_published")
            unpublished.connect(_refresh, sender=model, dispatch_uid=f"{uid}_unpublished")
            post_delete.connect(_remove, sender=model, dispatch_uid=f"{uid}_deleted")
