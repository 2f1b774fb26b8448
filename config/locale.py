"""Language selection: Simplified Chinese unless the visitor chose another language.

Django's LocaleMiddleware follows the browser's Accept-Language header, which would show
English to anyone whose browser is set to English. A government portal answers in its
official language by default; English is an explicit choice made with the switcher
(stored in the language cookie by django.views.i18n.set_language).
"""

from __future__ import annotations

import gettext
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

_SUPPORTED = {code for code, _name in settings.LANGUAGES}


def flatten_fallbacks(catalogue: gettext.NullTranslations) -> int:
    """Merge a language's chain of fallback catalogues into one; return how many were merged.

    For zh-hans, Python's gettext also loads each installed app's "zh" catalogue and Django
    chains them one behind another as fallbacks, so every message without a zh-hans entry
    (all of ours: the source language is Chinese) walked 11 catalogues: a translation cost
    three times an English one, on every `{% translate %}`. The merged catalogue answers
    exactly as the chain did (an earlier catalogue wins), with one lookup.
    """
    chain = []
    node = catalogue._fallback
    while type(node) is gettext.GNUTranslations:
        chain.append(node)
        node = node._fallback
    if len(chain) < 2 or len({link.plural.__code__ for link in chain}) != 1:
        return 0
    merged: dict = {}
    for link in reversed(chain):
        merged.update(link._catalog)
    head = chain[0]
    head._catalog = merged  # a new dict: gettext's cached catalogues are shared, not changed
    head._fallback = node
    return len(chain)


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        for code in _SUPPORTED:  # once per process, when the middleware chain is built
            flatten_fallbacks(trans_real.translation(code))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in _SUPPORTED:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
