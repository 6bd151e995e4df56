"""The co-learning loop through HTTP: mentions and notifications, the evidence chain, the PII guard."""
from tests.support.api import expect


def test_mentions_notify_members_only_and_budget_news_reaches_the_right_people(world):
    w = world
    card = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "story", "title": "Waiting"}), 201)
    comment = expect(w.provider.post(f"/cards/{card['id']}/comments",
                                     {"text": "@buyer and @sponsor see this; @outsider too; @provider is me"}), 201)
    assert set(comment["mentions"]) == {w.users["buyer"], w.users["sponsor"], w.users["provider"]}
    note = expect(w.buyer.get("/notifications"), 200)[0]
    assert note["kind"] == "mention" and note["card_id"] == card["id"] and note["actor"]["name"] == "Provider"
    assert "Waiting" in note["text"] and not note["read"]
    assert expect(w.outsider.get("/notifications"), 200) == []  # not a member: never notified
    assert expect(w.provider.get("/notifications"), 200) == []  # never about yourself
    expect(w.sponsor.post(f"/notifications/{note['id']}/read"), 404)  # someone else's
    assert expect(w.buyer.post(f"/notifications/{note['id']}/read"), 200)["read"] is True
    assert expect(w.buyer.get("/notifications?unread=true"), 200) == []

    exp = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "experiment", "title": "Try"}), 201)
    req = expect(w.provider.post(f"/cards/{exp['id']}/budget-requests",
                                 {"amount": 500, "currency": "EUR", "purpose": "Prototype"}), 201)
    for sponsor in (w.sponsor, w.sponsor2):
        pending = [n for n in expect(sponsor.get("/notifications"), 200) if n["kind"] == "budget_pending"]
        assert pending and pending[0]["request_id"] == req["id"] and "€500.00" in pending[0]["text"]
    assert not [n for n in expect(w.buyer.get("/notifications"), 200) if n["kind"] == "budget_pending"]
    expect(w.sponsor.post(f"/budget-requests/{req['id']}/decision", {"approve": True, "amount": 300, "comment": "Start small"}), 201)
    decided = [n for n in expect(w.provider.get("/notifications"), 200) if n["kind"] == "budget_decided"]
    assert decided and "approved €300.00" in decided[0]["text"] and "Start small" in decided[0]["text"]
    assert expect(w.provider.post("/notifications/read"), 200)["marked"] == 1


def test_evidence_chain_reads_both_ways(world):
    w = world
    obs = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "observation", "text": "Hold music"}), 201)
    story = expect(w.buyer.post(f"/initiatives/{w.initiative}/cards",
                                {"kind": "story", "title": "Waiting", "evidence": [obs["id"]]}), 201)
    exp = expect(w.provider.post(f"/initiatives/{w.initiative}/cards",
                                 {"kind": "experiment", "title": "Call-back", "evidence": [story["id"]]}), 201)
    assert exp["evidence"] == [story["id"]]
    # read backwards from the board (the web app shows "cited by" from the same cards)
    board = {c["id"]: c for c in expect(w.buyer.get(f"/initiatives/{w.initiative}/cards"), 200)}
    assert [c for c in board if story["id"] in board[c].get("evidence", [])] == [exp["id"]]
    assert [c for c in board if obs["id"] in board[c].get("evidence", [])] == [story["id"]]
    err = expect(w.provider.post(f"/initiatives/{w.initiative}/cards",
                                 {"kind": "experiment", "title": "Bad", "evidence": [obs["id"]]}), 422)
    assert "story" in err["error"]["message"] and "evidence" in err["error"]["fields"]


def test_personal_data_is_masked_unless_kept_and_never_in_the_event_log(world):
    w = world
    text = "Customer jo.smith@example.com called from +44 7700 900123 about card 4111 1111 1111 1111"
    masked = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "observation", "text": text}), 201)
    assert masked["text"] == "Customer [email] called from [phone] about card [card number]"
    assert sorted(masked["pii_masked"]) == ["card_number", "email", "phone"] and masked["pii_kept"] is False
    kept = expect(w.provider.post(f"/initiatives/{w.initiative}/cards",
                                  {"kind": "observation", "text": text, "keep_pii": True}), 201)
    assert kept["text"] == text and kept["pii_kept"] is True
    assert expect(w.buyer.get(f"/cards/{kept['id']}"), 200)["text"] == text
    edited = expect(w.provider.patch(f"/cards/{kept['id']}", {"version": 1, "text": text + " twice", "keep_pii": True}), 200)
    assert edited["text"] == text + " twice"
    plain = expect(w.provider.post(f"/initiatives/{w.initiative}/cards",
                                   {"kind": "observation", "text": "Paid 1,250.00 on case 20251104 at 14:30: amount 1250000 EUR"}), 201)
    assert plain["text"] == "Paid 1,250.00 on case 20251104 at 14:30: amount 1250000 EUR" and plain["pii_masked"] == []
    log = str(expect(w.buyer.get(f"/initiatives/{w.initiative}/events"), 200))
    for secret in ("jo.smith@example.com", "7700 900123", "4111 1111 1111 1111"):
        assert secret not in log
    assert "Customer [email] called" in log


def test_comment_counts_per_card_for_members_only(world):
    w = world
    story = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "story", "title": "Waiting"}), 201)
    obs = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "observation", "text": "Hold music"}), 201)
    quiet = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "observation", "text": "Quiet"}), 201)
    for text in ("First", "Second @buyer"):
        expect(w.buyer.post(f"/cards/{story['id']}/comments", {"text": text}), 201)
    expect(w.provider.post(f"/cards/{obs['id']}/comments", {"text": "Me too"}), 201)
    counts = {c["card_id"]: c["count"] for c in expect(w.viewer.get(f"/initiatives/{w.initiative}/comment-counts"), 200)}
    assert counts == {story["id"]: 2, obs["id"]: 1} and quiet["id"] not in counts
    expect(w.provider.delete(f"/cards/{obs['id']}", {"version": 1}), 200)  # a deleted card's comments stop counting
    counts = expect(w.buyer.get(f"/initiatives/{w.initiative}/comment-counts"), 200)
    assert counts == [{"card_id": story["id"], "count": 2}]
    expect(w.outsider.get(f"/initiatives/{w.initiative}/comment-counts"), 404)


def test_keeping_personal_data_after_the_fact_keeps_the_event_log_masked(world):
    """The web app offers "Keep as typed" after a masked create: a PATCH with the typed text and ``keep_pii``."""
    w = world
    typed = "Call back on 07834 902716 or mail jo@example.com"
    masked = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "observation", "text": typed}), 201)
    assert masked["text"] == "Call back on [phone] or mail [email]" and masked["pii_masked"] == ["email", "phone"]
    kept = expect(w.provider.patch(f"/cards/{masked['id']}", {"version": 1, "text": typed, "keep_pii": True}), 200)
    assert kept["text"] == typed and kept["pii_kept"] is True and kept["pii_masked"] == []
    assert expect(w.buyer.get(f"/cards/{masked['id']}"), 200)["text"] == typed  # members read it as kept
    # masking again (the web app's undo) sends keep_pii false
    again = expect(w.provider.patch(f"/cards/{masked['id']}", {"version": 2, "text": typed, "keep_pii": False}), 200)
    assert again["text"] == "Call back on [phone] or mail [email]" and again["pii_kept"] is False
    events = [e for e in expect(w.buyer.get(f"/initiatives/{w.initiative}/events"), 200) if e["type"].startswith("card.")]
    assert [e["data"]["pii_kept"] for e in events] == [False, True, False]
    assert all(e["data"]["text"] == "Call back on [phone] or mail [email]" for e in events)
    assert "902716" not in str(events) and "jo@example.com" not in str(events)
