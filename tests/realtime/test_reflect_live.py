"""Private writing over Socket.IO: a reflect card's events reach its author's sockets only (no seq, so no
one else sees a gap), no snapshot or replay of another member holds it, and the reveal reaches everyone."""
from tests.support.api import token_of

SECRET = "Quokka agents paste the account number twice"


def test_a_reflect_card_reaches_only_its_author_until_the_reveal(world, servers, clients, rest_for):
    server = servers("eventlet")
    w, base = world, f"/initiatives/{world.initiative}"
    facilitator, provider = rest_for(server, w.facilitator), rest_for(server, w.provider)
    author = clients(server.url, token_of(w.provider)).connect()
    others = [clients(server.url, token_of(p)).connect() for p in (w.buyer, w.facilitator, w.sponsor)]
    for c in (author, *others):
        assert "error" not in c.join(w.initiative, 0)
    facilitator.call("POST", f"{base}/workshop/start", {"template_id": "shadowing-debrief"}, expect=200)
    for c in (author, *others):
        c.wait_for(lambda c: any(e["type"] == "workshop.started" for e in c.events), what="workshop.started")

    card = provider.call("POST", f"{base}/cards", {"kind": "observation", "text": SECRET}, expect=201)
    author.wait_for(lambda c: card["id"] in c.cards, what="the author's own private card")
    pushed = author.private[-1]
    buyer, facilitating = others[0], others[1]
    facilitating.wait_for(lambda c: c.waiting, what="the facilitator's count of private cards")
    assert facilitating.waiting == [{"initiative": w.initiative, "private_cards": 1}]  # a count: never whose or what
    assert pushed["type"] == "card.created" and pushed["seq"] is None and pushed["data"]["private"] is True
    # something public after it: everyone has it, so the private card's event had its chance to arrive
    facilitator.call("PUT", f"{base}/workshop/timer", {"action": "add", "seconds": 60}, expect=200)
    for c in others:
        c.wait_for(lambda c: any(e["type"] == "workshop.timer" for e in c.events), what="the timer change")
        assert SECRET not in str(c.events) and card["id"] not in str(c.events) and not c.private
        assert SECRET not in str(c.waiting) and card["id"] not in str(c.waiting)
        assert card["id"] not in c.cards and c.seq == author.seq  # no gap: the private event took no seq
    late = clients(server.url, token_of(w.buyer)).connect()
    snapshot = late.join(w.initiative, None)["snapshot"]
    assert SECRET not in str(snapshot) and snapshot["workshop"]["private_cards"] == 1
    replay = clients(server.url, token_of(w.sponsor)).connect().join(w.initiative, 0)
    assert SECRET not in str(replay)
    mine = clients(server.url, token_of(w.provider)).connect().join(w.initiative, None)["snapshot"]
    assert [c["text"] for c in mine["cards"]] == [SECRET]

    assert buyer.waiting == []  # members who do not facilitate are not told
    facilitator.call("PUT", f"{base}/workshop/phase", {"step": 1}, expect=200)
    for c in (author, *others):
        c.wait_for(lambda c: c.cards.get(card["id"], {}).get("private") is False, what="the revealed card")
        assert c.cards[card["id"]]["text"] == SECRET
