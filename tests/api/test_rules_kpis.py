"""KPIs (SPEC §2): both sides agree before an experiment may start; any KPI change withdraws agreement."""
import threading

from tests.support.api import ApiClient, error, expect, log


def agreement(world):
    return expect(world.buyer.get(f"/initiatives/{world.initiative}/kpis/agreement"), 200)


def add_kpi(world, client=None, **fields):
    body = {"name": "Cost per collected euro", "unit": "EUR", "baseline": 0.12, "target": 0.08, **fields}
    return expect((client or world.buyer).post(f"/initiatives/{world.initiative}/kpis", body), 201)


def proposed_experiment(world):
    return expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {
        "kind": "experiment", "title": "Pay-by-link", "status": "proposed"}), 201)


def start(world, card):
    return world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "status": "running"})


def test_experiment_cannot_start_until_a_buyer_and_a_provider_member_agree(world):
    card = proposed_experiment(world)
    add_kpi(world)
    before = log(world)
    err = error(start(world, card), 409, "cannot_start")
    assert "KPIs" in err["message"]
    assert log(world) == before
    assert expect(world.buyer.get(f"/cards/{card['id']}"), 200)["status"] == "proposed"

    state = expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    assert state["agreed"] is False and state["buyer"]["user"]["name"] == "Buyer" and state["provider"] is None
    error(start(world, card), 409, "cannot_start")

    state = expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    assert state["agreed"] is True and state["provider"]["user"]["name"] == "Provider"
    assert [k["name"] for k in state["kpis"]] == ["Cost per collected euro"]
    running = expect(start(world, card), 200)
    assert running["status"] == "running" and running["version"] == card["version"] + 1


def test_two_buyer_members_agreeing_is_not_agreement(world):
    add_kpi(world)
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    state = expect(world.sponsor.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    assert state["agreed"] is False and state["provider"] is None
    assert state["buyer"]["user"]["name"] == "Buyer"  # the side's first agreement stands
    card = proposed_experiment(world)
    error(start(world, card), 409, "cannot_start")


def test_agreeing_with_no_kpis_is_409_and_changes_nothing(world):
    before = log(world)
    error(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 409)
    error(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 409)
    assert log(world) == before
    state = agreement(world)
    assert state == {"agreed": False, "buyer": None, "provider": None, "kpis": []}


def test_viewers_cannot_agree_and_outsiders_do_not_see_the_kpis(world):
    add_kpi(world)
    before = log(world)
    error(world.viewer.post(f"/initiatives/{world.initiative}/kpis/agree"), 403)
    error(world.outsider.post(f"/initiatives/{world.initiative}/kpis/agree"), 404)
    error(world.outsider.get(f"/initiatives/{world.initiative}/kpis"), 404)
    assert log(world) == before
    assert agreement(world)["buyer"] is None


def _agreed(world):
    kpi = add_kpi(world)
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    assert agreement(world)["agreed"] is True
    return kpi


def test_editing_a_kpi_withdraws_both_agreements(world):
    kpi = _agreed(world)
    card = proposed_experiment(world)
    seq = log(world)[-1]["seq"]
    edited = expect(world.provider.patch(f"/kpis/{kpi['id']}", {"version": kpi["version"], "target": 0.07}), 200)
    assert edited["target"] == 0.07 and edited["version"] == kpi["version"] + 1
    assert agreement(world) == {"agreed": False, "buyer": None, "provider": None, "kpis": [edited]}
    # documented: a KPI edit that withdraws agreement is two events, withdrawal first
    assert [e["type"] for e in log(world) if e["seq"] > seq] == ["kpis.agreement_withdrawn", "kpi.updated"]
    error(start(world, card), 409, "cannot_start")
    # both sides must agree again
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    error(start(world, card), 409, "cannot_start")
    expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    expect(start(world, card), 200)


def test_adding_a_kpi_withdraws_both_agreements(world):
    _agreed(world)
    seq = log(world)[-1]["seq"]
    add_kpi(world, world.provider, name="Days sales outstanding", unit="days", baseline=48, target=40)
    state = agreement(world)
    assert state["agreed"] is False and state["buyer"] is None and state["provider"] is None
    assert len(state["kpis"]) == 2
    assert [e["type"] for e in log(world) if e["seq"] > seq] == ["kpis.agreement_withdrawn", "kpi.created"]


def test_an_edit_that_changes_nothing_keeps_the_agreement(world):
    kpi = _agreed(world)
    before = log(world)
    same = expect(world.buyer.patch(f"/kpis/{kpi['id']}", {"version": kpi["version"], "target": kpi["target"]}), 200)
    assert same["version"] == kpi["version"]
    assert agreement(world)["agreed"] is True
    assert log(world) == before


def test_stale_kpi_version_is_409_with_the_current_state_and_keeps_agreement(world):
    kpi = add_kpi(world)
    current = expect(world.buyer.patch(f"/kpis/{kpi['id']}", {"version": kpi["version"], "name": "Cost per euro"}), 200)
    expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    expect(world.provider.post(f"/initiatives/{world.initiative}/kpis/agree"), 200)
    before = log(world)
    err = error(world.provider.patch(f"/kpis/{kpi['id']}", {"version": kpi["version"], "name": "Mine"}), 409,
                "stale_version")
    assert err["current"] == current
    assert expect(world.buyer.get(f"/initiatives/{world.initiative}/kpis"), 200) == [current]
    assert agreement(world)["agreed"] is True
    assert log(world) == before


def test_kpi_patch_needs_a_version(world):
    kpi = add_kpi(world)
    before = log(world)
    error(world.buyer.patch(f"/kpis/{kpi['id']}", {"target": 1}), 422, "invalid", "version")
    assert log(world) == before


def test_simultaneous_agreements_and_edits_are_serialised(world, app):
    """Members of one side agreeing at the same moment make one agreement (never a 500), and a KPI edit
    racing them leaves the agreement consistent with the KPIs."""
    kpi = add_kpi(world)
    answers = []

    def call(persona, method, path, body, barrier):
        client = ApiClient(app.test_client())
        client.headers = dict(getattr(world, persona).headers)
        barrier.wait()
        response = client.request(method, path, json=body)
        answers.append((persona, path, response.status_code, response.get_data(as_text=True)))

    for n in range(3):
        calls = [(p, "POST", f"/initiatives/{world.initiative}/kpis/agree", {})
                 for p in ("buyer", "sponsor", "sponsor2", "provider", "facilitator")]
        calls.append(("provider", "POST", f"/initiatives/{world.initiative}/cards",
                      {"kind": "observation", "text": f"round {n}"}))
        if n == 2:
            calls.append(("buyer_admin", "PATCH", f"/kpis/{kpi['id']}", {"version": kpi["version"], "target": 0.05}))
        barrier = threading.Barrier(len(calls))
        threads = [threading.Thread(target=call, args=(*c, barrier)) for c in calls]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        state = agreement(world)
        if n < 2:
            assert state["agreed"] is True
        else:  # the edit ran before, between or after the agreements: either way the state is consistent
            events = [e["type"] for e in log(world)]
            last_edit = max(i for i, t in enumerate(events) if t == "kpi.updated")
            agreed_after = {e["data"]["side"] for e in log(world)[last_edit:] if e["type"] == "kpis.agreed"}
            assert {s for s in ("buyer", "provider") if state[s]} == agreed_after
        expect(world.buyer.patch(f"/kpis/{kpi['id']}", {"version": agreement(world)["kpis"][0]["version"],
                                                         "name": f"KPI {n}"}), 200)
        kpi = agreement(world)["kpis"][0]
    wrong = [a for a in answers if a[2] not in (200, 201)]
    assert not wrong, wrong
    seqs = [e["seq"] for e in log(world)]
    assert seqs == list(range(1, len(seqs) + 1))
