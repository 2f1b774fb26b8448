"""Factories for the search tests: the owning apps' factories, plus the search app's own synonyms."""

from __future__ import annotations

from factory.django import DjangoModelFactory

from portal.tests.factories import (
    NegativeListItemFactory,
    PowerEntryFactory,
    PublicServiceEntryFactory,
    ResponsibilityItemFactory,
)
from search.models import Synonym
from services_catalog.tests.factories import LifeEventFactory, MaterialFactory, ServiceItemFactory

__all__ = [
    "LifeEventFactory",
    "MaterialFactory",
    "NegativeListItemFactory",
    "PowerEntryFactory",
    "PublicServiceEntryFactory",
    "ResponsibilityItemFactory",
    "ServiceItemFactory",
    "SynonymFactory",
]


class SynonymFactory(DjangoModelFactory):
    class Meta:
        model = Synonym
        django_get_or_create = ("term",)

    term = "开店"
    expansions = "个体工商户设立登记"
