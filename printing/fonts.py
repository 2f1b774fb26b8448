"""The CJK fonts every PDF uses, brought by the project itself rather than by the system.

`make install` fetches Noto Sans SC (OFL-1.1) from the npm registry into ``PRINTING_FONT_DIR``
(``bin/fetch-fonts``). The @font-face rules below give those files the family name the PDF
templates already ask for, "Noto Sans CJK SC", so a machine without Debian's fonts-noto-cjk
still prints readable Chinese. When the files are absent the name falls through to fontconfig,
which finds the system font if there is one.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

FAMILY = "Noto Sans CJK SC"
FILES = {400: "NotoSansSC-Regular.ttf", 700: "NotoSansSC-Bold.ttf"}
# Embedded font names that show a CJK font made it into the PDF.
CJK_FONT_MARKERS = ("NotoSansSC", "NotoSansCJK", "NotoSerifCJK", "SourceHan", "WenQuanYi")


def font_dir() -> Path:
    return Path(settings.PRINTING_FONT_DIR)


def project_fonts_present() -> bool:
    return all((font_dir() / name).is_file() for name in FILES.values())


def font_face_css() -> str:
    """@font-face rules for the project's font files, or "" when they are not installed."""
    if not project_fonts_present():
        return ""
    rules = []
    for weight, name in FILES.items():
        url = (font_dir() / name).resolve().as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; src: url("{url}"); font-weight: {weight}; }}'
        )
    return "\n".join(rules)


def render_fingerprint() -> str:
    """Which font set a render uses now: the project's files (by name and size) or the system's.

    Stored with each document so the start-up sweep can re-render documents printed before the
    project's fonts were present.
    """
    if not project_fonts_present():
        return "system"
    sizes = ",".join(f"{name}:{(font_dir() / name).stat().st_size}" for name in FILES.values())
    return f"project:{sizes}"
