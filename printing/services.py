"""Print HTML to PDF with WeasyPrint, and refuse a PDF whose Chinese would not show.

Every PDF of the portal (the 一次告知书, blank forms, receipts, notices, decisions,
certificates) is printed by :func:`pdf_render`, so the fonts and the check live in one place.
"""

from __future__ import annotations

import io
import re
import threading
import unicodedata

from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from printing.errors import CJKFontMissing
from printing.fonts import CJK_FONT_MARKERS, font_face_css, render_fingerprint

_CJK = re.compile(r"[\u4e00-\u9fff]")


def embedded_font_names(pdf: bytes) -> set[str]:
    """The BaseFont names of every font the PDF embeds (subset prefixes kept)."""
    return _font_names(PdfReader(io.BytesIO(pdf)))


def _font_names(reader: PdfReader) -> set[str]:
    names: set[str] = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            names.add(str(ref.get_object().get("/BaseFont", "")))
    return names


def pdf_check_cjk(*, pdf: bytes, expect: str) -> None:
    """Raise CJKFontMissing unless a CJK font is embedded and ``expect``'s Chinese extracts.

    The PDF is parsed once, and text is extracted page by page only until ``expect`` shows
    (a title is on the first page): the extraction is most of the check's cost.
    """
    reader = PdfReader(io.BytesIO(pdf))
    names = _font_names(reader)
    flat = [name.replace("-", "").replace(" ", "") for name in names]
    if not any(marker in name for name in flat for marker in CJK_FONT_MARKERS):
        raise CJKFontMissing(f"no CJK font embedded (fonts: {sorted(names)})")
    wanted = "".join(_CJK.findall(expect))[:12]
    if not wanted:
        return
    # NFKC: some fonts' ToUnicode maps ideographs such as 工 to Kangxi radicals (⼯). Only the
    # ideographs are compared: titles such as 社会保障卡（含电子社保卡） keep their punctuation in
    # the text but not in ``wanted``.
    seen = ""
    for page in reader.pages:
        text = unicodedata.normalize("NFKC", page.extract_text() or "")
        seen += "".join(_CJK.findall(text))
        if wanted in seen:
            return
    raise CJKFontMissing(f"the text {wanted!r} does not extract from the PDF")


_fonts = threading.local()


def _font_setup() -> tuple[FontConfiguration, list[CSS]]:
    """The font configuration and @font-face sheet, built once per thread and font set.

    Building them loads the CJK font files into fontconfig (tens of ms for Noto Sans SC); a warm
    worker reuses them. A new font set (``render_fingerprint`` changes, e.g. the project's
    fonts were installed) builds them afresh, so the sweep's re-render uses the new fonts.
    """
    fingerprint = render_fingerprint()
    cached = getattr(_fonts, "setup", None)
    if cached is None or cached[0] != fingerprint:
        font_config = FontConfiguration()
        faces = font_face_css()
        stylesheets = [CSS(string=faces, font_config=font_config)] if faces else []
        cached = _fonts.setup = (fingerprint, font_config, stylesheets)
    return cached[1], cached[2]


def pdf_render(*, html: str, base_url: str, expect: str = "") -> bytes:
    """The PDF of ``html``; ``expect`` is a Chinese phrase the PDF must show (e.g. its title).

    Raises CJKFontMissing rather than return a PDF whose Chinese would print as boxes.
    """
    font_config, stylesheets = _font_setup()
    pdf = HTML(string=html, base_url=base_url).write_pdf(
        stylesheets=stylesheets, font_config=font_config
    )
    pdf_check_cjk(pdf=pdf, expect=expect or html_title(html))
    return pdf


def html_title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    return match.group(1) if match else ""
