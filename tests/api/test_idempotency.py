"""``Idempotency-Key`` on REST writes: a repeat answers the first answer and applies nothing again."""
import pytest

from tests.support.api import error, expect, log

KEY = "Idempotency-Key"


def keyed(client, method: str, path: str, key: str, json=None):
    """One write carrying ``Idempotency-Key: key``."""
    return client.request(method, path, json=json, headers={KEY: key})


def test_a_repeated_create_answers_the_first_answer_and_creates_one_card(world):
    path, body = f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "Re-keyed twice"}
    first = keyed(world.buyer, "POST", path, "create-1", body)
    second = keyed(world.buyer, "POST", path, "create-1", body)
    assert first.status_code == second.status_code == 201
    assert second.get_json() == first.get_json()
    assert second.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert [c["id"] for c in expect(world.buyer.get(path), 200)] == [first.get_json()["id"]]
    created = [e for e in log(world) if e["type"] == "card.created"]
    assert len(created) == 1 and created[0]["op_id"] == "create-1"


def test_a_repeated_edit_answers_its_first_answer_not_a_conflict(world):
    card = expect(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "a"}), 201)
    edit = {"version": card["version"], "text": "b"}
    first = expect(keyed(world.provider, "PATCH", f"/cards/{card['id']}", "edit-1", edit), 200)
    again = keyed(world.provider, "PATCH", f"/cards/{card['id']}", "edit-1", edit)
    assert expect(again, 200) == first and first["version"] == card["version"] + 1
    other_key = keyed(world.provider, "PATCH", f"/cards/{card['id']}", "edit-2", edit)
    error(other_key, 409)  # a new key is a new write: its version is stale
    assert [e["op_id"] for e in log(world) if e["type"] == "card.updated"] == ["edit-1"]


def test_keys_belong_to_their_user(world):
    path = f"/initiatives/{world.initiative}/cards"
    mine = expect(keyed(world.buyer, "POST", path, "shared", {"kind": "observation", "text": "buyer's"}), 201)
    theirs = expect(keyed(world.provider, "POST", path, "shared", {"kind": "observation", "text": "provider's"}), 201)
    assert mine["id"] != theirs["id"]
    assert len(expect(world.buyer.get(path), 200)) == 2


def test_a_write_that_failed_is_tried_afresh(world):
    path = f"/initiatives/{world.initiative}/clusters"
    error(keyed(world.buyer, "POST", path, "cluster-1", {"label": ""}), 422, field="label")
    made = expect(keyed(world.buyer, "POST", path, "cluster-1", {"label": "Hand-offs"}), 201)
    assert expect(world.buyer.get(path), 200)[0]["id"] == made["id"]


@pytest.mark.parametrize("write", ["cluster", "kpi", "timer"])
def test_workshop_cluster_and_kpi_writes_are_idempotent_like_card_writes(world, write):
    i = world.initiative
    method, path, body, client = {
        "cluster": ("POST", f"/initiatives/{i}/clusters", {"label": "Hand-offs"}, world.buyer),
        "kpi": ("POST", f"/initiatives/{i}/kpis", {"name": "Cost per euro", "unit": "EUR", "baseline": 0.12,
                                                    "target": 0.08}, world.buyer),
        "timer": ("PUT", f"/initiatives/{i}/workshop/timer", {"action": "start", "seconds": 300}, world.facilitator),
    }[write]
    before = len(log(world))
    first = keyed(client, method, path, f"{write}-op", body)
    second = keyed(client, method, path, f"{write}-op", body)
    assert first.status_code < 300 and (second.status_code, second.get_json()) == (first.status_code, first.get_json())
    added = log(world)[before:]
    assert added and {e["op_id"] for e in added} == {f"{write}-op"}
    assert len(added) == len({e["type"] for e in added})  # each event once


def test_a_repeated_delete_answers_its_first_204(world):
    cluster = expect(world.buyer.post(f"/initiatives/{world.initiative}/clusters", {"label": "Gone"}), 201)
    first = keyed(world.buyer, "DELETE", f"/clusters/{cluster['id']}", "delete-1")
    again = keyed(world.buyer, "DELETE", f"/clusters/{cluster['id']}", "delete-1")
    assert first.status_code == again.status_code == 204 and again.get_data() == b""
    error(keyed(world.buyer, "DELETE", f"/clusters/{cluster['id']}", "delete-2"), 404)


@pytest.mark.parametrize("key", ["", "k" * 65])
def test_a_bad_key_is_refused_by_name_and_changes_nothing(world, key):
    path = f"/initiatives/{world.initiative}/cards"
    before = log(world)
    error(keyed(world.buyer, "POST", path, key, {"kind": "observation", "text": "x"}), 422, field=KEY)
    assert expect(world.buyer.get(path), 200) == [] and log(world) == before


def test_writes_without_a_key_make_events_without_an_op_id(world):
    expect(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "plain"}), 201)
    assert {e["op_id"] for e in log(world)} == {None}


def test_the_header_is_documented_on_every_write(app, world):
    doc = expect(world.buyer.get("/openapi.json"), 200)
    writes = 0
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method == "parameters":  # the path's own
                continue
            params = operation.get("parameters", [])
            keyed_here = [p for p in params if p["name"] == KEY and p["in"] == "header"]
            if method in ("post", "put", "patch", "delete"):
                writes += 1
                assert len(keyed_here) == 1 and not keyed_here[0]["required"], f"{method.upper()} {path}"
                assert keyed_here[0]["schema"]["maxLength"] == 64
            else:
                assert not keyed_here, f"{method.upper()} {path}"
    assert writes > 30
