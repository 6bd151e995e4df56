"""Tenant isolation through HTTP: nothing of one engagement is visible to a non-member of it.

Each resource is made in the *other* engagement ("Claims"). Members of the main engagement only
(``provider`` is in both, so it is used only to show that the ids are real) get 404 on every route
that names it — GET, PATCH, DELETE and every sub-resource — with a body identical to the 404 of a
made-up id: the answer does not reveal that the resource exists. Lists and event logs of the main
engagement never contain a row of the other one.
"""
from __future__ import annotations

import re
import secrets
from types import SimpleNamespace
from typing import Any

import pytest

from tests.support.api import expect
from tests.support.authz import ENDPOINTS, MATRIX_PERSONAS, Ctx, Endpoint, photo_form

# members of the main engagement only, one per kind of power: admin, sponsor, provider side, viewer
MAIN_ONLY = ("buyer_admin", "sponsor", "facilitator", "viewer")


def made_up_id() -> str:
    """An id of the same shape as the server's, belonging to nothing."""
    return secrets.token_urlsafe(12)


def is_id(s: str) -> bool:
    """Whether ``s`` looks like a server id (``secrets.token_urlsafe(12)``)."""
    return re.fullmatch(r"[A-Za-z0-9_-]{16}", s) is not None


def strings(value: Any) -> set[str]:
    """Every string anywhere in a JSON value (keys excepted)."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(strings(v) for v in value)) if value else set()
    return set()


class Other:
    """One of each resource in the other engagement, made by its members (``outsider``, ``provider``)."""

    def __init__(self, world, make_user, client_for, add_member):
        w = world
        self.world = w
        eng, ini = w.other_engagement, w.other_initiative
        make_user("claims-sponsor@example.com", "Claims Sponsor")
        sponsor_id = add_member(eng, "claims-sponsor@example.com", "buyer", ["member", "sponsor"])
        sponsor = client_for("claims-sponsor@example.com")
        made: list[dict] = []
        outsider_id = expect(w.outsider.get("/me"), 200)["user"]["id"]

        def make(client, path, body, status=201):
            obj = expect(client.post(path, body), status)
            made.append(obj)
            return obj

        kpi = make(w.outsider, f"/initiatives/{ini}/kpis", {"name": "Claims per day"})
        measurement = make(w.outsider, f"/kpis/{kpi['id']}/measurements", {"value": 120})
        grant = make(w.outsider, f"/initiatives/{ini}/access-grants", {"scope": "customers"})
        session = make(w.provider, f"/initiatives/{ini}/shadowing-sessions",
                       {"host": "Dora, claims handler", "customer_contact": True})
        obs = make(w.provider, f"/initiatives/{ini}/cards", {"kind": "observation", "text": "Claims are re-keyed",
                                                            "shadowing_session_id": session["id"]})
        story = make(w.outsider, f"/initiatives/{ini}/cards", {"kind": "story", "title": "Re-keyed claim",
                                                              "evidence": [obs["id"]]})
        exp = make(w.provider, f"/initiatives/{ini}/cards", {"kind": "experiment", "title": "OCR the claim form"})
        gone = make(w.provider, f"/initiatives/{ini}/cards", {"kind": "observation", "text": "to be deleted"})
        expect(w.provider.delete(f"/cards/{gone['id']}", {"version": 1}), 200)
        make(w.outsider, f"/cards/{obs['id']}/comments", {"text": "Yes, twice a day"})
        pending = make(w.provider, f"/cards/{exp['id']}/budget-requests", {"amount": 500, "currency": "USD"})
        funded = None
        for target in (f"/cards/{exp['id']}", f"/initiatives/{ini}"):
            req = make(w.provider, f"{target}/budget-requests", {"amount": 900, "currency": "USD"})
            make(sponsor, f"/budget-requests/{req['id']}/decision", {"approve": True, "comment": "ok"})
            make(w.outsider, f"{target}/spend", {"amount": 5, "note": "scanner"})
            funded = funded or req  # the experiment's approved tranche
        # workshop: the outsider facilitates a voting round there; a cluster; a notification for the provider
        expect(w.outsider.patch(f"/engagements/{eng}/members/{outsider_id}",
                                {"roles": ["member", "admin", "facilitator"]}), 200)
        rnd = make(w.outsider, f"/initiatives/{ini}/voting-rounds", {"votes_per_person": 3})
        cluster = make(w.outsider, f"/initiatives/{ini}/clusters", {"label": "Re-keying"})
        template = make(w.outsider, f"/engagements/{eng}/workshop-templates",
                        {"name": "Claims debrief", "steps": [{"phase": "reflect", "prompt": "What slowed claims?"}]})
        make(w.outsider, f"/cards/{story['id']}/comments", {"text": "@provider please look"})
        note = next(n for n in expect(w.provider.get("/notifications"), 200) if n["engagement_id"] == eng)
        # a learning of theirs, proposed and approved there
        expect(w.outsider.post(f"/initiatives/{ini}/kpis/agree"), 200)
        expect(w.provider.post(f"/initiatives/{ini}/kpis/agree"), 200)
        done = make(w.provider, f"/initiatives/{ini}/cards", {"kind": "experiment", "title": "Claims OCR pilot"})
        version = done["version"]
        for change in ({"status": "proposed"}, {"status": "running"},
                       {"status": "concluded", "learned": "OCR halves re-keying", "decision": "scale"}):
            version = expect(w.provider.patch(f"/cards/{done['id']}", {"version": version, **change}), 200)["version"]
        entry = make(w.provider, f"/cards/{done['id']}/library-proposals", {})
        expect(w.outsider.post(f"/library-proposals/{entry['id']}/decision", {"approve": True}), 200)
        invitation = make(w.outsider, f"/engagements/{eng}/invitations", {"email": "dora@insureco.example",
                                                                          "side": "buyer"})
        with_photo = expect(w.provider.request("POST", f"/cards/{obs['id']}/photos", data=photo_form(),
                                               content_type="multipart/form-data"), 201)
        made.append(with_photo)
        self.ids = {"eng": eng, "ini": ini, "kpi": kpi["id"], "grant": grant["id"], "session": session["id"],
                    "obs": obs["id"], "story": story["id"], "exp": exp["id"], "gone": gone["id"],
                    "req": pending["id"], "user": outsider_id, "round": rnd["id"], "cluster": cluster["id"],
                    "template": template["id"], "notification": note["id"], "entry": entry["id"], "card": done["id"],
                    "invitation": invitation["id"], "photo": with_photo["photos"][0]["id"],
                    "measurement": measurement["id"], "funded": funded["id"]}
        # every id of the other engagement that a main-engagement answer must never carry (the
        # provider, a member of both, is no secret)
        self.secret_ids = {s for s in strings(made) if is_id(s)} | {
            eng, ini, outsider_id, sponsor_id}
        self.secret_ids -= {w.users["provider"]}
        self.secret_texts = {"Claims", "Insureco", "Faster claims", "Claims are re-keyed", "OCR the claim form"}

    def names_for(self, ep: Endpoint) -> dict:
        """Placeholders of ``ep`` filled with the other engagement's ids."""
        names = dict(self.ids)
        if "{card}" in ep.path:
            names["card"] = self.ids["gone"] if "restore" in ep.path else self.ids[
                {"observation": "obs", "story": "story", "experiment": "exp"}.get(ep.note, "obs")]
        return names


@pytest.fixture
def other(world, make_user, client_for, add_member) -> Other:
    return Other(world, make_user, client_for, add_member)


def _routes_with_ids() -> list[Endpoint]:
    """Every route of the matrix that names an engagement's resource (an invitation link's token is
    not one: whoever holds the link may read and answer it, whoever they are)."""
    return [e for e in ENDPOINTS if "{" in e.path and "{token}" not in e.path]


PROVIDER = next(p for p in MATRIX_PERSONAS if p.name == "provider")  # the same side and roles in both engagements


def _send(client, ep: Endpoint, path: str, ids: dict):
    """The endpoint's request: its JSON body, or its multipart form (uploads)."""
    if ep.form:
        return client.request(ep.method, path, data=ep.form(), content_type="multipart/form-data")
    return client.request(ep.method, path, json=_body(ep, ids))


def _body(ep: Endpoint, ids: dict) -> Any:
    body = ep.body(SimpleNamespace(ids=ids), None) if callable(ep.body) else ep.body  # factories read ctx.ids
    return {} if body is None and ep.method in ("POST", "PUT") else body


def _history(other: Other) -> dict:
    """What the other engagement looks like to its own members (to show nothing changed)."""
    w, ini = other.world, other.ids["ini"]
    return {
        "events": expect(w.outsider.get(f"/initiatives/{ini}/events"), 200),
        "initiative": expect(w.outsider.get(f"/initiatives/{ini}"), 200),
        "members": expect(w.outsider.get(f"/engagements/{other.ids['eng']}"), 200)["members"],
        "requests": expect(w.outsider.get(f"/engagements/{other.ids['eng']}/budget-requests"), 200),
    }


def test_other_engagements_ids_answer_exactly_like_made_up_ids(world, other, anonymous):
    """GET, PATCH, DELETE and every sub-resource route: 404, byte-for-byte the made-up id's 404."""
    before = _history(other)
    checked = 0
    for ep in _routes_with_ids():
        real = other.names_for(ep)
        fake = {k: made_up_id() for k in real}
        real_path, fake_path = ep.path.format(**real), ep.path.format(**fake)
        # the ids are real: the provider, a member of both engagements, reaches them
        if ep.method == "GET":
            expect(world.provider.get(real_path), ep.rule(PROVIDER))
        for persona in MAIN_ONLY:
            client = world.clients[persona]
            a = _send(client, ep, real_path, real)
            b = _send(client, ep, fake_path, fake)
            where = f"{ep.label} as {persona}"
            assert a.status_code == 404, f"{where}: {a.status_code} {a.get_data(as_text=True)[:300]}"
            assert b.status_code == 404, f"{where} (made-up id): {b.status_code} {b.get_data(as_text=True)[:300]}"
            assert a.get_data() == b.get_data(), f"{where}: {a.get_data(as_text=True)} != {b.get_data(as_text=True)}"
            assert a.headers.get("Content-Type") == b.headers.get("Content-Type")
            text = a.get_data(as_text=True)
            assert not any(s in text for s in other.secret_ids | other.secret_texts), f"{where} leaks: {text}"
            checked += 1
        # anonymous: 401 either way
        a = _send(anonymous, ep, real_path, real)
        b = _send(anonymous, ep, fake_path, fake)
        assert a.status_code == b.status_code == 401 and a.get_data() == b.get_data(), ep.label
    assert checked == len(MAIN_ONLY) * len(_routes_with_ids())
    assert _history(other) == before, "a refused request changed the other engagement"


def test_admin_elsewhere_cannot_touch_members_of_another_engagement(world, other):
    """An admin of the main engagement is nobody in the other one; removing the other's admin from
    the main engagement's member list looks exactly like removing a made-up user."""
    eng = world.engagement
    a = world.buyer_admin.delete(f"/engagements/{eng}/members/{other.ids['user']}")
    b = world.buyer_admin.delete(f"/engagements/{eng}/members/{made_up_id()}")
    assert a.status_code == b.status_code == 404 and a.get_data() == b.get_data()
    for client in (world.buyer_admin, world.outsider):  # an admin of one engagement, not of the other
        target = world.engagement if client is world.outsider else other.ids["eng"]
        for method, path, body in (("POST", f"/engagements/{target}/invitations", {"email": "viewer@example.com", "side": "buyer"}),
                                   ("PATCH", f"/engagements/{target}/members/{world.users['provider']}", {"roles": ["admin"]}),
                                   ("DELETE", f"/engagements/{target}/members/{world.users['provider']}", None),
                                   ("GET", f"/engagements/{target}", None)):
            r = client.request(method, path, json=body)
            fake = client.request(method, path.replace(target, made_up_id()), json=body)
            assert r.status_code == fake.status_code == 404 and r.get_data() == fake.get_data(), (method, path)
    # the provider is still in both
    assert world.users["provider"] in {m["user"]["id"] for m in expect(world.outsider.get(f"/engagements/{other.ids['eng']}"), 200)["members"]}


def test_references_to_another_engagements_rows_are_refused_like_made_up_ones(world, other):
    """A card of the main engagement cannot cite an observation or a session of the other one, and
    the refusal reads exactly as for an id that does not exist."""
    ini = world.initiative
    for field, value_of in (("evidence", lambda i: {"kind": "story", "title": "x", "evidence": [i]}),
                            ("shadowing_session_id", lambda i: {"kind": "observation", "text": "x", "shadowing_session_id": i})):
        real = other.ids["obs"] if field == "evidence" else other.ids["session"]
        a = world.provider.post(f"/initiatives/{ini}/cards", value_of(real))
        b = world.provider.post(f"/initiatives/{ini}/cards", value_of(made_up_id()))
        assert a.status_code == b.status_code == 422, (field, a.status_code, b.status_code)
        assert a.get_data() == b.get_data()
    card = expect(world.provider.post(f"/initiatives/{ini}/cards", {"kind": "observation", "text": "mine"}), 201)
    a = world.provider.patch(f"/cards/{card['id']}", {"version": 1, "shadowing_session_id": other.ids["session"]})
    b = world.provider.patch(f"/cards/{card['id']}", {"version": 1, "shadowing_session_id": made_up_id()})
    assert a.status_code == b.status_code == 422 and a.get_data() == b.get_data()
    story = expect(world.buyer.post(f"/initiatives/{ini}/cards", {"kind": "story", "title": "s"}), 201)
    a = world.buyer.patch(f"/cards/{story['id']}", {"version": 1, "evidence": [card["id"], other.ids["obs"]]})
    b = world.buyer.patch(f"/cards/{story['id']}", {"version": 1, "evidence": [card["id"], made_up_id()]})
    assert a.status_code == b.status_code == 422 and a.get_data() == b.get_data()
    assert expect(world.buyer.get(f"/cards/{story['id']}"), 200)["version"] == 1
    # a learning citing their measurement, a measurement naming their experiment
    exp = expect(world.provider.post(f"/initiatives/{ini}/cards", {"kind": "experiment", "title": "e"}), 201)
    a = world.provider.patch(f"/cards/{exp['id']}", {"version": 1, "measurement_id": other.ids["measurement"]})
    b = world.provider.patch(f"/cards/{exp['id']}", {"version": 1, "measurement_id": made_up_id()})
    assert a.status_code == b.status_code == 422 and a.get_data() == b.get_data()
    kpi = expect(world.buyer.post(f"/initiatives/{ini}/kpis", {"name": "k"}), 201)
    a = world.provider.post(f"/kpis/{kpi['id']}/measurements", {"value": 1, "experiment_id": other.ids["exp"]})
    b = world.provider.post(f"/kpis/{kpi['id']}/measurements", {"value": 1, "experiment_id": made_up_id()})
    assert a.status_code == b.status_code == 422 and a.get_data() == b.get_data()


@pytest.fixture
def main(app, world, make_user, client_for, anonymous, add_member) -> Ctx:
    """One of each resource in the main engagement too (the matrix's fixture)."""
    return Ctx(app, world, make_user, client_for, anonymous, add_member)


def _list_routes(ids: dict) -> list[str]:
    """The reads of an engagement's resources that every member may make (JSON: a photo is an image)."""
    return [ep.path.format(**ids) for ep in _routes_with_ids()
            if ep.method == "GET" and ep.rule(PROVIDER) == 200 and "{photo}" not in ep.path]


def test_lists_never_include_the_other_engagements_rows(world, main, other):
    """Every read of the main engagement, as a member of both and as a member of one only, carries no
    id or text of the other engagement; and the other way round for the provider."""
    main_paths = _list_routes(main.ids)
    main_secret = set()
    for path in main_paths:
        main_secret |= {s for s in strings(expect(world.buyer.get(path), 200)) if is_id(s)}
    main_secret -= {world.users["provider"]}
    for persona in ("provider", "buyer", "viewer"):
        for path in main_paths:
            body = expect(world.clients[persona].get(path), 200)
            leaked = strings(body) & (other.secret_ids | other.secret_texts)
            assert not leaked, f"GET {path} as {persona} shows the other engagement's {leaked}"
    for path in _list_routes(other.ids):
        body = expect(world.provider.get(path), 200)
        leaked = strings(body) & main_secret
        assert not leaked, f"GET {path} (other engagement) as provider shows the main engagement's {leaked}"
    # my engagements: a member of one sees one; the provider sees both, each with its own side and roles
    for persona in ("buyer", "viewer", "sponsor"):
        mine = expect(world.clients[persona].get("/engagements"), 200)
        assert [e["id"] for e in mine] == [world.engagement]
        me = expect(world.clients[persona].get("/me"), 200)
        assert [e["id"] for e in me["engagements"]] == [world.engagement]
    assert {e["id"] for e in expect(world.outsider.get("/engagements"), 200)} == {other.ids["eng"]}
    both = {e["id"]: e for e in expect(world.provider.get("/engagements"), 200)}
    assert set(both) == {world.engagement, other.ids["eng"]}
    members = expect(world.buyer.get(f"/engagements/{world.engagement}"), 200)["members"]
    assert other.ids["user"] not in {m["user"]["id"] for m in members}
    # what only admins read: each engagement's invitations hold nothing of the other
    main.fresh_invitation()
    mine = strings(expect(world.buyer_admin.get(f"/engagements/{world.engagement}/invitations"), 200))
    assert mine and not mine & (other.secret_ids | other.secret_texts | {"dora@insureco.example"})
    theirs = strings(expect(world.outsider.get(f"/engagements/{other.ids['eng']}/invitations"), 200))
    assert "dora@insureco.example" in theirs and not theirs & main_secret
    # the sponsor inbox of the main engagement holds main requests only
    inbox = expect(world.sponsor.get(f"/engagements/{world.engagement}/budget-requests?status=pending"), 200)
    assert inbox and all(r["initiative_id"] == world.initiative for r in inbox)
    assert other.ids["req"] not in {r["id"] for r in inbox}


def test_an_initiatives_event_log_holds_only_its_own_events(world, other):
    """Two initiatives in one engagement and one in another: each log is its own, gap-free from 1."""
    w = world
    second = expect(w.buyer.post(f"/engagements/{w.engagement}/initiatives", {"title": "Second"}), 201)["id"]
    logs = {w.initiative: w.buyer, second: w.provider, other.ids["ini"]: w.outsider}
    own_rows: dict[str, set[str]] = {i: {i} for i in logs}
    for ini, client in logs.items():
        for n in range(2):
            card = expect(client.post(f"/initiatives/{ini}/cards", {"kind": "observation", "text": f"{ini} {n}"}), 201)
            own_rows[ini].add(card["id"])
            expect(client.patch(f"/cards/{card['id']}", {"version": 1, "text": "edited"}), 200)
        own_rows[ini].add(expect(client.post(f"/initiatives/{ini}/kpis", {"name": "k"}), 201)["id"])
    for ini, client in logs.items():
        events = expect(client.get(f"/initiatives/{ini}/events"), 200)
        assert events and [e["seq"] for e in events] == list(range(1, len(events) + 1))
        assert {e["initiative"] for e in events} == {ini}
        seen = set().union(*(strings(e["data"]) for e in events))
        for stranger, rows in own_rows.items():
            if stranger != ini:
                assert not seen & rows, f"events of {ini} mention rows of {stranger}: {seen & rows}"
        assert expect(client.get(f"/initiatives/{ini}/events?after=3"), 200) == events[3:]
    # the provider, in both engagements, reads each log separately; main-only members get 404 for the other
    assert expect(w.provider.get(f"/initiatives/{other.ids['ini']}/events"), 200) == \
        expect(w.outsider.get(f"/initiatives/{other.ids['ini']}/events"), 200)
    expect(w.buyer.get(f"/initiatives/{other.ids['ini']}/events"), 404)
    expect(w.outsider.get(f"/initiatives/{second}/events"), 404)
