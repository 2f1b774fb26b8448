"""The appeal categories and the dispatch catalogue (派单目录), read once per process.

Every web submission needs them: the form's category choices, the chosen category (its
deadline in working days) and the active dispatch rules with their departments. Administrators
change them rarely, so each process keeps one snapshot instead of reading them on every
request. A save or delete of a category, a rule or a department (admin, script, fixture)
clears this process's snapshot at once and stores a new version in the shared cache, again
when the change commits; other processes check that version at most every
`PARTICIPATION_CATALOGUE_CHECK_SECONDS` (default 5 s) and re-read on a change.

The snapshot's model instances are shared by the requests of a process: read them, never
change them.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from accounts.models import Department
from participation.appeals.models import AppealCategory, DispatchRule

VERSION_KEY = "participation:appeal-catalogue-version"


@dataclass(frozen=True)
class Catalogue:
    categories: tuple[AppealCategory, ...]  # in display order (sort_order, code)
    by_code: dict[str, AppealCategory]
    rules: tuple[DispatchRule, ...]  # the active rules in order, each with its department


_STATE: dict = {"catalogue": None, "version": None, "checked": 0.0, "generation": 0}
_LOCK = threading.Lock()


def catalogue_forget() -> None:
    """Drop this process's snapshot (after a change here, and between tests)."""
    with _LOCK:
        _STATE["catalogue"] = None
        _STATE["checked"] = 0.0
        _STATE["generation"] += 1


def _version_new() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def catalogue_changed(**_kwargs) -> None:
    """Categories, rules or departments changed: forget here now, everywhere on commit.

    Connected to their post_save and post_delete (participation's AppConfig.ready)."""
    catalogue_forget()
    _version_new()
    # Again after commit: a process that re-read the old rows before the commit must not keep
    # them under the new version.
    transaction.on_commit(lambda: (_version_new(), catalogue_forget()))


def _load() -> Catalogue:
    categories = tuple(AppealCategory.objects.all())
    rules = tuple(DispatchRule.objects.filter(active=True).select_related("department"))
    return Catalogue(categories=categories, by_code={c.code: c for c in categories}, rules=rules)


def catalogue() -> Catalogue:
    now = time.monotonic()
    if now - _STATE["checked"] >= settings.PARTICIPATION_CATALOGUE_CHECK_SECONDS:
        version = cache.get(VERSION_KEY)
        with _LOCK:
            if version != _STATE["version"]:
                _STATE["catalogue"] = None
                _STATE["version"] = version
                _STATE["generation"] += 1
            _STATE["checked"] = now
    known = _STATE["catalogue"]
    if known is None:
        generation = _STATE["generation"]
        known = _load()
        with _LOCK:
            # Not if it was forgotten while being read: what was read may be the old rows.
            if _STATE["generation"] == generation:
                _STATE["catalogue"] = known
    return known


def category_choices() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in catalogue().categories]


def category_by_code(code: str) -> AppealCategory | None:
    """The category, or None. A code this process does not know yet is looked up in the
    database (a category just created elsewhere, e.g. the policy channel's on first use):
    only unknown codes cost a query."""
    found = catalogue().by_code.get(code)
    if found is None and code:
        found = AppealCategory.objects.filter(code=code).first()
        if found is not None:
            catalogue_forget()  # this process's copy is older than the database
    return found


def department_for(*, category: AppealCategory, region_code: str) -> Department | None:
    """The first active catalogue rule matching the category and region (blank matches any)."""
    for rule in catalogue().rules:
        if rule.category_id not in (None, category.pk):
            continue
        if rule.region_code and rule.region_code != region_code:
            continue
        return rule.department
    return None
