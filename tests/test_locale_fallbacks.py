"""Merging zh-hans's chain of fallback catalogues changes no translation, only its cost."""

from __future__ import annotations

from django.utils.translation import trans_real

from config.locale import flatten_fallbacks


def _messages(catalogue) -> tuple[set, set]:
    """Every msgid in the chain: singular ones, and plural ones (keys `(msgid, form)`)."""
    singular, plural = set(), set()
    node = catalogue
    while node is not None:
        for key in node._catalog.keys():
            if isinstance(key, str):
                singular.add(key)
            else:
                plural.add(key[0])
        node = node._fallback
    return singular, plural


def _answers(catalogue, singular, plural) -> dict:
    out = {("s", m): catalogue.gettext(m) for m in singular}
    out |= {("p", m, n): catalogue.ngettext(m, m + "s", n) for m in plural for n in (1, 2)}
    out[("s", "一条没有译文的消息")] = catalogue.gettext("一条没有译文的消息")
    return out


def test_every_message_translates_as_before_with_one_fallback_left():
    catalogue = trans_real.DjangoTranslation("zh-hans")  # a fresh one, not the process's
    singular, plural = _messages(catalogue)
    before = _answers(catalogue, singular, plural)
    merged = flatten_fallbacks(catalogue)
    assert _answers(catalogue, singular, plural) == before
    depth, node = 0, catalogue._fallback
    while node is not None:
        depth, node = depth + 1, node._fallback
    assert depth <= 1, f"{depth} fallbacks left after merging {merged}"


def test_english_has_no_chain_to_merge():
    assert flatten_fallbacks(trans_real.DjangoTranslation("en")) == 0
