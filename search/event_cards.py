"""The 一件事 card: when a query names a life event, the results page shows that event first.

Life events are read through services_catalog's selectors, once per process per index version
and at most every CACHE_SECONDS (they change rarely), so a search costs no extra query.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from search import text

CACHE_SECONDS = 300
_lock = threading.Lock()
_events: tuple[int, float, list[EventCard]] | None = None


@dataclass(frozen=True)
class EventCard:
    code: str
    name: str
    description: str
    service_count: int
    url: str
    name_en: str = ""  # "" when the life event has no English version
    description_en: str = ""


def _load(version: int) -> list[EventCard]:
    global _events
    current = _events
    if (
        current is not None
        and current[0] == version
        and time.monotonic() - current[1] < CACHE_SECONDS
    ):
        return current[2]
    from services_catalog.selectors import life_events

    base = reverse("services_catalog:browse")
    cards = [
        EventCard(
            code=e.code,
            name=e.name,
            description=e.description,
            service_count=e.service_count,
            url=f"{base}?{urlencode({'event': e.code})}",
            name_en=e.name_en,
            description_en=e.description_en,
        )
        for e in life_events().order_by("sort_order", "name")
        if e.service_count
    ]
    with _lock:
        _events = (version, time.monotonic(), cards)
    return cards


def clear_cache() -> None:
    global _events
    with _lock:
        _events = None


def event_for_query(*, query: str, expansions: list[str], version: int) -> EventCard | None:
    """The life event the query names: its name in the query, the query (≥ 2 characters) in
    its name, or its name in a synonym expansion (生孩子 → 新生儿出生一件事联办)."""
    compact = text.normalise(query).replace(" ", "")
    if len(compact) < 2 or not text.is_cjk(compact):
        return None
    targets = [text.normalise(t) for t in expansions]
    for card in _load(version):
        name = text.normalise(card.name)
        if name in compact or compact in name or any(name in t for t in targets):
            return card
    return None
