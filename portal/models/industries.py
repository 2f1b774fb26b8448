"""行业 (GB/T 4754 industries) and their 俗称 (synonyms), curated by publishers.

The negative-list look-up (``portal.negative_lookup``) reasons through these: a plain word
(超市) names an industry (F5212 超级市场零售), and the industry links to the list items that
govern it (未获得许可，不得从事食品生产经营活动).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from portal.models.lists import NegativeListItem


class Industry(ClusterableModel):
    """国民经济行业分类 (GB/T 4754-2017) class, linked to the negative-list items that govern it."""

    code = models.CharField(
        _("行业代码"),
        max_length=8,
        unique=True,
        help_text=_("GB/T 4754 门类字母加小类代码，例如 F5212"),
    )
    name = models.CharField(_("行业名称"), max_length=100)
    negative_items = ParentalManyToManyField(
        NegativeListItem,
        verbose_name=_("适用的负面清单事项"),
        related_name="industries",
        blank=True,
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行业")
        verbose_name_plural = _("行业与俗称")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class IndustrySynonym(Orderable):
    """同义词/俗称: a word people use for the industry (超市, 小卖部, 游戏厅)."""

    industry = ParentalKey(Industry, on_delete=models.CASCADE, related_name="synonyms")
    word = models.CharField(_("俗称"), max_length=30, help_text=_("一个完整的词，例如：超市"))

    class Meta(Orderable.Meta):
        verbose_name = _("俗称")
        verbose_name_plural = _("俗称")
        constraints = [
            models.UniqueConstraint(fields=["industry", "word"], name="industry_synonym_unique")
        ]

    def __str__(self) -> str:
        return self.word
