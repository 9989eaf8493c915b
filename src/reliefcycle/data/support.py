"""Schema of ``support-services.yml``: the support cell's services and emergency numbers.

Every entry records when it was checked and which pages confirmed what, so a number is checked
and updated in one place. A service not confirmed on a page of its own says what is still open.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from reliefcycle.data import DataError, Record, validate, validate_file
from reliefcycle.data.fields import NonEmpty, Text

FILE = "support-services.yml"


def _web_address(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ValueError(f"'{value}' is not a web address starting with http:// or https://")
    return value


class Check(Record):
    """One page read in a check, and what it confirmed."""

    url: Annotated[str, AfterValidator(_web_address)]
    confirms: Text


class Checked(Record):
    checked_on: dt.date
    checked_from: NonEmpty[Check]


class Emergency(Checked):
    where: Text
    number: Text


class Service(Checked):
    region: Text
    service: Text
    reach: Text
    # Declared after ``reach``, which it is checked against.
    contacts: NonEmpty[Text]
    own_page: bool
    not_verified: Text | None = Field(default=None, validate_default=True)

    @field_validator("contacts")
    @classmethod
    def _shown(cls, contacts: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        reach = info.data.get("reach", "")
        for contact in contacts:
            if contact not in reach:
                raise ValueError(f"contact '{contact}' is not in what the reader sees ('{reach}')")
        return contacts

    @field_validator("not_verified")
    @classmethod
    def _open_points(cls, not_verified: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("own_page") is False and not not_verified:
            raise ValueError("a service not confirmed on its own page says here what is still open")
        return not_verified


class Services(Record):
    """The whole file."""

    last_checked: dt.date
    emergency: NonEmpty[Emergency]
    services: NonEmpty[Service]


def parse(raw, error: type[DataError] = DataError) -> Services:
    """Check the file; a bad entry is named by its place (``where``) or its ``service``."""
    if isinstance(raw, dict):
        raw = {**raw,
               "emergency": validate(raw.get("emergency"), Emergency, file=FILE,
                                     label="emergency number", id_field="where", error=error),
               "services": validate(raw.get("services"), Service, file=FILE, label="service",
                                    id_field="service", error=error)}
    return validate_file(raw, Services, file=FILE, error=error)
