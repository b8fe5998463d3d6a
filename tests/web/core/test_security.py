"""Security headers and checks a browser relies on, asserted one by one (live sandbox)."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from tests.web.accounts.pages import register, registration
from tests.web.conftest import csrf_from


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {part.split(" ", 1)[0]: part.split(" ", 1)[1] for part in (p.strip() for p in policy.split(";")) if part}


@pytest.mark.parametrize("path", ["/", "/login", "/register", "/tournaments/", "/competitions/", "/nowhere"])
def test_every_page_has_a_strict_policy(client, path):
    response = client.get(path)
    csp = directives(response)
    assert csp["object-src"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["default-src"] == "'self'"
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert "nonce-" in csp["script-src"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    secure = client.get("/", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize(
    "headers, status",
    [
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Referer": "https://evil.example/page"}, 403),
        ({"Origin": "http://localhost"}, 200),
        ({"Referer": "http://localhost/login"}, 200),
        ({}, 200),  # neither: a client that sends no such header (the CSRF token still holds)
        ({"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"}, 200),  # Fetch Metadata decides
    ],
)
def test_changes_from_another_site_are_refused_without_fetch_metadata(client, headers, status):
    token = csrf_from(client.get("/login").text)
    response = client.post("/login", headers=headers, data={
        "email": "nobody@demo.kore", "password": "x", "play_mode": "Real", "csrf_token": token})
    assert (response.status_code == 403) == (status == 403)


def test_a_refused_registration_that_echoes_what_was_typed_is_not_cached(client):
    response = register(client, registration("alice@demo.kore", mobile_phone="+44 7700 900123"))
    assert response.status_code == 400 and 'value="alice@demo.kore"' in response.text
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/password/reset").headers["Cache-Control"] == "no-store"


def _session_payload(client) -> str:
    """What anyone holding the cookie can read: Flask signs it, it does not encrypt it."""
    value = client.get_cookie("lobby_session").value
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".", 1)[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return json.dumps(json.loads(zlib.decompress(raw) if compressed else raw))


def test_the_landing_url_is_not_readable_in_the_cookie(client):
    client.get("/?cid=ABC123&email=visitor%40example.org", headers={"Referer": "https://partner.example/x"})
    readable = _session_payload(client)
    assert "visitor" not in readable and "ABC123" not in readable and "partner.example" not in readable


@pytest.mark.parametrize("name", [b'",Y[;\'\\"', b'"\\'])
def test_a_form_part_whose_name_cannot_be_read_is_a_400_on_every_route(app, client, name):
    """Werkzeug names such a part None; Flask-WTF's CSRF check used to fail on it (a 500)."""
    body = b"--XX\r\nContent-Disposition: form-data; name=" + name + b"\r\n\r\nvalue\r\n--XX--\r\n"
    routes = {rule.rule for rule in app.url_map.iter_rules() if "POST" in rule.methods and "<" not in rule.rule}
    assert "/login/migrate" in routes
    for route in sorted(routes):
        answer = client.post(route, data=body, content_type="multipart/form-data; boundary=XX")
        assert answer.status_code == 400, (route, answer.status_code)
