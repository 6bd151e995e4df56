"""The photo store in a bucket of an S3-compatible service (AWS S3, MinIO, Ceph, Cloudflare R2…).

Used when ``BOARD_S3_BUCKET`` is set (README "Settings"); ``board.storage`` keeps its writes in step
with the database, as for the local folder. Credentials come from boto3's own chain
(``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY``, ``AWS_PROFILE``, an instance role …), never from
``BOARD_*`` settings. boto3 speaks HTTP through urllib3, whose sockets eventlet's and gevent's
monkey patching make cooperative: a request waiting for the bucket holds up no other.
"""
from __future__ import annotations

import mimetypes
from contextlib import contextmanager
from functools import cache

from .storage import StoreUnavailable, check_key

MISSING = ("NoSuchKey", "404")  # GET answers NoSuchKey; HEAD, which has no body, only its status


@cache
def _session():
    """One boto3 session for the process: its loaded service models make each later client cheap (~5 ms,
    not ~0.3 s). Sessions are not thread-safe, so stores are made at start-up only; clients are."""
    import boto3

    return boto3.session.Session()


class S3Store:
    """Files as objects of one bucket, named ``PREFIX/engagement/name``."""

    def __init__(self, bucket: str, *, endpoint_url: str | None = None, region: str | None = None,
                 prefix: str = "", addressing: str = "auto"):
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self.endpoint_url = endpoint_url
        self.where = f"s3://{bucket}/{self.prefix}" + (f" at {endpoint_url}" if endpoint_url else "")
        config = Config(
            s3={"addressing_style": addressing},
            retries={"mode": "standard", "max_attempts": 3},
            connect_timeout=5, read_timeout=30,
            # botocore's default CRC checksums (1.36+) are refused by some S3-compatible servers;
            # AWS itself gets them, the others only where an operation requires one
            **({"request_checksum_calculation": "when_required", "response_checksum_validation": "when_required"}
               if endpoint_url else {}),
        )
        self.client = _session().client("s3", endpoint_url=endpoint_url, region_name=region, config=config)

    def _key(self, key: str) -> str:
        return self.prefix + check_key(key)

    def check(self) -> None:
        """Ask for the bucket once: a wrong name, endpoint or credentials stop the start with the reason."""
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except NoCredentialsError as exc:
            raise StoreUnavailable(f"no credentials for the photo bucket {self.where}: set AWS_ACCESS_KEY_ID and "
                                   "AWS_SECRET_ACCESS_KEY (or another source boto3 reads)") from exc
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            reason = {"404": "does not exist", "NoSuchBucket": "does not exist",
                      "403": "refuses these credentials (AWS_ACCESS_KEY_ID …)"}.get(code, f"answered {code}")
            raise StoreUnavailable(f"the photo bucket {self.where} {reason}: check BOARD_S3_BUCKET, "
                                   "BOARD_S3_ENDPOINT_URL and BOARD_S3_REGION") from exc
        except BotoCoreError as exc:  # no connection, a bad endpoint, a timeout
            raise StoreUnavailable(f"the photo bucket {self.where} cannot be reached ({exc}): check "
                                   "BOARD_S3_ENDPOINT_URL") from exc

    @contextmanager
    def _asking(self, key: str):
        """Turn the service's failures into the store's: a missing object, or the bucket unavailable."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in MISSING:
                raise FileNotFoundError(key) from exc
            raise StoreUnavailable(f"the photo bucket {self.where} answered {code} for {key}") from exc
        except BotoCoreError as exc:  # no connection, a timeout, a stream cut short
            raise StoreUnavailable(f"the photo bucket {self.where} failed for {key}: {exc}") from exc

    def write(self, key: str, data: bytes) -> None:
        kind = mimetypes.guess_type(key)[0] or "application/octet-stream"
        with self._asking(key):
            self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=kind)

    def read(self, key: str) -> bytes:
        with self._asking(key):
            answer = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
            with answer["Body"] as body:
                return body.read()

    def remove(self, key: str) -> None:
        with self._asking(key):  # a missing key is no error: S3 answers a delete of it with success
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
