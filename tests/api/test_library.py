"""The learning library through HTTP: provider proposes, buyer decides, the provider's other
engagements search and reuse — and nothing else of the source engagement ever leaves it."""
from tests.support.api import expect
from tests.support.scenarios import concluded_experiment

SHARED_KEYS = {"id", "title", "hypothesis", "learning", "decision", "tags", "approved_at"}


def test_a_learning_travels_only_after_a_buyer_approves_and_only_its_shared_fields(world, make_user, client_for):
    w = world
    obs = expect(w.provider.post(f"/initiatives/{w.initiative}/cards",
                                 {"kind": "observation", "text": "Maria retypes every address"}), 201)
    exp = concluded_experiment(w, w.initiative, w.buyer, w.provider)
    draft = expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "experiment", "title": "Not yet"}), 201)
    expect(w.provider.post(f"/cards/{draft['id']}/library-proposals", {}), 409)
    expect(w.buyer.post(f"/cards/{exp['id']}/library-proposals", {}), 403)
    expect(w.viewer.post(f"/cards/{exp['id']}/library-proposals", {}), 403)
    proposal = expect(w.provider.post(f"/cards/{exp['id']}/library-proposals", {
        "learning": "Pre-filling the address saves about 40 s per call", "tags": ["collections", "prefill"]}), 201)
    assert proposal["status"] == "proposed" and proposal["title"] == "Pre-filled address"
    expect(w.provider.post(f"/cards/{exp['id']}/library-proposals", {}), 409)
    # not yet visible anywhere
    assert expect(w.outsider.get("/library"), 200) == []
    assert expect(w.provider.get("/library"), 200) == []
    expect(w.outsider.get(f"/engagements/{w.engagement}/library-proposals"), 404)
    # only a buyer member of the source engagement decides
    expect(w.provider.post(f"/library-proposals/{proposal['id']}/decision", {"approve": True}), 403)
    expect(w.outsider.post(f"/library-proposals/{proposal['id']}/decision", {"approve": True}), 404)
    err = expect(w.buyer.post(f"/library-proposals/{proposal['id']}/decision", {"approve": False}), 422)
    assert "comment" in err["error"]["fields"]
    approved = expect(w.buyer.post(f"/library-proposals/{proposal['id']}/decision",
                                   {"approve": True, "comment": "Fine, no names"}), 200)
    assert approved["status"] == "approved" and approved["decided_by"]["name"] == "Buyer"
    expect(w.buyer.post(f"/library-proposals/{proposal['id']}/decision", {"approve": False, "comment": "x"}), 409)

    # the provider's other engagement (same provider, shared provider member) finds it — and only it
    found = expect(w.outsider.get("/library?q=prefill"), 200)
    assert [e["id"] for e in found] == [proposal["id"]] and set(found[0]) == SHARED_KEYS
    assert found[0]["learning"] == "Pre-filling the address saves about 40 s per call"
    leaked = str(found)
    for secret in (w.engagement, w.initiative, exp["id"], obs["id"], "Maria", "Fincorp", "desk 3", "Buyer"):
        assert secret not in leaked
    assert expect(w.outsider.get("/library?q=nothing-like-this"), 200) == []
    # reuse: a draft experiment inspired by it, in the reader's own initiative only
    draft = expect(w.outsider.post(f"/library/{proposal['id']}/reuse", {"initiative_id": w.other_initiative}), 201)
    assert draft["status"] == "draft" and draft["inspired_by_id"] == proposal["id"]
    assert draft["title"] == "Pre-filled address" and draft["side"] == "buyer"
    expect(w.outsider.post(f"/library/{proposal['id']}/reuse", {"initiative_id": w.initiative}), 404)

    # a look-alike engagement (same provider name, no shared provider member) sees nothing
    make_user("stranger@example.com", "Stranger")
    stranger = client_for("stranger@example.com")
    fake = expect(stranger.post("/engagements", {"name": "Fake", "buyer_name": "Rival", "provider_name": "CallCo",
                                                 "side": "buyer"}), 201)
    fake_ini = expect(stranger.post(f"/engagements/{fake['id']}/initiatives", {"title": "Copy"}), 201)
    assert expect(stranger.get("/library"), 200) == []
    expect(stranger.post(f"/library/{proposal['id']}/reuse", {"initiative_id": fake_ini["id"]}), 404)


def test_a_declined_learning_never_leaves(world):
    w = world
    exp = concluded_experiment(w, w.initiative, w.buyer, w.provider)
    proposal = expect(w.provider.post(f"/cards/{exp['id']}/library-proposals", {"tags": ["x"]}), 201)
    declined = expect(w.buyer.post(f"/library-proposals/{proposal['id']}/decision",
                                   {"approve": False, "comment": "Names the client's desk"}), 200)
    assert declined["status"] == "declined"
    assert expect(w.outsider.get("/library"), 200) == [] and expect(w.provider.get("/library"), 200) == []
    expect(w.outsider.post(f"/library/{proposal['id']}/reuse", {"initiative_id": w.other_initiative}), 404)
    listed = expect(w.buyer.get(f"/engagements/{w.engagement}/library-proposals"), 200)
    assert [(p["id"], p["status"]) for p in listed] == [(proposal["id"], "declined")]
    # a new proposal of the same learning is allowed after a decline
    expect(w.provider.post(f"/cards/{exp['id']}/library-proposals", {"learning": "Saves time"}), 201)


def test_proposals_and_decisions_notify_the_people_who_act_next(world):
    w = world
    exp = concluded_experiment(w, w.initiative, w.buyer, w.provider)
    proposal = expect(w.provider.post(f"/cards/{exp['id']}/library-proposals", {"title": "Pre-fill the address"}), 201)
    for persona in ("buyer_admin", "buyer", "sponsor", "sponsor2"):  # every buyer member who may decide
        notes = [n for n in expect(getattr(w, persona).get("/notifications"), 200) if n["kind"] == "library_pending"]
        assert len(notes) == 1, persona
        assert notes[0]["card_id"] == exp["id"] and notes[0]["engagement_id"] == w.engagement
        assert "Pre-fill the address" in notes[0]["text"] and notes[0]["actor"]["name"] == "Provider"
    for persona in ("viewer", "provider", "facilitator", "outsider"):  # viewers cannot decide; never the other side
        assert not [n for n in expect(getattr(w, persona).get("/notifications"), 200) if n["kind"].startswith("library")]
    expect(w.sponsor.post(f"/library-proposals/{proposal['id']}/decision",
                          {"approve": False, "comment": "Names our desk"}), 200)
    decided = [n for n in expect(w.provider.get("/notifications"), 200) if n["kind"] == "library_decided"]
    assert len(decided) == 1 and "declined" in decided[0]["text"] and "Names our desk" in decided[0]["text"]
    assert not [n for n in expect(w.facilitator.get("/notifications"), 200) if n["kind"] == "library_decided"]


def test_the_library_of_one_engagement_holds_only_its_providers_learnings(world, make_user, client_for, add_member):
    w = world
    exp = concluded_experiment(w, w.initiative, w.buyer, w.provider, title="CallCo learning")
    ours = expect(w.provider.post(f"/cards/{exp['id']}/library-proposals", {}), 201)
    expect(w.buyer.post(f"/library-proposals/{ours['id']}/decision", {"approve": True}), 200)
    # the same provider member also works for another provider's engagement
    make_user("client3@example.com", "Client Three")
    client3 = client_for("client3@example.com")
    third = expect(w.provider.post("/engagements", {"name": "Side job", "buyer_name": "Shopco",
                                                    "provider_name": "OtherCo", "side": "provider"}), 201)
    add_member(third["id"], "client3@example.com", "buyer")
    ini = expect(w.provider.post(f"/engagements/{third['id']}/initiatives", {"title": "Returns"}), 201)
    exp3 = concluded_experiment(w, ini["id"], client3, w.provider, title="OtherCo learning")
    theirs = expect(w.provider.post(f"/cards/{exp3['id']}/library-proposals", {}), 201)
    expect(client3.post(f"/library-proposals/{theirs['id']}/decision", {"approve": True}), 200)

    assert {e["title"] for e in expect(w.provider.get("/library"), 200)} == {"CallCo learning", "OtherCo learning"}
    assert [e["id"] for e in expect(w.provider.get(f"/library?engagement={w.engagement}"), 200)] == [ours["id"]]
    assert [e["id"] for e in expect(w.provider.get(f"/library?engagement={w.other_engagement}"), 200)] == [ours["id"]]
    assert [e["id"] for e in expect(w.provider.get(f"/library?engagement={third['id']}&q=otherco"), 200)] == [theirs["id"]]
    assert expect(w.provider.get(f"/library?engagement={third['id']}&q=callco"), 200) == []
    expect(w.outsider.get(f"/library?engagement={w.engagement}"), 404)  # not a member: as if it did not exist
    expect(w.outsider.get("/library?engagement=no-such-engagement"), 404)


def test_naming_a_provider_and_adding_its_staff_without_their_consent_reveals_nothing(world, make_user, client_for):
    """The attack: any account creates an engagement naming the provider, adds one of the provider's
    staff, and reads that provider's approved learnings from other buyers. Only an accepted membership
    links engagements, and only its owner accepts it."""
    w = world
    exp = concluded_experiment(w, w.initiative, w.buyer, w.provider, title="CallCo learning")
    entry = expect(w.provider.post(f"/cards/{exp['id']}/library-proposals", {}), 201)
    expect(w.buyer.post(f"/library-proposals/{entry['id']}/decision", {"approve": True}), 200)
    make_user("mallory@rival.example", "Mallory")
    mallory = client_for("mallory@rival.example")
    fake = expect(mallory.post("/engagements", {"name": "Totally real", "buyer_name": "Rival",
                                                "provider_name": " callco ", "side": "buyer"}), 201)["id"]

    def what_mallory_sees() -> list:
        return [*expect(mallory.get("/library"), 200), *expect(mallory.get(f"/library?engagement={fake}"), 200),
                *[r for r in expect(mallory.get(f"/engagements/{fake}/search?q=callco"), 200) if r["type"] == "library"]]

    # adding the provider's staff member directly is no longer possible
    added = mallory.post(f"/engagements/{fake}/members", {"email": "provider@example.com", "side": "provider",
                                                          "roles": ["member"]})
    assert what_mallory_sees() == []
    assert added.status_code in (404, 405)
    assert provider_ids(expect(mallory.get(f"/engagements/{fake}"), 200)) == []
    # an invitation alone links nothing, and a declined one never will
    invitation = expect(mallory.post(f"/engagements/{fake}/invitations", {"email": "provider@example.com",
                                                                          "side": "provider"}), 201)
    assert what_mallory_sees() == []
    error_body = expect(mallory.post(f"/invitations/{invitation['link'].rsplit('/', 1)[1]}/accept"), 403)
    assert error_body["error"]["code"] == "wrong_account" and what_mallory_sees() == []
    expect(w.provider.post(f"/me/invitations/{invitation['id']}/decline"), 200)
    assert what_mallory_sees() == []
    # only the staff member's own yes makes the link, as it should
    again = expect(mallory.post(f"/engagements/{fake}/invitations", {"email": "provider@example.com",
                                                                     "side": "provider"}), 201)
    expect(w.provider.post(f"/me/invitations/{again['id']}/accept"), 200)
    assert [e["id"] for e in expect(mallory.get("/library"), 200)] == [entry["id"]]


def provider_ids(engagement: dict) -> list[str]:
    return [m["user"]["id"] for m in engagement["members"] if m["side"] == "provider"]
