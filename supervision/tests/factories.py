"""Cases in the states supervision watches, built through applications' real services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.constants import Role
from accounts.tests.factories import DepartmentFactory, UserFactory
from applications import services
from applications.models import Application
from applications.tests.factories import ServiceFactory, clerk_for, submitted_application


def department_head(department, **kwargs):
    return UserFactory(staff=True, roles=[Role.DEPT_HEAD], department=department, **kwargs)


def case_in_review(*, department=None, reviewer=None, service=None):
    """A case accepted at the window and taken into review by `reviewer` (its holder)."""
    department = department or DepartmentFactory()
    service = service or ServiceFactory(department=department)
    app = submitted_application(service=service)
    clerk = clerk_for()
    services.material_check(
        application=app,
        clerk=clerk,
        results={item.code: ("ok", "") for item in app.materials.all()},
    )
    services.application_accept(application=app, clerk=clerk)
    reviewer = reviewer or UserFactory(
        staff=True, roles=[Role.DEPT_REVIEWER], department=department
    )
    services.application_review_start(application=app, reviewer=reviewer)
    app.refresh_from_db()
    return app, reviewer


def make_late(app: Application, *, days: int = 3) -> Application:
    """Move the case's promise into the past (test set-up only)."""
    due = timezone.localdate() - dt.timedelta(days=days)
    Application.objects.filter(pk=app.pk).update(promised_due=due, legal_due=due)
    app.refresh_from_db()
    return app
