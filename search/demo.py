"""Demo content of the search app: curated synonyms, then a full index rebuild.

Runs after services_catalog.demo and portal.demo so that the index holds their live records.
"""

from __future__ import annotations

from search.models import Synonym
from search.services import search_index_rebuild, synonyms_changed
from search.starter_synonyms import starter_synonyms

# The demo has the starter set every installation gets (migration 0004), refreshed to its
# current wording on each load.
SYNONYMS = starter_synonyms()


def seed_synonyms() -> int:
    for term, expansions, equivalent in SYNONYMS:
        Synonym.objects.update_or_create(
            term=term,
            defaults={"expansions": expansions, "equivalent": equivalent, "enabled": True},
        )
    synonyms_changed()
    return len(SYNONYMS)


def load(*, stdout=None) -> None:
    """Idempotently seed the synonyms and rebuild the index."""
    count = seed_synonyms()
    if stdout is not None:
        stdout.write(f"search synonyms: {count}\n")
    search_index_rebuild(stdout=stdout)
