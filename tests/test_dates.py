"""Dates in the forms officers and Excel write (CLI.md "Global"): options, import cells, XLSX."""

from __future__ import annotations

import datetime as dt

import pytest

from caseledger.domain.dates import parse_date
from caseledger.domain.errors import InputError
from tests.conftest import open_args
from tests.ids import credit_code
from tests.test_import import HEADER, good_row, write_csv


@pytest.mark.parametrize("text", [
    "2026-03-02", "2026-3-2", "2026/3/2", "2026/03/02", "2026.3.2", "20260302", "2026年3月2日",
    "2026 年 3 月 2 日", "2026年03月02号", "２０２６年３月２日", "2026/3/2 0:00", "2026-03-02 00:00:00",
    " 2026/3/2 ",
])
def test_every_listed_form_is_the_same_day(text):
    assert parse_date(text, "--on") == dt.date(2026, 3, 2)


@pytest.mark.parametrize("text", [
    "2026/3-2", "3/2/2026", "2026年3月", "202632", "2026-02-30", "next monday", "2026/3/2 9:15",
    "26-3-2", "",
])
def test_other_spellings_are_refused_naming_the_forms(text):
    with pytest.raises(InputError) as caught:
        parse_date(text, "--on", rule="F-1")
    assert caught.value.rule == "F-1"
    assert "--on" in str(caught.value)


def _opened(bureau) -> str:  # type: ignore[no-untyped-def]
    result = bureau(*open_args(credit_code(31), on="2024/3/1"))
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def test_an_option_takes_a_chinese_date(bureau):
    case_no = _opened(bureau)
    result = bureau("case", "terminate", case_no, "--on", "2024年3月5日", "--reason", "证据不足")
    assert result.exit_code == 0, result.stderr
    events = bureau("case", "history", case_no, "-f", "json").json
    assert events[-1]["business_date"] == "2024-03-05"


def test_an_option_refuses_a_wrong_form_with_exit_2(bureau):
    case_no = _opened(bureau)
    result = bureau("case", "terminate", case_no, "--on", "3/5/2024", "--reason", "证据不足")
    assert result.exit_code == 2 and "YYYY年M月D日" in result.stderr, result.stderr
    assert bureau("case", "show", case_no, "-f", "json").json["status"] == "filed"


def test_import_takes_the_forms_excel_and_officers_write(bureau, tmp_path):
    """Excel re-saves dates as 2024/3/1; officers type 2024年3月10日 and 20240311. The steps
    replay in date order whatever the spelling (2024/3/9 would sort after 2024/3/10 as text)."""
    row = good_row(21)
    forms = {"filed_on": "2024/3/1", "reviewed_on": "2024年3月10日", "notified_on": "20240311",
             "statement_on": "2024.3.12", "decided_on": "2024/3/20", "served_on": "2024/3/21",
             "paid_on": "2024/3/25", "disclosed_on": "2024/3/26", "closed_on": "2024/3/27"}
    for key, value in forms.items():
        row[HEADER.index(key)] = value
    f = write_csv(tmp_path / "forms.csv", HEADER, [row], "utf-8-sig")
    result = bureau("import", str(f))
    assert result.exit_code == 0, result.stderr
    case = bureau("case", "list", "-f", "json").json[0]
    assert case["status"] == "closed" and case["filed_on"] == "2024-03-01", case
    assert bureau("verify").exit_code == 0


def test_import_names_a_date_cell_in_no_listed_form(bureau, tmp_path):
    row = good_row(22)
    row[HEADER.index("decided_on")] = "20.3.2024"
    f = write_csv(tmp_path / "bad.csv", HEADER, [row], "utf-8-sig")
    result = bureau("import", str(f))
    assert result.exit_code == 1, result.stderr
    assert "row 2: decided_on" in result.stderr and "F-1" in result.stderr, result.stderr
    assert bureau("case", "list", "-f", "json").json == []


def test_import_takes_xlsx_date_cells(bureau, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    row: list[object] = list(good_row(23))
    for key in ("filed_on", "reviewed_on", "notified_on", "statement_on", "decided_on",
                "served_on", "paid_on", "disclosed_on", "closed_on"):
        i = HEADER.index(key)
        row[i] = dt.datetime.fromisoformat(str(row[i]))  # a real date cell
    sheet.append(row)
    book.save(tmp_path / "cells.xlsx")
    result = bureau("import", str(tmp_path / "cells.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert bureau("case", "list", "-f", "json").json[0]["status"] == "closed"
