"""Settings, read once from ``BOARD_*`` environment variables."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from .infra.fanout import MODES as FANOUT_MODES

ASYNC_MODES = ("eventlet", "gevent", "threading")
S3_ADDRESSING = ("path", "virtual", "auto")


def _instance_dir() -> Path:
    """The folder for local state (SQLite file, generated secret key)."""
    path = Path(os.environ.get("BOARD_INSTANCE_DIR", Path.cwd() / "instance"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secret_key(instance: Path) -> str:
    """``BOARD_SECRET_KEY``, or one generated on first run and kept in the instance folder."""
    if key := os.environ.get("BOARD_SECRET_KEY"):
        return key
    keyfile = instance / "secret_key"
    if not keyfile.exists():
        keyfile.write_text(secrets.token_urlsafe(48))
        keyfile.chmod(0o600)
    return keyfile.read_text().strip()


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip().rstrip("/") for part in value.split(",") if part.strip())


def _megabytes(value: str) -> int:
    value = value.strip()
    if not value.isdigit() or not 1 <= int(value) <= 100:
        raise ValueError(f"BOARD_PHOTO_MAX_MB must be a whole number from 1 to 100, not {value!r}")
    return int(value) * 1024 * 1024


def _s3(env) -> dict:
    """The ``BOARD_S3_*`` settings, checked: where photos go when a bucket is named."""
    endpoint = env.get("BOARD_S3_ENDPOINT_URL", "").strip().rstrip("/") or None
    if endpoint and not endpoint.startswith(("http://", "https://")):
        raise ValueError(f"BOARD_S3_ENDPOINT_URL must start with http:// or https://, not {endpoint!r}")
    # S3-compatible servers (MinIO, Ceph, R2) all take path-style requests; AWS picks its own
    addressing = env.get("BOARD_S3_ADDRESSING", "").strip().lower() or ("path" if endpoint else "auto")
    if addressing not in S3_ADDRESSING:
        raise ValueError(f"BOARD_S3_ADDRESSING must be one of {', '.join(S3_ADDRESSING)}, not {addressing!r}")
    return dict(s3_bucket=env.get("BOARD_S3_BUCKET", "").strip() or None, s3_endpoint_url=endpoint,
                s3_region=env.get("BOARD_S3_REGION", "").strip() or None,
                s3_prefix=env.get("BOARD_S3_PREFIX", "").strip().strip("/"), s3_addressing=addressing)


@dataclass(frozen=True)
class Settings:
    """Every setting of the board; see README "Settings"."""

    database_url: str
    secret_key: str
    redis_url: str | None = None
    async_mode: str = "eventlet"
    allowed_origins: tuple[str, ...] = ()
    instance_dir: Path = field(default_factory=_instance_dir)
    session_cookie_secure: bool = False  # served over HTTPS: Secure cookies always, and HSTS
    proxy_hops: int = 0  # reverse proxies in front whose X-Forwarded-* headers are trusted (ProxyFix)
    write_rate: float = 20.0  # socket writes per second per connection (burst of 2x)
    login_rate: str = "10 per minute"  # sign-in attempts per client address and email (login and token together)
    login_failures_rate: str = "20 per 15 minutes"  # wrong passwords per client address, across accounts
    max_connections: int = 10_000  # connections `board serve` holds at once (eventlet's default is 1,024)
    smtp_url: str | None = None  # smtp://user:password@host:port?starttls=auto; unset: log and instance/outbox/
    mail_from: str = "Co-Learning Board <board@localhost>"
    public_url: str = "http://127.0.0.1:5000"  # where links in e-mails point (never taken from a request)
    invitation_days: int = 7
    invite_rate: str = "100 per hour"  # invitations (and resends) one admin may send
    reset_rate: str = "5 per hour"  # password-reset requests per client address and e-mail
    fanout: str = "shared-frame"  # how broadcasts reach sockets; "library": python-engineio's own sends
    attachments_dir: Path | None = None  # where photos are kept; unset: instance/attachments
    photo_max_bytes: int = 10 * 1024 * 1024  # the largest photo upload accepted (413 beyond)
    s3_bucket: str | None = None  # set: photos are kept in this bucket (board/s3.py), not attachments_dir
    s3_endpoint_url: str | None = None  # an S3-compatible service (MinIO, Ceph, R2…); unset: AWS
    s3_region: str | None = None  # unset: boto3's own (AWS_DEFAULT_REGION, ~/.aws/config)
    s3_prefix: str = ""  # keys are PREFIX/engagement/name ("" : engagement/name)
    s3_addressing: str = "auto"  # "path" (bucket in the URL's path), "virtual" (in its host) or "auto"

    @property
    def attachments_path(self) -> Path:
        """The folder of the local photo store."""
        return Path(self.attachments_dir or Path(self.instance_dir) / "attachments")

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Read the environment; ``overrides`` win (tests use them)."""
        env = os.environ
        instance = Path(overrides.pop("instance_dir", None) or _instance_dir())
        mode = env.get("BOARD_ASYNC_MODE", "eventlet").strip().lower()
        if mode not in ASYNC_MODES:
            raise ValueError(f"BOARD_ASYNC_MODE must be one of {', '.join(ASYNC_MODES)}, not {mode!r}")
        fanout = env.get("BOARD_FANOUT", "shared-frame").strip().lower()
        if fanout not in FANOUT_MODES:
            raise ValueError(f"BOARD_FANOUT must be one of {', '.join(FANOUT_MODES)}, not {fanout!r}")
        max_connections = env.get("BOARD_MAX_CONNECTIONS", "10000").strip()
        if not max_connections.isdigit() or int(max_connections) < 1:
            raise ValueError(f"BOARD_MAX_CONNECTIONS must be a whole number of at least 1, not {max_connections!r}")
        proxy_hops = env.get("BOARD_PROXY_HOPS", "0").strip()
        if not proxy_hops.isdigit() or int(proxy_hops) > 5:
            raise ValueError(f"BOARD_PROXY_HOPS must be a whole number from 0 to 5, not {proxy_hops!r}")
        invitation_days = env.get("BOARD_INVITATION_DAYS", "7").strip()
        if not invitation_days.isdigit() or not 1 <= int(invitation_days) <= 90:
            raise ValueError(f"BOARD_INVITATION_DAYS must be a whole number from 1 to 90, not {invitation_days!r}")
        public_url = env.get("BOARD_PUBLIC_URL", "").strip().rstrip("/") or (
            f"http://{env.get('BOARD_HOST', '127.0.0.1')}:{env.get('BOARD_PORT', '5000')}")
        if not public_url.startswith(("http://", "https://")):
            raise ValueError(f"BOARD_PUBLIC_URL must start with http:// or https://, not {public_url!r}")
        settings = cls(
            database_url=env.get("BOARD_DATABASE_URL") or f"sqlite:///{instance / 'board.db'}",
            secret_key=_secret_key(instance),
            redis_url=env.get("BOARD_REDIS_URL") or None,
            async_mode=mode,
            allowed_origins=_split(env.get("BOARD_ALLOWED_ORIGINS", "")),
            instance_dir=instance,
            session_cookie_secure=env.get("BOARD_COOKIE_SECURE", "") in ("1", "true", "yes"),
            proxy_hops=int(proxy_hops),
            write_rate=float(env.get("BOARD_SOCKET_WRITE_RATE", "20")),
            login_rate=env.get("BOARD_LOGIN_RATE", "10 per minute"),
            login_failures_rate=env.get("BOARD_LOGIN_FAILURES_RATE", cls.login_failures_rate),
            max_connections=int(max_connections),
            smtp_url=env.get("BOARD_SMTP_URL", "").strip() or None,
            mail_from=env.get("BOARD_MAIL_FROM", "").strip() or cls.mail_from,
            public_url=public_url,
            invitation_days=int(invitation_days),
            invite_rate=env.get("BOARD_INVITE_RATE", cls.invite_rate),
            reset_rate=env.get("BOARD_RESET_RATE", cls.reset_rate),
            fanout=fanout,
            attachments_dir=Path(env["BOARD_ATTACHMENTS_DIR"]) if env.get("BOARD_ATTACHMENTS_DIR") else None,
            photo_max_bytes=_megabytes(env.get("BOARD_PHOTO_MAX_MB", "10")),
            **_s3(env),
        )
        return replace(settings, **overrides)
