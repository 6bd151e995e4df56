"""The learning library live: proposals and decisions reach the board's room as events and the people who
act next as notifications — and nothing of it reaches the provider's other engagement over a socket."""
import time

from tests.support.api import token_of
from tests.support.scenarios import concluded_experiment


def test_library_news_arrive_live_for_the_people_concerned(world, servers, clients, rest_for, async_mode):
    w = world
    exp = concluded_experiment(w, w.initiative, w.buyer, w.provider)
    server = servers(async_mode)
    board = clients(server.url, token_of(w.facilitator)).connect()  # on the source board
    board.join(w.initiative, 0)
    buyer = clients(server.url, token_of(w.buyer)).connect()  # anywhere in the app, on no board
    provider = clients(server.url, token_of(w.provider)).connect()
    outsider = clients(server.url, token_of(w.outsider)).connect()  # the other engagement, on its board
    outsider.join(w.other_initiative, 0)

    proposal = rest_for(server, w.provider).call("POST", f"/cards/{exp['id']}/library-proposals",
                                                 {"learning": "Pre-filling saves time"}, expect=201)
    board.wait_for(lambda c: any(e["type"] == "library.proposed" for e in c.events), what="library.proposed event")
    buyer.wait_for(lambda c: any(n["kind"] == "library_pending" for n in c.notifications), what="pending notice")
    assert buyer.notifications[-1]["card_id"] == exp["id"]

    rest_for(server, w.buyer).call("POST", f"/library-proposals/{proposal['id']}/decision",
                                   {"approve": True, "comment": "No names"}, expect=200)
    board.wait_for(lambda c: any(e["type"] == "library.decided" and e["data"]["status"] == "approved"
                                 for e in c.events), what="library.decided event")
    provider.wait_for(lambda c: any(n["kind"] == "library_decided" for n in c.notifications), what="decided notice")
    time.sleep(0.3)
    assert outsider.events == [] and outsider.notifications == []  # the source's events stay in its room
