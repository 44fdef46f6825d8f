"""The one way member pictures enter the system: sniffed, bounded, re-encoded, stripped.

Anything a member uploads is decoded by Pillow and written out again as a fresh JPEG or PNG,
so no metadata (EXIF GPS included), trailing bytes or embedded markup survives.
"""

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

register_heif_opener()

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}
MAX_SIDE = 2560
# Markup that turns a picture into a polyglot a browser could run as a page.
_MARKUP = (b"<html", b"<script", b"<svg", b"<?php", b"<!doctype", b"<iframe", b"<body")


def image_clean(upload) -> ContentFile:
    """Return a clean re-encoded copy of an uploaded picture, or raise ValidationError."""
    data = _read_bounded(upload)
    _refuse_markup(data)
    image = _decode(data)
    return _encode(image)


def _read_bounded(upload) -> bytes:
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("This picture is %(size)s; the limit is %(limit)s. Try a smaller one.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("This picture is larger than the limit."), code="too_large")
    return data


def _refuse_markup(data: bytes) -> None:
    lowered = data.lower()
    if any(marker in lowered for marker in _MARKUP):
        raise ValidationError(
            _("This file is not a plain picture (it contains web page code), so it was refused."),
            code="polyglot",
        )


def _not_a_picture() -> ValidationError:
    return ValidationError(
        _("This file is not a JPEG, PNG, WebP or HEIC picture. Please choose a photo."),
        code="not_image",
    )


def _decode(data: bytes) -> Image.Image:
    max_pixels = settings.MAX_UPLOAD_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ACCEPTED_FORMATS:
                raise _not_a_picture()
            if image.width * image.height > max_pixels:
                raise Image.DecompressionBombError
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("This picture has too many pixels (the limit is %(megapixels)s megapixels).")
            % {"megapixels": max_pixels // 1_000_000},
            code="too_many_pixels",
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise _not_a_picture() from error
    return image


def _encode(image: Image.Image) -> ContentFile:
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info
    out = io.BytesIO()
    if has_alpha:
        image.convert("RGBA").save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
