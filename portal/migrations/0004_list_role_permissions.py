"""Give the 清单发布员 and 系统管理员 groups the snippet permissions for the four lists.

Publishers may add and change entries (drafts) and submit them to the 清单审核 workflow;
only 系统管理员 may publish directly or approve. The same grant runs again in
portal.demo (accounts.services.roles_sync replaces group permissions).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["powerentry", "negativelistitem", "publicserviceentry"]
PUBLISHER = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "view")]
ADMIN = PUBLISHER + [f"{action}_{model}" for model in MODELS for action in ("publish", "delete")]
GRANTS = {"清单发布员": PUBLISHER, "系统管理员": ADMIN}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="portal", codename__in=codenames)
        group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_lists"),
        ("accounts", "0002_staff_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
