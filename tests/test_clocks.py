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
