"""Fuzzing (Hypothesis): every route with random, huge, unicode, missing and duplicated input.

Each GET route and each form endpoint of the app's URL map (``static`` and ``/vendor/``
serve files only and are left out) gets a short, derandomized Hypothesis run. One
example is one request:

- path parameters: real ones scraped from the sandbox's pages, random text (unicode
  digits such as ``²``, whitespace, percent signs), huge strings;
- a query string of the arguments the lobby reads plus random ones, some repeated;
- a form body of the fields the endpoint's FlaskForm declares, each missing, given one
  plausible or hostile value, or given twice, plus extra fields; values up to and over
  MAX_CONTENT_LENGTH;
- a valid CSRF token of the session, none, a forged one or two of them;
- as a visitor, as a signed-in Real or Practice player, or in the middle of a step (a
  password reset, an activation, a migration, an SMS code, an address, a password change);
- odd headers: Host, X-Forwarded-For/-Proto, Accept-Language, User-Agent, Referer, htmx;
- against the lobby as tests/web/conftest.py builds it, behind one trusted proxy
  (TRUSTED_PROXIES=1), and with a PUBLIC_URL.

Any 5xx, an exception out of the app, or "Traceback" in a body fails the test, with the
request and the end of the logged traceback in the message.

Every fault these tests and an outside probe found has an explicit reproducer at the
end of the file (each answered 500 once; tests/web/core/test_hardening.py checks the
answers in detail).
"""

from __future__ import annotations

import ipaddress
import logging
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.test import EnvironBuilder, run_wsgi_app
from wtforms.fields.core import UnboundField

from lobby import create_app
from lobby.config import KORE_LOCALES, Config
from lobby.extensions import limiter
from lobby.forms import accounts as account_forms
from lobby.forms import care as care_forms
from lobby.forms import games as game_forms
from lobby.forms import offers as offer_forms
from lobby.forms import referrals as referral_forms
from lobby.forms import registration as registration_forms
from lobby.forms import tournaments as tournament_forms
from tests.web.conftest import DEMO_PASSWORD, csrf_from

SECRET = "test-secret-" * 4
SESSION_COOKIE = "lobby_session"
MAX_CONTENT_LENGTH = 64 * 1024
#: Endpoints that serve files, not pages: nothing of the lobby's code runs behind them.
SKIPPED_ENDPOINTS = {"static", "assets.vendor"}
#: Examples per route and method: ~50 of them, so about 500 requests in all.
EXAMPLES = 10

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)


# -- the routes ---------------------------------------------------------------------------


#: The URL map, from an app that is never sent a request (so needs no Kore).
RULES = list(create_app(Config(kore_api_url="http://127.0.0.1:9", secret_key=SECRET)).url_map.iter_rules())


def _routes() -> list[tuple[str, str, tuple[str, ...]]]:
    """(endpoint, method, path arguments) of every route but the skipped ones."""
    found = set()
    for rule in RULES:
        if rule.endpoint in SKIPPED_ENDPOINTS:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.add((rule.endpoint, method, tuple(sorted(rule.arguments))))
    return sorted(found)


ROUTES = _routes()


def _fields(*forms: type) -> tuple[str, ...]:
    names: set[str] = set()
    for form in forms:
        names.update(name for name in dir(form) if isinstance(getattr(form, name, None), UnboundField))
    return tuple(sorted(names))


#: The fields of the form each endpoint reads (its FlaskForm classes, plus ``next``).
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "auth.login": _fields(account_forms.LoginForm),
    "auth.activate": _fields(account_forms.ActivationForm),
    "auth.migrate": _fields(account_forms.MigrationForm),
    "auth.logout": (),
    "account.switch": _fields(account_forms.AccountSwitchForm),
    "account.claim_bonus": _fields(offer_forms.ClaimForm),
    "games.switch_mode": _fields(account_forms.PlayModeForm) + ("next",),
    "games.play_sign_in": _fields(account_forms.LoginForm),
    "games.launch_token": (),
    "password.change": _fields(account_forms.NewPasswordForm),
    "password.reset": _fields(account_forms.ResetRequestForm),
    "password.reset_code": _fields(account_forms.ResetCodeForm),
    "password.reset_resend": _fields(account_forms.ConfirmForm),
    "register.index": _fields(registration_forms.AccountStepForm),
    "register.email_check": _fields(registration_forms.AccountStepForm),
    "register.about": _fields(registration_forms.AboutStepForm) + ("use_nickname", "back"),
    "register.home": _fields(registration_forms.AddressStepForm) + ("back",),
    "register.address": _fields(account_forms.AddressForm),
    "verify.index": _fields(account_forms.SmsCodeForm),
    "verify.resend": _fields(account_forms.ConfirmForm),
    "tournaments.join": _fields(tournament_forms.TournamentJoinForm),
    "tournaments.leave": _fields(tournament_forms.TournamentConfirmForm),
    "tournaments.moved_join": _fields(tournament_forms.TournamentJoinForm),
    "tournaments.moved_leave": _fields(tournament_forms.TournamentConfirmForm),
    "tournaments.rebuy": _fields(tournament_forms.TournamentConfirmForm),
    "languages.choose": _fields(account_forms.LanguageForm),
    "games.favourite": _fields(game_forms.FavouriteForm),
    "offers.claim": _fields(offer_forms.ClaimForm),
    "referrals.claim": _fields(referral_forms.ReferralClaimForm),
    "care.continue": _fields(care_forms.ContinueForm),
    "care.set_interval": _fields(care_forms.RealityCheckForm),
}

#: Query arguments the lobby reads somewhere (request.args), plus the GET form's field.
QUERY_ARGS = (
    "all", "bonus_code", "bonus_codes", "categories", "category", "date", "device", "email", "ids",
    "latest", "launch_token", "limit", "min_id", "next", "page_id", "path", "playmode", "provider",
    "q", "returnurl", "section", "sessionid", "slug", "status", "tg", "win", "lang", "ref",
)


# -- values -------------------------------------------------------------------------------

WHITESPACE = " \t\n\r\u00a0\u2003\u3000\u200b\ufeff"
UNICODE_DIGITS = ("²", "³", "¹", "٣", "①", "𝟙", "١٢٣٤٥٦", "１２３４５６", "⁰", "½", "Ⅻ", "𝟘𝟙")
ODD = (
    "", "0", "-1", "1e309", "NaN", "inf", "9" * 40, "1.5", "0x10", "%", "%zz", "%00", "\x00", "\x7f",
    "\u202e", "null", "None", "[]", "{}", "true", "../..", "<script>", "'\"", "☃", "😀", "é" * 3,
    "\ud7ff", "\uffff", "a,b", ",,,", ",", " , ",
)
PLAUSIBLE: dict[str, tuple[str, ...]] = {
    "email": ("alice@demo.kore", "bruno@demo.kore", "nobody@demo.kore", "a@b", "ålice@démo.kore", "@", "a@b.c" * 60),
    "password": (DEMO_PASSWORD, "Fresh-pass-9", "x", "Passw0rd-" + "é" * 10),
    "confirm": (DEMO_PASSWORD, "Fresh-pass-9"),
    "play_mode": ("Real", "Practice", "real", "Fun"),
    "interval": ("0", "10", "120", "7", "-10", "1e3", "９０", "10.5", "99999999999999999999"),
    "playmode": ("Real", "Practice", "Fun"),
    "next": ("/", "/account", "//evil.example", "/%2fevil", "http://evil.example/", "/\\evil", "/[", "/?next=/"),
    "captcha": ("sandbox-captcha-ok", "bot"),
    "birth_date": ("1979-11-02", "1990-07-14", "2020-01-01", "1979-02-30", "0001-01-01", "9999-12-31", "1990-7-1"),
    "code": ("123456", "000000", "12345", "1234567", "１２３４５６", "١٢٣٤٥٦"),
    "mobile_phone": ("+44 7700 900123", "+27 82 555 0101", "+", "+٤٤ ٧٧٠٠"),
    "home_phone": ("+44 20 7946 0000",),
    "currency": ("USD", "EUR", "ZAR", "BTC", "XXX", "usd"),
    "country": ("GB", "US", "ZA", "ZZ", "gb"),
    "id_country": ("GB", "ZA"),
    "state": ("Kent", "CA"),
    "locale": KORE_LOCALES[:3] + ("xx-XX", "en_US"),
    "type": ("Cash", "Bonus", "Loyalty", "Other"),
    "bonus_code": ("WELCOME", "DEMO10", "welcome"),
    "bonus_codes": ("A,B", "A,B,C", "WELCOME"),
    "invite_code": ("FRIEND1",),
    "campaign_id": ("1", "2", "3", "0", "2147483648"),
    "claim_type": ("referrer", "referee", "referrrer", "other"),
    "ref": ("q8aaa", "q8bbb", "zzzzz", "q8aaa!"),
    "limit": ("1", "10", "500", "501", "0", "-1", "1e3", "10.5"),
    "ids": ("1", "1,2", "0", "2147483648", "1," * 25),
    "page_id": ("1", "0", "12345678901"),
    "title": ("Ms.", "Mr.", "Dr"),
    "id_type": ("Passport", "NationalId", "DrivingLicense"),
    "id_number": ("AB123456", "1" * 40),
    "fund_source": ("Salary", "Savings"),
    "firstname": ("Nora", "Zoë", "O'Brien"),
    "lastname": ("Newman", "Li", "Ng-Smith"),
    "nickname": ("Lucky", "Lucky Alice", "Zoë", "Ζωή", "😀" * 20),
    "use_nickname": ("Zoe", "Zoë", "x" * 40, "\x00"),
    "back": ("1", ""),
    "first_line": ("1 High Street",),
    "second_line": ("Flat 2",),
    "city": ("Dover",),
    "zip_code": ("CT16 1AA",),
    "device_id": ("abc", "x" * 21),
    "all": ("true", "false"),
    "status": ("Registering", "Running", "Finished", "Upcoming"),
    "category": ("slots", "table", "live", "crash"),
    "q": ("spartians", "slot  machine"),
    "section": ("deposit", "withdraw", "history"),
    "path": ("/", "/deposit", "//evil"),
    "device": ("mobile", "desktop"),
    "tg": ("tracking-1",),
    "latest": ("/v3/api/tournaments/news", "http://[", "https://evil.example/x"),
}
HEADER_CHARS = st.characters(codec="latin-1", exclude_characters="\r\n", exclude_categories=("Cc",))
COOKIE_CHARS = st.characters(codec="latin-1", exclude_characters="\r\n;,\" ", exclude_categories=("Cc",))


def huge(min_size: int = 300) -> st.SearchStrategy[str]:
    """Long values cheaply: one character repeated, up to past MAX_CONTENT_LENGTH."""
    sizes = [n for n in (300, 1_000, 5_000, 40_000, MAX_CONTENT_LENGTH + 1_000) if n >= min_size]
    return st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "é", "9", "²", " ", "😀", "%", ","]), st.sampled_from(sizes))


def values(name: str | None = None, *, path: bool = False) -> st.SearchStrategy[str]:
    """What one field, argument or path segment is set to."""
    blank = st.text(alphabet=WHITESPACE, min_size=1, max_size=4)
    options = [
        st.text(max_size=20),
        blank,
        blank,
        st.sampled_from(UNICODE_DIGITS),
        st.sampled_from(ODD),
        huge(1_000 if not path else 300).filter(lambda s: not path or len(s) < 10_000),
    ]
    if name in PLAUSIBLE:
        # Most often a value the form accepts, so the code behind validation runs.
        options = [st.sampled_from(PLAUSIBLE[name])] * 3 + options
    if path:
        options = [s.map(lambda v: v.replace("/", "")) for s in options]
    return st.one_of(options)


# -- odd headers --------------------------------------------------------------------------

BAD_FORWARDED_FOR = ("203.0.113.7:51234", "[2001:db8::1]:443", "unknown", "", " ", "_hidden", "1.2.3", "::ffff:1.2.3.4:5")
GOOD_FORWARDED_FOR = ("203.0.113.7", "2001:db8::1", "198.51.100.1, 203.0.113.7")
BAD_HOSTS = ("a..b", "x" * 64 + ".example", ".example", "example.", "[::1]", "[::1", "localhost:99999",
             "localhost:x", "é.example", "xn--.example", "a b", "-a.example", "", "*")
#: Referers as browsers and bots send them; some are not URLs urlsplit accepts.
REFERERS = ("http://[", "https://[::1/x", "http://evil.example/", "http://localhost/", "//x", "not a url",
            "http://a..b/", "https://x" + "y" * 3000 + ".example/")


@st.composite
def headers(draw) -> dict[str, str]:
    chosen: dict[str, str] = {}
    latin1 = st.text(HEADER_CHARS, max_size=30)
    if draw(st.booleans()):
        chosen["X-Forwarded-For"] = draw(st.one_of(st.sampled_from(BAD_FORWARDED_FOR + GOOD_FORWARDED_FOR), latin1))
    if draw(st.integers(0, 5)) == 0:
        chosen["X-Forwarded-Proto"] = draw(st.sampled_from(("https", "http", "HTTPS", "ftp", "", "https, http")))
    if draw(st.integers(0, 5)) == 0:
        chosen["Host"] = draw(st.one_of(st.sampled_from(BAD_HOSTS), latin1))
    if draw(st.integers(0, 3)) == 0:
        chosen["Accept-Language"] = draw(st.one_of(
            st.sampled_from(("fr-FR,fr;q=0.9", "*", "de;q=abc", "xx", ";q=1", "en-US;q=2", "el-GR;q=0.5, ,")), latin1))
    if draw(st.integers(0, 3)) == 0:
        chosen["User-Agent"] = draw(st.one_of(st.sampled_from(("Mozilla/5.0 (iPhone)", "Android", "")), latin1,
                                              st.just("Mozilla/5.0 " * 500)))
    if draw(st.integers(0, 3)) == 0:
        chosen["Referer"] = draw(st.one_of(st.sampled_from(REFERERS), latin1))
    if draw(st.integers(0, 3)) == 0:
        chosen["HX-Request"] = "true"
        if draw(st.booleans()):
            chosen["HX-Target"] = draw(latin1)
    if draw(st.integers(0, 4)) == 0:
        chosen["Sec-Fetch-Dest"] = draw(st.sampled_from(("document", "iframe", "empty")))
    if draw(st.integers(0, 6)) == 0:
        chosen["Sec-Fetch-Site"] = draw(st.sampled_from(("same-origin", "cross-site", "none")))
    return chosen


# -- the lobby, its sessions and requests -------------------------------------------------

#: Who sends the request: (email to sign in with, play mode) or a step in progress.
PERSONAS = ("visitor", "real", "practice", "reset", "activation", "migration", "sms", "address", "change_password",
            "registering", "registering_more")
#: A registration in progress: the steps passed, and the page of the step it is on.
REGISTERING = {"registering": (1, "/register/about"), "registering_more": (2, "/register/home-address")}
REGISTERING_STEPS = (
    ("/register", {"email": "fuzz@new.kore", "password": "Secret-pass-1", "currency": "USD", "play_mode": "Real"}),
    ("/register/about", {"firstname": "Fuzz", "lastname": "Tester", "birth_date": "1990-07-14"}),
)
SIGN_INS = {
    "real": ("alice@demo.kore", "Real"),
    "practice": ("alice@demo.kore", "Practice"),
    "activation": ("activate@demo.kore", "Real"),
    "migration": ("migrate@demo.kore", "Real"),
    "sms": ("sms-login@demo.kore", "Real"),
    "address": ("address@demo.kore", "Real"),
    "change_password": ("change-password@demo.kore", "Real"),
}
#: A reset for an account the fuzzed values never name, so their resets do not use up its tries.
RESET_EMAIL, RESET_BIRTH_DATE = "priya@demo.kore", "1995-08-15"
#: Endpoints whose success ends the session's Kore token (sign out, a token mutated).
ENDS_TOKEN = {"auth.logout", "account.switch", "games.switch_mode"}
SIGNED_IN = {"real", "practice"}
#: Endpoints that use up a step (wrong codes, resends): a fresh one for the tests after.
USES_STEP = {
    "password.reset_code": "reset", "password.reset_resend": "reset", "auth.activate": "activation",
    "auth.migrate": "migration", "verify.index": "sms", "verify.resend": "sms", "register.address": "address",
    "password.change": "change_password",
}
CSRF_CHOICES = ("valid", "valid", "valid", "none", "forged", "twice")
VARIANTS = ("plain", "plain", "proxied", "public")


def _random_ip(rng: random.Random) -> str:
    return str(ipaddress.IPv4Address(rng.randrange(0x0A000000, 0x0AFFFFFF)))


@dataclass
class Sent:
    """One request as the fuzzer built it, and what came back."""

    variant: str
    persona: str
    method: str
    url: str
    headers: dict[str, str]
    form: list[tuple[str, str]] | None
    csrf: str
    tracking: str | None = None
    status: int | None = None
    body: str = ""
    error: str | None = None

    def describe(self, logged: list[str]) -> str:
        form = [(k, v if len(v) <= 80 else f"{v[:20]!r}…({len(v)} chars)") for k, v in (self.form or [])]
        url = self.url if len(self.url) <= 300 else f"{self.url[:300]}…({len(self.url)} chars)"
        lines = [
            f"{self.method} {url} -> {self.status}",
            f"  lobby: {self.variant}, session: {self.persona}, csrf: {self.csrf}, tracking cookie: {self.tracking!r}",
            f"  headers: {self.headers!r}"[:600],
            f"  form: {form!r}"[:1500],
        ]
        if self.error:
            lines.append(f"  raised: {self.error}")
        for trace in logged[-1:]:
            lines.append("  logged: " + "\n          ".join(trace.strip().splitlines()[-6:]))
        return "\n".join(lines)


class TracebackLog(logging.Handler):
    """Keeps what the lobby logs with a traceback (its 500 handler does)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.traces: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.traces.append(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            self.traces.append(record.exc_text)


@dataclass
class Lobby:
    """The lobby three ways over one sandbox, with signed-in sessions made once."""

    sandbox_url: str
    apps: dict[str, Any]
    known: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sessions: dict[str, tuple[str, str]] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(10))

    def _client(self, app=None):
        return (app or self.apps["plain"]).test_client()

    def session(self, persona: str) -> tuple[str, str]:
        """(session cookie, CSRF token) of a persona, made on first use."""
        if persona not in self.sessions:
            client = self._client()
            env = {"REMOTE_ADDR": _random_ip(self.rng)}
            if persona == "reset":
                token = csrf_from(client.get("/password/reset", environ_base=env).text)
                client.post("/password/reset", environ_base=env, data={
                    "email": RESET_EMAIL, "mobile_phone": "", "birth_date": RESET_BIRTH_DATE,
                    "play_mode": "Real", "captcha": "sandbox-captcha-ok", "csrf_token": token})
                landing = "/password/reset/code"
            elif persona in REGISTERING:
                passed, landing = REGISTERING[persona]
                for url, fields in REGISTERING_STEPS[:passed]:
                    token = csrf_from(client.get(url, environ_base=env).text)
                    moved = client.post(url, environ_base=env, data={**fields, "csrf_token": token})
                    assert moved.status_code == 303, f"{persona}: {url} answered {moved.status_code}"
            elif persona in SIGN_INS:
                email, mode = SIGN_INS[persona]
                with self.apps["plain"].app_context():
                    limiter.reset()  # the per-account limit: the same demo player signs in again and again
                token = csrf_from(client.get("/login", environ_base=env).text)
                signed_in = client.post("/login", environ_base=env, data={
                    "email": email, "password": DEMO_PASSWORD, "play_mode": mode, "csrf_token": token})
                assert signed_in.status_code == 303, f"{persona}: sign-in answered {signed_in.status_code}"
                landing = signed_in.headers["Location"]
            else:
                landing = "/login"
            page = client.get(landing, environ_base=env)
            assert page.status_code == 200, f"{persona}: {landing} answered {page.status_code}"
            cookie = client.get_cookie(SESSION_COOKIE)
            assert cookie is not None
            self.sessions[persona] = (cookie.value, csrf_from(page.text))
        return self.sessions[persona]

    def send(self, variant: str, persona: str, method: str, url: str, *, form=None, csrf="none",
             headers: dict[str, str] | None = None, tracking: str | None = None) -> Sent:
        sent = Sent(variant, persona, method, url, dict(headers or {}), form, csrf, tracking)
        cookie, token = self.session(persona)
        sent_headers = {**sent.headers, "Cookie": f"{SESSION_COOKIE}={cookie}"}
        if tracking is not None:
            sent_headers["Cookie"] += f"; tracking_id={tracking}"
        data = None
        if method != "GET":
            pairs = list(form or [])
            if csrf == "valid":
                pairs.append(("csrf_token", token))
            elif csrf == "forged":
                pairs.append(("csrf_token", token[:-4] + "AAAA"))
            elif csrf == "twice":
                pairs += [("csrf_token", "x"), ("csrf_token", token)]
            data = MultiDict(pairs)
        # Straight to the WSGI app, as a server would call it: the test client reads the
        # (odd) Host itself for its cookie jar and would fail before or after the lobby.
        builder = EnvironBuilder(path=url, method=method, data=data, headers=sent_headers,
                                 environ_base={"REMOTE_ADDR": _random_ip(self.rng)})
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        try:
            body, status, _ = run_wsgi_app(self.apps[variant], environ, buffered=True)
            try:
                sent.body = b"".join(body).decode("utf-8", "replace")
            finally:
                getattr(body, "close", lambda: None)()
            sent.status = int(status.split()[0])
        except Exception as error:  # out of the app: a real server would answer 500
            sent.error = f"{type(error).__name__}: {error}"
        return sent


def _scrape(lobby: Lobby) -> None:
    """Real path parameters, from the pages that link to them."""
    client = lobby._client()
    cookie, _ = lobby.session("real")
    client.set_cookie(SESSION_COOKIE, cookie, domain="localhost")
    pages = "".join(client.get(url).text for url in ("/", "/tournaments/", "/competitions/?all=true"))
    found = {
        "slug": re.findall(r'href="/(?:tournaments/[^/"]+/)?play/([^/"?#]+)', pages),
        "key": re.findall(r'href="/tournaments/([^/"?#]+)', pages),
        "ids": re.findall(r'href="/competitions/([^/"?#]+)/leaderboard', pages),
    }
    found["key"] = [key for key in found["key"] if key != "news"]
    for name, seen in found.items():
        assert seen, f"no {name} found on the lobby's pages"
        lobby.known[name] = tuple(sorted(set(seen)))[:8]
    lobby.known["status"] = ("registered", "pending", "unknown", "verify")
    lobby.known["code"] = ("q8aaa", "q8bbb", "zzzzz")


@pytest.fixture(scope="module")
def lobby(sandbox_server) -> Iterator[Lobby]:
    """Once for the module: the fuzz tests send hundreds of requests, sign-ins are reused."""
    requests.post(f"{sandbox_server.url}/_sandbox/reset", timeout=5).raise_for_status()
    base = Config(kore_api_url=sandbox_server.url, secret_key=SECRET, env="development")
    apps = {
        "plain": create_app(base),
        "proxied": create_app(replace(base, trusted_proxies=1)),
        "public": create_app(replace(base, public_url="http://localhost")),
    }
    for app in apps.values():
        app.config.update(TESTING=True)
    built = Lobby(sandbox_server.url, apps)
    _scrape(built)
    yield built


@pytest.fixture
def traces() -> Iterator[TracebackLog]:
    handler = TracebackLog()
    logger = logging.getLogger("lobby")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


# -- checking an answer ------------------------------------------------------------------


def _check(sent: Sent, traces: TracebackLog) -> None:
    broken = sent.error is not None or (sent.status or 0) >= 500 or "Traceback" in sent.body
    if broken:
        pytest.fail("the lobby failed on:\n" + sent.describe(traces.traces), pytrace=False)


# -- the fuzz tests -----------------------------------------------------------------------


def _personas_for(endpoint: str) -> tuple[str, ...]:
    """Whose request reaches past the guards of an endpoint: half the examples are theirs."""
    if endpoint in USES_STEP:
        return (USES_STEP[endpoint],)
    if endpoint in ("register.about", "register.home"):
        return ("registering",) if endpoint == "register.about" else ("registering_more",)
    if endpoint.split(".")[0] in ("account", "tournaments", "offers", "referrals") or endpoint in ("games.switch_mode", "games.launch_token"):
        return tuple(sorted(SIGNED_IN))
    return PERSONAS


@st.composite
def requests_for(draw, endpoint: str, method: str, arguments: tuple[str, ...], known: dict[str, tuple[str, ...]]):
    rule = next(r for r in RULES if r.endpoint == endpoint)
    params = {}
    for name in arguments:
        real = known.get(name, ())
        strategy = values(path=True)
        if real:
            strategy = st.one_of(st.sampled_from(real), st.sampled_from(real), strategy)
        params[name] = draw(strategy.filter(lambda v: v not in ("", ".", "..")))
    path = rule.rule
    for name, value in params.items():
        path = re.sub(rf"<(?:\w+:)?{name}>", quote(value, safe=""), path)
    query_names = st.one_of(st.sampled_from(QUERY_ARGS + FORM_FIELDS.get(endpoint, ())), st.text(max_size=8))
    query = draw(st.lists(st.tuples(query_names, st.just(None)), max_size=4))
    query = [(name, draw(values(name))) for name, _ in query]
    if query and draw(st.booleans()):
        query.append(query[0])  # the same argument twice
    url = path + ("?" + urlencode(query) if query else "")
    if draw(st.integers(0, 9)) == 0:
        url += ("&" if query else "?") + draw(st.sampled_from(("%zz", "%C0%AF=1", "a=%FF%FE", "&&=&", "q=%E2%82")))
    form = None
    if method != "GET":
        form = []
        for name in FORM_FIELDS.get(endpoint, ()):
            how = draw(st.sampled_from(("value", "value", "value", "missing", "twice", "empty")))
            if how == "missing":
                continue
            form.append((name, "" if how == "empty" else draw(values(name))))
            if how == "twice":
                form.append((name, draw(values(name))))
        extra = draw(st.lists(st.tuples(st.one_of(st.text(max_size=10), st.sampled_from(QUERY_ARGS)),
                                        values()), max_size=2))
        form += extra
    return {
        "variant": draw(st.sampled_from(VARIANTS)),
        "persona": draw(st.one_of(st.sampled_from(_personas_for(endpoint)), st.sampled_from(PERSONAS))),
        "method": method,
        "url": url,
        "form": form,
        "csrf": draw(st.sampled_from(CSRF_CHOICES)) if method != "GET" else "none",
        "headers": draw(headers()),
        "tracking": draw(st.one_of(st.none(), st.none(), st.text(COOKIE_CHARS, max_size=20), huge().map(lambda v: v[:5000]))),
    }


@pytest.mark.parametrize("endpoint, method, arguments", ROUTES, ids=[f"{m} {e}" for e, m, _ in ROUTES])
def test_no_route_fails_on_random_input(lobby, traces, endpoint, method, arguments):
    strategy = requests_for(endpoint, method, arguments, lobby.known)

    @FUZZ_SETTINGS
    @given(strategy)
    def run(request: dict[str, Any]) -> None:
        sent = lobby.send(**request)
        if sent.persona in SIGNED_IN and sent.csrf == "valid" and endpoint in ENDS_TOKEN:
            lobby.sessions.pop(sent.persona, None)  # signed out or token replaced: sign in again
        _check(sent, traces)

    try:
        run()
    finally:
        if method == "POST" and endpoint in USES_STEP:
            lobby.sessions.pop(USES_STEP[endpoint], None)


def test_every_route_is_fuzzed():
    endpoints = {rule.endpoint for rule in RULES} - SKIPPED_ENDPOINTS
    assert endpoints == {endpoint for endpoint, _, _ in ROUTES}
    posted = {endpoint for endpoint, method, _ in ROUTES if method == "POST"}
    assert posted == set(FORM_FIELDS), "a form endpoint without its fields here"


# -- explicit reproducers of faults found and fixed -------------------------------------------------

SIGNED_IN_PAGES = ("/", "/account")
FORWARDED = ("203.0.113.7:51234", "[2001:db8::1]:443", "unknown")

REPRODUCERS = [
    *[
        pytest.param("proxied", "real", "GET", page, None, {"X-Forwarded-For": forwarded},
                     id=f"forwarded-for {forwarded} on {page}")
        for forwarded in FORWARDED for page in SIGNED_IN_PAGES
    ],
    *[
        pytest.param("proxied", "visitor", "POST", "/login",
                     [("email", "alice@demo.kore"), ("password", DEMO_PASSWORD), ("play_mode", "Real")],
                     {"X-Forwarded-For": forwarded}, id=f"forwarded-for {forwarded} on sign-in")
        for forwarded in FORWARDED
    ],
    pytest.param("plain", "real", "POST", "/account/switch", [("play_mode", " ")], {},
                 id="switch with a blank play mode"),
    pytest.param("plain", "reset", "POST", "/password/reset/code", [("code", " ")], {},
                 id="reset code blank"),
    pytest.param("plain", "visitor", "GET", "/competitions/%C2%B2/leaderboard", None, {},
                 id="leaderboard of competition ²"),
    pytest.param("plain", "visitor", "GET", "/", None, {"Host": "a..b"}, id="host with an empty label"),
    pytest.param("plain", "visitor", "GET", "/", None, {"Host": "x" * 64 + ".example"},
                 id="host with a label of 64 characters"),
    # Found by these tests:
    *[
        pytest.param("plain", persona, "GET", page, None, {"Referer": "http://["},
                     id=f"referer not a url on {page} as {persona}")
        for persona, page in (("visitor", "/login"), ("visitor", "/healthz"), ("real", "/account"))
    ],
    pytest.param("proxied", "visitor", "POST", "/login",
                 [("email", "alice@demo.kore"), ("password", DEMO_PASSWORD), ("play_mode", "Real")],
                 {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7", "Referer": "https://[::1/x"},
                 id="referer not a url on a form sent over https"),
    pytest.param("plain", "visitor", "GET", "/login?tg=1", None, {"Host": "xn--.example"},
                 id="host with a label that is not punycode"),
    pytest.param("public", "visitor", "POST", "/login", [("email", "alice@demo.kore")],
                 {"Host": "evil.example", "Sec-Fetch-Site": "cross-site"},
                 id="cross-site form for another host with a public url"),
    pytest.param("plain", "visitor", "GET", "/competitions/" + "9" * 5000 + "/leaderboard", None, {},
                 id="competition id of 5000 digits"),
    pytest.param("plain", "visitor", "GET", "/competitions/leaderboard?ids=" + "9" * 5000, None, {},
                 id="competition ids argument of 5000 digits"),
]


@pytest.mark.parametrize("variant, persona, method, url, form, headers", REPRODUCERS)
def test_fault_found_once_is_a_4xx_now(lobby, traces, variant, persona, method, url, form, headers):
    sent = lobby.send(variant, persona, method, url, form=form, csrf="valid", headers=headers)
    assert sent.error is None and sent.status is not None and sent.status < 500 and "Traceback" not in sent.body, (
        sent.describe(traces.traces))

