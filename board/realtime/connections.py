"""This process's open sockets: who is behind each, which boards it watches."""
from __future__ import annotations

from dataclasses import dataclass, field

from .ratelimit import Bucket


@dataclass
class Connection:
    """One authenticated socket."""

    sid: str
    user_id: str
    name: str
    auth_session: str | None  # the browser sign-in it came from (None for a token)
    bucket: Bucket
    boards: dict[str, tuple[str, str]] = field(default_factory=dict)  # initiative -> (engagement, side)
    revoked: bool = False


registry: dict[str, Connection] = {}
