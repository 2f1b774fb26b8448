"""部门负责人 (department head): a new staff role with its own permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_role(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="部门负责人")
    perm = Permission.objects.filter(
        content_type__app_label="accounts", codename="head_department"
    ).first()
    if perm is not None:
        group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_staff_roles")]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "permissions": [
                    ("access_counter", "使用窗口受理"),
                    ("access_review", "使用部门审批"),
                    ("access_supervision", "使用效能监督"),
                    ("publish_lists", "起草和发布清单"),
                    ("head_department", "部门负责人：查看本部门人员的工作记实"),
                ],
                "verbose_name": "用户",
                "verbose_name_plural": "用户",
            },
        ),
        migrations.RunPython(create_role, migrations.RunPython.noop),
    ]
