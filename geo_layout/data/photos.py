"""A park's or site's photo made safe to store and serve: an upload is accepted only when its
content is a JPEG, PNG or WebP image (its name and declared type are ignored), at most 5 MB
and at most :data:`MAX_PIXELS` pixels (:data:`MAX_PIXELS_WHOLE` for a PNG or WebP, decoded
whole; a decompression bomb is refused before it is decoded), then turned upright by its EXIF
orientation, converted to sRGB, shrunk to :data:`MAX_EDGE` pixels on its longer side and
re-encoded as a JPEG that carries no metadata at all: no EXIF (so no GPS position or camera
serial), no XMP, no text chunks, no ICC profile (the colours were converted to sRGB, the web's
default, so none is needed).

One output format (JPEG) because every browser and map app shows it, and a photo of a
park has no transparency worth keeping (a transparent PNG is put on white).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import warnings
from dataclasses import dataclass

from ..errors import PhotoRefused, PhotoTooLarge

#: the largest upload taken (bytes)
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: the most pixels a JPEG may declare (a 50-megapixel camera's photo fits): it is decoded at
#: a reduced scale (``draft``), so its memory stays small
MAX_PIXELS = 50_000_000
#: the most pixels a PNG or WebP may declare: decoded whole (4 bytes a pixel, ~100 MB at most)
MAX_PIXELS_WHOLE = 25_000_000
#: the longer side of the stored photo (pixels): sharp on a wide screen, small on a phone
MAX_EDGE = 1600
JPEG_QUALITY = 82
CONTENT_TYPE = "image/jpeg"
#: the formats taken, recognised by their content (Pillow's decoders of these three only)
FORMATS = ("JPEG", "PNG", "WEBP")
#: the collections whose records have a photo
PHOTO_COLLECTIONS = ("parks", "sites")
#: what a photo's revision did (the record itself is unchanged: before == after)
SET, REPLACED, REMOVED = "photo-set", "photo-replaced", "photo-removed"
PHOTO_ACTIONS = (SET, REPLACED, REMOVED)


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo as stored: the re-encoded bytes and what the pages need to know of them."""

    data: bytes
    content_type: str
    width: int
    height: int
    sha256: str


@dataclass(frozen=True)
class StoredPhoto:
    """A record's photo as the database holds it (``data`` empty unless asked for)."""

    collection: str
    record_id: str
    content_type: str
    width: int
    height: int
    sha256: str
    author: str
    at: dt.datetime
    source: dict
    data: bytes = b""


def process(data: bytes) -> ProcessedPhoto:
    """The stored form of an uploaded photo; PhotoRefused (400) or PhotoTooLarge (413) saying
    what is wrong with it."""
    from PIL import Image, ImageOps

    if not data:
        raise PhotoRefused(key="photo.error.empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise PhotoTooLarge(key="photo.error.too_big", mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    with warnings.catch_warnings():
        # Pillow's own bomb guard warns first and raises beyond twice its limit: both refuse
        warnings.simplefilter("ignore", UserWarning)  # a damaged EXIF block: it goes anyway
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=FORMATS)
        except Image.UnidentifiedImageError:
            raise PhotoRefused(key="photo.error.not_image") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoTooLarge(key="photo.error.too_many_pixels",
                                megapixels=MAX_PIXELS // 1_000_000) from None
        except Exception:  # noqa: BLE001 - a header no decoder can read: a damaged file
            raise PhotoRefused(key="photo.error.damaged") from None
        with image:
            width, height = image.size
            cap = MAX_PIXELS if image.format == "JPEG" else MAX_PIXELS_WHOLE
            if width < 1 or height < 1 or width * height > cap:
                raise PhotoTooLarge(key="photo.error.too_many_pixels",
                                    megapixels=cap // 1_000_000)
            try:
                image.draft("RGB", (MAX_EDGE, MAX_EDGE))  # JPEG: decode at a reduced scale
                image.load()
                upright = ImageOps.exif_transpose(image)
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise PhotoTooLarge(key="photo.error.too_many_pixels",
                                    megapixels=MAX_PIXELS // 1_000_000) from None
            except Exception:  # noqa: BLE001 - whatever a decoder trips on: a damaged file
                raise PhotoRefused(key="photo.error.damaged") from None
            icc = image.info.get("icc_profile")
    clean = _srgb(_flat(upright), icc)
    clean.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    clean.info = {}  # nothing of the upload's metadata reaches the encoder
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    stored = out.getvalue()
    return ProcessedPhoto(stored, CONTENT_TYPE, clean.width, clean.height,
                          hashlib.sha256(stored).hexdigest())


def _flat(image):
    """An RGB image: a transparent one laid on white (what a page behind it would show)."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P"
                                             and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    if image.mode == "CMYK" or image.mode != "RGB":
        return image.convert("RGB")
    return image


def _srgb(image, icc: bytes | None):
    """``image`` converted from its embedded colour profile to sRGB (unchanged when it has
    none, or one that cannot be read: its colours are then taken as sRGB)."""
    if not icc:
        return image
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                              outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image
