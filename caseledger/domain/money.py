"""Money (rule X-3): yuan with at most two decimals, exact; stored as integer fen."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from caseledger.domain.errors import InputError

_AMOUNT = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$|^\d+(\.\d{1,2})?$")


def parse_yuan(text: str, what: str = "amount") -> Decimal:
    """`5000`, `5000.5`, `5,000.50`, full-width digits → Decimal('5000.50'); anything else exit 2."""
    import unicodedata

    value = unicodedata.normalize("NFKC", text).strip().replace("，", ",")
    if not _AMOUNT.match(value):
        raise InputError(f"{what}: {text!r} is not an amount in yuan with at most two decimals")
    try:
        return Decimal(value.replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InputError(f"{what}: {text!r} is not an amount") from None


def to_fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_exact())


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def yuan_text(fen: int) -> str:
    """The JSON spelling of an amount: a string with two decimals (`"5000.50"`)."""
    return f"{from_fen(fen):.2f}"
