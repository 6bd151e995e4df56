"""Invitations through HTTP, with the e-mail read from a real SMTP server: nobody joins without accepting."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import update

from board import db, uow
from board.db import utcnow
from board.models import Invitation
from tests.mailbox import link_in, text_of
from tests.support.api import ApiClient, error, expect
from tests.support.authz import ENDPOINTS, MATRIX_PERSONAS, Ctx

NEW_PASSWORD = "a-long-new-password"


@pytest.fixture
def settings(settings, mailbox):
    """The app sends through the test's SMTP server; links point at the board's public address."""
    return replace(settings, smtp_url=mailbox.url, public_url="https://board.example")


def invite(w, email, side="provider", roles=("member",), by=None):
    return expect((by or w.buyer_admin).post(f"/engagements/{w.engagement}/invitations",
                                             {"email": email, "side": side, "roles": list(roles)}), 201)


def token_of(link: str) -> str:
    return link.rsplit("/", 1)[1]


def emailed_token(mailbox, email: str, count: int = 1) -> str:
    message = mailbox.wait_for(email, count)[-1]
    return token_of(link_in(message, "/invite/"))


def engagement_log(w) -> list[dict]:
    return expect(w.buyer_admin.get(f"/engagements/{w.engagement}/events"), 200)


def test_a_new_person_gets_the_email_creates_the_account_and_joins_by_accepting(world, mailbox, app, anonymous):
    w = world
    answer = invite(w, "Nora.New@Partner.example", side="provider", roles=["member", "facilitator"])
    assert answer["email"] == "nora.new@partner.example" and answer["status"] == "pending"
    assert answer["side"] == "provider" and answer["roles"] == ["member", "facilitator"]
    assert answer["link"].startswith("https://board.example/invite/") and answer["expires_at"]

    message = mailbox.wait_for("nora.new@partner.example")[0]
    assert message["Subject"] == "Buyer Admin invites you to Collections on Co-Learning Board"
    assert "provider side (CallCo)" in text_of(message) and message.get_body(("html",)) is not None
    token = token_of(link_in(message, "/invite/"))
    assert link_in(message, "/invite/") == answer["link"]

    preview = expect(anonymous.get(f"/invitations/{token}"), 200)
    assert preview == {
        "engagement": {"name": "Collections", "buyer_name": "Fincorp", "provider_name": "CallCo"},
        "email": "nora.new@partner.example", "side": "provider", "roles": ["member", "facilitator"],
        "status": "pending", "expires_at": answer["expires_at"], "invited_by": {"name": "Buyer Admin"},
        "account_exists": False,
    }
    # the account is made from the link, with the password rules checked first
    error(anonymous.post(f"/invitations/{token}/accept", {"name": "Nora New", "password": "short"}), 422, field="password")
    error(anonymous.post(f"/invitations/{token}/accept", {"name": "Nora New", "password": "nora.new@partner.example"}),
          422, field="password")
    assert expect(anonymous.get(f"/invitations/{token}"), 200)["status"] == "pending"
    joined = expect(anonymous.post(f"/invitations/{token}/accept", {"name": "Nora New", "password": NEW_PASSWORD}), 200)
    assert joined["engagement"]["id"] == w.engagement and joined["engagement"]["side"] == "provider"
    assert joined["engagement"]["roles"] == ["member", "facilitator"] and joined["user"]["name"] == "Nora New"

    nora = ApiClient(anonymous.client, csrf=joined["csrf_token"])  # signed in by the acceptance's cookie
    me = expect(nora.get("/me"), 200)
    assert [e["id"] for e in me["engagements"]] == [w.engagement] and me["invitations"] == []
    expect(nora.post(f"/initiatives/{w.initiative}/cards", {"kind": "observation", "text": "Day one"}), 201)
    members = expect(w.buyer_admin.get(f"/engagements/{w.engagement}"), 200)["members"]
    assert {"name": "Nora New", "side": "provider", "roles": ["member", "facilitator"]} in [
        {"name": m["user"]["name"], "side": m["side"], "roles": m["roles"]} for m in members]
    # once: the link is spent
    error(nora.post(f"/invitations/{token}/accept", {}), 409, "invitation_answered")
    error(nora.post(f"/invitations/{token}/decline"), 409, "invitation_answered")
    listed = expect(w.buyer_admin.get(f"/engagements/{w.engagement}/invitations"), 200)[0]
    assert listed["status"] == "accepted" and listed["link"] is None and listed["email_status"] == "sent"
    kinds = [(e["type"], e["actor"]["name"] if e["actor"] else None) for e in engagement_log(w)][:2]
    assert kinds == [("invitation.accepted", "Nora New"), ("invitation.created", "Buyer Admin")]
    # and the new account signs in with its password like anyone
    expect(ApiClient(app.test_client()).post("/auth/login", {"email": "nora.new@partner.example",
                                                              "password": NEW_PASSWORD}), 200)


def _member_reads(ctx: Ctx) -> list[str]:
    """Every read the authorization matrix lets a member make of the engagement's resources."""
    member = next(p for p in MATRIX_PERSONAS if p.name == "provider")
    return [ep.path.format(**ctx.ids) for ep in ENDPOINTS
            if ep.method == "GET" and "{" in ep.path and "{token}" not in ep.path and ep.rule(member) == 200]


def test_before_accepting_an_invitee_gets_404_for_everything_of_the_engagement(
        app, world, make_user, client_for, anonymous, add_member, mailbox):
    ctx = Ctx(app, world, make_user, client_for, anonymous, add_member)
    make_user("kim@partner.example", "Kim Known")
    kim = client_for("kim@partner.example")
    invitation = invite(world, "kim@partner.example")
    reads = _member_reads(ctx)
    assert len(reads) > 30
    for path in reads:
        error(kim.get(path), 404, "not_found")
    error(kim.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 404)
    assert world.engagement not in {e["id"] for e in expect(kim.get("/engagements"), 200)}
    mine = expect(kim.get("/me"), 200)["invitations"]
    assert [(i["id"], i["engagement"]["name"], i["side"]) for i in mine] == [(invitation["id"], "Collections", "provider")]
    # after saying yes, the same reads answer
    expect(kim.post(f"/me/invitations/{invitation['id']}/accept"), 200)
    for path in reads:
        expect(kim.get(path), 200)


def test_invite_and_forgot_password_answer_the_same_whether_or_not_the_email_has_an_account(
        world, make_user, anonymous, mailbox):
    make_user("has.account@partner.example", "Has Account")
    answers = [world.buyer_admin.post(f"/engagements/{world.engagement}/invitations",
                                      {"email": email, "side": "buyer", "roles": ["member"]})
               for email in ("has.account@partner.example", "no.account@partner.example")]

    def normalised(r):
        body = r.get_json()
        assert set(body) == {"id", "engagement_id", "email", "side", "roles", "status", "created_at", "expires_at",
                             "answered_at", "invited_by", "link", "email_status", "email_error"}
        return r.status_code, {k: v for k, v in body.items() if k not in ("id", "email", "link", "created_at",
                                                                          "expires_at")}

    assert normalised(answers[0]) == normalised(answers[1]) and answers[0].status_code == 201
    assert sorted(answers[0].headers.keys()) == sorted(answers[1].headers.keys())
    for email in ("has.account@partner.example", "no.account@partner.example"):
        assert "/invite/" in text_of(mailbox.wait_for(email)[0])

    # from two addresses, so that neither sees the other's count in its rate-limit headers
    resets = [anonymous.post("/auth/password-reset", {"email": email}, environ_base={"REMOTE_ADDR": address})
              for email, address in (("has.account@partner.example", "192.0.2.1"), ("nobody@partner.example", "192.0.2.2"))]
    varying = {"Date", "X-RateLimit-Reset", "Retry-After"}
    assert [r.status_code for r in resets] == [202, 202]
    assert resets[0].get_data() == resets[1].get_data()
    assert [(k, v) for k, v in resets[0].headers.items() if k not in varying] == \
           [(k, v) for k, v in resets[1].headers.items() if k not in varying]
    # only the mailboxes learn which was which
    assert "/reset-password?token=" in text_of(mailbox.wait_for("has.account@partner.example", 2)[-1])
    assert "no active account uses this address" in " ".join(text_of(mailbox.wait_for("nobody@partner.example")[0]).split())


def test_a_token_works_once_expires_and_a_revoked_or_stolen_one_changes_nothing(world, make_user, client_for, app,
                                                                              anonymous, mailbox):
    w = world
    make_user("thief@elsewhere.example", "Thief")
    thief = client_for("thief@elsewhere.example")
    make_user("owner@partner.example", "Owner")
    owner = client_for("owner@partner.example")
    invitation = invite(w, "owner@partner.example")
    token = emailed_token(mailbox, "owner@partner.example")
    before = engagement_log(w)
    err = error(thief.post(f"/invitations/{token}/accept"), 403, "wrong_account")
    assert "owner@partner.example" in err["message"] and "thief@elsewhere.example" in err["message"]
    error(thief.post(f"/invitations/{token}/decline"), 403, "wrong_account")
    error(thief.post(f"/me/invitations/{invitation['id']}/accept"), 404)
    assert engagement_log(w) == before and expect(thief.get("/engagements"), 200) == []
    assert expect(anonymous.get(f"/invitations/{token}"), 200)["status"] == "pending"
    # signed out, the link cannot be used to take over an existing account
    error(anonymous.post(f"/invitations/{token}/accept", {"name": "Thief", "password": NEW_PASSWORD}), 409,
          "account_exists")

    # resending makes a new link: the old one stops working
    resent = expect(w.buyer_admin.post(f"/invitations/{invitation['id']}/resend"), 200)
    new_token = emailed_token(mailbox, "owner@partner.example", 2)
    assert new_token != token and token_of(resent["link"]) == new_token
    error(anonymous.get(f"/invitations/{token}"), 404, "not_found")

    # revoked: the link shows it, and cannot be accepted
    expect(w.buyer_admin.delete(f"/invitations/{invitation['id']}"), 200)
    assert expect(anonymous.get(f"/invitations/{new_token}"), 200)["status"] == "revoked"
    error(owner.post(f"/invitations/{new_token}/accept"), 409, "invitation_revoked")
    error(w.buyer_admin.delete(f"/invitations/{invitation['id']}"), 409, "not_pending")
    assert expect(owner.get("/me"), 200)["invitations"] == []

    # expired: seven days on, nothing can be done with it
    late = invite(w, "late@partner.example")
    late_token = emailed_token(mailbox, "late@partner.example")
    with app.app_context():
        db.session.execute(update(Invitation).where(Invitation.id == late["id"])
                           .values(expires_at=utcnow() - timedelta(seconds=1)))  # seven days later
        uow.commit()
    assert expect(anonymous.get(f"/invitations/{late_token}"), 200)["status"] == "expired"
    error(anonymous.post(f"/invitations/{late_token}/accept", {"name": "Late", "password": NEW_PASSWORD}), 409,
          "invitation_expired")
    listed = {i["email"]: i for i in expect(w.buyer_admin.get(f"/engagements/{w.engagement}/invitations"), 200)}
    assert listed["late@partner.example"]["status"] == "expired" and listed["late@partner.example"]["link"] is None
    # an expired invitation can be sent again
    expect(w.buyer_admin.post(f"/invitations/{late['id']}/resend"), 200)
    assert expect(anonymous.get(f"/invitations/{emailed_token(mailbox, 'late@partner.example', 2)}"), 200)["status"] \
        == "pending"
    # made-up tokens name nothing
    for made_up in ("x" * 43, "short", "A" * 99):
        error(anonymous.get(f"/invitations/{made_up}"), 404, "not_found")


def test_a_signed_in_invitee_accepts_or_declines_from_their_own_list(world, make_user, client_for, mailbox):
    w = world
    make_user("sam@partner.example", "Sam Signed")
    sam = client_for("sam@partner.example")
    first = invite(w, "sam@partner.example", side="buyer", roles=["member", "sponsor"])
    other_eng = expect(w.outsider.post(f"/engagements/{w.other_engagement}/invitations",
                                       {"email": "sam@partner.example", "side": "buyer"}), 201)
    listed = expect(sam.get("/me"), 200)["invitations"]
    assert {i["id"] for i in listed} == {first["id"], other_eng["id"]}
    assert next(i for i in listed if i["id"] == first["id"])["invited_by"]["name"] == "Buyer Admin"
    declined = expect(sam.post(f"/me/invitations/{other_eng['id']}/decline"), 200)
    assert declined["status"] == "declined"
    assert expect(w.outsider.get(f"/engagements/{w.other_engagement}/invitations"), 200)[0]["status"] == "declined"
    joined = expect(sam.post(f"/me/invitations/{first['id']}/accept"), 200)
    assert (joined["engagement"]["side"], joined["engagement"]["roles"]) == ("buyer", ["member", "sponsor"])
    assert expect(sam.get("/me"), 200)["invitations"] == []
    error(sam.post(f"/me/invitations/{first['id']}/accept"), 409, "invitation_answered")
    # someone already in is not invited again; nor is someone already invited
    error(w.buyer_admin.post(f"/engagements/{w.engagement}/invitations", {"email": "SAM@partner.example",
                                                                           "side": "buyer"}), 409, "already_member")
    invite(w, "twice@partner.example")
    error(w.buyer_admin.post(f"/engagements/{w.engagement}/invitations", {"email": "twice@partner.example",
                                                                           "side": "buyer"}), 409, "already_invited")


def test_only_admins_invite_and_manage_invitations(world, mailbox):
    w = world
    for persona in ("buyer", "sponsor", "provider", "facilitator"):
        client = getattr(w, persona)
        error(client.post(f"/engagements/{w.engagement}/invitations", {"email": "x@partner.example",
                                                                       "side": "buyer"}), 403)
        error(client.get(f"/engagements/{w.engagement}/invitations"), 403)
    error(w.viewer.post(f"/engagements/{w.engagement}/invitations", {"email": "x@partner.example", "side": "buyer"}), 403)
    error(w.outsider.post(f"/engagements/{w.engagement}/invitations", {"email": "x@partner.example",
                                                                       "side": "buyer"}), 404)
    assert expect(w.buyer_admin.get(f"/engagements/{w.engagement}/invitations"), 200) == []
    assert mailbox.messages == []


def test_roles_change_members_leave_and_the_last_admin_stays(world, make_user, client_for, mailbox):
    w = world
    provider_id = w.users["provider"]
    changed = expect(w.buyer_admin.patch(f"/engagements/{w.engagement}/members/{provider_id}",
                                         {"roles": ["member", "facilitator"]}), 200)
    assert changed["roles"] == ["member", "facilitator"] and changed["side"] == "provider"
    error(w.buyer_admin.patch(f"/engagements/{w.engagement}/members/{provider_id}", {"roles": ["sponsor"]}), 422,
          field="roles")
    error(w.buyer.patch(f"/engagements/{w.engagement}/members/{provider_id}", {"roles": ["admin"]}), 403)
    admin_id = next(m["user"]["id"] for m in expect(w.buyer_admin.get(f"/engagements/{w.engagement}"), 200)["members"]
                    if "admin" in m["roles"])
    error(w.buyer_admin.patch(f"/engagements/{w.engagement}/members/{admin_id}", {"roles": ["member"]}), 409,
          "last_admin")
    error(w.buyer_admin.delete(f"/engagements/{w.engagement}/members/{admin_id}"), 409, "last_admin")
    # a second admin, then the first may step down and leave
    expect(w.buyer_admin.patch(f"/engagements/{w.engagement}/members/{w.users['buyer']}",
                               {"roles": ["member", "admin"]}), 200)
    expect(w.buyer_admin.delete(f"/engagements/{w.engagement}/members/{admin_id}"), 204)
    error(w.buyer_admin.get(f"/engagements/{w.engagement}"), 404)
    expect(w.buyer.delete(f"/engagements/{w.engagement}/members/{w.users['viewer']}"), 204)
    log = [(e["type"], e["data"].get("name")) for e in expect(w.buyer.get(f"/engagements/{w.engagement}/events"), 200)]
    assert log[:4] == [("member.removed", "Viewer"), ("member.left", "Buyer Admin"),
                       ("member.roles_changed", "Buyer"), ("member.roles_changed", "Provider")]


def test_rate_limits_on_invitations_and_password_resets(world, app, anonymous, mailbox):
    app.config["BOARD"] = replace(app.config["BOARD"], invite_rate="2 per hour")
    for n in range(2):
        invite(world, f"burst{n}@partner.example")
    err = error(world.buyer_admin.post(f"/engagements/{world.engagement}/invitations",
                                       {"email": "burst2@partner.example", "side": "buyer"}), 429)
    assert "wait" in err["message"]
    assert "burst2@partner.example" not in {i["email"] for i in expect(
        world.buyer_admin.get(f"/engagements/{world.engagement}/invitations"), 200)}
    for _ in range(5):
        expect(anonymous.post("/auth/password-reset", {"email": "buyer@example.com"}), 202)
    error(anonymous.post("/auth/password-reset", {"email": "buyer@example.com"}), 429)
    assert len(mailbox.wait_for("buyer@example.com", 5)) == 5


def test_the_checklist_ticks_itself_from_recorded_facts(world, client_for, make_user, mailbox):
    fresh = client_for("outsider@example.com")
    eng = expect(fresh.post("/engagements", {"name": "New", "buyer_name": "B", "provider_name": "P",
                                             "side": "buyer"}), 201)["id"]

    def done():
        return {s["key"] for s in expect(fresh.get(f"/engagements/{eng}/checklist"), 200)["steps"] if s["done"]}

    first = expect(fresh.get(f"/engagements/{eng}/checklist"), 200)
    assert (first["done"], first["total"]) == (0, 6) and first["steps"][0]["title"] == "Invite the provider side"
    invitation = expect(fresh.post(f"/engagements/{eng}/invitations", {"email": "provider@example.com",
                                                                       "side": "provider"}), 201)
    assert done() == set()  # an invitation is not a member
    provider = client_for("provider@example.com")
    expect(provider.post(f"/me/invitations/{invitation['id']}/accept"), 200)
    assert done() == {"members"}
    ini = expect(fresh.post(f"/engagements/{eng}/initiatives", {"title": "First"}), 201)["id"]
    expect(fresh.post(f"/initiatives/{ini}/kpis", {"name": "Cost"}), 201)
    expect(fresh.post(f"/initiatives/{ini}/kpis/agree"), 200)
    assert done() == {"members", "initiative"}
    expect(provider.post(f"/initiatives/{ini}/kpis/agree"), 200)
    grant = expect(fresh.post(f"/initiatives/{ini}/access-grants", {"scope": "process"}), 201)
    expect(provider.post(f"/initiatives/{ini}/shadowing-sessions", {"host": "Ann"}), 201)
    expect(provider.post(f"/initiatives/{ini}/cards", {"kind": "experiment", "title": "Try"}), 201)
    assert expect(fresh.get(f"/engagements/{eng}/checklist"), 200)["done"] == 6
    expect(fresh.post(f"/access-grants/{grant['id']}/revoke"), 200)
    assert "grant" not in done()
