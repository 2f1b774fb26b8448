"""A confirmed import runs on the real Celery worker (through Redis) and reports progress."""

from __future__ import annotations

import time

import pytest

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from portal import services
from portal.models import ListImport, PowerEntry
from portal.models.lists import ImportStatus
from portal.tests.test_import import make_csv, row

pytestmark = pytest.mark.integration


def test_confirmed_import_runs_on_the_worker(celery_worker_process):
    services.list_roles_grant()
    services.lists_workflow_ensure()
    rsj = DepartmentFactory(code="rsj", name="市人力资源和社会保障局")
    publisher = UserFactory(staff=True, department=rsj, roles=[Role.LIST_PUBLISHER])
    rows = [
        row(
            code=f"11310000MB2F10004801{n:04d}",
            **{"基本编码": f"0100{n:06d}", "事项名称": f"测试许可事项{n}"},
        )
        for n in range(1, 61)
    ]
    list_import = services.power_import_prepare(
        actor=publisher, filename="power.csv", content=make_csv(rows)
    )
    assert {r["action"] for r in list_import.report} == {"create"}
    services.power_import_confirm(list_import=list_import, actor=publisher)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        list_import.refresh_from_db()
        if list_import.status in (ImportStatus.DONE, ImportStatus.FAILED):
            break
        time.sleep(0.5)
    assert list_import.status == ImportStatus.DONE, list_import.error
    assert list_import.created_count == 60
    assert (
        PowerEntry.objects.filter(code__startswith="11310000MB2F10004801", live=False).count() == 60
    )
    assert (
        services.import_progress(list_import=ListImport.objects.get(pk=list_import.pk))["status"]
        == "done"
    )
