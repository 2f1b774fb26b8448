"""Writes of the service catalogue: publishing guides, the cache version, volume data.

Editorial changes normally go through the Wagtail admin (drafts → 办事指南审核 workflow →
publish). These functions are for loaders, commands and other apps' tooling.
"""

from __future__ import annotations

import itertools
import os
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from services_catalog.models import Material, ServiceItem
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


DISTRICTS = [
    ("310101", "黄浦区"),
    ("310104", "徐汇区"),
    ("310105", "长宁区"),
    ("310106", "静安区"),
    ("310107", "普陀区"),
    ("310109", "虹口区"),
    ("310110", "杨浦区"),
    ("310112", "闵行区"),
    ("310113", "宝山区"),
    ("310114", "嘉定区"),
    ("310115", "浦东新区"),
    ("310116", "金山区"),
    ("310117", "松江区"),
    ("310118", "青浦区"),
    ("310120", "奉贤区"),
    ("310151", "崇明区"),
]
VOLUME_PREFIX = "V"


def services_generate_volume(*, count: int) -> int:
    """Bulk-create live services until `count` volume services exist; returns how many were created.

    Volume services are district-level copies (实施编码 "V<6 digits>-<district>") of the
    published demo guides, with their materials, themes and life events, so that browse
    pages and benchmarks see realistic rows. Run the demo loader first. Idempotent: running
    it again with the same count creates nothing.
    """
    templates = list(
        ServiceItem.objects.filter(live=True)
        .exclude(code__startswith=VOLUME_PREFIX)
        .prefetch_related("materials", "themes", "life_events")
        .order_by("code")
    )
    if not templates or count <= 0:
        return 0
    existing = ServiceItem.objects.filter(code__startswith=VOLUME_PREFIX).count()
    if existing >= count:
        return 0
    skip = {f.name for f in ServiceItem._meta.concrete_fields} & {
        "id",
        "code",
        "name",
        "latest_revision",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
        "updated_at",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
    }
    fields = [f for f in ServiceItem._meta.concrete_fields if f.name not in skip]
    material_fields = [f for f in Material._meta.concrete_fields if f.name not in ("id", "service")]
    created = 0
    batch = 1000
    numbers = range(existing + 1, count + 1)
    it = iter(numbers)
    theme_through = ServiceItem.themes.through
    event_through = ServiceItem.life_events.through
    while chunk := list(itertools.islice(it, batch)):
        with transaction.atomic():
            rows = []
            sources = []
            for n in chunk:
                template = templates[n % len(templates)]
                region, district = DISTRICTS[(n // len(templates)) % len(DISTRICTS)]
                item = ServiceItem(
                    code=f"{VOLUME_PREFIX}{n:06d}-{region}",
                    name=f"{template.name}（{district}）",
                    live=True,
                    has_unpublished_changes=False,
                )
                for f in fields:
                    setattr(item, f.attname, getattr(template, f.attname))
                item.location = f"{district}行政服务中心（{template.location}）"
                item.live = True
                rows.append(item)
                sources.append(template)
            ServiceItem.objects.bulk_create(rows, batch_size=500)
            saved = dict(
                ServiceItem.objects.filter(code__in=[r.code for r in rows]).values_list(
                    "code", "pk"
                )
            )
            materials, themes, events = [], [], []
            for item, template in zip(rows, sources, strict=True):
                pk = saved[item.code]
                for m in template.materials.all():
                    copy = Material(service_id=pk)
                    for f in material_fields:
                        setattr(copy, f.attname, getattr(m, f.attname))
                    materials.append(copy)
                themes += [
                    theme_through(serviceitem_id=pk, servicetheme_id=t.pk)
                    for t in template.themes.all()
                ]
                events += [
                    event_through(serviceitem_id=pk, lifeevent_id=e.pk)
                    for e in template.life_events.all()
                ]
            Material.objects.bulk_create(materials, batch_size=1000)
            theme_through.objects.bulk_create(themes, batch_size=1000)
            event_through.objects.bulk_create(events, batch_size=1000)
            created += len(rows)
    catalog_version_bump()
    return created


def volume_services_delete() -> int:
    """Remove the generated volume services (and their materials)."""
    deleted, _ = ServiceItem.objects.filter(code__startswith=VOLUME_PREFIX).delete()
    catalog_version_bump()
    return deleted
