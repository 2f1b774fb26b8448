"""Admin for the hall: halls, opening hours, window groups, windows and the daily rota.

Appointments and tickets change state only through hall.services, so they are not editable
here; staff see them on the console and the statistics page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from hall.models import (
    Hall,
    OpeningHours,
    Window,
    WindowAssignment,
    WindowGroup,
)


class HallViewSet(ModelViewSet):
    model = Hall
    icon = "home"
    menu_label = _("大厅")
    list_display = [
        "name",
        "slug",
        "slot_minutes",
        "noshow_limit",
        BooleanColumn("active", label=_("开放预约和取号")),
    ]
    form_fields = [
        "name",
        "slug",
        "address",
        "phone",
        "active",
        "rest_day_service",
        "slot_minutes",
        "per_window_per_slot",
        "booking_days_ahead",
        "change_hours_before",
        "noshow_limit",
        "noshow_window_days",
        "noshow_suspend_days",
    ]


class OpeningHoursViewSet(ModelViewSet):
    model = OpeningHours
    icon = "time"
    menu_label = _("开放时间")
    list_display = ["hall", "weekday", "opens", "closes"]
    list_filter = ["hall"]
    form_fields = ["hall", "weekday", "opens", "closes"]


class WindowGroupViewSet(ModelViewSet):
    model = WindowGroup
    icon = "group"
    menu_label = _("窗口组")
    list_display = [
        "hall",
        "prefix",
        "name",
        BooleanColumn("general", label=_("综合窗口（受理所有事项）")),
    ]
    list_filter = ["hall"]
    form_fields = ["hall", "name", "prefix", "general", "services"]


class WindowViewSet(ModelViewSet):
    model = Window
    icon = "desktop"
    menu_label = _("窗口")
    list_display = ["hall", "number", "group", BooleanColumn("active", label=_("启用"))]
    list_filter = ["hall", "group"]
    form_fields = ["hall", "number", "group", "active"]


class AssignmentViewSet(ModelViewSet):
    model = WindowAssignment
    icon = "user"
    menu_label = _("窗口排班")
    list_display = ["day", "window", "staff"]
    list_filter = ["day", "window__hall"]
    form_fields = ["window", "day", "staff"]


class HallGroup(ViewSetGroup):
    menu_label = _("办事大厅")
    menu_icon = "home"
    menu_order = 260
    items = (
        HallViewSet("hall_halls"),
        OpeningHoursViewSet("hall_hours"),
        WindowGroupViewSet("hall_groups"),
        WindowViewSet("hall_windows"),
        AssignmentViewSet("hall_rota"),
    )


@hooks.register("register_admin_viewset")
def register_hall_viewsets():
    return HallGroup()
