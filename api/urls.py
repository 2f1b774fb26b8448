"""URL routes of the api app (included at the site root)."""

from functools import wraps

from django.conf import settings
from django.urls import path
from django.utils import translation

from api.views import api


def _in_portal_language(view):
    """Every answer is the same whatever the client's cookie or Accept-Language: labels
    (``*_name``) in Chinese, English versions in explicit ``*_en`` fields (docs/api.md). The
    cached catalogue responses rely on this: one body serves every client."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return view(request, *args, **kwargs)

    return wrapper


_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = _in_portal_language(_pattern.callback)

urlpatterns = [path("api/v1/", (_patterns, _app_name, _namespace))]
