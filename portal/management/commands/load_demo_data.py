"""Load the demo content of every app, in dependency order. Safe to run repeatedly."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.services.setup import portal_setup


class Command(BaseCommand):
    help = "Create (or refresh) the demo departments, accounts and content."

    def handle(self, *args, **options) -> None:
        # What a real installation has without demo data (`setup_portal`) comes first, so that
        # each demo builds on the same groups, permissions, workflows and calendar.
        portal_setup()
        for dotted in settings.DEMO_DATA_LOADERS:
            self.stdout.write(f"Loading {dotted} …")
            import_module(dotted).load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
