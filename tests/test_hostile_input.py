"""Hostile and careless input (issue #11): text that deceives and files that are not what they
claim are refused with one line naming the field, file, row and column; nothing is written. Runs
on SQLite and, with CASELEDGER_TEST_DB, on PostgreSQL: the limits are the same on both."""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import open_args
from tests.ids import credit_code
from tests.test_import import HEADER, good_row, write_csv

DECEIVING = {
    "zero-width only": "\u200b\u200b\u200b",
    "right-to-left override": "广安\u202e行商某",
    "escape code": "某商行\x1b[2J\x1b[31m",
    "C1 escape": "某商行\x9b31m",
    "invisible inside": "广安\u200b某某商行",
}


def events(run) -> int:  # type: ignore[no-untyped-def]
    return len(run("export", "events", "-f", "json").json)


def one_line(result) -> str:  # type: ignore[no-untyped-def]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize("name", list(DECEIVING.values()), ids=list(DECEIVING))
def test_a_deceiving_party_name_is_refused(bureau, name):
    before = events(bureau)
    args = open_args(credit_code(1))
    args[args.index("--party-name") + 1] = name
    result = bureau(*args)
    assert result.exit_code == 2
    line = one_line(result)
    assert "party's name" in line and "[F-1]" in line
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert events(bureau) == before


def test_an_ordinary_chinese_name_with_a_middle_dot_and_ideographic_space_is_kept(bureau):
    args = open_args(credit_code(2))
    args[args.index("--party-name") + 1] = "阿依·努尔·买买提\u3000（个体）"
    assert bureau(*args).exit_code == 0
    case = bureau("case", "list", "-f", "json").json[-1]
    assert case["party_name"] == "阿依·努尔·买买提\u3000（个体）"


@pytest.mark.parametrize("login", ["wаng2", "a b", "x\x1b[2J", "\u200bzhao", "zh\u202eao", "_x",
                                   "x" * 33])
def test_a_login_that_could_pass_for_another_is_refused(bureau, login):
    before = events(bureau)
    result = bureau("staff", "add", login, "--name", "赵六", "--role", "officer")
    assert result.exit_code == 2
    assert "login" in one_line(result)
    assert "\x1b" not in result.stderr
    assert events(bureau) == before


def test_a_plain_login_is_added(bureau):
    assert bureau("staff", "add", "zhao.liu-2", "--name", "赵六", "--role", "officer").exit_code == 0


@pytest.mark.parametrize("name", ["\u200b", "赵\x1b[8m六", "赵\u202e六"])
def test_a_deceiving_staff_name_is_refused(bureau, name):
    result = bureau("staff", "add", "zhao", "--name", name, "--role", "officer")
    assert result.exit_code == 2 and "name" in one_line(result)


def test_names_are_limited_the_same_way_on_every_database(bureau):
    """300 characters: refused on SQLite as on PostgreSQL (whose column would otherwise fail with
    a storage error); 200 fit."""
    before = events(bureau)
    args = open_args(credit_code(3))
    args[args.index("--party-name") + 1] = "商" * 300
    result = bureau(*args)
    assert result.exit_code == 2 and "300 characters; at most 200" in one_line(result)
    assert events(bureau) == before
    args[args.index("--party-name") + 1] = "商" * 200
    assert bureau(*args).exit_code == 0


def test_free_text_may_not_hold_escape_codes_anywhere(bureau):
    """Every recorded text passes the same check, here a review opinion (exit 2, nothing
    written); line breaks are kept."""
    assert bureau(*open_args(credit_code(4), on="2025-03-03")).exit_code == 0
    assert bureau("case", "propose", "2025-1", "--fine", "3000", "--basis", "某法第1条",
                  "--on", "2025-03-04").exit_code == 0
    before = events(bureau)
    result = bureau("case", "review", "2025-1", "--outcome", "agree", "--opinion",
                    "同意\x1b]0;pwned\x07", "--reviewer", "chen", "--on", "2025-03-05")
    assert result.exit_code == 2 and "--opinion holds" in one_line(result)
    assert events(bureau) == before
    result = bureau("case", "review", "2025-1", "--outcome", "agree", "--opinion",
                    "同意。\n理由：事实清楚。", "--reviewer", "chen", "--on", "2025-03-05")
    assert result.exit_code == 0, result.stderr


def test_a_correction_cannot_bring_in_what_filing_refuses(bureau):
    assert bureau(*open_args(credit_code(5), on="2025-03-03")).exit_code == 0
    result = bureau("case", "correct", "2025-1", "--field", "party_name", "--value",
                    "某\u202e商行", "--reason", "更正")
    assert result.exit_code == 2 and "[F-1]" in one_line(result)


def test_a_legacy_name_with_escape_codes_never_reaches_the_terminal(bureau, db_url):
    """A ledger written before such text was refused: tables and JSON show escapes; CSV into a
    pipe or file keeps the data as it is (escaped only on a terminal, see test_output)."""
    assert bureau(*open_args(credit_code(6), on="2025-03-03")).exit_code == 0
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE cases SET party_name = :n"), {"n": "某\x1b[2J\u202e\x9b商行"})
    engine.dispose()
    for fmt in ("table", "json"):
        out = bureau("case", "list", "-f", fmt).stdout
        assert not any(c in out for c in "\x1b\u202e\x9b"), fmt
    assert "某\x1b[2J\u202e\x9b商行" in bureau("case", "list", "-f", "csv").stdout
    listed = json.loads(bureau("case", "list", "-f", "json").stdout)
    assert listed[0]["party_name"] == "某\x1b[2J\u202e\x9b商行"  # the same value, escaped


# --- files -------------------------------------------------------------------------------------

def imported(run, path: Path):  # type: ignore[no-untyped-def]
    before = events(run)
    result = run("import", str(path))
    assert events(run) == before or result.exit_code == 0
    return result


def test_a_directory_or_dev_null_is_not_a_file(bureau, tmp_path):
    for path, said in ((tmp_path, "is a directory"), (Path("/dev/null"), "not a regular file"),
                       (tmp_path / "nope.csv", "no such file")):
        result = imported(bureau, path)
        assert result.exit_code == 2 and said in one_line(result) and str(path) in result.stderr


def test_a_truncated_workbook_names_the_file(bureau, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADER)
    book.active.append(good_row(1))
    whole = tmp_path / "whole.xlsx"
    book.save(whole)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    result = imported(bureau, cut)
    assert result.exit_code == 2
    assert "cut.xlsx" in one_line(result) and "not a readable Excel workbook" in result.stderr


def test_a_workbook_without_its_sheet_xml_names_the_file(bureau, tmp_path):
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    result = imported(bureau, broken)
    assert result.exit_code == 2 and "broken.xlsx" in one_line(result)


def test_a_csv_named_xlsx_says_so(bureau, tmp_path):
    f = write_csv(tmp_path / "cases.xlsx", HEADER, [good_row(1)], "utf-8")
    result = imported(bureau, f)
    assert result.exit_code == 2
    assert "not an Excel workbook" in one_line(result) and "cases.xlsx" in result.stderr


def test_a_200000_character_cell_names_the_row(bureau, tmp_path):
    row = good_row(1)
    row[HEADER.index("violation")] = "过" * 200_000
    f = write_csv(tmp_path / "long.csv", HEADER, [good_row(2), row], "utf-8")
    result = imported(bureau, f)
    assert result.exit_code == 2 and "row 3" in one_line(result) and "long.csv" in result.stderr


def test_a_long_cell_within_the_csv_limit_names_row_and_column(bureau, tmp_path):
    row = good_row(1)
    row[HEADER.index("party_name")] = "商" * 300
    f = write_csv(tmp_path / "name.csv", HEADER, [good_row(2), row], "utf-8")
    result = imported(bureau, f)
    assert result.exit_code == 1
    assert "row 3: party_name: F-1 the party's name has 300 characters; at most 200" in result.stderr


def test_deceiving_cells_name_row_and_column(bureau, tmp_path):
    row = good_row(1)
    row[HEADER.index("party_name")] = "某\u202e行商"
    row[HEADER.index("violation")] = "销售\x1b[2J过期食品"
    f = write_csv(tmp_path / "bad.csv", HEADER, [row], "utf-8")
    result = imported(bureau, f)
    assert result.exit_code == 1
    assert "row 2: party_name:" in result.stderr and "row 2: violation:" in result.stderr
    assert "\x1b" not in result.stderr


def test_a_column_named_twice_is_refused(bureau, tmp_path):
    from caseledger.services.importer import COLUMNS

    header = [*HEADER, COLUMNS["fine"]]
    f = write_csv(tmp_path / "twice.csv", header, [[*good_row(1), "9000"]], "utf-8")
    result = imported(bureau, f)
    assert result.exit_code == 2
    line = one_line(result)
    assert "row 1: column 23" in line and "first in column 10" in line


def test_cells_beyond_the_header_are_refused(bureau, tmp_path):
    f = write_csv(tmp_path / "extra.csv", HEADER, [good_row(1), [*good_row(2), "", "多出来的"]],
                  "utf-8")
    result = imported(bureau, f)
    assert result.exit_code == 1
    assert "row 3: column 24: a value under no header" in result.stderr


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_tab_and_semicolon_separated_files_are_read(bureau, tmp_path, delimiter):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows([good_row(1), good_row(2)])
    f = tmp_path / "cases.txt"
    f.write_text(buf.getvalue(), encoding="utf-8")
    result = imported(bureau, f)
    assert result.exit_code == 0, result.stderr
    assert len(bureau("case", "list", "-f", "json").json) == 2


def test_utf16_with_its_byte_order_mark_is_read(bureau, tmp_path):
    """Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated."""
    buf = io.StringIO()
    csv.writer(buf, delimiter="\t").writerows([HEADER, good_row(1)])
    f = tmp_path / "unicode.txt"
    f.write_bytes(codecs.BOM_UTF16_LE + buf.getvalue().encode("utf-16-le"))
    result = imported(bureau, f)
    assert result.exit_code == 0, result.stderr


def test_utf16_without_its_byte_order_mark_says_what_to_do(bureau, tmp_path):
    buf = io.StringIO()
    csv.writer(buf).writerows([HEADER, good_row(1)])
    f = tmp_path / "nobom.csv"
    f.write_bytes(buf.getvalue().encode("utf-16-le"))
    result = imported(bureau, f)
    assert result.exit_code == 2 and "NUL bytes" in one_line(result)


def test_a_number_pattern_too_long_for_its_prefix_is_refused_on_every_database(bureau):
    assert bureau("settings", "set", "prefix", "广" * 64).exit_code == 0
    before = events(bureau)
    result = bureau("settings", "set", "case_no_pattern", "{prefix}" + "案" * 80 + "{year}{n}")
    assert result.exit_code == 2 and "at most 128" in one_line(result) and "[F-3]" in result.stderr
    assert events(bureau) == before


def test_a_200000_character_cell_in_a_workbook_names_row_and_column(bureau, tmp_path):
    """Excel stops at 32,767 characters a cell, other tools do not: such a cell is the file's
    fault (exit 2, as in a CSV); a cell over 10,000 is the row's (listed, exit 1)."""
    from openpyxl import Workbook

    book = Workbook()
    row = good_row(1)
    row[HEADER.index("violation")] = "PLACEHOLDER"
    for r in (HEADER, good_row(2), row):
        book.active.append(r)
    made = tmp_path / "made.xlsx"
    book.save(made)
    f = tmp_path / "long.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(f, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if b"PLACEHOLDER" in data:
                data = data.replace(b"PLACEHOLDER", "过".encode() * 200_000)
            dst.writestr(item, data)
    result = imported(bureau, f)
    assert result.exit_code == 2
    assert f"row 3: column {HEADER.index('violation') + 1}:" in one_line(result)
    row[HEADER.index("violation")] = "过" * 20_000
    book = Workbook()
    for r in (HEADER, row):
        book.active.append(r)
    book.save(f)
    result = imported(bureau, f)
    assert result.exit_code == 1
    assert "row 2: violation: 20,000 characters; a ledger field holds at most 10,000" \
        in result.stderr


def test_the_fast_search_covers_every_character_the_check_refuses():
    """`bad_character` skips text its regular expression finds nothing in: that expression must
    cover every control, format and separator character of this Python's Unicode database."""
    import unicodedata

    from caseledger.domain.text import _SUSPECT

    missed = [f"U+{c:04X}" for c in range(0x110000)
              if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp", "Cs")
              and not _SUSPECT.match(chr(c))]
    assert missed == [], f"add {missed[:10]} to text._SUSPECT (Unicode {unicodedata.unidata_version})"


def _workbook(tmp_path, name: str):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    book = Workbook()
    for r in (HEADER, good_row(1)):
        book.active.append(r)
    path = tmp_path / name
    book.save(path)
    return path


def test_a_workbook_is_read_as_one_whatever_its_name(bureau, tmp_path):
    result = imported(bureau, _workbook(tmp_path, "cases.csv"))
    assert result.exit_code == 0, result.stderr


def test_damaged_compressed_data_in_a_workbook_names_the_file(bureau, tmp_path):
    path = _workbook(tmp_path, "damaged.xlsx")
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 5, start + min(info.compress_size, 60)):
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))
    result = imported(bureau, path)
    assert result.exit_code == 2 and "damaged.xlsx" in one_line(result)


def test_an_encrypted_workbook_or_an_old_xls_says_so(bureau, tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    result = imported(bureau, path)
    assert result.exit_code == 2 and "encrypted workbook or an old .xls" in one_line(result)


def test_a_line_break_inside_a_quoted_cell_is_one_newline(bureau, tmp_path):
    row = good_row(1)
    row[HEADER.index("violation")] = "销售过期食品\r\n涉及批次：3"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([HEADER, row])
    f = tmp_path / "crlf.csv"
    f.write_bytes(buf.getvalue().encode("utf-8"))
    result = imported(bureau, f)
    assert result.exit_code == 0, result.stderr
    shown_case = bureau("case", "show", "2024-1", "-f", "json").json
    assert shown_case["violation"] == "销售过期食品\n涉及批次：3"


@pytest.mark.parametrize("name", ["\u3164", "\u2800", "\u034f\u034f", "\udcff某"])
def test_names_that_look_blank_or_are_not_utf8_are_refused(bureau, name):
    args = open_args(credit_code(7))
    args[args.index("--party-name") + 1] = name
    result = bureau(*args)
    assert result.exit_code == 2 and "party's name" in one_line(result)
