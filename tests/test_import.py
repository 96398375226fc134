"""import: spreadsheets replayed through every rule; all or nothing; every bad row reported."""

from __future__ import annotations

import csv
import io

import pytest

from tests.ids import credit_code, resident_id, wrong_check

HEADER = ["domain", "party_kind", "party_name", "party_id", "violation", "officers",
          "approved_by", "filed_on", "proposal_basis", "fine", "reviewer", "reviewed_on",
          "notified_on", "statement_on", "decided_by", "decided_on", "outcome", "served_on",
          "paid_on", "disclosed_on", "closed_on", "closed_by"]


def good_row(n: int) -> list[str]:
    return ["food", "org", f"商行{n}", credit_code(n), "销售过期食品", "zhang、li", "wang",
            "2024-03-01", "《食品安全法》第一百二十四条", "5,000.00", "chen", "2024-03-10",
            "2024-03-11", "2024-03-12", "wang", "2024-03-20", "处罚", "2024-03-21",
            "2024-03-25", "2024-03-26", "2024-03-27", "wang"]


def write_csv(path, header, rows, encoding):  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def test_utf8_bom_with_english_headers(bureau, tmp_path):
    f = write_csv(tmp_path / "a.csv", HEADER, [good_row(1), good_row(2)], "utf-8-sig")
    result = bureau("import", str(f))
    assert result.exit_code == 0, result.stderr
    report = bureau("report", "year", "2024", "-f", "json").json["total"]
    assert (report["filed"], report["decided"], report["closed"], report["fines"]) == (
        2, 2, 2, "10000.00")
    assert bureau("verify").exit_code == 0


def test_gb18030_with_chinese_headers_and_labels(bureau, tmp_path):
    from caseledger.services.importer import COLUMNS

    header = [COLUMNS[k] for k in HEADER]
    row = good_row(3)
    row[0] = "食品"
    f = write_csv(tmp_path / "b.csv", header, [row], "gb18030")
    result = bureau("import", str(f))
    assert result.exit_code == 0, result.stderr
    assert bureau("case", "list", "--domain", "food", "-f", "json").json[0]["status"] == "closed"


def test_xlsx_sheet(bureau, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "2024年"
    sheet.append(HEADER)
    sheet.append(good_row(4))
    book.save(tmp_path / "c.xlsx")
    result = bureau("import", str(tmp_path / "c.xlsx"), "--sheet", "2024年")
    assert result.exit_code == 0, result.stderr
    assert bureau("import", str(tmp_path / "c.xlsx"), "--sheet", "nope").exit_code == 2


def test_a_dirty_file_is_refused_whole_with_every_bad_row_named(bureau, tmp_path):
    rows = [good_row(5)]
    bad_id = good_row(6)
    bad_id[3] = wrong_check(credit_code(6))
    no_review = good_row(7)
    no_review[10:12] = ["", ""]
    early = good_row(8)
    early[15] = "2024-03-13"  # inside the statement window with no statement
    early[13] = ""
    unknown_domain = good_row(9)
    unknown_domain[0] = "fishing"
    lone = good_row(10)
    lone[5] = "zhang"
    self_review = good_row(11)
    self_review[10] = "zhang"
    bad_fine = good_row(12)
    bad_fine[9] = "五千"
    bad_date = good_row(13)
    bad_date[7] = "2024-02-30"
    person = good_row(14)
    person[1], person[3] = "person", resident_id(14)
    f = write_csv(tmp_path / "d.csv", HEADER, [*rows, bad_id, no_review, early, unknown_domain,
                                               lone, self_review, bad_fine, bad_date, person],
                  "utf-8")
    before = bureau("info", "-f", "json").json
    result = bureau("import", str(f))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    # Each problem names the cell to fix, and the rule.
    expect = {3: "party_id: F-2", 4: "decided_on: R-1", 5: "decided_on: N-2",
              6: "domain: F-1", 7: "officers: P-1", 8: "reviewer: P-2", 9: "fine: ",
              10: "filed_on: F-1"}
    for row, needle in expect.items():
        assert any(line.startswith(f"row {row}: {needle}") for line in lines), (
            row, needle, result.stderr)
    assert not any(line.startswith(("row 2:", "row 11:")) for line in lines)
    assert bureau("info", "-f", "json").json == before


def test_dry_run_checks_and_writes_nothing(bureau, tmp_path):
    f = write_csv(tmp_path / "e.csv", HEADER, [good_row(15)], "utf-8")
    before = bureau("info", "-f", "json").json
    result = bureau("import", str(f), "--dry-run")
    assert result.exit_code == 0 and "dry run" in result.stderr
    assert bureau("info", "-f", "json").json == before


def test_unknown_staff_are_named(bureau, tmp_path):
    row = good_row(16)
    row[5] = "zhang,ghost"
    f = write_csv(tmp_path / "f.csv", HEADER, [row], "utf-8")
    result = bureau("import", str(f))
    assert result.exit_code == 1 and "ghost" in result.stderr and result.stderr.startswith("row 2:")


def test_export_cases_round_trips_through_import(bureau, tmp_path):
    from tests.conftest import staff_commands

    f = write_csv(tmp_path / "g.csv", HEADER, [good_row(n) for n in range(20, 24)], "utf-8")
    assert bureau("import", str(f)).exit_code == 0
    bureau("case", "tag", "2024-1", "--typical", "city", "--on", "2024-03-27")
    exported = tmp_path / "cases.csv"
    assert bureau("export", "cases", "-o", str(exported)).exit_code == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    for args in staff_commands():
        assert bureau("--db", other, *args).exit_code == 0
    result = bureau("--db", other, "import", str(exported))
    assert result.exit_code == 0, result.stderr
    mine = bureau("report", "year", "2024", "-f", "json").json
    theirs = bureau("--db", other, "report", "year", "2024", "-f", "json").json
    for report in (mine, theirs):
        report.pop("chain_head")
        report.pop("head")
    assert mine == theirs


def test_a_restrictions_term_round_trips_and_keeps_its_disclosure_period(bureau, tmp_path):
    from tests.conftest import staff_commands

    f = write_csv(tmp_path / "h.csv", HEADER, [good_row(30)], "utf-8")
    assert bureau("import", str(f)).exit_code == 0
    exported = tmp_path / "cases.csv"
    bureau("export", "cases", "-o", str(exported))
    # Give the exported case a five-year employment restriction (the only case: line 2).
    lines = exported.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = next(csv.reader([lines[1]]))
    cells[header.index("sanctions")] = "employment-restriction"
    cells[header.index("restriction_months")] = "60"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, cells])
    other = f"sqlite:///{tmp_path / 'other.db'}"
    for args in staff_commands():
        assert bureau("--db", other, *args).exit_code == 0
    result = bureau("--db", other, "import", str(edited))
    assert result.exit_code == 0, result.stderr
    shown = bureau("--db", other, "case", "show", "2024-1", "-f", "json").json
    disclosed_on = cells[header.index("disclosed_on")]
    assert shown["disclosure_record"]["until"] == str(int(disclosed_on[:4]) + 5) + disclosed_on[4:]
    again = tmp_path / "again.csv"
    bureau("--db", other, "export", "cases", "-o", str(again))
    row = next(csv.DictReader(again.read_text(encoding="utf-8-sig").splitlines()))
    assert row["restriction_months"] == "60"
    bad = tmp_path / "bad.csv"
    cells[header.index("restriction_months")] = "five years"
    with bad.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows([header, cells])
    refused = bureau("import", str(bad))
    assert refused.exit_code == 1 and "row 2: restriction_months:" in refused.stderr


@pytest.mark.slow  # a real process with its stderr on a pseudo-terminal
def test_import_shows_its_progress_on_a_terminal(bureau, tmp_path, db_url):
    """#14: a count of rows done of the file's rows, the rate and the time left."""
    import os
    import pty
    import subprocess

    from tests.conftest import caseledger_command

    f = write_csv(tmp_path / "p.csv", HEADER, [good_row(n) for n in range(300, 312)], "utf-8")
    master, slave = pty.openpty()
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin", "COLUMNS": "100"}
    env.pop("CASELEDGER_LANG", None)
    proc = subprocess.Popen([*caseledger_command(), "import", str(f)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "12/12" in text and "行/秒" in text and "剩余" in text, text[-500:]
    assert "导入 12 件案件" in text
