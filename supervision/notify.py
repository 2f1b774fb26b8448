"""Messages of supervision to staff, sent through applications' notification backends."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import department_heads
from applications.notifications import notify_staff
from supervision.models import CaseWarning, Chase


def _case_url(application_id: int) -> str:
    return f"{settings.APPLICATIONS_PUBLIC_BASE_URL}/supervision/cases/{application_id}/"


def warning_notify(*, warning_id: int) -> bool:
    """Send one warning to the holder and the department heads; False if already sent."""
    with transaction.atomic():
        warning = (
            CaseWarning.objects.select_for_update(of=("self",))
            .select_related("application", "holder")
            .filter(pk=warning_id, notified_at__isnull=True, cleared_at__isnull=True)
            .first()
        )
        if warning is None:
            return False
        recipients = list(department_heads(department_id=warning.department_id))
        if warning.holder is not None and warning.holder not in recipients:
            recipients.insert(0, warning.holder)
        app = warning.application
        subject = _("【%(level)s预警】办件 %(number)s") % {
            "level": warning.get_level_display(),
            "number": app.number,
        }
        body = _("办件 %(number)s（%(service)s）期限 %(due)s，%(state)s。请及时处理：%(url)s") % {
            "number": app.number,
            "service": app.service_name,
            "due": warning.due.isoformat(),
            "state": _("已超期") if warning.level == "red" else _("即将到期"),
            "url": _case_url(app.pk),
        }
        notify_staff(recipients=recipients, subject=subject, body=body)
        warning.notified_at = timezone.now()
        warning.save(update_fields=["notified_at"])
    return True


def chase_notify(*, chase_id: int) -> bool:
    """Send a 督办 to its holder and the department heads; False if already sent or answered."""
    with transaction.atomic():
        chase = (
            Chase.objects.select_for_update(of=("self",))
            .select_related("application", "holder")
            .filter(pk=chase_id, notified_at__isnull=True, answered_at__isnull=True)
            .first()
        )
        if chase is None:
            return False
        recipients = [chase.holder] if chase.holder else []
        recipients += [
            u for u in department_heads(department_id=chase.department_id) if u not in recipients
        ]
        notify_staff(
            recipients=recipients,
            subject=_("【督办】办件 %(number)s") % {"number": chase.application.number},
            body=_("督办事项：%(message)s\n请于 %(due)s 前答复：%(url)s")
            % {
                "message": chase.message,
                "due": chase.due_date.isoformat(),
                "url": _case_url(chase.application_id),
            },
        )
        chase.notified_at = timezone.now()
        chase.save(update_fields=["notified_at"])
    return True
