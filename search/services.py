"""Writes of the search index: full rebuild and the refresh of one record after it is (un)published."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import translation

from config.pagecache import pages_version_bump
from search import text
from search.constants import DocType, Field
from search.documents import PROVIDERS, IndexDoc, providers_for_instance
from search.models import SearchDocument, SearchIndexState, SearchTerm, Synonym
from search.selectors import synonyms_clear_cache

logger = logging.getLogger(__name__)

MAX_BODY_TERMS = 80
BATCH = 1000


# Citizens mostly look for a service; a responsibility document repeats its power entry's title.
TYPE_BOOST = {
    DocType.SERVICE: 1.25,
    DocType.POWER: 1.0,
    DocType.NEGATIVE: 1.0,
    DocType.PUBLIC_SERVICE: 0.9,
    DocType.RESPONSIBILITY: 0.6,
}
SHORT_TITLE = 10  # characters; a word in a longer title counts less (length normalisation)


def document_terms(doc: IndexDoc) -> dict[str, int]:
    """Every term of a document with the weight of the best field it occurs in."""
    terms: dict[str, int] = {}
    boost = TYPE_BOOST.get(doc.doc_type, 1.0)

    def add(term: str, weight: float) -> None:
        term = term.strip()[: text.MAX_TERM_CHARS]
        weight = max(1, round(weight * boost))
        if term and terms.get(term, 0) < weight:
            terms[term] = weight

    title = text.normalise(doc.title)
    length_factor = min(1.0, (SHORT_TITLE / max(len(title), 1)) ** 0.5)
    add(title, Field.TITLE_PHRASE)
    for term in text.search_terms(doc.title, allow_single=True):
        add(term, Field.TITLE * length_factor)
    for term in text.pinyin_terms(doc.title):
        add(term, Field.PINYIN * length_factor)
    if doc.title_en:
        # English-mode visitors type the English name ("unemployment registration").
        title_en = text.normalise(doc.title_en)
        add(title_en, Field.TITLE_PHRASE)
        for term in text.search_terms(doc.title_en):
            add(term, Field.TITLE * min(1.0, (SHORT_TITLE * 3 / max(len(title_en), 1)) ** 0.5))
    for code in [doc.code, *doc.codes]:
        if code:
            add(text.normalise(code), Field.CODE)
    for keyword in doc.keywords:
        if keyword:
            add(text.normalise(keyword), Field.CODE)
            for term in text.search_terms(keyword):
                add(term, Field.CODE)
    body_terms = 0
    for term in text.search_terms(doc.body):
        if term not in terms:
            body_terms += 1
            if body_terms > MAX_BODY_TERMS:
                break
        add(term, Field.BODY)
    return terms


def _bump_version() -> None:
    """A new index version: cached results and result pages (config.pagecache) go stale."""
    updated = SearchIndexState.objects.filter(pk=1).update(version=F("version") + 1)
    if not updated:
        SearchIndexState.objects.get_or_create(pk=1, defaults={"version": 1})
    transaction.on_commit(pages_version_bump)


def _write(docs: Iterable[IndexDoc]) -> int:
    """Insert documents (already deleted) and their terms in batches."""
    count = 0
    batch: list[IndexDoc] = []

    def flush() -> None:
        rows = SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    doc_type=d.doc_type,
                    key=d.key,
                    title=d.title[:255],
                    title_en=d.title_en[:255],
                    url=d.url,
                    code=d.code[:64],
                    summary=d.summary,
                    department=d.department[:100],
                    audience=d.audience[:20],
                )
                for d in batch
            ]
        )
        if rows and rows[0].pk is None:  # backends that don't return ids from bulk inserts
            ids = {
                (doc_type, key): pk
                for doc_type, key, pk in SearchDocument.objects.filter(
                    key__in=[d.key for d in batch]
                ).values_list("doc_type", "key", "pk")
            }
            for row in rows:
                row.pk = ids[(row.doc_type, row.key)]
        term_rows = [
            SearchTerm(term=term, document_id=row.pk, doc_type=doc.doc_type, weight=weight)
            for doc, row in zip(batch, rows, strict=True)
            for term, weight in document_terms(doc).items()
        ]
        SearchTerm.objects.bulk_create(term_rows, batch_size=5000)
        batch.clear()

    for doc in docs:
        batch.append(doc)
        count += 1
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return count


def search_index_rebuild(*, doc_types: list[str] | None = None, stdout=None) -> dict[str, int]:
    """Rebuild the index from every provider's live records, in one transaction per type."""
    counts: dict[str, int] = {}
    text.add_words(Synonym.objects.filter(enabled=True).values_list("term", flat=True))
    for doc_type, provider in PROVIDERS.items():
        if doc_types and doc_type not in doc_types:
            continue
        with transaction.atomic():
            SearchTerm.objects.filter(doc_type=doc_type).delete()
            SearchDocument.objects.filter(doc_type=doc_type).delete()
            try:
                # Labels (audience, category) are stored in Chinese; the page translates them.
                with translation.override(settings.LANGUAGE_CODE):
                    counts[doc_type] = _write(provider.documents())
            except ImportError as exc:  # the owning app is not installed in this deployment
                logger.warning("search: provider %s unavailable: %s", doc_type, exc)
                counts[doc_type] = 0
            _bump_version()
        if stdout is not None:
            stdout.write(f"search index: {doc_type} {counts[doc_type]}\n")
    return counts


def search_document_refresh(*, instance: object) -> bool:
    """Re-index one record after it was published or unpublished.

    Returns True when the record is now in the index (it is public), False when it was removed.
    """
    indexed = False
    providers = providers_for_instance(instance)
    if not providers:
        return False
    with transaction.atomic():
        for provider in providers:
            key = provider.key_for(instance)
            with translation.override(settings.LANGUAGE_CODE):  # a publisher may browse in English
                doc = provider.document_for(instance) if getattr(instance, "pk", None) else None
            SearchDocument.objects.filter(doc_type=provider.doc_type, key=key).delete()
            if doc is not None:
                _write([doc])
                indexed = True
        _bump_version()
    return indexed


def search_document_remove(*, instance: object) -> None:
    """Drop a deleted record from the index."""
    providers = providers_for_instance(instance)
    if not providers:
        return
    with transaction.atomic():
        for provider in providers:
            SearchDocument.objects.filter(
                doc_type=provider.doc_type, key=provider.key_for(instance)
            ).delete()
        _bump_version()


def synonyms_changed() -> None:
    """Curated synonyms changed: cached results must not outlive them."""
    synonyms_clear_cache()
    _bump_version()
