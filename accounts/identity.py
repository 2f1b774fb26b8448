"""National identifiers: validation and masking.

- 身份证号 (GB 11643-1999): 17 digits + a check character from "10X98765432".
- 统一社会信用代码 (GB 32100-2015): 18 characters over a 31-symbol alphabet with a
  weighted mod-31 check.

These are pure functions so that forms, services, imports and the data-exchange
layer all share one definition.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(rf"^[{USCC_ALPHABET}]{{18}}$")

# Anything that looks like an 18-character ID number inside free text (logs, messages).
ID_NUMBER_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")


def normalize_identifier(value: str | None) -> str:
    """An identifier as typed, made comparable: NFKC (full-width ３ → 3, ideographic space → space),
    every whitespace removed, upper case. Applied before every validation and blind index, so the
    same person or company cannot register twice by changing the width of a digit."""
    text = unicodedata.normalize("NFKC", value or "")
    return "".join(text.split()).upper()


def normalize_id_number(value: str) -> str:
    return normalize_identifier(value)


def id_number_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_id_number(value: str) -> str:
    """Return the normalised 身份证号 or raise ValidationError with a specific message."""
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError(
            _("身份证号应为18位，当前为%(n)d位。"), code="length", params={"n": len(number)}
        )
    if not _ID_RE.match(number):
        raise ValidationError(_("身份证号前17位应为数字，最后一位为数字或X。"), code="format")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号中的出生日期无效。"), code="birth_date") from None
    if birth > dt.date.today() or birth.year < 1900:
        raise ValidationError(_("身份证号中的出生日期无效。"), code="birth_date")
    if id_number_check_char(number[:17]) != number[17]:
        raise ValidationError(_("身份证号校验位不正确，请核对后重新输入。"), code="checksum")
    return number


def is_valid_id_number(value: str) -> bool:
    try:
        validate_id_number(value)
    except ValidationError:
        return False
    return True


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    check = 31 - total % 31
    return USCC_ALPHABET[0 if check == 31 else check]


def validate_uscc(value: str) -> str:
    """Return the normalised 统一社会信用代码 or raise ValidationError."""
    code = normalize_identifier(value)
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(n)d位。"), code="length", params={"n": len(code)}
        )
    if not _USCC_RE.match(code):
        raise ValidationError(
            _("统一社会信用代码只能包含数字和大写字母（不含 I、O、Z、S、V）。"), code="format"
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("统一社会信用代码校验位不正确，请核对后重新输入。"), code="checksum"
        )
    return code


def is_valid_uscc(value: str) -> bool:
    try:
        validate_uscc(value)
    except ValidationError:
        return False
    return True


def mask_id_number(value: str | None) -> str:
    """3301**********1234: keep the first 4 and last 4 characters only."""
    if not value:
        return ""
    value = str(value)
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def mask_name(value: str | None) -> str:
    """张*三 / 李*: the surname and, for names of three or more characters, the last one."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    if len(value) == 2:
        return f"{value[0]}*"
    return f"{value[0]}{'*' * (len(value) - 2)}{value[-1]}"


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    return f"{value[:3]}****{value[-4:]}" if len(value) >= 11 else "*" * len(value)


def mask_ids_in_text(text: str) -> str:
    """Mask every 18-character ID number that appears in free text."""
    return ID_NUMBER_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)


_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile_phone(value: str) -> str:
    phone = normalize_identifier(value).replace("-", "")
    if phone.startswith("+86"):
        phone = phone[3:]
    if not _PHONE_RE.match(phone):
        raise ValidationError(_("请输入11位中国大陆手机号码。"), code="phone")
    return phone
