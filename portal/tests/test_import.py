"""Bulk import of the power list: dry run, per-row report, confirm, one transaction."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from portal import services
from portal.models import ListImport, PowerEntry
from portal.models.lists import ImportStatus
from portal.services import import_power
from portal.tests.factories import PowerEntryFactory

pytestmark = pytest.mark.django_db

HEADERS = services.POWER_HEADERS


def row(code="11310000MB2F100048010101", **overrides):
    values = {
        "实施编码": code,
        "基本编码": "0100001001",
        "事项名称": "人力资源服务许可",
        "事项类型": "01",
        "实施主体": "rsj",
        "行使层级": "3",
        "承办机构": "人力资源市场处",
        "设定依据": "《中华人民共和国就业促进法》第四十条；《人力资源市场暂行条例》第十八条",
        "法定办结时限": "20",
        "承诺办结时限": "10",
        "是否收费": "否",
        "收费依据": "",
        "监督电话": "021-12333",
        "办事流程": "受理 → 审查 → 决定 → 送达",
    }
    values.update(overrides)
    return values


def make_csv(rows, headers=HEADERS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for r in rows:
        writer.writerow([r.get(h, "") for h in headers])
    return buffer.getvalue().encode("utf-8")


def make_xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for r in rows:
        sheet.append([r.get(h, "") for h in HEADERS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def rsj():
    return DepartmentFactory(code="rsj", name="市人力资源和社会保障局")


@pytest.fixture
def publisher(rsj, lists_workflow):
    return UserFactory(staff=True, department=rsj, roles=[Role.LIST_PUBLISHER])


def upload(client, content: bytes, name="power.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/admin/lists/import/", {"file": SimpleUploadedFile(name, content)})


def test_dry_run_then_confirm_creates_drafts_in_workflow(
    client, publisher, rsj, django_capture_on_commit_callbacks
):
    existing = PowerEntryFactory(
        code="11310000MB2F100048010102", department=rsj, name="旧名称", basic_code="0100001002"
    )
    client.force_login(publisher)
    content = make_xlsx(
        [
            row(),
            row(
                code="11310000MB2F100048010102",
                **{"基本编码": "0100001002", "事项名称": "劳务派遣经营许可"},
            ),
        ]
    )
    response = upload(client, content, "power.xlsx")
    assert response.status_code == 302
    list_import = ListImport.objects.get()
    assert [r["action"] for r in list_import.report] == ["create", "change"]
    assert "name" in list_import.report[1]["changed"]
    # Nothing written before confirmation.
    assert not PowerEntry.objects.filter(code="11310000MB2F100048010101").exists()
    page = client.get(response.url).content.decode()
    assert "新增" in page and "修改" in page and "确认导入" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)  # confirm (eager Celery runs the task on commit)
    list_import.refresh_from_db()
    assert list_import.status == ImportStatus.DONE, list_import.error
    assert (list_import.created_count, list_import.changed_count) == (1, 1)
    created = PowerEntry.objects.get(code="11310000MB2F100048010101")
    assert created.live is False and created.workflow_in_progress
    assert [str(b) for b in created.legal_bases.all()] == [
        "《中华人民共和国就业促进法》第四十条",
        "《人力资源市场暂行条例》第十八条",
    ]
    existing.refresh_from_db()
    assert existing.name == "旧名称"  # the live version is unchanged until approval
    assert existing.get_latest_revision().as_object().name == "劳务派遣经营许可"
    status = client.get(f"/admin/lists/import/{list_import.pk}/status.json").json()
    assert status["status"] == "done" and status["created"] == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"实施编码": "abc"}, "实施编码"),
        ({"实施编码": "11310000<script>"}, "实施编码"),
        ({"基本编码": "12AB"}, "基本编码"),
        ({"基本编码": "0200001001"}, "前两位"),
        ({"事项类型": "20"}, "事项类型"),
        ({"事项类型": "行政备案"}, "事项类型"),
        ({"实施主体": "不存在的局"}, "不是已登记的部门"),
        ({"事项名称": ""}, "事项名称"),
        ({"法定办结时限": "二十天"}, "法定办结时限"),
        ({"是否收费": "也许"}, "是否收费"),
        ({"行使层级": "9"}, "行使层级"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_written(client, publisher, overrides, message):
    client.force_login(publisher)
    response = upload(client, make_csv([row(code="11310000MB2F100048010201"), row(**overrides)]))
    list_import = ListImport.objects.get()
    assert list_import.report[0]["action"] == "create"
    assert list_import.report[1]["action"] == "reject"
    assert any(message in e for e in list_import.report[1]["errors"]), list_import.report[1][
        "errors"
    ]
    page = client.get(response.url).content.decode()
    assert "拒绝" in page and "确认导入" not in page
    client.post(response.url)  # confirming a file with rejected rows is refused
    list_import.refresh_from_db()
    assert list_import.status == ImportStatus.PREVIEWED
    assert PowerEntry.objects.count() == 0


def test_duplicate_codes_in_file_and_other_departments_code(client, publisher):
    other = PowerEntryFactory(code="11310000MB2F100038010001")
    client.force_login(publisher)
    upload(client, make_csv([row(), row(), row(code=other.code)]))
    report = ListImport.objects.get().report
    assert [r["action"] for r in report] == ["create", "reject", "reject"]
    assert "重复" in report[1]["errors"][0]
    assert any("其他部门" in e for e in report[2]["errors"])
    assert PowerEntry.objects.count() == 1


def test_publisher_cannot_import_for_another_department(client, publisher):
    DepartmentFactory(code="scjg", name="市市场监督管理局")
    client.force_login(publisher)
    upload(client, make_csv([row(**{"实施主体": "scjg"})]))
    report = ListImport.objects.get().report
    assert report[0]["action"] == "reject" and "本部门" in report[0]["errors"][0]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (make_csv([row()], headers=["编码", "名称"]), "power.csv", "缺少必填列"),
        (make_csv([row()], headers=[*HEADERS, "备注"]), "power.csv", "无法识别的列"),
        (b"", "power.csv", "文件是空的"),
        (b"not a zip", "power.xlsx", "无法读取"),
        (b"hello", "power.pdf", "只支持"),
        (make_csv([]), "power.csv", "没有数据行"),
    ],
)
def test_whole_file_errors(client, publisher, content, name, message):
    client.force_login(publisher)
    response = upload(client, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ListImport.objects.exists()
    assert PowerEntry.objects.count() == 0


def test_failure_during_run_leaves_nothing_behind(
    client, publisher, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(publisher)
    response = upload(client, make_csv([row(), row(code="11310000MB2F100048010109")]))
    calls = {"n": 0}
    original = import_power.power_row_apply

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(import_power, "power_row_apply", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    list_import = ListImport.objects.get()
    assert list_import.status == ImportStatus.FAILED
    assert "disk full" in list_import.error
    assert PowerEntry.objects.count() == 0


def test_other_users_cannot_see_an_import(client, publisher, rsj):
    client.force_login(publisher)
    upload(client, make_csv([row()]))
    list_import = ListImport.objects.get()
    intruder = UserFactory(staff=True, department=rsj, roles=[Role.LIST_PUBLISHER])
    client.force_login(intruder)
    for url in (
        f"/admin/lists/import/{list_import.pk}/",
        f"/admin/lists/import/{list_import.pk}/status.json",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
    client.post(f"/admin/lists/import/{list_import.pk}/")
    list_import.refresh_from_db()
    assert list_import.status == ImportStatus.PREVIEWED


def test_template_downloads_and_reimports_cleanly(client, publisher):
    client.force_login(publisher)
    for fmt in ("xlsx", "csv"):
        response = client.get(f"/admin/lists/import/template.{fmt}")
        assert response.status_code == 200
        ListImport.objects.all().delete()
        upload(client, response.content, f"template.{fmt}")
        assert ListImport.objects.get().report[0]["action"] == "create"


def test_citizen_cannot_import(client, lists_workflow):
    client.force_login(UserFactory())
    assert client.get("/admin/lists/import/").status_code in (302, 403)


def _resp_csv(rows) -> bytes:
    return make_csv(rows, headers=services.RESPONSIBILITY_HEADERS)


def _resp(code, stage="受理", duty="依法受理申请"):
    return {
        "实施编码": code,
        "环节": stage,
        "责任事项": duty,
        "追责情形": "对符合条件的申请不予受理的",
        "问责依据": "《中华人民共和国行政许可法》第七十二条",
    }


def test_responsibility_import_replaces_items_as_a_draft(
    client, publisher, rsj, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.tests.factories import ResponsibilityItemFactory

    power = PowerEntryFactory(department=rsj)
    ResponsibilityItemFactory(power=power, stage="受理", duty="旧的责任事项")
    client.force_login(publisher)
    content = _resp_csv([_resp(power.code), _resp(power.code, "审查", "审查申请材料")])
    response = client.post(
        "/admin/lists/import/",
        {"file": SimpleUploadedFile("resp.csv", content), "kind": "responsibility"},
    )
    assert response.status_code == 302
    list_import = ListImport.objects.get()
    assert list_import.kind == "responsibility"
    assert [r["action"] for r in list_import.report] == ["change", "change"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    list_import.refresh_from_db()
    assert list_import.status == ImportStatus.DONE, list_import.error
    power.refresh_from_db()
    assert [r.duty for r in power.responsibilities.all()] == ["旧的责任事项"]  # live unchanged
    draft = power.get_latest_revision().as_object()
    assert [r.stage for r in draft.responsibilities.all()] == ["受理", "审查"]
    assert power.workflow_in_progress


def test_responsibility_import_bad_rows(client, publisher, rsj):
    from django.core.files.uploadedfile import SimpleUploadedFile

    own = PowerEntryFactory(department=rsj)
    other = PowerEntryFactory()
    client.force_login(publisher)
    rows = [
        _resp(own.code, stage="喝茶"),
        _resp("11310000MB2F10009999999"),
        _resp(other.code),
        {**_resp(own.code), "追责情形": ""},
    ]
    client.post(
        "/admin/lists/import/",
        {"file": SimpleUploadedFile("resp.csv", _resp_csv(rows)), "kind": "responsibility"},
    )
    report = ListImport.objects.get().report
    assert [r["action"] for r in report] == ["reject"] * 4
    assert "环节" in report[0]["errors"][0]
    assert "没有实施编码" in report[1]["errors"][0]
    assert "其他部门" in report[2]["errors"][0]
    assert "追责情形不能为空" in report[3]["errors"][0]
    assert client.get("/admin/lists/import/template-responsibility.xlsx").status_code == 200
