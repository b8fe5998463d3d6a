"""Request bodies sent to the users endpoints: player information, welcome campaigns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

# -- request bodies --------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    country_code: str
    first_line: str | None = None
    second_line: str | None = None
    city: str | None = None
    zip_code: str | None = None
    state_code: str | None = None
    state_text: str | None = None

    def to_json(self) -> dict[str, str]:
        return _compact(self.__dict__)


@dataclass(frozen=True)
class Identification:
    country: str
    type: str  # "Id" (South African ID) or "Passport"
    number: str

    def to_json(self) -> dict[str, str]:
        return _compact(self.__dict__)


@dataclass(frozen=True)
class PlayerInfo:
    nickname: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    title: str | None = None
    birth_date: date | str | None = None
    home_phone: str | None = None
    work_phone: str | None = None
    mobile_phone: str | None = None
    address: Address | None = None
    identification: Identification | None = None
    fund_source: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = _compact(self.__dict__)
        if isinstance(self.birth_date, date):
            data["birth_date"] = self.birth_date.isoformat()
        if self.address is not None:
            data["address"] = self.address.to_json()
        if self.identification is not None:
            data["identification"] = self.identification.to_json()
        return data


@dataclass(frozen=True)
class Welcome:
    """The welcome-page campaign a registration came from."""

    page_id: int
    bonus_codes: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.page_id <= 0:
            raise ValueError("welcome.page_id must be strictly positive")
        if not 1 <= len(self.bonus_codes) <= 2:
            raise ValueError("welcome.bonus_codes takes 1 or 2 codes")

    def to_json(self) -> dict[str, Any]:
        return {"page_id": self.page_id, "bonus_codes": list(self.bonus_codes)}


@dataclass(frozen=True)
class Campaign:
    campaign_id: int
    type: str = "invite"

    def __post_init__(self) -> None:
        if self.campaign_id <= 0:
            raise ValueError("campaign_id must be a positive integer")

    def to_json(self) -> dict[str, Any]:
        return {"campaign_id": self.campaign_id, "type": self.type}


def _compact(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != ""}
