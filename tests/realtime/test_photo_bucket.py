"""``board serve`` with its photos in an S3-compatible bucket, set by ``BOARD_S3_*`` as in production:
under eventlet and gevent, boto3's requests go through the monkey-patched sockets; a bucket that is not
there stops the start with the reason."""
from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from tests.support.api import token_of
from tests.support.photos import upload_to_server
from tests.support.s3 import PREFIX


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # the bucket is the same on either database
def test_board_serve_keeps_photos_in_the_configured_bucket(world, servers, rest_for, s3, async_mode):
    server = servers(async_mode, **s3.env)
    assert f"Photos are kept in s3://{s3.name}/{PREFIX}/ at {s3.endpoint_url}" in server.log.read_text()
    card = rest_for(server, world.provider).call("POST", f"/initiatives/{world.initiative}/cards",
                                                 {"kind": "observation", "text": "Queue board"}, expect=201)
    auth = {"Authorization": f"Bearer {token_of(world.provider)}"}
    photo = upload_to_server(server, token_of(world.provider), card["id"], "board.jpg")
    key = f"{PREFIX}/{world.engagement}/{photo['id']}"
    assert s3.keys() == [f"{key}.jpg", f"{key}.thumb.jpg"]
    image = requests.get(server.url + photo["url"], headers=auth, timeout=10)
    assert image.status_code == 200
    assert image.content == s3.client().get_object(Bucket=s3.name, Key=f"{key}.jpg")["Body"].read()
    assert requests.delete(server.url + photo["url"], headers=auth, timeout=10).status_code == 200
    assert s3.keys() == []


def test_a_bucket_that_is_not_there_stops_the_start_with_the_reason(tmp_path, s3):
    env = {**s3.env, "BOARD_S3_BUCKET": "no-such-bucket", "BOARD_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
           "BOARD_INSTANCE_DIR": str(tmp_path), "BOARD_ASYNC_MODE": "threading", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "board.cli", "serve", "--port", "0"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert (f"the photo bucket s3://no-such-bucket/{PREFIX}/ at {s3.endpoint_url} does not exist: "
            "check BOARD_S3_BUCKET") in result.stderr
    assert "Traceback" not in result.stderr
