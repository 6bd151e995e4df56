"""Power-ups through HTTP (SPEC §3): each level earned from recorded facts, cumulative, with the
concrete facts listed beside it — and pushed: after every write the log's last ``power_ups.changed``
is exactly what ``GET /power-ups`` answers."""
from board.services.derived import levels_of_nothing
from tests.support.api import expect, log


def ups(world, client=None):
    body = expect((client or world.viewer).get(f"/initiatives/{world.initiative}/power-ups"), 200)
    pushed = [e["data"] for e in log(world) if e["type"] == "power_ups.changed"]
    assert (pushed[-1] if pushed else levels_of_nothing()) == body
    return body


def level(world, name):
    meter = ups(world)[name]
    return meter["level"], meter["facts"]


def post(client, path, body, status=201):
    return expect(client.post(path, body), status)


def agree_kpis(world):
    post(world.buyer, f"/initiatives/{world.initiative}/kpis", {"name": "Cost per case"})
    post(world.buyer, f"/initiatives/{world.initiative}/kpis/agree", {}, 200)
    post(world.provider, f"/initiatives/{world.initiative}/kpis/agree", {}, 200)


def experiment(world, title, **fields):
    return post(world.provider, f"/initiatives/{world.initiative}/cards",
                {"kind": "experiment", "title": title, "status": "proposed", **fields})


def move(world, card, **changes):
    return expect(world.buyer.patch(f"/cards/{card['id']}", {"version": card["version"], **changes}), 200)


def grant(world, scope, client=None):
    return post(client or world.buyer, f"/initiatives/{world.initiative}/access-grants", {"scope": scope})


def contact_session(world, host="Maria", day="2025-03-04"):
    return post(world.provider, f"/initiatives/{world.initiative}/shadowing-sessions", {
        "host": host, "started_at": f"{day}T10:00:00+00:00", "duration_minutes": 60, "customer_contact": True})


def test_nothing_recorded_is_level_zero_everywhere(world):
    meters = ups(world)
    assert set(meters) == {"courage", "budget", "story"}
    for meter in meters.values():
        assert meter["level"] == 0 and meter["facts"] == [] and meter["next"]
    expect(world.outsider.get(f"/initiatives/{world.initiative}/power-ups"), 404)


def test_courage_climbs_with_each_recorded_fact(world):
    agree_kpis(world)
    process = grant(world, "process")
    process_fact = f"Live 'process' access granted by Buyer on {process['granted_at'][:10]}"
    assert level(world, "courage") == (1, [process_fact])

    customers = grant(world, "customers", world.sponsor)
    customers_fact = f"Live 'customers' access granted by Sponsor on {customers['granted_at'][:10]}"
    assert level(world, "courage") == (1, [process_fact])  # a grant alone is not level 2
    contact_session(world)
    contact_fact = "Shadowed Maria with customers in contact on 2025-03-04"
    assert level(world, "courage") == (2, [process_fact, customers_fact, contact_fact])

    card = experiment(world, "Call-back", audience="customers")
    assert level(world, "courage")[0] == 2  # proposed is not running
    card = move(world, card, status="running")
    assert level(world, "courage") == (3, [process_fact, customers_fact, contact_fact,
                                           "Experiment 'Call-back' with customers is running"])
    assert ups(world)["courage"]["next"] is None
    move(world, card, status="concluded", learned="they like it", decision="scale")
    assert level(world, "courage")[1][-1] == "Experiment 'Call-back' with customers is concluded"

    # revoking the lowest step takes every level away
    post(world.buyer, f"/access-grants/{process['id']}/revoke", {}, 200)
    assert level(world, "courage") == (0, [])


def test_courage_higher_steps_without_the_lower_do_not_count(world):
    agree_kpis(world)
    customers = grant(world, "customers")
    contact_session(world)
    staff = move(world, experiment(world, "Script"), status="running")
    move(world, experiment(world, "Call-back", audience="customers"), status="running")
    assert staff["audience"] == "staff"
    assert level(world, "courage") == (0, [])  # no process grant: nothing counts

    grant(world, "process")
    assert level(world, "courage")[0] == 3
    post(world.buyer, f"/access-grants/{customers['id']}/revoke", {}, 200)
    lvl, facts = level(world, "courage")
    assert lvl == 1 and len(facts) == 1 and facts[0].startswith("Live 'process' access")
    assert ups(world)["courage"]["next"] == "A live 'customers' grant and a shadowing session with customer contact."


def test_budget_climbs_with_approvals_and_settles_when_nothing_is_pending(world):
    base = f"/initiatives/{world.initiative}"
    shadowing = post(world.provider, f"{base}/budget-requests", {"amount": 500, "currency": "EUR"})
    assert level(world, "budget") == (0, [])  # pending is not approved
    post(world.sponsor, f"/budget-requests/{shadowing['id']}/decision", {"approve": True, "amount": 300})
    assert level(world, "budget") == (1, ["€300.00 approved for shadowing"])  # no experiment yet

    card = experiment(world, "Pilot")
    req = post(world.provider, f"/cards/{card['id']}/budget-requests", {"amount": 1500, "currency": "EUR"})
    assert level(world, "budget")[0] == 1
    post(world.sponsor2, f"/budget-requests/{req['id']}/decision", {"approve": True})
    approved = ["€300.00 approved for shadowing", "€1,500.00 approved for 'Pilot'"]
    assert level(world, "budget") == (3, approved + [
        "Budget approved for experiment 'Pilot'", "No budget request pending",
        "€0.00 of €300.00 spent for shadowing", "€0.00 of €1,500.00 spent for 'Pilot'"])

    post(world.provider, f"/cards/{card['id']}/spend", {"amount": 100.5})
    assert level(world, "budget")[1][-1] == "€100.50 of €1,500.00 spent for 'Pilot'"

    pending = post(world.provider, f"/cards/{card['id']}/budget-requests", {"amount": 10, "currency": "EUR"})
    meter = ups(world)["budget"]
    assert (meter["level"], meter["facts"]) == (2, approved + ["Budget approved for experiment 'Pilot'"])
    assert meter["next"] == "A sponsor decides the pending request."
    post(world.sponsor, f"/budget-requests/{pending['id']}/decision", {"approve": False, "comment": "No"})
    assert level(world, "budget")[0] == 3


def test_budget_facts_name_each_budget_in_its_own_currency(world):
    shadowing = post(world.provider, f"/initiatives/{world.initiative}/budget-requests", {"amount": 80, "currency": "GBP"})
    post(world.sponsor, f"/budget-requests/{shadowing['id']}/decision", {"approve": True})
    card = experiment(world, "Pilot")
    req = post(world.provider, f"/cards/{card['id']}/budget-requests", {"amount": 2000, "currency": "USD"})
    post(world.sponsor, f"/budget-requests/{req['id']}/decision", {"approve": True})
    post(world.provider, f"/cards/{card['id']}/spend", {"amount": 5})
    assert level(world, "budget") == (3, [
        "£80.00 approved for shadowing", "US$2,000.00 approved for 'Pilot'",
        "Budget approved for experiment 'Pilot'", "No budget request pending",
        "£0.00 of £80.00 spent for shadowing", "US$5.00 of US$2,000.00 spent for 'Pilot'"])


def test_budget_without_an_approval_is_level_zero_even_when_settled(world):
    card = experiment(world, "Pilot")
    req = post(world.provider, f"/cards/{card['id']}/budget-requests", {"amount": 100, "currency": "EUR"})
    post(world.sponsor, f"/budget-requests/{req['id']}/decision", {"approve": False, "comment": "Not now"})
    meter = ups(world)["budget"]
    assert (meter["level"], meter["facts"]) == (0, []) and meter["next"] == "A sponsor approves a budget."


def _observation(world, text, session=None):
    body = {"kind": "observation", "text": text}
    if session:
        body["shadowing_session_id"] = session["id"]
    return post(world.provider, f"/initiatives/{world.initiative}/cards", body)


def _story(world, title, evidence=(), **extra):
    return post(world.buyer, f"/initiatives/{world.initiative}/cards",
                {"kind": "story", "title": title, "evidence": list(evidence), **extra})


def _published(world, title="Pay-by-link"):
    card = move(world, experiment(world, title), status="running")
    return move(world, card, status="concluded", learned="links work", decision="scale", published=True)


def test_story_climbs_from_evidence_to_breadth_to_a_published_learning(world):
    agree_kpis(world)
    s1 = post(world.provider, f"/initiatives/{world.initiative}/shadowing-sessions", {"host": "Maria"})
    s2 = post(world.provider, f"/initiatives/{world.initiative}/shadowing-sessions", {"host": "Ann"})
    _story(world, "Unevidenced")
    assert level(world, "story") == (0, [])

    first = _observation(world, "Retypes the address", s1)
    _story(world, "Late payer", [first["id"]])
    assert level(world, "story") == (1, ["Story 'Late payer' is evidenced by observations"])

    second = _observation(world, "Calls back twice", s1)
    _story(world, "Angry caller", [second["id"]])
    third = _story(world, "Lost letter", [first["id"], second["id"]])
    assert level(world, "story")[0] == 1  # three evidenced stories, but from one session

    elsewhere = _observation(world, "Uses a paper list", s2)
    move(world, third, evidence=[elsewhere["id"]])
    assert level(world, "story") == (2, ["Story 'Late payer' is evidenced by observations",
                                         "3 evidenced stories from 2 shadowing sessions"])
    told = _story(world, "Told one")
    move(world, told, told=True)
    assert level(world, "story")[1][-1] == "Story 'Told one' was told to the sponsor"

    _published(world)
    assert level(world, "story") == (3, ["Story 'Late payer' is evidenced by observations",
                                         "3 evidenced stories from 2 shadowing sessions",
                                         "Story 'Told one' was told to the sponsor",
                                         "Learning of 'Pay-by-link' is published in the sponsor report"])


def test_story_higher_steps_without_the_lower_do_not_count(world):
    agree_kpis(world)
    _story(world, "Told, no evidence", told=True)
    _published(world)
    assert level(world, "story") == (0, [])

    obs = _observation(world, "Retypes the address")
    story = _story(world, "Late payer", [obs["id"]])
    assert level(world, "story")[0] == 3  # told + published now count, on top of the evidence

    # deleting the only evidence takes it all away again; restoring brings it back
    expect(world.provider.delete(f"/cards/{obs['id']}", {"version": obs["version"]}), 200)
    assert level(world, "story") == (0, [])
    post(world.provider, f"/cards/{obs['id']}/restore", {}, 200)
    assert level(world, "story")[0] == 3
    expect(world.buyer.delete(f"/cards/{story['id']}", {"version": story["version"]}), 200)
    assert level(world, "story") == (0, [])


def test_one_told_evidenced_story_is_level_two(world):
    obs = _observation(world, "Quote: I never got the letter")
    _story(world, "Late payer", [obs["id"]], told=True)
    assert level(world, "story") == (2, ["Story 'Late payer' is evidenced by observations",
                                         "Story 'Late payer' was told to the sponsor"])
