"""Money (rule X-3): yuan with at most two decimals, exact; stored as integer fen."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from caseledger.domain.errors import InputError
from caseledger.domain.lang import t

# ASCII digits only (after NFKC folds full-width ones): Python's \d would also take Arabic-Indic
# or Devanagari digits, which an officer never means as money.
_AMOUNT = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+(\.[0-9]{1,2})?$|^[0-9]+(\.[0-9]{1,2})?$")
# The largest amount the ledger takes: 100 billion yuan (一千亿元), far above any fine or
# confiscation a market-supervision bureau has decided, and far below what integer fen can hold.
MAX_YUAN = Decimal("100000000000")


def parse_yuan(text: str, what: str | None = None, *, bounded: bool = True) -> Decimal:
    """`5000`, `5000.5`, `5,000.50`, full-width digits → Decimal('5000.50'); anything else exit 2.
    `what`: the field named in a refusal (default: amount)."""
    import unicodedata

    what = what or t("金额", "amount")
    value = unicodedata.normalize("NFKC", text).strip().replace("，", ",")
    if not _AMOUNT.match(value):
        raise InputError(t(f"{what}: {text!r} 不是以元为单位、至多两位小数的金额",
                           f"{what}: {text!r} is not an amount in yuan with at most two decimals"))
    try:
        amount = Decimal(value.replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise InputError(t(f"{what}: {text!r} 不是金额",
                           f"{what}: {text!r} is not an amount")) from None
    if bounded and amount > MAX_YUAN:  # stored settings are read back unbounded
        raise InputError(t(f"{what}: {text!r} 超过台账的金额上限 {MAX_YUAN:,} 元",
                           f"{what}: {text!r} is more than the ledger's limit of "
                           f"{MAX_YUAN:,} yuan"))
    return amount


def to_fen(amount: Decimal) -> int:
    return int((amount * 100).to_integral_exact())


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def yuan_text(fen: int) -> str:
    """The JSON spelling of an amount: a string with two decimals (`"5000.50"`)."""
    return f"{from_fen(fen):.2f}"
