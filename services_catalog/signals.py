"""Cache invalidation wiring: published catalogue content changed → bump catalog_version.

This is infrastructure only (no business rule): Wagtail sends `published`/`unpublished`
for snippets, and deletes or theme/life-event edits change what browse pages show.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from services_catalog.models import LifeEvent, Material, ServiceItem, ServiceTheme
from services_catalog.services import catalog_version_bump


def _bump(**kwargs) -> None:
    catalog_version_bump()
    # Again after commit, so a request that read the old rows before the commit cannot have
    # cached them under the new version.
    transaction.on_commit(catalog_version_bump)


def agreement_withdrawn(*, service_code: str, evidence_type: str) -> None:
    """data_exchange.hooks callback: the guide no longer says 免提交 for that material."""
    catalog_version_bump()


def connect() -> None:
    published.connect(_bump, sender=ServiceItem, dispatch_uid="services_catalog_published")
    unpublished.connect(_bump, sender=ServiceItem, dispatch_uid="services_catalog_unpublished")
    post_delete.connect(_bump, sender=ServiceItem, dispatch_uid="services_catalog_deleted")
    # Direct saves too (drafts only touch the revision fields, but imports, fixtures and
    # scripts may write rows): an extra miss is cheap, a stale page is not.
    post_save.connect(_bump, sender=ServiceItem, dispatch_uid="services_catalog_saved")
    post_save.connect(_bump, sender=Material, dispatch_uid="services_catalog_material_saved")
    post_delete.connect(_bump, sender=Material, dispatch_uid="services_catalog_material_deleted")
    for model in (ServiceTheme, LifeEvent):
        post_save.connect(_bump, sender=model, dispatch_uid=f"services_catalog_{model.__name__}_s")
        post_delete.connect(
            _bump, sender=model, dispatch_uid=f"services_catalog_{model.__name__}_d"
        )
