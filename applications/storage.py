"""Private storage for uploads and issued documents (outside the web root).

Files are addressed by a relative path under settings.PRIVATE_MEDIA_ROOT and are only
ever served by permission-checked views. Writes are atomic (temp file + os.replace), so
a killed worker never leaves a half-written document under the final name.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

ALLOWED_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def private_path(relative: str) -> Path:
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    path = (root / relative).resolve()
    if root not in path.parents:
        raise ValueError("path escapes private storage")
    return path


def write_atomic(relative: str, data: bytes) -> Path:
    target = private_path(relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def sniff_content_type(data: bytes) -> str | None:
    """The type by magic bytes, not by the file name or the browser's claim."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def validate_upload(*, data: bytes, filename: str) -> str:
    """Return the verified content type or raise ValidationError with a clear Chinese message."""
    if not data:
        raise ValidationError(_("文件为空，请重新选择。"), code="empty")
    max_bytes = settings.UPLOAD_MAX_BYTES
    if len(data) > max_bytes:
        raise ValidationError(
            _("文件过大（%(size).1f MB），单个文件不能超过 %(max).0f MB。")
            % {"size": len(data) / 1048576, "max": max_bytes / 1048576},
            code="too_large",
        )
    content_type = sniff_content_type(data)
    if content_type is None:
        raise ValidationError(
            _(
                "“%(name)s”不是有效的 PDF、JPG 或 PNG 文件（按文件内容检查，修改扩展名无效），请上传扫描件或照片。"
            )
            % {"name": filename[:80]},
            code="type",
        )
    if content_type == "application/pdf":
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("PDF 文件不完整或已损坏，请重新导出后上传。"), code="pdf")
    else:
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except Exception:
            raise ValidationError(
                _("图片文件已损坏，无法打开，请重新拍摄或扫描。"), code="image"
            ) from None
    return content_type


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def delete_quietly(relative: str) -> None:
    """Remove a stored file that nothing points at any more (a replaced upload)."""
    if not relative:
        return
    try:
        private_path(relative).unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def download_name(filename: str, content_type: str, *, fallback: str = "material") -> str:
    """The uploader's name with the extension of the detected content type (invoice.exe holding
    a PDF downloads as invoice.pdf); the name never decides the type."""
    stem = Path(filename or "").stem.strip() or fallback
    return f"{stem}{ALLOWED_TYPES.get(content_type, '')}"
