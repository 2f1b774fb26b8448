"""Open statistics in the API (/api/v1/statistics/…): the figures /statistics/ publishes,
read from supervision's rollups. Aggregates only: no person appears in them."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema

from supervision.periods import period_from_query
from supervision.statistics import cached_statistics, monthly_rows

router = Router(tags=["公开统计"])


class PeriodIn(Schema):
    start: str = ""
    end: str = ""


class MonthlyIn(PeriodIn):
    by: str = "department"


class FiguresOut(Schema):
    received: int
    finished: int
    on_time_promised_rate: float | None
    on_time_legal_rate: float | None
    good_rate: float | None
    avg_handling_days: float | None


class PeriodOut(Schema):
    start: str
    end: str
    message: str = ""


class NamedFiguresOut(FiguresOut):
    name: str
    department: str | None = None


class MonthFiguresOut(FiguresOut):
    month: str


class SummaryOut(Schema):
    period: PeriodOut
    totals: FiguresOut
    months: list[MonthFiguresOut]
    departments: list[NamedFiguresOut]
    services: list[NamedFiguresOut]


class MonthlyRowOut(FiguresOut):
    month: str
    department: str | None = None
    service: str | None = None


class MonthlyOut(Schema):
    period: PeriodOut
    by: str
    items: list[MonthlyRowOut]


def _period(params: PeriodIn):
    period = period_from_query({"start": params.start, "end": params.end})
    return period, {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "message": period.message,
    }


@router.get("/summary", response=SummaryOut, summary="公开统计汇总（按月、部门、事项）")
def summary(request: HttpRequest, params: Query[PeriodIn]):
    """办件量、按时办结率（承诺/法定时限）、好评率、平均办理时长：按月合计，及期间内各部门、各事项。
    日期为 年-月-日；为空取默认期间（近 180 天），格式错误取默认期间，前后颠倒自动交换，超过 366 天截取最近 366 天，原因见 period.message。"""
    period, period_out = _period(params)
    stats = cached_statistics(period=period)
    return {**stats, "period": period_out}


@router.get("/monthly", response=MonthlyOut, summary="每月统计（按部门或事项）")
def monthly(request: HttpRequest, params: Query[MonthlyIn]):
    """每月一行：by=department（默认）按部门，by=service 按事项。与 /statistics/export.csv 相同。"""
    period, period_out = _period(params)
    by = "service" if params.by == "service" else "department"
    return {"period": period_out, "by": by, "items": monthly_rows(period=period, by=by)}
