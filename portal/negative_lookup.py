"""能不能做这个生意? The negative-list look-up, reasoning through words, not characters.

A description (卖烟花爆竹) is segmented by jieba. A list item matches when one of its own
keywords, or a 俗称/name of a GB/T 4754 industry linked to it, is a whole segment of the
description: one jieba token, a run of consecutive tokens, or a search-mode sub-word. Never a
shared character: 烟花 does not reach 烟草. When two matched words overlap, the longer wins
(烟酒店 is tobacco retail, not 酒店). Nothing matched is "not sure" with the closest industries
to choose from; an industry the list does not govern (卖水果) is a reasoned 未列入.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field

import jieba
from django.core.cache import cache
from django.db.models import Prefetch

from portal.models import Industry, IndustrySynonym, NegativeListItem

jieba.setLogLevel(logging.WARNING)

MAX_QUERY_CHARS = 50
MAX_RUN_CHARS = 12
SUGGESTIONS = 5
_CACHE_KEY = "portal:negative-lookup-index:v2"
_WORD = re.compile(r"[\w\u3400-\u9fff]")
_VERB = re.compile(r"^(开一家|开一个|开个|开家|开|卖|做|办|搞|经营|从事)")
_jieba_lock = threading.Lock()
_taught: set[str] = set()


class Verdict:
    PROHIBITED = "prohibited"  # 禁止
    PERMIT = "permit"  # 需许可
    NOT_LISTED = "not_listed"  # 未列入 (a known industry the list does not govern)
    UNSURE = "unsure"  # no confident match: choose an industry
    EMPTY = "empty"  # nothing asked


@dataclass(frozen=True)
class IndustryRef:
    code: str
    name: str


@dataclass(frozen=True)
class ItemMatch:
    """One list item that applies, and why: the words it matched and the industries between."""

    item: NegativeListItem
    keywords: tuple[str, ...] = ()
    industries: tuple[tuple[str, IndustryRef], ...] = ()  # (the word typed, its industry)


@dataclass(frozen=True)
class NegativeLookupResult:
    query: str
    verdict: str
    matches: list[ItemMatch] = field(default_factory=list)
    industries: list[IndustryRef] = field(default_factory=list)  # recognised trades
    suggestions: list[IndustryRef] = field(default_factory=list)  # when unsure

    @property
    def items(self) -> list[NegativeListItem]:
        return [m.item for m in self.matches]

    @property
    def prohibited_items(self) -> list[NegativeListItem]:
        return [i for i in self.items if i.category == "prohibited"]

    @property
    def permit_items(self) -> list[NegativeListItem]:
        return [i for i in self.items if i.category == "permit"]


def clean_query(q: str | None) -> str:
    """NFKC, control characters dropped, spaces collapsed, bounded."""
    import unicodedata

    text = unicodedata.normalize("NFKC", str(q or ""))
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CS" or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _norm(word: str) -> str:
    return clean_query(word).replace(" ", "").lower()


def _build_index() -> dict:
    keywords: dict[str, list[int]] = {}
    for pk, raw in NegativeListItem.objects.filter(live=True).values_list("pk", "keywords"):
        for word in raw.replace("，", ",").replace(",", " ").split():
            keywords.setdefault(_norm(word), []).append(pk)
    industries: dict[str, dict] = {}
    words: dict[str, list[str]] = {}
    qs = Industry.objects.prefetch_related(
        Prefetch("synonyms", queryset=IndustrySynonym.objects.order_by("sort_order")),
        Prefetch("negative_items", queryset=NegativeListItem.objects.filter(live=True)),
    )
    for ind in qs:
        syn = [_norm(s.word) for s in ind.synonyms.all()]
        industries[ind.code] = {
            "name": ind.name,
            "items": [i.pk for i in ind.negative_items.all()],
            "words": syn,
        }
        for word in {_norm(ind.name), *syn}:
            if word:
                words.setdefault(word, []).append(ind.code)
    return {"keywords": keywords, "industries": industries, "words": words}


def _index() -> dict:
    index = cache.get(_CACHE_KEY)
    if index is None:
        index = _build_index()
        cache.set(_CACHE_KEY, index, 300)
    return index


def negative_lookup_invalidate() -> None:
    cache.delete(_CACHE_KEY)


def _teach(vocabulary) -> None:
    """Teach jieba the curated words once per process, so 电竞馆 is not read as 家电 + 竞馆.

    The one shared segmenter (search teaches it its synonyms the same way).
    """
    # Teach the trade, not the verb: 卖烟花 taught whole would split 卖烟花爆竹 wrongly.
    new = {_VERB.sub("", w) or w for w in vocabulary} - _taught
    if not new:
        return
    with _jieba_lock:
        for word in new:
            if _WORD.search(word) and len(word) <= MAX_RUN_CHARS:
                jieba.add_word(word, freq=100000)
            _taught.add(word)


def segments(text: str) -> dict[str, tuple[int, int]]:
    """Whole segments of the text with their spans: tokens, runs of tokens, search sub-words."""
    with _jieba_lock:
        tokens = list(jieba.tokenize(text, HMM=True))
        sub = list(jieba.tokenize(text, mode="search", HMM=True))
    found: dict[str, tuple[int, int]] = {}
    words = [(w.strip(), s, e) for w, s, e in tokens if w.strip()]
    for i in range(len(words)):
        for j in range(i, len(words)):
            start, end = words[i][1], words[j][2]
            if end - start > MAX_RUN_CHARS:
                break
            run = text[start:end].replace(" ", "")
            found.setdefault(run, (start, end))
    for w, s, e in sub:
        if w.strip():
            found.setdefault(w.strip(), (s, e))
    return {w: span for w, span in found.items() if _WORD.search(w)}


def _longest(hits: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Drop a matched word whose span lies inside a longer matched word's span.

    烟酒店 hides 酒店; but 开旅馆 keeps 旅馆 (the longer word is only a verb before it).
    """
    return {
        w: (s, e)
        for w, (s, e) in hits.items()
        if not any(
            s2 <= s and e <= e2 and (e2 - s2) > (e - s) and _VERB.sub("", w2) != w
            for w2, (s2, e2) in hits.items()
        )
    }


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _suggest(core: str, index: dict) -> list[IndustryRef]:
    """The closest industries: most shared two-character pieces with their name or 俗称."""
    grams = _bigrams(core)
    if not grams:
        return []
    scored = []
    for code, ind in index["industries"].items():
        score = max(len(grams & _bigrams(w)) for w in [_norm(ind["name"]), *ind["words"]])
        if score:
            scored.append((-score, code))
    return [IndustryRef(code, index["industries"][code]["name"]) for _, code in sorted(scored)][
        :SUGGESTIONS
    ]


def _matches(hits: dict[str, tuple[int, int]], index: dict, forced: str = "") -> tuple:
    by_item: dict[int, dict] = {}
    known: dict[str, IndustryRef] = {}

    def entry(pk: int) -> dict:
        return by_item.setdefault(pk, {"keywords": [], "industries": []})

    for word in hits:
        for pk in index["keywords"].get(word, []):
            entry(pk)["keywords"].append(word)
        for code in index["words"].get(word, []):
            ind = index["industries"][code]
            ref = known.setdefault(code, IndustryRef(code, ind["name"]))
            for pk in ind["items"]:
                entry(pk)["industries"].append((word, ref))
    if forced in index["industries"]:
        ind = index["industries"][forced]
        ref = known.setdefault(forced, IndustryRef(forced, ind["name"]))
        for pk in ind["items"]:
            entry(pk)["industries"].append(("", ref))
    return by_item, list(known.values())


def negative_lookup(*, query: str, industry: str = "") -> NegativeLookupResult:
    """Match a plain-language description (or a chosen industry code) to the live list.

    禁止 outranks 需许可; every applicable item is returned with the reason it matched.
    """
    q = clean_query(query)
    core = _norm(q)
    index = _index()
    industry = _norm(industry).upper()[:8]
    if not _WORD.search(core) and industry not in index["industries"]:
        return NegativeLookupResult(query=q, verdict=Verdict.EMPTY)
    vocabulary = index["keywords"].keys() | index["words"].keys()
    _teach(vocabulary)
    found = segments(core) if core else {}
    hits = _longest({w: span for w, span in found.items() if w in vocabulary})
    by_item, known = _matches(hits, index, forced=industry)
    if not by_item and not known:
        return NegativeLookupResult(
            query=q, verdict=Verdict.UNSURE, suggestions=_suggest(core, index)
        )
    items = {
        i.pk: i
        for i in NegativeListItem.objects.filter(live=True, pk__in=by_item).prefetch_related(
            "measures"
        )
    }
    matches = [
        ItemMatch(
            item=items[pk],
            keywords=tuple(dict.fromkeys(by_item[pk]["keywords"])),
            industries=tuple(dict.fromkeys(by_item[pk]["industries"])),
        )
        for pk in sorted(items, key=lambda pk: (items[pk].category, items[pk].code))
    ]
    if any(m.item.category == "prohibited" for m in matches):
        verdict = Verdict.PROHIBITED
    elif matches:
        verdict = Verdict.PERMIT
    else:
        verdict = Verdict.NOT_LISTED
    return NegativeLookupResult(query=q, verdict=verdict, matches=matches, industries=known)
