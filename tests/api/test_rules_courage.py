"""Access grants (SPEC §2, the courage power-up): buyer members grant and revoke; customer contact
and customer experiments need a live ``customers`` grant."""
from datetime import datetime, timedelta, timezone

from board import db, uow
from board.models import AccessGrant
from tests.support.api import error, expect, log


def grants(world):
    return expect(world.provider.get(f"/initiatives/{world.initiative}/access-grants"), 200)


def sessions(world):
    return expect(world.provider.get(f"/initiatives/{world.initiative}/shadowing-sessions"), 200)


def grant(world, scope, client=None, **extra):
    return expect((client or world.buyer).post(f"/initiatives/{world.initiative}/access-grants",
                                               {"scope": scope, **extra}), 201)


def shadow(world, customer_contact):
    return world.provider.post(f"/initiatives/{world.initiative}/shadowing-sessions", {
        "host": "Maria, collections agent", "context": "inbound calls", "duration_minutes": 90,
        "customer_contact": customer_contact})


def expire(app, grant_id):
    """Move a grant's expiry into the past (time passing is setup, not under test)."""
    with app.app_context():
        row = db.session.get(AccessGrant, grant_id)
        row.expires_at = datetime.now(timezone.utc) - timedelta(minutes=1)
        uow.commit()


def agree_kpis(world):
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis", {"name": "Cost per case"}), 201)
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)


def test_buyer_members_grant_and_no_one_else(world):
    before = log(world)
    for who, status in (("provider", 403), ("facilitator", 403), ("viewer", 403), ("outsider", 404)):
        error(getattr(world, who).post(f"/initiatives/{world.initiative}/access-grants", {"scope": "process"}), status)
    assert grants(world) == [] and log(world) == before

    g = grant(world, "process")
    assert g["scope"] == "process" and g["live"] is True and g["expires_at"] is None
    assert g["granted_by"]["name"] == "Buyer" and g["revoked_at"] is None and g["revoked_by"] is None
    s = grant(world, "customers", world.sponsor)  # a sponsor is a buyer member too
    assert s["granted_by"]["name"] == "Sponsor"
    assert [x["id"] for x in grants(world)] == [s["id"], g["id"]]  # newest first
    # the first grant earns courage level 1; a 'customers' grant alone changes no level or fact
    assert [e["type"] for e in log(world)[len(before):]] == ["grant.created", "power_ups.changed", "grant.created"]


def test_only_buyer_members_revoke_and_revoking_twice_is_409(world):
    g = grant(world, "customers")
    before = log(world)
    for who, status in (("provider", 403), ("viewer", 403), ("outsider", 404)):
        error(getattr(world, who).post(f"/access-grants/{g['id']}/revoke"), status)
    assert grants(world)[0]["live"] is True and log(world) == before

    revoked = expect(world.buyer_admin.post(f"/access-grants/{g['id']}/revoke"), 200)
    assert revoked["live"] is False and revoked["revoked_by"]["name"] == "Buyer Admin" and revoked["revoked_at"]
    after_first = log(world)
    assert after_first[-1]["type"] == "grant.revoked" and len(after_first) == len(before) + 1

    err = error(world.buyer.post(f"/access-grants/{g['id']}/revoke"), 409)
    assert err["current"]["revoked_by"]["name"] == "Buyer Admin"
    assert grants(world) == [revoked] and log(world) == after_first


def test_an_expired_grant_is_not_live(world, app):
    soon = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    g = grant(world, "customers", expires_at=soon)
    assert g["live"] is True
    expect(shadow(world, True), 201)

    expire(app, g["id"])
    assert grants(world)[0]["live"] is False
    before, logged = log(world), sessions(world)
    error(shadow(world, True), 409, "needs_grant")
    assert sessions(world) == logged and log(world) == before
    ups = expect(world.buyer.get(f"/initiatives/{world.initiative}/power-ups"), 200)
    assert not any("customers" in f for f in ups["courage"]["facts"])


def test_a_grant_cannot_expire_in_the_past_or_without_a_timezone(world):
    before = log(world)
    past = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()
    error(world.buyer.post(f"/initiatives/{world.initiative}/access-grants",
                           {"scope": "process", "expires_at": past}), 422, "invalid", "expires_at")
    error(world.buyer.post(f"/initiatives/{world.initiative}/access-grants",
                           {"scope": "process", "expires_at": "2999-01-01T10:00:00"}), 422, "invalid", "expires_at")
    error(world.buyer.post(f"/initiatives/{world.initiative}/access-grants",
                           {"scope": "everything"}), 422, "invalid", "scope")
    assert grants(world) == [] and log(world) == before


def test_customer_contact_needs_a_live_customers_grant(world):
    # no grant, then only a process grant: refused, nothing logged
    for setup in (lambda: None, lambda: grant(world, "process")):
        setup()
        before = log(world)
        err = error(shadow(world, True), 409, "needs_grant")
        assert "customers" in err["message"]
        assert sessions(world) == [] and log(world) == before
    # without customers in contact it is fine
    plain = expect(shadow(world, False), 201)
    assert plain["customer_contact"] is False and plain["shadower"]["name"] == "Provider"
    # and a session cannot be switched to customer contact either
    before = log(world)
    error(world.provider.patch(f"/shadowing-sessions/{plain['id']}",
                               {"version": plain["version"], "customer_contact": True}), 409, "needs_grant")
    assert expect(world.provider.get(f"/shadowing-sessions/{plain['id']}"), 200) == plain
    assert log(world) == before
    # under a live customers grant it is allowed; after revocation no longer
    g = grant(world, "customers")
    with_customers = expect(shadow(world, True), 201)
    assert with_customers["customer_contact"] is True
    expect(world.buyer.post(f"/access-grants/{g['id']}/revoke"), 200)
    error(shadow(world, True), 409, "needs_grant")
    assert len(sessions(world)) == 2


def test_a_customer_experiment_cannot_start_without_a_live_customers_grant(world):
    agree_kpis(world)
    grant(world, "process")
    card = expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {
        "kind": "experiment", "title": "Call back within the hour", "audience": "customers", "status": "proposed"}), 201)
    before = log(world)
    err = error(world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "status": "running"}),
                409, "cannot_start")
    assert "customers" in err["message"]
    assert expect(world.provider.get(f"/cards/{card['id']}"), 200) == card and log(world) == before

    grant(world, "customers")
    running = expect(world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "status": "running"}), 200)
    assert running["status"] == "running" and running["audience"] == "customers"


def test_a_running_staff_experiment_cannot_switch_to_customers_without_a_grant(world):
    agree_kpis(world)
    card = expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {
        "kind": "experiment", "title": "Script change", "status": "proposed"}), 201)
    assert card["audience"] == "staff"
    card = expect(world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "status": "running"}), 200)
    before = log(world)
    error(world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "audience": "customers"}),
          409, "needs_grant")
    assert expect(world.provider.get(f"/cards/{card['id']}"), 200)["audience"] == "staff"
    assert log(world) == before
    grant(world, "customers")
    expect(world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "audience": "customers"}), 200)
