"""What a unit of work tells the world once it has committed: typed, and dropped on rollback.

Services fill it through ``board.uow.outbox()``; the publisher (``board.uow.set_publisher``) reads
it after the commit. Nothing here knows how messages travel.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Notice:
    """A notification for one person's open sockets."""

    user_id: str
    payload: dict


@dataclass(frozen=True)
class Push:
    """A Socket.IO message ``name`` for one person's open sockets."""

    user_id: str
    name: str
    payload: dict


@dataclass(frozen=True)
class Revocation:
    """Access that ended: live sockets on every process must learn it at once (``realtime.control``)."""

    kind: ClassVar[str] = ""

    def message(self) -> dict:
        """The control message: ``{"kind", ...ids}``."""
        return {"kind": self.kind, **asdict(self)}


@dataclass(frozen=True)
class SessionEnded(Revocation):
    """A browser sign-in ended: its sockets close."""

    auth_session: str
    kind: ClassVar[str] = "session_ended"


@dataclass(frozen=True)
class UserDisabled(Revocation):
    """An account was disabled: all its sockets close."""

    user: str
    kind: ClassVar[str] = "user_disabled"


@dataclass(frozen=True)
class MemberRemoved(Revocation):
    """Someone left an engagement: their sockets stop watching its boards."""

    engagement: str
    user: str
    kind: ClassVar[str] = "member_removed"


@dataclass
class OpEntry:
    """The op-log entry of an idempotent write: who sent it, its ``op_id``, and (at commit) its answer."""

    user_id: str
    op_id: str
    answer: dict | None = None


@dataclass
class Outbox:
    """Events, notices, pushes, revocations and the mail wake-up of one unit of work, in order."""

    events: list[dict] = field(default_factory=list)  # wire forms (``models.event.wire``)
    notices: list[Notice] = field(default_factory=list)
    pushes: list[Push] = field(default_factory=list)
    revocations: list[Revocation] = field(default_factory=list)
    mail: bool = False
    op: OpEntry | None = None

    @property
    def op_id(self) -> str | None:
        """The ``op_id`` of the write this unit of work applies, if it named one."""
        return self.op.op_id if self.op is not None else None

    @property
    def initiatives(self) -> list[str]:
        """The initiatives the events recorded so far belong to, in order of first appearance."""
        return list(dict.fromkeys(e["initiative"] for e in self.events if e["initiative"]))

    def has_messages(self) -> bool:
        """Whether anything must reach sockets after the commit."""
        return bool(self.events or self.notices or self.pushes or self.revocations)

    def record(self, message: dict) -> None:
        """After commit, broadcast this event (its wire form) to its board."""
        self.events.append(message)

    def notify(self, user_id: str, payload: dict) -> None:
        """After commit, push a notification to that person's live sockets."""
        self.notices.append(Notice(user_id, payload))

    def push(self, user_ids, name: str, payload: dict) -> None:
        """After commit, send a Socket.IO message ``name`` to each of these people's open sockets."""
        self.pushes.extend(Push(user_id, name, payload) for user_id in dict.fromkeys(user_ids))

    def revoke(self, revocation: Revocation) -> None:
        """After commit, tell live sockets (on every process) that access ended."""
        self.revocations.append(revocation)

    def wake_mail(self) -> None:
        """After commit, wake the mailer: this unit of work queued e-mail."""
        self.mail = True
