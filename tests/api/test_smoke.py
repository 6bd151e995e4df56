"""The basics through HTTP: sign-in with cookie and CSRF, a card's life, the error shape."""
from tests.support.api import expect


def test_cookie_sign_in_needs_csrf_for_writes(world, browser_for):
    browser = browser_for("buyer@example.com")
    csrf = browser.csrf
    browser.csrf = None
    err = expect(browser.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 403)
    assert err["error"]["code"] == "csrf"
    browser.csrf = csrf
    card = expect(browser.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 201)
    assert card["author"]["name"] == "Buyer" and card["side"] == "buyer"


def test_stale_version_is_409_with_current_state(world):
    card = expect(world.provider.post(f"/initiatives/{world.initiative}/cards",
                                      {"kind": "observation", "text": "Agents retype the address"}), 201)
    expect(world.buyer.patch(f"/cards/{card['id']}", {"version": 1, "text": "Agents retype it twice"}), 200)
    err = expect(world.provider.patch(f"/cards/{card['id']}", {"version": 1, "text": "mine"}), 409)
    assert err["error"]["current"]["text"] == "Agents retype it twice"
    assert err["error"]["current"]["version"] == 2
