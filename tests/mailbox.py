"""A real SMTP server in the test process (aiosmtpd), and reading what arrived at it."""
from __future__ import annotations

import re
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.realtime.harness import free_port

LINK = re.compile(r"https?://\S+")


class Mailbox:
    """An SMTP server on 127.0.0.1; every message it accepts is kept in ``messages``."""

    def __init__(self, port: int = 0):
        self.messages: list[EmailMessage] = []
        self._arrived = threading.Condition()
        self.controller = Controller(self, hostname="127.0.0.1", port=port or free_port())

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.controller.port}"

    def start(self) -> "Mailbox":
        self.controller.start()
        self.running = True
        return self

    def stop(self) -> None:
        """Stop listening (the port stays ours to start on again); stopping twice is fine."""
        if getattr(self, "running", False):
            self.controller.stop()
            self.running = False

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        """The messages that arrived for ``address`` so far."""
        return [m for m in self.messages if address.lower() in m["X-Envelope-To"].lower()]

    def wait_for(self, address: str, count: int = 1, timeout: float = 10) -> list[EmailMessage]:
        """Wait until ``count`` messages for ``address`` arrived; all of them."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.to(address)) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"{len(self.to(address))} of {count} e-mails to {address} arrived within {timeout}s"
                self._arrived.wait(left)
            return self.to(address)


def text_of(message: EmailMessage) -> str:
    """The plain-text body of a message."""
    return message.get_body(("plain",)).get_content()


def link_in(message: EmailMessage, contains: str) -> str:
    """The first link of the message's text that contains ``contains``."""
    links = [u for u in LINK.findall(text_of(message)) if contains in u]
    assert links, f"no link with {contains!r} in: {text_of(message)}"
    return links[0]
