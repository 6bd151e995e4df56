"""The OpenAPI document (SPEC §5, §8): valid OpenAPI 3, every route of the app, closed request bodies."""
import re

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from tests.support.api import expect

PREFIX = "/api/v1"
IGNORED_METHODS = {"HEAD", "OPTIONS"}
SERVER_OWNED = {"id", "seq", "author", "created_at", "updated_at", "engagement_id", "initiative_id",
                "requested_by", "requested_at", "decided_by", "decided_at", "recorded_by", "recorded_at",
                "granted_by", "granted_at", "revoked_by", "revoked_at", "shadower", "status_code"}


@pytest.fixture
def doc(anonymous):
    return expect(anonymous.get(f"{PREFIX}/openapi.json"), 200)


def resolve(doc, schema):
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = doc["components"]["schemas"][name]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return resolve(doc, schema["allOf"][0])
    return schema


def test_the_document_is_valid_openapi_3(doc):
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["title"] and doc["info"]["version"] == "v1"
    validate(doc)  # raises with the first violation


def test_every_route_of_the_app_is_documented_and_nothing_else(doc, app):
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/") or rule.rule == f"{PREFIX}/openapi.json":
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        routes |= {(path, m.lower()) for m in rule.methods - IGNORED_METHODS}
    documented = {(path, method) for path, ops in doc["paths"].items() for method in ops
                  if method in {"get", "post", "put", "patch", "delete"}}
    assert routes, "no API routes found"
    assert routes - documented == set(), "routes missing from the document"
    assert documented - routes == set(), "documented operations the app does not serve"
    # every operation says what it does and names its path parameters
    for path, ops in doc["paths"].items():
        names = set(re.findall(r"{([^}]+)}", path))
        params = {p["name"] for p in ops.get("parameters", []) if p["in"] == "path"}
        for method, op in ops.items():
            if method == "parameters":
                continue
            op_params = params | {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert op_params == names, (path, method)
            assert op.get("summary") and op.get("responses"), (path, method)


def test_request_bodies_are_closed_and_server_fields_read_only(doc):
    bodies = 0
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if method == "parameters" or "requestBody" not in op:
                continue
            bodies += 1
            [content] = op["requestBody"]["content"].values()  # JSON, or multipart for a photo upload
            schema = resolve(doc, content["schema"])
            where = f"{method.upper()} {path}"
            assert schema.get("type") == "object", where
            assert schema.get("additionalProperties") is False, f"{where} accepts unknown fields"
            writable = {name for name, prop in schema["properties"].items() if not prop.get("readOnly")}
            assert writable, where
            targets = {"initiative_id"} if path.endswith("/reuse") else set()  # where to start the draft: an input
            assert not (writable - targets) & SERVER_OWNED, f"{where} lets the client set {writable & SERVER_OWNED}"
            for name in writable:  # nested objects are closed too
                nested = resolve(doc, schema["properties"][name])
                if nested.get("type") == "object" and "properties" in nested:
                    assert nested.get("additionalProperties") is False, f"{where}: {name}"
    assert bodies >= 15
    card_create = doc["components"]["schemas"]["CardCreate"]["properties"]
    assert all(card_create[f].get("readOnly") for f in ("id", "author", "side", "version"))
    comment = doc["components"]["schemas"]["Comment"]["properties"]
    assert comment["side"].get("readOnly") and comment["author"].get("readOnly")


def test_errors_are_documented_as_they_are_answered(doc, world):
    validator = OAS30Validator({"$ref": "#/components/schemas/Error", "components": doc["components"]})
    validator.validate({"error": {"code": "x", "message": "y"}})
    answers = [
        world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "nope"}),  # 422 with fields
        world.outsider.get(f"/initiatives/{world.initiative}"),  # 404
        world.provider.post(f"/initiatives/{world.initiative}/access-grants", {"scope": "process"}),  # 403
        world.buyer.patch(f"/initiatives/{world.initiative}", {"version": 99, "title": "x"}),  # 409 with current
    ]
    assert [r.status_code for r in answers] == [422, 404, 403, 409]
    for response in answers:
        validator.validate(response.get_json())
    for op in (o for ops in doc["paths"].values() for m, o in ops.items() if m != "parameters"):
        assert "default" in op["responses"]
