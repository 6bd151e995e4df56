"""Photos as the board keeps them: decoded (never trusted by name or type), turned upright, resized
and re-encoded as JPEG, so no metadata of the original (EXIF, GPS position, camera serial) survives."""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from .errors import Invalid

MAX_SIDE = 1600  # the stored image's long side, at most
THUMB_SIDE = 400  # the thumbnail's long side, at most
MAX_PIXELS = 50_000_000  # a larger image is refused before it is decoded (a decompression bomb)
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "MPO")  # raster formats Pillow decodes; never SVG
QUALITY = 85


@dataclass(frozen=True)
class Rendition:
    """One re-encoded JPEG and its size in pixels."""

    data: bytes
    width: int
    height: int


@dataclass(frozen=True)
class Processed:
    """What is kept of an uploaded photo: the image and its thumbnail."""

    image: Rendition
    thumb: Rendition


def _refuse(message: str) -> Invalid:
    return Invalid("photo", message)


def _open(data: bytes) -> Image.Image:
    """The image in ``data``, its header read and its size checked before any pixel is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(f"The image has too many pixels; at most {MAX_PIXELS // 1_000_000} megapixels.") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise _refuse("This file is not an image the board can read; send a JPEG, PNG or WebP photo.") from None
    if image.format not in FORMATS:
        raise _refuse(f"{image.format} images are not accepted; send a JPEG, PNG or WebP photo.")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _refuse(f"The image is {width}×{height} pixels; at most {MAX_PIXELS // 1_000_000} megapixels.")
    return image


def _encode(image: Image.Image, side: int) -> Rendition:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=QUALITY, optimize=True, exif=b"")  # no metadata is written
    return Rendition(out.getvalue(), *copy.size)


def _flat_rgb(image: Image.Image) -> Image.Image:
    """RGB pixels only; transparency laid on white."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB")


def process(data: bytes) -> Processed:
    """Decode ``data`` and keep it upright, at most ``MAX_SIDE`` px, and a ``THUMB_SIDE`` px thumbnail.

    Raises ``Invalid("photo", ...)`` for anything that is not a raster image the board reads, or too large.
    A JPEG is decoded at the smallest scale still larger than the result (``draft``): a 12-megapixel
    phone photo costs a quarter of the work.
    """
    # a cut-off upload is refused, never padded: WeasyPrint's import turns this Pillow setting on process-wide
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    image = _open(data)
    width, height = image.size
    scale = min(1.0, MAX_SIDE / max(width, height))
    try:
        image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
        image.load()
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        upright = ImageOps.exif_transpose(image)  # the camera's orientation, applied to the pixels
    except (OSError, ValueError, Image.DecompressionBombError):
        raise _refuse("The image is damaged or cut short; take the photo again.") from None
    upright = _flat_rgb(upright)
    # a new image holding only the pixels: nothing of the original's info (EXIF, XMP, ICC, comments) follows
    pixels = Image.frombytes("RGB", upright.size, upright.tobytes())
    return Processed(_encode(pixels, MAX_SIDE), _encode(pixels, THUMB_SIDE))
