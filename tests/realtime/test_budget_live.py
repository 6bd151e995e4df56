"""Notifications that resolve themselves, live: when one sponsor decides a budget request, every other
sponsor's open socket gets their 'awaiting a sponsor' notification again, done and read — so the bell's
unread count (the web app counts unread items) drops without a reload."""
from tests.support.api import expect, token_of


def unread(notes: dict) -> int:
    return sum(not n["read"] for n in notes.values())


def test_a_decision_marks_every_sponsors_awaiting_notification_done(world, servers, clients, rest_for, async_mode):
    w = world
    server = servers(async_mode)
    sponsors = [clients(server.url, token_of(s)).connect() for s in (w.sponsor, w.sponsor2)]
    card = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "experiment", "title": "Try"}), 201)
    req = rest_for(server, w.provider).call("POST", f"/cards/{card['id']}/budget-requests",
                                            {"amount": 500, "currency": "EUR", "purpose": "Prototype"}, expect=201)
    for s in sponsors:
        s.wait_for(lambda c: any(n["request_id"] == req["id"] for n in c.notifications), what="awaiting notice")

    def latest(client) -> dict:
        """Each notification as last sent (a resend replaces it, as the web app's bell does)."""
        return {n["id"]: n for n in client.notifications}

    other = sponsors[1]
    assert unread(latest(other)) == 1
    rest_for(server, w.sponsor).call("POST", f"/budget-requests/{req['id']}/decision", {"approve": True}, expect=201)
    other.wait_for(lambda c: any(n["done"] for n in c.notifications), what="the notice again, done")
    [note] = latest(other).values()
    assert (note["request_id"], note["kind"], note["read"], note["done"]) == (req["id"], "budget_pending", True, True)
    assert unread(latest(other)) == 0
    sponsors[0].wait_for(lambda c: any(n["done"] for n in c.notifications), what="the decider's own, done")
    # what a reload reads says the same
    assert [n for n in expect(w.sponsor2.get("/notifications?unread=true"), 200) if n["kind"] == "budget_pending"] == []
