"""Boards built through HTTP for tests that need a lived-in initiative, and the small calls they are made of."""
from __future__ import annotations

from tests.support.api import expect


def post(client, path, body=None, status=201):
    return expect(client.post(path, body or {}), status)


def card(client, initiative, **body):
    return post(client, f"/initiatives/{initiative}/cards", body)


def patch(client, c, **changes):
    return expect(client.patch(f"/cards/{c['id']}", {"version": c["version"], **changes}), 200)


def build(world) -> dict:
    """An initiative with agreed KPIs, grants, a session, evidenced stories, and experiments with budgets."""
    w, ini = world, world.initiative
    post(w.buyer, f"/initiatives/{ini}/kpis", {"name": "Cost per case", "unit": "EUR", "baseline": 12.5, "target": 9})
    post(w.buyer, f"/initiatives/{ini}/kpis/agree", status=200)
    post(w.provider, f"/initiatives/{ini}/kpis/agree", status=200)
    post(w.buyer, f"/initiatives/{ini}/access-grants", {"scope": "process"})
    session = post(w.provider, f"/initiatives/{ini}/shadowing-sessions", {"host": "Ann", "customer_contact": False})
    obs = [card(w.provider, ini, kind="observation", text=f"Agents retype the address ({n})",
                shadowing_session_id=session["id"]) for n in range(3)]
    stories = {
        "plain": card(w.buyer, ini, kind="story", title="Story with one observation", evidence=[obs[0]["id"]]),
        "rich": card(w.buyer, ini, kind="story", title="Story with three observations", persona="Ann, agent",
                     evidence=[o["id"] for o in obs]),
        "told": card(w.buyer, ini, kind="story", title="Story told to the sponsor"),
    }
    stories["told"] = patch(w.buyer, stories["told"], told=True)
    published = card(w.provider, ini, kind="experiment", title="Prefill the address", hypothesis="prefilling saves time")
    quiet = card(w.provider, ini, kind="experiment", title="Callback window")
    draft = card(w.provider, ini, kind="experiment", title="Chat bot", criterion="fewer calls")
    req = post(w.provider, f"/cards/{published['id']}/budget-requests", {"amount": 1000, "currency": "EUR"})
    post(w.sponsor, f"/budget-requests/{req['id']}/decision", {"approve": True, "amount": 800, "comment": "go"})
    post(w.provider, f"/cards/{published['id']}/spend", {"amount": 250, "note": "dev"})
    post(w.provider, f"/cards/{draft['id']}/budget-requests", {"amount": 99.5, "currency": "EUR"})  # pending
    for exp, learned in ((published, "Prefilled addresses cut handling by a third"), (quiet, "Nobody wants a callback")):
        for change in ({"status": "proposed"}, {"status": "running"},
                       {"status": "concluded", "learned": learned, "decision": "scale", "observed": "measured"}):
            exp = patch(w.provider, exp, **change)
        if exp["title"] == "Prefill the address":
            published = patch(w.provider, exp, published=True)
    return {"obs": obs, "stories": stories, "published": published, "quiet": quiet, "draft": draft}


def concluded_experiment(w, initiative, buyer, provider, title="Pre-filled address") -> dict:
    """An experiment run to its conclusion, with a learning, on ``initiative``."""
    if not expect(buyer.get(f"/initiatives/{initiative}/kpis"), 200):
        expect(buyer.post(f"/initiatives/{initiative}/kpis", {"name": "Cost per case", "unit": "EUR"}), 201)
    expect(buyer.post(f"/initiatives/{initiative}/kpis/agree"), 200)
    expect(provider.post(f"/initiatives/{initiative}/kpis/agree"), 200)
    exp = expect(provider.post(f"/initiatives/{initiative}/cards", {
        "kind": "experiment", "title": title, "hypothesis": "We believe pre-filling saves 40 s per call"}), 201)
    version = exp["version"]
    for change in ({"status": "proposed"}, {"status": "running"},
                   {"status": "concluded", "learned": "Fincorp agents saved 38 s at Fincorp's desk 3",
                    "observed": "Agent Maria Lopez stopped retyping", "decision": "scale"}):
        version = expect(provider.patch(f"/cards/{exp['id']}", {"version": version, **change}), 200)["version"]
    return expect(provider.get(f"/cards/{exp['id']}"), 200)
