"""Moderation of the four lists: who may draft and publish, the 清单审核 workflow, publishing."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Workflow

from accounts.constants import Role
from accounts.models import User
from portal.models import NegativeListItem, PowerEntry, PublicServiceEntry
from portal.services.workflows import moderation_workflow_ensure

WORKFLOW_NAME = "清单审核"
TASK_NAME = "清单审核：系统管理员审批"
LIST_MODELS = (PowerEntry, NegativeListItem, PublicServiceEntry)

_PUBLISHER_ACTIONS = ("add", "change", "view")
_ADMIN_ACTIONS = ("add", "change", "view", "publish", "delete")


def list_roles_grant() -> None:
    """Add the list snippets' permissions to 清单发布员 and 系统管理员 (additive, idempotent).

    Publishers draft and submit (no publish permission, so everything goes through the
    workflow); administrators may also publish and approve.
    """
    for role, actions in ((Role.LIST_PUBLISHER, _PUBLISHER_ACTIONS), (Role.ADMIN, _ADMIN_ACTIONS)):
        group, _created = Group.objects.get_or_create(name=Role(role).label)
        codenames = [f"{a}_{m._meta.model_name}" for m in LIST_MODELS for a in actions]
        # 行业与俗称 are look-up vocabulary, not list content: curated directly, no workflow.
        codenames += [f"{a}_industry" for a in ("add", "change", "view", "delete")]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="portal", codename__in=codenames)
        )


@transaction.atomic
def lists_workflow_ensure() -> Workflow:
    """The 清单审核 workflow (one GroupApprovalTask for 系统管理员), assigned to the lists."""
    return moderation_workflow_ensure(
        name=WORKFLOW_NAME, task_name=TASK_NAME, approver=Role.ADMIN, models=LIST_MODELS
    )


def entry_publish(*, entry, user: User | None = None):
    """Save a revision and publish it (demo loading and administrators only)."""
    revision = entry.save_revision(user=user, log_action=False)
    revision.publish(user=user, log_action=False)
    return entry


def entry_submit(*, entry, actor: User):
    """Save a draft revision and submit it to its workflow, unless one is already running."""
    entry.save_revision(user=actor, log_action=True)
    workflow = entry.get_workflow()
    if workflow is not None and not entry.workflow_in_progress:
        workflow.start(entry, actor)
    return entry
