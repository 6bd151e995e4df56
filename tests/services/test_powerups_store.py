"""Power-ups read from a real database (SQLite and PostgreSQL), after writes made through HTTP: the facts
replayed from the event log are those of the rows now, and a past moment keeps what stood then."""
from __future__ import annotations

from board import db, powerups
from board.powerups import Story
from tests.support.api import expect
from tests.support.scenarios import build, card, patch, post


def read(app, fn):
    """``fn()`` in an app context with a session of its own (nothing left behind for the next request)."""
    with app.app_context():
        try:
            return fn()
        finally:
            db.session.remove()


def levels(meters: dict) -> tuple[int, int, int]:
    return meters["courage"]["level"], meters["budget"]["level"], meters["story"]["level"]


def test_the_facts_replayed_from_the_event_log_are_the_facts_of_the_rows_now(app, world):
    w, ini = world, world.initiative
    made = build(world)
    # the kinds of change a replay must follow: grants revoked, citations replaced and of deleted or restored
    # cards, titles changed after a request, experiments moving and deleted, decisions either way
    first = expect(w.buyer.get(f"/initiatives/{ini}/access-grants"), 200)[0]
    post(w.buyer_admin, f"/initiatives/{ini}/access-grants", {"scope": "process"})
    post(w.buyer, f"/access-grants/{first['id']}/revoke", status=200)
    post(w.buyer, f"/initiatives/{ini}/access-grants", {"scope": "customers"})
    contact = post(w.provider, f"/initiatives/{ini}/shadowing-sessions", {"host": "Bo", "customer_contact": True})
    heard = card(w.provider, ini, kind="observation", text="Customers ask for a callback",
                 shadowing_session_id=contact["id"])
    retold = patch(w.buyer, made["stories"]["plain"], evidence=[heard["id"]], title="Customers want a callback")
    gone, back = made["obs"][1], made["obs"][2]
    expect(w.provider.delete(f"/cards/{gone['id']}", {"version": gone["version"]}), 200)
    expect(w.provider.delete(f"/cards/{back['id']}", {"version": back["version"]}), 200)
    post(w.provider, f"/cards/{back['id']}/restore", status=200)
    pilot = card(w.provider, ini, kind="experiment", title="Callback pilot", audience="customers",
                 evidence=[retold["id"]])
    for status in ("proposed", "running"):
        pilot = patch(w.provider, pilot, status=status)
    patch(w.provider, made["published"], title="Prefilled addresses")
    draft = made["draft"]
    expect(w.provider.delete(f"/cards/{draft['id']}", {"version": draft["version"]}), 200)
    shadowing = post(w.provider, f"/initiatives/{ini}/budget-requests", {"amount": 40, "currency": "EUR"})
    post(w.sponsor, f"/budget-requests/{shadowing['id']}/decision", {"approve": False, "comment": "not now"})

    def both():
        now = db.utcnow()
        return powerups.facts_at(powerups.gather_timeline(ini), now), powerups.gather(ini, now)

    replayed, rows = read(app, both)
    assert replayed == rows
    # and they are the facts of this board, not two empty lists
    assert [g.live for g in rows.grants] == [False, True, True]
    assert rows.stories == [Story("Customers want a callback", False, frozenset({contact["id"]})),
                            Story("Story with three observations", False, frozenset({back["shadowing_session_id"]})),
                            Story("Story told to the sponsor", True, frozenset())]
    assert [(b.label, b.status) for b in rows.budgets] == [
        ("'Prefilled addresses'", "approved"), ("an experiment", "pending"), ("shadowing", "rejected")]
    meters = powerups.compute(rows)
    assert levels(meters) == (3, 2, 3)
    assert meters == expect(w.viewer.get(f"/initiatives/{ini}/power-ups"), 200)


def test_removing_a_citation_today_leaves_the_story_level_of_the_past(app, world):
    w, ini = world, world.initiative
    obs = card(w.provider, ini, kind="observation", text="Late payers call twice")
    story = card(w.buyer, ini, kind="story", title="Late payer", evidence=[obs["id"]])
    cited_at = read(app, db.utcnow)
    assert expect(w.viewer.get(f"/initiatives/{ini}/power-ups"), 200)["story"]["level"] == 1

    patch(w.buyer, story, evidence=[])
    assert expect(w.viewer.get(f"/initiatives/{ini}/power-ups"), 200)["story"]["level"] == 0

    def then_and_now():
        tl = powerups.gather_timeline(ini)
        return powerups.levels_at(tl, cited_at)["story"], powerups.history(tl, db.utcnow())

    then, history = read(app, then_and_now)
    assert then == {"level": 1, "facts": ["Story 'Late payer' is evidenced by observations"],
                    "next": "Three evidenced stories from two shadowing sessions, or tell one story to the sponsor."}
    assert [p.levels["story"] for p in history] == [0, 1, 0]  # the observation, its citation, its removal
