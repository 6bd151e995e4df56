"""Cards (SPEC §2, §8): kind-specific fields, evidence from the same board, versioned delete and
restore, normalised tags, and author/side that belong to the caller."""
import threading
import time

from sqlalchemy import create_engine, text

from board.db import normalise_url
from tests.support.api import error, expect


def log(world, initiative=None):
    return expect(world.provider.get(f"/initiatives/{initiative or world.initiative}/events"), 200)


def cards(world):
    return expect(world.buyer.get(f"/initiatives/{world.initiative}/cards"), 200)


def create(world, client=None, initiative=None, **body):
    return (client or world.provider).post(f"/initiatives/{initiative or world.initiative}/cards", body)


def observation(world, text="Agents retype the address", **extra):
    return expect(create(world, kind="observation", text=text, **extra), 201)


def test_each_kind_takes_only_its_own_fields(world):
    before = log(world)
    for body, field in (
        ({"kind": "observation", "text": "x", "persona": "Debtor"}, "persona"),
        ({"kind": "observation", "text": "x", "hypothesis": "h"}, "hypothesis"),
        ({"kind": "story", "title": "Late payer", "text": "x"}, "text"),
        ({"kind": "story", "title": "Late payer", "status": "draft"}, "status"),
        ({"kind": "experiment", "title": "Test", "tags": ["x"]}, "tags"),
        ({"kind": "experiment", "title": "Test", "keep_pii": True}, "keep_pii"),
        ({"kind": "story", "title": "Late payer", "published": True}, "published"),
    ):
        err = error(create(world, **body), 422, "invalid", field)
        assert list(err["fields"]) == [field]
    # the kind's required text
    error(create(world, kind="observation", text="  "), 422, "invalid", "text")
    error(create(world, kind="story", persona="Debtor"), 422, "invalid", "title")
    error(create(world, kind="experiment"), 422, "invalid", "title")
    assert cards(world) == [] and log(world) == before

    obs = observation(world)
    story = expect(create(world, kind="story", title="Late payer", persona="Debtor", situation="s",
                          struggle="t", outcome="o", evidence=[obs["id"]], told=False), 201)
    assert set(story) >= {"title", "persona", "situation", "struggle", "outcome", "evidence", "told"}
    assert "text" not in story and "hypothesis" not in story and "persona" not in obs and "observation_kind" in obs
    # and an edit obeys the same rule
    before = log(world)
    error(world.buyer.patch(f"/cards/{story['id']}", {"version": 1, "observation_kind": "quote"}),
          422, "invalid", "observation_kind")
    error(world.buyer.patch(f"/cards/{obs['id']}", {"version": 1, "persona": "Debtor"}), 422, "invalid", "persona")
    error(world.buyer.patch(f"/cards/{obs['id']}", {"version": 1, "kind": "story"}), 422, "invalid", "kind")
    assert log(world) == before and expect(world.buyer.get(f"/cards/{obs['id']}"), 200) == obs


def test_story_evidence_must_be_observations_of_the_same_initiative(world):
    obs = observation(world)
    other_board = expect(world.buyer.post(f"/engagements/{world.engagement}/initiatives", {"title": "Another"}), 201)
    same_engagement_obs = expect(create(world, initiative=other_board["id"], kind="observation", text="y"), 201)
    # the provider is a member of the other engagement too: an observation there is not evidence here
    foreign_obs = expect(create(world, initiative=world.other_initiative, kind="observation", text="z"), 201)
    exp = expect(create(world, kind="experiment", title="Test"), 201)
    other_story = expect(create(world, kind="story", title="Other"), 201)
    deleted = observation(world, "gone")
    expect(world.provider.delete(f"/cards/{deleted['id']}", {"version": deleted["version"]}), 200)

    before, board = log(world), cards(world)
    for bad in (foreign_obs["id"], same_engagement_obs["id"], exp["id"], other_story["id"], deleted["id"],
                "no-such-card"):
        error(create(world, kind="story", title="Late payer", evidence=[obs["id"], bad]), 422, "invalid", "evidence")
        error(world.buyer.patch(f"/cards/{other_story['id']}", {"version": other_story["version"], "evidence": [bad]}),
              422, "invalid", "evidence")
    assert log(world) == before and cards(world) == board
    assert log(world, world.other_initiative)[-1]["data"]["id"] == foreign_obs["id"]  # nothing leaked there

    story = expect(create(world, kind="story", title="Late payer", evidence=[obs["id"], obs["id"]]), 201)
    assert story["evidence"] == [obs["id"]]
    second = observation(world, "Second")
    story = expect(world.buyer.patch(f"/cards/{story['id']}", {"version": story["version"],
                                                               "evidence": [obs["id"], second["id"]]}), 200)
    assert story["evidence"] == [obs["id"], second["id"]]


def test_delete_needs_the_version_and_restore_brings_the_card_back(world):
    card = observation(world)
    card = expect(world.buyer.patch(f"/cards/{card['id']}", {"version": 1, "text": "Retyped twice"}), 200)
    before = log(world)
    error(world.provider.delete(f"/cards/{card['id']}"), 422, "invalid", "version")
    error(world.provider.delete(f"/cards/{card['id']}", {}), 422, "invalid", "version")
    err = error(world.provider.delete(f"/cards/{card['id']}", {"version": 1}), 409, "stale_version")
    assert err["current"] == card
    error(world.viewer.delete(f"/cards/{card['id']}", {"version": card["version"]}), 403)
    error(world.outsider.delete(f"/cards/{card['id']}", {"version": card["version"]}), 404)
    assert log(world) == before and cards(world) == [card]

    expect(world.provider.delete(f"/cards/{card['id']}", {"version": card["version"]}), 200)
    assert log(world)[-1]["type"] == "card.deleted" and log(world)[-1]["data"]["id"] == card["id"]
    for response in (world.buyer.get(f"/cards/{card['id']}"),
                     world.buyer.patch(f"/cards/{card['id']}", {"version": card["version"] + 1, "text": "x"}),
                     world.buyer.delete(f"/cards/{card['id']}", {"version": card["version"] + 1}),
                     world.buyer.get(f"/cards/{card['id']}/comments")):
        error(response, 404, "not_found")
    assert cards(world) == []

    error(world.outsider.post(f"/cards/{card['id']}/restore"), 404)
    error(world.viewer.post(f"/cards/{card['id']}/restore"), 403)
    restored = expect(world.buyer.post(f"/cards/{card['id']}/restore"), 200)
    assert restored["text"] == "Retyped twice" and restored["author"] == card["author"]
    assert log(world)[-1]["type"] == "card.restored"
    assert expect(world.buyer.get(f"/cards/{card['id']}"), 200) == restored and cards(world) == [restored]
    error(world.buyer.post(f"/cards/{card['id']}/restore"), 409)  # not deleted


def test_tags_are_normalised(world):
    card = observation(world, tags=["Billing", "billing", "Retype", "multi-step", "BILLING"])
    assert card["tags"] == ["billing", "retype", "multi-step"]
    card = expect(world.buyer.patch(f"/cards/{card['id']}", {"version": card["version"], "tags": ["Address", "address"]}), 200)
    assert card["tags"] == ["address"]
    assert observation(world, "no tags")["tags"] == []
    before = log(world)
    for bad in (["two words"], ["#hash"], ["x" * 41], [""], ["ok"] * 21, "billing", [5]):
        error(create(world, kind="observation", text="x", tags=bad), 422, "invalid")
    assert log(world) == before


def test_author_and_side_are_the_callers_and_read_only(world):
    mine = observation(world)
    assert mine["author"]["name"] == "Provider" and mine["side"] == "provider"
    buyer_card = expect(create(world, client=world.sponsor, kind="story", title="Debtor story"), 201)
    assert buyer_card["author"]["name"] == "Sponsor" and buyer_card["side"] == "buyer"
    before = log(world)
    for field, value in (("author", {"id": world.users["buyer"], "name": "Buyer"}), ("author", "Buyer"),
                         ("side", "buyer"), ("id", "my-own-id"), ("version", 7), ("initiative_id", "x"),
                         ("created_at", "2024-01-01T00:00:00+00:00")):
        err = error(create(world, kind="observation", text="x", **{field: value}), 422, "invalid", field)
        assert err["fields"][field] == ["Unknown field."]
        if field != "version":  # a PATCH carries the version it is based on
            error(world.buyer.patch(f"/cards/{mine['id']}", {"version": mine["version"], field: value}),
                  422, "invalid", field)
    assert log(world) == before
    assert sorted(c["id"] for c in cards(world)) == sorted([mine["id"], buyer_card["id"]])
    # co-authoring: a buyer edits the provider's card; author and side stay the provider's
    edited = expect(world.buyer.patch(f"/cards/{mine['id']}", {"version": mine["version"], "text": "Edited"}), 200)
    assert edited["author"] == mine["author"] and edited["side"] == "provider"
    assert log(world)[-1]["actor"]["name"] == "Buyer"


def test_viewers_read_but_do_not_write_and_outsiders_see_nothing(world):
    card = observation(world)
    before = log(world)
    error(create(world, client=world.viewer, kind="observation", text="x"), 403)
    error(world.viewer.patch(f"/cards/{card['id']}", {"version": 1, "text": "x"}), 403)
    error(create(world, client=world.outsider, kind="observation", text="x"), 404)
    error(world.outsider.get(f"/cards/{card['id']}"), 404)
    error(world.outsider.patch(f"/cards/{card['id']}", {"version": 1, "text": "x"}), 404)
    assert expect(world.viewer.get(f"/cards/{card['id']}"), 200) == card
    assert log(world) == before


def test_observation_shadowing_session_must_be_of_this_initiative(world):
    here = expect(world.provider.post(f"/initiatives/{world.initiative}/shadowing-sessions", {"host": "Maria"}), 201)
    there = expect(world.provider.post(f"/initiatives/{world.other_initiative}/shadowing-sessions", {"host": "Ann"}), 201)
    before = log(world)
    error(create(world, kind="observation", text="x", shadowing_session_id=there["id"]), 422, "invalid",
          "shadowing_session_id")
    error(create(world, kind="observation", text="x", shadowing_session_id="nope"), 422, "invalid",
          "shadowing_session_id")
    assert log(world) == before
    assert observation(world, shadowing_session_id=here["id"])["shadowing_session_id"] == here["id"]


def test_an_edit_racing_a_committed_one_is_409_and_keeps_the_winner(world, database_url):
    """Another writer commits a new version between the edit's read and its UPDATE: the edit's
    version-checked UPDATE matches nothing, so the client gets a 409 and the winner's text stays.

    PostgreSQL reads the old version and blocks on the row until the other writer commits (the
    test waits until it does); SQLite serialises writers, so there the edit reads the new version.
    """
    card = observation(world, text="Before")
    other = create_engine(normalise_url(database_url))
    answer: list = []
    with other.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        conn.execute(text("UPDATE cards SET version = version + 1, text = 'Theirs' WHERE id = :id"), {"id": card["id"]})
        edit = threading.Thread(target=lambda: answer.append(
            world.buyer.patch(f"/cards/{card['id']}", {"version": card["version"], "text": "Mine"})))
        edit.start()
        if conn.dialect.name == "postgresql":
            waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE cards%'")
            with other.connect() as watch:
                deadline = time.monotonic() + 10
                while not (blocked := watch.execute(waiting).scalar()) and time.monotonic() < deadline:
                    watch.rollback()  # a new snapshot of pg_stat_activity
                    time.sleep(0.02)
                assert blocked == 1, "the edit never reached its UPDATE"
        else:
            time.sleep(0.3)
        conn.commit()
    edit.join(30)
    other.dispose()
    assert error(answer[0], 409)["code"] in ("conflict", "stale_version")
    now = expect(world.buyer.get(f"/cards/{card['id']}"), 200)
    assert (now["text"], now["version"]) == ("Theirs", card["version"] + 1)
    assert [e["type"] for e in log(world)][-1] == "card.created"  # the lost edit logged nothing
