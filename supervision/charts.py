"""Chart data for the dashboards, as plain JSON the static charts.js reads (json_script)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def _line(series: list[dict], keys: list[tuple[str, str]]) -> dict:
    return {
        "labels": [row["label"] for row in series],
        "series": [{"name": name, "data": [row.get(key) for row in series]} for key, name in keys],
    }


def dashboard_charts(data: dict) -> dict:
    series = data["series"]
    departments = [d for d in data["departments"] if d.get("received") or d.get("total")]
    return {
        "volume": {
            "type": "bar",
            "title": _("办件量"),
            **_line(
                series,
                [("received", _("收件")), ("accepted", _("受理")), ("finished", _("办结"))],
            ),
        },
        "ontime": {
            "type": "line",
            "title": _("按时办结率（%）"),
            "percent": True,
            **_line(
                series,
                [
                    ("on_time_promised_rate", _("承诺时限")),
                    ("on_time_legal_rate", _("法定时限")),
                ],
            ),
        },
        "warnings": {
            "type": "hbar",
            "title": _("在办预警（按部门）"),
            "labels": [d["name"] for d in departments],
            "series": [
                {"name": _("红牌"), "data": [d.get("red", 0) for d in departments]},
                {"name": _("黄牌"), "data": [d.get("yellow", 0) for d in departments]},
                {"name": _("即将到期"), "data": [d.get("due_soon", 0) for d in departments]},
            ],
        },
        "satisfaction": {
            "type": "line",
            "title": _("好评率与差评整改率（%）"),
            "percent": True,
            **_line(series, [("good_rate", _("好评率")), ("rectified_rate", _("差评整改率"))]),
        },
        "exchange": {
            "type": "bar2",
            "title": _("数据共享：成功率（%）与平均时延（毫秒）"),
            "labels": [r["name"] for r in data["exchange"]],
            "series": [
                {"name": _("成功率"), "data": [r["success_rate"] for r in data["exchange"]]},
                {"name": _("平均时延"), "data": [r["avg_latency_ms"] for r in data["exchange"]]},
            ],
        },
    }


def statistics_charts(stats: dict) -> dict:
    months = stats["months"]
    return {
        "volume": {
            "type": "bar",
            "title": _("每月办件量"),
            "labels": [m["month"] for m in months],
            "series": [
                {"name": _("收件"), "data": [m["received"] for m in months]},
                {"name": _("办结"), "data": [m["finished"] for m in months]},
            ],
        },
        "rates": {
            "type": "line",
            "title": _("按时办结率与好评率（%）"),
            "percent": True,
            "labels": [m["month"] for m in months],
            "series": [
                {"name": _("按时办结率"), "data": [m["on_time_promised_rate"] for m in months]},
                {"name": _("好评率"), "data": [m["good_rate"] for m in months]},
            ],
        },
        "handling": {
            "type": "hbar",
            "title": _("各部门平均办理时长（天）"),
            "labels": [d["name"] for d in stats["departments"]],
            "series": [
                {
                    "name": _("平均办理时长"),
                    "data": [d["avg_handling_days"] for d in stats["departments"]],
                }
            ],
        },
    }
