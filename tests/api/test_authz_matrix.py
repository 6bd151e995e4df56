"""Who may do what, proven through HTTP: every endpoint × every persona → the expected status.

The table below (``ENDPOINTS``) lists every route of ``/api/v1`` with the rule that decides who may
call it. Each rule maps a persona to a status:

- ``signed_in``  any signed-in user; anonymous is 401 (not engagement-scoped: /me, /engagements, ...)
- ``read``       members of the engagement (viewers too); non-members 404 (never 403); anonymous 401
- ``write``      non-viewer members; viewers 403
- ``buyer``      non-viewer *buyer* members (access grants); provider members 403
- ``role(r)``    non-viewer members holding role ``r`` (admin: members; sponsor: budget decisions)

Personas cover each role on each side of the main engagement (a sponsor is always on the buyer
side), plus ``outsider`` (admin of the other engagement, where ``provider`` is also a member), an
anonymous caller and one with a bearer token that is no one's. Writes that change state (PATCH with a version, DELETE, revoke, decide, restore)
get a fresh target per persona, so every cell is independent of the order of the loop.

One test per endpoint group builds the world once and loops over endpoints × personas, collecting
every wrong cell before failing, so a failure names each endpoint and persona that broke.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.support.api import expect
from tests.support.authz import ENDPOINTS, GROUPS, MATRIX_PERSONAS, Ctx, Endpoint, Persona, shape

# ---------------------------------------------------------------- running a cell


@pytest.fixture
def ctx(app, world, make_user, client_for, anonymous, add_member) -> Ctx:
    return Ctx(app, world, make_user, client_for, anonymous, add_member)


@dataclass
class Outcome:
    cells: int = 0
    wrong: list[str] = field(default_factory=list)


def run_cell(ctx: Ctx, ep: Endpoint, p: Persona, out: Outcome) -> None:
    names = dict(ctx.ids)
    if ep.fresh:
        names.update(ep.fresh(ctx))
    path = ep.path.format(**names)
    body = ep.body(ctx, p) if callable(ep.body) else ep.body
    client = ctx.clients[p.name]
    if ep.method in ("POST", "PUT") and body is None:
        body = {}
    if ep.form:
        response = client.request(ep.method, path, data=ep.form(), content_type="multipart/form-data")
    else:
        response = client.request(ep.method, path, json=body)
    wanted = ep.rule(p)
    out.cells += 1
    if response.status_code != wanted:
        out.wrong.append(f"{ep.label} as {p.name}: got {response.status_code}, expected {wanted}: "
                         f"{response.get_data(as_text=True)[:300]}")
        return
    if response.status_code >= 400:
        error = response.get_json()["error"]
        assert set(error) >= {"code", "message"}, f"{ep.label} as {p.name}: error shape {error}"
        if response.status_code == 404:
            assert error["code"] == "not_found", f"{ep.label} as {p.name}: {error}"


@pytest.mark.parametrize("group", GROUPS)
def test_matrix(ctx, group):
    """Every endpoint of ``group`` × every persona answers the status its rule gives."""
    out = Outcome()
    for ep in (e for e in ENDPOINTS if e.group == group):
        for p in ep.personas:
            run_cell(ctx, ep, p, out)
    assert not out.wrong, f"{len(out.wrong)} of {out.cells} cells wrong:\n" + "\n".join(out.wrong)


def test_table_covers_every_route(app):
    """Each API route (method and path) has a row in the matrix: a new endpoint needs its rule here."""
    table = {(e.method, shape(e.path)) for e in ENDPOINTS}
    routes = {
        (method, shape(rule.rule[len("/api/v1"):]))
        for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes - table == set(), f"routes without a row in the authorization matrix: {sorted(routes - table)}"
    assert table - routes == set(), f"rows for routes that do not exist: {sorted(table - routes)}"
    # every operation of the OpenAPI document has its row too
    spec = app.test_client().get("/api/v1/openapi.json").get_json()["paths"]
    operations = {(method.upper(), shape(path[len("/api/v1"):])) for path, item in spec.items()
                  for method in item if method in ("get", "post", "put", "patch", "delete")}
    assert operations - table == set(), f"operations without a row in the matrix: {sorted(operations - table)}"
    assert {op for op in routes if op[1] != "/openapi.json"} <= operations


# ---------------------------------------------------------------- the rules with a state behind them


def _experiment(w) -> str:
    return expect(w.provider.post(f"/initiatives/{w.initiative}/cards", {"kind": "experiment", "title": "Try"}), 201)["id"]


def test_sponsor_never_decides_own_request(world):
    w, exp = world, _experiment(world)
    for sponsor in (w.sponsor, w.sponsor2):
        req = expect(sponsor.post(f"/cards/{exp}/budget-requests", {"amount": 10, "currency": "EUR"}), 201)
        err = expect(sponsor.post(f"/budget-requests/{req['id']}/decision", {"approve": True, "comment": "mine"}), 403)
        assert err["error"]["code"] == "own_request"
        err = expect(sponsor.post(f"/budget-requests/{req['id']}/decision", {"approve": False, "comment": "no"}), 403)
        assert err["error"]["code"] == "own_request"
        # still pending: the other sponsor decides it
        other = w.sponsor2 if sponsor is w.sponsor else w.sponsor
        assert expect(other.post(f"/budget-requests/{req['id']}/decision", {"approve": True}), 201)["status"] == "approved"


def test_decided_request_cannot_be_decided_again(world):
    w, exp = world, _experiment(world)
    for first in (True, False):
        req = expect(w.provider.post(f"/cards/{exp}/budget-requests", {"amount": 10, "currency": "EUR"}), 201)["id"]
        expect(w.sponsor.post(f"/budget-requests/{req}/decision", {"approve": first, "comment": "decided"}), 201)
        for sponsor in (w.sponsor, w.sponsor2):
            for approve in (True, False):
                err = expect(sponsor.post(f"/budget-requests/{req}/decision", {"approve": approve, "comment": "again"}), 409)
                assert err["error"]["current"]["status"] == ("approved" if first else "rejected")
        # non-sponsors are still 403, the outsider still 404
        expect(w.buyer.post(f"/budget-requests/{req}/decision", {"approve": True}), 403)
        expect(w.outsider.post(f"/budget-requests/{req}/decision", {"approve": True}), 404)


def test_library_reuse_is_404_to_non_members_and_403_only_to_a_viewer_of_the_target(ctx):
    """Reusing a learning into an initiative: anyone who is not a member of its engagement gets 404, whatever the
    learning (one they can see through the shared provider, one they cannot, a made-up one), also a viewer or an
    admin of another engagement; a viewer of the target's engagement is refused (403) whatever the learning, so
    the answer tells them nothing about it; a member reuses one they can see."""
    w, clients = ctx.world, ctx.clients
    approved, pending = ctx.approved_entry()["entry"], ctx.fresh_proposal()["entry"]
    cases = [
        (clients["viewer"], approved, w.initiative, 403),
        (clients["viewer"], pending, w.initiative, 403),
        (clients["viewer"], "no-such-entry", w.initiative, 403),
        (clients["foreign_viewer"], approved, w.other_initiative, 403),  # seen through the shared provider
        (clients["foreign_viewer"], "no-such-entry", w.other_initiative, 403),
        (clients["foreign_viewer"], approved, w.initiative, 404),  # not a member of the target's engagement
        (clients["foreign_viewer"], pending, w.initiative, 404),
        (w.outsider, approved, w.initiative, 404),
        (w.outsider, pending, w.other_initiative, 404),  # a member there: not in the library, so not found
        (w.outsider, "no-such-entry", w.other_initiative, 404),
    ]
    wrong = []
    for client, entry, initiative, status in cases:
        got = client.post(f"/library/{entry}/reuse", {"initiative_id": initiative})
        if got.status_code != status:
            wrong.append(f"{entry} into {initiative}: {got.status_code}, expected {status}")
    assert not wrong, wrong
    assert expect(w.outsider.post(f"/library/{approved}/reuse", {"initiative_id": w.other_initiative}), 201)


def test_denied_writes_change_nothing(ctx):
    """A 403 or 404 leaves no event behind: the initiative's log is as it was."""
    w, ini = ctx.world, ctx.ids["ini"]
    before = expect(w.buyer.get(f"/initiatives/{ini}/events"), 200)
    attempts = [
        (w.viewer, "POST", f"/initiatives/{ini}/cards", {"kind": "observation", "text": "x"}, 403),
        (w.viewer, "PATCH", f"/cards/{ctx.ids['obs']}", {"version": 1, "text": "x"}, 403),
        (w.viewer, "DELETE", f"/cards/{ctx.ids['obs']}", {"version": 1}, 403),
        (w.viewer, "POST", f"/initiatives/{ini}/kpis/agree", {}, 403),
        (w.provider, "POST", f"/initiatives/{ini}/access-grants", {"scope": "customers"}, 403),
        (w.provider, "POST", f"/access-grants/{ctx.ids['grant']}/revoke", {}, 403),
        (w.buyer, "POST", f"/budget-requests/{ctx.ids['req']}/decision", {"approve": True}, 403),
        (w.outsider, "POST", f"/initiatives/{ini}/cards", {"kind": "observation", "text": "x"}, 404),
        (w.outsider, "PATCH", f"/initiatives/{ini}", {"version": 1, "title": "mine"}, 404),
        (w.outsider, "POST", f"/budget-requests/{ctx.ids['req']}/decision", {"approve": True}, 404),
    ]
    for client, method, path, body, status in attempts:
        expect(client.request(method, path, json=body), status)
    assert expect(w.buyer.get(f"/initiatives/{ini}/events"), 200) == before
    assert expect(w.buyer.get(f"/cards/{ctx.ids['obs']}"), 200)["version"] == 1
    requests = expect(w.buyer.get(f"/cards/{ctx.ids['exp2']}/budget-requests"), 200)
    assert next(r for r in requests if r["id"] == ctx.ids["req"])["status"] == "pending"


# what each named policy of board/permissions.py governs: one matrix row it decides
POLICY_ROWS = {
    "write": ("POST", "/engagements/{eng}/initiatives"),
    "facilitate": ("POST", "/initiatives/{ini}/voting-rounds"),
    "decide_budget": ("POST", "/budget-requests/{req}/decision"),
    "grant_access": ("POST", "/initiatives/{ini}/access-grants"),
    "propose_learning": ("POST", "/cards/{card}/library-proposals"),
    "decide_learning": ("POST", "/library-proposals/{entry}/decision"),
    "manage_members": ("POST", "/engagements/{eng}/invitations"),
}


def test_capabilities_say_what_the_server_allows(ctx):
    """``GET /me`` and the engagement's detail answer each policy as the matrix's row for it: the web app
    offers exactly what the server then accepts."""
    rows = {(e.method, e.path): e for e in ENDPOINTS}
    members = [p for p in MATRIX_PERSONAS if p.member]
    for p in members:
        client = ctx.clients[p.name]
        mine = {e["id"]: e for e in expect(client.get("/me"), 200)["engagements"]}[ctx.world.engagement]
        detail = expect(client.get(f"/engagements/{ctx.world.engagement}"), 200)
        assert mine["capabilities"] == detail["my_capabilities"], p.name
        expected = {name: rows[row].rule(p) < 300 for name, row in POLICY_ROWS.items()}
        assert mine["capabilities"] == expected, p.name
