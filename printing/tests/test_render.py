"""Every PDF shows its Chinese, on any machine — or is refused.

Promises:
- "On a machine without Debian's CJK fonts, a PDF the portal prints still shows Chinese":
  the project's own font is embedded and the text extracts.
- "A PDF whose Chinese would be empty boxes is never returned": with no CJK font anywhere the
  render raises CJKFontMissing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from printing import fonts
from printing.errors import CJKFontMissing
from printing.services import embedded_font_names, pdf_check_cjk, pdf_render

ROOT = Path(__file__).resolve().parents[2]
HTML = (
    "<html><head><title>受理通知书</title>"
    '<style>body { font-family: "Noto Sans CJK SC", sans-serif; }</style></head>'
    "<body><h1>受理通知书</h1><p>您的申请已受理。</p></body></html>"
)

SCRIPT = """
import django, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()
from printing.errors import CJKFontMissing
from printing.services import embedded_font_names, pdf_render
try:
    pdf = pdf_render(html=sys.argv[1], base_url=".")
except CJKFontMissing as exc:
    print("REFUSED", exc)
else:
    print("OK", sorted(embedded_font_names(pdf)))
"""


def _render_without_system_cjk(tmp_path: Path, *, font_dir: str) -> str:
    """Run a render in a process whose fontconfig knows only DejaVu (no CJK font)."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "PRINTING_FONT_DIR": font_dir}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, HTML],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def project_fonts():
    if not fonts.project_fonts_present():
        pytest.fail(
            f"run `make install` (bin/fetch-fonts): no fonts in {settings.PRINTING_FONT_DIR}"
        )


def test_the_project_font_is_embedded_and_the_text_extracts(project_fonts):
    pdf = pdf_render(html=HTML, base_url=str(ROOT))
    assert any("Noto-Sans-CJK-SC" in name for name in embedded_font_names(pdf))
    pdf_check_cjk(pdf=pdf, expect="您的申请已受理")


def test_without_system_cjk_fonts_the_project_font_still_prints_chinese(tmp_path, project_fonts):
    out = _render_without_system_cjk(tmp_path, font_dir=str(fonts.font_dir()))
    assert out.startswith("OK"), out
    assert "Noto-Sans-CJK-SC" in out  # the only CJK font this process can see is the project's


def test_with_no_cjk_font_anywhere_the_render_is_refused(tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    out = _render_without_system_cjk(tmp_path, font_dir=str(empty))
    assert out.startswith("REFUSED"), out


def test_a_pdf_that_lost_its_text_is_refused(project_fonts):
    pdf = pdf_render(html=HTML, base_url=str(ROOT))
    with pytest.raises(CJKFontMissing):
        pdf_check_cjk(pdf=pdf, expect="不在文中的字")
