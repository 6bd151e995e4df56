"""Settings, read once from ``BOARD_*`` environment variables."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

ASYNC_MODES = ("eventlet", "gevent", "threading")


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


@dataclass(frozen=True)
class Settings:
    """Every setting of the board; see README "Settings"."""

    database_url: str
    secret_key: str
    redis_url: str | None = None
    async_mode: str = "eventlet"
    allowed_origins: tuple[str, ...] = ()
    instance_dir: Path = field(default_factory=_instance_dir)
    session_cookie_secure: bool = False
    write_rate: float = 20.0  # socket writes per second per connection (burst of 2x)
    login_rate: str = "10 per minute"  # sign-in attempts per client address and email
    max_connections: int = 10_000  # connections `board serve` holds at once (eventlet's default is 1,024)

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Read the environment; ``overrides`` win (tests use them)."""
        env = os.environ
        instance = Path(overrides.pop("instance_dir", None) or _instance_dir())
        mode = env.get("BOARD_ASYNC_MODE", "eventlet").strip().lower()
        if mode not in ASYNC_MODES:
            raise ValueError(f"BOARD_ASYNC_MODE must be one of {', '.join(ASYNC_MODES)}, not {mode!r}")
        max_connections = env.get("BOARD_MAX_CONNECTIONS", "10000").strip()
        if not max_connections.isdigit() or int(max_connections) < 1:
            raise ValueError(f"BOARD_MAX_CONNECTIONS must be a whole number of at least 1, not {max_connections!r}")
        settings = cls(
            database_url=env.get("BOARD_DATABASE_URL") or f"sqlite:///{instance / 'board.db'}",
            secret_key=_secret_key(instance),
            redis_url=env.get("BOARD_REDIS_URL") or None,
            async_mode=mode,
            allowed_origins=_split(env.get("BOARD_ALLOWED_ORIGINS", "")),
            instance_dir=instance,
            session_cookie_secure=env.get("BOARD_COOKIE_SECURE", "") in ("1", "true", "yes"),
            write_rate=float(env.get("BOARD_SOCKET_WRITE_RATE", "20")),
            login_rate=env.get("BOARD_LOGIN_RATE", "10 per minute"),
            max_connections=int(max_connections),
        )
        return replace(settings, **overrides)
