"""Sending queued e-mail after commit: SMTP when ``BOARD_SMTP_URL`` is set, else the log and ``outbox/``.

Mail is queued in the database by the unit of work that asks for it (``services.mail.queue``); the
boundary wakes this module after the commit, and a background task delivers what is due, one message
per transaction, never holding a transaction while it talks to the mail server. A failure is logged
and retried later with a growing delay; every ``board serve`` process also sweeps the queue on a
timer, so mail queued by the CLI or left by a crash goes out too. Claims keep two processes from
sending one message twice.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from flask import Flask, current_app
from sqlalchemy import or_, select, update

from .db import read_only, session, utcnow
from .models import OutboundMail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 10
CLAIM = timedelta(minutes=2)  # a sender that died mid-send frees its message after this
SWEEP_SECONDS = 30
BATCH = 50


class SmtpTransport:
    """``smtp://[user:password@]host[:port][?starttls=auto|true|false]``, or ``smtps://`` for implicit TLS."""

    def __init__(self, url: str, timeout: float = 15):
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(f"BOARD_SMTP_URL must look like smtp://host:port or smtps://host:port, not {url!r}")
        self.implicit_tls = parts.scheme == "smtps"
        self.host, self.port = parts.hostname, parts.port or (465 if self.implicit_tls else 25)
        self.user = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.starttls = (parse_qs(parts.query).get("starttls") or ["auto"])[0].lower()
        if self.starttls not in ("auto", "true", "false"):
            raise ValueError("BOARD_SMTP_URL: starttls must be auto, true or false")
        self.timeout = timeout

    def send(self, message: EmailMessage) -> None:
        """Deliver one message to the relay (raises on any failure)."""
        context = ssl.create_default_context()
        if self.implicit_tls:
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            client.ehlo()
            if not self.implicit_tls and self.starttls != "false":
                if client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
                elif self.starttls == "true":
                    raise smtplib.SMTPException("the server does not offer STARTTLS (starttls=true)")
            if self.user:
                client.login(self.user, self.password or "")
            client.send_message(message)


class OutboxTransport:
    """No mail server configured: each message goes to the log and to ``instance/outbox/<id>.eml``."""

    def __init__(self, folder: Path):
        self.folder = folder

    def send(self, message: EmailMessage) -> None:
        """Write the message where one person running the board can read it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{utcnow():%Y%m%dT%H%M%S}-{message['X-Board-Mail-Id']}.eml"
        (self.folder / name).write_bytes(bytes(message))
        body = message.get_body(("plain",))
        log.warning("e-mail to %s (no BOARD_SMTP_URL; kept in %s): %s\n%s", message["To"], self.folder / name,
                    message["Subject"], body.get_content() if body else "")


def transport_for(app: Flask):
    """The app's transport, made once."""
    transport = app.extensions.get("board_mail_transport")
    if transport is None:
        settings = app.config["BOARD"]
        transport = SmtpTransport(settings.smtp_url) if settings.smtp_url else OutboxTransport(
            Path(settings.instance_dir) / "outbox")
        app.extensions["board_mail_transport"] = transport
    return transport


def _unclaimed(now):
    """Queued, and no sender holds it (or the one that did gave up its claim by dying)."""
    return (OutboundMail.status == "queued") & or_(OutboundMail.claimed_until.is_(None), OutboundMail.claimed_until < now)


def _due(now, everything: bool):
    query = select(OutboundMail.id).where(_unclaimed(now))
    if not everything:
        query = query.where(OutboundMail.next_attempt_at <= now)
    return query.order_by(OutboundMail.created_at).limit(BATCH)


def _claim(mail_id: str, now) -> OutboundMail | None:
    """Take one message for this sender, or ``None`` when another sender has it."""
    taken = session.execute(
        update(OutboundMail).where(OutboundMail.id == mail_id, _unclaimed(now))
        .values(claimed_until=now + CLAIM, attempts=OutboundMail.attempts + 1)
    ).rowcount
    return session.get(OutboundMail, mail_id, populate_existing=True) if taken == 1 else None


def _settle(mail_id: str, error: Exception | None) -> None:
    """Record how one delivery went: sent, retried later, or given up."""
    mail = session.get(OutboundMail, mail_id, populate_existing=True)
    now = utcnow()
    mail.claimed_until = None
    if error is None:
        mail.status, mail.sent_at, mail.last_error = "sent", now, None
    else:
        mail.last_error = f"{type(error).__name__}: {error}"[:500]
        if mail.attempts >= MAX_ATTEMPTS:
            mail.status = "failed"
        else:
            mail.next_attempt_at = now + timedelta(minutes=min(60, 2 ** (mail.attempts - 1)))
    session.commit()


def deliver_due(everything: bool = False) -> int:
    """Try each queued message that is due once (``everything``: due or not); answers how many went out."""
    from .services.mail import compose

    sent, tried = 0, set()
    while True:
        read_only()
        ids = [i for i in session.scalars(_due(utcnow(), everything)) if i not in tried]
        session.rollback()
        if not ids:
            return sent
        tried.update(ids)
        for mail_id in ids:
            mail = _claim(mail_id, utcnow())
            if mail is None:
                session.rollback()
                continue
            message = compose(mail, current_app.config["BOARD"].mail_from)
            if message is None:
                mail.status, mail.claimed_until = "dropped", None
            to_email, attempt = mail.to_email, mail.attempts
            session.commit()
            if message is None:
                continue
            try:
                transport_for(current_app).send(message)
            except Exception as exc:  # the relay is down or refused it: keep it and say why
                log.warning("e-mail %s to %s not sent (attempt %s): %s", mail_id, to_email, attempt, exc)
                _settle(mail_id, exc)
            else:
                _settle(mail_id, None)
                sent += 1


class _Courier:
    """At most one delivery task per process at a time; a wake during a run makes it go round again."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = False
        self.again = False
        self.idle = threading.Event()
        self.idle.set()

    def wake(self, app: Flask) -> None:
        with self.lock:
            if self.running:
                self.again = True
                return
            self.running, self.again = True, False
            self.idle.clear()
        app.extensions["socketio"].start_background_task(self._run, app)

    def _run(self, app: Flask) -> None:
        while True:
            try:
                with app.app_context():
                    deliver_due()
            except Exception:  # never let the task die silently: the sweep tries again
                log.exception("e-mail delivery failed")
            finally:
                session.remove()
            with self.lock:
                if not self.again:
                    self.running = False
                    self.idle.set()
                    return
                self.again = False


_courier = _Courier()


def wake() -> None:
    """After a commit that queued mail: deliver it in the background (in this request's app)."""
    _courier.wake(current_app._get_current_object())


def wait_idle(timeout: float = 10) -> bool:
    """Wait until this process's delivery task has finished (tests, shutdown)."""
    return _courier.idle.wait(timeout)


def sweep_forever(app: Flask) -> None:
    """``board serve``: deliver due mail now and every ``SWEEP_SECONDS`` (retries, CLI-queued mail)."""
    socketio = app.extensions["socketio"]
    while True:
        _courier.wake(app)
        socketio.sleep(SWEEP_SECONDS)
