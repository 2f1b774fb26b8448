"""Public catalogue pages: browse (/services/), guide (/services/<code>/), 一次告知书 PDF."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.pagecache import cache_for_anonymous, csrf_context
from printing.errors import CJKFontMissing
from services_catalog import content_language, selectors
from services_catalog.constants import Audience
from services_catalog.pdf import guide_pdf
from services_catalog.presentation import guide_context, limit_label, visits_label

FILTER_PARAMS = ("audience", "theme", "department", "event")
# config.pagecache keeps anonymous visitors' pages. Only these parameters (once each) are keyed,
# so random query strings render fresh instead of filling the cache; a publish bumps
# catalog_version(), which every kept page's key includes.
KEEP = {"seconds": settings.SERVICES_CATALOG_PAGE_CACHE_SECONDS, "params": (*FILTER_PARAMS, "page")}


def _audience_tabs(filters, current: dict) -> list[dict]:
    """The 全部 / 个人办事 / 法人办事 tabs, each keeping the other filters."""
    return [
        {
            "label": label,
            "href": _href(current, audience=value),
            "active": filters.audience == value,
        }
        for value, label in (
            ("", _("全部")),
            (Audience.PERSON, _("个人办事")),
            (Audience.BUSINESS, _("法人办事")),
        )
    ]


def _facets(filters, current: dict) -> list[tuple]:
    """The theme, life-event and department facets with their counts and links."""
    return [
        (
            "theme",
            _("按主题"),
            [
                (
                    _theme_label(t, filters.audience),
                    t.service_count,
                    _href(current, theme=t.code),
                    t == filters.theme,
                )
                for t in selectors.service_themes(audience=filters.audience)
                if t.service_count
            ],
        ),
        (
            "event",
            _("一件事"),
            [
                (
                    e.display_name,
                    e.service_count,
                    _href(current, event=e.code),
                    e == filters.life_event,
                )
                for e in selectors.life_events(audience=filters.audience)
                if e.service_count
            ],
        ),
        (
            "department",
            _("按部门"),
            [
                (
                    d.name,
                    d.service_count,
                    _href(current, department=d.code),
                    d == filters.department,
                )
                for d in selectors.departments_with_services(audience=filters.audience)
            ],
        ),
    ]


@require_safe
@cache_for_anonymous(**KEEP)
def service_browse(request: HttpRequest) -> HttpResponse:
    # NFKC first: a full-width ｂｕｓｉｎｅｓｓ or a padded code is the filter it looks like
    raw = {
        p: unicodedata.normalize("NFKC", request.GET.get(p, "")).strip()[:60] for p in FILTER_PARAMS
    }
    filters, errors = selectors.browse_filters_resolve(
        audience=raw["audience"],
        theme=raw["theme"],
        department=raw["department"],
        life_event=raw["event"],
    )
    services = selectors.services_for_browse(
        audience=filters.audience,
        theme=filters.theme,
        department=filters.department,
        life_event=filters.life_event,
    ).only(
        "code",
        "name",
        "name_en",
        "audience",
        "item_type",
        "promised_limit_days",
        "visits",
        "online",
        "department__name",
        "department__short_name",
        "allows_tolerance",
        "allows_commitment",
    )
    page = Paginator(services, settings.SERVICES_CATALOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    cards = [
        {
            "s": s,
            "limit": limit_label(s.promised_limit_days),
            "visits": visits_label(s.visits),
        }
        for s in page.object_list
    ]
    current = {k: v for k, v in raw.items() if v and not (k == "audience" and not filters.audience)}
    context = {
        "page_title": _("办事服务"),
        "page": page,
        "cards": cards,
        "errors": errors,
        "filters": filters,
        "current": current,
        "audiences": _audience_tabs(filters, current),
        "facets": _facets(filters, current),
        "active_filters": _active_filters(filters, current),
        "page_query": _querystring(current),
        # department names have no English version, so a list is never wholly English
        "content_language_notice": content_language.language_notice(
            translated=[s.has_english for s in page.object_list], complete=False
        ),
    }
    status = 400 if errors else 200
    context.update(csrf_context(request))
    return render(request, "services_catalog/browse.html", context, status=status)


def _theme_label(theme, audience: str | None) -> str:
    """Person and business theme lists share some names; say which one when both are listed.

    The name and its audience are in one language: a theme without an English name keeps
    its Chinese audience suffix in English mode too (never "设立变更（Legal entity）")."""
    name = theme.display_name
    if audience or theme.audience == Audience.BOTH:
        return name
    in_english = content_language.english_active() and theme.has_english
    with translation.override("en" if in_english else settings.LANGUAGE_CODE):
        suffix = _("个人") if theme.audience == Audience.PERSON else _("法人")
    return f"{name} ({suffix})" if in_english else f"{name}（{suffix}）"


def _querystring(current: dict) -> str:
    return urlencode({k: v for k, v in current.items() if v})


def _href(current: dict, **change: str) -> str:
    """Link to the browse page with one filter changed (and back to page 1)."""
    query = _querystring({**current, **change})
    return f"?{query}" if query else "?"


def _active_filters(filters: selectors.BrowseFilters, current: dict) -> list[tuple[str, str]]:
    """(label, link that removes it) for each filter in use."""
    chips = []
    if filters.theme:
        chips.append(
            (_("主题：%(n)s") % {"n": filters.theme.display_name}, _href(current, theme=""))
        )
    if filters.life_event:
        chips.append(
            (_("一件事：%(n)s") % {"n": filters.life_event.display_name}, _href(current, event=""))
        )
    if filters.department:
        chips.append(
            (_("部门：%(n)s") % {"n": filters.department.name}, _href(current, department=""))
        )
    return chips


@require_safe
@cache_for_anonymous(**KEEP)
def service_guide(request: HttpRequest, code: str) -> HttpResponse:
    service = selectors.service_get_live(code=code)
    if service is None:
        raise Http404(_("没有找到该事项，或该事项尚未发布。"))
    context = guide_context(service)
    context["page_title"] = service.display_name
    # the department, legal basis, fees and FAQ have no English version
    context["content_language_notice"] = content_language.language_notice(
        translated=[service.has_english], complete=False
    )
    context.update(csrf_context(request))
    return render(request, "services_catalog/guide.html", context)


@require_safe
def service_guide_pdf(request: HttpRequest, code: str) -> HttpResponse:
    service = selectors.service_get_live(code=code)
    if service is None:
        raise Http404(_("没有找到该事项，或该事项尚未发布。"))
    try:
        data = guide_pdf(service=service)
    except CJKFontMissing:  # never a PDF whose Chinese prints as boxes
        return HttpResponse(
            _("打印字体暂不可用，请稍后再试或在线查看办事指南。"),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{service.code}-guide.pdf"'
    return response
