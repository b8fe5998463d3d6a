"""PNG screenshots of every page at 360x740 and 1280x800, for review: `make screenshots`.

Starts the Kore sandbox and the lobby on free loopback ports (as `make run` does, with the
sandbox's game artwork), then drives Debian's Chromium through the pages as a visitor and
as a signed-in player. Writes to ./screenshots/ (or the folder given), one PNG per page,
size, language and colour scheme asked for.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--locales en-US,de-DE] [--dark]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lobby import create_app  # noqa: E402
from lobby.config import Config  # noqa: E402
from lobby.extensions import limiter  # noqa: E402
from lobby.devserver import demo_config  # noqa: E402
from lobby.live.server import LiveServer  # noqa: E402
from kore_sandbox.server import SandboxServer  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SIZES = ((360, 740), (1280, 800))
VISITOR = ("/", "/login", "/register", "/password/reset", "/tournaments/", "/competitions/", "/nowhere", "/r/q8bbb",
           "/r/zzzzz", "/play/sportsbook")
PLAYER = ("/", "/account", "/tournaments/", "/tournaments/101", "/tournaments/104", "/tournaments/105/join",
          "/competitions/", "/play/midnight-racer-video-slot", "/offers", "/referrals", "/password/change")


def serve(app):
    """The lobby as production serves it (lobby.asgi: live pages included)."""
    server = LiveServer(app).start()
    return server, server.url


def name_of(path: str) -> str:
    return path.strip("/").replace("/", "-") or "lobby"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--locales", default="en-US,de-DE,el-GR")
    parser.add_argument("--dark", action="store_true", help="also the dark colour scheme")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sandbox = SandboxServer(port=0).start()
    with tempfile.TemporaryDirectory() as scratch:
        # The demo casino as `make run` serves it (lobby/devserver.py).
        config = demo_config(Config(secret_key="screenshots-" * 4, env="development",
                                    player_state_db=Path(scratch) / "favourites.sqlite3"), sandbox.url)
        app = create_app(config)
        server, base = serve(app)
        schemes = ("light", "dark") if args.dark else ("light",)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"])
                for locale in args.locales.split(","):
                    for scheme in schemes:
                        for width, height in SIZES:
                            with app.app_context():
                                limiter.reset()  # one demo player signs in for every size and language
                            shoot(browser, base, out, locale, scheme, width, height)
                            with app.app_context():
                                limiter.reset()
                            shoot_live(browser, base, sandbox.url, out, locale, scheme, width, height)
                browser.close()
        finally:
            server.stop()
            sandbox.stop()
    print(f"screenshots in {out}")
    return 0


def shoot(browser, base: str, out: Path, locale: str, scheme: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    context.add_cookies([{"name": "lobby_locale", "value": locale, "url": base}])
    page = context.new_page()
    suffix = f"{locale}-{scheme}-{width}x{height}"
    for path in VISITOR:
        page.goto(base + path)
        page.screenshot(path=str(out / f"visitor-{name_of(path)}-{suffix}.png"))
    register_in_steps(page, base, out, suffix)
    page.goto(base + "/login")
    page.fill("input[name=email]", "alice@demo.kore")
    page.fill("input[name=password]", "Demo-pass-1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/")
    for path in PLAYER:
        page.goto(base + path)
        page.wait_for_timeout(200)
        page.screenshot(path=str(out / f"player-{name_of(path)}-{suffix}.png"))
    page.goto(base + "/")
    page.get_by_test_id("menu-button").click()
    page.screenshot(path=str(out / f"player-menu-{suffix}.png"))
    page.goto(base + "/play/midnight-racer-video-slot")
    page.get_by_test_id("game-care").locator("summary").click()
    page.screenshot(path=str(out / f"player-game-care-{suffix}.png"))
    context.close()


def register_in_steps(page, base: str, out: Path, suffix: str) -> None:
    """The registration's steps as a new player goes through them (a nickname refused on the way)."""
    page.goto(base + "/register")
    page.fill("input[name=email]", f"shot.{suffix.lower().replace('x', '-')}@new.kore")
    page.fill("input[name=password]", "Secret-pass-1")
    page.locator("main form button.primary").click()
    page.fill("input[name=firstname]", "Zoë")
    page.fill("input[name=lastname]", "Papadopoulou")
    page.fill("input[name=birth_date]", "1990-07-14")
    page.fill("input[name=nickname]", "Zoë")
    page.locator("main form button.primary").click()
    page.screenshot(path=str(out / f"visitor-register-about-refused-{suffix}.png"), full_page=True)
    page.locator("button[name=use_nickname]").click()
    page.screenshot(path=str(out / f"visitor-register-home-address-{suffix}.png"), full_page=True)
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "lobby_locale", "value": suffix.split("-light")[0].split("-dark")[0],
                               "url": base}])


def shoot_live(browser, base: str, kore: str, out: Path, locale: str, scheme: str, width: int, height: int) -> None:
    """Live pages (docs/live.md): an operator's chat opening, a session ended over a game."""
    suffix = f"{locale}-{scheme}-{width}x{height}"

    def signed_in_context():
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        context.add_cookies([{"name": "lobby_locale", "value": locale, "url": base}])
        page = context.new_page()
        page.goto(base + "/login?next=/play/midnight-racer-video-slot")
        page.fill("input[name=email]", "alice@demo.kore")
        page.fill("input[name=password]", "Demo-pass-1")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(base + "/play/midnight-racer-video-slot")
        return context, page

    context, page = signed_in_context()
    page.goto(base + "/")
    page.locator("html[data-live=open]").wait_for(state="attached")
    requests.post(f"{kore}/_sandbox/chats", json={"email": "alice@demo.kore"}, timeout=5)
    page.locator("[data-testid=chat-panel]").wait_for()
    page.wait_for_timeout(500)
    page.screenshot(path=str(out / f"player-live-chat-{suffix}.png"))
    page.goto(base + "/play/midnight-racer-video-slot")
    page.locator("html[data-live=open]").wait_for(state="attached")
    other, _ = signed_in_context()  # the same player signs in elsewhere
    page.locator("[data-testid=session-ended]").wait_for()
    page.screenshot(path=str(out / f"player-live-ended-{suffix}.png"))
    other.close()
    context.close()


if __name__ == "__main__":
    sys.exit(main())
