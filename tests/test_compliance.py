"""report compliance (Y-2): counts for the year's decisions as of a date, and the cases behind them."""

from __future__ import annotations

import pytest

from tests.conftest import open_args
from tests.ids import credit_code
from tests.rules import allows, refuses


def decide(run, n, *, filed, decided, fine="5000"):  # type: ignore[no-untyped-def]
    assert run(*open_args(credit_code(n), on=filed)).exit_code == 0
    case = run("case", "list", "--party", credit_code(n), "-f", "json").json[0]["short_id"]
    for name, *args in (
        ("propose", "--fine", fine, "--basis", "某法", "--on", filed),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen", "--on", filed),
        ("notify", "--on", filed), ("statement", "--waived", "--on", filed),
        ("decide", "--by", "wang", "--on", decided),
    ):
        result = run("case", name, case, *args)
        assert result.exit_code == 0, (name, result.stderr)
    return case


@refuses("Y-2")
def test_compliance_counts_and_problems(bureau):
    ok = decide(bureau, 1, filed="2025-03-03", decided="2025-03-10")
    bureau("case", "serve", ok, "--on", "2025-03-11")
    bureau("case", "disclose", ok, "--on", "2025-03-12")
    late = decide(bureau, 2, filed="2025-01-02", decided="2025-06-03")  # past 90 days
    bureau("case", "serve", late, "--on", "2025-06-20")  # S-1: 7 working days -> late
    bureau(*open_args(credit_code(3), on="2025-01-06"))  # never decided
    report = bureau("report", "compliance", "2025", "--on", "2025-12-31", "-f", "json").json
    assert report["decisions"] == 2
    assert report["decisions_without_review"] == 0
    assert report["major_decisions_without_discussion"] == 0
    assert report["decisions_late"] == 1
    assert report["services_late"] == 1
    assert report["disclosures_due"] == 2
    assert report["disclosures_late"] == 0 and report["disclosures_missing"] == 1
    assert report["open_past_limit"] == 1
    assert report["median_days_to_decision"] == 79.5  # (7 + 152) / 2
    rules = sorted((p["rule"], p["case_no"][-3:]) for p in report["problems"])
    assert rules == [("G-2", "〕2号"), ("S-1", "〕2号"), ("X-2", "〕2号"), ("X-2", "〕3号")]


def test_compliance_as_of_an_earlier_date(bureau):
    case = decide(bureau, 4, filed="2025-03-03", decided="2025-03-10")
    # As of the day after the decision nothing is overdue yet.
    early = bureau("report", "compliance", "2025", "--on", "2025-03-11", "-f", "json").json
    assert early["disclosures_missing"] == 0 and early["problems"] == []
    later = bureau("report", "compliance", "2025", "--on", "2025-12-31", "-f", "json").json
    assert later["disclosures_missing"] == 1
    # Revoked after the disclosure fell due (2025-04-08): it was missing all the same.
    bureau("case", "revoke", case, "--on", "2025-05-06", "--reason", "撤销")
    revoked = bureau("report", "compliance", "2025", "--on", "2025-12-31", "-f", "json").json
    assert revoked["disclosures_missing"] == 1


def test_a_case_decided_since_was_open_past_its_limit_on_an_earlier_date(bureau):
    # Filed 2025-01-02: X-2 fell due on 2025-04-02; decided only on 2025-06-03.
    decide(bureau, 5, filed="2025-01-02", decided="2025-06-03")
    then = bureau("report", "compliance", "2025", "--on", "2025-05-06", "-f", "json").json
    assert (then["open_past_limit"], then["decisions"]) == (1, 0)
    assert [(p["rule"], p["detail"]) for p in then["problems"]] == [
        ("X-2", "undecided; the decision was due on 2025-04-02")]
    before = bureau("report", "compliance", "2025", "--on", "2025-03-31", "-f", "json").json
    assert before["open_past_limit"] == 0
    now = bureau("report", "compliance", "2025", "--on", "2025-12-31", "-f", "json").json
    assert (now["open_past_limit"], now["decisions"], now["decisions_late"]) == (0, 1, 1)


@allows("Y-2")
def test_a_decision_revoked_before_its_disclosure_fell_due_needs_none(bureau):
    case = decide(bureau, 6, filed="2025-03-03", decided="2025-03-10")
    bureau("case", "revoke", case, "--on", "2025-03-20", "--reason", "撤销")
    report = bureau("report", "compliance", "2025", "--on", "2025-12-31", "-f", "json").json
    assert report["disclosures_due"] == 0 and report["disclosures_missing"] == 0


def test_compliance_formats(bureau):
    decide(bureau, 5, filed="2025-03-03", decided="2025-03-10")
    table = bureau("report", "compliance", "2025", "--on", "2025-12-31")
    assert table.exit_code == 0 and "未公示" in table.stdout
    csv = bureau("report", "compliance", "2025", "--on", "2025-12-31", "-f", "csv").stdout
    assert csv.startswith("key,label,value") and "case_no,rule,detail" in csv
    md = bureau("report", "compliance", "2025", "-f", "markdown").stdout
    assert md.startswith("## ")


def _both_ways(db_url: str, year: int, on: str) -> tuple[dict, dict]:  # type: ignore[type-arg]
    """The report from the caches and from the record folded, for the same date."""
    import datetime as dt

    from caseledger.reports.compliance import compliance_report
    from caseledger.store import db

    with db.transaction(db_url, write=False) as session:
        day = dt.date.fromisoformat(on)
        return (compliance_report(session, year, day, read_model=True),
                compliance_report(session, year, day, read_model=False))


@allows("Y-2")
def test_the_caches_give_what_the_folded_record_gives(bureau, db_url):
    """From today on the report reads the caches; it must say what folding the record says."""
    ok = decide(bureau, 1, filed="2025-03-03", decided="2025-03-10")
    bureau("case", "serve", ok, "--on", "2025-03-11")
    bureau("case", "disclose", ok, "--on", "2025-03-12")
    late = decide(bureau, 2, filed="2025-01-02", decided="2025-06-03")
    bureau("case", "serve", late, "--on", "2025-06-20")
    bureau("case", "disclose", late, "--on", "2025-08-20")  # G-2 late
    revoked = decide(bureau, 3, filed="2025-04-01", decided="2025-04-02")
    bureau("case", "disclose", revoked, "--on", "2025-04-03")
    bureau("case", "revoke", revoked, "--on", "2025-05-06", "--reason", "撤销")  # G-5 owed
    bureau(*open_args(credit_code(4), on="2025-01-06"))  # never decided: X-2 breached
    bureau(*open_args(credit_code(5), on="2025-02-03"))
    assert bureau("case", "suspend", "2025-5", "--reason", "等待检验", "--on",
                  "2025-02-10").exit_code == 0  # a paused limit: worked out again, not cached
    for on in ("2026-12-03", "2027-06-30"):
        cached, folded = _both_ways(db_url, 2025, on)
        assert cached == folded
    assert cached["decisions"] == 3 and cached["open_past_limit"] == 1
    assert cached["disclosures_late"] == 1 and cached["withdrawals_late"] == 1


@pytest.mark.slow
def test_the_caches_give_what_the_folded_record_gives_for_the_demo_year(run, db_url):
    assert run("demo", "--db", db_url, "-f", "json").exit_code == 0
    cached, folded = _both_ways(db_url, 2023, "2026-12-31")
    assert cached == folded and cached["decisions"] > 400
