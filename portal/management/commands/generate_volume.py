"""Generate benchmark volume: 10,000 services (catalogue) and 20,000 power entries (lists).

Run after `load_demo_data`: the volume rows are district-level copies of the demo content.
Idempotent; `--delete` removes the generated rows again.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from portal import services as portal_services


class Command(BaseCommand):
    help = (
        "Create volume data for benchmarks (10,000 services and 20,000 power entries by default)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=10_000)
        parser.add_argument("--powers", type=int, default=20_000)
        parser.add_argument(
            "--delete", action="store_true", help="remove the generated volume rows"
        )

    def handle(self, *args, services: int, powers: int, delete: bool, **options):
        from services_catalog import services as catalogue_services

        if delete:
            n_services = catalogue_services.volume_services_delete()
            n_powers = portal_services.power_volume_delete()
            self.stdout.write(f"deleted {n_services} service rows and {n_powers} power rows")
            return
        started = time.monotonic()
        created_services = catalogue_services.services_generate_volume(count=services)
        self.stdout.write(
            f"services: {created_services} created ({time.monotonic() - started:.1f}s)"
        )
        started = time.monotonic()
        created_powers = portal_services.power_volume_generate(count=powers)
        self.stdout.write(
            f"power entries: {created_powers} created ({time.monotonic() - started:.1f}s)"
        )
