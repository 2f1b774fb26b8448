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
    "ListImport",
    "NegativeListItem",
    "NegativeMeasure",
    "PowerEntry",
    "PowerLegalBasis",
    "PublicServiceEntry",
    "ResponsibilityItem",
]
