"""`staff export` / `staff import` (#14): a ledger's roster moves with its cases; a case import
that meets unknown logins names each once, with the count of rows."""

from __future__ import annotations

import csv
import io

import pytest

from tests.conftest import BUREAU, PREFIX, open_args
from tests.ids import credit_code
from tests.test_import import HEADER, good_row, write_csv


def _roster(run, *db: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    members = run(*db, "staff", "list", "-f", "json").json
    return sorted((m["login"], m["name"], tuple(m["roles"]), m["cert_no"], m["cert_until"],
                   m["legal_qualified"], m["active"], m["key"]) for m in members)


@pytest.fixture
def new_ledger(bureau, tmp_path):  # type: ignore[no-untyped-def]
    """A second, empty ledger (SQLite) whose first admin is `admin` with the same key."""
    db = ["--db", f"sqlite:///{tmp_path / 'new.db'}"]
    result = bureau(*db, "init", "--bureau", BUREAU, "--prefix", PREFIX)
    assert result.exit_code == 0, result.stderr
    return db


def test_the_roster_and_then_the_cases_move_to_a_new_ledger(bureau, new_ledger, tmp_path):
    assert bureau(*open_args(credit_code(41))).exit_code == 0
    roster, cases = tmp_path / "staff.csv", tmp_path / "cases.csv"
    assert bureau("staff", "export", "-o", str(roster)).exit_code == 0
    assert bureau("export", "cases", "-o", str(cases)).exit_code == 0
    assert roster.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8

    before = bureau(*new_ledger, "import", str(cases))
    assert before.exit_code == 1 and "staff import" in before.stderr, before.stderr

    result = bureau(*new_ledger, "staff", "import", str(roster))
    assert result.exit_code == 0, result.stderr
    assert "6 added, 1 already on the staff list" in result.stderr, result.stderr  # admin held
    assert _roster(bureau, *new_ledger) == _roster(bureau)
    assert bureau(*new_ledger, "import", str(cases)).exit_code == 0
    assert bureau(*new_ledger, "verify").exit_code == 0


def test_importing_the_same_roster_again_changes_nothing(bureau, tmp_path):
    roster = tmp_path / "staff.csv"
    assert bureau("staff", "export", "-o", str(roster)).exit_code == 0
    head = bureau("head").stdout
    result = bureau("staff", "import", str(roster))
    assert result.exit_code == 0 and "0 added, 7 already" in result.stderr, result.stderr
    assert bureau("head").stdout == head  # no event


def test_a_member_held_with_other_details_refuses_the_whole_file(bureau, tmp_path):
    rows = [["login", "name", "roles"], ["zhang", "张三丰", "officer"], ["sun", "孙八", "officer"]]
    f = tmp_path / "staff.csv"
    f.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    result = bureau("staff", "import", str(f))
    assert result.exit_code == 1, result.stderr
    assert "row 2: name: 'zhang' is already on the staff list with another name" in result.stderr
    assert "sun" not in [m["login"] for m in bureau("staff", "list", "-f", "json").json]


def test_only_an_admin_imports_a_roster(bureau, tmp_path):
    f = tmp_path / "staff.csv"
    f.write_text("login,name,roles\nsun,孙八,officer\n", encoding="utf-8")
    result = bureau("staff", "import", str(f), user="chen")
    assert result.exit_code == 1 and "[P-5]" in result.stderr, result.stderr
    assert "sun" not in [m["login"] for m in bureau("staff", "list", "-f", "json").json]


def test_chinese_headers_role_labels_and_a_retired_member(bureau, tmp_path):
    f = tmp_path / "花名册.csv"
    f.write_text("登录名,姓名,角色,执法证号,有效期至,在岗\n"
                 "sun,孙八,执法人员、审核人员,51000009,2031/6/30,是\n"
                 "zhou,周九,执法人员,51000010,2031-06-30,否\n", encoding="gb18030")
    result = bureau("staff", "import", str(f))
    assert result.exit_code == 0, result.stderr
    members = {m["login"]: m for m in bureau("staff", "list", "-f", "json").json}
    assert members["sun"]["roles"] == ["officer", "reviewer"]
    assert members["sun"]["cert_until"] == "2031-06-30" and members["sun"]["active"]
    assert not members["zhou"]["active"]


def test_all_active_keeps_a_retired_member_active_and_names_them(bureau, tmp_path):
    f = tmp_path / "staff.csv"
    f.write_text("login,name,roles,cert_no,cert_until,active\n"
                 "zhou,周九,officer,51000010,2031-06-30,no\n", encoding="utf-8")
    result = bureau("staff", "import", str(f), "--all-active")
    assert result.exit_code == 0 and "staff retire" in result.stderr and "zhou" in result.stderr
    members = {m["login"]: m for m in bureau("staff", "list", "-f", "json").json}
    assert members["zhou"]["active"]


def test_a_bad_cell_is_named_and_nothing_is_written(bureau, tmp_path):
    f = tmp_path / "staff.csv"
    f.write_text("login,name,roles,active\nsun,孙八,officer,yes\nzhou,周九,chief,yes\n"
                 "wu,吴十,officer,maybe\n", encoding="utf-8")
    result = bureau("staff", "import", str(f))
    assert result.exit_code == 1
    assert "row 3: roles: unknown role 'chief'" in result.stderr, result.stderr
    assert "row 4: active: 'maybe'" in result.stderr, result.stderr
    assert "sun" not in [m["login"] for m in bureau("staff", "list", "-f", "json").json]


def test_dry_run_writes_nothing(bureau, tmp_path):
    f = tmp_path / "staff.csv"
    f.write_text("login,name,roles\nsun,孙八,officer\n", encoding="utf-8")
    result = bureau("staff", "import", str(f), "--dry-run")
    assert result.exit_code == 0 and "1 to add" in result.stderr, result.stderr
    assert "sun" not in [m["login"] for m in bureau("staff", "list", "-f", "json").json]


def test_an_xlsx_roster_round_trips(bureau, new_ledger, tmp_path):
    roster = tmp_path / "staff.xlsx"
    assert bureau("staff", "export", "-f", "xlsx", "-o", str(roster)).exit_code == 0
    assert bureau(*new_ledger, "staff", "import", str(roster)).exit_code == 0
    assert _roster(bureau, *new_ledger) == _roster(bureau)


def test_a_json_export_lists_every_member(bureau):
    result = bureau("staff", "export", "-f", "json")
    assert result.exit_code == 0
    logins = [m["login"] for m in result.json]
    assert set(logins) == {"admin", "zhang", "li", "zhao", "old", "chen", "wang"}


def test_an_unknown_login_is_named_once_with_its_count_of_rows(bureau, tmp_path):
    rows = []
    for n in range(7):
        row = good_row(60 + n)
        row[HEADER.index("officers")] = "zhang、ghost"
        rows.append(row)
    other = good_row(70)
    other[HEADER.index("approved_by")] = "nobody"
    rows.append(other)
    bad = good_row(71)
    bad[HEADER.index("domain")] = "fishing"
    rows.append(bad)
    f = write_csv(tmp_path / "cases.csv", HEADER, rows, "utf-8-sig")
    result = bureau("import", str(f))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    ghost = [line for line in lines if "'ghost'" in line]
    assert len(ghost) == 1, result.stderr
    assert ghost[0].startswith("row 2: officers:") and "7 row(s)" in ghost[0]
    assert "rows 2, 3, 4, 5, 6 and 2 more" in ghost[0], ghost[0]
    assert [line for line in lines if "'nobody'" in line][0].startswith("row 9: approved_by:")
    assert any(line.startswith("row 10: domain:") for line in lines), result.stderr
    assert bureau("case", "list", "-f", "json").json == []


def test_a_csv_export_has_the_import_columns(bureau):
    result = bureau("staff", "export")
    header = next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert header == ["login", "name", "roles", "cert_no", "cert_until", "legal_qualified",
                      "active", "key"]
