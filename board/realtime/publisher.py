"""What happens after a commit: a unit of work's outbox handed to sockets and the mailer.

The app registers ``publish`` with ``board.uow.set_publisher`` at start-up; the unit of work calls
it once the transaction has committed, in commit order.
"""
from __future__ import annotations

from .. import mailer
from ..outbox import Outbox
from . import broadcaster, control


def publish(box: Outbox) -> None:
    """Broadcast the events to their boards, push notices and messages to people, apply revocations
    on every process and wake the mailer."""
    if box.events:
        broadcaster.publish([e for e in box.events if e["initiative"]])
    for notice in box.notices:
        broadcaster.notify(notice.user_id, notice.payload)
    for push in box.pushes:
        broadcaster.to_user(push.user_id, push.name, push.payload)
    if box.revocations:
        control.publish([r.message() for r in box.revocations])
    if box.mail:
        mailer.wake()
