"""Set up what a real installation needs (groups, permissions, workflows). Safe to run again."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from portal.services.setup import portal_setup


class Command(BaseCommand):
    help = (
        "Create the staff role groups and permissions, the home page as site root and the "
        "moderation workflows (清单审核, 办事指南审核, 政策审核). Idempotent; needs no demo data."
    )

    def handle(self, *args, **options) -> None:
        result = portal_setup()
        self.stdout.write(f"groups: {'、'.join(result.groups)}")
        for workflow in result.workflows:
            self.stdout.write(f"workflow: {workflow.name}")
        self.stdout.write(f"site root: {result.home.title}")
        self.stdout.write(self.style.SUCCESS("Portal set up."))
