"""Dropping cached list data after writes that bypass the publish signal."""

from __future__ import annotations

from config.pagecache import pages_version_bump
from portal.negative_lookup import negative_lookup_invalidate


def negative_lookup_reset() -> None:
    """Drop cached list data (after bulk loads that bypass the publish signal)."""
    negative_lookup_invalidate()
    pages_version_bump()
