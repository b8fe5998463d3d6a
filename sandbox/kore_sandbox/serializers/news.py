"""Tournament news in the reader's language, as Kore writes them ("Localized and unstyled
news item"): each item keeps what happened, and is written for the token's locale when
it is read. Amounts stay as Kore's examples write them (``50.00 USD``)."""

from __future__ import annotations

from typing import Callable

#: kind → locale (language part) → sentence with {name}, {player}, {amount}, {place}.
SENTENCES: dict[str, dict[str, str]] = {
    "opened": {
        "en": "Registration is open for {name}.",
        "fr": "Les inscriptions sont ouvertes pour {name}.",
        "de": "Die Anmeldung für {name} ist geöffnet.",
        "it": "Le iscrizioni a {name} sono aperte.",
        "es": "Las inscripciones para {name} están abiertas.",
        "el": "Οι εγγραφές για το {name} άνοιξαν.",
        "da": "Tilmeldingen til {name} er åben.",
        "sv": "Anmälan till {name} är öppen.",
        "nb": "Påmeldingen til {name} er åpen.",
    },
    "started": {
        "en": "{name} has started.",
        "fr": "{name} a commencé.",
        "de": "{name} hat begonnen.",
        "it": "{name} è iniziato.",
        "es": "{name} ha comenzado.",
        "el": "Το {name} ξεκίνησε.",
        "da": "{name} er startet.",
        "sv": "{name} har börjat.",
        "nb": "{name} har startet.",
    },
    "canceled": {
        "en": "{name} was canceled: not enough players.",
        "fr": "{name} a été annulé : pas assez de joueurs.",
        "de": "{name} wurde abgesagt: nicht genug Spieler.",
        "it": "{name} è stato annullato: giocatori insufficienti.",
        "es": "{name} se ha cancelado: no hay suficientes jugadores.",
        "el": "Το {name} ακυρώθηκε: δεν υπήρχαν αρκετοί παίκτες.",
        "da": "{name} er aflyst: for få spillere.",
        "sv": "{name} har ställts in: för få spelare.",
        "nb": "{name} er avlyst: for få spillere.",
    },
    "joined": {
        "en": "{player} joined {name}.",
        "fr": "{player} a rejoint {name}.",
        "de": "{player} nimmt an {name} teil.",
        "it": "{player} si è iscritto a {name}.",
        "es": "{player} se ha unido a {name}.",
        "el": "Ο/Η {player} μπήκε στο {name}.",
        "da": "{player} deltager i {name}.",
        "sv": "{player} gick med i {name}.",
        "nb": "{player} ble med i {name}.",
    },
    "left": {
        "en": "{player} left {name}.",
        "fr": "{player} a quitté {name}.",
        "de": "{player} hat {name} verlassen.",
        "it": "{player} ha lasciato {name}.",
        "es": "{player} ha abandonado {name}.",
        "el": "Ο/Η {player} αποχώρησε από το {name}.",
        "da": "{player} har forladt {name}.",
        "sv": "{player} lämnade {name}.",
        "nb": "{player} forlot {name}.",
    },
    "won": {
        "en": "{player} has won {amount} ({place} place) in {name}!",
        "fr": "{player} a gagné {amount} ({place} place) dans {name} !",
        "de": "{player} hat {amount} gewonnen ({place} Platz) in {name}!",
        "it": "{player} ha vinto {amount} ({place} posto) in {name}!",
        "es": "¡{player} ha ganado {amount} ({place} puesto) en {name}!",
        "el": "Ο/Η {player} κέρδισε {amount} ({place} θέση) στο {name}!",
        "da": "{player} har vundet {amount} ({place} plads) i {name}!",
        "sv": "{player} har vunnit {amount} ({place} plats) i {name}!",
        "nb": "{player} har vunnet {amount} ({place} plass) i {name}!",
    },
}


def _english(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


ORDINALS: dict[str, Callable[[int], str]] = {
    "en": _english,
    "fr": lambda rank: "1re" if rank == 1 else f"{rank}e",
    "de": lambda rank: f"{rank}.",
    "it": lambda rank: f"{rank}°",
    "es": lambda rank: f"{rank}.º",
    "el": lambda rank: f"{rank}η",
    "da": lambda rank: f"{rank}.",
    "sv": lambda rank: f"{rank}:{'a' if rank % 10 in (1, 2) and rank % 100 not in (11, 12) else 'e'}",
    "nb": lambda rank: f"{rank}.",
}


def write(kind: str, params: dict, locale: str) -> str:
    """The news item in ``locale`` (a Kore locale such as ``de-DE``); English otherwise."""
    language = (locale or "en").split("-")[0].lower()
    sentence = SENTENCES[kind].get(language, SENTENCES[kind]["en"])
    values = dict(params)
    if "rank" in values:
        values["place"] = ORDINALS.get(language, _english)(int(values["rank"]))
    return sentence.format(**values)
