"""Template filters for catalogue content in the visitor's language (content_language)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from services_catalog import content_language

register = template.Library()


@register.filter
def localized(obj, field: str):
    """``{{ service|localized:"conditions" }}``: English in English mode when written."""
    return content_language.localized(obj, field)


@register.filter
def zh_lang(obj, field: str = "name") -> str:
    """`` lang="zh-CN"`` on an element whose text stays Chinese in English mode, so screen
    readers and browsers read it as Chinese."""
    if content_language.english_active() and not getattr(obj, f"{field}_en", None):
        return mark_safe(' lang="zh-CN"')
    return ""


@register.simple_tag
def zh_text() -> str:
    """`` lang="zh-CN"`` in English mode, for text that is never translated (department names)."""
    return mark_safe(' lang="zh-CN"') if content_language.english_active() else ""


@register.simple_tag
def lp() -> str:
    """An opening parenthesis in the page's language: full-width in Chinese."""
    return " (" if content_language.english_active() else "（"


@register.simple_tag
def rp() -> str:
    return ")" if content_language.english_active() else "）"


@register.simple_tag
def list_separator() -> str:
    """Between the items of an inline list: "、" in Chinese, ", " in English."""
    return ", " if content_language.english_active() else "、"


@register.simple_tag
def colon() -> str:
    return ": " if content_language.english_active() else "："


@register.filter
def localized_html(obj, field: str = "name"):
    """The field in the page's language; in English mode a Chinese fallback is wrapped in
    ``<span lang="zh-CN">``. Chinese mode gets the plain text, exactly as before."""
    value = content_language.localized(obj, field)
    if content_language.english_active() and not getattr(obj, f"{field}_en", None):
        return format_html('<span lang="zh-CN">{}</span>', value)
    return value


@register.filter
def zh_span(value):
    """Text that is never translated (department names, legal texts), marked as Chinese in
    English mode only."""
    if value and content_language.english_active():
        return format_html('<span lang="zh-CN">{}</span>', value)
    return value
