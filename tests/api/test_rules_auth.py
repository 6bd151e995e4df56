"""Signing in (SPEC §5, §8): cookie sessions with CSRF for the browser, bearer tokens for scripts,
one answer for every bad credential, logout and disabled accounts."""
from board import uow
from board.services import accounts
from tests.support.api import PASSWORD, ApiClient, error, expect


def test_wrong_password_and_unknown_email_get_the_same_401(world, anonymous):
    for path in ("/auth/login", "/auth/token"):
        wrong = error(anonymous.post(path, {"email": "buyer@example.com", "password": "wrong-horse-42"}), 401)
        unknown = error(anonymous.post(path, {"email": "nobody@example.com", "password": PASSWORD}), 401)
        assert wrong == unknown and wrong["code"] == "bad_credentials"
        assert "fields" not in wrong
    expect(anonymous.get("/me"), 401)
    # the email is matched case-insensitively, the password exactly
    expect(anonymous.post("/auth/token", {"email": "BUYER@example.com", "password": PASSWORD}), 201)
    error(anonymous.post("/auth/token", {"email": "buyer@example.com", "password": PASSWORD.upper()}), 401)


def test_a_token_works_without_csrf(world, app, anonymous):
    token = expect(anonymous.post("/auth/token", {"email": "provider@example.com", "password": PASSWORD,
                                                  "name": "laptop script"}), 201)
    assert token["name"] == "laptop script" and token["token"]
    script = ApiClient(app.test_client(), token=token["token"])
    assert expect(script.get("/me"), 200)["user"]["email"] == "provider@example.com"
    card = expect(script.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 201)
    assert card["author"]["name"] == "Provider"
    for bad in (token["token"] + "x", "clb_nope", ""):
        error(ApiClient(app.test_client(), token=bad).get("/me"), 401)
    error(ApiClient(app.test_client()).get("/me", headers={"Authorization": "Basic abc"}), 401)


def test_cookie_writes_need_the_csrf_token(world, browser_for):
    browser = browser_for("buyer@example.com")
    good = browser.csrf
    path = f"/initiatives/{world.initiative}/cards"
    before = expect(browser.get(f"/initiatives/{world.initiative}/events"), 200)
    for csrf in (None, "not-the-token", good[:-2]):
        browser.csrf = csrf
        error(browser.post(path, {"kind": "observation", "text": "x"}), 403, "csrf")
        error(browser.patch(f"/initiatives/{world.initiative}", {"version": 1, "title": "x"}), 403, "csrf")
        error(browser.post("/auth/logout"), 403, "csrf")
        assert expect(browser.get("/me"), 200)["user"]["email"] == "buyer@example.com"  # reads need none
    assert expect(browser.get(f"/initiatives/{world.initiative}/events"), 200) == before
    browser.csrf = good
    expect(browser.post(path, {"kind": "observation", "text": "x"}), 201)
    # the token from /me works too
    browser.csrf = expect(browser.get("/me"), 200)["csrf_token"]
    expect(browser.post(path, {"kind": "observation", "text": "y"}), 201)


def test_logout_ends_the_session(world, browser_for, app):
    browser = browser_for("sponsor@example.com")
    stolen = browser.client.get_cookie("session").value
    expect(browser.get("/me"), 200)
    out = browser.post("/auth/logout")
    assert out.status_code == 204 and out.get_data() == b""
    error(browser.get("/me"), 401, "unauthorized")
    error(browser.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 401)
    # replaying the old cookie does not bring the session back
    replay = ApiClient(app.test_client())
    replay.client.set_cookie("session", stolen)
    error(replay.get("/me"), 401)
    # other sign-ins of the same person are untouched
    assert expect(world.sponsor.get("/me"), 200)["user"]["email"] == "sponsor@example.com"


def test_me_lists_my_engagements_with_side_and_roles(world):
    me = expect(world.provider.get("/me"), 200)
    assert me["user"] == {"id": world.users["provider"], "name": "Provider", "email": "provider@example.com"}
    assert me["csrf_token"]
    mine = {e["name"]: (e["side"], e["roles"]) for e in me["engagements"]}
    assert mine == {"Collections": ("provider", ["member"]), "Claims": ("provider", ["member"])}
    sponsor = expect(world.sponsor.get("/me"), 200)["engagements"]
    assert [(e["id"], e["side"], e["roles"]) for e in sponsor] == [(world.engagement, "buyer", ["member", "sponsor"])]
    assert sponsor[0]["buyer_name"] == "Fincorp" and sponsor[0]["provider_name"] == "CallCo"
    assert expect(world.viewer.get("/me"), 200)["engagements"][0]["roles"] == ["viewer"]
    assert "password" not in str(me) and "hash" not in str(me)


def test_a_disabled_user_is_refused_with_cookie_and_token(world, browser_for, app, anonymous):
    browser = browser_for("buyer@example.com")
    expect(browser.get("/me"), 200)
    with app.app_context():
        accounts.set_disabled(accounts.find_user("buyer@example.com"), True)
        uow.commit()
    error(browser.get("/me"), 401)
    error(world.buyer.get("/me"), 401)
    error(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 401)
    error(anonymous.post("/auth/login", {"email": "buyer@example.com", "password": PASSWORD}), 401, "bad_credentials")
    error(anonymous.post("/auth/token", {"email": "buyer@example.com", "password": PASSWORD}), 401, "bad_credentials")
    # re-enabled: what the disable stopped stays stopped (token and browser session); signing in again works
    with app.app_context():
        accounts.set_disabled(accounts.find_user("buyer@example.com"), False)
        uow.commit()
    error(world.buyer.get("/me"), 401)
    error(browser.get("/me"), 401)
    expect(anonymous.post("/auth/token", {"email": "buyer@example.com", "password": PASSWORD, "name": "new"}), 201)


def test_anonymous_callers_get_401_not_data(world, anonymous):
    for path in ("/me", "/engagements", f"/initiatives/{world.initiative}", f"/initiatives/{world.initiative}/events",
                 f"/initiatives/{world.initiative}/power-ups"):
        error(anonymous.get(path), 401, "unauthorized")
    error(anonymous.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 401)
