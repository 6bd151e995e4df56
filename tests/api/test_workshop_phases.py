"""A workshop from a template through HTTP: private reflect cards reach no other member by any route until
revealed, a vote step's round covers only its cards, discuss walks the ranking, and the end leaves nothing."""
from tests.support.api import error, expect

SECRET = "Zebracrossing agents retype every postcode"


def _board(w):
    return f"/initiatives/{w.initiative}"


def _start(w, template="shadowing-debrief"):
    return expect(w.facilitator.post(f"{_board(w)}/workshop/start", {"template_id": template}), 200)


def _move(w, step, **body):
    return expect(w.facilitator.put(f"{_board(w)}/workshop/phase", {"step": step, **body}), 200)


def _everything_a_member_can_read(w, client) -> str:
    """Every answer a member gets about the board and the engagement, as one text."""
    base = _board(w)
    reads = [f"{base}/cards", f"{base}/events", f"{base}/export.json", f"{base}/export.csv", f"{base}/report",
             f"{base}/workshop", f"{base}/comment-counts", f"/engagements/{w.engagement}/search?q=zebracrossing",
             f"/engagements/{w.engagement}/review"]
    return "\n".join(client.get(path).get_data(as_text=True) for path in reads)


def test_templates_are_listed_saved_and_deleted_by_facilitators(world):
    w = world
    path = f"/engagements/{w.engagement}/workshop-templates"
    built = expect(w.buyer.get(path), 200)
    assert [t["id"] for t in built] == ["shadowing-debrief", "story-mapping", "experiment-prioritisation",
                                        "quarterly-learning-review"]
    assert all(t["builtin"] and t["steps"][0]["phase"] == "reflect" for t in built)
    mine = {"name": "Friday retro", "steps": [{"phase": "reflect", "prompt": "What went well?", "seconds": 120},
                                              {"phase": "vote", "votes_per_person": 2, "seconds": None}]}
    error(w.buyer.post(path, mine), 403, field=None)
    error(w.outsider.post(path, mine), 404)
    error(w.facilitator.post(path, {**mine, "steps": [{"phase": "brainstorm"}]}), 422, field="steps.0.phase")
    error(w.facilitator.post(path, {**mine, "steps": [{"phase": "reflect", "topics": 3}]}), 422, field="steps")
    error(w.facilitator.post(path, {**mine, "name": "  "}), 422, field="name")
    saved = expect(w.facilitator.post(path, mine), 201)
    assert saved["builtin"] is False and saved["steps"][1] == {"phase": "vote", "prompt": "", "seconds": None,
                                                               "votes_per_person": 2}
    assert [t["name"] for t in expect(w.provider.get(path), 200)][-1] == "Friday retro"
    assert expect(w.outsider.get(f"/engagements/{w.other_engagement}/workshop-templates"), 200)[-1]["builtin"]
    started = expect(w.facilitator.post(f"{_board(w)}/workshop/start", {"template_id": saved["id"]}), 200)
    assert started["template"] == {"id": saved["id"], "name": "Friday retro"} and started["prompt"] == "What went well?"
    # a facilitator of another engagement cannot run this engagement's template
    outsider = expect(w.outsider.get(f"/engagements/{w.other_engagement}"), 200)["members"][0]["user"]["id"]
    expect(w.outsider.patch(f"/engagements/{w.other_engagement}/members/{outsider}",
                            {"roles": ["member", "admin", "facilitator"]}), 200)
    error(w.outsider.post(f"/initiatives/{w.other_initiative}/workshop/start", {"template_id": saved["id"]}), 422,
          field="template_id")
    error(w.outsider.delete(f"/workshop-templates/{saved['id']}"), 404)
    expect(w.facilitator.delete(f"/workshop-templates/{saved['id']}"), 204)
    error(w.facilitator.delete("/workshop-templates/story-mapping"), 422, field="template_id")


def test_reflect_cards_reach_nobody_else_until_the_facilitator_reveals_them(world):
    w = world
    state = _start(w)
    assert (state["phase"], state["step"], state["timer"]["status"]) == ("reflect", 0, "running")
    assert state["timer"]["duration_seconds"] == 600 and "shadowing" in state["prompt"]
    error(w.facilitator.post(f"{_board(w)}/workshop/start", {"template_id": "story-mapping"}), 409, "already_running")
    card = expect(w.provider.post(f"{_board(w)}/cards", {"kind": "observation", "text": SECRET}), 201)
    assert card["private"] is True
    assert expect(w.provider.get(f"/cards/{card['id']}"), 200)["text"] == SECRET
    assert [c["id"] for c in expect(w.provider.get(f"{_board(w)}/cards"), 200)] == [card["id"]]
    for other in (w.buyer, w.facilitator, w.sponsor, w.viewer):
        assert SECRET not in _everything_a_member_can_read(w, other) and card["id"] not in _everything_a_member_can_read(w, other)
        error(other.get(f"/cards/{card['id']}"), 404)
        error(other.get(f"/cards/{card['id']}/comments"), 404)
    assert SECRET.split()[0] in expect(w.provider.get(f"/engagements/{w.engagement}/search?q=zebracrossing"), 200)[0]["snippet"]
    error(w.buyer.patch(f"/cards/{card['id']}", {"version": 1, "text": "mine now"}), 404)
    error(w.buyer.delete(f"/cards/{card['id']}", {"version": 1}), 404)
    error(w.provider.post(f"/cards/{card['id']}/comments", {"text": "note to self"}), 409, "private")
    error(w.facilitator.put(f"{_board(w)}/workshop/focus", {"card_id": card["id"]}), 422, field="card_id")
    error(w.provider.post(f"{_board(w)}/cards", {"kind": "story", "title": "S", "evidence": [card["id"]]}), 422,
          field="evidence")
    # what would show it to others waits too: a budget, a learning for the library, a KPI measurement
    draft = expect(w.provider.post(f"{_board(w)}/cards", {"kind": "experiment", "title": "Pre-fill"}), 201)
    error(w.provider.post(f"/cards/{draft['id']}/budget-requests", {"amount": 100, "currency": "EUR"}), 409, "private")
    kpi = expect(w.buyer.post(f"{_board(w)}/kpis", {"name": "Handling time"}), 201)
    error(w.provider.post(f"/kpis/{kpi['id']}/measurements", {"value": 3, "experiment_id": draft["id"]}), 422,
          field="experiment_id")
    expect(w.provider.delete(f"/cards/{draft['id']}", {"version": 1}), 200)
    edited = expect(w.provider.patch(f"/cards/{card['id']}", {"version": 1, "text": SECRET + " twice"}), 200)
    assert edited["private"] is True and SECRET not in _everything_a_member_can_read(w, w.buyer)
    assert expect(w.buyer.get(f"{_board(w)}/workshop"), 200)["private_cards"] == 1  # a count, never whose or what

    group = _move(w, 1)
    assert (group["phase"], group["private_cards"], group["timer"]["duration_seconds"]) == ("group", 0, 600)
    shown = expect(w.buyer.get(f"/cards/{card['id']}"), 200)
    assert shown["private"] is False and shown["text"] == SECRET + " twice" and shown["author"]["name"] == "Provider"
    revealed = [e for e in expect(w.buyer.get(f"{_board(w)}/events"), 200) if e["type"] == "cards.revealed"]
    assert [c["id"] for c in revealed[0]["data"]["cards"]] == [card["id"]]
    expect(w.provider.post(f"/cards/{card['id']}/comments", {"text": "now we can talk"}), 201)
    later = expect(w.provider.post(f"{_board(w)}/cards", {"kind": "observation", "text": "Written in group"}), 201)
    assert later["private"] is False


def test_a_vote_step_covers_its_cards_and_discuss_walks_the_ranking_to_the_end(world):
    w = world
    _start(w)
    a, b, c = (expect(w.provider.post(f"{_board(w)}/cards", {"kind": "observation", "text": t}), 201)
               for t in ("Agents re-key", "Customers wait", "Forms time out"))
    _move(w, 1)
    story = expect(w.buyer.post(f"{_board(w)}/cards", {"kind": "story", "title": "Maria waits"}), 201)
    vote = _move(w, 2)
    rnd = expect(w.buyer.get(f"/voting-rounds/{vote['voting_round_id']}"), 200)
    assert vote["phase"] == "vote" and rnd["scope"] == {"kind": "observation"} and rnd["votes_per_person"] == 3
    r = f"/voting-rounds/{rnd['id']}/votes"
    error(w.buyer.post(r, {"card_id": story["id"]}), 422, field="card_id")
    for voter, card in ((w.buyer, b), (w.buyer, b), (w.provider, b), (w.provider, c), (w.sponsor, c), (w.buyer, a)):
        expect(voter.post(r, {"card_id": card["id"]}), 201)
    error(w.facilitator.put(f"{_board(w)}/workshop/phase", {"step": 1, "scope": {"kind": "story"}}), 422, field="scope")
    error(w.facilitator.put(f"{_board(w)}/workshop/phase", {"step": 2, "scope": {"cluster_id": "nope"}}), 422,
          field="scope")
    error(w.facilitator.put(f"{_board(w)}/workshop/phase", {"step": 9}), 422, field="step")
    everything = _move(w, 2, scope={})  # the facilitator widens the step's lane to every card: a new round
    assert expect(w.buyer.get(f"/voting-rounds/{everything['voting_round_id']}"), 200)["scope"] is None
    rnd = expect(w.buyer.get(f"/voting-rounds/{_move(w, 2)['voting_round_id']}"), 200)
    r = f"/voting-rounds/{rnd['id']}/votes"
    for voter, card in ((w.buyer, b), (w.buyer, b), (w.provider, b), (w.provider, c), (w.sponsor, c), (w.buyer, a)):
        expect(voter.post(r, {"card_id": card["id"]}), 201)
    error(w.buyer.put(f"{_board(w)}/workshop/phase", {"step": 3}), 403)

    discuss = _move(w, 3)
    assert discuss["phase"] == "discuss" and discuss["voting_round_id"] is None
    assert discuss["agenda"] == [b["id"], c["id"], a["id"]] and discuss["agenda_index"] == 0
    assert discuss["focus_card_id"] == b["id"] and discuss["timer"]["duration_seconds"] == 300
    assert expect(w.buyer.get(f"/voting-rounds/{rnd['id']}"), 200)["status"] == "revealed"
    second = expect(w.facilitator.put(f"{_board(w)}/workshop/agenda", {"index": 1}), 200)
    assert second["focus_card_id"] == c["id"] and second["agenda_index"] == 1
    error(w.facilitator.put(f"{_board(w)}/workshop/agenda", {"index": 3}), 422, field="index")
    expect(w.provider.post(f"/cards/{c['id']}/comments", {"text": "Outcome: test a pre-filled form"}), 201)
    expect(w.buyer.post(f"{_board(w)}/cards", {"kind": "story", "title": "Nobody owns the wait",
                                               "evidence": [b["id"]]}), 201)

    ended = expect(w.facilitator.post(f"{_board(w)}/workshop/end"), 200)
    assert (ended["phase"], ended["steps"], ended["agenda"], ended["focus_card_id"]) == (None, [], [], None)
    assert ended["timer"]["status"] == "idle" and ended["voting_round_id"] is None and ended["template"] is None
    summary = ended["summary"]
    assert summary["cards"] == {"observation": 3, "story": 2, "experiment": 0} and summary["comments"] == 1
    assert summary["template"] == "Shadowing debrief"
    assert summary["topics"] == [
        {"card_id": b["id"], "title": "Customers wait", "outcomes": [
            {"type": "story", "card_id": summary["topics"][0]["outcomes"][0]["card_id"], "text": "Nobody owns the wait"}]},
        {"card_id": c["id"], "title": "Forms time out", "outcomes": [
            {"type": "comment", "card_id": None, "text": "Outcome: test a pre-filled form"}]}]
    assert [r["card_id"] for r in summary["voting"]["ranking"]] == [b["id"], c["id"], a["id"]]
    assert {p["name"] for p in summary["participants"]} == {"Provider", "Buyer", "Sponsor"}
    error(w.facilitator.put(f"{_board(w)}/workshop/phase", {"step": 0}), 409, "not_running")
    report = w.sponsor.get(f"{_board(w)}/report").get_data(as_text=True)
    assert "Shadowing debrief of" in report and "comment “Outcome: test a pre-filled form”" in report


def test_ending_during_reflect_reveals_what_was_written(world):
    w = world
    _start(w, "experiment-prioritisation")
    card = expect(w.provider.post(f"{_board(w)}/cards", {"kind": "experiment", "title": "Pre-fill the form"}), 201)
    assert card["private"] is True
    ended = expect(w.facilitator.post(f"{_board(w)}/workshop/end"), 200)
    assert ended["summary"]["cards"]["experiment"] == 1 and ended["private_cards"] == 0
    assert expect(w.buyer.get(f"/cards/{card['id']}"), 200)["private"] is False
