"""Files: permission-checked downloads, never served from the web root."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from applications import selectors, storage
from applications.models import Application, ApplicationMaterial, Document
from applications.permissions import clerk_may_handle, user_is_applicant_side


def _may_see(user, application: Application) -> bool:
    """The applicant side, the 代办 clerk, or staff in scope (who never see a draft)."""
    if user_is_applicant_side(user=user, application=application):
        return True
    if application.agent_staff_id == user.pk and clerk_may_handle(
        user=user, application=application
    ):
        return True  # the clerk filing a walk-in (代办) is on the applicant's side
    return selectors.application_get_for_staff(user=user, pk=application.pk) is not None


def _serve(relative: str, filename: str, content_type: str) -> FileResponse:
    path = storage.private_path(relative)
    if not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"), content_type=content_type, as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def material_download(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    item = ApplicationMaterial.objects.select_related("application").filter(pk=pk).first()
    if item is None or not item.file_path or not _may_see(request.user, item.application):
        raise Http404
    name = storage.download_name(item.file_name, item.content_type, fallback=item.code)
    return _serve(item.file_path, name, item.content_type)


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        raise Http404
    document = Document.objects.select_related("application").filter(pk=pk).first()
    if document is None or not _may_see(request.user, document.application):
        raise Http404
    name = f"{document.application.number}-{document.get_doc_type_display()}.pdf"
    return _serve(document.file_path, name, "application/pdf")
