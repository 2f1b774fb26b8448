"""Text rules for appeals: normalisation of what people type, and jieba tokens for 并单 and 热点."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.constants import REGION_CODES
from accounts.identity import validate_mobile_phone

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_TOKEN_OK = re.compile(r"^[\w\u4e00-\u9fff]+$")
STOPWORDS = set(
    "我们 你们 他们 这个 那个 什么 怎么 为什么 可以 没有 一个 已经 还是 就是 但是 因为 所以 如果"
    " 希望 请问 问题 情况 反映 要求 现在 今天 时候 这样 这里 那里 进行 相关 关于 以及 并且".split()
)


def clean_text(value: str, *, label: str, max_length: int, required: bool = True) -> str:
    """Trim, drop control and bidi-override characters, and enforce length, with a Chinese error."""
    text = _CONTROL.sub("", (value or "").replace("\r\n", "\n")).strip()
    if required and not text:
        raise ValidationError(_("请填写%(label)s。") % {"label": label}, code="required")
    if len(text) > max_length:
        raise ValidationError(
            _("%(label)s不能超过 %(max)d 个字（当前 %(n)d 个）。")
            % {"label": label, "max": max_length, "n": len(text)},
            code="too_long",
        )
    return text


def normalize_phone(value: str) -> str:
    """NFKC (full-width digits become ASCII), trim, then the 11-digit mobile check."""
    return validate_mobile_phone(unicodedata.normalize("NFKC", value or "").strip())


def normalize_number(value: str) -> str:
    """An appeal number as typed, made comparable: NFKC (full-width ＳＱ２０２６ → SQ2026), every
    whitespace removed (also inside: "SQ 2026 1206 0001"), upper case."""
    return "".join(unicodedata.normalize("NFKC", value or "").split()).upper()


def validate_region_code(value: str) -> str:
    code = unicodedata.normalize("NFKC", value or "").strip()
    if code not in REGION_CODES:
        raise ValidationError(_("请选择列表中的行政区划。"), code="region")
    return code


def tokens(text: str) -> list[str]:
    """Distinct content words of a text (jieba), in first-seen order."""
    import jieba

    seen: dict[str, None] = {}
    for word in jieba.cut(unicodedata.normalize("NFKC", text or "").lower()):
        word = word.strip()
        if len(word) >= 2 and word not in STOPWORDS and _TOKEN_OK.match(word):
            seen.setdefault(word[:30], None)
    return list(seen)[:80]


def overlap_similarity(a: set[str], b: set[str]) -> float:
    """Share of the smaller token set found in the other (robust to one text being longer)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
