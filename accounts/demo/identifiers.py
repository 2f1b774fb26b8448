"""Valid identifiers for demo and test people: the check character computed, not guessed."""

from __future__ import annotations

from accounts.identity import id_number_check_char, uscc_check_char


def make_id_number(first17: str) -> str:
    """A 公民身份号码 from its first 17 digits."""
    return first17 + id_number_check_char(first17)


def make_uscc(first17: str) -> str:
    """A 统一社会信用代码 from its first 17 characters."""
    return first17 + uscc_check_char(first17)
