"""What can go wrong when a PDF is printed."""

from __future__ import annotations


class CJKFontMissing(RuntimeError):
    """The PDF would show Chinese as empty boxes: no CJK font was embedded, or text was lost.

    A caller never stores such a PDF; a task retries later (docs/printing.md).
    """
