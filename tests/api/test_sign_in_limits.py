"""Sign-in attempts are rate limited per address and account, in the one error shape."""
from tests.support.api import PASSWORD, expect


def test_repeated_wrong_passwords_are_limited_per_account(world, anonymous):
    for _ in range(10):
        expect(anonymous.post("/auth/login", {"email": "buyer@example.com", "password": "wrong"}), 401)
    err = expect(anonymous.post("/auth/login", {"email": "buyer@example.com", "password": PASSWORD}), 429)
    assert err["error"]["code"] == "too_many_requests" and "try again" in err["error"]["message"]
    # another account from the same address is not locked out
    expect(anonymous.post("/auth/login", {"email": "provider@example.com", "password": PASSWORD}), 200)
    expect(anonymous.post("/auth/token", {"email": "provider@example.com", "password": PASSWORD}), 201)


def test_the_login_and_the_token_door_share_one_count(world, anonymous):
    for _ in range(5):
        expect(anonymous.post("/auth/login", {"email": "buyer@example.com", "password": "wrong"}), 401)
        expect(anonymous.post("/auth/token", {"email": "buyer@example.com", "password": "wrong", "name": "x"}), 401)
    # ten tries in all: the eleventh is refused at either door, right password or not
    expect(anonymous.post("/auth/token", {"email": "buyer@example.com", "password": PASSWORD, "name": "x"}), 429)
    expect(anonymous.post("/auth/login", {"email": "buyer@example.com", "password": PASSWORD}), 429)


def test_password_spraying_from_one_address_is_throttled_across_accounts(world, anonymous):
    def attempt(n: int) -> int:  # both doors, by turns
        guess = {"email": f"person{n}@target.example", "password": "Winter2026!"}
        return (anonymous.post("/auth/login", guess) if n % 2 else anonymous.post("/auth/token", {**guess, "name": "x"}))

    answers = [attempt(n).status_code for n in range(25)]
    assert answers == [401] * 20 + [429] * 5  # wrong passwords from one address, whatever the account
    # that address is refused even a right password for now; another address signs in as usual
    expect(anonymous.post("/auth/login", {"email": "buyer@example.com", "password": PASSWORD}), 429)
    other = {"environ_base": {"REMOTE_ADDR": "203.0.113.7"}}
    expect(anonymous.post("/auth/login", {"email": "buyer@example.com", "password": PASSWORD}, **other), 200)


def test_many_people_signing_in_from_one_office_are_not_throttled(world, anonymous):
    for _ in range(3):
        for persona in ("buyer", "provider", "sponsor", "sponsor2", "viewer", "facilitator", "buyer_admin", "outsider"):
            expect(anonymous.post("/auth/login", {"email": f"{persona}@example.com", "password": PASSWORD}), 200)
