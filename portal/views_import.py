"""Bulk import of the power list (Wagtail admin): upload → dry-run report → confirm → progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.constants import PERM_PUBLISH_LISTS
from accounts.permissions import permission_required
from portal import services
from portal.models import ListImport


def _own_import(request: HttpRequest, pk: int) -> ListImport:
    list_import = get_object_or_404(ListImport, pk=pk)
    if list_import.created_by_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    return list_import


@permission_required(PERM_PUBLISH_LISTS)
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        kind = request.POST.get("kind", "power")
        if kind not in services.IMPORT_KINDS:
            error = _("请选择要导入的清单。")
        elif upload is None:
            error = _("请选择要上传的 XLSX 或 CSV 文件。")
        elif upload.size > services.MAX_IMPORT_BYTES:
            error = _("文件超过 10 MB，请拆分后导入。")
        else:
            try:
                list_import = services.list_import_prepare(
                    actor=request.user, kind=kind, filename=upload.name, content=upload.read()
                )
            except services.ImportFileError as exc:
                error = str(exc)
            else:
                return redirect("portal_lists_import_detail", pk=list_import.pk)
    recent = ListImport.objects.filter(created_by=request.user)[:10]
    return render(
        request,
        "portal/admin/import_start.html",
        {
            "error": error,
            "recent": recent,
            "headers": services.POWER_COLUMNS,
            "responsibility_headers": services.RESPONSIBILITY_COLUMNS,
        },
        status=400 if error else 200,
    )


@permission_required(PERM_PUBLISH_LISTS)
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    list_import = _own_import(request, pk)
    if request.method == "POST":
        try:
            services.power_import_confirm(list_import=list_import, actor=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        except PermissionError as exc:
            raise PermissionDenied from exc
        return redirect("portal_lists_import_detail", pk=list_import.pk)
    report = list_import.report
    counts = {
        action: sum(1 for r in report if r["action"] == action)
        for action in ("create", "change", "unchanged", "reject")
    }
    return render(
        request,
        "portal/admin/import_detail.html",
        {
            "list_import": list_import,
            "report": report,
            "counts": counts,
            "progress": services.import_progress(list_import=list_import),
        },
    )


@permission_required(PERM_PUBLISH_LISTS)
@require_GET
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    list_import = _own_import(request, pk)
    return JsonResponse(services.import_progress(list_import=list_import))


@permission_required(PERM_PUBLISH_LISTS)
@require_GET
def import_template(request: HttpRequest, fmt: str, kind: str = "power") -> HttpResponse:
    if fmt not in ("xlsx", "csv") or kind not in services.IMPORT_KINDS:
        raise PermissionDenied
    content, content_type = services.power_import_template(fmt=fmt, kind=kind)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{kind}-list-template.{fmt}"'
    return response
