"""export cases|events|disclosures: CSV with a BOM, JSON, XLSX; disclosures masked (G-3)."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import open_args
from tests.ids import credit_code, resident_id


def decided_and_disclosed(run, party_id, kind="org"):  # type: ignore[no-untyped-def]
    assert run(*open_args(party_id, kind=kind, on="2025-03-03")).exit_code == 0
    case = run("case", "list", "-f", "json").json[-1]["short_id"]
    for name, *args in (
        ("propose", "--fine", "3000", "--basis", "某法第1条"),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
        ("notify",), ("statement", "--waived"), ("decide", "--by", "wang"),
        ("disclose",),
    ):
        assert run("case", name, case, *args, "--on", "2025-03-10").exit_code == 0
    return case


def test_export_cases_csv_has_a_bom_and_the_import_columns(bureau, tmp_path):
    decided_and_disclosed(bureau, credit_code(1))
    out = tmp_path / "cases.csv"
    result = bureau("export", "cases", "-o", str(out))
    assert result.exit_code == 0 and "chain head" in result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["case_no"] == "广区市监立〔2023〕1号".replace("2023", "2025")
    assert row["officers"] == "zhang,li" and row["fine"] == "3000.00"
    assert row["outcome"] == "penalty" and row["decision_no"] == "广区市监处罚〔2025〕1号"
    assert row["reviewer"] == "chen" and row["disclosed_on"] == "2025-03-10"


def test_export_events_json_carries_the_chain(bureau):
    decided_and_disclosed(bureau, credit_code(2))
    events = json.loads(bureau("export", "events", "-f", "json").stdout)
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(events, events[1:], strict=False))
    assert len(json.loads(bureau("export", "events", "--year", "2025", "-f", "json").stdout)) == 7


def test_export_disclosures_are_masked(bureau, tmp_path):
    pid = resident_id(5)
    decided_and_disclosed(bureau, pid, kind="person")
    rows = json.loads(bureau("export", "disclosures", "-f", "json").stdout)
    assert rows[0]["party_id"] == pid[:6] + "********" + pid[-4:]
    assert rows[0]["until"] == "2025-06-10"
    out = tmp_path / "d.xlsx"
    assert bureau("export", "disclosures", "-f", "xlsx", "-o", str(out)).exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(out)["disclosures"]
    values = [c.value for c in next(sheet.iter_rows(min_row=2, max_row=2))]
    assert pid not in values and pid[:6] + "********" + pid[-4:] in values


def test_xlsx_needs_an_output_file(bureau):
    assert bureau("export", "cases", "-f", "xlsx").exit_code == 2


def test_exports_bind_no_variable_per_case(bureau, db_url):
    """A ledger with more cases than SQLite lets a statement bind (32,766 by default; lowered
    to 10 here) still exports every case and every disclosure."""
    import sqlite3

    import pytest
    from sqlalchemy import event

    from caseledger.store.db import engine_for

    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's variable limit")
    for n in range(12):
        decided_and_disclosed(bureau, credit_code(100 + n))
    engine = engine_for(db_url)
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _low_limit(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 10)

    try:
        cases = bureau("export", "cases", "-f", "json")
        assert cases.exit_code == 0, cases.stderr
        assert len(cases.json) == 12
        disclosures = bureau("export", "disclosures", "-f", "json")
        assert disclosures.exit_code == 0, disclosures.stderr
        assert len(disclosures.json) == 12
        assert len(bureau("export", "cases", "--year", "2025", "-f", "json").json) == 12
        assert bureau("deadlines", "--on", "2025-04-01").exit_code == 0
    finally:
        event.remove(engine, "connect", _low_limit)
        engine.dispose()


def test_an_xlsx_export_is_made_for_excel_and_imports_back(bureau, tmp_path, db_url):
    """#14: Chinese headers, real date cells, amounts as numbers, a frozen header row; and the
    workbook goes back in through `import` into another ledger."""
    import datetime as dt
    from decimal import Decimal

    from openpyxl import load_workbook

    decided_and_disclosed(bureau, credit_code(7))
    out = tmp_path / "cases.xlsx"
    assert bureau("export", "cases", "-f", "xlsx", "-o", str(out)).exit_code == 0
    sheet = load_workbook(out)["cases"]
    header = [c.value for c in next(sheet.iter_rows(min_row=1, max_row=1))]
    row = dict(zip(header, [c for c in next(sheet.iter_rows(min_row=2, max_row=2))], strict=True))
    assert header[:3] == ["案号", "领域", "当事人类型"]
    assert sheet.freeze_panes == "A2"
    assert isinstance(row["立案日期"].value, dt.datetime) and row["立案日期"].number_format == "yyyy-mm-dd"
    assert row["领域"].value == "食品" and row["当事人类型"].value == "单位"
    assert Decimal(str(row["罚款金额"].value)) > 0 and row["罚款金额"].number_format == "#,##0.00"

    other = ["--db", f"sqlite:///{tmp_path / 'other.db'}"]
    from tests.conftest import BUREAU, PREFIX

    assert bureau(*other, "init", "--bureau", BUREAU, "--prefix", PREFIX).exit_code == 0
    roster = tmp_path / "staff.xlsx"
    assert bureau("staff", "export", "-f", "xlsx", "-o", str(roster)).exit_code == 0
    assert bureau(*other, "staff", "import", str(roster)).exit_code == 0
    result = bureau(*other, "import", str(out))
    assert result.exit_code == 0, result.stderr
    mine = bureau("export", "cases", "-f", "json").json
    theirs = bureau(*other, "export", "cases", "-f", "json").json
    assert [{k: v for k, v in c.items() if k != "case_no"} for c in theirs] == \
        [{k: v for k, v in c.items() if k != "case_no"} for c in mine]
