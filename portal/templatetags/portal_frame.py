"""Template filters of the page frame (templates/base.html)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter(is_safe=True)
def page_title(title: str, portal_name: str) -> str:
    """One title pattern on every page: "页面 - 一网通办政务服务网", or the portal's name alone."""
    title = " ".join(str(title).split())
    if not title or title == portal_name:
        return portal_name
    return f"{title} - {portal_name}"
