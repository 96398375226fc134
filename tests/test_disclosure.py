"""Disclosure records (G-3, G-4) and their state in `case show` (G-1, G-5)."""

from __future__ import annotations

import pytest

from tests.conftest import open_args
from tests.ids import credit_code, resident_id


def decided(run, party_id, *, kind="org", fine="5000", extra=(), on="2025-03-03"):  # type: ignore[no-untyped-def]
    assert run(*open_args(party_id, kind=kind, on=on)).exit_code == 0
    case = run("case", "list", "-f", "json").json[-1]["short_id"]
    for name, *args in (
        ("propose", *(("--fine", fine) if fine else ()), *extra, "--basis", "某法第1条"),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
        ("notify",), ("statement", "--waived"), ("decide", "--by", "wang"),
    ):
        result = run("case", name, case, *args, "--on", "2025-03-10" if name != "decide" else "2025-03-11")
        assert result.exit_code == 0, (name, result.stderr)
        if name == "notify" and "听证权" in result.stdout:
            waived = run("case", "hearing", case, "--waived-on", "2025-03-10")
            assert waived.exit_code == 0, waived.stderr
    return case


def test_g3_masks_a_natural_persons_id_and_keeps_only_the_published_fields(bureau):
    pid = resident_id(17, region="511602")
    case = decided(bureau, pid, kind="person", fine="3000")
    assert bureau("case", "disclose", case, "--on", "2025-03-20").exit_code == 0
    record = bureau("case", "show", case, "-f", "json").json["disclosure_record"]["record"]
    assert record["party_id"] == pid[:6] + "********" + pid[-4:]
    assert set(record) == {"decision_no", "party_name", "party_id", "violation", "penalty",
                           "bureau", "decided_on"}
    assert record["decision_no"] == "广区市监处罚〔2025〕1号"
    assert record["penalty"] == "罚款3000.00元"
    assert pid not in bureau("case", "history", case, "-f", "json").stdout.split('"record"')[-1]


def test_g3_keeps_an_organisations_credit_code_in_full(bureau):
    code = credit_code(3)
    case = decided(bureau, code)
    bureau("case", "disclose", case, "--on", "2025-03-20")
    record = bureau("case", "show", case, "-f", "json").json["disclosure_record"]["record"]
    assert record["party_id"] == code


@pytest.mark.parametrize("kind, fine, extra, until", [
    ("org", "99999.99", (), "2025-06-20"),          # below the organisation's low-fine threshold
    ("org", "100000", (), "2028-03-20"),            # at it: 3 years
    ("person", "9999", (), "2025-06-20"),
    ("person", "10000", (), "2028-03-20"),
    ("org", "", ("--criticism",), "2025-06-20"),    # a notice of criticism
    ("org", "500", ("--confiscate-gains", "200"), "2028-03-20"),  # confiscation: 3 years
    # A restriction longer than 3 years stays published for its length; a shorter one, 3 years.
    ("person", "5000", ("--sanction", "employment-restriction", "--restriction-months", "60"),
     "2030-03-20"),
    ("org", "", ("--sanction", "licence-suspension", "--restriction-months", "6"), "2028-03-20"),
])
def test_g4_publication_period(bureau, kind, fine, extra, until):
    pid = resident_id(4) if kind == "person" else credit_code(4)
    case = decided(bureau, pid, kind=kind, fine=fine, extra=extra)
    result = bureau("case", "disclose", case, "--on", "2025-03-20")
    assert result.exit_code == 0, result.stderr
    assert bureau("case", "show", case, "-f", "json").json["disclosure_record"]["until"] == until


def test_disclosure_states_through_a_cases_life(bureau):
    case = decided(bureau, credit_code(8), fine="150000")  # 3 years: still published today
    show = lambda: bureau("case", "show", case, "-f", "json").json["disclosure"]  # noqa: E731
    assert show() == "pending"
    bureau("case", "disclose", case, "--on", "2025-03-20")
    assert show() == "disclosed"
    bureau("case", "revoke", case, "--on", "2025-04-01", "--reason", "复议撤销")
    bureau("case", "withdraw", case, "--on", "2025-04-02", "--reason", "决定已撤销")
    assert show() == "withdrawn"


def test_a_disclosure_past_its_end_date_is_expired(bureau):
    case = decided(bureau, credit_code(9))
    bureau("case", "disclose", case, "--on", "2025-03-20")  # a low fine: 3 months
    assert bureau("case", "show", case, "-f", "json").json["disclosure"] == "expired"


def test_g2_a_disclosure_after_20_working_days_is_late(bureau):
    case = decided(bureau, credit_code(10))
    # Decided 2025-03-11: the 20th working day is 2025-04-09 (Qingming, 4-6 April, skipped).
    assert "late" not in bureau("case", "steps", case).stdout
    result = bureau("case", "disclose", case, "--on", "2025-04-10")
    assert result.exit_code == 0 and "late" in result.stdout
    report = bureau("report", "year", "2025", "-f", "json").json["total"]
    assert report["disclosed"] == 1 and report["disclosed_late"] == 1


def test_g4_a_restriction_term_needs_a_restriction(bureau):
    bureau(*open_args(credit_code(5), on="2025-03-03"))
    result = bureau("case", "propose", "2025-1", "--fine", "5000", "--restriction-months", "60",
                    "--basis", "某法第1条", "--on", "2025-03-10")
    assert result.exit_code == 2 and "--restriction-months" in result.stderr
    assert bureau("case", "show", "2025-1", "-f", "json").json["status"] == "filed"
