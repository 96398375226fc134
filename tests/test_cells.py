"""Exports and reports never hand a spreadsheet a live formula (CSV and XLSX)."""

from __future__ import annotations

import csv
import io

import pytest

from caseledger.reports.cells import inert, restored
from tests.conftest import open_args
from tests.ids import credit_code

HOSTILE = ["=HYPERLINK(\"http://x\",\"点我\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
           "\tTAB", "\rCR", "'=1+1", "''@x"]


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
    cell = sheet.cell(row=2, column=header.index("当事人名称") + 1)  # Chinese headers (#14)
    assert cell.data_type == "s" and cell.value == name
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_an_export_to_a_directory_or_an_unwritable_place_is_exit_2_and_leaves_nothing(bureau,
                                                                                      tmp_path):
    result = bureau("export", "cases", "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr
    missing = tmp_path / "no-such-folder" / "cases.csv"
    result = bureau("export", "cases", "-o", str(missing))
    assert result.exit_code == 2 and str(missing) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_a_full_disk_is_exit_5_and_leaves_no_file(bureau, tmp_path):
    """/dev/full answers every write with ENOSPC, as a full disk does."""
    import os
    from pathlib import Path

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    target = tmp_path / "cases.csv"
    # The temporary file is beside the target; make it the full device.
    os.symlink("/dev/full", tmp_path / f".cases.csv.{os.getpid()}.tmp")
    result = bureau("export", "cases", "-o", str(target))
    assert result.exit_code == 5, result.stderr
    assert "nothing was exported" in result.stderr
    assert not target.exists()


def test_an_export_through_a_link_writes_the_linked_file_and_keeps_the_link(bureau, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert bureau("export", "cases", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and target.read_text("utf-8-sig").startswith("case_no")
