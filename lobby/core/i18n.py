"""Which Kore locale a request is in, and Flask-Babel set up to match.

The locale is, in this order: the signed-in player's (their token's, changed through
Kore's ``mutate``); for visitors, a ``?lang=`` of the URL (the ``hreflang`` alternates),
then the language they chose (a cookie), then their browser's ``Accept-Language``
negotiated against Kore's ten locales; else ``DEFAULT_LOCALE``. Kore writes locales
``fr-FR``, Babel ``fr_FR``.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.support import NullTranslations, Translations
from flask import Flask, Response, current_app, g, has_request_context
from flask_babel import get_locale, get_translations

from lobby.config import KORE_LOCALES, TRANSLATIONS_DIR
from lobby.core.htmx import request
from lobby.extensions import babel

#: The cookie that remembers a visitor's language (a Kore locale), for a year.
COOKIE = "lobby_locale"
COOKIE_MAX_AGE = 365 * 24 * 3600
#: The query parameter of the hreflang alternates (``/?lang=fr-FR``).
QUERY = "lang"

#: Browser languages without a Kore locale of their own → the locale that serves them.
#: English other than South Africa's reads en-US: en-ZA writes amounts with a decimal
#: comma, which a British or Irish reader does not expect; the source texts are already
#: in British spelling. Norwegian in any of its tags (no, nb, nn) → Bokmål.
LANGUAGE_FALLBACKS = {
    "en": "en-US",
    "fr": "fr-FR",
    "de": "de-DE",
    "it": "it-IT",
    "es": "es-ES",
    "el": "el-GR",
    "da": "da-DK",
    "sv": "sv-SE",
    "nb": "nb-NO",
    "no": "nb-NO",
    "nn": "nb-NO",
}
_BY_LOWER = {code.lower(): code for code in KORE_LOCALES}


def kore_code(value: str | None) -> str | None:
    """``fr-fr``, ``fr_FR`` → ``fr-FR`` when it is one of Kore's locales, else None."""
    if not value or len(value) > 10:
        return None
    return _BY_LOWER.get(value.strip().replace("_", "-").lower())


def negotiate(header_values) -> str | None:
    """The Kore locale for an Accept-Language list of (tag, quality), best first.

    An exact locale wins; otherwise the tag's language (``de-AT`` → ``de-DE``,
    ``nb``/``no`` → ``nb-NO``, ``en-GB`` → ``en-US``). Tags are tried in the order of
    the browser's preference, so ``de-AT, fr-FR;q=0.8`` is German.
    """
    for tag, quality in header_values:
        if quality <= 0 or tag == "*":
            continue
        exact = kore_code(tag)
        if exact:
            return exact
        language = tag.replace("_", "-").split("-", 1)[0].lower()
        if language in LANGUAGE_FALLBACKS:
            return LANGUAGE_FALLBACKS[language]
    return None


def _visitor_locale() -> str | None:
    return (
        kore_code(request.args.get(QUERY))
        or kore_code(request.cookies.get(COOKIE))
        or negotiate(request.accept_languages)
    )


def kore_locale() -> str:
    """The request's Kore locale (e.g. ``fr-FR``): the player's, the chosen one, or the browser's."""
    if not has_request_context():
        return current_app.config["LOBBY"].default_locale
    if "kore_locale" in g:
        return g.kore_locale
    from lobby.core.session import current_player

    player = current_player()
    locale = kore_code(player.locale) if player else None
    g.kore_locale = locale or _visitor_locale() or current_app.config["LOBBY"].default_locale
    return g.kore_locale


def chosen_locale() -> str | None:
    """The language a visitor chose (``?lang=`` or the picker's cookie), not the browser's guess."""
    return kore_code(request.args.get(QUERY)) or kore_code(request.cookies.get(COOKIE))


def use_locale(locale: str) -> None:
    """This request is in ``locale`` from here on (a referral landing in the referrer's language)."""
    code = kore_code(locale)
    if code:
        g.kore_locale = code
        from flask_babel import refresh

        refresh()


def forget_locale() -> None:
    """The locale changed during this request (the player's ``mutate``): ask again."""
    g.pop("kore_locale", None)
    from flask_babel import refresh

    refresh()


def babel_locale() -> str:
    return kore_locale().replace("-", "_")


def remember(response: Response, locale: str) -> None:
    """Keep the visitor's choice of language in a cookie for a year."""
    config = current_app.config
    response.set_cookie(
        COOKIE, locale, max_age=COOKIE_MAX_AGE, path="/", httponly=True, samesite="Lax",
        secure=config["SESSION_COOKIE_SECURE"] or request.is_secure,
    )


@lru_cache(maxsize=None)
def language_name(locale: str) -> str:
    """The locale's name as its own language writes it: ``Ελληνικά (Ελλάδα)``.

    Babel's names begin in lower case in languages that write them so in a sentence
    (``français (France)``); a name heading a list item begins with a capital.
    """
    tag = locale.replace("-", "_")
    name = Locale.parse(tag).get_display_name(tag) or locale
    return name[:1].upper() + name[1:]


def language_choices() -> list[tuple[str, str]]:
    """(Kore locale, its name in its own language), in Kore's order."""
    return [(code, language_name(code)) for code in KORE_LOCALES]


def alternates() -> list[tuple[str, str]]:
    """(hreflang, URL) of this page in every language, and ``x-default``, for public pages.

    Only a visitor's GET pages have alternates: a signed-in player's pages are theirs.
    """
    from lobby.core.session import current_player
    from lobby.core.upstream import absolute_url

    if request.method != "GET" or not request.endpoint or current_player() is not None:
        return []
    if request.endpoint == "static" or request.htmx:
        return []
    args = {k: v for k, v in request.args.items() if k != QUERY}
    values = {**(request.view_args or {}), **args}
    try:
        links = [(code, absolute_url(request.endpoint, **values, **{QUERY: code})) for code in KORE_LOCALES]
        links.append(("x-default", absolute_url(request.endpoint, **values)))
    except Exception:  # a route that cannot be rebuilt (e.g. an error page's): no alternates
        return []
    return links


class FormTranslations:
    """WTForms' own messages (``Not a valid date value.``) in the request's language.

    WTForms ships catalogs for nine of the ten locales; the lobby's ``wtforms`` domain
    under translations/ comes first and fills the gaps (Danish).
    """

    def _catalogs(self):
        if not has_request_context():
            return NullTranslations(), NullTranslations()
        cached = getattr(g, "_wtforms_translations", None)
        if cached is None:
            from wtforms.i18n import messages_path

            locales = [get_locale()]
            cached = g._wtforms_translations = (
                Translations.load(str(TRANSLATIONS_DIR), locales, domain="wtforms"),
                Translations.load(messages_path(), locales, domain="wtforms"),
            )
        return cached

    def gettext(self, string: str) -> str:
        ours, theirs = self._catalogs()
        text = ours.gettext(string)
        return text if text != string else theirs.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        ours, theirs = self._catalogs()
        text = ours.ngettext(singular, plural, n)
        return text if text not in (singular, plural) else theirs.ngettext(singular, plural, n)


form_translations = FormTranslations()


def page_translations() -> Translations | NullTranslations:
    """The request's catalog, looked up once per request and locale.

    Flask-Babel's own lookup (domain, context, locale identifier, cache) runs for every
    string, and a lobby page has over a hundred; the catalog only changes with the
    locale object, which force_locale and refresh() replace. It is kept beside that
    object, in Flask-Babel's own per-request namespace, so a string costs one lookup of
    ``g`` rather than Flask-Babel's four.
    """
    space = g.get("_flask_babel")
    if space is not None:
        kept = getattr(space, "lobby_translations", None)
        if kept is not None and kept[0] is getattr(space, "babel_locale", None):
            return kept[1]
    locale = get_locale()
    translations = get_translations()
    space = g.get("_flask_babel")  # made by get_locale in a request
    if space is not None and locale is not None:
        space.lobby_translations = (locale, translations)
    return translations


def init_i18n(app: Flask) -> None:
    babel.init_app(app, locale_selector=babel_locale)
    # Templates' _(), ngettext() and pgettext() through page_translations: as Flask-Babel
    # installs them (new-style gettext), with the catalog found once per page.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
    )
    # Forms use FormTranslations (lobby.forms.Form) instead of Flask-WTF's, which knows
    # only WTForms' catalogs.
    app.config.setdefault("WTF_I18N_ENABLED", False)
    app.jinja_env.globals.update(
        kore_locale=kore_locale,
        language_choices=language_choices,
        language_name=language_name,
        hreflang_alternates=alternates,
    )
