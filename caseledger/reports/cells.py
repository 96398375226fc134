"""Cells a spreadsheet will open: text that Excel or LibreOffice would run as a formula is made
inert (CSV/formula injection). Party names and violations arrive in other agencies' spreadsheets,
so a name such as `=HYPERLINK(...)` or `=cmd|' /C calc'!A0` must reach a supervisor as text.

CSV: a text cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
apostrophe, which spreadsheets read as "this is text" and do not show; a plain number (`-5`,
`+3.50`) stays a number. XLSX: text cells are written as text (never as formulas). The import
removes that apostrophe again, so `export cases` still round-trips exactly.
"""

from __future__ import annotations

import re
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def inert(value: Any) -> Any:
    """`value` as a CSV cell that no spreadsheet runs as a formula: one more leading apostrophe
    on text that, after any apostrophes it already has, would be live (so `'=x` becomes `''=x`
    and `restored` gives back exactly what was stored)."""
    if isinstance(value, str) and _live(value.lstrip("'")):
        return "'" + value
    return value


def restored(text: str) -> str:
    """An imported cell with the apostrophe `inert` added taken off again."""
    if text.startswith("'") and _live(text.lstrip("'")):
        return text[1:]
    return text


def _live(text: str) -> bool:
    return text.startswith(TRIGGERS) and not NUMBER.fullmatch(text)
