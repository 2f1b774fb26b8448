"""Writes of the service catalogue: publishing guides, the cache version, the roles' permissions.

Editorial changes normally go through the Wagtail admin (drafts → 办事指南审核 workflow →
publish). These functions are for loaders, commands and other apps' tooling.
"""

from __future__ import annotations

import os
import threading
import time

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction

from accounts.constants import Role
from accounts.services import role_group
from services_catalog.models import LifeEvent, Material, ServiceItem, ServiceTheme
from services_catalog.selectors import CATALOG_VERSION_KEY, catalog_version, catalog_version_path

# Materials, themes and life events are set from these keys; the rest are model fields.
_RELATION_KEYS = ("materials", "themes", "life_events", "joint_departments")


def catalog_version_bump() -> int:
    """Invalidate every cached catalogue page and PDF (called when catalogue content changes)."""
    if settings.SERVICES_CATALOG_VERSION_STORE == "cache":
        try:
            return cache.incr(CATALOG_VERSION_KEY)
        except ValueError:
            version = int(time.time() * 1000)
            cache.set(CATALOG_VERSION_KEY, version, None)
            return version
    # A fresh, unique number written atomically: concurrent bumps each leave a new value.
    version = max(time.time_ns(), catalog_version() + 1)
    path = catalog_version_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(str(version))
    os.replace(tmp, path)
    return version


@transaction.atomic
def service_save_and_publish(*, code: str, values: dict, user=None) -> ServiceItem:
    """Create or update the service `code` from `values` and publish it as a new revision.

    `values` holds model fields plus "materials" (list of dicts of Material fields),
    "themes" / "life_events" (lists of instances) and "joint_departments" (Departments).
    Going through save_revision() + publish() keeps the history and fires the
    published signal exactly as an approved admin edit does.
    """
    service = ServiceItem.objects.filter(code=code).first() or ServiceItem(code=code)
    for key, value in values.items():
        if key not in _RELATION_KEYS:
            setattr(service, key, value)
    if service.pk is None:
        service.live = False
        service.save()
    existing = {m.code: m for m in service.materials.all()}
    materials = []
    for order, data in enumerate(values.get("materials", [])):
        material = existing.get(data["code"]) or Material(service=service, code=data["code"])
        for key, value in data.items():
            setattr(material, key, value)
        material.sort_order = order
        materials.append(material)
    service.materials = materials
    if "themes" in values:
        service.themes = values["themes"]
    if "life_events" in values:
        service.life_events = values["life_events"]
    if "joint_departments" in values:
        service.joint_departments = values["joint_departments"]
    revision = service.save_revision(user=user, log_action=False)
    revision.publish(user=user, log_action=False)
    service.refresh_from_db()
    return service


def service_unpublish(*, service: ServiceItem, user=None) -> ServiceItem:
    """Take a service off the public site (the unpublished signal bumps the cache version)."""
    service.unpublish(user=user, log_action=False)
    return service


def _permissions(model, actions: list[str]) -> list[Permission]:
    names = [f"{a}_{model._meta.model_name}" for a in actions]
    return list(
        Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(model), codename__in=names
        )
    )


def catalog_roles_grant() -> None:
    """Publishers draft and submit guides; 系统管理员 also publish and manage themes/events.

    Additive and idempotent (called by ``manage.py setup_portal``).
    """
    publisher = role_group(role=Role.LIST_PUBLISHER)
    admins = role_group(role=Role.ADMIN)
    publisher.permissions.add(*_permissions(ServiceItem, ["add", "change", "view"]))
    admins.permissions.add(
        *_permissions(
            ServiceItem, ["add", "change", "delete", "publish", "lock", "unlock", "view"]
        ),
        *_permissions(ServiceTheme, ["add", "change", "delete", "view"]),
        *_permissions(LifeEvent, ["add", "change", "delete", "view"]),
    )
