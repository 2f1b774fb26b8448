from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def minutes(value) -> str:
    return "—" if value is None else f"{value:.1f}"


@register.filter
def stat_sections(stats: dict) -> list:
    total = {**stats["total"]}
    return [
        (_("合计"), [(_("全部"), total)]),
        (_("按窗口组"), list(stats["by_group"].items())),
        (_("按事项"), list(stats["by_service"].items())),
        (_("按取号时段（时）"), [(f"{h:02d}:00", r) for h, r in stats["by_hour"].items()]),
    ]
