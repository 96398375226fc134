"""Rendering a service's plain result as a table, JSON or CSV (and Markdown for reports).

JSON goes to stdout alone; tables use rich (imported only when a table is drawn).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Any

from caseledger.domain.text import shown
from caseledger.reports.cells import inert


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


Column = tuple[str, str]  # (key in the result, header shown in a table)


def emit(data: Any, fmt: OutputFormat, columns: Sequence[Column] | None = None,
         title: str | None = None) -> None:
    """Print `data` (a list of rows or one object) in `fmt`."""
    if fmt is OutputFormat.JSON and isinstance(data, Iterator):
        _json_lines(data)
    elif fmt is OutputFormat.JSON:
        sys.stdout.write(to_json(data))
    elif fmt is OutputFormat.CSV:
        _csv(data, columns)
    else:
        _table(data, columns, title)


def to_json(data: Any) -> str:
    """An object indented; a list one object per line (json's C encoder, fast on long lists).

    json escapes C0 control characters itself; DEL, C1 controls (`\\x9b` starts a terminal
    escape too), bidirectional and invisible characters are escaped as well (`\\u202e`), which
    leaves the same JSON value."""
    if isinstance(data, list):
        if not data:
            return "[]\n"
        text = "[\n" + ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in data) + "\n]\n"
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json_safe(text)


def _json_lines(rows: Iterator[Any]) -> None:
    """A list streamed as `to_json` lays it out, one object per line as each row comes."""
    first = next(rows, None)
    if first is None:
        sys.stdout.write("[]\n")
        return
    sys.stdout.write("[\n  " + json_safe(json.dumps(first, ensure_ascii=False)))
    for row in rows:
        sys.stdout.write(",\n  " + json_safe(json.dumps(row, ensure_ascii=False)))
    sys.stdout.write("\n]\n")


def json_safe(text: str) -> str:
    """JSON text with DEL, C1, bidirectional and invisible characters as `\\uXXXX` escapes."""
    return _HIDDEN_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_HIDDEN_IN_JSON = re.compile("[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                             "\u2060-\u206f\ufeff\ufff9-\ufffb]")


def _flatten(obj: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    items: list[tuple[str, Any]] = []
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            items += _flatten(value, f"{name}.")
        elif isinstance(value, list):
            items.append((name, ", ".join(_text(v) for v in value)))
        else:
            items.append((name, value))
    return items


class Alarm(str):
    """A cell that stands out (bold red) on a terminal: a breached clock."""

    __slots__ = ()


def _text(value: Any, safe: bool = True, table: bool = False) -> str:
    """A value as a table or CSV cell shows it; with `safe`, control characters as escapes.
    A table says yes/no in the reader's language (是/否); CSV keeps `yes`/`no` for scripts."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if table:
            from caseledger.cli.labels import yes_no

            return yes_no(value)
        return "yes" if value else "no"
    if isinstance(value, dict):
        return " ".join(_text(v, safe, table) for v in value.values() if v is not None)
    if isinstance(value, list):
        return ", ".join(_text(v, safe, table) for v in value)
    return shown(str(value)) if safe else str(value)


def _csv(data: Any, columns: Sequence[Column] | None) -> None:
    """CSV as the data holds it; escapes only where a terminal would read them."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    safe = sys.stdout.isatty()
    if isinstance(data, Iterator):
        data = _Peeked(data)
    if isinstance(data, list | _Peeked):
        keys = [k for k, _ in columns] if columns else (list(data[0]) if data else [])
        writer.writerow(keys)
        for row in data:
            writer.writerow([inert(_text(_get(row, k), safe)) for k in keys])
    else:
        writer.writerow(["field", "value"])
        for key, value in _flatten(data):
            writer.writerow([key, inert(_text(value, safe))])


class _Peeked:
    """An iterator of rows whose first row can be looked at (for CSV's header) before the rest
    are written one by one."""

    def __init__(self, rows: Iterator[Any]) -> None:
        self.head = next(rows, None)
        self.rest = rows

    def __bool__(self) -> bool:
        return self.head is not None

    def __getitem__(self, index: int) -> Any:
        if index != 0 or self.head is None:
            raise IndexError(index)
        return self.head

    def __iter__(self) -> Iterator[Any]:
        if self.head is not None:
            yield self.head
            yield from self.rest


def _get(row: dict[str, Any], key: str) -> Any:
    value: Any = row
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def console(stderr: bool = False) -> Any:
    """A rich console; piped output is laid out 200 columns wide rather than rich's 80."""
    import os

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 200
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


PLAIN_ROWS = 300  # (kept for the tests that lay out a long table)


def _width(text: str) -> int:
    """Terminal columns, as rich counts them (CJK two, `·` in 阿依·努尔·买买提 one)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


# Never broken across lines in a table: case and decision numbers, ids, dates and amounts.
_WHOLE = ("case_no", "short_id", "decision_no", "seq", "due", "days_left", "clock", "login",
          "cert_no", "cert_until", "until", "step", "rules")


def _whole(key: str, values: list[Any]) -> bool:
    name = key.rsplit(".", 1)[-1]
    if name in _WHOLE or name.endswith(("_on", "_no", "_id", "date")):
        return True
    return all(isinstance(v, int | float) or (isinstance(v, str) and _NUMBER.match(v))
               for v in values if v not in (None, ""))


# A number, an amount, a date (with a provisional `*`), an id such as 2026-17.
_NUMBER = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]+)?$|^[0-9]{4}-[0-9]{1,2}(-[0-9]{2})?( \*)?$")


def _plain(data: list[dict[str, Any]], cols: list[Column]) -> None:
    """A list as a table, whatever its length: one renderer for every size, widths counted as
    rich counts them. On a terminal (or with COLUMNS) the table fits the width: text columns
    wrap, widest first, while case numbers, ids, dates and amounts stay whole (`_whole`). An
    `Alarm` cell is bold red on a terminal and plain text otherwise."""
    from rich.cells import chop_cells

    tty = sys.stdout.isatty()
    texts, alarms, whole = [], [], []
    for key, _ in cols:
        values = [_get(row, key) for row in data] if "." in key else [row.get(key) for row in data]
        texts.append([v if type(v) is str and v.isprintable() else _text(v, table=True)
                      for v in values])
        alarms.append([tty and isinstance(v, Alarm) for v in values])
        whole.append(_whole(key, values))
    heads = [_header(k, h) for k, h in cols]
    widths = [max(_width(h), max(map(_width, cells), default=0))
              for h, cells in zip(heads, texts, strict=True)]
    widths = _fitted(widths, whole, [_width(h) for h in heads])

    def lines_of(text: str, width: int, keep: bool) -> list[str]:
        if keep or _width(text) <= width:
            return [text]
        return [part for line in text.split("\n") for part in chop_cells(line, width)] or [""]

    def pad(text: str, width: int) -> str:
        return text + " " * (width - _width(text))

    out = ["  ".join(pad(h, w) for h, w in zip(heads, widths, strict=True)).rstrip(),
           "  ".join("─" * w for w in widths)]
    for i in range(len(data)):
        cells = [lines_of(col[i], w, keep) for col, w, keep in zip(texts, widths, whole,
                                                                    strict=True)]
        for n in range(max(map(len, cells))):
            parts = []
            for chunks, w, alarm in zip(cells, widths, alarms, strict=True):
                text = chunks[n] if n < len(chunks) else ""
                padded = pad(text, w)
                parts.append(f"\x1b[1;31m{text}\x1b[0m{padded[len(text):]}"
                             if alarm[i] and text else padded)
            out.append("  ".join(parts).rstrip())
    sys.stdout.write("\n".join(out) + "\n")


def _fitted(widths: list[int], whole: list[bool], floors: list[int]) -> list[int]:
    """Column widths narrowed to the terminal's: the widest wrappable column first, never below
    its header or 6 columns. Piped output without COLUMNS keeps its natural widths."""
    import os

    limit = os.environ.get("COLUMNS")
    if limit and limit.isdigit():
        room = int(limit)
    elif sys.stdout.isatty():
        import shutil

        room = shutil.get_terminal_size().columns
    else:
        return widths
    widths = list(widths)
    room -= 2 * (len(widths) - 1)  # the gaps between columns
    while sum(widths) > room:
        candidates = [i for i, w in enumerate(widths)
                      if not whole[i] and w > max(floors[i], 6)]
        if not candidates:
            break  # nothing left to wrap: the terminal folds the line
        i = max(candidates, key=lambda j: widths[j])
        widths[i] -= 1
    return widths


def _table(data: Any, columns: Sequence[Column] | None, title: str | None) -> None:
    if isinstance(data, list):
        if not data:
            from caseledger.domain.lang import t

            sys.stdout.write(t("（无）", "(none)") + "\n")
            return
        _plain(data, list(columns) if columns else [(k, k) for k in data[0]])
        return
    # One object: its fields and values, as rich lays out a two-column table.
    from rich.table import Table

    from caseledger.cli.labels import field_label, paired
    from caseledger.domain.lang import t

    table = Table(title=cell(title) if title else None, show_lines=False)
    table.add_column(t("项目", "field"), overflow="fold")
    table.add_column(t("内容", "value"), overflow="fold")
    for key, value in paired(_flatten(data)):
        table.add_row(field_label(key), cell(value))
    console().print(table)


def stacked(title: str, caption: str, headers: list[str], lines: list[list[str]], *,
            bold_from: int | None = None, rule_before: int | None = None) -> None:
    """A wide table of a label column and numeric columns (`lines`: label, then one value per
    header), printed whole at the console's width: the numeric columns are split into as many
    tables as the width needs, each starting with the labels. Widths are rich's own cell
    widths, so CJK labels count double."""
    from rich.cells import cell_len
    from rich.table import Table

    out = console()
    width = out.width
    label_width = max(cell_len(line[0]) for line in lines) + 3  # padding 2, border 1
    sizes = [max(cell_len(h), *(cell_len(line[i + 1]) for line in lines)) + 3
             for i, h in enumerate(headers)]
    groups: list[list[int]] = [[]]
    used = 1 + label_width  # the left border and the label column
    for i, size in enumerate(sizes):
        if groups[-1] and used + size > width:
            groups.append([])
            used = 1 + label_width
        groups[-1].append(i)
        used += size
    for n, group in enumerate(groups):
        table = Table(title=cell(title) if n == 0 else None,
                      caption=caption if n == len(groups) - 1 else None)
        table.add_column("", no_wrap=True)
        for i in group:
            table.add_column(headers[i], justify="right", no_wrap=True)
        for row, line in enumerate(lines):
            table.add_row(*(cell(v) for v in (line[0], *(line[i + 1] for i in group))),
                          end_section=rule_before is not None and row == rule_before - 1,
                          style="bold" if bold_from is not None and row >= bold_from else None)
        out.print(table)


def _header(key: str, label: str) -> str:
    """A column's header: its Chinese label, or with `--lang en` its key in words."""
    from caseledger.domain.lang import english

    return key.replace("_", " ") if english() else label


def cell(value: Any) -> Any:
    """A rich table cell showing `value` as it is: never read as markup (a party named
    `[link=...]`), control characters escaped, an `Alarm` in bold red."""
    from rich.text import Text

    return Text(_text(value, table=True), style="bold red" if isinstance(value, Alarm) else "")
