"""Public open statistics: /statistics/ (with charts) and the same figures as CSV."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from supervision.charts import statistics_charts
from supervision.periods import period_from_query
from supervision.statistics import cached_statistics, monthly_rows


def statistics_page(request: HttpRequest) -> HttpResponse:
    period = period_from_query(request.GET)
    stats = cached_statistics(period=period)
    return render(
        request,
        "supervision/statistics.html",
        {"stats": stats, "period": period, "charts": statistics_charts(stats)},
    )


CSV_HEADERS = {
    "month": _("月份"),
    "department": _("部门"),
    "service": _("事项"),
    "received": _("收件量"),
    "finished": _("办结量"),
    "on_time_promised_rate": _("按承诺时限办结率(%)"),
    "on_time_legal_rate": _("按法定时限办结率(%)"),
    "good_rate": _("好评率(%)"),
    "avg_handling_days": _("平均办理时长(天)"),
}


def statistics_csv(request: HttpRequest) -> HttpResponse:
    """Monthly figures per department (or ?by=service) as CSV, UTF-8 with BOM for Excel."""
    period = period_from_query(request.GET)
    by = "service" if request.GET.get("by") == "service" else "department"
    rows = monthly_rows(period=period, by=by)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statistics-{by}-{period.start}-{period.end}.csv"'
    )
    response.write("\ufeff")
    keys = ["month", by, *[k for k in CSV_HEADERS if k not in ("month", "department", "service")]]
    writer = csv.writer(response)
    writer.writerow([str(CSV_HEADERS[k]) for k in keys])
    for row in rows:
        writer.writerow(["" if row[k] is None else row[k] for k in keys])
    return response
