"""Seed the demo 行业 and 俗称 (idempotent: existing industries are left to their publishers)."""

from __future__ import annotations

from portal.demo.industries import INDUSTRIES
from portal.models import Industry, IndustrySynonym, NegativeListItem


def load_industries() -> int:
    created = 0
    items = {i.code: i for i in NegativeListItem.objects.all()}
    existing = set(Industry.objects.values_list("code", flat=True))
    for code, name, synonyms, item_codes in INDUSTRIES:
        if code in existing:
            continue
        industry = Industry(code=code, name=name)
        industry.synonyms = [
            IndustrySynonym(sort_order=i, word=w) for i, w in enumerate(synonyms.split())
        ]
        industry.negative_items = [items[c] for c in item_codes if c in items]
        industry.save()  # ParentalManyToManyField: written on save
        created += 1
    return created
