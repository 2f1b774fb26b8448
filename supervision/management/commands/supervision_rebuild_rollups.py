"""Rebuild supervision's daily rollups for a range of days (default: the last 190 days)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from supervision.rollups import rollups_rebuild


class Command(BaseCommand):
    help = "Recompute the supervision rollups for --start..--end (ISO dates, inclusive)."

    def add_arguments(self, parser):
        parser.add_argument("--start", default="")
        parser.add_argument("--end", default="")
        parser.add_argument("--chunk-days", type=int, default=7)

    def handle(self, *args, start: str, end: str, chunk_days: int, **options):
        try:
            end_day = dt.date.fromisoformat(end) if end else timezone.localdate()
            start_day = dt.date.fromisoformat(start) if start else end_day - dt.timedelta(days=190)
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        if start_day > end_day:
            raise CommandError("开始日期晚于结束日期。")
        days = rollups_rebuild(start=start_day, end=end_day, chunk_days=max(chunk_days, 1))
        self.stdout.write(f"rebuilt {days} days ({start_day} … {end_day})")
