"""`{% icon "name" %}`: the portal's own SVG icons (portal/static/portal/icons/), inlined.

Inline, so they take the text colour and cost no request; decorative, so they are hidden
from assistive technology (the link or heading beside them carries the words). Pass
`label="…"` for an icon that stands alone: it then gets role="img" and that label.
"""

from __future__ import annotations

import functools
import re

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_NAME = re.compile(r"^[a-z][a-z0-9-]{0,30}$")
FALLBACK = "service"


@functools.cache
def _svg(name: str) -> str:
    path = finders.find(f"portal/icons/{name}.svg") if _NAME.match(name) else None
    if not path:
        return _svg(FALLBACK) if name != FALLBACK else ""
    with open(path, encoding="utf-8") as fh:
        return " ".join(fh.read().split())


@register.simple_tag
def icon(name: str, label: str = "", css: str = "icon") -> str:
    svg = _svg(str(name))
    if label:
        attrs = f'class="{escape(css)}" role="img" aria-label="{escape(label)}" focusable="false"'
    else:
        attrs = f'class="{escape(css)}" aria-hidden="true" focusable="false"'
    return mark_safe(svg.replace("<svg ", f"<svg {attrs} ", 1))  # noqa: S308  (our own files)
