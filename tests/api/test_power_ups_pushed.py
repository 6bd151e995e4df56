"""Power-ups pushed once (contract C3): a write that changes an initiative's power-ups records one
``power_ups.changed`` whose data is the ``GET /power-ups`` body, in the same transaction; a move, a
text edit or a write that changes nothing derived records none."""
from sqlalchemy import event, update

from board import uow
from board.db import session
from board.models import Initiative
from board.services.derived import levels_of_nothing
from tests.support.api import expect, log


def after(world, seq):
    """The types of the events after ``seq``."""
    return [e["type"] for e in log(world) if e["seq"] > seq]


def last_seq(world):
    return log(world)[-1]["seq"]


def power_ups(world):
    return expect(world.viewer.get(f"/initiatives/{world.initiative}/power-ups"), 200)


def test_pushed_once_when_levels_change_never_on_a_move_or_a_plain_edit(world):
    base = f"/initiatives/{world.initiative}"
    obs = expect(world.provider.post(f"{base}/cards", {"kind": "observation", "text": "Retypes the address"}), 201)
    story = expect(world.buyer.post(f"{base}/cards", {"kind": "story", "title": "Late payer"}), 201)
    assert after(world, 0) == ["initiative.created", "card.created", "card.created"]

    seq = last_seq(world)
    obs = expect(world.buyer.patch(f"/cards/{obs['id']}", {"version": obs["version"], "lane_position": 0.5}), 200)
    obs = expect(world.buyer.patch(f"/cards/{obs['id']}", {"version": obs["version"], "text": "Retypes it twice"}), 200)
    story = expect(world.buyer.patch(f"/cards/{story['id']}", {"version": story["version"], "lane_position": 9}), 200)
    expect(world.buyer.post(f"/cards/{story['id']}/comments", {"text": "Seen it"}), 201)
    assert after(world, seq) == ["card.updated"] * 3 + ["comment.created"]

    # computed, but nothing derived changed: a session without customers, a pending request
    seq = last_seq(world)
    expect(world.provider.post(f"{base}/shadowing-sessions", {"host": "Maria"}), 201)
    expect(world.provider.post(f"{base}/budget-requests", {"amount": 50, "currency": "EUR"}), 201)
    assert after(world, seq) == ["shadowing.created", "budget.requested"]

    # the first grant: courage level 1, pushed once, right after the write's own event
    seq = last_seq(world)
    expect(world.buyer.post(f"{base}/access-grants", {"scope": "process"}), 201)
    new = [e for e in log(world) if e["seq"] > seq]
    assert [e["type"] for e in new] == ["grant.created", "power_ups.changed"]
    pushed = new[1]
    assert pushed["data"] == power_ups(world) and pushed["data"]["courage"]["level"] == 1
    assert pushed["actor"] is None and pushed["seq"] == new[0]["seq"] + 1

    # a story evidenced by an observation: story level 1
    seq = last_seq(world)
    expect(world.buyer.patch(f"/cards/{story['id']}", {"version": story["version"], "evidence": [obs["id"]]}), 200)
    new = [e for e in log(world) if e["seq"] > seq]
    assert [e["type"] for e in new] == ["card.updated", "power_ups.changed"]
    assert new[1]["data"] == power_ups(world) and new[1]["data"]["story"]["level"] == 1


def test_a_write_that_changes_no_level_and_no_fact_pushes_nothing(world):
    base = f"/initiatives/{world.initiative}"
    story = expect(world.buyer.post(f"{base}/cards", {"kind": "story", "title": "Told one"}), 201)
    pilot = expect(world.provider.post(f"{base}/cards", {"kind": "experiment", "title": "Pilot"}), 201)
    seq = last_seq(world)
    expect(world.buyer.patch(f"/cards/{story['id']}", {"version": story["version"], "told": True}), 200)  # unevidenced
    expect(world.buyer.post(f"{base}/access-grants", {"scope": "customers"}), 201)  # no 'process' grant below it
    expect(world.provider.patch(f"/cards/{pilot['id']}", {"version": pilot["version"], "status": "proposed"}), 200)
    assert after(world, seq) == ["card.updated", "grant.created", "card.updated"]
    assert power_ups(world) == levels_of_nothing()


def test_levels_going_down_are_pushed_too(world):
    base = f"/initiatives/{world.initiative}"
    obs = expect(world.provider.post(f"{base}/cards", {"kind": "observation", "text": "Retypes"}), 201)
    story = expect(world.buyer.post(f"{base}/cards", {"kind": "story", "title": "Late payer",
                                                      "evidence": [obs["id"]]}), 201)
    assert after(world, 0)[-2:] == ["card.created", "power_ups.changed"]  # created with its evidence
    seq = last_seq(world)
    expect(world.provider.delete(f"/cards/{obs['id']}", {"version": obs["version"]}), 200)
    assert after(world, seq) == ["card.deleted", "power_ups.changed"]
    assert log(world)[-1]["data"] == power_ups(world) == levels_of_nothing()
    seq = last_seq(world)
    expect(world.buyer.post(f"/cards/{obs['id']}/restore", {}), 200)
    assert after(world, seq) == ["card.restored", "power_ups.changed"]
    assert log(world)[-1]["data"]["story"]["level"] == 1 and story["evidence"] == [obs["id"]]


def test_a_board_with_nothing_recorded_yet_pushes_at_its_first_fact(world, app):
    # boards from before the column (or imported ones) have no last levels: the first write that may
    # change their power-ups pushes them, whatever they are
    with app.app_context():
        session.execute(update(Initiative).where(Initiative.id == world.initiative).values(power_ups=None))
        uow.commit()
    seq = last_seq(world)
    expect(world.provider.post(f"/initiatives/{world.initiative}/shadowing-sessions", {"host": "Maria"}), 201)
    assert after(world, seq) == ["shadowing.created", "power_ups.changed"]
    assert log(world)[-1]["data"] == power_ups(world)
    seq = last_seq(world)
    expect(world.provider.post(f"/initiatives/{world.initiative}/shadowing-sessions", {"host": "Ann"}), 201)
    assert after(world, seq) == ["shadowing.created"]


def test_a_text_edit_or_a_move_reads_nothing_the_power_ups_are_made_of(world, app):
    with app.app_context():
        engine = session.get_bind()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    obs = expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 201)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        edited = expect(world.buyer.patch(f"/cards/{obs['id']}", {"version": 1, "text": "Retypes it"}), 200)
        expect(world.buyer.patch(f"/cards/{obs['id']}", {"version": edited["version"], "lane_position": 3}), 200)
        expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "y"}), 201)
        assert statements and not [s for s in statements if "FROM spend" in s]  # gather() never ran
        statements.clear()
        expect(world.buyer.post(f"/initiatives/{world.initiative}/access-grants", {"scope": "process"}), 201)
        assert [s for s in statements if "FROM spend" in s]  # a grant computes them
    finally:
        event.remove(engine, "before_cursor_execute", seen)
