"""Demo appeals: a few hundred across types, departments and states (bulk_create; fast)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from accounts.constants import REGION_CODES
from accounts.models import Department, User
from participation import workdays
from participation.appeals.constants import AppealType, Channel, Satisfaction, Side, State
from participation.appeals.hot import period_start
from participation.appeals.models import (
    Appeal,
    AppealCategory,
    AppealEvent,
    DispatchRule,
    HotTopicCount,
)
from participation.appeals.text import tokens

# (code, name, deadline in working days, department code)
CATEGORIES = [
    ("market", "市场监管与消费维权", 5, "scjg"),
    ("housing", "住房与物业", 10, "zjw"),
    ("city", "城市管理与市容", 5, "zjw"),
    ("social", "社会保障与就业", 5, "rsj"),
    ("traffic", "交通出行", 5, "jtw"),
    ("education", "教育", 7, "jyj"),
    ("health", "医疗卫生", 5, "wjw"),
    ("civil", "民政与养老", 5, "mzj"),
    ("tax", "税务", 5, "swj"),
    ("police", "户籍与治安", 5, "gongan"),
    ("govservice", "政务服务", 3, "zwfw"),
]

SUBJECTS = {
    "market": ["超市销售过期食品", "网购商品退货被拒", "培训机构退费难", "餐馆卫生条件差"],
    "housing": ["小区电梯长期故障", "物业费上涨未公示", "楼道堆物消防隐患", "房屋漏水无人维修"],
    "city": ["夜间施工噪音扰民", "占道经营影响通行", "垃圾清运不及时", "路灯损坏不亮"],
    "social": ["社保缴费记录缺失", "失业金申领进度", "公司拖欠工资", "退休金核定咨询"],
    "traffic": ["公交班次间隔太长", "路口信号灯配时不合理", "共享单车乱停放", "停车收费不透明"],
    "education": ["学区划分咨询", "幼儿园收费问题", "校门口交通拥堵", "课后服务安排"],
    "health": ["医院挂号难", "医保报销比例咨询", "社区卫生中心服务态度", "疫苗接种预约"],
    "civil": ["养老院床位申请", "低保申请流程", "高龄补贴发放", "婚姻登记预约"],
    "tax": ["个税汇算退税进度", "发票开具问题", "小规模纳税人减免咨询", "税务登记变更"],
    "police": ["户口迁移办理", "居住证办理进度", "小区治安巡逻", "身份证补办"],
    "govservice": ["网上办事系统卡顿", "窗口排队时间长", "办事指南材料不清楚", "表扬窗口工作人员"],
}

DEMO_KEY = "demo-"
COUNT = 300


def categories_load() -> dict[str, AppealCategory]:
    departments = {d.code: d for d in Department.objects.all()}
    result = {}
    for order, (code, name, days, dept) in enumerate(CATEGORIES):
        result[code], _ = AppealCategory.objects.update_or_create(
            code=code, defaults={"name": name, "deadline_working_days": days, "sort_order": order}
        )
        if dept in departments:
            DispatchRule.objects.get_or_create(
                category=result[code],
                region_code="",
                defaults={"department": departments[dept], "position": 100 + order * 10},
            )
    return result


_TOKEN_CACHE: dict[str, str] = {}


def _tokens(subject: str) -> str:
    if subject not in _TOKEN_CACHE:
        _TOKEN_CACHE[subject] = " ".join(tokens(subject))
    return _TOKEN_CACHE[subject]


def _state_plan(rng: random.Random) -> str:
    return rng.choices(
        [
            "accepted",
            "dispatched",
            "handling",
            "waiting",
            "returned",
            "answered",
            "closed",
            "reopened",
            "merged",
        ],
        weights=[4, 8, 10, 3, 4, 6, 50, 6, 4],
    )[0]


def appeals_load(*, categories: dict[str, AppealCategory]) -> int:
    if Appeal.objects.filter(submission_key__startswith=DEMO_KEY).exists():
        return 0
    rng = random.Random(15)
    departments = {d.code: d for d in Department.objects.all()}
    citizens = list(User.objects.filter(kind="citizen").order_by("pk")[:3])
    now = timezone.now()
    regions = [c for c in REGION_CODES if c != "310000"]
    appeals, plans = [], []
    for index in range(COUNT):
        appeal, plan, created = _demo_appeal(index, rng, categories, citizens, regions, now)
        _apply_plan(appeal, plan, created, departments, rng)
        appeals.append(appeal)
        plans.append((plan, created))
    Appeal.objects.bulk_create(appeals, batch_size=500)
    saved = {
        a.submission_key: a for a in Appeal.objects.filter(submission_key__startswith=DEMO_KEY)
    }
    appeals = [saved[a.submission_key] for a in appeals]
    _merge_some(appeals, plans)
    events = []
    for appeal, (plan, created) in zip(appeals, plans, strict=False):
        events += _events(appeal, plan, created)
    AppealEvent.objects.bulk_create(events, batch_size=1000)
    for event in events:  # auto_now_add stamped them "now"; give each its step's time
        event.created_at = event.demo_at
    AppealEvent.objects.bulk_update(events, ["created_at"], batch_size=1000)
    for appeal, (_plan, created) in zip(appeals, plans, strict=False):
        appeal.created_at = created
    Appeal.objects.bulk_update(appeals, ["created_at"], batch_size=500)
    _hot_counts(appeals)
    return len(appeals)


def _demo_appeal(index: int, rng: random.Random, categories, citizens, regions, now):
    """One appeal as a citizen would have sent it, with the state it will be taken to."""
    code = rng.choice(list(SUBJECTS))
    category = categories[code]
    subject = rng.choice(SUBJECTS[code])
    created = now - dt.timedelta(days=rng.randint(0, 55), minutes=rng.randint(0, 600))
    plan = _state_plan(rng)
    reporter = rng.choice(citizens) if citizens and rng.random() < 0.3 else None
    appeal = Appeal(
        number=f"{timezone.localdate(created):%Y%m%d}9{index:05d}",
        submission_key=f"{DEMO_KEY}{index}",
        appeal_type=AppealType.PRAISE
        if "表扬" in subject
        else rng.choice(
            [
                AppealType.CONSULT,
                AppealType.COMPLAINT,
                AppealType.SUGGESTION,
                AppealType.HELP,
                AppealType.COMPLAINT,
                AppealType.REPORT,
            ]
        ),
        category=category,
        channel=rng.choice([Channel.WEB, Channel.HOTLINE, Channel.HOTLINE]),
        subject=subject,
        description=f"{subject}，已持续一段时间，希望有关部门尽快核实处理。",
        region_code=rng.choice(regions),
        address=f"{rng.randint(1, 999)}号附近",
        reporter=reporter,
        reporter_name=reporter.real_name
        if reporter
        else rng.choice(["王先生", "李女士", "陈先生", "刘女士"]),
        reporter_phone=reporter.phone
        if reporter and reporter.phone
        else f"139{rng.randint(10**7, 10**8 - 1)}",
        publish_consent=rng.random() < 0.5,
        state=State.ACCEPTED,
        tokens=_tokens(subject),
        hot_counted=True,
    )
    return appeal, plan, created


def _apply_plan(appeal, plan, created, departments, rng) -> None:
    dept_code = next(d for c, _n, _d, d in CATEGORIES if c == appeal.category.code)
    if plan == "accepted":
        return
    appeal.department = departments.get(dept_code)
    appeal.dispatched_at = created + dt.timedelta(hours=1)
    appeal.due_date = workdays.add_working_days(
        start=timezone.localdate(created), days=appeal.category.deadline_working_days
    )
    appeal.state = {
        "dispatched": State.DISPATCHED,
        "handling": State.HANDLING,
        "waiting": State.WAITING_REPORTER,
        "returned": State.RETURN_REQUESTED,
        "answered": State.ANSWERED,
        "merged": State.HANDLING,
    }.get(plan, State.CLOSED)
    if plan == "waiting":
        appeal.paused_on = timezone.localdate(created) + dt.timedelta(days=1)
    if plan == "returned":
        appeal.returns_count = 1
    if plan in ("answered", "closed", "reopened"):
        appeal.answer = (
            f"经核实，{appeal.subject}的情况属实，已责成相关单位整改，后续将加强日常巡查。"
        )
        appeal.answered_at = created + dt.timedelta(days=2)
    if plan in ("closed", "reopened"):
        appeal.satisfaction = rng.choice([Satisfaction.SATISFIED] * 4 + [Satisfaction.BASIC])
        appeal.closed_at = created + dt.timedelta(days=3 if plan == "closed" else 6)
        appeal.answer_published = appeal.publish_consent
    if plan == "reopened":
        appeal.reopen_count = 1
    if (
        appeal.state in (State.DISPATCHED, State.HANDLING)
        and appeal.due_date < timezone.localdate()
    ):
        appeal.due_flag = "overdue"


STEP_LABELS = {
    "submit": "受理",
    "dispatch": "派单",
    "return": "退单",
    "take": "签收办理",
    "ask_reporter": "请诉求人补充",
    "answer": "答复",
    "callback": "回访",
    "reopen": "重办",
    "close": "办结",
    "merge": "并单",
}


def _events(appeal, plan, created) -> list[AppealEvent]:
    steps = [("submit", Side.CENTRE if appeal.channel == Channel.HOTLINE else Side.REPORTER, "")]
    if plan != "accepted":
        steps.append(("dispatch", Side.SYSTEM, f"承办部门：{appeal.department.name}"))
    if plan == "returned":
        steps.append(("return", Side.DEPARTMENT, "不属于本部门职责范围。"))
    if plan in ("handling", "waiting", "answered", "closed", "reopened", "merged"):
        steps.append(("take", Side.DEPARTMENT, ""))
    if plan == "waiting":
        steps.append(("ask_reporter", Side.DEPARTMENT, "请补充具体地址和发生时间。"))
    if plan == "reopened":
        steps += [
            ("answer", Side.DEPARTMENT, "已安排整改。"),
            ("callback", Side.CENTRE, "不满意"),
            ("reopen", Side.REPORTER, "问题没有解决。"),
        ]
    if plan in ("answered", "closed", "reopened"):
        steps.append(("answer", Side.DEPARTMENT, appeal.answer))
    if plan in ("closed", "reopened"):
        steps += [("callback", Side.CENTRE, "满意"), ("close", Side.CENTRE, "")]
    if plan == "merged" and appeal.merged_into_id:
        steps.append(("merge", Side.CENTRE, "与同一问题的诉求合并办理。"))
    events = []
    for offset, (action, side, note) in enumerate(steps):
        event = AppealEvent(
            appeal=appeal,
            action=action,
            label=STEP_LABELS[action],
            side=side,
            department=appeal.department if side == Side.DEPARTMENT else None,
            note=note,
            public=True,
        )
        event.demo_at = created + dt.timedelta(hours=offset * 7)
        events.append(event)
    return events


def _merge_some(appeals, plans) -> None:
    open_by_region: dict[tuple, Appeal] = {}
    for appeal, (plan, _c) in zip(appeals, plans, strict=False):
        if plan in ("handling", "dispatched"):
            open_by_region.setdefault((appeal.region_code, appeal.category_id), appeal)
    merged = []
    for appeal, (plan, _c) in zip(appeals, plans, strict=False):
        primary = open_by_region.get((appeal.region_code, appeal.category_id))
        if plan == "merged" and primary is not None and primary.pk != appeal.pk:
            appeal.merged_into, appeal.state = primary, State.MERGED
            merged.append(appeal)
    Appeal.objects.bulk_update(merged, ["merged_into", "state"])


def _hot_counts(appeals) -> None:
    counts: Counter = Counter()
    for appeal in appeals:
        day = timezone.localdate(appeal.created_at)
        keys = [("category", appeal.category.name)] + [
            ("keyword", w) for w in appeal.tokens.split()[:5]
        ]
        for period in ("week", "month"):
            start = period_start(period=period, day=day)
            for region in (appeal.region_code, "*"):
                for kind, key in keys:
                    counts[(period, start, region, kind, key[:60])] += 1
    HotTopicCount.objects.bulk_create(
        [
            HotTopicCount(period=p, period_start=s, region_code=r, kind=k, key=key, count=n)
            for (p, s, r, k, key), n in counts.items()
        ],
        batch_size=1000,
    )
