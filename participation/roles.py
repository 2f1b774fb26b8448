"""Staff roles this app adds or extends (groups, as accounts defines roles).

- 话务员 (hotline operator, new): the 12345 centre's intake, dispatch, 派单异议审核, 回访.
- 部门审批人员: handles the appeals dispatched to the own department.
- 清单发布员: moderates comments on drafts and publishes the feedback report.
- 系统管理员: all of the above.

Migration 0002 creates them; ``roles_sync()`` (idempotent, additive) repairs them after a
test flush and in the demo loader.
"""

from __future__ import annotations

HOTLINE_OPERATOR = "话务员"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    HOTLINE_OPERATOR: ["participation.access_hotline"],
    "部门审批人员": ["participation.handle_appeals"],
    "清单发布员": ["participation.moderate_consultations"],
    "系统管理员": [
        "participation.access_hotline",
        "participation.handle_appeals",
        "participation.moderate_consultations",
    ],
}


def grant(*, group_model, permission_model) -> None:
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=name)
        for dotted in perms:
            app_label, codename = dotted.split(".")
            perm = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                group.permissions.add(perm)


def roles_sync() -> None:
    from django.contrib.auth.models import Group, Permission

    grant(group_model=Group, permission_model=Permission)


def hotline_operator_group():
    from django.contrib.auth.models import Group

    roles_sync()
    return Group.objects.get(name=HOTLINE_OPERATOR)
