"""An S3-compatible server for the tests: moto's, in this process, spoken to over real HTTP by the real boto3."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

# boto3 finds these in the environment (its standard chain), as it would on a server; moto takes any
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "board-test", "AWS_SECRET_ACCESS_KEY": "board-test-secret"}
REGION = "eu-central-1"
PREFIX = "board"


class S3Server:
    """moto's S3 on a free port of 127.0.0.1, in a thread of this process."""

    def start(self) -> "S3Server":
        from moto.server import ThreadedMotoServer

        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self._server.start()
        # its handler threads are not waited for at the end: boto3's kept-alive connections hold them for seconds
        self._server._server.block_on_close = False
        host, port = self._server.get_host_and_port()
        self.url = f"http://{host}:{port}"
        return self

    def stop(self) -> None:
        self._server.stop()

    def bucket(self) -> "Bucket":
        """A new, empty bucket (credentials must be in the environment)."""
        bucket = Bucket(f"board-test-{uuid.uuid4().hex[:12]}", self.url)
        bucket.client().create_bucket(Bucket=bucket.name, CreateBucketConfiguration={"LocationConstraint": REGION})
        return bucket


@dataclass
class Bucket:
    """One bucket of the test server, and the settings that keep the board's photos in it."""

    name: str
    endpoint_url: str

    @property
    def settings(self) -> dict:
        """``Settings`` fields (``dataclasses.replace``) for the board's photos in this bucket, under ``PREFIX``."""
        return dict(s3_bucket=self.name, s3_endpoint_url=self.endpoint_url, s3_region=REGION, s3_prefix=PREFIX,
                    s3_addressing="path")

    @property
    def env(self) -> dict:
        """The same as ``BOARD_S3_*`` environment variables, with the credentials, for ``board serve``."""
        return {"BOARD_S3_BUCKET": self.name, "BOARD_S3_ENDPOINT_URL": self.endpoint_url, "BOARD_S3_REGION": REGION,
                "BOARD_S3_PREFIX": PREFIX, **CREDENTIALS}

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint_url, region_name=REGION)

    def keys(self) -> list[str]:
        """Every object's full key, prefix included."""
        answer = self.client().list_objects_v2(Bucket=self.name)
        return sorted(o["Key"] for o in answer.get("Contents", ()))
