"""Photos kept in an S3-compatible bucket (``BOARD_S3_BUCKET``): the real boto3 against moto's S3 server
over HTTP, through the same HTTP API as the folder store. Objects are written with the unit of work, gone
with its rollback, removed only once a removal committed; a key outside the store is refused."""
from __future__ import annotations

import io
from dataclasses import replace

import pytest
from PIL import Image

from board import db, uow
from board.config import Settings
from board.errors import Conflict
from board.models import User
from board.s3 import S3Store
from board.services import photos
from board.storage import LocalStore, StoreUnavailable
from tests.support.api import error, expect
from tests.support.photos import camera_jpeg, observation, png, stored_files, upload
from tests.support.s3 import PREFIX, REGION


SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # the bucket is the same on either


@pytest.fixture
def settings(settings, s3):
    """The standard settings, with the photos in a new bucket of the test S3 server."""
    return replace(settings, **s3.settings)


@SQLITE_ONLY
def test_a_photo_is_two_objects_in_the_bucket_until_its_removal_commits(world, settings, s3):
    card_id = observation(world)
    photo = expect(upload(world.provider, card_id, camera_jpeg()), 201)["photos"][0]
    image_key, thumb_key = f"{world.engagement}/{photo['id']}.jpg", f"{world.engagement}/{photo['id']}.thumb.jpg"
    assert stored_files(settings) == sorted([image_key, thumb_key])
    assert s3.keys() == sorted([f"{PREFIX}/{image_key}", f"{PREFIX}/{thumb_key}"])  # under BOARD_S3_PREFIX
    head = s3.client().head_object(Bucket=s3.name, Key=f"{PREFIX}/{image_key}")
    assert head["ContentType"] == "image/jpeg"

    image, thumb = world.viewer.get(photo["url"]), world.viewer.get(photo["thumb_url"])
    assert image.status_code == thumb.status_code == 200 and image.mimetype == thumb.mimetype == "image/jpeg"
    assert image.data == s3.client().get_object(Bucket=s3.name, Key=f"{PREFIX}/{image_key}")["Body"].read()
    assert Image.open(io.BytesIO(image.data)).size == (1067, 1600)
    assert Image.open(io.BytesIO(thumb.data)).size == (267, 400)

    # refused removals and a deleted card keep the objects (a restore brings the photo back)
    error(world.buyer.delete(photo["url"]), 403, code="not_photo_author")
    expect(world.provider.delete(f"/cards/{card_id}", {"version": 1}), 200)
    expect(world.provider.post(f"/cards/{card_id}/restore"), 200)
    assert len(stored_files(settings)) == 2
    expect(world.provider.delete(photo["url"]), 200)
    assert stored_files(settings) == []
    error(world.viewer.get(photo["url"]), 404)


def test_refused_and_rolled_back_uploads_leave_no_object(world, settings):
    card_id = observation(world)
    error(upload(world.provider, card_id, b"not a picture", name="notes.jpg"), 422, field="photo")
    story = expect(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "story", "title": "T"}), 201)
    error(upload(world.buyer, story["id"], png()), 422, field="photo")
    assert stored_files(settings) == []
    # a repeated Idempotency-Key writes its objects, then rolls back: they go with it
    key = {"Idempotency-Key": "photo-op-1"}
    first = expect(upload(world.provider, card_id, png(), headers=key), 201)
    again = upload(world.provider, card_id, png(), headers=key)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    [photo] = first["photos"]
    assert stored_files(settings) == sorted([f"{world.engagement}/{photo['id']}.jpg",
                                             f"{world.engagement}/{photo['id']}.thumb.jpg"])


@SQLITE_ONLY
def test_a_removal_that_rolls_back_keeps_the_objects(app, world, settings):
    photo = expect(upload(world.provider, observation(world), png()), 201)["photos"][0]

    def remove_then_fail():
        photos.remove_photo(db.session.get(User, world.users["provider"]), photo["id"])
        raise Conflict("A later step of the same unit of work failed.")

    with app.app_context(), pytest.raises(Conflict):
        uow.run(remove_then_fail)
    assert len(stored_files(settings)) == 2
    assert world.viewer.get(photo["url"]).status_code == 200


@SQLITE_ONLY
def test_a_bucket_gone_is_a_503_that_changes_nothing_and_logs_why(world, s3, caplog):
    card_id = observation(world)
    photo = expect(upload(world.provider, card_id, png()), 201)["photos"][0]
    client = s3.client()
    for key in s3.keys():
        client.delete_object(Bucket=s3.name, Key=key)
    client.delete_bucket(Bucket=s3.name)
    err = error(upload(world.provider, card_id, png()), 503, code="unavailable")
    assert "Try again" in err["message"] and "s3://" not in err["message"]
    assert expect(world.provider.get(f"/cards/{card_id}"), 200)["photos"] == [photo]
    error(world.provider.get(photo["url"]), 503, code="unavailable")
    assert any(f"photo store: the photo bucket s3://{s3.name}/{PREFIX}/ at {s3.endpoint_url} answered NoSuchBucket"
               in r.getMessage() for r in caplog.records)


@SQLITE_ONLY
def test_an_object_gone_from_the_bucket_is_a_404_not_an_error(world, settings, s3):
    photo = expect(upload(world.provider, observation(world), png()), 201)["photos"][0]
    s3.client().delete_object(Bucket=s3.name, Key=f"{PREFIX}/{world.engagement}/{photo['id']}.jpg")
    error(world.provider.get(photo["url"]), 404, code="not_found")
    assert world.provider.get(photo["thumb_url"]).status_code == 200


def test_the_stores_take_only_keys_inside_them_and_the_bucket_is_checked(s3, tmp_path):
    store = S3Store(s3.name, endpoint_url=s3.endpoint_url, region=REGION, prefix="/board/", addressing="path")
    for key in ("../secret.jpg", "/etc/passwd", "a/../../b.jpg", "a//b.jpg", "a\\b.jpg", "", "a/."):
        for each in (store, LocalStore(tmp_path / "attachments")):
            for call, args in ((each.write, (key, b"x")), (each.read, (key,)), (each.remove, (key,))):
                with pytest.raises(ValueError, match="not a key of this store"):
                    call(*args)
    assert not (tmp_path / "attachments").exists()  # nothing written anywhere
    store.check()
    store.write("e1/p.jpg", b"jpeg")
    assert store.read("e1/p.jpg") == b"jpeg" and s3.keys() == ["board/e1/p.jpg"]
    store.remove("e1/p.jpg")
    store.remove("e1/p.jpg")  # removing what is gone is no error
    with pytest.raises(FileNotFoundError):
        store.read("e1/p.jpg")
    missing = S3Store(s3.name + "-gone", endpoint_url=s3.endpoint_url, region=REGION, addressing="path")
    with pytest.raises(StoreUnavailable, match=f"s3://{s3.name}-gone/ at {s3.endpoint_url} does not exist"):
        missing.check()


def test_the_s3_settings_are_read_from_the_environment_and_checked(monkeypatch, tmp_path):
    for name in ("BUCKET", "ENDPOINT_URL", "REGION", "PREFIX", "ADDRESSING"):
        monkeypatch.delenv(f"BOARD_S3_{name}", raising=False)
    assert Settings.from_env(instance_dir=tmp_path).s3_bucket is None  # unset: the folder store
    monkeypatch.setenv("BOARD_S3_BUCKET", "photos")
    monkeypatch.setenv("BOARD_S3_ENDPOINT_URL", "http://minio.internal:9000/")
    monkeypatch.setenv("BOARD_S3_PREFIX", "/board/")
    read = Settings.from_env(instance_dir=tmp_path)
    assert (read.s3_bucket, read.s3_endpoint_url, read.s3_prefix, read.s3_addressing, read.s3_region) == (
        "photos", "http://minio.internal:9000", "board", "path", None)
    monkeypatch.delenv("BOARD_S3_ENDPOINT_URL")
    assert Settings.from_env(instance_dir=tmp_path).s3_addressing == "auto"  # AWS: boto3 picks
    for name, value, words in (("BOARD_S3_ADDRESSING", "sideways", "must be one of path, virtual, auto"),
                               ("BOARD_S3_ENDPOINT_URL", "minio:9000", "must start with http:// or https://")):
        monkeypatch.setenv(name, value)
        with pytest.raises(ValueError, match=f"{name} {words}"):
            Settings.from_env(instance_dir=tmp_path)
        monkeypatch.delenv(name)
