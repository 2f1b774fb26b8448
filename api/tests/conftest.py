from __future__ import annotations

import pytest

from portal.tests.factories import (
    NegativeListItemFactory,
    PowerEntryFactory,
    PublicServiceEntryFactory,
    ResponsibilityItemFactory,
)
from services_catalog.tests.factories import MaterialFactory, ServiceItemFactory


@pytest.fixture
def data(db):
    """Live and draft records of every kind the API serves."""
    from accounts.tests.factories import DepartmentFactory
    from services_catalog.models import ServiceTheme

    rsj = DepartmentFactory(code="rsj", name="市人力资源和社会保障局")
    scjg = DepartmentFactory(code="scjg", name="市市场监督管理局")
    theme = ServiceTheme.objects.create(code="employment", name="就业创业", audience="person")
    unemployment = ServiceItemFactory(
        code="RSJ-20-0001",
        name="失业登记",
        department=rsj,
        audience="person",
        item_type="20",
        supervise_phone="12345",
    )
    unemployment.themes.add(theme)
    unemployment.save()
    MaterialFactory(
        service=unemployment,
        code="id",
        name="居民身份证",
        evidence_type="gongan.household_register",
    )
    MaterialFactory(service=unemployment, code="contract", name="解除或终止劳动合同证明")
    ServiceItemFactory(
        code="SCJG-01-0001",
        name="个体工商户设立登记",
        department=scjg,
        audience="both",
        item_type="01",
    )
    ServiceItemFactory(
        code="SCJG-01-0002",
        name="食品经营许可",
        department=scjg,
        audience="business",
        item_type="01",
    )
    ServiceItemFactory(
        code="SCJG-01-0009", name="草稿事项", department=scjg, draft=True, item_type="01"
    )
    licence = PowerEntryFactory(
        code="SCJG-P-0002",
        name="食品经营许可证核发",
        department=scjg,
        power_type="01",
        exercise_level="3",
    )
    ResponsibilityItemFactory(power=licence, stage="受理")
    ResponsibilityItemFactory(power=licence, stage="决定", duty="作出准予或不予许可的书面决定。")
    PowerEntryFactory(
        code="SCJG-P-0003", name="对无证经营的行政处罚", department=scjg, power_type="02"
    )
    PowerEntryFactory(
        code="RSJ-P-0001",
        name="失业保险金给付",
        department=rsj,
        power_type="05",
        exercise_level="4",
    )
    PowerEntryFactory(code="RSJ-P-0099", name="草稿权力事项", department=rsj, draft=True)
    NegativeListItemFactory(
        code="200001",
        name="未获得许可，不得从事互联网上网服务营业场所经营",
        competent_authority="文化和旅游部",
        keywords="网吧 开网吧 上网服务",
        service_codes="SCJG-01-0002",
    )
    NegativeListItemFactory(
        code="100001",
        category="prohibited",
        name="禁止违规开展金融相关经营活动",
        keywords="非法集资 地下钱庄",
    )
    PublicServiceEntryFactory(service_code="RSJ-20-0001", name="失业登记", department=rsj)
    PublicServiceEntryFactory(
        service_code="RSJ-20-0098", name="草稿公共服务", department=rsj, live=False
    )
    return {"rsj": rsj, "scjg": scjg}
