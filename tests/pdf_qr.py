"""Reading the QR codes printed on a PDF, as a phone camera would: render each page, decode."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.fixtures.common import require


def qr_payloads(data: bytes, tmp_path: Path) -> list[str]:
    """The text of every QR code on every page of the PDF `data` (pages rendered at 150 dpi
    by poppler's pdftoppm; skipped locally with one line, a failure in CI, when it is missing)."""
    require(
        shutil.which("pdftoppm") is not None,
        "reading a document's QR code needs pdftoppm (apt-get install poppler-utils)",
    )
    import zxingcpp
    from PIL import Image

    pdf = tmp_path / "document.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "qr")], check=True)
    return [
        result.text
        for page in sorted(tmp_path.glob("qr*.png"))
        for result in zxingcpp.read_barcodes(Image.open(page))
    ]
