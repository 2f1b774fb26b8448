"""Demo content of participation: appeals, staff of the hotline, two consultations, notices and
one expired emergency banner. Idempotent; builds only on the accounts and portal demos."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from accounts import services as accounts
from accounts.constants import AssuranceLevel, Role
from accounts.demo import DEMO_PASSWORD
from accounts.models import Department, User
from participation import roles
from participation.appeals.demo import appeals_load, categories_load
from participation.consultations.models import (
    CommentState,
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationSection,
    Outcome,
)
from participation.notices.models import (
    BannerLevel,
    EmergencyBanner,
    NoticeIndexPage,
    NoticeKind,
    NoticePage,
)

# username, real name, department code, accounts roles, extra group (话务员)
STAFF = [
    ("operator", "吴敏", "zwfw", [], roles.HOTLINE_OPERATOR),
    ("handler_scjg", "郑浩", "scjg", [Role.DEPT_REVIEWER], ""),
    ("handler_zjw", "钱芳", "zjw", [Role.DEPT_REVIEWER], ""),
    ("handler_jtw", "冯磊", "jtw", [Role.DEPT_REVIEWER], ""),
]
RESIDENT = ("resident", "黄磊", "310114199001011234", "13800138009", "resident@example.cn")


def _staff() -> None:
    roles.roles_sync()
    for username, name, dept, account_roles, group in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = accounts.staff_create(
                username=username,
                email=f"{username}@ywtb.example.gov.cn",
                password=DEMO_PASSWORD,
                real_name=name,
                department=Department.objects.get(code=dept),
                roles=account_roles,
            )
        if group:
            user.groups.add(roles.hotline_operator_group())
    if not User.objects.filter(username=RESIDENT[0]).exists():
        from accounts.demo import make_id_number

        username, name, first, phone, email = RESIDENT
        user = accounts.citizen_create(
            username=username,
            email=email,
            password=DEMO_PASSWORD,
            real_name=name,
            id_number=make_id_number(first[:17]),
            phone=phone,
        )
        accounts.user_record_verification(user=user, level=AssuranceLevel.REGISTER_CHECKED)
    from allauth.account.models import EmailAddress

    for username in [s[0] for s in STAFF] + [RESIDENT[0]]:
        user = User.objects.get(username=username)
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


def _child(parent: Page, page: Page) -> Page:
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _consultations(home: Page) -> int:
    index = _child(
        home,
        ConsultationIndexPage(
            title="征求意见",
            slug="consultations",
            intro="重大行政决策草案向社会公开征求意见，意见经审核后公开，截止后公布采纳情况。",
        ),
    )
    rsj = Department.objects.get(code="rsj")
    now = timezone.now()
    specs = [
        (
            "draft-employment-subsidy",
            "《本市灵活就业人员社会保险补贴办法（征求意见稿）》",
            now - dt.timedelta(days=5),
            now + dt.timedelta(days=25),
        ),
        (
            "draft-elderly-care",
            "《本市社区养老服务设施管理办法（征求意见稿）》",
            now - dt.timedelta(days=45),
            now - dt.timedelta(days=10),
        ),
    ]
    pages = []
    for slug, title, opens, closes in specs:
        page = ConsultationPage(
            title=title,
            slug=slug,
            department=rsj,
            opens_at=opens,
            closes_at=closes,
            summary="为进一步规范相关工作，起草了本办法，现向社会公开征求意见。",
        )
        page.sections = [
            ConsultationSection(
                heading="第一条 目的和依据",
                text="为规范管理、保障群众权益，根据有关法律法规，制定本办法。",
            ),
            ConsultationSection(
                heading="第二条 适用范围", text="本办法适用于本市行政区域内的相关活动。"
            ),
            ConsultationSection(
                heading="第三条 补贴标准",
                text="符合条件的，按照本市最低缴费基数的50%给予补贴，补贴期限最长3年。",
            ),
        ]
        pages.append(_child(index, page))
    closed = pages[1]
    if not ConsultationComment.objects.filter(page=closed).exists():
        _closed_feedback(closed)
    return len(pages)


def _closed_feedback(page: ConsultationPage) -> None:
    authors = list(User.objects.filter(kind="citizen").order_by("pk")[:3])
    sections = list(page.sections.all())
    rows = [
        (
            0,
            "建议明确“社区养老服务设施”的范围，包括嵌入式养老机构。",
            Outcome.ADOPTED,
            "已在第二条增加定义。",
        ),
        (
            1,
            "建议将郊区农村睦邻点也纳入管理。",
            Outcome.PARTLY,
            "睦邻点另行规定，本办法作衔接性规定。",
        ),
        (2, "补贴标准建议提高到80%。", Outcome.NOT_ADOPTED, "超出本市财政承受能力，维持原标准。"),
        (2, "补贴期限建议延长到5年。", Outcome.NOT_ADOPTED, "与国家政策口径保持一致。"),
    ]
    now = timezone.now()
    for i, (sec, text, outcome, reason) in enumerate(rows):
        ConsultationComment.objects.create(
            page=page,
            section=sections[sec],
            author=authors[i % len(authors)],
            text=text,
            state=CommentState.APPROVED,
            moderated_at=now,
            outcome=outcome,
            outcome_reason=reason,
        )
    ConsultationComment.objects.create(
        page=page,
        section=sections[0],
        author=authors[0],
        text="与本草案无关的广告内容。",
        state=CommentState.REJECTED,
        moderation_reason="与征求意见内容无关。",
        moderated_at=now,
    )
    ConsultationPage.objects.filter(pk=page.pk).update(
        feedback_summary="共收到意见5条，公开4条；采纳1条，部分采纳1条，未采纳2条。",
        feedback_published_at=now,
    )


def _notices(home: Page) -> int:
    index = _child(home, NoticeIndexPage(title="通知公告", slug="notices"))
    specs = [
        (
            "notice-holiday-hours",
            NoticeKind.ANNOUNCEMENT,
            "关于元旦期间政务服务中心办公时间的通知",
            "元旦假期期间，市政务服务中心暂停线下窗口服务，网上办事大厅照常运行。",
        ),
        (
            "notice-system-upgrade",
            NoticeKind.ANNOUNCEMENT,
            "一网通办平台系统升级公告",
            "本周六凌晨0:00至6:00进行系统升级，期间部分事项暂停网上申报。",
        ),
        (
            "notice-12345-merge",
            NoticeKind.ANNOUNCEMENT,
            "12345热线“一号响应”服务说明",
            "各类政务服务便民热线已归并至12345，7×24小时人工服务。",
        ),
    ]
    count = 0
    for slug, kind, title, text in specs:
        _child(
            index,
            NoticePage(title=title, slug=slug, kind=kind, summary=text, body=f"<p>{text}</p>"),
        )
        count += 1
    policy = Page.objects.filter(
        content_type__app_label="policies", content_type__model="policypage"
    ).first()
    if policy is not None:
        _child(
            index,
            NoticePage(
                title=f"政策解读：{policy.title}",
                slug="interpretation-first-policy",
                kind=NoticeKind.INTERPRETATION,
                linked_policy=policy,
                summary="一图读懂政策要点、适用对象和申报方式。",
                body="<p>本政策面向符合条件的企业，详见政策原文。</p>",
            ),
        )
        count += 1
    return count


def _banner() -> None:
    if not EmergencyBanner.objects.exists():
        now = timezone.now()
        EmergencyBanner.objects.create(
            title="寒潮预警",
            message="受强冷空气影响，线下窗口临时调整开放时间，请优先网上办理。",
            level=BannerLevel.ORANGE,
            starts_at=now - dt.timedelta(days=20),
            ends_at=now - dt.timedelta(days=18),
        )


@transaction.atomic
def load(*, stdout=None) -> None:
    from portal.models.pages import HomePage

    _staff()
    categories = categories_load()
    appeals = appeals_load(categories=categories)
    home = HomePage.objects.first()
    consultations = notices = 0
    if home is not None:
        consultations = _consultations(home)
        notices = _notices(home)
    _banner()
    if stdout is not None:
        stdout.write(
            f"  participation: {appeals} new appeals, {consultations} consultations, {notices} notices"
        )
