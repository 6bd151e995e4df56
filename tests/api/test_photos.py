"""Photos of observations through HTTP: kept resized, upright and without EXIF; refused with a reason;
members only; removed by their author or a facilitator, files and all."""
from __future__ import annotations

import io

from PIL import Image

from tests.support.api import error, expect, log
from tests.support.photos import SVG, bomb, camera_jpeg, gps_of, observation, png, stored_files, upload
from tests.support.services import needs_pango


def test_a_camera_photo_is_kept_upright_resized_and_without_exif(world, settings):
    card_id = observation(world)
    original = camera_jpeg()
    assert gps_of(original), "the test photo carries a GPS position"
    card = expect(upload(world.provider, card_id, original), 201)
    [photo] = card["photos"]
    # orientation 6 turns the 3000×2000 landscape into a portrait, 1600 px on its long side
    assert (photo["width"], photo["height"]) == (1067, 1600)
    assert photo["created_by"]["id"] == world.users["provider"]
    assert photo["url"] == f"/api/v1/photos/{photo['id']}" and photo["thumb_url"] == photo["url"] + "/thumb"

    answer = world.sponsor.get(photo["url"])
    assert answer.status_code == 200 and answer.mimetype == "image/jpeg"
    assert "private" in answer.headers["Cache-Control"]
    kept = Image.open(io.BytesIO(answer.data))
    assert kept.format == "JPEG" and kept.size == (1067, 1600)
    assert gps_of(answer.data) == {} and len(kept.getexif()) == 0 and "exif" not in kept.info
    assert b"PhoneMaker" not in answer.data
    assert kept.getpixel((500, 10))[2] > 150  # the blue half is on top now: the turn was applied

    thumb = world.viewer.get(photo["thumb_url"])
    assert thumb.status_code == 200 and Image.open(io.BytesIO(thumb.data)).size == (267, 400)
    assert gps_of(thumb.data) == {}
    assert stored_files(settings) == sorted([f"{world.engagement}/{photo['id']}.jpg",
                                             f"{world.engagement}/{photo['id']}.thumb.jpg"])
    # the card carries it wherever it is read, and the board heard of it
    assert expect(world.buyer.get(f"/cards/{card_id}"), 200)["photos"] == [photo]
    last = log(world)[-1]
    assert last["type"] == "card.updated" and last["data"]["changed"] == ["photos"]
    assert last["data"]["photos"] == [photo] and last["data"]["version"] == card["version"] == 1


def test_a_png_with_transparency_is_kept_as_jpeg(world):
    card = expect(upload(world.provider, observation(world), png(), name="screen.png"), 201)
    photo = card["photos"][0]
    assert (photo["width"], photo["height"]) == (64, 48)
    assert Image.open(io.BytesIO(world.provider.get(photo["url"]).data)).format == "JPEG"


def test_refused_uploads_name_the_problem_and_keep_nothing(world, settings):
    card_id = observation(world)
    before = log(world)
    cases = [
        (b"just some text, not a picture", "notes.jpg", 422, "not an image"),
        (SVG, "drawing.svg", 422, "not an image"),
        (bomb(), "bomb.png", 422, "megapixels"),
        (camera_jpeg()[:5000], "cut.jpg", 422, "damaged"),
        (b"\xff\xd8" + b"\0" * (settings.photo_max_bytes + 10), "huge.jpg", 413, "larger than 10 MB"),
    ]
    for data, name, status, words in cases:
        err = error(upload(world.provider, card_id, data, name=name), status, field="photo")
        assert words in err["message"], (name, err)
    err = error(upload(world.provider, card_id, camera_jpeg(), confirmed=None), 422, field="personal_data_confirmed")
    error(upload(world.provider, card_id, camera_jpeg(), confirmed="false"), 422, field="personal_data_confirmed")
    assert "Missing" in err["message"] or "required" in err["message"].lower()
    missing = world.provider.request("POST", f"/cards/{card_id}/photos", data={"personal_data_confirmed": "true"},
                                     content_type="multipart/form-data")
    error(missing, 422, field="photo")
    story = expect(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "story", "title": "T"}), 201)
    err = error(upload(world.buyer, story["id"], camera_jpeg()), 422, field="photo")
    assert "Only observations" in err["message"]
    assert stored_files(settings) == []
    assert expect(world.provider.get(f"/cards/{card_id}"), 200)["photos"] == []
    assert len(log(world)) == len(before) + 1  # only the story's card.created


def test_only_members_see_photos_and_only_writers_add_them(world, settings):
    card_id = observation(world)
    photo = expect(upload(world.provider, card_id, camera_jpeg()), 201)["photos"][0]
    for path in (photo["url"], photo["thumb_url"]):
        error(world.outsider.get(path), 404, code="not_found")
        assert world.viewer.get(path).status_code == 200
    error(upload(world.outsider, card_id, camera_jpeg()), 404, code="not_found")
    error(upload(world.viewer, card_id, camera_jpeg()), 403, code="forbidden")
    error(world.outsider.delete(photo["url"]), 404, code="not_found")
    error(world.provider.get("/photos/no-such-photo"), 404)
    assert len(stored_files(settings)) == 2
    # a deleted card's photos are gone with it (until it is restored)
    expect(world.provider.delete(f"/cards/{card_id}", {"version": 1}), 200)
    error(world.buyer.get(photo["url"]), 404)
    expect(world.provider.post(f"/cards/{card_id}/restore"), 200)
    assert world.buyer.get(photo["url"]).status_code == 200


def test_the_author_or_a_facilitator_removes_a_photo_and_its_files(world, settings):
    card_id = observation(world)
    first = expect(upload(world.provider, card_id, camera_jpeg()), 201)["photos"][0]
    second = expect(upload(world.buyer, card_id, png()), 201)["photos"][1]
    err = error(world.buyer.delete(first["url"]), 403, code="not_photo_author")
    assert "facilitator" in err["message"]
    error(world.viewer.delete(first["url"]), 403)
    assert len(stored_files(settings)) == 4
    card = expect(world.facilitator.delete(first["url"]), 200)
    assert [p["id"] for p in card["photos"]] == [second["id"]]
    error(world.provider.get(first["url"]), 404)
    error(world.provider.get(first["thumb_url"]), 404)
    assert not any(first["id"] in name for name in stored_files(settings))
    expect(world.buyer.delete(second["url"]), 200)
    assert stored_files(settings) == []
    assert expect(world.provider.get(f"/cards/{card_id}"), 200)["photos"] == []
    last = log(world)[-1]
    assert last["type"] == "card.updated" and last["data"]["changed"] == ["photos"] and last["data"]["photos"] == []


def test_a_repeated_upload_is_kept_once_with_no_stray_files(world, settings):
    card_id = observation(world)
    key = {"Idempotency-Key": "photo-op-1"}
    first = upload(world.provider, card_id, camera_jpeg(), headers=key)
    again = upload(world.provider, card_id, camera_jpeg(), headers=key)
    assert first.status_code == again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    assert len(expect(world.provider.get(f"/cards/{card_id}"), 200)["photos"]) == 1
    assert len(stored_files(settings)) == 2  # the repeat's own files went with its rollback


def test_a_cut_off_photo_is_refused_also_after_a_pdf_was_made(world):
    """WeasyPrint's import tells Pillow to accept truncated images; the photo check must not follow it."""
    needs_pango()
    assert world.viewer.get(f"/initiatives/{world.initiative}/report.pdf").status_code == 200
    err = error(upload(world.provider, observation(world), camera_jpeg()[:5000], name="cut.jpg"), 422, field="photo")
    assert "damaged" in err["message"]
