"""What a real installation needs, with or without demo data: ``manage.py setup_portal``.

Creates the staff role groups with their permissions, the site's page-tree root (首页, and a
default site on it when there is none) and the three moderation workflows:

- 清单审核 on the list snippets (权力/责任清单, 负面清单, 公共服务事项清单; portal);
- 办事指南审核 on the service guides (services_catalog);
- 政策审核 on the 惠企政策 channel page and its policies (policies), once that page exists.

Idempotent and additive: running it again changes nothing, and permissions other tools
granted are kept. The demo loaders call it too, so demo and production share one set-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Page, Site, Workflow

from accounts.constants import Role
from accounts.services import roles_sync
from policies.models import BusinessChannelPage
from portal.models.pages import HomePage
from portal.services.moderation import list_roles_grant, lists_workflow_ensure
from portal.services.workflows import moderation_workflow_ensure
from services_catalog.models import ServiceItem
from services_catalog.services import catalog_roles_grant

CATALOGUE_WORKFLOW_NAME = "办事指南审核"
CATALOGUE_TASK_NAME = "系统管理员审核"
POLICIES_WORKFLOW_NAME = "政策审核"
POLICIES_TASK_NAME = "政策审核（系统管理员）"


@dataclass
class SetupResult:
    groups: list[str]
    workflows: list[Workflow]
    home: HomePage


def site_root_ensure() -> HomePage:
    """The 首页 under Wagtail's root (made by migration), and a default site if there is none.

    An existing default site is left as the operator configured it.
    """
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="一网通办", slug="home")
        Page.get_first_root_node().add_child(instance=home)
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="一网通办"
        )
    return home


def catalogue_workflow_ensure() -> Workflow:
    """The 办事指南审核 workflow, approved by 系统管理员, on every ServiceItem."""
    return moderation_workflow_ensure(
        name=CATALOGUE_WORKFLOW_NAME,
        task_name=CATALOGUE_TASK_NAME,
        approver=Role.ADMIN,
        models=[ServiceItem],
    )


def policies_workflow_ensure() -> Workflow:
    """The 政策审核 workflow, approved by 系统管理员, on the channel page's subtree."""
    return moderation_workflow_ensure(
        name=POLICIES_WORKFLOW_NAME,
        task_name=POLICIES_TASK_NAME,
        approver=Role.ADMIN,
        pages=BusinessChannelPage.objects.all(),
    )


@transaction.atomic
def portal_setup() -> SetupResult:
    """Groups, permissions, the page-tree root and the moderation workflows (idempotent)."""
    groups = roles_sync()
    list_roles_grant()
    catalog_roles_grant()
    home = site_root_ensure()
    workflows = [lists_workflow_ensure(), catalogue_workflow_ensure(), policies_workflow_ensure()]
    return SetupResult(
        groups=[group.name for group in groups.values()], workflows=workflows, home=home
    )
