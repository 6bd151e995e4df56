"""Workshop mode through HTTP: the facilitator's timer, focus, anonymity, dot voting, clusters."""
from datetime import datetime

from tests.support.api import expect


def _card(client, initiative, text="An observation"):
    return expect(client.post(f"/initiatives/{initiative}/cards", {"kind": "observation", "text": text}), 201)


def test_timer_start_pause_add_resume_reset(world):
    w, path = world, f"/initiatives/{world.initiative}/workshop/timer"
    assert expect(w.buyer.get(f"/initiatives/{w.initiative}/workshop"), 200)["timer"]["status"] == "idle"
    state = expect(w.facilitator.put(path, {"action": "start", "seconds": 300}), 200)
    assert state["timer"]["status"] == "running" and 298 <= state["timer"]["remaining_seconds"] <= 300
    ends = datetime.fromisoformat(state["timer"]["ends_at"])
    assert 298 <= (ends - datetime.fromisoformat(state["server_time"])).total_seconds() <= 300
    paused = expect(w.facilitator.put(path, {"action": "pause"}), 200)["timer"]
    assert paused["status"] == "paused" and paused["ends_at"] is None and 298 <= paused["remaining_seconds"] <= 300
    added = expect(w.facilitator.put(path, {"action": "add", "seconds": 60}), 200)["timer"]
    assert added["remaining_seconds"] == paused["remaining_seconds"] + 60 and added["duration_seconds"] == 360
    resumed = expect(w.facilitator.put(path, {"action": "start"}), 200)["timer"]
    assert resumed["status"] == "running" and resumed["remaining_seconds"] >= added["remaining_seconds"] - 1
    # survives a reload: any member reads the same state
    assert expect(w.provider.get(f"/initiatives/{w.initiative}/workshop"), 200)["timer"]["ends_at"] == resumed["ends_at"]
    assert expect(w.facilitator.put(path, {"action": "reset"}), 200)["timer"]["status"] == "idle"
    err = expect(w.facilitator.put(path, {"action": "pause"}), 409)
    assert "not running" in err["error"]["message"]
    err = expect(w.facilitator.put(path, {"action": "start", "seconds": 0}), 422)
    assert "seconds" in err["error"]["fields"]
    err = expect(w.buyer.put(path, {"action": "start", "seconds": 60}), 403)
    assert "facilitator" in err["error"]["message"]
    types = [e["type"] for e in expect(w.buyer.get(f"/initiatives/{w.initiative}/events"), 200)]
    assert types.count("workshop.timer") == 5


def test_focus_brings_one_card_to_everyone(world):
    w = world
    card = _card(w.provider, w.initiative)
    state = expect(w.facilitator.put(f"/initiatives/{w.initiative}/workshop/focus", {"card_id": card["id"]}), 200)
    assert state["focus_card_id"] == card["id"] and state["focus_by"]["name"] == "Facilitator"
    # who set the focus is still known after a reload, and after other workshop changes
    expect(w.facilitator.put(f"/initiatives/{w.initiative}/workshop/timer", {"action": "start", "seconds": 60}), 200)
    seen = expect(w.viewer.get(f"/initiatives/{w.initiative}/workshop"), 200)
    assert seen["focus_card_id"] == card["id"] and seen["focus_by"]["name"] == "Facilitator"
    other = _card(w.outsider, w.other_initiative)
    err = expect(w.facilitator.put(f"/initiatives/{w.initiative}/workshop/focus", {"card_id": other["id"]}), 422)
    assert "card_id" in err["error"]["fields"]
    cleared = expect(w.facilitator.put(f"/initiatives/{w.initiative}/workshop/focus", {"card_id": None}), 200)
    assert cleared["focus_card_id"] is None and cleared["focus_by"] is None


def test_anonymity_hides_authors_but_not_sides(world):
    w = world
    expect(w.facilitator.patch(f"/initiatives/{w.initiative}/workshop", {"anonymous": True}), 200)
    card = _card(w.provider, w.initiative, "Hidden author")
    assert card["author"] is None and card["side"] == "provider" and card["anonymous"] is True
    listed = expect(w.buyer.get(f"/initiatives/{w.initiative}/cards"), 200)
    assert all(c["author"] is None for c in listed)
    created = [e for e in expect(w.buyer.get(f"/initiatives/{w.initiative}/events"), 200) if e["type"] == "card.created"]
    assert created[-1]["actor"] is None and created[-1]["data"]["author"] is None
    expect(w.facilitator.patch(f"/initiatives/{w.initiative}/workshop", {"anonymous": False}), 200)
    assert expect(w.buyer.get(f"/cards/{card['id']}"), 200)["author"]["name"] == "Provider"


def test_votes_stay_hidden_until_the_facilitator_reveals_them(world):
    w = world
    a, b, c = (_card(w.provider, w.initiative, t) for t in ("A", "B", "C"))
    expect(w.buyer.post(f"/initiatives/{w.initiative}/voting-rounds", {"votes_per_person": 2}), 403)
    rnd = expect(w.facilitator.post(f"/initiatives/{w.initiative}/voting-rounds", {"votes_per_person": 2}), 201)
    expect(w.facilitator.post(f"/initiatives/{w.initiative}/voting-rounds", {"votes_per_person": 2}), 409)
    r = f"/voting-rounds/{rnd['id']}"
    expect(w.buyer.post(f"{r}/votes", {"card_id": b["id"]}), 201)
    expect(w.buyer.post(f"{r}/votes", {"card_id": b["id"]}), 201)  # dots may stack
    err = expect(w.buyer.post(f"{r}/votes", {"card_id": a["id"]}), 409)
    assert err["error"]["code"] == "no_votes_left"
    expect(w.provider.post(f"{r}/votes", {"card_id": a["id"]}), 201)
    expect(w.provider.post(f"{r}/votes", {"card_id": b["id"]}), 201)
    expect(w.sponsor.post(f"{r}/votes", {"card_id": c["id"]}), 201)
    expect(w.sponsor.delete(f"{r}/votes/{c['id']}"), 200)
    expect(w.sponsor.post(f"{r}/votes", {"card_id": a["id"]}), 201)
    expect(w.viewer.post(f"{r}/votes", {"card_id": a["id"]}), 403)
    # before the reveal each member sees only their own dots; events carry counts, never cards
    mine = expect(w.buyer.get(r), 200)
    assert mine["my_votes"] == [b["id"], b["id"]] and mine["votes_left"] == 0 and mine["results"] is None
    assert mine["votes_cast"] == 5 and mine["voters"] == 3
    assert expect(w.provider.get(r), 200)["my_votes"] == [a["id"], b["id"]]
    vote_events = [e for e in expect(w.buyer.get(f"/initiatives/{w.initiative}/events"), 200) if e["type"].startswith("vote")]
    for e in vote_events:  # neither which card nor who voted
        assert a["id"] not in str(e["data"]) and b["id"] not in str(e["data"]) and e["actor"] is None
    assert [(e["data"]["votes_cast"], e["data"]["voters"]) for e in vote_events][-3:] == [(5, 3), (4, 2), (5, 3)]
    expect(w.provider.post(f"{r}/reveal"), 403)
    revealed = expect(w.facilitator.post(f"{r}/reveal"), 200)
    assert [(x["card_id"], x["votes"], x["rank"]) for x in revealed["results"]] == [(b["id"], 3, 1), (a["id"], 2, 2)]
    assert expect(w.viewer.get(r), 200)["results"] == revealed["results"]
    expect(w.buyer.post(f"{r}/votes", {"card_id": c["id"]}), 409)
    expect(w.facilitator.post(f"{r}/reveal"), 409)


def test_clusters_group_cards_and_dissolve(world):
    w = world
    cluster = expect(w.buyer.post(f"/initiatives/{w.initiative}/clusters", {"label": "Hand-offs"}), 201)
    card = _card(w.provider, w.initiative)
    moved = expect(w.provider.patch(f"/cards/{card['id']}", {"version": 1, "cluster_id": cluster["id"]}), 200)
    assert moved["cluster_id"] == cluster["id"]
    assert expect(w.provider.patch(f"/clusters/{cluster['id']}", {"label": "Hand-overs"}), 200)["label"] == "Hand-overs"
    other = expect(w.outsider.post(f"/initiatives/{w.other_initiative}/clusters", {"label": "Theirs"}), 201)
    err = expect(w.provider.patch(f"/cards/{card['id']}", {"version": 2, "cluster_id": other["id"]}), 422)
    assert "cluster_id" in err["error"]["fields"]
    expect(w.buyer.delete(f"/clusters/{cluster['id']}"), 204)
    assert expect(w.buyer.get(f"/cards/{card['id']}"), 200)["cluster_id"] is None
    assert expect(w.buyer.get(f"/initiatives/{w.initiative}/clusters"), 200) == []
    expect(w.buyer.post(f"/initiatives/{w.initiative}/clusters", {"label": ""}), 422)


def test_ending_the_workshop_clears_it_for_everyone_and_leaves_its_summary(world):
    w, base = world, f"/initiatives/{world.initiative}"
    before = _card(w.provider, w.initiative, "Written before the workshop")
    err = expect(w.facilitator.post(f"{base}/workshop/end"), 409)  # nothing runs yet
    assert err["error"]["code"] == "not_running"
    expect(w.facilitator.put(f"{base}/workshop/timer", {"action": "start", "seconds": 1}), 200)  # it runs out
    expect(w.facilitator.patch(f"{base}/workshop", {"anonymous": True}), 200)
    obs = _card(w.provider, w.initiative, "Agents re-key the address")
    expect(w.facilitator.put(f"{base}/workshop/focus", {"card_id": obs["id"]}), 200)
    expect(w.buyer.post(f"/cards/{obs['id']}/comments", {"text": "Every time?"}), 201)
    exp = expect(w.buyer.post(f"{base}/cards", {"kind": "experiment", "title": "Prefill the address"}), 201)
    exp = expect(w.buyer.patch(f"/cards/{exp['id']}", {"version": exp["version"], "status": "proposed"}), 200)
    expect(w.buyer.patch(f"/cards/{exp['id']}", {"version": exp["version"], "status": "parked"}), 200)
    rnd = expect(w.facilitator.post(f"{base}/voting-rounds", {"votes_per_person": 3}), 201)
    for who, c in ((w.buyer, obs), (w.buyer, obs), (w.sponsor, before), (w.sponsor, obs)):
        expect(who.post(f"/voting-rounds/{rnd['id']}/votes", {"card_id": c["id"]}), 201)

    for who, status in ((w.buyer, 403), (w.viewer, 403), (w.outsider, 404)):
        expect(who.post(f"{base}/workshop/end"), status)
    ended = expect(w.facilitator.post(f"{base}/workshop/end"), 200)
    assert ended["timer"]["status"] == "idle" and ended["focus_card_id"] is None and ended["anonymous"] is False
    assert ended["voting_round_id"] is None
    summary = ended["summary"]
    assert [(p["name"], p["side"]) for p in summary["participants"]] == [
        ("Buyer", "buyer"), ("Sponsor", "buyer"), ("Provider", "provider")]
    assert summary["cards"] == {"observation": 1, "story": 0, "experiment": 1} and summary["comments"] == 1
    assert (summary["voting"]["votes_cast"], summary["voting"]["voters"]) == (4, 2)
    assert [(c["title"], c["votes"], c["rank"]) for c in summary["voting"]["ranking"]] == [
        ("Agents re-key the address", 3, 1), ("Written before the workshop", 1, 2)]
    assert summary["decisions"] == [{"card_id": exp["id"], "title": "Prefill the address", "statuses": ["proposed", "parked"],
                                     "status": "parked", "decision": None}]
    assert summary["ended_by"]["name"] == "Facilitator"
    assert datetime.fromisoformat(summary["started_at"]) <= datetime.fromisoformat(summary["ended_at"])

    # nothing is left on the board: the state, the round (revealed, no more votes), the authors (back)
    state = expect(w.viewer.get(f"{base}/workshop"), 200)
    assert (state["timer"]["status"], state["focus_card_id"], state["anonymous"]) == ("idle", None, False)
    assert expect(w.buyer.get(f"/voting-rounds/{rnd['id']}"), 200)["status"] == "revealed"
    expect(w.buyer.post(f"/voting-rounds/{rnd['id']}/votes", {"card_id": obs["id"]}), 409)
    assert expect(w.buyer.get(f"/cards/{obs['id']}"), 200)["author"]["name"] == "Provider"
    # one event says it all, with the summary: the activity feed's and the report's record
    events = expect(w.buyer.get(f"{base}/events"), 200)
    assert events[-1]["type"] == "workshop.ended" and events[-1]["actor"]["name"] == "Facilitator"
    assert events[-1]["data"] == ended and [e["type"] for e in events].count("voting.revealed") == 0
    # ended is ended; the next workshop starts with the next tool used
    assert expect(w.facilitator.post(f"{base}/workshop/end"), 409)["error"]["code"] == "not_running"
    expect(w.facilitator.put(f"{base}/workshop/focus", {"card_id": before["id"]}), 200)
    again = expect(w.facilitator.post(f"{base}/workshop/end"), 200)["summary"]
    assert again["participants"] == [] and again["voting"] is None and again["comments"] == 0

    html = w.sponsor.get(f"{base}/report").get_data(as_text=True)
    workshops = html[html.index("<h2>Workshops</h2>"):]
    assert workshops.count("<article") == 2
    for text in ("Buyer (buyer), Sponsor (buyer), Provider (provider)", "1 observation · 0 stories · 1 experiment · 1 comment",
                 "4 votes from 2 people", "Agents re-key the address — 3 votes", "Prefill the address: proposed → parked",
                 "nobody wrote anything"):
        assert text in workshops, text


def test_the_report_says_when_no_workshop_ended(world):
    html = world.sponsor.get(f"/initiatives/{world.initiative}/report").get_data(as_text=True)
    assert "No workshop has ended on this initiative yet." in html


def test_anonymity_hides_who_wrote_comments_but_not_their_side(world):
    w = world
    obs = _card(w.provider, w.initiative, "Agents re-key the address")
    expect(w.facilitator.patch(f"/initiatives/{w.initiative}/workshop", {"anonymous": True}), 200)
    mine = expect(w.buyer.post(f"/cards/{obs['id']}/comments", {"text": "Ask @provider about it"}), 201)
    assert mine["author"] is None and mine["side"] == "buyer" and mine["anonymous"] is True
    listed = expect(w.provider.get(f"/cards/{obs['id']}/comments"), 200)
    assert [(c["author"], c["side"]) for c in listed] == [(None, "buyer")]
    event = [e for e in expect(w.provider.get(f"/initiatives/{w.initiative}/events"), 200) if e["type"] == "comment.created"][-1]
    assert event["actor"] is None and event["data"]["author"] is None and event["data"]["side"] == "buyer"
    assert "Buyer" not in str(event)
    note = expect(w.provider.get("/notifications"), 200)[0]  # the mention does not name its author either
    assert note["actor"] is None and note["text"].startswith("Someone on the buyer side mentioned you")
    expect(w.facilitator.patch(f"/initiatives/{w.initiative}/workshop", {"anonymous": False}), 200)
    assert expect(w.provider.get(f"/cards/{obs['id']}/comments"), 200)[0]["author"]["name"] == "Buyer"
