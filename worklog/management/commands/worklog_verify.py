"""Verify the work record's hash chain; names the first broken record and exits 1."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from worklog.archive import archive_verify
from worklog.models import WorkLogArchive
from worklog.services import WORK_RECORD_CHAIN


class Command(BaseCommand):
    help = "Verify the hash chain of the work record (工作记实), and optionally its archives."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--archives", action="store_true", help="also re-verify every archive file"
        )

    def handle(self, *args, archives: bool = False, **options) -> None:
        if archives:
            for archive in WorkLogArchive.objects.order_by("first_id"):
                report = archive_verify(archive=archive)
                if not report.ok:
                    raise CommandError(
                        f"work record archive {archive.path} broken at record "
                        f"{report.first_broken_id}: {report.reason}"
                    )
            self.stdout.write(f"archives intact: {WorkLogArchive.objects.count()} segments")
        report = WORK_RECORD_CHAIN.verify()
        if not report.ok:
            raise CommandError(
                f"work record chain broken at record {report.first_broken_id}: {report.reason} "
                f"({report.checked} records checked)"
            )
        self.stdout.write(self.style.SUCCESS(f"work record intact: {report.checked} records"))
