"""Clocks in `case show` and `deadlines`: due dates, units, states, provisional marks."""

from __future__ import annotations

from tests.conftest import open_args
from tests.ids import credit_code


def clocks(run, case):  # type: ignore[no-untyped-def]
    return {c["clock"]: c for c in run("case", "show", case, "-f", "json").json["clocks"]}


def test_a_late_step_is_recorded_and_flagged_not_refused(bureau):
    bureau(*open_args(credit_code(1), on="2026-09-28"))
    assert bureau("case", "propose", "2026-1", "--fine", "3000", "--basis", "x",
                  "--on", "2026-09-28").exit_code == 0
    # 10 working days from 2026-09-28 skip National Day (1-7 October) and count the
    # make-up Saturday 10-10: due 2026-10-16.
    late = bureau("case", "review", "2026-1", "--outcome", "agree", "--opinion", "同意",
                  "--reviewer", "chen", "--on", "2026-10-19")
    assert late.exit_code == 0
    r5 = clocks(bureau, "2026-1")["R-5"]
    assert r5 == {"clock": "R-5", "label": "审核", "due": "2026-10-16", "unit": "working",
                  "state": "late", "met_on": "2026-10-19", "days_left": None,
                  "provisional": False}


def test_decision_limit_x2_with_extension_and_suspension(bureau):
    bureau(*open_args(credit_code(2), on="2026-07-03"))
    x2 = clocks(bureau, "2026-1")["X-2"]
    assert (x2["due"], x2["unit"]) == ("2026-10-08", "calendar")  # 10-01 falls in National Day
    assert bureau("case", "extend", "2026-1", "--days", "30", "--reason", "复杂",
                  "--approved-by", "wang", "--on", "2026-09-01").exit_code == 0
    bureau("case", "suspend", "2026-1", "--reason", "检测", "--on", "2026-09-02")
    bureau("case", "resume", "2026-1", "--reason", "检测完毕", "--on", "2026-09-12")
    # 2026-07-03 + 90 + 30 + 10 = 2026-11-10 (a Tuesday).
    assert clocks(bureau, "2026-1")["X-2"]["due"] == "2026-11-10"
    assert [c["short_id"] for c in bureau("case", "list", "--overdue", "-f", "json").json] == ["2026-1"]


def test_deadlines_lists_open_clocks_soonest_first(bureau):
    bureau(*open_args(credit_code(3), on="2026-03-02"))
    bureau(*open_args(credit_code(4), on="2026-05-04"))
    bureau("case", "propose", "2026-2", "--fine", "100", "--basis", "x", "--on", "2026-05-06")
    rows = bureau("deadlines", "--on", "2026-05-07", "-f", "json").json
    assert [(r["case_no"][-3:], r["clock"]) for r in rows] == [
        ("〕2号", "R-5"), ("〕1号", "X-2"), ("〕2号", "X-2")]
    assert rows[0]["state"] == "running" and rows[0]["days_left"] > 0
    soon = bureau("deadlines", "--on", "2026-05-07", "--within", "14", "-f", "json").json
    assert [r["clock"] for r in soon] == ["R-5"]
    later = bureau("deadlines", "--on", "2026-06-05", "-f", "json").json
    assert later[0]["clock"] == "R-5" and later[0]["state"] == "breached"


def test_a_2027_deadline_is_provisional(bureau):
    bureau(*open_args(credit_code(5), on="2026-11-20"))
    x2 = clocks(bureau, "2026-1")["X-2"]
    assert x2["due"] == "2027-02-18" and x2["provisional"] is True


def test_calendar_entries_move_provisional_deadlines(bureau):
    bureau(*open_args(credit_code(6), on="2026-11-20"))
    assert clocks(bureau, "2026-1")["X-2"]["provisional"] is True
    # An admin enters 2027's schedule: 18 February becomes a holiday, so the due date moves.
    assert bureau("calendar", "set", "2027-02-18", "holiday").exit_code == 0
    x2 = clocks(bureau, "2026-1")["X-2"]
    assert (x2["due"], x2["provisional"]) == ("2027-02-19", False)
    cached = bureau("deadlines", "-f", "json").json
    assert [(c["clock"], c["due"], c["provisional"]) for c in cached] == [
        ("X-2", "2027-02-19", False)]
    assert bureau("verify").exit_code == 0


def test_deadlines_as_of_a_past_date_reads_the_record_as_it_stood(bureau):
    bureau(*open_args(credit_code(7), on="2026-03-02"))
    bureau("case", "propose", "2026-1", "--fine", "100", "--basis", "x", "--on", "2026-05-06")
    before = bureau("deadlines", "--on", "2026-04-01", "-f", "json").json
    assert [c["clock"] for c in before] == ["X-2"]  # the proposal came later


def test_verify_notices_an_edited_clock(bureau, db_url):
    from sqlalchemy import create_engine, text

    bureau(*open_args(credit_code(8), on="2026-03-02"))
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE case_clock SET due = '2030-01-01' WHERE rule = 'X-2'"))
    engine.dispose()
    result = bureau("verify")
    assert result.exit_code == 4 and "X-2" in result.stderr


def test_s2_states_the_late_payment_surcharge_for_any_date(bureau):
    bureau(*open_args(credit_code(9), on="2026-03-02"))
    for name, *args in (
        ("propose", "--fine", "1000", "--basis", "x"),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
        ("notify",), ("statement", "--waived"),
    ):
        assert bureau("case", name, "2026-1", *args, "--on", "2026-03-03").exit_code == 0
    bureau("case", "decide", "2026-1", "--by", "wang", "--on", "2026-03-04")
    bureau("case", "serve", "2026-1", "--on", "2026-03-05")  # due 15 days later: 2026-03-20

    def s2(on):  # type: ignore[no-untyped-def]
        shown = bureau("case", "show", "2026-1", "--on", on, "-f", "json").json
        return next(c for c in shown["clocks"] if c["clock"] == "S-2")

    assert s2("2026-03-20")["surcharge"] == "0.00" and s2("2026-03-20")["state"] == "running"
    assert s2("2026-03-22")["surcharge"] == "60.00"  # 2 days x 3% of 1000
    assert s2("2026-03-22")["state"] == "breached"
    assert s2("2026-06-01")["surcharge"] == "1000.00"  # capped at the fine


def test_x2_a_pending_hearing_stops_the_decision_limit(bureau):
    bureau(*open_args(credit_code(10), kind="org", on="2026-03-02"))
    for name, *args in (
        ("propose", "--fine", "200000", "--basis", "x"),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
        ("notify",),
    ):
        assert bureau("case", name, "2026-1", *args, "--on", "2026-03-03").exit_code == 0
    bureau("case", "hearing", "2026-1", "--requested-on", "2026-03-04")
    bureau("case", "hearing", "2026-1", "--held-on", "2026-03-24")
    x2 = clocks(bureau, "2026-1")["X-2"]
    assert x2["due"] == "2026-06-22"  # 2026-03-02 + 90 + 20 days of hearing = 06-20 (Sat) -> 06-22


def test_f4_runs_15_working_days_from_the_lead_and_15_more_with_the_heads_approval(bureau):
    # 15 working days after 2026-09-01 count the make-up Sunday 2026-09-20: due 2026-09-21.
    bureau(*open_args(credit_code(20), on="2026-09-24"), "--lead-on", "2026-09-01")
    f4 = clocks(bureau, "2026-1")["F-4"]
    assert (f4["due"], f4["state"], f4["met_on"]) == ("2026-09-21", "late", "2026-09-24")
    # With the head's 15 more: past Mid-Autumn (09-25), National Day (10-01..07) and the make-up
    # Saturday 10-10, due 2026-10-19.
    bureau(*open_args(credit_code(21), on="2026-09-24"), "--lead-on", "2026-09-01",
           "--lead-extended")
    f4 = clocks(bureau, "2026-2")["F-4"]
    assert (f4["due"], f4["state"]) == ("2026-10-19", "met")


def test_f4_extension_needs_the_lead_date(bureau):
    result = bureau(*open_args(credit_code(22), on="2026-09-24"), "--lead-extended")
    assert result.exit_code == 2 and "F-4" in result.stderr
    assert bureau("case", "list", "-f", "json").json == []


def proposed(bureau, n, on="2026-09-28", fine="3000"):  # type: ignore[no-untyped-def]
    bureau(*open_args(credit_code(n), on=on))
    case = bureau("case", "list", "--party", credit_code(n), "-f", "json").json[0]["short_id"]
    assert bureau("case", "propose", case, "--fine", fine, "--basis", "x", "--on", on).exit_code == 0
    return case


def test_r5_the_head_extends_the_review_limit(bureau):
    case = proposed(bureau, 23)
    result = bureau("case", "extend", case, "--clock", "R-5", "--days", "5", "--reason", "疑难",
                    "--approved-by", "wang", "--on", "2026-10-12")
    assert result.exit_code == 0, result.stderr
    # 10 working days to 2026-10-16, then 5 more: 2026-10-23; a review on 10-19 is on time.
    assert bureau("case", "review", case, "--outcome", "agree", "--opinion", "同意",
                  "--reviewer", "chen", "--on", "2026-10-19").exit_code == 0
    r5 = clocks(bureau, case)["R-5"]
    assert (r5["due"], r5["state"]) == ("2026-10-23", "met")


def test_r5_extension_is_refused_without_a_head_or_after_the_review(bureau):
    case = proposed(bureau, 24)
    by_officer = bureau("case", "extend", case, "--clock", "R-5", "--days", "5", "--reason",
                        "疑难", "--approved-by", "zhang", "--on", "2026-10-12")
    assert by_officer.exit_code == 1 and "[P-3]" in by_officer.stderr
    bureau("case", "review", case, "--outcome", "agree", "--opinion", "同意", "--reviewer",
           "chen", "--on", "2026-10-12")
    after = bureau("case", "extend", case, "--clock", "R-5", "--days", "5", "--reason", "疑难",
                   "--approved-by", "wang", "--on", "2026-10-13")
    assert after.exit_code == 1 and "[R-5]" in after.stderr
    assert clocks(bureau, case)["R-5"]["due"] == "2026-10-16"
    assert bureau("case", "extend", case, "--clock", "F-4", "--days", "15", "--reason", "x",
                  "--on", "2026-10-13").exit_code == 2


def heard(bureau, n):  # type: ignore[no-untyped-def]
    """A case notified of a heavy fine on 2026-03-02, whose party asked for a hearing."""
    case = proposed(bureau, n, on="2026-03-02", fine="200000")
    for step in (("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
                 ("notify",)):
        assert bureau("case", step[0], case, *step[1:], "--on", "2026-03-02").exit_code == 0
    assert bureau("case", "hearing", case, "--requested-on", "2026-03-04").exit_code == 0
    return case


def test_hearing_notice_is_due_7_working_days_before_the_hearing(bureau):
    case = heard(bureau, 25)
    # Seven working days before Friday 2026-04-10 reach back over Qingming (4-6 April) to 03-31.
    result = bureau("case", "hearing", case, "--noticed-on", "2026-04-01",
                    "--scheduled-for", "2026-04-10")
    assert result.exit_code == 0, result.stderr
    notice = clocks(bureau, case)["N-3-notice"]
    assert notice == {"clock": "N-3-notice", "label": "听证通知", "due": "2026-03-31",
                      "unit": "working", "state": "late", "met_on": "2026-04-01",
                      "days_left": None, "provisional": False}
    # A new notice for a later date supersedes it: 7 working days before 04-20 is 04-09.
    bureau("case", "hearing", case, "--noticed-on", "2026-04-08", "--scheduled-for", "2026-04-20")
    notice = clocks(bureau, case)["N-3-notice"]
    assert (notice["due"], notice["state"]) == ("2026-04-09", "met")


def test_hearing_notice_is_refused_without_a_request_or_a_later_hearing_date(bureau):
    case = heard(bureau, 26)
    same_day = bureau("case", "hearing", case, "--noticed-on", "2026-03-10",
                      "--scheduled-for", "2026-03-10")
    assert same_day.exit_code == 1 and "[N-3]" in same_day.stderr
    alone = bureau("case", "hearing", case, "--noticed-on", "2026-03-10")
    assert alone.exit_code == 2 and "--scheduled-for" in alone.stderr
    bureau("case", "hearing", case, "--withdrawn-on", "2026-03-09")
    none_pending = bureau("case", "hearing", case, "--noticed-on", "2026-03-10",
                          "--scheduled-for", "2026-03-20")
    assert none_pending.exit_code == 1 and "[N-3]" in none_pending.stderr
    assert "N-3-notice" not in clocks(bureau, case)


def test_a_limit_that_has_passed_is_not_extended_after_the_fact(bureau):
    case = proposed(bureau, 27)  # R-5 due 2026-10-16
    late = bureau("case", "extend", case, "--clock", "R-5", "--days", "5", "--reason", "疑难",
                  "--approved-by", "wang", "--on", "2026-10-19")
    assert late.exit_code == 1 and "[R-5]" in late.stderr and "2026-10-16" in late.stderr
    # filed 2026-06-01, due 90 days later on Sunday 2026-08-30, moved to Monday 08-31.
    other = proposed(bureau, 31, on="2026-06-01")
    x2 = bureau("case", "extend", other, "--days", "30", "--reason", "复杂", "--approved-by", "wang",
                "--on", "2026-09-01")
    assert x2.exit_code == 1 and "[X-2]" in x2.stderr and "2026-08-31" in x2.stderr
    assert bureau("case", "extend", other, "--days", "30", "--reason", "复杂",
                  "--approved-by", "wang", "--on", "2026-08-31").exit_code == 0


def test_a_new_proposal_starts_r5_afresh(bureau):
    case = proposed(bureau, 28)
    bureau("case", "extend", case, "--clock", "R-5", "--days", "5", "--reason", "疑难",
           "--approved-by", "wang", "--on", "2026-10-12")
    bureau("case", "review", case, "--outcome", "correct", "--opinion", "调整罚款",
           "--reviewer", "chen", "--on", "2026-10-13")
    bureau("case", "propose", case, "--fine", "2000", "--basis", "x", "--on", "2026-10-13")
    # 10 working days from 2026-10-13, without the earlier proposal's 5: 2026-10-27.
    assert clocks(bureau, case)["R-5"]["due"] == "2026-10-27"


def test_provisional_dates_recorded_before_the_calendar_covered_their_year(bureau, monkeypatch):
    """A newer chinesecalendar that covers a year: disclosures recorded on weekends-only dates
    still verify, and deadlines work the cached clocks out again."""
    from caseledger.domain import calendar

    full = calendar.bundled_years()
    monkeypatch.setattr(calendar, "bundled_years", lambda: full - {2026})
    bureau(*open_args(credit_code(29), on="2025-12-01"))
    for step in (("propose", "--fine", "3000", "--basis", "x"),
                 ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
                 ("notify",), ("statement", "--waived")):
        assert bureau("case", step[0], "2025-1", *step[1:], "--on", "2025-12-01").exit_code == 0
    assert bureau("case", "decide", "2025-1", "--by", "wang", "--on", "2025-12-15").exit_code == 0
    # Weekends alone: 20 working days after 2025-12-15 is 2026-01-12 (New Year's Day counted).
    assert clocks(bureau, "2025-1")["G-2"]["due"] == "2026-01-12"
    assert bureau("case", "disclose", "2025-1", "--on", "2025-12-16").exit_code == 0
    monkeypatch.setattr(calendar, "bundled_years", lambda: full)
    assert bureau("verify").exit_code == 0
    s1 = [c for c in bureau("deadlines", "--on", "2025-12-16", "-f", "json").json]
    assert s1 == [] or all(not c["provisional"] for c in s1 if c["due"] >= "2026")
