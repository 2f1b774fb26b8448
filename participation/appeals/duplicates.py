"""并单 candidates: open appeals in the same region whose text is similar to this one.

Texts are segmented with jieba at intake (Appeal.tokens). On PostgreSQL with pg_trgm the
candidates are ranked by trigram similarity of those tokens (a GIN index over the open
appeals only, migrations 0003 and 0005);
elsewhere (SQLite) by token overlap over the region's recent open appeals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.utils import timezone

from participation.appeals.constants import OPEN_STATES
from participation.appeals.models import Appeal
from participation.appeals.text import overlap_similarity

WINDOW_DAYS = 90
THRESHOLD = 0.5
FALLBACK_SCAN = 400


@dataclass
class Candidate:
    appeal: Appeal
    score: float


@lru_cache(maxsize=1)
def _trigram_available() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        return cursor.fetchone() is not None


def _open_in_region(appeal: Appeal):
    since = (appeal.created_at or timezone.now()) - dt.timedelta(days=WINDOW_DAYS)
    qs = Appeal.objects.filter(
        region_code=appeal.region_code,
        state__in=OPEN_STATES,
        merged_into__isnull=True,
        created_at__gte=since,
    )
    return qs.exclude(pk=appeal.pk) if appeal.pk else qs


def duplicate_candidates(*, appeal: Appeal, limit: int = 5) -> list[Candidate]:
    if not appeal.tokens:
        return []
    if _trigram_available():
        return _by_trigram(appeal, limit)
    return _by_overlap(appeal, limit)


def _by_trigram(appeal: Appeal, limit: int) -> list[Candidate]:
    """`<%` (word similarity above pg_trgm's threshold) uses the GIN index; then rank."""
    query = appeal.tokens[:400]
    qs = (
        _open_in_region(appeal)
        .extra(
            select={"score": "word_similarity(%s, tokens)"},
            select_params=[query],
            where=["%s <%% tokens"],
            params=[query],
        )
        .order_by("-score")[:limit]
    )
    return [Candidate(appeal=a, score=float(a.score)) for a in qs if a.score >= THRESHOLD]


def _by_overlap(appeal: Appeal, limit: int) -> list[Candidate]:
    mine = set(appeal.tokens.split())
    scored = []
    rows = _open_in_region(appeal).order_by("-created_at").values_list("pk", "tokens")
    for pk, text in rows[:FALLBACK_SCAN]:
        score = overlap_similarity(mine, set(text.split()))
        if score >= THRESHOLD:
            scored.append((score, pk))
    scored.sort(reverse=True)
    top = scored[:limit]
    by_pk = Appeal.objects.in_bulk([pk for _s, pk in top])
    return [Candidate(appeal=by_pk[pk], score=score) for score, pk in top if pk in by_pk]
