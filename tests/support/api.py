"""Calling the REST API from tests: a JSON client for one person and checks of the answers."""
from __future__ import annotations

PASSWORD = "correct-horse-42"


class ApiClient:
    """A Flask test client for one person, sending JSON to ``/api/v1`` paths."""

    def __init__(self, flask_client, token: str | None = None, csrf: str | None = None):
        self.client = flask_client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.csrf = csrf

    def request(self, method: str, path: str, json=None, **kw):
        url = path if path.startswith("/api/") or path.startswith("http") else f"/api/v1{path}"
        headers = dict(self.headers)
        if self.csrf:
            headers["X-CSRFToken"] = self.csrf
        headers.update(kw.pop("headers", {}))
        return self.client.open(url, method=method, json=json, headers=headers, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json=None, **kw):
        return self.request("POST", path, json=json if json is not None else {}, **kw)

    def patch(self, path, json=None, **kw):
        return self.request("PATCH", path, json=json, **kw)

    def put(self, path, json=None, **kw):
        return self.request("PUT", path, json=json, **kw)

    def delete(self, path, json=None, **kw):
        return self.request("DELETE", path, json=json, **kw)


def expect(response, status: int):
    """Assert the status (showing the body when it differs) and return the JSON body."""
    assert response.status_code == status, f"{response.status_code} != {status}: {response.get_data(as_text=True)[:800]}"
    return response.get_json(silent=True)


def error(response, status: int, code: str | None = None, field: str | None = None) -> dict:
    """Assert an error answer in the one error shape (optionally its code and a named field); return it."""
    err = expect(response, status)["error"]
    assert isinstance(err["code"], str) and isinstance(err["message"], str) and err["message"]
    if code:
        assert err["code"] == code, err
    if field:
        assert field in err["fields"], err
    return err


def log(world) -> list[dict]:
    """The event log of the world's main initiative."""
    return expect(world.buyer.get(f"/initiatives/{world.initiative}/events"), 200)


def token_of(api_client: ApiClient) -> str:
    """The personal access token an ``ApiClient`` sends."""
    return api_client.headers["Authorization"].split(" ", 1)[1]
