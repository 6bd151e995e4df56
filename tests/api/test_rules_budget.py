"""Budget (SPEC §2): sponsors decide, never their own request; less than requested, never more;
decisions are never edited; spend stays within approvals and is not recorded by the approver."""
from tests.support.api import error, expect, log


def experiment(world, **fields):
    return expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {
        "kind": "experiment", "title": "Pay-by-link", **fields}), 201)


def ask(world, card, amount=1000, client=None, currency="EUR"):
    return expect((client or world.provider).post(f"/cards/{card['id']}/budget-requests", {
        "amount": amount, "currency": currency, "purpose": "SMS gateway"}), 201)


def decide(client, req, **body):
    return client.post(f"/budget-requests/{req['id']}/decision", body)


def requests_of(world, card):
    return expect(world.buyer.get(f"/cards/{card['id']}/budget-requests"), 200)


def spend_of(world, card):
    return expect(world.buyer.get(f"/cards/{card['id']}/spend"), 200)


def test_a_request_is_pending_and_belongs_to_its_requester(world):
    card = experiment(world)
    req = ask(world, card, 1234.5)
    assert req["amount"] == 1234.5 and req["currency"] == "EUR" and req["status"] == "pending"
    assert req["card_id"] == card["id"] and req["initiative_id"] == world.initiative
    assert req["requested_by"]["name"] == "Provider" and req["decision"] is None and req["approved_amount"] == 0
    assert requests_of(world, card) == [req]
    assert log(world)[-1]["type"] == "budget.requested"


def test_only_sponsors_decide(world):
    req = ask(world, experiment(world))
    before = log(world)
    for who, status in (("buyer", 403), ("buyer_admin", 403), ("provider", 403), ("facilitator", 403),
                        ("viewer", 403), ("outsider", 404)):
        error(decide(getattr(world, who), req, approve=True), status)
    assert expect(world.buyer.get(f"/engagements/{world.engagement}/budget-requests"), 200) == [req]
    assert log(world) == before
    decided = expect(decide(world.sponsor, req, approve=True, comment="Go"), 201)
    assert decided["status"] == "approved" and decided["decision"]["decided_by"]["name"] == "Sponsor"


def test_a_sponsor_never_decides_their_own_request_but_another_sponsor_may(world):
    req = ask(world, experiment(world), client=world.sponsor)
    before = log(world)
    err = error(decide(world.sponsor, req, approve=True), 403, "own_request")
    assert "another sponsor" in err["message"]
    error(decide(world.sponsor, req, approve=False, comment="Too much"), 403, "own_request")
    assert expect(world.sponsor.get(f"/engagements/{world.engagement}/budget-requests"), 200) == [req]
    assert log(world) == before
    decided = expect(decide(world.sponsor2, req, approve=True), 201)
    assert decided["status"] == "approved" and decided["decision"]["decided_by"]["name"] == "Sponsor2"
    assert decided["approved_amount"] == 1000


def test_a_sponsor_may_approve_less_never_more(world):
    card = experiment(world)
    req = ask(world, card, 1000)
    before = log(world)
    error(decide(world.sponsor, req, approve=True, amount=1000.01), 422, "invalid", "amount")
    error(decide(world.sponsor, req, approve=True, amount=0), 422, "invalid", "amount")
    error(decide(world.sponsor, req, approve=True, amount=-5), 422, "invalid", "amount")
    assert requests_of(world, card) == [req] and log(world) == before

    decided = expect(decide(world.sponsor, req, approve=True, amount=600, comment="Start smaller"), 201)
    assert decided["status"] == "approved" and decided["amount"] == 1000 and decided["approved_amount"] == 600
    assert decided["decision"]["approve"] is True and decided["decision"]["amount"] == 600
    assert decided["decision"]["comment"] == "Start smaller"
    # approved for an experiment, nothing pending: the budget power-up climbs
    assert [e["type"] for e in log(world)[len(before):]] == ["budget.decided", "power_ups.changed"]


def test_a_rejection_needs_a_comment_and_approves_nothing(world):
    card = experiment(world)
    req = ask(world, card)
    before = log(world)
    error(decide(world.sponsor, req, approve=False), 422, "invalid", "comment")
    error(decide(world.sponsor, req, approve=False, comment="   "), 422, "invalid", "comment")
    error(decide(world.sponsor, req, approve=False, amount=10, comment="No"), 422, "invalid", "amount")
    assert requests_of(world, card) == [req] and log(world) == before
    decided = expect(decide(world.sponsor, req, approve=False, comment="Not this quarter"), 201)
    assert decided["status"] == "rejected" and decided["approved_amount"] == 0
    assert decided["decision"]["comment"] == "Not this quarter"


def test_a_decision_is_never_edited(world):
    card = experiment(world)
    req = ask(world, card)
    first = expect(decide(world.sponsor, req, approve=True, amount=500), 201)
    before = log(world)
    for sponsor, body in ((world.sponsor, {"approve": True, "amount": 900}),
                          (world.sponsor2, {"approve": False, "comment": "Changed my mind"})):
        err = error(decide(sponsor, req, **body), 409)
        assert err["current"] == first
    assert requests_of(world, card) == [first] and log(world) == before
    # a change is a new request
    second = ask(world, card, 400)
    assert expect(decide(world.sponsor2, second, approve=True), 201)["approved_amount"] == 400


def test_spend_cannot_exceed_approvals(world):
    card = experiment(world)
    expect(decide(world.sponsor, ask(world, card, 100), approve=True), 201)
    expect(decide(world.sponsor, ask(world, card, 200), approve=True, amount=50), 201)  # 150 approved in all
    first = expect(world.provider.post(f"/cards/{card['id']}/spend", {"amount": 100, "note": "SMS credits"}), 201)
    assert first["amount"] == 100 and first["currency"] == "EUR" and first["recorded_by"]["name"] == "Provider"
    before = log(world)
    err = error(world.provider.post(f"/cards/{card['id']}/spend", {"amount": 50.01}), 409, "over_budget")
    assert "150.00" in err["message"] and "100.00" in err["message"]
    assert spend_of(world, card) == [first] and log(world) == before
    last = expect(world.buyer.post(f"/cards/{card['id']}/spend", {"amount": 50}), 201)  # exactly up to approvals
    error(world.provider.post(f"/cards/{card['id']}/spend", {"amount": 0.01}), 409, "over_budget")
    assert spend_of(world, card) == [first, last]


def test_no_spend_without_an_approval(world):
    card = experiment(world)
    req = ask(world, card)
    before = log(world)
    error(world.provider.post(f"/cards/{card['id']}/spend", {"amount": 1}), 409, "over_budget")
    expect(decide(world.sponsor, req, approve=False, comment="No"), 201)
    error(world.provider.post(f"/cards/{card['id']}/spend", {"amount": 1}), 409, "over_budget")
    assert spend_of(world, card) == [] and [e["type"] for e in log(world)[len(before):]] == ["budget.decided"]


def test_who_approved_cannot_record_spend_on_it(world):
    card = experiment(world)
    expect(decide(world.sponsor, ask(world, card), approve=True), 201)
    before = log(world)
    err = error(world.sponsor.post(f"/cards/{card['id']}/spend", {"amount": 10}), 403, "own_approval")
    assert "someone else" in err["message"]
    assert spend_of(world, card) == [] and log(world) == before
    expect(world.sponsor2.post(f"/cards/{card['id']}/spend", {"amount": 10}), 201)


def test_an_experiment_that_made_requests_cannot_run_until_one_is_approved(world):
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis", {"name": "Cost per case"}), 201)
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    card = experiment(world, status="proposed")
    first = ask(world, card)

    def start():
        return world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "status": "running"})

    before = log(world)
    err = error(start(), 409, "cannot_start")
    assert "budget" in err["message"]
    expect(decide(world.sponsor, first, approve=False, comment="Too early"), 201)
    error(start(), 409, "cannot_start")
    assert expect(world.buyer.get(f"/cards/{card['id']}"), 200)["status"] == "proposed"
    assert [e["type"] for e in log(world)[len(before):]] == ["budget.decided"]
    expect(decide(world.sponsor, ask(world, card, 300), approve=True), 201)
    assert expect(start(), 200)["status"] == "running"


def test_the_sponsor_inbox_lists_pending_requests(world):
    a, b, c = (experiment(world, title=t) for t in ("A", "B", "C"))
    ra, rb, rc = ask(world, a, 10), ask(world, b, 20), ask(world, c, 30)
    shadowing = expect(world.provider.post(f"/initiatives/{world.initiative}/budget-requests",
                                           {"amount": 40, "currency": "EUR", "purpose": "Travel"}), 201)
    approved = expect(decide(world.sponsor, rb, approve=True), 201)
    rejected = expect(decide(world.sponsor, rc, approve=False, comment="No"), 201)
    path = f"/engagements/{world.engagement}/budget-requests"
    assert [r["id"] for r in expect(world.sponsor.get(f"{path}?status=pending"), 200)] == [ra["id"], shadowing["id"]]
    assert expect(world.sponsor.get(f"{path}?status=approved"), 200) == [approved]
    assert expect(world.sponsor.get(f"{path}?status=rejected"), 200) == [rejected]
    assert len(expect(world.viewer.get(path), 200)) == 4
    error(world.sponsor.get(f"{path}?status=open"), 422, "invalid", "status")
    error(world.outsider.get(f"{path}?status=pending"), 404)


def test_shadowing_budgets_live_on_the_initiative(world):
    base = f"/initiatives/{world.initiative}"
    req = expect(world.provider.post(f"{base}/budget-requests", {"amount": 500, "currency": "EUR",
                                                                  "purpose": "Two days on site"}), 201)
    assert req["card_id"] is None and req["status"] == "pending"
    assert expect(world.buyer.get(f"{base}/budget-requests"), 200) == [req]
    error(world.provider.post(f"{base}/spend", {"amount": 1}), 409, "over_budget")
    error(decide(world.provider, req, approve=True), 403)
    expect(decide(world.sponsor, req, approve=True, amount=300), 201)
    error(world.sponsor.post(f"{base}/spend", {"amount": 1}), 403, "own_approval")
    first = expect(world.provider.post(f"{base}/spend", {"amount": 250, "note": "Train tickets"}), 201)
    assert first["card_id"] is None and first["currency"] == "EUR"
    before = log(world)
    error(world.provider.post(f"{base}/spend", {"amount": 50.5}), 409, "over_budget")
    assert expect(world.buyer.get(f"{base}/spend"), 200) == [first] and log(world) == before
    # an experiment's budget is separate from shadowing's
    card = experiment(world)
    assert requests_of(world, card) == [] and spend_of(world, card) == []
    error(world.provider.post(f"/cards/{card['id']}/spend", {"amount": 1}), 409, "over_budget")
    error(world.outsider.get(f"{base}/spend"), 404)


def test_budget_is_requested_against_experiments_in_one_currency(world):
    obs = expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 201)
    before = log(world)
    error(world.provider.post(f"/cards/{obs['id']}/budget-requests", {"amount": 1, "currency": "EUR"}),
          422, "invalid", "card")
    card = experiment(world)
    ask(world, card)
    error(world.provider.post(f"/cards/{card['id']}/budget-requests", {"amount": 1, "currency": "USD"}),
          422, "invalid", "currency")
    error(world.provider.post(f"/cards/{card['id']}/budget-requests", {"amount": 1, "currency": "eur"}),
          422, "invalid", "currency")
    error(world.viewer.post(f"/cards/{card['id']}/budget-requests", {"amount": 1, "currency": "EUR"}), 403)
    assert len(requests_of(world, card)) == 1
    assert [e["type"] for e in log(world)[len(before):]] == ["card.created", "budget.requested"]
