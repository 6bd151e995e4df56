"""Photos of observations: upload (multipart), the image and its thumbnail, removal."""
from __future__ import annotations

from flask import Response, current_app

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.cards import CardSchema
from ..schemas.photos import PhotoUploadSchema
from ..services import photos
from . import PREFIX

blp = Blueprint("photos", __name__, url_prefix=PREFIX, description="Photos of observations, taken in the field")
UPLOAD = "photos.upload_photo"  # the endpoint whose requests may be as large as a photo (api/mount.py)


@blp.post("/cards/<card_id>/photos")
@blp.arguments(PhotoUploadSchema, location="files")
@blp.response(201, CardSchema)
def upload_photo(form, card_id):
    """Attach a photo to an observation (``multipart/form-data``): answers the card with its photos.

    The image is decoded (JPEG, PNG, WebP; never SVG), turned upright, resized to at most 1600 px
    with a 400 px thumbnail and re-encoded, so no EXIF (GPS position, camera) is kept. Larger than
    ``BOARD_PHOTO_MAX_MB`` is 413; not an image, or more than 50 megapixels, 422 naming ``photo``.
    """
    data = form["photo"].read()
    limit = current_app.config["BOARD"].photo_max_bytes
    return photos.add_photo(require_user(), card_id, data, confirmed=form["personal_data_confirmed"], max_bytes=limit)


def _jpeg(data: bytes) -> Response:
    response = Response(data, mimetype="image/jpeg")
    # members only, and a photo's id never names other pixels: browsers may keep it, shared caches never
    response.headers["Cache-Control"] = "private, max-age=86400"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blp.get("/photos/<photo_id>")
@blp.response(200, content_type="image/jpeg", description="The photo as JPEG, at most 1600 px.")
def get_photo(photo_id):
    """A photo's image; members of its engagement only (others: 404)."""
    return _jpeg(photos.photo_file(require_user(), photo_id))


@blp.get("/photos/<photo_id>/thumb")
@blp.response(200, content_type="image/jpeg", description="The thumbnail as JPEG, at most 400 px.")
def get_thumb(photo_id):
    """A photo's thumbnail; members of its engagement only (others: 404)."""
    return _jpeg(photos.photo_file(require_user(), photo_id, thumb=True))


@blp.delete("/photos/<photo_id>")
@blp.response(200, CardSchema)
def delete_photo(photo_id):
    """Remove a photo (whoever added it, or a facilitator): answers the card without it."""
    return photos.remove_photo(require_user(), photo_id)
