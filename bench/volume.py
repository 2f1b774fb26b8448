#!/usr/bin/env python
"""Benchmark volume: district-level copies of the demo catalogue and power list.

Bench-only: production apps hold no volume generator. Run after `load_demo_data`:

    .venv/bin/python bench/volume.py [--services 10000] [--powers 20000] [--delete]

Copies are bulk-written (no revisions and no publish signals: this is benchmark data, not
content), so rebuild the search index afterwards (`manage.py rebuild_search_index`).
Idempotent: running it again with the same counts creates nothing.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django  # noqa: E402

if __name__ == "__main__":
    django.setup()

from django.db import models, transaction  # noqa: E402

from portal.models import PowerEntry, PowerLegalBasis, ResponsibilityItem  # noqa: E402
from portal.services import negative_lookup_reset  # noqa: E402
from services_catalog.constants import ExerciseLevel  # noqa: E402
from services_catalog.models import Material, ServiceItem  # noqa: E402
from services_catalog.services import catalog_version_bump  # noqa: E402

SERVICE_PREFIX = "V"  # 实施编码 "V<6 digits>-<district code>"
POWER_PREFIX = "VQL"  # 实施编码 "VQL<6 digits>"
CHUNK = 1000
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
# Fields a copy does not take from its template: identity, names, revisions and locks.
_NOT_COPIED = {
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


def _copied_fields(model: type[models.Model], skip: set[str] = _NOT_COPIED) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in skip]


def _copy(instance: models.Model, template: models.Model, fields: list) -> models.Model:
    for f in fields:
        setattr(instance, f.attname, getattr(template, f.attname))
    return instance


def _chunks(existing: int, count: int) -> Iterator[list[int]]:
    numbers = iter(range(existing + 1, count + 1))
    while chunk := list(itertools.islice(numbers, CHUNK)):
        yield chunk


def _saved_pks(model: type[models.Model], rows: list) -> dict[str, int]:
    return dict(model.objects.filter(code__in=[r.code for r in rows]).values_list("code", "pk"))


def _service_children(rows: list, sources: list, saved: dict[str, int]) -> None:
    """Copy each template's materials, themes and life events onto its copy."""
    material_fields = _copied_fields(Material, {"id", "service"})
    theme_through = ServiceItem.themes.through
    event_through = ServiceItem.life_events.through
    materials, themes, events = [], [], []
    for item, template in zip(rows, sources, strict=True):
        pk = saved[item.code]
        materials += [
            _copy(Material(service_id=pk), m, material_fields) for m in template.materials.all()
        ]
        themes += [
            theme_through(serviceitem_id=pk, servicetheme_id=t.pk) for t in template.themes.all()
        ]
        events += [
            event_through(serviceitem_id=pk, lifeevent_id=e.pk) for e in template.life_events.all()
        ]
    Material.objects.bulk_create(materials, batch_size=1000)
    theme_through.objects.bulk_create(themes, batch_size=1000)
    event_through.objects.bulk_create(events, batch_size=1000)


def services_volume_generate(*, count: int) -> int:
    """Bulk-create live services until `count` volume services exist; returns how many were created.

    District-level copies of the published guides, with their materials, themes and life
    events, so that browse pages and benchmarks see realistic rows.
    """
    templates = list(
        ServiceItem.objects.filter(live=True)
        .exclude(code__startswith=SERVICE_PREFIX)
        .prefetch_related("materials", "themes", "life_events")
        .order_by("code")
    )
    existing = ServiceItem.objects.filter(code__startswith=SERVICE_PREFIX).count()
    if not templates or count <= existing:
        return 0
    fields = _copied_fields(ServiceItem)
    created = 0
    for chunk in _chunks(existing, count):
        with transaction.atomic():
            rows, sources = [], []
            for n in chunk:
                template = templates[n % len(templates)]
                region, district = DISTRICTS[(n // len(templates)) % len(DISTRICTS)]
                item = _copy(ServiceItem(), template, fields)
                item.code = f"{SERVICE_PREFIX}{n:06d}-{region}"
                item.name = f"{template.name}（{district}）"
                item.location = f"{district}行政服务中心（{template.location}）"
                item.live, item.has_unpublished_changes = True, False
                rows.append(item)
                sources.append(template)
            ServiceItem.objects.bulk_create(rows, batch_size=500)
            _service_children(rows, sources, _saved_pks(ServiceItem, rows))
            created += len(rows)
    catalog_version_bump()
    return created


def services_volume_delete() -> int:
    """Remove the generated volume services (and their materials)."""
    deleted, _by_model = ServiceItem.objects.filter(code__startswith=SERVICE_PREFIX).delete()
    catalog_version_bump()
    return deleted


def _power_children(rows: list, sources: list, saved: dict[str, int]) -> None:
    """Copy each template's legal bases and responsibility items onto its copy."""
    bases, duties = [], []
    for entry, template in zip(rows, sources, strict=True):
        pk = saved[entry.code]
        bases += [
            PowerLegalBasis(power_id=pk, sort_order=b.sort_order, law=b.law, article=b.article)
            for b in template.legal_bases.all()
        ]
        duties += [
            ResponsibilityItem(
                power_id=pk,
                sort_order=r.sort_order,
                stage=r.stage,
                duty=r.duty,
                accountability=r.accountability,
                accountability_basis=r.accountability_basis,
            )
            for r in template.responsibilities.all()
        ]
    PowerLegalBasis.objects.bulk_create(bases, batch_size=1000)
    ResponsibilityItem.objects.bulk_create(duties, batch_size=1000)


def power_volume_generate(*, count: int) -> int:
    """Bulk-create live power entries until ``count`` volume entries exist (codes "VQL<6 digits>").

    County-level copies of the live powers, with their legal bases and responsibility items.
    """
    templates = list(
        PowerEntry.objects.filter(live=True)
        .exclude(code__startswith=POWER_PREFIX)
        .prefetch_related("legal_bases", "responsibilities")
        .order_by("code")
    )
    existing = PowerEntry.objects.filter(code__startswith=POWER_PREFIX).count()
    if not templates or count <= existing:
        return 0
    fields = _copied_fields(PowerEntry)
    created = 0
    for chunk in _chunks(existing, count):
        with transaction.atomic():
            rows, sources = [], []
            for n in chunk:
                template = templates[n % len(templates)]
                _region, district = DISTRICTS[(n // len(templates)) % 8]
                entry = _copy(PowerEntry(), template, fields)
                entry.code = f"{POWER_PREFIX}{n:06d}"
                entry.name = f"{template.name}（{district}）"
                entry.live, entry.has_unpublished_changes = True, False
                entry.exercise_level = ExerciseLevel.COUNTY
                rows.append(entry)
                sources.append(template)
            PowerEntry.objects.bulk_create(rows, batch_size=500)
            _power_children(rows, sources, _saved_pks(PowerEntry, rows))
            created += len(rows)
    negative_lookup_reset()
    return created


def power_volume_delete() -> int:
    """Remove the generated volume power entries (and their child rows)."""
    deleted, _by_model = PowerEntry.objects.filter(code__startswith=POWER_PREFIX).delete()
    negative_lookup_reset()
    return deleted


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--powers", type=int, default=20_000)
    parser.add_argument("--delete", action="store_true", help="remove the generated volume rows")
    args = parser.parse_args()
    if args.delete:
        print(
            f"deleted {services_volume_delete()} service rows and {power_volume_delete()} power rows"
        )
        return 0
    for label, generate, count in (
        ("services", services_volume_generate, args.services),
        ("power entries", power_volume_generate, args.powers),
    ):
        started = time.monotonic()
        created = generate(count=count)
        print(f"{label}: {created} created ({time.monotonic() - started:.1f}s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
