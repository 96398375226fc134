"""Dates as the user types them (`YYYY-MM-DD`), and the business-date checks F-1 asks for."""

from __future__ import annotations

import datetime as dt
import os
import re

from caseledger.domain.errors import InputError

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def today() -> dt.date:
    """Today's date; CASELEDGER_TODAY (YYYY-MM-DD) pins it for demos and reproducible runs."""
    pinned = os.environ.get("CASELEDGER_TODAY")
    return parse_date(pinned, "CASELEDGER_TODAY") if pinned else dt.date.today()


def parse_date(text: str, what: str, rule: str | None = None) -> dt.date:
    """A `YYYY-MM-DD` date, or InputError naming the field (and the rule, where one applies)."""
    value = text.strip()
    if not _ISO.match(value):
        raise InputError(f"{what}: {text!r} is not a date in YYYY-MM-DD form", rule=rule)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a real date", rule=rule) from None


def business_date(text: str | None, what: str, rule: str = "F-1") -> dt.date:
    """A step's business date: given or today, and never in the future."""
    on = today() if text is None else parse_date(text, what, rule)
    if on > today():
        raise InputError(f"{what}: {on.isoformat()} is in the future", rule=rule)
    return on
