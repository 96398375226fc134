"""Findings of the review: dates in order, hearings kept across notices, transfers beside a
penalty, the decision limit frozen at the decision, revoked decisions and month totals."""

from __future__ import annotations

from tests.test_workflow_gates import (
    DECIDED,
    N_FILED,
    N_NOTICE,
    N_PROPOSED,
    decide_args,
    decided_penalty,
    discuss,
    ok,
    open_case,
    penalty_through_notice,
    refused,
    review,
    show,
)


def test_a_step_is_never_dated_before_the_step_it_follows(bureau):
    case = decided_penalty(bureau, 1)  # decided 2025-03-20
    refused(bureau, "case", "serve", case, "--on", "2025-03-19", rule="S-1")
    refused(bureau, "case", "disclose", case, "--on", "2025-03-19", rule="G-1")
    ok(bureau, "case", "serve", case, "--on", "2025-03-21")
    refused(bureau, "case", "pay", case, "--amount", "5000", "--on", DECIDED, rule="S-2")
    other = open_case(bureau, 2)
    ok(bureau, "case", "suspend", other, "--reason", "检测", "--on", "2025-04-10")
    refused(bureau, "case", "resume", other, "--reason", "完毕", "--on", "2025-04-01", rule="X-2")


def test_a_transfer_beside_a_penalty_leaves_it_to_be_served_and_paid(bureau):
    case = decided_penalty(bureau, 3)
    ok(bureau, "case", "transfer", case, "--to", "police", "--on", DECIDED)
    assert show(bureau, case)["status"] == "decided"
    ok(bureau, "case", "serve", case, "--on", DECIDED)
    refused(bureau, "case", "close", case, "--approved-by", "wang", "--on", DECIDED, rule="K-1")
    ok(bureau, "case", "pay", case, "--amount", "5000", "--on", DECIDED)
    ok(bureau, "case", "close", case, "--approved-by", "wang", "--on", DECIDED)


def test_a_second_notice_keeps_the_hearing_for_r3(bureau):
    case = open_case(bureau, 4, on=N_FILED, major="complex")
    penalty_through_notice(bureau, case, "--fine", "200000", on=N_PROPOSED, notified=N_NOTICE)
    ok(bureau, "case", "hearing", case, "--requested-on", "2026-09-29")
    ok(bureau, "case", "hearing", case, "--held-on", "2026-10-13")
    ok(bureau, "case", "notify", case, "--on", "2026-10-14")
    ok(bureau, "case", "hearing", case, "--waived-on", "2026-10-14")
    discuss(bureau, case, "2026-10-15")
    refused(bureau, *decide_args(case, "2026-10-16"), rule="R-3")


def test_a_hearing_held_keeps_the_case_major(bureau):
    case = open_case(bureau, 5, on=N_FILED)
    penalty_through_notice(bureau, case, "--fine", "200000", on=N_PROPOSED, notified=N_NOTICE)
    ok(bureau, "case", "hearing", case, "--requested-on", "2026-09-29")
    ok(bureau, "case", "hearing", case, "--held-on", "2026-10-13")
    refused(bureau, "case", "correct", case, "--field", "major", "--value", "none",
            "--reason", "误", "--on", "2026-10-14", rule="R-2")
    ok(bureau, "case", "correct", case, "--field", "major", "--value", "complex",
       "--reason", "更正理由", "--on", "2026-10-14")


def test_the_decision_limit_stops_moving_at_the_decision(bureau, monkeypatch):
    case = open_case(bureau, 6)
    ok(bureau, "case", "suspend", case, "--reason", "检测", "--on", "2025-03-05")
    ok(bureau, "case", "propose", case, "--no-penalty", "minor", "--basis", "x",
       "--on", "2025-03-06")
    review(bureau, case, on="2025-03-06")
    refused(bureau, *decide_args(case, "2025-03-07"), rule="X-2")
    ok(bureau, "case", "resume", case, "--reason", "完毕", "--on", "2025-03-10")
    ok(bureau, *decide_args(case, "2025-03-11"))
    monkeypatch.setenv("CASELEDGER_TODAY", "2026-11-25")
    due = {c["clock"]: c for c in show(bureau, case)["clocks"]}["X-2"]["due"]
    monkeypatch.setenv("CASELEDGER_TODAY", "2027-01-05")
    assert {c["clock"]: c for c in show(bureau, case)["clocks"]}["X-2"]["due"] == due
    assert bureau("verify").exit_code == 0


def test_party_history_leaves_out_revoked_decisions(bureau):
    case = decided_penalty(bureau, 7)
    party = show(bureau, case)["party"]["id"]
    before = bureau("party", "history", party, "-f", "json").json["first_violation"][0]
    assert before["first_violation_open"] is False
    ok(bureau, "case", "revoke", case, "--reason", "复议撤销", "--on", DECIDED)
    after = bureau("party", "history", party, "-f", "json").json["first_violation"][0]
    assert after["first_violation_open"] is True


def test_month_rows_and_the_years_total_count_a_case_once(bureau):
    case = open_case(bureau, 8)
    ok(bureau, "case", "propose", case, "--fine", "100", "--basis", "x", "--on", "2025-03-17")
    review(bureau, case, on="2025-03-17", outcome="correct")
    ok(bureau, "case", "propose", case, "--fine", "90", "--basis", "x", "--on", "2025-04-01")
    review(bureau, case, on="2025-04-01")
    report = bureau("report", "year", "2025", "--by", "month", "-f", "json").json
    assert sum(r["case_reviews"] for r in report["rows"]) == 2  # once in March, once in April
    assert report["total"]["case_reviews"] == 1  # but one case in the year


def test_demo_refuses_a_ledger_in_use_before_writing_anything(bureau, db_url):
    open_case(bureau, 9)
    before = bureau("info", "-f", "json").json
    assert bureau("demo", "--db", db_url).exit_code == 2
    assert bureau("info", "-f", "json").json == before  # bureau, prefix and events untouched
