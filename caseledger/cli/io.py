"""`caseledger export cases|events|disclosures`: hand records out as CSV, JSON or XLSX."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from caseledger.cli.common import say, session
from caseledger.cli.output import json_safe
from caseledger.domain.errors import LedgerError
from caseledger.domain.lang import t
from caseledger.domain.text import shown
from caseledger.reports.cells import inert

app = typer.Typer(help="Export records.", no_args_is_help=True)
EXPORT_LABELS = {"cases": "案件", "events": "事件", "disclosures": "公示记录", "staff": "人员"}


class What(StrEnum):
    CASES = "cases"
    EVENTS = "events"
    DISCLOSURES = "disclosures"


class ExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"


def _cell(value: Any) -> Any:
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "" if value is None else value


@app.command("cases")
def cases(ctx: typer.Context, year: Annotated[int | None, typer.Option("--year", help="Filing year.")] = None,
          fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.CSV,
          output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None) -> None:
    """Cases, one row each, in the import columns (re-importable)."""
    export(ctx, What.CASES, year, fmt, output)


@app.command("events")
def events(ctx: typer.Context, year: Annotated[int | None, typer.Option("--year", help="Business-date year.")] = None,
           fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.CSV,
           output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None) -> None:
    """Every event of the record with its hashes."""
    export(ctx, What.EVENTS, year, fmt, output)


@app.command("disclosures")
def disclosures(ctx: typer.Context, year: Annotated[int | None, typer.Option("--year", help="Disclosure year.")] = None,
                fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.CSV,
                output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None) -> None:
    """Published records, masked by G-3, with their end dates (G-4)."""
    export(ctx, What.DISCLOSURES, year, fmt, output)


def export(ctx: typer.Context, what: What, year: int | None, fmt: ExportFormat,
           output: Path | None) -> None:
    from caseledger.services.export import EXPORTS

    rows_of, columns = EXPORTS[what.value]
    export_rows(ctx, what.value, rows_of, columns, year, fmt, output)


def export_rows(ctx: typer.Context, name: str, rows_of: Any, columns: tuple[str, ...],
                year: int | None, fmt: ExportFormat, output: Path | None) -> None:
    """Write `rows_of(session, year)` in `columns` to `output` (default stdout) as `fmt`."""
    from caseledger.domain.errors import InputError
    from caseledger.store.models import ChainHead

    if fmt is ExportFormat.XLSX and output is None:
        raise InputError(t("导出 XLSX 须给出 --output FILE", "an XLSX export needs --output FILE"))
    writer = {ExportFormat.CSV: _csv, ExportFormat.JSON: _json, ExportFormat.XLSX: _xlsx}[fmt]
    if year is not None:
        from caseledger.domain.dates import check_year

        check_year(year, "--year")  # before anything is written
    if output is not None and output.is_dir():
        raise InputError(t(f"{output}: 是一个目录；请给出文件名（--output FILE）",
                           f"{output}: is a directory; give a file name (--output FILE)"))
    with session(ctx, write=False) as s:
        head = s.get(ChainHead, 1)
        rows = rows_of(s, year)
        if output is None:
            count = writer(rows, columns, None, name, f"{head.seq}:{head.hash}")
        else:
            # A device, a pipe (`-o >(gzip > x.gz)`) or a link is written to, never replaced.
            in_place = output.is_symlink() or (output.exists() and not output.is_file())
            count = _into(output, lambda path: writer(rows, columns, path, name,
                                                      f"{head.seq}:{head.hash}"),
                          in_place=in_place)
    say(t(f"已导出 {count} 条{EXPORT_LABELS.get(name, name)}；链头 {head.seq}:{head.hash}",
          f"exported {count} {name}; chain head {head.seq}:{head.hash}"))


def _into(output: Path, write: Any, *, in_place: bool = False) -> int:
    """Write through a temporary file beside `output`, renamed into place once complete: a
    failed export (a full disk, a closed session) leaves nothing behind, not half a file."""
    import errno
    import os

    from caseledger.domain.errors import InputError, StorageError

    tmp = output if in_place else output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        count = write(tmp)
        if not in_place:
            os.replace(tmp, output)
        return count
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise StorageError(f"{output}: {reason}; nothing was exported") from None
        raise InputError(t(f"{output}: 无法写入（{reason}）", f"{output}: cannot write it ({reason})")) from None
    finally:
        if not in_place:
            tmp.unlink(missing_ok=True)


def _csv(rows: Any, columns: tuple[str, ...], output: Path | None, _: str, __: str) -> int:
    import csv

    stream = output.open("w", encoding="utf-8-sig", newline="") if output else sys.stdout
    if output is None:
        stream.write("\ufeff")  # so Excel reads the Chinese text as UTF-8
    writer = csv.writer(stream, lineterminator="\r\n" if output else "\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        cells = [_cell(row[c]) for c in columns]
        if output is None and sys.stdout.isatty():  # escape codes never reach a terminal
            cells = [shown(v) if isinstance(v, str) else v for v in cells]
        writer.writerow([inert(v) for v in cells])
        n += 1
    if output:
        stream.close()
    return n


def _json(rows: Any, columns: tuple[str, ...], output: Path | None, _: str, __: str) -> int:
    import json

    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    stream.write("[")
    n = 0
    for row in rows:
        stream.write(("," if n else "") + "\n  " + json_safe(json.dumps(row, ensure_ascii=False)))
        n += 1
    stream.write("\n]\n")
    if output:
        stream.close()
    return n


_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


EVENT_HEADERS = {"seq": "序号", "case_no": "案号", "step": "环节", "detail": "细项",
                 "business_date": "业务日期", "actor": "记录人", "responsible": "责任人",
                 "recorded_at": "记录时间（UTC）", "payload": "内容", "prev_hash": "前一哈希",
                 "hash": "哈希"}
DISCLOSURE_HEADERS = {"case_no": "案号", "decision_no": "决定书文号", "party_name": "当事人名称",
                      "party_id": "证件号码", "violation": "违法行为类型", "penalty": "处罚内容",
                      "bureau": "作出决定机关", "decided_on": "决定日期", "disclosed_on": "公示日期",
                      "until": "公示截止日期", "withdrawn_on": "撤回日期", "url": "公示网址"}
MONEY = ("fine", "confiscated_gains")


def _xlsx_headers(what: str) -> dict[str, str]:
    if what == "cases":
        from caseledger.services.importer import COLUMNS

        return COLUMNS
    if what == "staff":
        from caseledger.services.roster import COLUMNS as STAFF

        return STAFF
    return {"events": EVENT_HEADERS, "disclosures": DISCLOSURE_HEADERS}.get(what, {})


def _xlsx(rows: Any, columns: tuple[str, ...], output: Path | None, what: str, head: str) -> int:
    """A workbook an officer opens in Excel: Chinese headers (which `import` and `staff import`
    read back), real date cells, amounts as numbers with thousands separators, a frozen header
    row; codes as the import takes them (domain and party kind by their Chinese labels)."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    headers = _xlsx_headers(what)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(what)
    sheet.freeze_panes = "A2"
    for i, key in enumerate(columns):
        from openpyxl.utils import get_column_letter

        sheet.column_dimensions[get_column_letter(i + 1)].width = _xlsx_width(key)
    bold = Font(bold=True)

    def header(key: str) -> Any:
        h = WriteOnlyCell(sheet, headers.get(key, key))
        h.font = bold
        return h

    sheet.append([header(c) for c in columns])

    def cell(key: str, value: Any) -> Any:
        if isinstance(value, str) and value and (key.endswith("_on") or key in (
                "business_date", "until", "cert_until")):
            try:
                day = WriteOnlyCell(sheet, dt.date.fromisoformat(value))
                day.number_format = "yyyy-mm-dd"
                return day
            except ValueError:
                pass
        if key in MONEY and isinstance(value, str) and value:
            from decimal import Decimal

            amount = WriteOnlyCell(sheet, Decimal(value))
            amount.number_format = "#,##0.00"
            return amount
        if what == "cases" and isinstance(value, str) and value:
            value = _xlsx_label(key, value)
        if not isinstance(value, str):
            return value
        # The C0 control characters openpyxl refuses (from a ledger written before they were
        # refused) as escapes; everything else as it is.
        text = WriteOnlyCell(sheet, _XLSX_ILLEGAL.sub(
            lambda m: m.group().encode("unicode_escape").decode("ascii"), value))
        text.data_type = "s"  # text, even when it begins with `=`: never a formula
        return text

    n = 0
    for row in rows:
        sheet.append([cell(c, _cell(row[c])) for c in columns])
        n += 1
    meta = book.create_sheet("ledger")
    meta.append(["chain_head", head])  # SEQ:HASH, as `caseledger head` prints it
    book.save(str(output))
    return n


def _xlsx_label(key: str, value: str) -> str:
    """A case cell's code as an officer reads it, in a form `import` takes back."""
    if key == "domain":
        from caseledger.domain.vocabulary import domain

        return domain(value).label
    if key == "party_kind":
        from caseledger.domain.identifiers import party_kind

        return party_kind(value).label
    if key == "outcome":
        kind, sep, ground = value.partition(":")
        from caseledger.services.importer import OUTCOMES

        labels = {v: k for k, v in OUTCOMES.items()}
        return labels.get(kind, kind) + sep + ground
    return value


def _xlsx_width(key: str) -> float:
    if key in ("party_name", "violation", "proposal_basis", "payload", "penalty", "bureau",
               "review_opinion", "discussion_conclusion", "hash", "prev_hash"):
        return 30
    if key in ("case_no", "decision_no", "party_id", "recorded_at"):
        return 24
    return 12


def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV (UTF-8 or GB18030) or XLSX.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")] = False,
    encoding: Annotated[str, typer.Option("--encoding", help="auto, utf-8 or gb18030.")] = "auto",
    sheet: Annotated[str | None, typer.Option("--sheet", help="XLSX sheet (default: the first).")] = None,
) -> None:
    """Bring a spreadsheet of cases in, each row replayed through every rule; all or nothing.

    \b
    Examples:
      caseledger import 2025年案件.xlsx --dry-run
      caseledger import cases.csv --encoding gb18030
    """
    from caseledger.cli.common import recording
    from caseledger.services.importer import import_file

    with _progress(file, sheet) as tick, recording(ctx) as (s, login):
        result = import_file(s, login, file, encoding=encoding, sheet=sheet, progress=tick)
        if result.errors:
            hint = [result.UNKNOWN_HINT] if result.unknown else []
            raise Rejected([*result.errors, *hint, t(
                f"{result.rows} 行中共 {len(result.errors)} 处问题；未导入任何内容",
                f"{len(result.errors)} problem(s) in {result.rows} rows; nothing was imported")])
        if dry_run:
            s.rollback()
            say(t(f"试运行：全部 {result.rows} 行均通过；未写入任何内容",
                  f"dry run: all {result.rows} rows pass; nothing was written"))
            return
    say(t(f"已从 {file} 导入 {result.cases} 件案件", f"imported {result.cases} cases from {file}"))


class Rejected(LedgerError):
    """A file refused whole: one line per problem, exit 1, nothing written."""

    exit_code = 1

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self._lines = lines

    def lines(self) -> list[str]:
        return self._lines


def _progress(file: Path, sheet: str | None = None):  # type: ignore[no-untyped-def]
    """On a terminal, a progress line: rows done of the file's rows, the rate and the time left;
    silent otherwise. The total is counted before the import starts (lines of a CSV, rows of a
    sheet), so it is an estimate when cells hold line breaks; the bar never runs past it."""
    from contextlib import contextmanager

    @contextmanager
    def bar():  # type: ignore[no-untyped-def]
        if not sys.stderr.isatty():
            yield None
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        from caseledger.cli.output import console

        total = _rows_in(file, sheet)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn(t("{task.fields[rate]} 行/秒", "{task.fields[rate]} rows/s")),
                      TextColumn(t("剩余", "left")), TimeRemainingColumn(),
                      console=console(stderr=True), transient=True) as progress:
            task = progress.add_task(t(f"导入 {file.name}", f"importing {file.name}"),
                                     total=total, rate="…")

            def tick(row: int) -> None:
                done = row - 1  # spreadsheet row N is the (N-1)th case row
                speed = progress.tasks[0].speed
                progress.update(task, completed=min(done, total) if total else done,
                                rate=f"{speed:,.0f}" if speed else "…")

            yield tick

    return bar()


def _rows_in(file: Path, sheet: str | None) -> int | None:
    """The data rows a file holds, counted cheaply (None when it cannot be told)."""
    try:
        if file.suffix.lower() in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            book = load_workbook(file, read_only=True)
            try:
                rows = (book[sheet] if sheet else book.worksheets[0]).max_row
            finally:
                book.close()
            return max((rows or 1) - 1, 0)
        lines = 0
        with file.open("rb") as f:
            while chunk := f.read(1 << 20):
                lines += chunk.count(b"\n")
        return max(lines - 1, 0) or None
    except Exception:  # noqa: BLE001 - only an estimate: the import itself reports bad files
        return None
