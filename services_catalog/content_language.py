"""English versions of catalogue content, chosen by the visitor's language.

The portal's frame is translated with gettext; the content (service names, guides, themes,
life events) is translated by publishers in explicit ``*_en`` fields edited in the admin.
A field shows its English text only in English mode and only when a publisher wrote one;
otherwise the Chinese original is shown and the page says so (``language_notice``).
"""

from __future__ import annotations

from django.utils import translation

ALL_CHINESE = "all"  # nothing on the page has an English version
SOME_CHINESE = "some"  # parts of the page are in Chinese only


def english_active() -> bool:
    return (translation.get_language() or "").startswith("en")


def localized(obj, field: str):
    """The field's English version in English mode when there is one, else the original."""
    if english_active():
        english = getattr(obj, f"{field}_en", None)
        if english:
            return english
    return getattr(obj, field)


def shows_chinese(obj) -> bool:
    """In English mode, is this object shown in Chinese (no English name written)?"""
    return english_active() and not getattr(obj, "name_en", "")


def language_notice(*, translated: list[bool], complete: bool = True) -> str:
    """Which notice an English-mode page carries, once per page ("" in Chinese mode).

    ``translated`` lists, for each content item on the page, whether it has an English
    version; ``complete`` is False when even translated items keep some Chinese-only parts.
    """
    if not english_active() or not translated:
        return ""
    if not any(translated):
        return ALL_CHINESE
    if not all(translated) or not complete:
        return SOME_CHINESE
    return ""
