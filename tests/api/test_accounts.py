"""Accounts through HTTP: forgot password by e-mail (read from a real SMTP server), profile and password rules."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from board import db, mailer, uow
from board.db import utcnow
from board.models import OutboundMail, PasswordReset
from tests.mailbox import Mailbox, link_in, text_of
from tests.support.api import PASSWORD, ApiClient, error, expect

NEW_PASSWORD = "a-long-new-password"
BOARD = Path(sys.executable).with_name("board")


@pytest.fixture
def settings(settings, mailbox):
    return replace(settings, smtp_url=mailbox.url)


def reset_token(mailbox, email: str, count: int = 1) -> str:
    return link_in(mailbox.wait_for(email, count)[-1], "/reset-password?token=").split("token=", 1)[1]


def test_forgot_password_sets_a_new_one_once_and_signs_the_other_browsers_out(world, browser_for, anonymous, mailbox, app):
    elsewhere = browser_for("buyer@example.com")
    expect(elsewhere.get("/me"), 200)
    expect(anonymous.post("/auth/password-reset", {"email": "BUYER@example.com"}), 202)
    message = mailbox.wait_for("buyer@example.com")[0]
    assert message["Subject"] == "Set a new password for Co-Learning Board"
    token = reset_token(mailbox, "buyer@example.com")
    # the rules first: nothing changes on a weak password
    for weak in ("short", "aaaaaaaaaaaaaa", "password1234", "buyer@example.com"):
        error(anonymous.post("/auth/password-reset/confirm", {"token": token, "password": weak}), 422, field="password")
    expect(ApiClient(app.test_client()).post("/auth/login", {"email": "buyer@example.com", "password": PASSWORD}), 200)

    signed_in = expect(anonymous.post("/auth/password-reset/confirm", {"token": token, "password": NEW_PASSWORD}), 200)
    assert signed_in["user"]["email"] == "buyer@example.com" and signed_in["csrf_token"]
    expect(ApiClient(anonymous.client).get("/me"), 200)  # this browser is signed in
    error(elsewhere.get("/me"), 401)  # the other browser is not
    error(ApiClient(app.test_client()).post("/auth/login", {"email": "buyer@example.com", "password": PASSWORD}), 401)
    expect(ApiClient(app.test_client()).post("/auth/login", {"email": "buyer@example.com", "password": NEW_PASSWORD}), 200)
    # once
    error(ApiClient(app.test_client()).post("/auth/password-reset/confirm", {"token": token, "password": "another-long-one"}),
          404, "not_found")


def test_a_reset_link_expires_after_an_hour_and_using_one_spends_the_others(world, anonymous, mailbox, app):
    for _ in range(2):
        expect(anonymous.post("/auth/password-reset", {"email": "provider@example.com"}), 202)
    first, second = (link_in(m, "token=").split("token=", 1)[1] for m in mailbox.wait_for("provider@example.com", 2))
    assert first != second
    expect(ApiClient(app.test_client()).post("/auth/password-reset/confirm", {"token": second, "password": NEW_PASSWORD}),
           200)
    error(ApiClient(app.test_client()).post("/auth/password-reset/confirm", {"token": first, "password": "yet-another-one"}),
          404)
    expect(anonymous.post("/auth/password-reset", {"email": "provider@example.com"}), 202)
    late = reset_token(mailbox, "provider@example.com", 3)
    with app.app_context():
        db.session.execute(update(PasswordReset).where(PasswordReset.used_at.is_(None))
                           .values(expires_at=utcnow() - timedelta(seconds=1)))  # an hour later
        uow.commit()
    err = error(ApiClient(app.test_client()).post("/auth/password-reset/confirm", {"token": late, "password": "too-late-now"}),
                404)
    assert "expired" in err["message"]


def test_a_disabled_account_gets_no_reset_link(world, anonymous, mailbox, app):
    with app.app_context():
        from board.services import accounts

        accounts.set_disabled(accounts.find_user("viewer@example.com"), True)
        uow.commit()
    expect(anonymous.post("/auth/password-reset", {"email": "viewer@example.com"}), 202)
    assert "/reset-password" not in text_of(mailbox.wait_for("viewer@example.com")[0])


def test_people_change_their_name_and_password(world, browser_for, app, anonymous):
    me = browser_for("provider@example.com")
    other = browser_for("provider@example.com")
    renamed = expect(me.patch("/me", {"name": "  Pat Provider  "}), 200)
    assert renamed["name"] == "Pat Provider"
    members = expect(world.buyer.get(f"/engagements/{world.engagement}"), 200)["members"]
    assert "Pat Provider" in {m["user"]["name"] for m in members}
    error(me.patch("/me", {"password": NEW_PASSWORD, "current_password": "not-it"}), 422, field="current_password")
    error(me.patch("/me", {"password": NEW_PASSWORD}), 422, field="current_password")
    error(me.patch("/me", {"current_password": PASSWORD}), 422, field="password")
    error(me.patch("/me", {"password": "pat provider", "current_password": PASSWORD}), 422, field="password")
    error(me.patch("/me", {"password": "12345", "current_password": PASSWORD}), 422, field="password")
    expect(me.patch("/me", {"password": NEW_PASSWORD, "current_password": PASSWORD}), 200)
    expect(me.get("/me"), 200)  # this browser stays signed in
    error(other.get("/me"), 401)  # the other one is signed out
    expect(ApiClient(app.test_client()).post("/auth/login", {"email": "provider@example.com",
                                                              "password": NEW_PASSWORD}), 200)
    error(anonymous.patch("/me", {"name": "x"}), 401)


def test_sending_never_fails_a_request_and_a_failed_e_mail_is_retried(app, world, database_url, tmp_path, mailbox):
    """With the mail server down the invitation is made (201) and its e-mail waits; ``board mail send``
    delivers it once the server is back."""
    mailbox.stop()
    app.config["BOARD"] = replace(app.config["BOARD"], smtp_url=mailbox.url)
    app.extensions.pop("board_mail_transport", None)
    answer = expect(world.buyer_admin.post(f"/engagements/{world.engagement}/invitations",
                                           {"email": "later@partner.example", "side": "provider"}), 201)
    assert mailer.wait_idle()
    listed = expect(world.buyer_admin.get(f"/engagements/{world.engagement}/invitations"), 200)[0]
    assert listed["email_status"] == "queued" and "Connection refused" in listed["email_error"], listed
    with app.app_context():
        mail = db.session.scalar(select(OutboundMail).where(OutboundMail.ref_id == answer["id"]))
        assert mail.attempts == 1 and mail.next_attempt_at > utcnow()
        db.session.rollback()

    back = Mailbox(port=int(mailbox.url.rsplit(":", 1)[1])).start()
    try:
        env = {"BOARD_DATABASE_URL": database_url, "BOARD_INSTANCE_DIR": str(tmp_path), "BOARD_SECRET_KEY": "test-secret",
               "BOARD_SMTP_URL": mailbox.url, "BOARD_ASYNC_MODE": "threading", "PATH": "/usr/bin:/bin"}
        command = [str(BOARD)] if BOARD.exists() else [sys.executable, "-m", "board.cli"]
        done = subprocess.run([*command, "mail", "send"], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "1 e-mail(s) sent" in done.stderr
        message = back.wait_for("later@partner.example")[0]
        assert link_in(message, "/invite/") == answer["link"]
    finally:
        back.stop()
    listed = expect(world.buyer_admin.get(f"/engagements/{world.engagement}/invitations"), 200)[0]
    assert (listed["email_status"], listed["email_error"]) == ("sent", None)


def test_an_invitation_answered_before_its_e_mail_went_out_is_not_sent(app, world, client_for, make_user, mailbox):
    mailbox.stop()
    app.config["BOARD"] = replace(app.config["BOARD"], smtp_url=mailbox.url)
    app.extensions.pop("board_mail_transport", None)
    make_user("quick@partner.example", "Quick")
    quick = client_for("quick@partner.example")
    invitation = expect(world.buyer_admin.post(f"/engagements/{world.engagement}/invitations",
                                               {"email": "quick@partner.example", "side": "buyer"}), 201)
    assert mailer.wait_idle()
    expect(quick.post(f"/me/invitations/{invitation['id']}/accept"), 200)
    with app.app_context():
        assert mailer.deliver_due(everything=True) == 0
        mail = db.session.scalar(select(OutboundMail).where(OutboundMail.ref_id == invitation["id"]))
        assert mail.status == "dropped"
        db.session.rollback()


def test_a_bad_smtp_url_stops_the_start_with_its_reason(tmp_path):
    env = {"BOARD_INSTANCE_DIR": str(tmp_path), "BOARD_SMTP_URL": "mailto://nowhere", "PATH": "/usr/bin:/bin",
           "BOARD_ASYNC_MODE": "threading"}
    command = [str(BOARD)] if BOARD.exists() else [sys.executable, "-m", "board.cli"]
    done = subprocess.run([*command, "mail", "send"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "BOARD_SMTP_URL must look like smtp://host:port" in done.stderr
    assert "Traceback" not in done.stderr
