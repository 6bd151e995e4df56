"""Hostile input over HTTP gets a 4xx naming what was wrong, and changes nothing."""
from __future__ import annotations

import json

import pytest

from tests.support.api import error, expect


def cards_of(world) -> list[dict]:
    return expect(world.buyer.get(f"/initiatives/{world.initiative}/cards"), 200)


def nested(depth: int) -> str:
    return '{"kind": "observation", "text": "x", "deep": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("depth", [1_000, 20_000, 50_000])
def test_json_nested_deeply_is_refused_and_changes_nothing(world, anonymous, depth):
    before = cards_of(world)
    r = world.buyer.client.post(f"/api/v1/initiatives/{world.initiative}/cards", data=nested(depth),
                                headers={**world.buyer.headers, "Content-Type": "application/json"})
    err = error(r, 400, code="bad_request")
    assert "nests deeper than 32 levels" in err["message"]
    assert cards_of(world) == before
    # the sign-in (whose rate limit reads the body first) answers the same, not a 500
    r = anonymous.client.post("/api/v1/auth/login", data="[" * depth + "]" * depth, content_type="application/json")
    assert error(r, 400, code="bad_request")["message"].startswith("body: the JSON nests deeper")


def raw(client, method: str, path: str, text: str):
    """A JSON body as sent on the wire: ``\\ud800`` stays an escape, as a hostile client would send it."""
    return client.client.open(f"/api/v1{path}", method=method, data=text,
                              headers={**client.headers, "Content-Type": "application/json"})


@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff"])
def test_a_lone_surrogate_in_text_is_refused_by_field_and_changes_nothing(world, surrogate):
    ini = world.initiative
    obs = expect(world.buyer.post(f"/initiatives/{ini}/cards", {"kind": "observation", "text": "seen"}), 201)
    before = cards_of(world)
    title_before = expect(world.buyer.get(f"/initiatives/{ini}"), 200)["title"]
    for method, path, body, field in [
        ("POST", f"/initiatives/{ini}/cards", f'{{"kind": "observation", "text": "a{surrogate}b"}}', "text"),
        ("POST", f"/cards/{obs['id']}/comments", f'{{"text": "hi {surrogate}"}}', "text"),
        ("PATCH", f"/initiatives/{ini}", f'{{"version": 1, "title": "T{surrogate}"}}', "title"),
    ]:
        err = error(raw(world.buyer, method, path, body), 422, code="invalid")
        assert err["fields"] == {field: ["Not valid text (a lone UTF-16 surrogate)."]}, path
        assert "U+D" in err["message"]
    assert cards_of(world) == before
    assert expect(world.buyer.get(f"/cards/{obs['id']}/comments"), 200) == []
    assert expect(world.buyer.get(f"/initiatives/{ini}"), 200)["title"] == title_before
    # a proper pair of surrogates is a character, and welcome
    made = expect(raw(world.buyer, "POST", f"/initiatives/{ini}/cards",
                      json.dumps({"kind": "observation", "text": "paid \U0001F600"})), 201)
    assert made["text"] == "paid \U0001F600"
