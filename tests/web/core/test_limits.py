"""The lobby's own rate limits: per client, below Kore's, with a page that says when."""



from lobby.core.limits import LIMITS
from tests.web.conftest import csrf_from


def test_every_limited_endpoint_exists(app):
    # A renamed view must not lose its limit silently.
    assert sorted(set(LIMITS) - set(app.view_functions)) == []


def _attempt(email: str, token: str) -> dict:
    # Unknown accounts: Kore answers invalid_password every time (no account lock).
    return {"email": email, "password": "wrong-password", "play_mode": "Real", "csrf_token": token}


def test_login_attempts_are_limited_per_client_with_a_friendly_page(client, sandbox):
    token = csrf_from(client.get("/login").text)
    statuses = [client.post("/login", data=_attempt(f"nobody{n}@demo.kore", token)).status_code for n in range(10)]
    assert set(statuses) == {401}  # Kore's own answer, ten times
    data = _attempt("nobody@demo.kore", token)
    limited = client.post("/login", data=data)
    assert limited.status_code == 429
    assert "Please try again in" in limited.text
    assert int(limited.headers["Retry-After"]) > 0
    # Another client (address) is not affected.
    other = client.post("/login", data=data, environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert other.status_code == 401


def test_login_attempts_on_one_account_are_limited_from_any_address(client, sandbox):
    """Five addresses trying one account: the sixth attempt waits, other accounts do not."""
    token = csrf_from(client.get("/login").text)
    data = _attempt("Target@Demo.Kore", token)
    statuses = [client.post("/login", data=data, environ_base={"REMOTE_ADDR": f"10.1.1.{n}"}).status_code
                for n in range(5)]
    assert set(statuses) == {401}
    spelled_otherwise = dict(data, email=" target@demo.kore ")
    limited = client.post("/login", data=spelled_otherwise, environ_base={"REMOTE_ADDR": "10.1.1.99"})
    assert limited.status_code == 429 and "Please try again in" in limited.text
    other = client.post("/login", data=_attempt("someone-else@demo.kore", token),
                        environ_base={"REMOTE_ADDR": "10.1.1.99"})
    assert other.status_code == 401


def test_pages_are_not_limited_for_reading(client):
    assert all(client.get("/login").status_code == 200 for _ in range(30))


def _check(client, email: str, token: str, **kwargs):
    return client.post("/register/email", data={"email": email, "csrf_token": token},
                       headers={"HX-Request": "true", **kwargs.pop("headers", {})}, **kwargs)


def test_email_checks_from_forged_forwarded_addresses_meet_the_per_address_limit(client, sandbox):
    """No trusted proxy: X-Forwarded-For changes nothing, so rotating it enumerates nothing."""
    token = csrf_from(client.get("/register").text)
    statuses = [_check(client, f"probe{n}@demo.kore", token,
                       headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(16)]
    assert statuses[:15] == [200] * 15 and statuses[15] == 429


def test_one_email_checked_from_many_addresses_is_limited(client, sandbox):
    token = csrf_from(client.get("/register").text)
    statuses = [_check(client, "alice@demo.kore", token, environ_base={"REMOTE_ADDR": f"10.3.3.{n}"}).status_code
                for n in range(6)]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    assert _check(client, "someone-else@demo.kore", token, environ_base={"REMOTE_ADDR": "10.3.3.99"}).status_code == 200
