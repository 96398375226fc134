"""Exports and reports never hand a spreadsheet a live formula (CSV and XLSX)."""

from __future__ import annotations

import csv
import io

import pytest

from caseledger.reports.cells import inert, restored
from tests.conftest import open_args
from tests.ids import credit_code

HOSTILE = ["=HYPERLINK(\"http://x\",\"点我\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
           "\tTAB", "\rCR"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe_and_comes_back_on_import(text):
    assert inert(text) == "'" + text
    assert restored(inert(text)) == text


@pytest.mark.parametrize("value", ["-5", "+3.50", "5000.00", 17, None, "广安某某商行", "'quoted"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert inert(value) == value
    if isinstance(value, str):
        assert restored(value) == value


def _hostile_case(run, name: str) -> str:  # type: ignore[no-untyped-def]
    args = open_args(credit_code(501), on="2025-03-03", extra=("-f", "json"))
    args[args.index("--party-name") + 1] = name
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.json["short_id"]


def test_exported_csv_neutralises_a_formula_and_round_trips_through_import(bureau, tmp_path):
    name = "=HYPERLINK(\"http://evil\",\"点我\")"
    _hostile_case(bureau, name)
    out = tmp_path / "cases.csv"
    assert bureau("export", "cases", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert rows[0]["party_name"] == "'" + name
    listed = list(csv.DictReader(io.StringIO(bureau("case", "list", "-f", "csv").stdout)))
    assert listed[0]["party_name"] == "'" + name
    from caseledger.services.importer import _text  # the cell reader of `import`

    assert _text(rows[0]["party_name"]) == name


def test_exported_xlsx_holds_text_not_formulas(bureau, tmp_path):
    from openpyxl import load_workbook

    name = "=cmd|' /C calc'!A0"
    _hostile_case(bureau, name)
    out = tmp_path / "cases.xlsx"
    assert bureau("export", "cases", "-f", "xlsx", "-o", str(out)).exit_code == 0
    sheet = load_workbook(out)["cases"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("party_name") + 1)
    assert cell.data_type == "s" and cell.value == name
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
