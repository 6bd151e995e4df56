"""Images for the photo tests, made with Pillow (a camera JPEG with GPS, a decompression bomb, an SVG),
and the HTTP steps and store listing the photo tests share."""
from __future__ import annotations

import io

import requests
from PIL import ExifTags, Image

from tests.support.api import expect

GPS_LATITUDE = (52.0, 22.0, 12.34)  # Amsterdam, where the shadowing took place


def camera_jpeg(size=(3000, 2000), orientation: int = 6) -> bytes:
    """A landscape JPEG as a phone writes it when held upright (orientation 6: turn 90° clockwise),
    with the GPS position and the camera's make in its EXIF."""
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((40, 40, 200), (0, 0, size[0] // 2, size[1]))  # left half blue: shows the turn
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 54.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def png(size=(64, 48)) -> bytes:
    """A small PNG with transparency."""
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 128)).save(out, "PNG")
    return out.getvalue()


def bomb(side: int = 12_000) -> bytes:
    """A tiny PNG that would decode to ``side``² pixels (144 megapixels by default)."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b'<script>alert(1)</script><rect width="10" height="10"/></svg>')


def gps_of(data: bytes) -> dict:
    """The GPS block of an image's EXIF (empty when there is none)."""
    return dict(Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo))


def upload(client, card_id: str, data: bytes, name: str = "photo.jpg", confirmed: str = "true", **kw):
    """``POST /cards/{id}/photos`` as the web app sends it (``confirmed=None`` leaves the confirmation out)."""
    form = {"photo": (io.BytesIO(data), name)}
    if confirmed is not None:
        form["personal_data_confirmed"] = confirmed
    return client.request("POST", f"/cards/{card_id}/photos", data=form, content_type="multipart/form-data", **kw)


def observation(world, client=None, text: str = "Agent photographs the sticky note") -> str:
    """A new observation on the world's initiative; its id."""
    client = client or world.provider
    return expect(client.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": text}), 201)["id"]


def upload_to_server(server, token: str, card_id: str, name: str = "photo.jpg") -> dict:
    """Add a camera photo to a card on a running ``board serve`` (a real multipart POST); its first photo."""
    answer = requests.post(f"{server.url}/api/v1/cards/{card_id}/photos", headers={"Authorization": f"Bearer {token}"},
                           timeout=30, files={"photo": (name, camera_jpeg(), "image/jpeg")},
                           data={"personal_data_confirmed": "true"})
    assert answer.status_code == 201, answer.text
    [photo] = answer.json()["photos"]
    return photo


def stored_files(settings) -> list[str]:
    """The keys (``engagement/name``) the app's photo store holds: the bucket's objects under the prefix
    when ``settings`` name one (listed with boto3), else the attachments folder's files."""
    if settings.s3_bucket:
        from tests.support.s3 import Bucket

        prefix = f"{settings.s3_prefix}/" if settings.s3_prefix else ""
        return [key.removeprefix(prefix) for key in Bucket(settings.s3_bucket, settings.s3_endpoint_url).keys()
                if key.startswith(prefix)]
    root = settings.attachments_path
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []
