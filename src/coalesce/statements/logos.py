"""A signatory's logo: checked and re-encoded before it is kept.

Only PNG and JPEG are accepted, at most ``MAX_LOGO_BYTES`` and ``MAX_LOGO_PIXELS``; the
image is decoded, shrunk to fit ``LOGO_BOX`` and written again as a PNG — so nothing of
the uploaded file survives but its pixels: no EXIF (a camera's place and time), no
comment, no second payload.
"""

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from coalesce.core.errors import DomainError
from coalesce.statements.limits import LOGO_BOX, MAX_LOGO_BYTES, MAX_LOGO_PIXELS

FORMATS = ("PNG", "JPEG")


def _refuse(message):
    return DomainError(message, "logo")


def clean_logo(data: bytes) -> tuple[bytes, int, int]:
    """The logo as a PNG, with its width and height; a ``DomainError`` on ``logo``."""
    if not data:
        raise _refuse(_("Choose an image file for your logo."))
    if len(data) > MAX_LOGO_BYTES:
        raise _refuse(_("The logo is too large: at most 512 KB."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise _refuse(_("The logo has too many pixels: make it smaller."))
            image.load()
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombWarning):
        raise _refuse(_("The logo must be a PNG or JPEG image.")) from None
    image = image.convert("RGBA")
    image.thumbnail(LOGO_BOX)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue(), image.width, image.height
