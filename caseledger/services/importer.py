"""`import FILE`: a bureau's spreadsheet, one row per case, replayed through the same step
functions as the commands, with the row's own dates, so every gate applies.

All or nothing: the rows are written on the bulk path (`store.bulk`); a row that fails is undone
from the batch so the next rows are still checked, and the whole file is committed only when no
row failed (never with --dry-run). Every invalid row is reported as `row N: column: RULE-ID or
problem`, N counted as a spreadsheet does (the header is row 1). Rows stream from the file and
are written in batches, so memory stays flat however long the file.

Decisions: the `case_no` and `decision_no` columns are not imposed on the ledger, which numbers
cases and decisions itself (F-3); staff must exist before the import (unknown logins are reported
by name; there is no --create-staff).
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from caseledger.domain import dates
from caseledger.domain import text as texts
from caseledger.domain.errors import InputError, LedgerError, NotFound, Refused, UnknownStaff
from caseledger.domain.lang import t
from caseledger.domain.text import TEXT
from caseledger.services import cases, steps

# English key -> Chinese header, in CLI.md's order.
COLUMNS = {
    "case_no": "案号", "domain": "领域", "party_kind": "当事人类型", "party_name": "当事人名称",
    "party_id": "证件号码", "violation": "违法行为", "officers": "执法人员", "approved_by": "立案审批人",
    "filed_on": "立案日期", "source": "案件来源", "major": "重大案件", "campaign": "专项行动",
    "proposal_basis": "处罚依据", "warning": "警告", "fine": "罚款金额",
    "confiscated_gains": "没收违法所得", "sanctions": "其他处罚种类", "discretion": "裁量情形",
    "reviewer": "审核人", "reviewed_on": "审核日期", "notified_on": "告知日期",
    "statement_on": "陈述申辩日期", "hearing_requested_on": "听证申请日期",
    "hearing_held_on": "听证日期", "discussed_on": "集体讨论日期", "decided_by": "决定人",
    "decided_on": "决定日期", "outcome": "处理结果", "decision_no": "决定书文号",
    "served_on": "送达日期", "paid_on": "缴款日期", "disclosed_on": "公示日期",
    "transferred_to": "移送机关", "transferred_on": "移送日期", "police_accepted_on": "公安立案日期",
    "closed_on": "结案日期", "closed_by": "结案审批人", "typical": "典型案例",
    "proposed_on": "调查终结日期", "review_opinion": "审核意见", "served_method": "送达方式",
    "discussion_conclusion": "集体讨论结论", "restriction_months": "限制期限（月）",
    "party_address": "当事人住所", "legal_rep": "法定代表人", "facts": "违法事实",
    "evidence": "证据",
}
HEADERS = {v: k for k, v in COLUMNS.items()} | {k: k for k in COLUMNS}
OUTCOMES = {"处罚": "penalty", "不予处罚": "no-penalty", "移送司法": "transfer-judicial",
            "移送其他机关": "transfer-agency"}
TARGETS = {"police": "police", "公安机关": "police", "procuratorate": "procuratorate",
           "检察机关": "procuratorate"}
YES = {"yes", "true", "1", "是"}
NO = {"no", "false", "0", "否", ""}
# Steps on the same date run in workflow order.
ORDER = ["filed_on", "proposed_on", "reviewed_on", "notified_on", "statement_on",
         "hearing_requested_on", "hearing_held_on", "discussed_on", "decided_on", "served_on",
         "paid_on", "disclosed_on", "transferred_on", "police_accepted_on", "closed_on"]


@dataclass
class Outcome:
    rows: int = 0
    cases: int = 0
    errors: list[str] | None = None
    # login -> (the column it was first met in, the rows naming it)
    unknown: dict[str, tuple[str, list[int]]] = field(default_factory=dict)

    def unknown_lines(self) -> list[tuple[int, str]]:
        """One line per login not on the staff list, with the count of rows naming it (an
        import into a new ledger would otherwise repeat one missing login thousands of times),
        keyed by the first such row."""
        lines = []
        for login, (column, numbers) in self.unknown.items():
            shown = ", ".join(str(n) for n in numbers[:5])
            more = f" and {len(numbers) - 5:,} more" if len(numbers) > 5 else ""
            # The `row N: column: ` prefix stays as it is in both languages (`import_file`
            # orders the lines by it, and scripts read it).
            lines.append((numbers[0], t(
                f"row {numbers[0]}: {column}: {login!r} 不在本台账的人员名单中；共有 "
                f"{len(numbers):,} 行填写了该登录名（第 {'、'.join(str(n) for n in numbers[:5])} 行"
                + (f"，另有 {len(numbers) - 5:,} 行" if len(numbers) > 5 else "") + "）",
                f"row {numbers[0]}: {column}: {login!r} is not on the ledger's staff list; "
                f"{len(numbers):,} row(s) name it (rows {shown}{more})")))
        return lines

    @property
    def UNKNOWN_HINT(self) -> str:  # read by the CLI after the problems (a property: said when read)
        return t("有登录名不在人员名单中：请用 `caseledger staff import FILE` 导入人员名单"
                 "（即案件来源台账的 `staff export` 导出文件），或用 `caseledger staff add` 逐一添加",
                 "logins not on the staff list: bring the roster with `caseledger staff import "
                 "FILE` (a `staff export` of the ledger the cases come from), or add each "
                 "with `caseledger staff add`")


def detect_encoding(path: Path) -> str:
    """UTF-16 when the file starts with its byte-order mark (Excel's "Unicode text"); UTF-8 (with
    or without BOM) when every byte decodes as UTF-8; else GB18030 (covers GBK)."""
    with path.open("rb") as f:
        if f.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        try:
            while chunk := f.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


XLSX_SUFFIXES = (".xlsx", ".xlsm")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # a compound file: an old .xls, or an encrypted .xlsx
DELIMITERS = (",", "\t", ";")


def _regular_file(path: Path) -> bytes:
    """The file's first bytes, or InputError naming what the path is instead of a file."""
    if path.is_dir():
        raise InputError(t(f"{path}: 是目录，不是文件", f"{path}: is a directory, not a file"))
    if not path.exists():
        raise InputError(t(f"{path}: 文件不存在", f"{path}: no such file"))
    if not path.is_file():
        raise InputError(t(f"{path}: 不是普通文件（是设备或管道）；请提供 CSV 或 XLSX 文件",
                           f"{path}: not a regular file (a device or a pipe); give a CSV or XLSX file"))
    try:
        with path.open("rb") as f:
            return f.read(4096)
    except OSError as exc:
        raise InputError(t(f"{path}: 无法读取（{exc.strerror}）",
                           f"{path}: cannot be read ({exc.strerror})")) from None


def read_rows(path: Path, encoding: str = "auto", sheet: str | None = None) -> Iterator[list[Any]]:
    """The file's rows as lists of cells; InputError (exit 2) for a file that is not a readable
    CSV or XLSX, naming the file and, where there is one, the row."""
    start = _regular_file(path)
    if not start:
        raise InputError(t(f"{path}: 文件为空", f"{path}: the file is empty"))
    if start.startswith(OLE_MAGIC):
        raise InputError(t(f"{path}: 是加密的工作簿或旧版 .xls 文件；请在 Excel 中另存为不设密码的 "
                           ".xlsx，或另存为 CSV UTF-8",
                           f"{path}: an encrypted workbook or an old .xls file; save it in Excel "
                           "as .xlsx without a password, or as CSV UTF-8"))
    if path.suffix.lower() in XLSX_SUFFIXES or start.startswith(ZIP_MAGIC):
        if not start.startswith(ZIP_MAGIC):
            raise InputError(t(f"{path}: 扩展名为 {path.suffix}，但不是 Excel 工作簿"
                               "（是 CSV 文件？请改用 .csv 扩展名）",
                               f"{path}: named {path.suffix} but it is not an Excel workbook "
                               "(a CSV file? name it .csv)"))
        yield from _xlsx_rows(path, sheet)
        return
    chosen = {"auto": None, "utf-8": "utf-8-sig", "gb18030": "gb18030", "gbk": "gb18030"}
    if encoding not in chosen:
        raise InputError(t(f"未知的编码 {encoding!r}；可选：auto（自动识别）、utf-8、gb18030",
                           f"unknown encoding {encoding!r}; one of: auto, utf-8, gb18030"))
    codec = chosen[encoding] or detect_encoding(path)
    if codec != "utf-16" and b"\x00" in start:
        raise InputError(t(f"{path}: 含有 NUL 字节，不是 CSV 文本（可能是不带字节顺序标记的 "
                           "UTF-16，或二进制文件）；请另存为 CSV UTF-8",
                           f"{path}: holds NUL bytes: not CSV text (UTF-16 without its byte-order "
                           "mark, or a binary file); save it as CSV UTF-8"))
    number = 0
    try:
        with path.open(encoding=codec, newline="") as f:
            delimiter = _delimiter(f.readline())
            f.seek(0)
            reader = csv.reader(f, delimiter=delimiter, strict=False)
            for number, row in enumerate(reader, start=1):  # noqa: B007 - read in the except
                yield row
    except UnicodeDecodeError as exc:
        raise InputError(t(f"{path}: 不是 {codec.removesuffix('-sig')} 编码的文本（{exc.reason}）",
                           f"{path}: not {codec.removesuffix('-sig')} text ({exc.reason})")) from None
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = _too_long()
        raise InputError(f"{path}: row {number + 1}: {reason}") from None


def _too_long() -> str:
    return t(f"有单元格超过 {csv.field_size_limit():,} 个字符（台账字段最多 {TEXT:,} 个字符）："
             "不是案件登记表",
             f"a cell holds more than {csv.field_size_limit():,} characters (a ledger field holds "
             f"at most {TEXT:,}): not a case register")


def _delimiter(first_line: str) -> str:
    """The separator the header line uses most: `,`, a tab or `;` (Excel writes `;` where the
    decimal mark is a comma, and tabs in its "Unicode text")."""
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError,
                  EOFError, OSError, ParseError, IndexError, zlib.error, NotImplementedError,
                  InvalidFileException)
    number = 0
    try:
        # A file object, not the name: openpyxl judges a name by its extension.
        book = load_workbook(path.open("rb"), read_only=True, data_only=True)
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(t(f"{path}: 没有工作表 {sheet!r}；现有工作表：{'、'.join(book.sheetnames)}",
                               f"{path}: no sheet {sheet!r}; sheets: {', '.join(book.sheetnames)}"))
        ws = book[sheet] if sheet else book.worksheets[0]
        if not hasattr(ws, "iter_rows"):
            raise InputError(t(f"{path}: 工作表 {ws.title!r} 是图表，不是案件表格",
                               f"{path}: sheet {ws.title!r} is a chart, not a table of cases"))
        for number, row in enumerate(ws.iter_rows(values_only=True), start=1):  # noqa: B007
            cells = ["" if v is None else v for v in row]
            for column, v in enumerate(cells, start=1):
                if isinstance(v, str) and len(v) > csv.field_size_limit():
                    raise InputError(f"{path}: row {number}: column {column}: {_too_long()}")
            yield cells
        book.close()
    except unreadable as exc:
        where = f"row {number + 1}: " if number else ""
        raise InputError(t(f"{path}: {where}不是可读取的 Excel 工作簿（已损坏或不完整："
                           f"{type(exc).__name__}: {exc}）",
                           f"{path}: {where}not a readable Excel workbook (damaged or cut short: "
                           f"{type(exc).__name__}: {exc})")) from None


def header_keys(path: Path, rows: Iterator[list[Any]], headers: dict[str, str],
                required: set[str]) -> list[str | None]:
    """The column keys of the file's first row (English keys or Chinese labels, as `headers`
    maps them); InputError (exit 2) for an empty file, an unknown or repeated header, or a
    missing required column."""
    try:
        header = next(rows)
    except StopIteration:
        raise InputError(t(f"{path}: 文件为空", f"{path}: the file is empty")) from None
    keys: list[str | None] = []
    for i, name in enumerate(header):
        key = headers.get(_text(name).lstrip("\ufeff"))
        if key is None and _text(name):
            raise InputError(t(f"{path}: row 1: column {i + 1}: 未知的表头 {_text(name)!r}",
                               f"{path}: row 1: column {i + 1}: unknown header {_text(name)!r}"))
        if key is not None and key in keys:
            raise InputError(t(f"{path}: row 1: column {i + 1}: {_text(name)!r} 重复指定了列 "
                               f"{_labelled(key, headers)}（首次出现在第 {keys.index(key) + 1} 列）",
                               f"{path}: row 1: column {i + 1}: {_text(name)!r} names the column "
                               f"{key} a second time (first in column {keys.index(key) + 1})"))
        keys.append(key)
    missing = required - set(keys)
    if missing:
        raise InputError(t(f"{path}: row 1: 缺少必需的列："
                           f"{'、'.join(_labelled(k, headers) for k in sorted(missing))}",
                           f"{path}: row 1: missing columns: {', '.join(sorted(missing))}"))
    return keys


def _labelled(key: str, headers: dict[str, str]) -> str:
    """A column key with its Chinese header, `filed_on（立案日期）`, for a Chinese message."""
    label = next((h for h, k in headers.items() if k == key and h != key), None)
    return f"{key}（{label}）" if label else key


def row_cells(keys: list[str | None], values: list[Any]) -> tuple[dict[str, str], list[int]]:
    """A data row as {key: text}, and the columns (counted from 1) holding a value under no
    header."""
    row = {k: _text(v) for k, v in zip(keys, values, strict=False) if k}
    stray = [i + 1 for i, v in enumerate(values) if (i >= len(keys) or keys[i] is None)
             and _text(v)]
    return row, stray


def stray_line(number: int, stray: list[int]) -> str:
    """The problem of a row holding a value under no header (`row_cells`' second answer)."""
    return t(f"row {number}: column {stray[0]}: 该值没有对应的表头；每一列都须在第 1 行填写表头",
             f"row {number}: column {stray[0]}: a value under no header; every column needs "
             "its header in row 1")


def _text(value: Any) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    from caseledger.reports.cells import restored

    # A line break inside a cell, as Excel or Word write it, is one "\n".
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    return restored(text.strip())


class RowError(Exception):
    """A row's problems, each as (column, text): the column is the cell to fix; and the logins
    it names that are not on the staff list, as (column, login), which the import reports once
    per login rather than once per row."""

    def __init__(self, problems: list[tuple[str, str]],
                 unknown: list[tuple[str, str]] | None = None):
        super().__init__(problems[0][0] if problems else "")
        self.problems = problems
        self.unknown = unknown or []

    @classmethod
    def at(cls, column: str, text: str) -> RowError:
        return cls([(column, text)])


def import_file(session: Session, actor: str, path: Path, *, encoding: str = "auto",
                sheet: str | None = None,
                progress: Callable[[int], None] | None = None) -> Outcome:
    rows = read_rows(path, encoding, sheet)
    keys = header_keys(path, rows, HEADERS, {"domain", "party_kind", "party_name", "party_id",
                                             "violation", "officers", "filed_on"})
    result = Outcome(errors=[])
    from caseledger.services import clocks
    from caseledger.store import bulk

    if session.get_bind().dialect.name == "sqlite":
        # One long transaction: a larger page cache than SQLite's 2 MB keeps it from spilling
        # pages into the WAL and writing them again and again.
        session.execute(text("PRAGMA cache_size=-65536"))
    batch = bulk.begin(session)  # holds the chain lock for the whole import
    clocks.defer(session)  # each case's clocks are written once, at the end of its row
    try:
        _rows(session, actor, batch, keys, rows, result, progress)
    except BaseException:
        session.info.pop("bulk", None)  # an unexpected failure: the caller rolls back
        raise
    if result.unknown:
        # Each missing login once, in row order among the other problems.
        numbered = [(int(e.split(":", 1)[0].removeprefix("row ")), e) for e in result.errors]
        result.errors = [e for _, e in sorted(numbered + result.unknown_lines(),
                                              key=lambda pair: pair[0])]
    if result.errors:
        session.info.pop("bulk", None)  # nothing is written: the caller rolls back
    else:
        bulk.end(session)
    return result


def _rows(session: Session, actor: str, batch: Any, keys: list[str | None],
          rows: Iterator[list[Any]], result: Outcome,
          progress: Callable[[int], None] | None) -> None:
    """Replay each row of the file on the bulk path, noting refused rows in `result`."""
    from caseledger.services import clocks

    for number, values in enumerate(rows, start=2):
        if not any(_text(v) for v in values):
            continue
        row, stray = row_cells(keys, values)
        result.rows += 1
        if stray:
            result.errors.append(stray_line(number, stray))
            continue
        mark = batch.mark()
        try:
            _replay(session, actor, row)
            clocks.store_deferred(session)
            result.cases += 1
            # Written even after a refused row (then rolled back whole), so memory stays flat.
            batch.write_if_full()
        except RowError as exc:
            batch.undo(mark)
            clocks.drop_deferred(session)
            # A problem naming its own column (`fine: ...`) is not told the column twice.
            result.errors.extend(f"row {number}: {column}: "
                                 f"{line.removeprefix(column + ': ').removeprefix(column + '：')}"
                                 for column, line in exc.problems)
            for column, login in exc.unknown:
                numbers = result.unknown.setdefault(login, (column, []))[1]
                if not numbers or numbers[-1] != number:
                    numbers.append(number)
        session.info.pop("states", None)  # a row's folds are not needed by the next row
        if progress:
            progress(number)


def _lines(exc: LedgerError) -> list[tuple[str | None, str]]:
    """(rule, text) for each problem the error carries."""
    if isinstance(exc, Refused):
        return [(p.rule, f"{p.rule} {p.why}") for p in exc.problems]
    if isinstance(exc, InputError) and exc.rule:
        return [(exc.rule, f"{exc.rule} {exc}")]
    if isinstance(exc, NotFound):
        return [(None, f"not found: {exc}")]
    return [(None, str(exc))]


# The cell behind a refusal, where it is not the step's date column.
RULE_COLUMNS = {
    "filed_on": {"P-1": "officers", "P-3": "approved_by"},
    "reviewed_on": {"P-2": "reviewer"},
    "decided_on": {"P-3": "decided_by"},
    "closed_on": {"P-3": "closed_by"},
}


STAFF_COLUMNS = ("officers", "approved_by", "reviewer", "decided_by", "closed_by")


def _step(column: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except UnknownStaff as exc:
        raise RowError([], unknown=[(column, exc.login)]) from None
    except LedgerError as exc:
        cells = RULE_COLUMNS.get(column, {})
        raise RowError([(cells.get(rule or "", column), text)
                        for rule, text in _lines(exc)]) from None


def _check_columns(session: Session, row: dict[str, str]) -> None:
    """The filing's own cells, each checked on its own so every bad cell of the row is named
    (the filing step itself stops at the first)."""
    from caseledger.domain import identifiers, vocabulary
    from caseledger.domain.filing import MajorReason, Source, choice
    from caseledger.services import staff

    problems: list[tuple[str, str]] = []
    unknown: list[tuple[str, str]] = []

    def check(column: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except UnknownStaff as exc:
            unknown.append((column, exc.login))
            return None
        except LedgerError as exc:
            problems.extend((column, text) for _, text in _lines(exc))
            return None

    for column, value in row.items():
        if len(value) > TEXT:
            problems.append((column, t(f"共 {len(value):,} 个字符；台账字段最多 {TEXT:,} 个字符",
                                       f"{len(value):,} characters; a ledger field holds at most "
                                       f"{TEXT:,}")))
        elif (problem := texts.bad_character(value, multiline=True)) is not None:
            problems.append((column, t(f"含有{problem}", f"holds {problem}")))
    if problems:
        raise RowError(problems)
    check("party_name", lambda: texts.name(row.get("party_name", ""),
                                           t("当事人名称", "the party's name"), rule="F-1"))
    check("violation", lambda: texts.text(row.get("violation", ""),
                                          t("违法行为描述", "the violation description"),
                                          rule="F-1"))
    if row.get("campaign"):
        check("campaign", lambda: texts.name(row["campaign"], t("专项行动", "the campaign"),
                                             texts.SHORT))
    check("domain", lambda: vocabulary.domain(row.get("domain", "")))
    kind = check("party_kind", lambda: identifiers.party_kind(row.get("party_kind", "")))
    if kind is not None:
        check("party_id", lambda: identifiers.check_party_id(
            kind, row.get("party_id", ""), None, today=dates.today()))
    for column, enum, what in (("source", Source, t("案件来源", "source")),
                               ("major", MajorReason, t("重大案件情形", "major reason"))):
        if row.get(column):
            check(column, lambda: choice(enum, row[column], what))  # noqa: B023 - called at once
    for login in _split(row.get("officers", "")):
        check("officers", lambda: staff.find(session, login, t("执法人员", "officer")))  # noqa: B023
    for column in ("approved_by", "reviewer", "decided_by", "closed_by"):
        if row.get(column):
            check(column, lambda: staff.find(session, row[column], column))  # noqa: B023
    if problems or unknown:
        raise RowError(problems, unknown)


def _yes(row: dict[str, str], key: str) -> bool:
    value = row.get(key, "").lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise RowError.at(key, t(f"{row[key]!r} 不是 是/否、yes/no、true/false 或 1/0",
                             f"{row[key]!r} is not yes/no, true/false, 1/0 or 是/否"))


def split_list(value: str) -> list[str]:
    """A cell's list: items separated by `,`, `，` or `、`."""
    return [x.strip() for x in value.replace("，", ",").replace("、", ",").split(",") if x.strip()]


_split = split_list


def evidence_items(value: str) -> list[str]:
    """The evidence cell's items: one a line, or separated by `；` or `;` (an item may hold
    commas)."""
    return [x.strip() for x in value.replace("；", "\n").replace(";", "\n").splitlines()
            if x.strip()]


def _date(row: dict[str, str], key: str) -> str | None:
    """Checks a date cell and spells it YYYY-MM-DD in the row (any form CLI.md lists, so the
    row's steps sort by date whatever form the spreadsheet wrote)."""
    value = row.get(key) or None
    if value:
        value = row[key] = _step(key, dates.business_date, value, t("日期", "date"),
                                 rule="F-1").isoformat()
    return value


def _replay(session: Session, actor: str, row: dict[str, str]) -> None:
    problems: list[tuple[str, str]] = []
    for key in ORDER:
        try:
            _date(row, key)
        except RowError as exc:
            problems += exc.problems
    unknown: list[tuple[str, str]] = []
    try:
        _check_columns(session, row)
    except RowError as exc:
        problems += exc.problems
        unknown = exc.unknown
    if problems or unknown:
        raise RowError(problems, unknown)
    outcome = row.get("outcome", "")
    outcome = OUTCOMES.get(outcome.split(":")[0], outcome.split(":")[0]) + (
        ":" + outcome.split(":", 1)[1] if ":" in outcome else "")
    ref = _step("filed_on", cases.file_case, session, actor,
                   domain_key=row["domain"], party_kind=row["party_kind"],
                   party_name=row["party_name"], party_id=row["party_id"], party_id_type=None,
                   violation=row["violation"], officers=_split(row["officers"]),
                   approved_by=row.get("approved_by") or None, on=row["filed_on"],
                   source=row.get("source") or None, major=row.get("major") or None,
                   campaign=row.get("campaign") or None,
                   party_address=row.get("party_address") or None,
                   legal_rep=row.get("legal_rep") or None)
    actions: list[tuple[str, str, Callable[[], Any]]] = []

    def at(column: str, fn: Callable[..., Any], **kwargs: Any) -> None:
        if row.get(column):
            actions.append((row[column], column,
                            lambda: _step(column, fn, session, actor, ref, on=row[column],
                                          **kwargs)))

    reviewed, notified = row.get("reviewed_on"), row.get("notified_on")
    proposed = row.get("proposed_on") or min(d for d in (reviewed, notified) if d) \
        if (row.get("proposed_on") or reviewed or notified) else None
    if proposed or row.get("decided_on"):
        if not outcome:
            raise RowError.at("outcome", t("未填写：审核和决定须依据处理结果录入",
                                           "missing: the review and decision replay the outcome"))
        row["proposed_on"] = proposed or row["decided_on"]
        at("proposed_on", steps.propose, **_proposal(row, outcome))
    at("reviewed_on", steps.review, outcome="agree", opinion=row.get("review_opinion") or "同意",
       reviewer=row.get("reviewer") or None)
    at("notified_on", steps.notify)
    at("statement_on", steps.statement)
    at("hearing_requested_on", steps.hearing, event="requested_on")
    at("hearing_held_on", steps.hearing, event="held_on")
    at("discussed_on", steps.discuss, conclusion=row.get("discussion_conclusion") or "同意")
    at("decided_on", steps.decide, by=row.get("decided_by") or None)
    at("served_on", steps.serve, method=row.get("served_method") or "direct")
    if row.get("paid_on"):
        owed = _owed(row)
        if owed:
            at("paid_on", steps.pay, amount=owed)
    at("disclosed_on", steps.disclose)
    if row.get("transferred_on"):
        target = row.get("transferred_to", "")
        to = TARGETS.get(target, "agency")
        at("transferred_on", steps.transfer, to=to, agency=None if to != "agency" else target)
    at("police_accepted_on", steps.accept)
    at("closed_on", steps.close, approved_by=row.get("closed_by") or None)
    actions.sort(key=lambda a: (a[0], ORDER.index(a[1])))
    for _, _, run in actions:
        run()
    for level in _split(row.get("typical", "")):
        _step("typical", steps.tag, session, actor, ref, typical=level,
              on=row.get("closed_on") or row.get("decided_on") or row["filed_on"])


def _owed(row: dict[str, str]) -> str | None:
    from caseledger.domain.money import parse_yuan, to_fen, yuan_text

    total = 0
    for key in ("fine", "confiscated_gains"):
        if row.get(key):
            total += to_fen(_step(key, parse_yuan, row[key], key))
    return yuan_text(total) if total else None


def _proposal(row: dict[str, str], outcome: str) -> dict[str, Any]:
    kind, _, ground = outcome.partition(":")
    found = {"facts": row.get("facts") or None, "evidence": evidence_items(row.get("evidence", ""))}
    if kind == "no-penalty":
        return {"no_penalty": ground or "other", "citation": row.get("proposal_basis") or None,
                "basis": row.get("proposal_basis") or None, **found}
    if kind in ("transfer-judicial", "transfer-agency"):
        return {"transfer": kind.removeprefix("transfer-"), "basis": row.get("proposal_basis"),
                **found}
    if kind != "penalty":
        raise RowError.at("outcome", t(f"{outcome!r} 不是 处罚、不予处罚:GROUND、移送司法 或 移送其他机关"
                                       "（或 penalty、no-penalty:GROUND、transfer-judicial、"
                                       "transfer-agency）",
                                       f"{outcome!r} is not penalty, no-penalty:GROUND, "
                                       "transfer-judicial or transfer-agency (or "
                                       "处罚/不予处罚/移送司法/移送其他机关)"))
    return {"warning": _yes(row, "warning"), "fine": row.get("fine") or None,
            "gains": row.get("confiscated_gains") or None,
            "sanctions": _split(row.get("sanctions", "")),
            "basis": row.get("proposal_basis") or None,
            "discretion": row.get("discretion") or None,
            # The spreadsheet names the discretion, not the list item behind it.
            "discretion_ref": "见案卷" if row.get("discretion") else None,
            "restriction_months": _months(row), **found}


def _months(row: dict[str, str]) -> int | None:
    value = row.get("restriction_months")
    if not value:
        return None
    if not value.isdigit():
        raise RowError.at("restriction_months", t(f"{value!r} 不是整数月数",
                                                  f"{value!r} is not a whole number of months"))
    return int(value)
