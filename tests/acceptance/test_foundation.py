"""Acceptance tests for the foundation issue, written from RULES.md and CLI.md only.

Rules covered: F-1, F-2, F-3, P-1, P-3, P-4, P-5, A-1, A-2, A-3 (D-* and later workflow steps are
out of scope). Every test drives the installed `caseledger` command as a subprocess; the database
is only touched directly to count rows or to tamper with it behind the ledger's back.

To keep the suite fast, the staffed bureau (and a ledger holding three cases) is built once per
module through the CLI and copied into each test's own fresh database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, create_engine, func, select, text, update
from sqlalchemy import types as sqltypes
from sqlalchemy.engine import make_url

from tests.conftest import PG_SERVER, Result, caseledger_command, clone
from tests.ids import credit_code, full_width, resident_id, wrong_check
from tests.keys import key_file, public_key

pytestmark = pytest.mark.slow  # real subprocesses, ~1 s each

BUREAU = "广安市广安区市场监督管理局"
PREFIX = "广区市监"
DEFAULT_CASE_PATTERN = "{prefix}立〔{year}〕{n}号"
TODAY = dt.date.today()

ORG_A = credit_code(11)
PERSON_P = resident_id(12)

# login, name, roles, certificate, certificate end date
STAFF = [
    ("zhang", "张三", ["officer"], "51000001", "2030-12-31"),
    ("li", "李四", ["officer"], "51000002", "2030-12-31"),
    ("zhao", "赵六", ["officer"], "51000003", "2030-12-31"),
    ("old", "钱七", ["officer"], "51000004", "2020-06-30"),
    ("nocert", "吴八", ["officer"], None, None),
    ("zhou", "周九", ["officer"], "51000005", "2030-12-31"),  # retired below
    ("chen", "陈审", ["reviewer"], None, None),
    ("wang", "王局", ["head"], None, None),
    ("sun", "孙局", ["head"], None, None),  # retired below
]
RETIRED = ["zhou", "sun"]


# --------------------------------------------------------------------------------------------
# module-level helpers
# --------------------------------------------------------------------------------------------

def cli(url: str, *args: str, user: str = "admin") -> Result:
    env = {**os.environ, "CASELEDGER_DB": url, "CASELEDGER_USER": user,
           "CASELEDGER_KEY": str(key_file(user))}
    proc = subprocess.run([*caseledger_command(), *args], capture_output=True, text=True,
                          env=env, timeout=120, input="")
    return Result(proc.returncode, proc.stdout, proc.stderr)


def build_bureau(run) -> None:  # type: ignore[no-untyped-def]
    """init + staff add + staff retire, through the CLI, as the admin who ran init."""
    r = run("init", "--bureau", BUREAU, "--prefix", PREFIX)
    assert r.exit_code == 0, r
    for login, name, roles, cert, until in STAFF:
        args = ["staff", "add", login, "--name", name]
        for role in roles:
            args += ["--role", role]
        if cert:
            args += ["--cert", cert, "--cert-until", until]
        r = run(*args, "--key", public_key(login))
        assert r.exit_code == 0, r
    for login in RETIRED:
        r = run("staff", "retire", login)
        assert r.exit_code == 0, r


def open_args(party_id: str = ORG_A, *, domain: str = "food", kind: str = "org",
              officers: tuple[str, ...] = ("zhang", "li"), approved_by: str | None = "wang",
              on: str | None = "2023-03-01", violation: str | None = "销售过期食品",
              extra: tuple[str, ...] = ()) -> list[str]:
    args = ["case", "open", "--domain", domain, "--party-kind", kind, "--party-name", "广安某某商行",
            "--party-id", party_id, "--no-input"]
    if violation is not None:
        args += ["--violation", violation]
    if approved_by is not None:
        args += ["--approved-by", approved_by]
    if on is not None:
        args += ["--on", on]
    for o in officers:
        args += ["--officer", o]
    return [*args, *extra]


def case_number(year: int, n: int) -> str:
    return f"{PREFIX}立〔{year}〕{n}号"


def engine(url: str):  # type: ignore[no-untyped-def]
    return create_engine(url)


def counts(url: str) -> tuple[int, int]:
    """(cases, events) straight from the database."""
    eng = engine(url)
    try:
        with eng.connect() as conn:
            cases = conn.execute(text("SELECT count(*) FROM cases")).scalar_one()
            events = conn.execute(text("SELECT count(*) FROM event")).scalar_one()
    finally:
        eng.dispose()
    return cases, events


def no_traceback(r: Result) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout, r.stderr


def assert_refused(r: Result, code: int, *rules: str) -> None:
    """Exit code, the rule ids in the `[RULE-ID]` form, no traceback, no case number printed."""
    assert r.exit_code == code, r
    no_traceback(r)
    for rule in rules:
        assert f"[{rule}]" in r.stderr, (rule, r.stderr)
        if code == 1:
            assert re.search(rf"refused \[{re.escape(rule)}\]:", r.stderr), r.stderr
    assert "立〔" not in r.stdout, r.stdout


def new_database_url(tmp: Path) -> str:
    if not PG_SERVER:
        return f"sqlite:///{tmp / 'ledger.db'}"
    name = f"cl_acc_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    if PG_SERVER:
        admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def bureau_template(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    url = new_database_url(tmp_path_factory.mktemp("bureau"))
    build_bureau(lambda *a, user="admin": cli(url, *a, user=user))
    yield url
    drop_database(url)


@pytest.fixture(scope="module")
def cases_template(bureau_template: str, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The bureau with three cases: 2023-1 (food, ORG_A), 2023-2 (drug, PERSON_P), 2024-1 (food, ORG_A)."""
    url = new_database_url(tmp_path_factory.mktemp("cases"))
    clone(bureau_template, url)
    for args in (open_args(ORG_A, domain="food", on="2023-03-01"),
                 open_args(PERSON_P, domain="drug", kind="person", on="2023-05-10"),
                 open_args(ORG_A, domain="food", on="2024-02-01")):
        r = cli(url, *args)
        assert r.exit_code == 0, r
    yield url
    drop_database(url)


@pytest.fixture
def cl(bureau_template: str, db_url: str, sh):  # type: ignore[no-untyped-def]
    """The staffed bureau, no cases; returns `sh`."""
    clone(bureau_template, db_url)
    return sh


@pytest.fixture
def cl3(cases_template: str, db_url: str, sh):  # type: ignore[no-untyped-def]
    """The staffed bureau with three cases; returns `sh`."""
    clone(cases_template, db_url)
    return sh


# --------------------------------------------------------------------------------------------
# Set-up, staff, settings (P-5), global behaviour
# --------------------------------------------------------------------------------------------

def test_init_is_idempotent_and_makes_runner_admin(sh, db_url):
    r = sh("init", "--bureau", BUREAU, "--prefix", PREFIX, user="boss")
    assert r.exit_code == 0, r
    no_traceback(r)
    again = sh("init", "--bureau", BUREAU, "--prefix", PREFIX, user="boss")
    assert again.exit_code == 0, again

    info = sh("info", "-f", "json")
    assert info.exit_code == 0, info
    data = info.json  # stdout is pure JSON
    assert data["bureau"] == BUREAU
    assert data["counts"]["cases"] == 0
    assert data["counts"]["staff"] == 1, "a second init must not add anybody"
    dbname = make_url(db_url).database
    assert Path(dbname).name in data["database"] or dbname in data["database"]

    staff = sh("staff", "list", "-f", "json")
    assert staff.exit_code == 0
    rows = staff.json
    assert isinstance(rows, list) and len(rows) == 1
    assert rows[0]["login"] == "boss" and "admin" in rows[0]["roles"]
    # the first admin may add staff (P-5 satisfied)
    r = sh("staff", "add", "zhang", "--name", "张三", "--role", "officer", "--cert", "1",
           "--cert-until", "2030-12-31", user="boss")
    assert r.exit_code == 0, r


def test_staff_list_json_and_csv(cl):
    r = cl("staff", "list", "-f", "json")
    assert r.exit_code == 0, r
    by_login = {row["login"]: row for row in r.json}
    assert {"admin", "zhang", "wang", "chen", "zhou"} <= set(by_login)
    assert by_login["wang"]["roles"] == ["head"]
    assert "admin" in by_login["admin"]["roles"]
    csv = cl("staff", "list", "--format", "csv")
    assert csv.exit_code == 0, csv
    header = csv.stdout.lstrip("\ufeff").splitlines()[0]
    assert "login" in header
    assert len(csv.stdout.strip().splitlines()) == 1 + len(by_login)


def _staff_and_settings(url: str):  # type: ignore[no-untyped-def]
    eng = engine(url)
    try:
        with eng.connect() as conn:
            return (conn.execute(text("SELECT * FROM staff ORDER BY login")).all(),
                    conn.execute(text("SELECT * FROM setting ORDER BY 1")).all())
    finally:
        eng.dispose()


def test_non_admin_changes_are_refused_P5(cl, db_url):
    before = _staff_and_settings(db_url), counts(db_url)
    for args in (["staff", "add", "x1", "--name", "某某", "--role", "officer"],
                 ["staff", "retire", "li"],
                 ["settings", "set", "first_violation_years", "3"]):
        r = cl(*args, user="wang")  # a head, but not an admin
        assert_refused(r, 1, "P-5")
    assert (_staff_and_settings(db_url), counts(db_url)) == before


def test_settings_show_and_set_case_number_pattern(cl):
    r = cl("settings", "show", "-f", "json")
    assert r.exit_code == 0, r
    settings = r.json
    if isinstance(settings, list):  # tolerate a list of {key, value}
        settings = {s["key"]: s["value"] for s in settings}
    keys = [k for k, v in settings.items() if v == DEFAULT_CASE_PATTERN]
    assert keys, f"default case number pattern not shown: {settings}"
    key = keys[0]
    r = cl("settings", "set", key, "{prefix}案〔{year}〕第{n}号")
    assert r.exit_code == 0, r
    r = cl(*open_args())
    assert r.exit_code == 0, r
    assert r.stdout.strip() == f"{PREFIX}案〔2023〕第1号"
    assert cl("case", "show", "2023-1", "-f", "json").json["case_no"] == f"{PREFIX}案〔2023〕第1号"
    for bad in (("no_such_setting_key", "1"),
                (key, "{prefix}立〔{year}〕号")):  # without {n} numbers could not stay unique (F-3)
        r = cl("settings", "set", *bad)
        assert r.exit_code == 2, (bad, r)
        no_traceback(r)
    after = cl("settings", "show", "-f", "json").json
    if isinstance(after, list):
        after = {s["key"]: s["value"] for s in after}
    assert after[key] == "{prefix}案〔{year}〕第{n}号"


def test_staff_add_invalid_input_exits_2(cl):
    r = cl("staff", "add", "x2", "--name", "某", "--role", "janitor")
    assert r.exit_code == 2, r
    no_traceback(r)
    r = cl("staff", "retire", "ghost")
    assert r.exit_code == 3, r
    no_traceback(r)


def test_unknown_option_is_a_short_plain_error(cl):
    r = cl("case", "list", "--bogus")
    assert r.exit_code == 2, r
    no_traceback(r)
    assert 1 <= len(r.stderr.strip().splitlines()) <= 2, r.stderr
    assert r.stdout == ""


def test_help_does_not_import_database_layer(sh):
    for args in (["--help"], ["case", "open", "--help"]):
        r = sh(*args, env={"PYTHONPROFILEIMPORTTIME": "1"})
        assert r.exit_code == 0, r
        assert "--domain" in r.stdout or "case" in r.stdout
        heavy = [line for line in r.stderr.splitlines()
                 if re.search(r"\|\s+(sqlalchemy|alembic|rich\.table)(\.|\s*$)", line)]
        assert not heavy, heavy[:5]


# --------------------------------------------------------------------------------------------
# case open: F-1, F-3, P-1, P-3, P-4
# --------------------------------------------------------------------------------------------

def test_open_prints_number_and_show_by_number_or_short_id(cl):
    r = cl(*open_args(extra=("--major", "complex", "--source", "complaint")))
    assert r.exit_code == 0, r
    assert r.stdout == case_number(2023, 1) + "\n"
    by_short = cl("case", "show", "2023-1", "-f", "json")
    by_no = cl("case", "show", case_number(2023, 1), "--format", "json")
    assert by_short.exit_code == 0 and by_no.exit_code == 0
    assert by_short.json == by_no.json
    shown = by_short.json
    assert shown["case_no"] == case_number(2023, 1)
    assert shown["status"] == "filed"
    assert shown["domain"] == "food"
    assert shown["major"] == "complex"
    assert shown["filed_on"] == "2023-03-01"
    dump = json.dumps(shown, ensure_ascii=False)
    assert ORG_A in dump and "zhang" in dump and "li" in dump and "wang" in dump
    assert "食品" in dump  # JSON carries the Chinese label next to the key
    table = cl("case", "show", "2023-1")
    assert table.exit_code == 0 and "食品" in table.stdout  # Chinese labels in tables


def test_case_numbers_sequential_per_filing_year(cl, db_url):
    got = [cl(*open_args(on=d)).stdout.strip()
           for d in ("2023-03-01", "2023-12-31", "2024-01-01", "2022-06-01")]
    assert got == [case_number(2023, 1), case_number(2023, 2), case_number(2024, 1),
                   case_number(2022, 1)]
    assert counts(db_url)[0] == 4


def test_open_defaults_to_today_and_accepts_today(cl):
    r = cl(*open_args(on=None))
    assert r.exit_code == 0, r
    assert r.stdout.strip() == case_number(TODAY.year, 1)
    shown = cl("case", "show", f"{TODAY.year}-1", "-f", "json").json
    assert shown["filed_on"] == TODAY.isoformat()


def test_bad_filing_date_exits_2(cl, db_url):
    before = counts(db_url)
    for on, rule in (((TODAY + dt.timedelta(days=1)).isoformat(), "F-1"),  # future
                     ("2023-02-30", "F-1"),                                 # impossible
                     ("01/03/2023", None)):                                 # not YYYY-MM-DD
        r = cl(*open_args(on=on))
        assert_refused(r, 2, *([rule] if rule else []))
    assert counts(db_url) == before


def test_unknown_domain_and_party_kind_exit_2_F1(cl, db_url):
    before = counts(db_url)
    assert_refused(cl(*open_args(domain="tobacco")), 2, "F-1")
    assert_refused(cl(*open_args(kind="company")), 2, "F-1")
    assert counts(db_url) == before


def test_missing_required_option_without_terminal_is_an_error(cl, db_url):
    before = counts(db_url)
    args = [a for a in open_args(violation=None) if a != "--no-input"]
    r = cl(*args)  # stdin is not a terminal: no prompt, an error
    assert r.exit_code == 2, r
    no_traceback(r)
    r = cl("--no-input", *args)  # --no-input accepted before the command
    assert r.exit_code == 2, r
    r = cl(*open_args(violation=""))  # an empty violation description is no description (F-1)
    assert r.exit_code in (1, 2), r
    assert "[F-1]" in r.stderr, r.stderr
    assert counts(db_url) == before


def test_fewer_than_two_valid_officers_refused_P1(cl, db_url):
    before = counts(db_url)
    for officers in (("zhang",),            # one
                     (),                    # none (not interactive)
                     ("zhang", "zhang"),    # the same person twice
                     ("zhang", "old"),      # certificate expired 2020-06-30
                     ("zhang", "nocert"),   # no certificate
                     ("zhang", "wang")):    # a head, not an officer
        r = cl(*open_args(officers=officers, on="2023-03-01"))
        assert_refused(r, 1, "P-1")
    assert counts(db_url) == before


def test_certificate_valid_through_its_end_date_P1(cl):
    # staff may be named on steps dated before they were added to the ledger
    r = cl(*open_args(on="2012-03-01"))
    assert r.exit_code == 0, r
    assert r.stdout.strip() == case_number(2012, 1)
    # `old`'s certificate ends 2020-06-30: valid that day, not the next.
    r = cl(*open_args(officers=("zhang", "old"), on="2020-06-30"))
    assert r.exit_code == 0, r
    assert r.stdout.strip() == case_number(2020, 1)
    assert_refused(cl(*open_args(officers=("zhang", "old"), on="2020-07-01")), 1, "P-1")
    # "each holding a certificate valid on the filing date": two valid ones do not cover a third
    assert_refused(cl(*open_args(officers=("zhang", "li", "old"), on="2021-01-04")), 1, "P-1")


def test_filing_approved_by_non_head_refused_P3(cl, db_url):
    before = counts(db_url)
    for approved_by in ("zhang",   # an officer
                        "chen",    # a reviewer
                        None):     # omitted: the recorder (an admin, not a head) is responsible
        r = cl(*open_args(approved_by=approved_by))
        assert_refused(r, 1, "P-3")
    assert counts(db_url) == before


def test_all_refusing_gates_named_at_once(cl, db_url):
    before = counts(db_url)
    r = cl(*open_args(officers=("zhang",), approved_by="li"))
    assert_refused(r, 1, "P-1", "P-3")
    refusal_lines = [ln for ln in r.stderr.splitlines() if ln.startswith("refused [")]
    assert len(refusal_lines) == 2, r.stderr
    assert counts(db_url) == before


def test_recorder_and_responsible_both_kept_A1(cl):
    # an officer records on behalf of the head
    r = cl(*open_args(approved_by="wang"), user="zhang")
    assert r.exit_code == 0, r
    # a head records without --approved-by: the head is the responsible person
    r = cl(*open_args(approved_by=None, on="2023-03-02"), user="wang")
    assert r.exit_code == 0, r
    h1 = cl("case", "history", "2023-1", "-f", "json").json
    h2 = cl("case", "history", "2023-2", "-f", "json").json
    assert isinstance(h1, list) and len(h1) == 1
    ev = h1[0]
    assert ev["actor"] == "zhang" and ev["responsible"] == "wang"
    assert ev["business_date"] == "2023-03-01"
    assert re.fullmatch(r"[0-9a-f]{64}", ev["hash"]), ev
    assert ev["recorded_at"][:4].isdigit()
    assert "销售过期食品" in json.dumps(ev, ensure_ascii=False)  # what it carried
    assert h2[0]["actor"] == "wang" and h2[0]["responsible"] == "wang"


def test_unknown_staff_exits_3(cl, db_url):
    before = counts(db_url)
    for r in (cl(*open_args(), user="ghost"),                      # recorder
              cl(*open_args(officers=("zhang", "ghost"))),         # officer
              cl(*open_args(approved_by="ghost"))):                # approver
        assert_refused(r, 3)
        assert "ghost" in r.stderr
    assert counts(db_url) == before


def test_retired_staff_can_no_longer_act_P4(cl, db_url):
    before = counts(db_url)
    for r in (cl(*open_args(), user="zhou"),                       # recorder
              cl(*open_args(officers=("zhang", "zhou"))),          # officer
              cl(*open_args(approved_by="sun"))):                  # approver
        assert_refused(r, 1, "P-4")
    assert counts(db_url) == before


def test_refused_or_invalid_filings_do_not_consume_numbers_A3(cl, db_url):
    before = counts(db_url)
    assert cl(*open_args(approved_by="zhang")).exit_code == 1
    assert cl(*open_args(party_id=wrong_check(ORG_A))).exit_code == 2
    assert counts(db_url) == before
    r = cl(*open_args())
    assert r.stdout.strip() == case_number(2023, 1)
    assert counts(db_url) == (before[0] + 1, before[1] + 1)


def test_twenty_concurrent_filings_get_distinct_gap_free_numbers_F3(cl, db_url):
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin"}
    procs = [subprocess.Popen([*caseledger_command(), *open_args(credit_code(100 + i))],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for i in range(20)]
    outs = [(p.wait(timeout=180), *p.communicate()) for p in procs]
    failed = [(code, err) for code, _out, err in outs if code != 0]
    assert not failed, failed[:3]
    numbers = sorted(int(re.fullmatch(rf"{PREFIX}立〔2023〕(\d+)号", out.strip()).group(1))
                     for _code, out, _err in outs)
    assert numbers == list(range(1, 21))
    assert counts(db_url)[0] == 20
    listed = cl("case", "list", "--year", "2023", "-f", "json").json
    assert sorted(c["case_no"] for c in listed) == sorted(case_number(2023, n) for n in range(1, 21))
    assert cl("verify").exit_code == 0


# --------------------------------------------------------------------------------------------
# Party identifiers: F-2
# --------------------------------------------------------------------------------------------

def _resident_id_with_check_x() -> str:
    for n in range(1000):
        rid = resident_id(n, dt.date(1985, 7, 9))
        if rid.endswith("X"):
            return rid
    raise AssertionError("no X check character found")


def _rid_unchecked_date(ymd: str) -> str:
    """A resident ID with a correct check character but the given (maybe impossible) birth date."""
    from stdnum.cn import ric

    stem = f"511602{ymd}123"
    return stem + ric.calc_check_digit(stem + "0")


def test_valid_identifiers_accepted_and_normalised_F2(cl):
    rid_x = _resident_id_with_check_x()
    org_letters = credit_code(31 ** 8 * 20 + 31 ** 5 * 13 + 17)  # body with letters
    assert re.search(r"[A-Z]", org_letters[8:17]), org_letters
    cases = [  # (kind, typed, canonical)
        ("individual-business", credit_code(21), credit_code(21)),
        ("person", rid_x.lower(), rid_x),                      # lower-case x
        ("org", org_letters.lower(), org_letters),             # lower-case letters
        ("org", full_width(org_letters), org_letters),         # full-width + lower-case
        ("person", full_width(rid_x), rid_x),                  # full-width ｘ
        ("person", _rid_unchecked_date("20000229"), _rid_unchecked_date("20000229")),  # leap day
    ]
    for i, (kind, typed, _canonical) in enumerate(cases, start=1):
        r = cl(*open_args(typed, kind=kind))
        assert r.exit_code == 0, (kind, typed, r)
        assert r.stdout.strip() == case_number(2023, i)
    listed = {c["case_no"]: c for c in cl("case", "list", "-f", "json").json}
    for i, (_kind, typed, canonical) in enumerate(cases, start=1):
        dump = json.dumps(listed[case_number(2023, i)], ensure_ascii=False)
        if canonical not in dump:  # list may not carry the identifier: ask the case itself
            dump = cl("case", "show", f"2023-{i}", "-f", "json").stdout
        assert canonical in dump, (typed, canonical, dump)
        assert typed == canonical or typed not in dump


@pytest.mark.parametrize("kind,party_id", [
    ("org", wrong_check(ORG_A)),
    ("org", ORG_A[:8] + "O" + ORG_A[9:]),                  # O is not in the GB 32100 alphabet
    ("person", wrong_check(PERSON_P)),
    ("person", _rid_unchecked_date("19900230")),           # 30 February
    ("person", _rid_unchecked_date("19000229")),           # 1900 was not a leap year
    ("person", "511602900101123"),                         # old 15-digit ID
    ("person", ORG_A),                                     # a credit code is not a resident ID
], ids=["org-check", "org-letter-O", "rid-check", "rid-feb30", "rid-1900-02-29",
        "rid-15-digit", "person-with-uscc"])
def test_invalid_identifiers_exit_2_F2(cl, db_url, kind, party_id):
    before = counts(db_url)
    r = cl(*open_args(party_id, kind=kind))
    assert_refused(r, 2, "F-2")
    assert counts(db_url) == before


def test_party_kind_other_needs_id_type_F2(cl, db_url):
    before = counts(db_url)
    r = cl(*open_args("E12345678", kind="other"))
    assert r.exit_code == 2, r
    no_traceback(r)
    assert "party-id-type" in r.stderr or "[F-2]" in r.stderr, r.stderr
    assert counts(db_url) == before
    r = cl(*open_args("E12345678", kind="other", extra=("--party-id-type", "护照")))
    assert r.exit_code == 0, r
    shown = cl("case", "show", "2023-1", "-f", "json").stdout
    assert "E12345678" in shown and "护照" in shown


# --------------------------------------------------------------------------------------------
# Read commands: case show / history / list, party history
# --------------------------------------------------------------------------------------------

def test_case_show_and_history_unknown_case_exit_3(cl3):
    for args in (["case", "history", "2019-1"], ["case", "show", case_number(2023, 99)]):
        r = cl3(*args, "-f", "json")
        assert r.exit_code == 3, r
        no_traceback(r)
        assert r.stdout == ""


def test_case_list_filters(cl3):
    def nos(*args: str) -> list[str]:
        r = cl3("case", "list", *args, "-f", "json")
        assert r.exit_code == 0, r
        assert isinstance(r.json, list)
        return sorted(c["case_no"] for c in r.json)

    all3 = sorted([case_number(2023, 1), case_number(2023, 2), case_number(2024, 1)])
    assert nos() == all3
    assert nos("--year", "2023") == sorted([case_number(2023, 1), case_number(2023, 2)])
    assert nos("--domain", "food") == sorted([case_number(2023, 1), case_number(2024, 1)])
    assert nos("--status", "filed") == all3
    assert nos("--status", "closed") == []
    assert nos("--party", full_width(ORG_A)) == sorted([case_number(2023, 1), case_number(2024, 1)])
    assert nos("--year", "2023", "--domain", "food") == [case_number(2023, 1)]

    csv = cl3("case", "list", "--format", "csv")
    assert csv.exit_code == 0
    lines = csv.stdout.lstrip("\ufeff").strip().splitlines()
    assert len(lines) == 4 and "case_no" in lines[0]

    for bad in (["--domain", "tobacco"], ["--status", "sleeping"]):
        r = cl3("case", "list", *bad)
        assert r.exit_code == 2, (bad, r)
        no_traceback(r)


def test_read_commands_take_csv_with_a_header(cl3):
    for args, column in ((["info"], None),
                         (["settings", "show"], None),
                         (["case", "show", "2023-2"], None),
                         (["case", "history", "2023-2"], "hash"),
                         (["party", "history", PERSON_P], "case_no")):
        r = cl3(*args, "--format", "csv")
        assert r.exit_code == 0, (args, r)
        lines = r.stdout.lstrip("\ufeff").strip().splitlines()
        assert len(lines) >= 2, (args, r.stdout)
        assert "," in lines[0] and not lines[0].startswith("{"), (args, lines[0])
        if column:
            assert column in lines[0].split(","), (args, lines[0])


def test_party_history(cl3):
    r = cl3("party", "history", ORG_A, "-f", "json")
    assert r.exit_code == 0, r
    data = r.json
    assert isinstance(data, dict)
    dump = json.dumps(data, ensure_ascii=False)
    assert case_number(2023, 1) in dump and case_number(2024, 1) in dump
    assert case_number(2023, 2) not in dump
    # lower-case / full-width input finds the same party
    r2 = cl3("party", "history", full_width(ORG_A), "-f", "json")
    assert r2.exit_code == 0 and r2.json == data
    unknown = cl3("party", "history", credit_code(999))
    assert unknown.exit_code == 3, unknown
    no_traceback(unknown)


# --------------------------------------------------------------------------------------------
# Integrity: A-2 (verify), tampering behind the ledger's back
# --------------------------------------------------------------------------------------------

def _case_events(url: str) -> list[tuple[int, int]]:
    eng = engine(url)
    try:
        with eng.connect() as conn:
            rows = conn.execute(text(
                "SELECT seq, case_id FROM event WHERE case_id IS NOT NULL ORDER BY seq")).all()
    finally:
        eng.dispose()
    return [(r[0], r[1]) for r in rows]


def _names_event(output: str, *seqs: int) -> bool:
    scrubbed = re.sub(r"[0-9a-fA-F]{16,}", " ", output)          # hashes
    scrubbed = re.sub(r"\d{4}-\d{2}-\d{2}[T ]?[\d:.]*Z?", " ", scrubbed)  # dates, timestamps
    return any(re.search(rf"(?<![\d-]){s}(?!\d)", scrubbed) for s in seqs)


def test_verify_clean_ledger_and_chain_head_A2(cl3):
    r = cl3("verify", "--format", "json")
    assert r.exit_code == 0, r
    summary = r.json
    info = cl3("info", "-f", "json").json
    assert info["counts"]["cases"] == 3
    head = info["chain_head"]
    head_hash = head["hash"] if isinstance(head, dict) else head
    assert re.fullmatch(r"[0-9a-f]{64}", head_hash)
    assert head_hash in json.dumps(summary)
    last = cl3("case", "history", "2024-1", "-f", "json").json[-1]
    assert last["hash"] == head_hash


def _verify_fails(sh, *seqs: int, also: tuple[str, ...] = ()) -> None:  # type: ignore[no-untyped-def]
    r = sh("verify")
    assert r.exit_code == 4, r
    no_traceback(r)
    out = r.stdout + r.stderr
    assert _names_event(out, *seqs) or any(a in out for a in also), out


def test_verify_detects_edited_payload(cl3, db_url):
    events = _case_events(db_url)
    seq = events[1][0]  # 2023-2's filing
    eng = engine(db_url)
    try:
        table = Table("event", MetaData(), autoload_with=eng)
        with eng.begin() as conn:
            payload = conn.execute(select(table.c.payload).where(table.c.seq == seq)).scalar_one()
            encoded = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
            assert "销售过期食品" in encoded
            forged = encoded.replace("销售过期食品", "无违法行为")
            # a JSON column takes the object, a text column the encoded string
            new = json.loads(forged) if isinstance(table.c.payload.type, sqltypes.JSON) else forged
            conn.execute(update(table).where(table.c.seq == seq).values(payload=new))
    finally:
        eng.dispose()
    _verify_fails(cl3, seq)


@pytest.mark.parametrize("column,value", [("actor", "wang"), ("business_date", "2023-05-11")])
def test_verify_detects_edited_event_column(cl3, db_url, column, value):
    """Who did it and when are covered by the hash too."""
    seq = _case_events(db_url)[1][0]
    eng = engine(db_url)
    try:
        table = Table("event", MetaData(), autoload_with=eng)
        if column == "business_date":
            value = dt.date.fromisoformat(value)
        with eng.begin() as conn:
            conn.execute(update(table).where(table.c.seq == seq).values({column: value}))
    finally:
        eng.dispose()
    _verify_fails(cl3, seq)


def test_verify_detects_deleted_middle_event(cl3, db_url):
    events = _case_events(db_url)
    seq = events[1][0]
    eng = engine(db_url)
    try:
        with eng.begin() as conn:
            conn.execute(text("DELETE FROM event WHERE seq = :s"), {"s": seq})
    finally:
        eng.dispose()
    # the gap is at `seq`; the first event that no longer chains is the next one
    _verify_fails(cl3, seq, seq + 1)


def test_verify_detects_deleted_last_event(cl3, db_url):
    events = _case_events(db_url)
    seq = events[-1][0]
    eng = engine(db_url)
    try:
        with eng.begin() as conn:
            assert conn.execute(text("SELECT max(seq) FROM event")).scalar_one() == seq
            conn.execute(text("DELETE FROM event WHERE seq = :s"), {"s": seq})
    finally:
        eng.dispose()
    _verify_fails(cl3, seq)


def test_verify_detects_edited_derived_case_column(cl3, db_url):
    events = _case_events(db_url)
    seq, case_id = events[0]  # 2023-1, filed as food
    eng = engine(db_url)
    try:
        with eng.begin() as conn:
            n = conn.execute(text("UPDATE cases SET domain = 'drug' WHERE id = :i"),
                             {"i": case_id}).rowcount
            assert n == 1
    finally:
        eng.dispose()
    _verify_fails(cl3, seq, also=(case_number(2023, 1), "2023-1"))


# --------------------------------------------------------------------------------------------
# Storage: db upgrade/current, exit 5
# --------------------------------------------------------------------------------------------

def test_db_current_and_upgrade_idempotent(cl):
    cur = cl("db", "current")
    assert cur.exit_code == 0, cur
    version = cl("info", "-f", "json").json["schema_version"]
    assert version and version in cur.stdout
    up = cl("db", "upgrade")
    assert up.exit_code == 0, up
    no_traceback(up)


def test_schema_behind_exits_5_and_says_upgrade(cl, db_url):
    eng = engine(db_url)
    try:
        with eng.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    finally:
        eng.dispose()
    before = counts(db_url)
    for args in (["info"], open_args()):
        r = cl(*args)
        assert r.exit_code == 5, (args, r)
        no_traceback(r)
        assert "caseledger db upgrade" in r.stderr, r.stderr
    assert counts(db_url) == before


def test_storage_problems_exit_5(sh, tmp_path):
    for url in ("postgresql+psycopg://nobody@127.0.0.1:9/none",
                f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}"):
        r = sh("--db", url, "case", "list")
        assert r.exit_code == 5, (url, r)
        no_traceback(r)
        assert 1 <= len(r.stderr.strip().splitlines()) <= 2, r.stderr
    empty = sh("--db", f"sqlite:///{tmp_path / 'empty.db'}", "case", "list")
    assert empty.exit_code == 5, empty  # no schema at all
    no_traceback(empty)


def test_plain_file_path_means_sqlite(sh, tmp_path):
    path = tmp_path / "plain.db"
    r = sh("--db", str(path), "init", "--bureau", BUREAU, "--prefix", PREFIX)
    assert r.exit_code == 0, r
    assert path.exists()
    info = sh("--db", str(path), "info", "-f", "json")
    assert info.exit_code == 0, info
    assert "plain.db" in info.json["database"]
    with create_engine(f"sqlite:///{path}").connect() as conn:
        assert conn.execute(select(func.count()).select_from(text("staff"))).scalar_one() == 1
