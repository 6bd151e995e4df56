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
