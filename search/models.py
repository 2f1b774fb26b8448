"""The search index and the synonyms that publishers curate.

The index is denormalised on purpose: one SearchDocument per public record (a live
service or list entry) and its SearchTerm rows, an inverted index of segmented words,
pinyin and codes. A query becomes a set of terms that are looked up through the
(term) index, so search works the same on SQLite and PostgreSQL without a search
engine. Large deployments replace this with OpenSearch (docs/search.md).
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from search.constants import DocType


class Synonym(models.Model):
    """同义词/俗称: a colloquial term that a citizen types, and what it means in the catalogue."""

    term = models.CharField(
        _("搜索词"),
        max_length=40,
        unique=True,
        help_text=_("群众常用的说法，如“开饭店”、“yyzz”"),
    )
    expansions = models.TextField(
        _("扩展为"),
        help_text=_("以空格、逗号或换行分隔的规范名称，如“食品经营许可 个体工商户设立登记”"),
    )
    equivalent = models.BooleanField(
        _("等同词"),
        default=False,
        help_text=_(
            "简称与全称等同（如“社保”即“社会保险”）：扩展词与搜索词同等排序；"
            "不勾选则为相关说法，扩展结果排在直接匹配之后"
        ),
    )
    enabled = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("expansions"),
        FieldPanel("equivalent"),
        FieldPanel("enabled"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = _("搜索同义词")
        verbose_name_plural = _("搜索同义词")

    def __str__(self) -> str:
        return self.term

    @property
    def expansion_list(self) -> list[str]:
        return [part for part in re.split(r"[\s,，、;；]+", self.expansions) if part]


class SearchDocument(models.Model):
    """One public record as the results page shows it."""

    doc_type = models.CharField(_("类型"), max_length=20, choices=DocType.choices)
    key = models.CharField(_("键"), max_length=64)
    title = models.CharField(_("标题"), max_length=255)
    # The publisher's English name (services_catalog name_en), shown in English mode; "" when
    # the record exists in Chinese only.
    title_en = models.CharField(_("英文标题"), max_length=255, blank=True, default="")
    url = models.CharField(_("地址"), max_length=255)
    code = models.CharField(_("编码"), max_length=64, blank=True)
    summary = models.TextField(_("摘要"), blank=True)
    department = models.CharField(_("部门"), max_length=100, blank=True)
    audience = models.CharField(_("服务对象"), max_length=20, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("搜索文档")
        verbose_name_plural = _("搜索文档")
        constraints = [
            models.UniqueConstraint(fields=["doc_type", "key"], name="search_document_unique_key")
        ]

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    """Inverted index row: `term` occurs in `document` with this weight (best field)."""

    term = models.CharField(max_length=64)
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    doc_type = models.CharField(max_length=20)
    weight = models.PositiveIntegerField()

    class Meta:
        # One index only (the write cost of the volume index matters): a covering lookup by term.
        # (term, document) is unique by construction: a document's terms are dictionary keys.
        indexes = [models.Index(fields=["term", "weight", "document"], name="search_term_lookup")]

    def __str__(self) -> str:
        return self.term


class SearchIndexState(models.Model):
    """A single row whose version changes with every index write: the key of cached results."""

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"v{self.version}"
