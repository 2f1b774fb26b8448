from portal.models.industries import Industry, IndustrySynonym
from portal.models.lists import (
    ListImport,
    NegativeListItem,
    NegativeMeasure,
    PowerEntry,
    PowerLegalBasis,
    PublicServiceEntry,
    ResponsibilityItem,
)
from portal.models.pages import HomePage

__all__ = [
    "HomePage",
    "Industry",
    "IndustrySynonym",
    "ListImport",
    "NegativeListItem",
    "NegativeMeasure",
    "PowerEntry",
    "PowerLegalBasis",
    "PublicServiceEntry",
    "ResponsibilityItem",
]
