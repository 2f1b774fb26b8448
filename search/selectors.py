"""Reads of the site search: the query, its results page data and the curated synonyms."""

from __future__ import annotations

import hashlib
import heapq
import html
import re
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from search import text
from search.constants import DocType
from search.event_cards import EventCard, event_for_query
from search.models import SearchDocument, SearchIndexState, SearchTerm, Synonym

MAX_RESULTS = 1000  # ranked candidates considered per query; the page says "1000+" beyond
MAX_QUERY_TERMS = 24
POSTINGS_PER_TERM = 500  # best postings read per query term
CACHE_SECONDS = 300
STRONG_FACTOR = 20  # query words and synonym expansions; below are recall-only sub-words
WEAK_MATCHES_UNTIL = 10  # recall-only matches are shown only while fewer strong ones exist
SUGGESTIONS = [
    "营业执照",
    "开饭店",
    "居住证",
    "社保卡",
    "失业登记",
    "不动产登记",
    "出生医学证明",
    "驾驶证换证",
]

_EMPTY = mark_safe("")
_local = threading.local()
_synonym_lock = threading.Lock()
_synonyms: tuple[int, dict[str, list[str]], frozenset[str]] | None = None


@dataclass(frozen=True)
class SearchHit:
    """One result. Cached results are shared by both languages: what depends on the visitor's
    language (the type's label, English or Chinese title) is chosen when the page renders."""

    doc_type: str
    title: str
    url: str
    code: str
    summary: str
    department: str
    audience: str
    score: int
    title_html: SafeString
    summary_html: SafeString
    title_en: str = ""  # "" when the record exists in Chinese only
    title_en_html: SafeString = _EMPTY

    @property
    def doc_type_label(self) -> str:
        return str(DocType(self.doc_type).label) if self.doc_type in DocType.values else ""


@dataclass
class SearchResults:
    query: str
    doc_type: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    capped: bool = False
    facets: list[tuple[str, str, int]] = field(default_factory=list)  # (doc_type, label, count)
    all_total: int = 0
    page: int = 1
    num_pages: int = 1
    per_page: int = 10
    expansions: list[str] = field(default_factory=list)  # synonyms applied, shown to the visitor
    suggestions: list[str] = field(default_factory=list)
    event: EventCard | None = None  # the 一件事 the query names, shown first
    version: int = 0  # the index version these results were computed from (cache keys)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def index_version() -> int:
    """The index's current version; cached results are keyed by it so a publish shows on the next request."""
    row = SearchIndexState.objects.filter(pk=1).values_list("version", flat=True).first()
    return row or 0


def synonyms_clear_cache() -> None:
    global _synonyms
    with _synonym_lock:
        _synonyms = None


def synonyms_map(*, version: int | None = None) -> dict[str, list[str]]:
    """Enabled synonyms {term: [expansions]}, cached per process for the current index version."""
    return _synonyms_load(version)[1]


def synonyms_equivalent(*, version: int | None = None) -> frozenset[str]:
    """The enabled synonym terms that are the same thing as their expansions (社保 = 社会保险)."""
    return _synonyms_load(version)[2]


def _synonyms_load(version: int | None) -> tuple[int, dict[str, list[str]], frozenset[str]]:
    global _synonyms
    version = index_version() if version is None else version
    current = _synonyms
    if current is not None and current[0] == version:
        return current
    rows = list(Synonym.objects.filter(enabled=True).order_by("term"))
    mapping = {text.normalise(s.term): s.expansion_list for s in rows}
    equivalent = frozenset(text.normalise(s.term) for s in rows if s.equivalent)
    text.add_words(mapping)
    with _synonym_lock:
        _synonyms = (version, mapping, equivalent)
    return _synonyms


@dataclass
class ParsedQuery:
    normalised: str
    terms: dict[str, int]  # term → factor in percent
    highlight: list[str]
    expansions: list[str]


def parse_query(
    q: str, *, synonyms: dict[str, list[str]], equivalent: frozenset[str] = frozenset()
) -> ParsedQuery:
    """Turn what the visitor typed into weighted index terms: words, sub-words, pinyin, synonyms.

    An equivalent synonym's expansions (社保 → 社会保险) weigh as much as the words typed; a
    related one's (开饭店 → 食品经营许可) at 20 %, below any direct title match.
    """
    qn = text.normalise(q, limit=text.MAX_QUERY_CHARS)
    terms: dict[str, int] = {}
    highlight: list[str] = []

    def add(term: str, factor: int) -> None:
        term = term.strip()[: text.MAX_TERM_CHARS]
        if term and len(terms) < MAX_QUERY_TERMS and terms.get(term, 0) < factor:
            terms[term] = factor

    if not qn or not re.search(r"[\w\u3400-\u9fff]", qn):
        return ParsedQuery(qn, {}, [], [])
    compact = qn.replace(" ", "")
    add(qn, 100)
    add(compact, 100)
    parts = text.search_terms(qn) or text.search_terms(qn, allow_single=True)
    for term in parts:
        add(term, 100)
        highlight.append(term)
    if text.is_cjk(compact) and compact not in highlight:
        highlight.append(compact)
    # Curated synonyms: a term found in the query (whole ASCII words, any CJK substring).
    tokens = set(qn.split()) | set(parts)
    expansions: list[str] = []
    same: set[str] = set()
    for term, targets in synonyms.items():
        if not term:
            continue
        hit = term in tokens or compact == term or (text.is_cjk(term) and term in compact)
        if hit:
            for target in targets:
                if target not in expansions:
                    expansions.append(target)
                if term in equivalent:
                    same.add(target)
    for target in sorted(expansions, key=lambda t: t not in same):  # equivalents first
        add(text.normalise(target), 100 if target in same else 20)
        highlight.append(text.normalise(target))
    for target in expansions:
        for term in text.search_terms(target):
            add(term, 2)  # recall only
    return ParsedQuery(qn, terms, highlight, expansions)


def highlight_html(value: str, terms: list[str]) -> SafeString:
    """Escape `value` and wrap the query's terms in <mark> (longest first)."""
    terms = sorted({t for t in terms if t and len(t) <= 40}, key=len, reverse=True)
    if not value:
        return mark_safe("")
    if not terms:
        return mark_safe(html.escape(value))  # noqa: S308 -- every piece is escaped above
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(value):
        out.append(html.escape(value[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    out.append(html.escape(value[last:]))
    return mark_safe("".join(out))  # noqa: S308 -- every piece is escaped above


def _ranked(parsed: ParsedQuery) -> list[tuple[int, str, int]]:
    """(document id, type, score) of the best MAX_RESULTS documents.

    One SQL statement: for each query term, its POSTINGS_PER_TERM best postings, read in
    order from the (term, weight, document) index (UNION ALL of per-term sub-selects), then
    summed per document here. Bounding each term's postings keeps a query over a frequent
    word (登记, 许可) as fast as one over a rare word; a document beyond a term's best postings
    can only be missed for that term, which is where it would rank low anyway.
    """
    if not parsed.terms:
        return []
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    terms = list(parsed.terms)
    parts = []
    params: list = []
    for index, term in enumerate(terms):
        parts.append(
            f"SELECT * FROM (SELECT document_id, doc_type, weight, {index} AS t FROM {table} "  # noqa: S608
            f"WHERE term = %s ORDER BY weight DESC LIMIT {POSTINGS_PER_TERM}) AS p{index}"
        )  # only integers and the quoted table name are formatted in; terms are parameters
        params.append(term)
    factors = [parsed.terms[t] for t in terms]
    strong_terms = [f >= STRONG_FACTOR for f in factors]
    scores: dict[int, int] = {}
    kinds: dict[int, str] = {}
    strong: set[int] = set()
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for document_id, doc_type, weight, index in cursor.fetchall():
            scores[document_id] = scores.get(document_id, 0) + weight * factors[index]
            kinds[document_id] = doc_type
            if strong_terms[index]:
                strong.add(document_id)
    # Matched words, not characters: a document that shares only a recall sub-word (登记, 许可)
    # ranks after every document that matches a word of the query or of its synonyms, and is
    # left out when those fill more than the first page.
    if len(strong) >= WEAK_MATCHES_UNTIL:
        scores = {doc_id: score for doc_id, score in scores.items() if doc_id in strong}
    best = heapq.nsmallest(
        MAX_RESULTS, scores.items(), key=lambda item: (item[0] not in strong, -item[1], item[0])
    )
    return [(doc_id, kinds[doc_id], score) for doc_id, score in best]


def search_query(
    *, q: str, doc_type: str = "", page: int = 1, per_page: int = 10, version: int | None = None
) -> SearchResults:
    """Search the services and the four lists. Never raises on odd input: empty results instead.

    `version` is the index version when the caller already read it (saves a query).
    """
    version = index_version() if version is None else version
    synonyms = synonyms_map(version=version)
    parsed = parse_query(
        q or "", synonyms=synonyms, equivalent=synonyms_equivalent(version=version)
    )
    if doc_type not in DocType.values:
        doc_type = ""
    per_page = max(1, min(per_page, 50))
    page = max(1, min(page, MAX_RESULTS // per_page + 1))
    digest = hashlib.sha256(
        f"{parsed.normalised}\x00{doc_type}\x00{page}\x00{per_page}".encode()
    ).hexdigest()
    key = f"search:v{version}:{digest[:32]}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    results = _search(parsed, doc_type=doc_type, page=page, per_page=per_page)
    results.version = version
    if results.page == 1:
        results.event = event_for_query(
            query=parsed.normalised, expansions=parsed.expansions, version=version
        )
    cache.set(key, results, CACHE_SECONDS)
    return results


def _search(parsed: ParsedQuery, *, doc_type: str, page: int, per_page: int) -> SearchResults:
    results = SearchResults(
        query=parsed.normalised, doc_type=doc_type, per_page=per_page, expansions=parsed.expansions
    )
    ranked = _ranked(parsed)
    counts: dict[str, int] = {}
    for _, kind, _ in ranked:
        counts[kind] = counts.get(kind, 0) + 1
    # The Chinese label (the msgid): the page translates it, so cached results serve both languages.
    with translation.override(settings.LANGUAGE_CODE):
        results.facets = [
            (value, str(label), counts.get(value, 0)) for value, label in DocType.choices
        ]
    results.all_total = len(ranked)
    results.capped = len(ranked) >= MAX_RESULTS
    selected = [row for row in ranked if not doc_type or row[1] == doc_type]
    results.total = len(selected)
    results.num_pages = max(1, -(-results.total // per_page))
    results.page = min(page, results.num_pages)
    window = selected[(results.page - 1) * per_page : results.page * per_page]
    docs = SearchDocument.objects.in_bulk([row[0] for row in window])
    for doc_id, kind, score in window:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        results.hits.append(
            SearchHit(
                doc_type=kind,
                title=doc.title,
                url=doc.url,
                code=doc.code,
                summary=doc.summary,
                department=doc.department,
                audience=doc.audience,
                score=score,
                title_html=highlight_html(doc.title, parsed.highlight),
                summary_html=highlight_html(doc.summary, parsed.highlight),
                title_en=doc.title_en,
                title_en_html=highlight_html(doc.title_en, parsed.highlight),
            )
        )
    if not results.hits:
        results.suggestions = [s for s in SUGGESTIONS if s != parsed.normalised]
    return results
