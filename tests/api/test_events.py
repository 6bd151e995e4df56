"""The event log (SPEC §2, §8): every change appends one event, numbered gap-free per initiative,
with actor and time; ``?after=N`` replays the rest in order; concurrent writers never leave a gap."""
import threading
from datetime import datetime, timedelta, timezone

from tests.support.api import ApiClient, expect


def events(world, after=0, client=None, initiative=None, **query):
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    return expect((client or world.viewer).get(
        f"/initiatives/{initiative or world.initiative}/events?after={after}{extra}"), 200)


def assert_gap_free(log, initiative):
    assert [e["seq"] for e in log] == list(range(1, len(log) + 1))
    assert all(e["initiative"] == initiative for e in log)


def test_every_change_appends_exactly_its_events(world):
    i = world.initiative
    state = {}
    start = datetime.now(timezone.utc) - timedelta(seconds=5)

    def card_path(key):
        return lambda: f"/cards/{state[key]['id']}"

    steps = [
        # (persona, method, path, body or body factory, key to remember the answer, event types it appends)
        ("buyer", "PATCH", lambda: f"/initiatives/{i}", lambda: {"version": 1, "status": "shadowing"}, None,
         ["initiative.updated"]),
        ("buyer", "POST", lambda: f"/initiatives/{i}/kpis", {"name": "Cost per case"}, "kpi", ["kpi.created"]),
        ("buyer", "POST", lambda: f"/initiatives/{i}/kpis/agree", {}, None, ["kpis.agreed"]),
        ("buyer", "POST", lambda: f"/initiatives/{i}/kpis/agree", {}, None, []),  # already agreed: no change
        ("provider", "POST", lambda: f"/initiatives/{i}/kpis/agree", {}, None, ["kpis.agreed"]),
        ("provider", "PATCH", lambda: f"/kpis/{state['kpi']['id']}", lambda: {"version": 1, "target": 3}, None,
         ["kpis.agreement_withdrawn", "kpi.updated"]),  # documented: the withdrawal is its own event
        ("buyer", "POST", lambda: f"/initiatives/{i}/access-grants", {"scope": "customers"}, "grant", ["grant.created"]),
        ("buyer", "POST", lambda: f"/access-grants/{state['grant']['id']}/revoke", {}, None, ["grant.revoked"]),
        ("provider", "POST", lambda: f"/initiatives/{i}/shadowing-sessions", {"host": "Maria"}, "session",
         ["shadowing.created"]),
        ("provider", "PATCH", lambda: f"/shadowing-sessions/{state['session']['id']}",
         lambda: {"version": 1, "duration_minutes": 45}, None, ["shadowing.updated"]),
        ("provider", "POST", lambda: f"/initiatives/{i}/cards", {"kind": "observation", "text": "Retypes"}, "obs",
         ["card.created"]),
        ("buyer", "PATCH", card_path("obs"), lambda: {"version": 1, "tags": ["address"]}, None, ["card.updated"]),
        ("buyer", "PATCH", card_path("obs"), lambda: {"version": 2, "tags": ["address"]}, None, []),  # no change
        ("buyer", "POST", lambda: f"/cards/{state['obs']['id']}/comments", {"text": "Seen it too"}, None,
         ["comment.created"]),
        ("provider", "POST", lambda: f"/initiatives/{i}/cards", {"kind": "experiment", "title": "Pilot"}, "exp",
         ["card.created"]),
        ("provider", "POST", lambda: f"/cards/{state['exp']['id']}/budget-requests", {"amount": 9, "currency": "EUR"},
         "req", ["budget.requested"]),
        # an approval for an experiment with nothing pending and nothing overspent: budget level 3
        ("sponsor", "POST", lambda: f"/budget-requests/{state['req']['id']}/decision", {"approve": True}, None,
         ["budget.decided", "power_ups.changed"]),
        ("provider", "POST", lambda: f"/cards/{state['exp']['id']}/spend", {"amount": 4}, None,
         ["spend.recorded", "power_ups.changed"]),  # the facts say what is spent
        ("provider", "DELETE", card_path("obs"), lambda: {"version": 2}, None, ["card.deleted"]),
        ("buyer", "POST", lambda: f"/cards/{state['obs']['id']}/restore", {}, None, ["card.restored"]),
    ]
    seen = events(world)
    assert [e["type"] for e in seen] == ["initiative.created"]
    for persona, method, path, body, key, types in steps:
        body = body() if callable(body) else body
        response = getattr(world, persona).request(method, path(), json=body)
        assert response.status_code in (200, 201), (persona, method, path(), response.get_data(as_text=True))
        if key:
            state[key] = response.get_json()
        new = events(world, after=seen[-1]["seq"])
        assert [e["type"] for e in new] == types, (method, path())
        for e in new:
            if e["type"] == "power_ups.changed":  # derived from the write: nobody's own act
                assert e["actor"] is None
            else:
                assert e["actor"]["id"] == world.users[persona] and e["actor"]["name"]
            at = datetime.fromisoformat(e["at"])
            assert at.tzinfo is not None and start <= at <= datetime.now(timezone.utc) + timedelta(seconds=5)
            assert isinstance(e["data"], dict)
        seen += new
    assert_gap_free(seen, i)
    assert seen == events(world)
    assert expect(world.buyer.get(f"/initiatives/{i}"), 200)["seq"] == len(seen)
    # the events carry what changed
    by_type = {e["type"]: e["data"] for e in seen}
    assert by_type["card.created"]["title"] == "Pilot" and by_type["grant.revoked"]["live"] is False
    assert by_type["spend.recorded"]["amount"] == 4 and by_type["card.updated"]["changed"] == ["tags"]


def test_refused_writes_append_nothing(world):
    i = world.initiative
    card = expect(world.provider.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": "x"}), 201)
    before = events(world)
    for response in (
        world.provider.patch(f"/cards/{card['id']}", {"version": 9, "text": "stale"}),  # 409
        world.provider.patch(f"/cards/{card['id']}", {"version": 1, "persona": "x"}),  # 422
        world.viewer.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": "x"}),  # 403
        world.provider.post(f"/initiatives/{i}/access-grants", {"scope": "process"}),  # 403
        world.outsider.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": "x"}),  # 404
        world.buyer.post(f"/initiatives/{i}/kpis/agree"),  # 409, no KPIs
    ):
        assert response.status_code in (403, 404, 409, 422), response.get_data(as_text=True)
    assert events(world) == before


def test_after_replays_the_rest_in_order(world):
    i = world.initiative
    for n in range(5):
        expect(world.provider.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": f"obs {n}"}), 201)
    everything = events(world)
    assert_gap_free(everything, i)
    assert len(everything) == 6
    for after in range(0, 7):
        assert events(world, after=after) == everything[after:]
    assert events(world, after=1000) == []
    assert events(world, after=2, limit=2) == everything[2:4]
    assert expect(world.viewer.get(f"/initiatives/{i}/events"), 200) == everything  # after defaults to 0
    expect(world.outsider.get(f"/initiatives/{i}/events"), 404)


def test_seq_is_per_initiative(world):
    second = expect(world.buyer.post(f"/engagements/{world.engagement}/initiatives", {"title": "Second"}), 201)
    assert second["seq"] == 1
    expect(world.provider.post(f"/initiatives/{second['id']}/cards", {"kind": "observation", "text": "x"}), 201)
    expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "y"}), 201)
    assert_gap_free(events(world, initiative=second["id"]), second["id"])
    assert [e["seq"] for e in events(world, initiative=second["id"])] == [1, 2]
    assert [e["seq"] for e in events(world)] == [1, 2]
    assert [e["seq"] for e in events(world, client=world.outsider, initiative=world.other_initiative)] == [1]


def test_concurrent_writers_leave_no_gap(world, app):
    """Several threads, each with its own client, write to one board at once."""
    i = world.initiative
    card = expect(world.provider.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": "shared"}), 201)
    personas = ["buyer", "provider", "facilitator", "sponsor"]
    per_thread = 6
    answers: list[tuple[str, int, str]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(personas))

    def writer(persona):
        client = ApiClient(app.test_client())
        client.headers = dict(getattr(world, persona).headers)
        barrier.wait()
        for n in range(per_thread):
            if n % 3 == 0:
                r = client.post(f"/cards/{card['id']}/comments", {"text": f"{persona} {n}"})
            elif n % 3 == 1:
                r = client.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": f"{persona} {n}"})
            else:  # everyone edits the same card: some lose the race with a 409, never a 500
                current = client.get(f"/cards/{card['id']}").get_json()
                r = client.patch(f"/cards/{card['id']}", {"version": current["version"], "text": f"{persona} {n}"})
            with lock:
                answers.append((persona, r.status_code, r.get_data(as_text=True)))

    threads = [threading.Thread(target=writer, args=(p,)) for p in personas]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    assert len(answers) == len(personas) * per_thread
    assert not [a for a in answers if "locked" in a[2].lower()]
    wrong = [a for a in answers if a[1] not in (200, 201, 409)]
    assert not wrong, wrong
    conflicts = [a for a in answers if a[1] == 409]
    assert all('"stale_version"' in a[2] or '"conflict"' in a[2] for a in conflicts)

    log = events(world)
    assert_gap_free(log, i)
    written = len(answers) - len(conflicts)
    assert len(log) == 2 + written  # initiative.created, the shared card, then one event per accepted write
    assert expect(world.buyer.get(f"/initiatives/{i}"), 200)["seq"] == len(log)
    assert sum(e["type"] == "comment.created" for e in log) == len(personas) * per_thread // 3
    assert {e["actor"]["name"] for e in log[2:]} == {"Buyer", "Provider", "Facilitator", "Sponsor"}
