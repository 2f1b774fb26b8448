"""受理: raising an appeal on the web form or by the hotline operator, with its receipt."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import services as applications
from config.tasks import enqueue
from participation.appeals import catalogue, dispatch
from participation.appeals.constants import (
    ADDRESS_MAX,
    ANONYMOUS_TYPES,
    DESCRIPTION_MAX,
    MAX_ATTACHMENTS,
    SUBJECT_MAX,
    AppealType,
    Channel,
    Side,
)
from participation.appeals.models import Appeal, AppealAttachment, AppealCategory
from participation.appeals.text import (
    clean_text,
    normalize_phone,
    tokens,
    validate_region_code,
)
from participation.appeals.transitions import HeldAppeal, appeal_transition


@dataclass
class Upload:
    filename: str
    data: bytes
    content_type: str = ""
    sha256: str = ""


@dataclass
class AppealInput:
    """What a reporter gives (the form or the operator fills it in)."""

    appeal_type: str
    category_code: str
    subject: str
    description: str
    region_code: str
    address: str = ""
    reporter_name: str = ""
    reporter_phone: str = ""
    reporter_email: str = ""
    publish_consent: bool = False
    reported_department_id: int | None = None
    uploads: list[Upload] = field(default_factory=list)


def _clean(data: AppealInput) -> dict:
    """Every field checked before anything is stored; one ValidationError listing all problems."""
    errors: dict[str, list] = {}
    values: dict = {}

    def check(name, fn):
        try:
            values[name] = fn()
        except ValidationError as exc:
            errors[name] = exc.messages

    check("appeal_type", lambda: _choice(data.appeal_type))
    check("category", lambda: _category(data.category_code))
    check("subject", lambda: clean_text(data.subject, label=_("标题"), max_length=SUBJECT_MAX))
    check(
        "description",
        lambda: clean_text(data.description, label=_("诉求内容"), max_length=DESCRIPTION_MAX),
    )
    check("region_code", lambda: validate_region_code(data.region_code))
    check(
        "address",
        lambda: clean_text(data.address, label=_("地址"), max_length=ADDRESS_MAX, required=False),
    )
    check(
        "reporter_name",
        lambda: clean_text(data.reporter_name, label=_("姓名"), max_length=50, required=False),
    )
    check("reporter_phone", lambda: normalize_phone(data.reporter_phone))
    check("uploads", lambda: _check_uploads(data.uploads))
    if errors:
        raise ValidationError(errors)
    values["reporter_email"] = (data.reporter_email or "").strip()[:254]
    return values


def _choice(value: str) -> str:
    if value not in AppealType.values:
        raise ValidationError(_("请选择诉求类型。"), code="type")
    return value


def _category(code: str) -> AppealCategory:
    category = catalogue.category_by_code((code or "").strip())
    if category is None:
        raise ValidationError(_("请选择诉求分类。"), code="category")
    return category


def _check_uploads(uploads: list[Upload]) -> list[Upload]:
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(_("最多上传 %(n)d 个附件。") % {"n": MAX_ATTACHMENTS})
    for upload in uploads:
        upload.content_type = applications.upload_validate(
            data=upload.data, filename=upload.filename
        )
        import hashlib

        upload.sha256 = hashlib.sha256(upload.data).hexdigest()
    return uploads


NUMBER_ATTEMPTS = 5


def _new_number(today: dt.date) -> str:
    return f"{today:%Y%m%d}{secrets.randbelow(10**6):06d}"


def appeal_submit(
    *,
    data: AppealInput,
    actor,
    channel: str = Channel.WEB,
    submission_key: str = "",
) -> Appeal:
    """受理 one appeal; the same submission key (a double-clicked submit) returns the first one.

    The catalogue dispatches it at once when a rule matches; otherwise it waits for the operator.
    """
    values = _clean(data)
    signed_in = actor is not None and getattr(actor, "is_authenticated", False)
    is_operator = channel == Channel.HOTLINE
    if not signed_in and values["appeal_type"] not in ANONYMOUS_TYPES:
        raise ValidationError(
            {
                "appeal_type": [
                    _("“%(t)s”类诉求需要登录后提交，以便核实和答复。")
                    % {"t": AppealType(values["appeal_type"]).label}
                ]
            }
        )
    key = (submission_key or "").strip()[:64] or secrets.token_hex(16)
    uploads = values.pop("uploads")
    values["tokens"] = " ".join(tokens(f"{values['subject']} {values['description']}"))
    # No look-up before the insert: the unique submission key is the double-submit guard (a
    # second submit with the same key fails on it and gets the first appeal), and a random
    # number already taken that day fails on its own unique index and is drawn again.
    for _attempt in range(NUMBER_ATTEMPTS):
        appeal = _new_appeal(
            values, data=data, key=key, actor=actor, channel=channel, signed_in=signed_in
        )
        try:
            return _create(
                appeal,
                uploads=uploads,
                actor=actor,
                is_operator=is_operator,
                auto_dispatch=channel == Channel.WEB,
            )
        except IntegrityError:
            existing = Appeal.objects.filter(submission_key=key).first()
            if existing is not None:
                return existing
            if not Appeal.objects.filter(number=appeal.number).exists():
                raise
    raise IntegrityError("no free appeal number after several draws")


def _new_appeal(values: dict, *, data: AppealInput, key: str, actor, channel: str, signed_in: bool):
    is_operator = channel == Channel.HOTLINE
    appeal = Appeal(
        **values,
        number=_new_number(timezone.localdate()),
        submission_key=key,
        channel=channel,
        reporter=actor if signed_in and not is_operator else None,
        intake_operator=actor if is_operator else None,
        publish_consent=data.publish_consent,
        reported_department_id=data.reported_department_id
        if values["appeal_type"] == AppealType.REPORT
        else None,
    )
    if signed_in and not is_operator and not appeal.reporter_name:
        appeal.reporter_name = actor.real_name
    return appeal


def _create(
    appeal: Appeal, *, uploads: list[Upload], actor, is_operator: bool, auto_dispatch: bool
) -> Appeal:
    """受理 (and the catalogue's 派单) taken on the new appeal, then the appeal, its steps and
    its attachments stored in one transaction; the reporter's notices and the hot-topic count
    go in one task after commit."""
    held = HeldAppeal(appeal)
    appeal_transition(
        appeal=appeal,
        action="submit",
        actor=actor,
        side=Side.CENTRE if is_operator else Side.REPORTER,
        held=held,
    )
    if auto_dispatch:
        department = dispatch.department_for(
            category=appeal.category, region_code=appeal.region_code
        )
        if department is not None:
            dispatch.appeal_dispatch(appeal=appeal, actor=None, department=department, held=held)
    written: list[str] = []

    def attach(stored: Appeal) -> None:
        for index, upload in enumerate(uploads):
            relative = f"participation/{stored.number}/{index}-{upload.sha256[:16]}"
            applications.private_file_write(relative=relative, data=upload.data)
            written.append(relative)
            AppealAttachment.objects.create(
                appeal=stored,
                filename=upload.filename[:120],
                content_type=upload.content_type,
                size=len(upload.data),
                sha256=upload.sha256,
                path=relative,
            )

    try:
        with transaction.atomic():
            held.store(then=attach)
            enqueue("participation.appeals.tasks.appeal_received", appeal.pk, held.notices)
    except BaseException:
        for relative in written:
            applications.private_file_delete(relative=relative)
        raise
    return appeal
