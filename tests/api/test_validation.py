"""Bad input (SPEC §7): every write validates its body — unknown fields, lengths, types, enums,
required fields, bad JSON — answers an error naming the field, and changes nothing."""
import pytest

from tests.support.api import expect


def error(response, status, field=None, code="invalid"):
    body = expect(response, status)
    assert set(body) == {"error"}
    err = body["error"]
    assert isinstance(err["message"], str) and err["message"]
    if code:
        assert err["code"] == code, err
    if field:
        assert field in err.get("fields", {}), err
        assert field in err["message"]
    return err


def snapshot(world):
    """Everything a refused write might have touched, as the members see it."""
    i = world.initiative
    get = world.buyer.get
    return {
        "events": expect(get(f"/initiatives/{i}/events"), 200),
        "initiative": expect(get(f"/initiatives/{i}"), 200),
        "initiatives": expect(get(f"/engagements/{world.engagement}/initiatives"), 200),
        "engagement": expect(get(f"/engagements/{world.engagement}"), 200),
        "cards": expect(get(f"/initiatives/{i}/cards"), 200),
        "kpis": expect(get(f"/initiatives/{i}/kpis"), 200),
        "grants": expect(get(f"/initiatives/{i}/access-grants"), 200),
        "sessions": expect(get(f"/initiatives/{i}/shadowing-sessions"), 200),
        "budget": expect(get(f"/engagements/{world.engagement}/budget-requests"), 200),
        "spend": expect(get(f"/initiatives/{i}/spend"), 200),
        "engagement_log": expect(get(f"/engagements/{world.engagement}/events"), 200),
        "invitations": expect(world.buyer_admin.get(f"/engagements/{world.engagement}/invitations"), 200),
        "me": {k: v for k, v in expect(get("/me"), 200).items() if k != "csrf_token"},
    }


@pytest.fixture
def things(world):
    """One of each resource to aim bad writes at."""
    i = world.initiative
    card = expect(world.provider.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": "x"}), 201)
    exp = expect(world.provider.post(f"/initiatives/{i}/cards", {"kind": "experiment", "title": "Pilot"}), 201)
    kpi = expect(world.buyer.post(f"/initiatives/{i}/kpis", {"name": "Cost"}), 201)
    sess = expect(world.provider.post(f"/initiatives/{i}/shadowing-sessions", {"host": "Maria"}), 201)
    req = expect(world.provider.post(f"/cards/{exp['id']}/budget-requests", {"amount": 10, "currency": "EUR"}), 201)
    return {"card": card, "exp": exp, "kpi": kpi, "session": sess, "request": req}


def writes(world, t):
    """(client, method, path, a valid body) for every JSON write of the API."""
    i, e = world.initiative, world.engagement
    return [
        (world.buyer_admin, "POST", "/engagements", {"name": "n", "buyer_name": "b", "provider_name": "p", "side": "buyer"}),
        (world.buyer_admin, "POST", f"/engagements/{e}/invitations", {"email": "new@example.com", "side": "buyer"}),
        (world.buyer_admin, "PATCH", f"/engagements/{e}/members/{world.users['buyer']}", {"roles": ["member"]}),
        (world.buyer, "PATCH", "/me", {"name": "Buyer"}),
        (world.buyer, "POST", f"/engagements/{e}/initiatives", {"title": "t"}),
        (world.buyer, "PATCH", f"/initiatives/{i}", {"version": 1, "title": "t"}),
        (world.buyer, "POST", f"/initiatives/{i}/kpis", {"name": "k"}),
        (world.buyer, "PATCH", f"/kpis/{t['kpi']['id']}", {"version": 1, "name": "k"}),
        (world.buyer, "POST", f"/initiatives/{i}/access-grants", {"scope": "process"}),
        (world.provider, "POST", f"/initiatives/{i}/shadowing-sessions", {"host": "h"}),
        (world.provider, "PATCH", f"/shadowing-sessions/{t['session']['id']}", {"version": 1, "host": "h"}),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": "x"}),
        (world.provider, "PATCH", f"/cards/{t['card']['id']}", {"version": 1, "text": "x"}),
        (world.provider, "DELETE", f"/cards/{t['card']['id']}", {"version": 1}),
        (world.provider, "POST", f"/cards/{t['card']['id']}/comments", {"text": "x"}),
        (world.provider, "POST", f"/cards/{t['exp']['id']}/budget-requests", {"amount": 1, "currency": "EUR"}),
        (world.provider, "POST", f"/initiatives/{i}/budget-requests", {"amount": 1, "currency": "EUR"}),
        (world.sponsor, "POST", f"/budget-requests/{t['request']['id']}/decision", {"approve": True}),
        (world.provider, "POST", f"/cards/{t['exp']['id']}/spend", {"amount": 1}),
        (world.provider, "POST", f"/initiatives/{i}/spend", {"amount": 1}),
    ]


def test_unknown_fields_are_rejected_naming_the_field(world, things, anonymous):
    before = snapshot(world)
    for client, method, path, body in writes(world, things):
        err = error(client.request(method, path, json={**body, "colour": "red"}), 422, "colour")
        assert err["fields"]["colour"] == ["Unknown field."], (method, path)
    for path in ("/auth/login", "/auth/token"):
        error(anonymous.post(path, {"email": "buyer@example.com", "password": "x", "remember": True}), 422, "remember")
    error(anonymous.post("/auth/password-reset", {"email": "buyer@example.com", "remember": True}), 422, "remember")
    error(anonymous.post("/auth/password-reset/confirm", {"token": "t" * 43, "password": "x" * 12, "why": 1}), 422, "why")
    assert snapshot(world) == before


def test_lengths_are_bounded(world, things):
    i, card = world.initiative, things["card"]
    before = snapshot(world)
    for client, path, body, field in (
        (world.buyer, f"/engagements/{world.engagement}/initiatives", {"title": "t" * 201}, "title"),
        (world.buyer, f"/engagements/{world.engagement}/initiatives", {"title": ""}, "title"),
        (world.buyer, f"/engagements/{world.engagement}/initiatives", {"title": "t", "problem": "p" * 5001}, "problem"),
        (world.provider, f"/initiatives/{i}/cards", {"kind": "observation", "text": "x" * 5001}, "text"),
        (world.provider, f"/initiatives/{i}/cards", {"kind": "story", "title": "s" * 201}, "title"),
        (world.provider, f"/initiatives/{i}/cards", {"kind": "story", "title": "s", "persona": "p" * 5001}, "persona"),
        (world.provider, f"/initiatives/{i}/cards", {"kind": "experiment", "title": "e", "hypothesis": "h" * 5001}, "hypothesis"),
        (world.provider, f"/initiatives/{i}/cards", {"kind": "story", "title": "s", "evidence": ["x"] * 101}, "evidence"),
        (world.buyer, f"/initiatives/{i}/kpis", {"name": "k" * 201}, "name"),
        (world.buyer, f"/initiatives/{i}/kpis", {"name": "k", "unit": "u" * 41}, "unit"),
        (world.provider, f"/initiatives/{i}/shadowing-sessions", {"host": "h" * 201}, "host"),
        (world.provider, f"/initiatives/{i}/shadowing-sessions", {"host": "h", "duration_minutes": 24 * 60 + 1}, "duration_minutes"),
        (world.provider, f"/cards/{card['id']}/comments", {"text": "c" * 5001}, "text"),
        (world.provider, f"/cards/{card['id']}/comments", {"text": ""}, "text"),
        (world.provider, f"/initiatives/{i}/budget-requests", {"amount": 1, "currency": "EUR", "purpose": "p" * 2001}, "purpose"),
        (world.provider, f"/initiatives/{i}/budget-requests", {"amount": 1_000_000_001, "currency": "EUR"}, "amount"),
        (world.buyer_admin, "/engagements", {"name": "n" * 201, "buyer_name": "b", "provider_name": "p", "side": "buyer"}, "name"),
    ):
        error(client.post(path, body), 422, field)
    error(world.buyer.patch(f"/cards/{card['id']}", {"version": 1, "text": "x" * 5001}), 422, "text")
    # exactly at the bound is fine
    expect(world.provider.post(f"/initiatives/{i}/cards", {"kind": "story", "title": "s" * 200}), 201)
    expect(world.provider.post(f"/initiatives/{i}/cards", {"kind": "observation", "text": "x" * 5000}), 201)
    after = snapshot(world)
    assert len(after["cards"]) == len(before["cards"]) + 2 and len(after["events"]) == len(before["events"]) + 2


def test_wrong_types_are_rejected(world, things):
    i, card, exp = world.initiative, things["card"], things["exp"]
    before = snapshot(world)
    for client, method, path, body, field in (
        (world.buyer, "POST", f"/engagements/{world.engagement}/initiatives", {"title": 5}, "title"),
        (world.buyer, "POST", f"/engagements/{world.engagement}/initiatives", {"title": None}, "title"),
        (world.buyer, "POST", f"/engagements/{world.engagement}/initiatives", {"title": ["t"]}, "title"),
        (world.buyer, "PATCH", f"/initiatives/{i}", {"version": "one", "title": "t"}, "version"),
        (world.buyer, "PATCH", f"/initiatives/{i}", {"version": 1.5, "title": "t"}, "version"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": {"a": 1}}, "text"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": "x", "tags": "billing"}, "tags"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": "x", "tags": [5]}, "tags.0"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": "x", "lane_position": "top"}, "lane_position"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "story", "title": "s", "told": "perhaps"}, "told"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "story", "title": "s", "evidence": card["id"]}, "evidence"),
        (world.buyer, "POST", f"/initiatives/{i}/kpis", {"name": "k", "baseline": "low"}, "baseline"),
        (world.provider, "POST", f"/initiatives/{i}/shadowing-sessions", {"host": "h", "duration_minutes": "long"}, "duration_minutes"),
        (world.provider, "POST", f"/initiatives/{i}/shadowing-sessions", {"host": "h", "customer_contact": "maybe"}, "customer_contact"),
        (world.provider, "POST", f"/initiatives/{i}/shadowing-sessions", {"host": "h", "started_at": "yesterday"}, "started_at"),
        (world.provider, "POST", f"/initiatives/{i}/shadowing-sessions", {"host": "h", "started_at": "9999-12-31T23:00:00-05:00"}, "started_at"),
        (world.buyer, "POST", f"/initiatives/{i}/access-grants", {"scope": "process", "expires_at": 1700000000}, "expires_at"),
        (world.buyer, "POST", f"/initiatives/{i}/access-grants", {"scope": "process", "expires_at": "9999-12-31T23:59:59-05:00"}, "expires_at"),
        (world.provider, "POST", f"/cards/{exp['id']}/budget-requests", {"amount": "ten", "currency": "EUR"}, "amount"),
        (world.provider, "POST", f"/cards/{exp['id']}/budget-requests", {"amount": True, "currency": "EUR"}, "amount"),
        (world.provider, "POST", f"/cards/{exp['id']}/budget-requests", {"amount": 10.005, "currency": "EUR"}, "amount"),
        (world.provider, "POST", f"/cards/{exp['id']}/budget-requests", {"amount": "NaN", "currency": "EUR"}, "amount"),
        (world.sponsor, "POST", f"/budget-requests/{things['request']['id']}/decision", {"approve": "si"}, "approve"),
        (world.provider, "POST", f"/cards/{exp['id']}/spend", {"amount": [1]}, "amount"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": "nul\u0000byte"}, "text"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": "x", "shadowing_session_id": "a\u0000"}, "shadowing_session_id"),
    ):
        error(client.request(method, path, json=body), 422, field)
    assert snapshot(world) == before


def test_bad_enum_values_are_rejected(world, things):
    i, e, card, exp = world.initiative, world.engagement, things["card"], things["exp"]
    before = snapshot(world)
    for client, method, path, body, field in (
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "sticky", "text": "x"}, "kind"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "observation", "text": "x", "observation_kind": "rant"}, "observation_kind"),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"kind": "experiment", "title": "t", "audience": "everyone"}, "audience"),
        (world.provider, "PATCH", f"/cards/{exp['id']}", {"version": 1, "status": "done"}, "status"),
        (world.provider, "PATCH", f"/cards/{exp['id']}", {"version": 1, "decision": "maybe"}, "decision"),
        (world.provider, "PATCH", f"/cards/{card['id']}", {"version": 1, "observation_kind": None}, "observation_kind"),
        (world.buyer, "PATCH", f"/initiatives/{i}", {"version": 1, "status": "finished"}, "status"),
        (world.buyer, "POST", f"/initiatives/{i}/access-grants", {"scope": "all"}, "scope"),
        (world.buyer_admin, "POST", f"/engagements/{e}/invitations", {"email": "new@example.com", "side": "both"}, "side"),
        (world.buyer_admin, "POST", f"/engagements/{e}/invitations", {"email": "new@example.com", "side": "buyer", "roles": ["boss"]}, "roles.0"),
        (world.buyer_admin, "POST", f"/engagements/{e}/invitations", {"email": "new@example.com", "side": "provider", "roles": ["sponsor"]}, "roles"),
        (world.buyer_admin, "POST", f"/engagements/{e}/invitations", {"email": "new@example.com", "side": "buyer", "roles": ["viewer", "admin"]}, "roles"),
        (world.buyer_admin, "POST", f"/engagements/{e}/invitations", {"email": "not-an-email", "side": "buyer"}, "email"),
        (world.buyer_admin, "PATCH", f"/engagements/{e}/members/{world.users['provider']}", {"roles": ["sponsor"]}, "roles"),
        (world.buyer_admin, "PATCH", f"/engagements/{e}/members/{world.users['provider']}", {"roles": []}, "roles"),
        (world.buyer, "PATCH", "/me", {"password": "a-new-long-password"}, "current_password"),
        (world.buyer, "PATCH", "/me", {"name": ""}, "name"),
        (world.buyer_admin, "POST", "/engagements", {"name": "n", "buyer_name": "b", "provider_name": "p", "side": "vendor"}, "side"),
        (world.provider, "POST", f"/initiatives/{i}/budget-requests", {"amount": 1, "currency": "EURO"}, "currency"),
    ):
        error(client.request(method, path, json=body), 422, field)
    for query, field in ((f"/initiatives/{i}/cards?kind=sticky", "kind"),
                         (f"/engagements/{e}/budget-requests?status=open", "status"),
                         (f"/initiatives/{i}/events?after=-1", "after"),
                         (f"/initiatives/{i}/events?after=many", "after"),
                         (f"/initiatives/{i}/events?after=99999999999999999999999", "after"),
                         (f"/initiatives/{i}/events?limit=0", "limit")):
        error(world.buyer.get(query), 422, field)
    assert snapshot(world) == before


def test_missing_required_fields_are_named(world, things):
    i, exp = world.initiative, things["exp"]
    before = snapshot(world)
    for client, method, path, body, fields in (
        (world.buyer, "POST", f"/engagements/{world.engagement}/initiatives", {}, {"title"}),
        (world.buyer, "PATCH", f"/initiatives/{i}", {"title": "t"}, {"version"}),
        (world.provider, "POST", f"/initiatives/{i}/cards", {"text": "x"}, {"kind"}),
        (world.provider, "PATCH", f"/cards/{things['card']['id']}", {"text": "x"}, {"version"}),
        (world.buyer, "POST", f"/initiatives/{i}/kpis", {"unit": "EUR"}, {"name"}),
        (world.buyer, "POST", f"/initiatives/{i}/access-grants", {}, {"scope"}),
        (world.provider, "POST", f"/initiatives/{i}/shadowing-sessions", {"context": "calls"}, {"host"}),
        (world.provider, "POST", f"/cards/{exp['id']}/budget-requests", {}, {"amount", "currency"}),
        (world.sponsor, "POST", f"/budget-requests/{things['request']['id']}/decision", {"comment": "ok"}, {"approve"}),
        (world.provider, "POST", f"/cards/{exp['id']}/spend", {"note": "x"}, {"amount"}),
        (world.provider, "POST", f"/cards/{things['card']['id']}/comments", {}, {"text"}),
        (world.buyer_admin, "POST", "/engagements", {"name": "n"}, {"buyer_name", "provider_name", "side"}),
    ):
        err = error(client.request(method, path, json=body), 422)
        assert set(err["fields"]) == fields, (path, err)
        assert all(m == ["Missing data for required field."] for m in err["fields"].values())
    assert snapshot(world) == before


def test_a_body_that_is_not_json_or_not_an_object(world):
    path = f"/engagements/{world.engagement}/initiatives"
    before = snapshot(world)
    for raw in ('{"title": "t"', "title=t", "{'title': 't'}", '{"title": "t"} trailing'):
        err = error(world.buyer.request("POST", path, data=raw, headers={"Content-Type": "application/json"}),
                    400, code="bad_request")
        assert "JSON" in err["message"]
    for raw in ("[1, 2]", '"title"', "42", "null"):
        error(world.buyer.request("POST", path, data=raw, headers={"Content-Type": "application/json"}), 422, "_schema")
    # a form post is not JSON: the body's fields are missing
    error(world.buyer.request("POST", path, data={"title": "t"}), 422, "title")
    assert snapshot(world) == before


def test_ids_with_nul_characters_name_nothing(world):
    for path in ("/cards/abc%00def", "/initiatives/x%00", "/engagements/%00/initiatives"):
        error(world.buyer.get(path), 404, code="not_found")
    error(world.buyer.patch("/cards/abc%00def", {"version": 1, "text": "x"}), 404, code="not_found")
