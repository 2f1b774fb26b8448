"""Code tables of the site search."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    """What a search result is; the results page groups and filters by it."""

    SERVICE = "service", _("办事指南")
    POWER = "power", _("权力清单")
    RESPONSIBILITY = "responsibility", _("责任清单")
    NEGATIVE = "negative", _("负面清单")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class Field:
    """Where a term was found in a document: its weight in the ranking (title first)."""

    TITLE_PHRASE = 400  # the whole title
    TITLE = 100  # a word of the title
    PINYIN = 100  # pinyin or initials of title words: typing pinyin is typing the title
    CODE = 40  # 实施编码/基本编码, life events, themes, categories
    BODY = 8  # conditions, materials, department, FAQ
