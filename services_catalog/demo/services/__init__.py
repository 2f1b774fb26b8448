"""Every demo service guide: one module per department (two or three for the larger ones).

The catalogue is published in PUBLISH_ORDER, the order of the first catalogue, so that a fresh
database gives every guide the same id as before and reloading keeps them; a new guide goes at
the end of the list.
"""

from __future__ import annotations

from services_catalog.demo.services import (
    bdc,
    gongan,
    jtw,
    jyj,
    mzj,
    rsj_employment,
    rsj_social_insurance,
    scjg_permits,
    scjg_registration,
    scjg_subsidies,
    swj,
    wjw,
    zjw,
    zwfw,
)

MODULES = [
    rsj_employment,
    rsj_social_insurance,
    gongan,
    scjg_registration,
    scjg_permits,
    scjg_subsidies,
    swj,
    bdc,
    mzj,
    wjw,
    jyj,
    jtw,
    zjw,
    zwfw,
]

PUBLISH_ORDER = [
    "RSJ-20-0001",
    "RSJ-20-0002",
    "RSJ-05-0001",
    "RSJ-05-0002",
    "RSJ-05-0003",
    "RSJ-05-0004",
    "RSJ-20-0003",
    "RSJ-20-0004",
    "RSJ-20-0005",
    "RSJ-07-0001",
    "RSJ-20-0006",
    "GONGAN-07-0001",
    "GONGAN-01-0001",
    "GONGAN-07-0002",
    "GONGAN-07-0003",
    "GONGAN-01-0002",
    "GONGAN-20-0001",
    "SCJG-01-0001",
    "SCJG-01-0002",
    "SCJG-01-0003",
    "SCJG-05-0001",
    "SCJG-05-0002",
    "SCJG-01-0004",
    "SCJG-01-0005",
    "SCJG-01-0006",
    "SCJG-07-0001",
    "SCJG-20-0001",
    "SCJG-20-0002",
    "SWJ-05-0001",
    "SWJ-20-0001",
    "SWJ-20-0002",
    "SWJ-20-0003",
    "SWJ-20-0004",
    "BDC-07-0001",
    "BDC-07-0002",
    "BDC-20-0001",
    "BDC-07-0003",
    "MZJ-07-0001",
    "MZJ-07-0002",
    "MZJ-05-0001",
    "MZJ-05-0002",
    "MZJ-05-0003",
    "MZJ-05-0004",
    "WJW-07-0001",
    "WJW-20-0001",
    "WJW-20-0002",
    "WJW-01-0001",
    "WJW-01-0002",
    "WJW-01-0003",
    "JYJ-20-0001",
    "JYJ-01-0001",
    "JYJ-07-0001",
    "JTW-01-0001",
    "JTW-01-0002",
    "JTW-01-0003",
    "ZJW-01-0001",
    "ZJW-05-0001",
    "ZJW-07-0001",
    "ZJW-01-0002",
    "ZWFW-20-0001",
    "ZWFW-20-0002",
    "GONGAN-07-0004",
    "GONGAN-20-0002",
    "SCJG-01-0007",
    "SCJG-01-0008",
    "RSJ-20-0007",
    "RSJ-05-0005",
    "SCJG-05-0003",
]


def _in_publish_order() -> list[dict]:
    specs = {spec["code"]: spec for module in MODULES for spec in module.SERVICES}
    if len(specs) != sum(len(module.SERVICES) for module in MODULES):
        raise RuntimeError("a demo service code is defined twice")
    if sorted(specs) != sorted(PUBLISH_ORDER):
        raise RuntimeError(
            f"PUBLISH_ORDER differs from the modules: {sorted(specs.keys() ^ set(PUBLISH_ORDER))}"
        )
    return [specs[code] for code in PUBLISH_ORDER]


SERVICES: list[dict] = _in_publish_order()
