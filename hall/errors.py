"""The hall's one refusal: a Chinese message for the person, nothing changed."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class HallError(ValidationError):
    """A refused booking, ticket or clerk step; ``message`` is shown as is."""
