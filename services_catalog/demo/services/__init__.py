"""Every demo service guide, in publish order (which is also the order of their ids).

One module per department. The six guides added after the first catalogue come last, so that
reloading the demo into an existing database keeps the ids of the earlier ones.
"""

from __future__ import annotations

from services_catalog.demo.services import (
    bdc,
    gongan,
    jtw,
    jyj,
    mzj,
    rsj,
    scjg,
    swj,
    wjw,
    zjw,
    zwfw,
)

SERVICES: list[dict] = [
    *rsj.SERVICES,
    *gongan.SERVICES,
    *scjg.SERVICES,
    *swj.SERVICES,
    *bdc.SERVICES,
    *mzj.SERVICES,
    *wjw.SERVICES,
    *jyj.SERVICES,
    *jtw.SERVICES,
    *zjw.SERVICES,
    *zwfw.SERVICES,
    *gongan.LATER_SERVICES,
    *scjg.LATER_SERVICES,
    *rsj.LATER_SERVICES,
]
