"""A logging filter so that no log line ever carries a plain 身份证号."""

from __future__ import annotations

import logging

from accounts.identity import mask_ids_in_text


class MaskIdentityNumbersFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        masked = mask_ids_in_text(message)
        if masked != message:
            record.msg = masked
            record.args = ()
        return True
