"""Photos of observation cards: as cards carry them, and the upload form."""
from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import fields, validate

from .common import BaseSchema, Brief

PHOTO_URL = "/api/v1/photos/{id}"  # the API's prefix (board.api.PREFIX): cards carry absolute paths


class PhotoSchema(BaseSchema):
    """A photo on a card: where its image and thumbnail are read, their size and who added it."""

    id = fields.String(dump_only=True)
    url = fields.Function(lambda p: PHOTO_URL.format(id=p.id), dump_only=True,
                          metadata={"type": "string", "description": "The image (JPEG, at most 1600 px)."})
    thumb_url = fields.Function(lambda p: PHOTO_URL.format(id=p.id) + "/thumb", dump_only=True,
                                metadata={"type": "string", "description": "The thumbnail (JPEG, at most 400 px)."})
    width = fields.Integer(dump_only=True)
    height = fields.Integer(dump_only=True)
    created_by = Brief(attribute="visible_creator", allow_none=True)
    created_at = fields.DateTime(dump_only=True)


class PhotoUploadSchema(BaseSchema):
    """An upload (``multipart/form-data``): the image, and the uploader's confirmation of the warning."""

    photo = Upload(required=True, metadata={"description": "The image: JPEG, PNG or WebP, at most 10 MB."})
    personal_data_confirmed = fields.Boolean(required=True, validate=validate.Equal(
        True, error="Confirm that the photo shows no faces, customer data or documents, or that they may be kept."),
        metadata={"description": "The uploader read the personal-data warning and confirmed it."})
