"""The one way a moderation workflow is set up (lists, service guides, policies).

Each workflow has one GroupApprovalTask whose approvers are a staff role's group, and is
assigned either to snippet models (WorkflowContentType) or to page subtrees (WorkflowPage).
Idempotent: names identify the workflow and task, so running it again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from accounts.constants import Role
from accounts.services import role_group


@transaction.atomic
def moderation_workflow_ensure(
    *,
    name: str,
    task_name: str,
    approver: Role,
    models: Iterable[type] = (),
    pages: Iterable[Page] = (),
) -> Workflow:
    """Create (or repair) the workflow ``name`` approved by ``approver`` and assign it."""
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.add(role_group(role=approver))  # additive: approvers an operator added stay
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for model in models:
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
