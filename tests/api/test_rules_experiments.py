"""Experiments (SPEC §2): draft → proposed → running → concluded, parked from any non-concluded
status; concluding records the learning; only a concluded learning is published."""
import pytest

from tests.support.api import error, expect, log


@pytest.fixture
def board(world):
    """The world with agreed KPIs, so experiments may start."""
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis", {"name": "Cost per case"}), 201)
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    return world


def new(world, **fields):
    return expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {
        "kind": "experiment", "title": "Pay-by-link", "hypothesis": "We believe a link gets paid faster",
        "test": "send links to 100 debtors", "metric": "days to pay", "criterion": "median under 5", **fields}), 201)


def move(world, card, **changes):
    return world.buyer.patch(f"/cards/{card['id']}", {"version": card["version"], **changes})


LEARNING = {"observed": "median 3 days", "learned": "links beat letters", "decision": "scale"}


def walk(world, card, *statuses):
    """Move a card through statuses (concluding with a learning); the card as it ends."""
    for status in statuses:
        extra = LEARNING if status == "concluded" else {}
        card = expect(move(world, card, status=status, **extra), 200)
        assert card["status"] == status
    return card


def test_the_happy_path_draft_proposed_running_concluded(board):
    card = new(board)
    assert card["status"] == "draft" and card["audience"] == "staff" and card["published"] is False
    seq = log(board)[-1]["seq"]
    done = walk(board, card, "proposed", "running", "concluded")
    assert done["version"] == card["version"] + 3
    assert {k: done[k] for k in LEARNING} == LEARNING
    events = log(board)[-3:]
    assert [e["seq"] for e in events] == [seq + 1, seq + 2, seq + 3]
    assert [e["data"]["status"] for e in events] == ["proposed", "running", "concluded"]
    assert all(e["type"] == "card.updated" and "status" in e["data"]["changed"] for e in events)


def test_parked_from_any_status_but_concluded(board):
    for path in ((), ("proposed",), ("proposed", "running")):
        card = walk(board, new(board, title=f"From {path[-1] if path else 'draft'}"), *path)
        parked = walk(board, card, "parked")
        assert parked["status"] == "parked"
        # and from parked back to draft or proposed (never straight to running)
        assert walk(board, parked, "draft" if path else "proposed")["status"] in ("draft", "proposed")


def test_a_concluded_experiment_stays_concluded(board):
    card = walk(board, new(board), "proposed", "running", "concluded")
    before = log(board)
    for status in ("parked", "running", "draft", "proposed"):
        err = error(move(board, card, status=status), 409, "bad_transition")
        assert "concluded" in err["message"]
    assert expect(board.buyer.get(f"/cards/{card['id']}"), 200) == card
    assert log(board) == before


BAD_TRANSITIONS = [  # from (reached by this path), to, what the error names as allowed
    ((), "running", "parked, proposed"),
    ((), "concluded", "parked, proposed"),
    (("proposed",), "concluded", "draft, parked, running"),
    (("proposed", "running"), "draft", "concluded, parked"),
    (("proposed", "running"), "proposed", "concluded, parked"),
    (("parked",), "running", "draft, proposed"),
    (("parked",), "concluded", "draft, proposed"),
]


def test_bad_transitions_are_409_naming_the_allowed_ones(board):
    for path, to, allowed in BAD_TRANSITIONS:
        card = walk(board, new(board), *path)
        before = log(board)
        err = error(move(board, card, status=to, **LEARNING), 409, "bad_transition")
        assert err["message"].endswith(f"it can go to {allowed}."), (path, to, err["message"])
        assert expect(board.buyer.get(f"/cards/{card['id']}"), 200) == card
        assert log(board) == before


def test_concluding_needs_learned_and_decision(board):
    card = walk(board, new(board), "proposed", "running")
    before = log(board)
    error(move(board, card, status="concluded"), 422, "invalid", "learned")
    error(move(board, card, status="concluded", observed="x", learned=""), 422, "invalid", "learned")
    error(move(board, card, status="concluded", learned="links beat letters"), 422, "invalid", "decision")
    error(move(board, card, status="concluded", learned="links", decision="maybe"), 422, "invalid", "decision")
    assert expect(board.buyer.get(f"/cards/{card['id']}"), 200) == card and log(board) == before
    # a learning recorded earlier counts
    card = expect(move(board, card, learned="links beat letters", decision="persevere"), 200)
    done = expect(move(board, card, status="concluded"), 200)
    assert done["status"] == "concluded" and done["decision"] == "persevere"
    # and a concluded experiment keeps its learning
    before = log(board)
    error(move(board, done, learned=None), 422, "invalid", "learned")
    error(move(board, done, decision=None), 422, "invalid", "decision")
    error(move(board, done, audience="customers"), 409)
    assert expect(board.buyer.get(f"/cards/{card['id']}"), 200) == done and log(board) == before


def test_published_only_when_concluded(board):
    error(board.provider.post(f"/initiatives/{board.initiative}/cards", {
        "kind": "experiment", "title": "x", "published": True}), 422, "invalid", "published")
    card = new(board)
    for status in ((), ("proposed",), ("running",), ("parked",)):
        card = walk(board, card, *status)
        before = log(board)
        error(move(board, card, published=True), 422, "invalid", "published")
        assert expect(board.buyer.get(f"/cards/{card['id']}"), 200) == card and log(board) == before
        if status == ("running",):
            error(move(board, card, status="parked", published=True), 422, "invalid", "published")
        if status == ("parked",):
            card = walk(board, card, "proposed", "running")
    done = walk(board, card, "concluded")
    published = expect(move(board, done, published=True), 200)
    assert published["published"] is True
    # concluding and publishing at once is fine too
    other = walk(board, new(board, title="Other"), "proposed", "running")
    assert expect(move(board, other, status="concluded", published=True, **LEARNING), 200)["published"] is True


def test_a_new_experiment_starts_as_draft_or_proposed(board):
    before = log(board)
    for status in ("running", "concluded", "parked"):
        error(board.provider.post(f"/initiatives/{board.initiative}/cards", {
            "kind": "experiment", "title": "x", "status": status}), 422, "invalid", "status")
    assert log(board) == before
    assert new(board, status="proposed")["status"] == "proposed"


def test_status_cannot_be_null(board):
    card = new(board)
    before = log(board)
    error(move(board, card, status=None), 422, "invalid", "status")
    error(move(board, card, audience=None), 422, "invalid", "audience")
    assert expect(board.buyer.get(f"/cards/{card['id']}"), 200) == card and log(board) == before
