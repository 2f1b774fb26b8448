"""Verify the exchange log's hash chain; names the first broken record and exits non-zero."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from data_exchange.exchange_log import log_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the data exchange log."

    def handle(self, *args, **options) -> None:
        report = log_verify()
        if not report.ok:
            raise CommandError(
                f"exchange log chain broken at record {report.first_broken_id}: {report.reason} "
                f"({report.checked} records checked)"
            )
        self.stdout.write(self.style.SUCCESS(f"exchange log intact: {report.checked} records"))
