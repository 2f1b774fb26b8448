"""Create the staff role groups with their permissions (roles, not accounts)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "窗口人员": ["accounts.access_counter"],
    "部门审批人员": ["accounts.access_review", "wagtailadmin.access_admin"],
    "清单发布员": ["accounts.publish_lists", "wagtailadmin.access_admin"],
    "效能监督": ["accounts.access_supervision", "wagtailadmin.access_admin"],
    "系统管理员": [
        "accounts.access_counter",
        "accounts.access_review",
        "accounts.access_supervision",
        "accounts.publish_lists",
        "wagtailadmin.access_admin",
    ],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in perms:
            app_label, codename = dotted.split(".")
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
