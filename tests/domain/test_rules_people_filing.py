"""Domain-level tests of the day-counting (D), people (P) and filing (F) rules: no database, no CLI.

Calendar facts used (chinesecalendar, checked in `test_d1_known_calendar_facts`):
- National Day 2026: 10-01..10-07 off, make-up working days Sunday 09-20 and Saturday 10-10;
  Mid-Autumn Festival Friday 2026-09-25 off.
- Spring Festival 2025: 01-28..02-04 off, make-up working days Sunday 01-26 and Saturday 02-08.
- Dragon Boat Festival 2025: 05-31..06-02 off.
- 2027 is not covered by the bundled source.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from stdnum.cn import ric

from caseledger.domain.calendar import DEFAULT, Calendar
from caseledger.domain.clocks import Clock, case_clocks
from caseledger.domain.errors import InputError, Problem
from caseledger.domain.filing import Filing, check_filing
from caseledger.domain.identifiers import PartyKind, check_party_id
from caseledger.domain.numbering import CASE_PATTERN, DECISION_PATTERN, check_pattern, format_number
from caseledger.domain.people import (
    admin_problems,
    handling_officer_problems,
    head_problems,
    last_admin_problems,
    may_act,
)
from caseledger.domain.settings import check_setting
from tests.domain.builder import HEAD, REVIEWER, CaseBuilder, staff
from tests.ids import credit_code, full_width, resident_id, wrong_check
from tests.rules import allows, refuses

TODAY = "2025-06-30"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def rules(problems: list[Problem]) -> list[str]:
    return [p.rule for p in problems]


def clock(case: CaseBuilder, rule: str, today: str = "2027-06-30",
          cal: Calendar = DEFAULT) -> Clock:
    """The case's clock named `rule`."""
    found = [c for c in case_clocks(case.state, cal, day(today)) if c.rule == rule]
    assert len(found) == 1, [c.rule for c in case_clocks(case.state, cal, day(today))]
    return found[0]


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """`dates.today()` is TODAY for the test."""
    monkeypatch.setenv("CASELEDGER_TODAY", TODAY)
    return day(TODAY)


def file_case(**overrides: Any) -> Filing:
    """`check_filing` with a complete, valid organisation filing, changed by `overrides`."""
    values: dict[str, Any] = dict(
        domain_key="food", kind="org", party_name="广安某某商行", party_id=credit_code(7),
        party_id_type=None, violation="销售过期食品", officers=["zhang", "li"],
        approved_by="wang", on="2025-03-03",
    )
    return check_filing(**(values | overrides))


def filing_rule(**overrides: Any) -> str | None:
    """The rule named by the InputError `check_filing` raises for `overrides`."""
    with pytest.raises(InputError) as caught:
        file_case(**overrides)
    assert caught.value.exit_code == 2
    return caught.value.rule


# --- D-1 working days ---------------------------------------------------------------------------

@pytest.mark.parametrize(("date", "working"), [
    ("2026-09-19", False),  # Saturday
    ("2026-09-20", True),  # Sunday, make-up working day
    ("2026-09-25", False),  # Friday, Mid-Autumn Festival
    ("2026-10-01", False),  # National Day
    ("2026-10-07", False),  # last day of the National Day holiday (a Wednesday)
    ("2026-10-08", True),
    ("2026-10-10", True),  # Saturday, make-up working day
    ("2026-10-11", False),  # Sunday
    ("2025-01-26", True),  # Sunday, make-up working day
    ("2025-01-28", False),  # Spring Festival
    ("2025-02-04", False),  # Spring Festival (a Tuesday)
    ("2025-02-05", True),
    ("2025-02-08", True),  # Saturday, make-up working day
    ("2025-02-09", False),
])
@refuses("D-1")
@allows("D-1")
def test_d1_known_calendar_facts(date: str, working: bool) -> None:
    """Weekends and holidays are not working days; make-up days (调休上班日) are."""
    assert DEFAULT.is_working_day(day(date)) is working


@refuses("D-1")
def test_d1_a_working_day_limit_skips_the_weekend_and_the_national_day_holiday() -> None:
    """The first working day after Wednesday 2026-09-30 is Thursday 2026-10-08."""
    assert DEFAULT.add_working_days(day("2026-09-30"), 1) == (day("2026-10-08"), False)
    assert DEFAULT.add_working_days(day("2025-01-27"), 1) == (day("2025-02-05"), False)
    assert DEFAULT.working_days_between(day("2026-09-30"), day("2026-10-07")) == 0


@allows("D-1")
def test_d1_a_make_up_saturday_counts_as_a_working_day() -> None:
    """Friday 2026-10-09 + 1 working day is the make-up Saturday 2026-10-10."""
    assert DEFAULT.add_working_days(day("2026-10-09"), 1) == (day("2026-10-10"), False)
    assert DEFAULT.add_working_days(day("2025-02-07"), 1) == (day("2025-02-08"), False)
    assert DEFAULT.add_working_days(day("2026-09-18"), 1) == (day("2026-09-20"), False)
    # 10-10 (Saturday) and 10-12 (Monday) after 10-09.
    assert DEFAULT.working_days_between(day("2026-10-09"), day("2026-10-12")) == 2


@allows("D-1")
def test_d1_a_bare_n_day_limit_counts_calendar_days() -> None:
    """The 15-day payment limit counts weekends: 2025-03-03 + 15 days is 2025-03-18."""
    assert DEFAULT.add_calendar_days(day("2025-03-03"), 15) == (day("2025-03-18"), False)


@refuses("D-1")
@allows("D-1")
def test_d1_the_f4_clock_counts_working_days_across_national_day_2026() -> None:
    """15 working days from Friday 2026-09-18: 09-20 (make-up) .. 09-24, 09-28..30, 10-08..10-10
    (make-up Saturday), 10-12..10-15; Mid-Autumn and National Day are skipped."""
    case = CaseBuilder(filed="2026-10-15", lead_on="2026-09-18")
    f4 = clock(case, "F-4")
    assert (f4.due, f4.unit, f4.provisional) == (day("2026-10-15"), "working", False)


# --- D-2 counting the limit ---------------------------------------------------------------------

@refuses("D-2")
def test_d2_the_starting_day_is_not_counted() -> None:
    """One working day after Monday 2025-03-03 is Tuesday 2025-03-04, not the 3rd itself."""
    assert DEFAULT.add_working_days(day("2025-03-03"), 1) == (day("2025-03-04"), False)
    assert DEFAULT.working_days_between(day("2025-03-03"), day("2025-03-03")) == 0
    assert DEFAULT.add_calendar_days(day("2025-03-03"), 1) == (day("2025-03-04"), False)


@pytest.mark.parametrize(("start", "days", "due"), [
    ("2026-09-16", 15, "2026-10-08"),  # ends on National Day 10-01: moves past the holiday
    ("2025-03-03", 90, "2025-06-03"),  # ends Sunday 06-01 in Dragon Boat (05-31..06-02)
    ("2025-03-03", 12, "2025-03-17"),  # ends Saturday 03-15: moves to Monday
    ("2026-09-04", 15, "2026-09-20"),  # ends Saturday 09-19: the next day is a make-up Sunday
])
@refuses("D-2")
def test_d2_a_calendar_limit_ending_on_a_non_working_day_moves_to_the_next_working_day(
        start: str, days: int, due: str) -> None:
    """The final day of a calendar-day limit is moved once, to the next working day."""
    assert DEFAULT.add_calendar_days(day(start), days) == (day(due), False)


@refuses("D-2")
def test_d2_the_90_day_decision_limit_moves_past_the_dragon_boat_holiday() -> None:
    """Filed 2025-03-03: day 90 is Sunday 2025-06-01 (holiday), so X-2 falls due on 06-03."""
    x2 = clock(CaseBuilder(), "X-2", today="2025-04-01")
    assert (x2.due, x2.unit, x2.state(day("2025-04-01"))) == (day("2025-06-03"), "calendar",
                                                               "running")


@allows("D-2")
def test_d2_day_n_itself_is_inside_the_limit() -> None:
    """Five working days after Monday 2025-03-03 is Monday 2025-03-10: the 10th is day 5."""
    assert DEFAULT.add_working_days(day("2025-03-03"), 5) == (day("2025-03-10"), False)
    assert DEFAULT.working_days_between(day("2025-03-03"), day("2025-03-10")) == 5
    # A calendar limit whose day N is a working day is not moved.
    assert DEFAULT.add_calendar_days(day("2025-03-03"), 15) == (day("2025-03-18"), False)


@allows("D-2")
def test_d2_a_calendar_limit_ending_on_a_make_up_saturday_does_not_move() -> None:
    """2026-09-25 + 15 days is Saturday 2026-10-10, a make-up working day: it stays."""
    assert DEFAULT.add_calendar_days(day("2026-09-25"), 15) == (day("2026-10-10"), False)
    assert DEFAULT.roll_forward(day("2026-10-10")) == (day("2026-10-10"), False)
    assert DEFAULT.roll_forward(day("2025-02-08")) == (day("2025-02-08"), False)


@refuses("D-2")
@allows("D-2")
def test_d2_a_step_on_the_last_day_is_on_time_and_the_next_day_is_late() -> None:
    """The F-4 clock from lead 2026-09-18 is due 2026-10-15: filing that day is met, a day later
    is late."""
    on_time = clock(CaseBuilder(filed="2026-10-15", lead_on="2026-09-18"), "F-4")
    late = clock(CaseBuilder(filed="2026-10-16", lead_on="2026-09-18"), "F-4")
    assert on_time.due == late.due == day("2026-10-15")
    assert on_time.state(day("2027-06-30")) == "met"
    assert late.state(day("2027-06-30")) == "late"


# --- D-3 years without holiday data -------------------------------------------------------------

@refuses("D-3")
def test_d3_a_year_without_data_counts_weekends_alone_and_is_provisional() -> None:
    """2027 is not covered: 2027-01-01 (a Friday) is counted, and the date is provisional."""
    assert not DEFAULT.has_data(2027)
    assert DEFAULT.has_data(2026)
    assert DEFAULT.source(2027) == "weekends"
    assert DEFAULT.is_working_day(day("2027-01-01"))
    # 12-25, 12-28..31, 2027-01-01, 01-04..07: the 10th working day after 2026-12-24.
    assert DEFAULT.add_working_days(day("2026-12-24"), 10) == (day("2027-01-07"), True)
    assert DEFAULT.roll_forward(day("2027-01-02")) == (day("2027-01-04"), True)
    assert DEFAULT.add_calendar_days(day("2026-12-01"), 90) == (day("2027-03-01"), True)


@refuses("D-3")
def test_d3_a_limit_counted_within_a_covered_year_is_not_provisional() -> None:
    """Only a limit that reaches into the uncovered year is provisional."""
    assert DEFAULT.add_working_days(day("2026-12-01"), 10) == (day("2026-12-15"), False)


@refuses("D-3")
def test_d3_a_clock_reaching_into_an_uncovered_year_is_marked_provisional() -> None:
    """F-4 from lead 2026-12-24, weekends alone in 2027: due 2027-01-14, shown provisional."""
    case = CaseBuilder(filed="2027-01-08", lead_on="2026-12-24")
    f4 = clock(case, "F-4")
    assert (f4.due, f4.provisional) == (day("2027-01-14"), True)
    shown = f4.view(day("2027-06-30"), DEFAULT)
    assert (shown["due"], shown["provisional"], shown["state"]) == ("2027-01-14", True, "met")


@refuses("D-3")
def test_d3_without_the_bundled_source_a_holiday_is_a_weekday_and_provisional() -> None:
    """`bundled=False`: National Day 2026 (a Thursday) counts, and every date is provisional."""
    bare = Calendar(bundled=False)
    assert not bare.has_data(2026)
    assert bare.is_working_day(day("2026-10-01"))
    assert bare.add_working_days(day("2026-09-30"), 1) == (day("2026-10-01"), True)


@allows("D-3")
def test_d3_days_entered_by_the_bureau_are_used_and_not_provisional() -> None:
    """With 2027-01-01 entered as a holiday, 10 working days after 2026-12-24 is 01-08."""
    entered = Calendar({day("2027-01-01"): False, day("2027-02-20"): True})
    assert entered.has_data(2027)
    assert entered.source(2027) == "ledger"
    assert not entered.is_working_day(day("2027-01-01"))
    assert entered.is_working_day(day("2027-02-20"))  # an entered make-up Saturday
    assert entered.is_working_day(day("2027-01-04"))  # not entered: weekdays still work
    assert not entered.is_working_day(day("2027-01-09"))  # not entered: a Saturday
    assert entered.add_working_days(day("2026-12-24"), 10) == (day("2027-01-08"), False)
    assert entered.roll_forward(day("2027-01-01")) == (day("2027-01-04"), False)
    # An entered make-up Saturday is counted: Friday 02-19 + 1 working day.
    assert entered.add_working_days(day("2027-02-19"), 1) == (day("2027-02-20"), False)
    # The bundled years keep their schedule.
    assert not entered.is_working_day(day("2026-10-01"))


@allows("D-3")
def test_d3_a_clock_with_entered_days_is_not_provisional() -> None:
    """F-4 from lead 2026-12-24 with 2027-01-01 entered as a holiday: due 2027-01-15, firm."""
    entered = Calendar({day("2027-01-01"): False})
    case = CaseBuilder(filed="2027-01-08", lead_on="2026-12-24", calendar=entered)
    f4 = clock(case, "F-4", cal=entered)
    assert (f4.due, f4.provisional) == (day("2027-01-15"), False)
    assert f4.view(day("2027-06-30"), entered)["provisional"] is False


# --- P-1 handling officers ----------------------------------------------------------------------

FILED_ON = day("2025-03-03")


@pytest.mark.parametrize("officers", [
    pytest.param([staff("zhang", "officer", cert_until="2027-12-31")], id="one officer"),
    pytest.param([staff("zhang", "officer", cert_until="2027-12-31")] * 2, id="the same twice"),
    pytest.param([], id="none"),
])
@refuses("P-1")
def test_p1_refuses_fewer_than_two_officers(officers: list) -> None:
    """A case is handled by at least two distinct officers."""
    assert rules(handling_officer_problems(officers, FILED_ON)) == ["P-1"]


@pytest.mark.parametrize("cert_until", [
    pytest.param("2025-03-02", id="expired the day before filing"),
    pytest.param(None, id="no certificate"),
])
@refuses("P-1")
def test_p1_refuses_an_officer_without_a_valid_certificate(cert_until: str | None) -> None:
    """Each officer holds an enforcement certificate (执法证) valid on the filing date."""
    officers = [staff("zhang", "officer", cert_until="2027-12-31"),
                staff("li", "officer", cert_until=cert_until)]
    problems = handling_officer_problems(officers, FILED_ON)
    assert rules(problems) == ["P-1"]
    assert "li" in problems[0].why and "2025-03-03" in problems[0].why


@allows("P-1")
def test_p1_allows_two_certified_officers_one_on_its_last_valid_day() -> None:
    """A certificate is valid up to and including its end date."""
    officers = [staff("zhang", "officer", cert_until="2027-12-31"),
                staff("li", "officer", cert_until="2025-03-03")]
    assert handling_officer_problems(officers, FILED_ON) == []


@allows("P-1")
def test_p1_is_judged_on_the_filing_date_not_today() -> None:
    """A certificate that has since expired was valid on a past filing date."""
    officers = [staff("zhang", "officer", cert_until="2023-12-31"),
                staff("li", "officer", cert_until="2023-06-30")]
    assert handling_officer_problems(officers, day("2023-06-30")) == []
    assert rules(handling_officer_problems(officers, day("2023-07-01"))) == ["P-1"]


# --- P-2 reviewers ------------------------------------------------------------------------------

@refuses("P-2")
def test_p2_refuses_a_handling_officer_as_reviewer() -> None:
    """zhang handles the case, so zhang cannot review it, even with the reviewer role."""
    case = CaseBuilder().propose("2025-03-17")
    problems = case.check("review", "2025-03-17", responsible=staff("zhang", "reviewer"))
    assert rules(problems) == ["P-2"]
    assert "handling officer" in problems[0].why


@refuses("P-2")
def test_p2_refuses_staff_without_the_reviewer_role() -> None:
    case = CaseBuilder().propose("2025-03-17")
    assert case.rules("review", "2025-03-17", responsible=staff("zhou", "officer")) == {"P-2"}
    assert case.rules("review", "2025-03-17", responsible=HEAD) == {"P-2"}


@refuses("P-2")
def test_p2_refuses_an_unqualified_reviewer_for_a_legal_review() -> None:
    """A major case gets 法制审核, which needs a legally qualified (法律职业资格) reviewer."""
    case = CaseBuilder(major="complex").propose("2025-03-17")
    problems = case.check("review", "2025-03-17", responsible=staff("zhou", "reviewer"))
    assert rules(problems) == ["P-2"]
    assert "法制审核" in problems[0].why


@allows("P-2")
def test_p2_allows_a_reviewer_who_did_not_handle_the_case() -> None:
    """案件审核 of an ordinary case: any reviewer who is not a handling officer."""
    case = CaseBuilder().propose("2025-03-17")
    assert case.check("review", "2025-03-17", responsible=staff("zhou", "reviewer")) == []
    assert case.check("review", "2025-03-17", responsible=REVIEWER) == []


@allows("P-2")
def test_p2_allows_a_qualified_reviewer_for_a_legal_review() -> None:
    case = CaseBuilder(major="statutory").propose("2025-03-17")
    assert case.check("review", "2025-03-17", responsible=REVIEWER) == []


# --- P-3 heads ----------------------------------------------------------------------------------

def _ready_to_decide() -> CaseBuilder:
    return CaseBuilder().through_notice().statement("2025-03-19")


@pytest.mark.parametrize("what", ["filing (立案)", "the decision (决定)", "closing (结案)"])
@refuses("P-3")
def test_p3_refuses_an_approver_without_the_head_role(what: str) -> None:
    problems = head_problems(staff("li", "officer", "reviewer", "admin"), what)
    assert rules(problems) == ["P-3"]
    assert what in problems[0].why


@refuses("P-3")
def test_p3_refuses_a_decision_by_someone_who_is_not_a_head() -> None:
    case = _ready_to_decide()
    assert rules(case.check("decide", "2025-03-20", responsible=staff("li", "officer"))) == ["P-3"]


@refuses("P-3")
def test_p3_refuses_closing_and_the_first_extension_without_a_head() -> None:
    closable = CaseBuilder().terminate("2025-03-10")
    assert closable.rules("close", "2025-03-11", responsible=staff("li", "officer")) == {"P-3"}
    assert CaseBuilder().rules("extend", "2025-04-01", request={"days": 30},
                               responsible=staff("li", "officer")) == {"P-3"}


@allows("P-3")
def test_p3_allows_a_head() -> None:
    assert head_problems(HEAD, "filing (立案)") == []
    assert _ready_to_decide().check("decide", "2025-03-20", responsible=HEAD) == []
    closable = CaseBuilder().terminate("2025-03-10")
    assert closable.check("close", "2025-03-11", responsible=HEAD) == []
    assert CaseBuilder().check("extend", "2025-04-01", request={"days": 30},
                               responsible=HEAD) == []


@allows("P-3")
def test_p3_a_further_extension_rests_on_the_discussion_not_on_a_head() -> None:
    """After the head's extension and a collective discussion, `--until` needs no head."""
    case = CaseBuilder().extend("2025-04-01").discuss("2025-04-10")
    problems = case.check("extend", "2025-04-11", request={"until": day("2025-08-29")},
                          responsible=staff("li", "officer"))
    assert problems == []


# --- P-4 who acts -------------------------------------------------------------------------------

RETIRED = staff("liu", "officer", "reviewer", "head", "admin", cert_until="2030-12-31",
                legal=True, active=False)


@refuses("P-4")
def test_p4_a_retired_member_cannot_act() -> None:
    problems = may_act(RETIRED, "the recorder")
    assert rules(problems) == ["P-4"]
    assert "liu" in problems[0].why and "retired" in problems[0].why


@refuses("P-4")
def test_p4_a_retired_member_cannot_handle_approve_or_review() -> None:
    """Every role check names P-4 for a retired member, even one holding that role."""
    officers = [staff("zhang", "officer", cert_until="2030-12-31"), RETIRED]
    assert rules(handling_officer_problems(officers, FILED_ON)) == ["P-4"]
    assert rules(head_problems(RETIRED, "filing (立案)")) == ["P-4"]
    case = CaseBuilder(major="complex").propose("2025-03-17")
    assert case.rules("review", "2025-03-17", responsible=RETIRED) == {"P-4"}
    assert _ready_to_decide().rules("decide", "2025-03-20", responsible=RETIRED) == {"P-4"}


@allows("P-4")
def test_p4_active_staff_may_act() -> None:
    active = staff("liu", "officer", "reviewer", "head", "admin", cert_until="2030-12-31",
                   legal=True)
    assert may_act(active, "the recorder") == []
    assert head_problems(active, "the decision (决定)") == []
    assert admin_problems(active) == []


# --- P-5 admin ----------------------------------------------------------------------------------

@pytest.mark.parametrize("roles", [("officer",), ("head",), ("reviewer",),
                                   ("officer", "reviewer", "head")])
@refuses("P-5")
def test_p5_refuses_staff_without_the_admin_role(roles: tuple[str, ...]) -> None:
    problems = admin_problems(staff("li", *roles))
    assert rules(problems) == ["P-5"]
    assert "admin" in problems[0].why


@allows("P-5")
def test_p5_allows_an_admin() -> None:
    assert admin_problems(staff("admin", "admin")) == []
    assert admin_problems(staff("wang", "head", "admin")) == []


# --- F-1 what a filing holds --------------------------------------------------------------------

@pytest.mark.parametrize("overrides", [
    pytest.param({"domain_key": "tax"}, id="unknown domain"),
    pytest.param({"domain_key": ""}, id="no domain"),
    pytest.param({"kind": "company"}, id="unknown party kind"),
    pytest.param({"party_name": "  "}, id="no party name"),
    pytest.param({"violation": ""}, id="no violation"),
    pytest.param({"approved_by": " "}, id="no approving head"),
    pytest.param({"on": "2025-07-01"}, id="filing date in the future"),
    pytest.param({"on": "2025-02-30"}, id="impossible filing date"),
    pytest.param({"on": "2025-13-01"}, id="month 13"),
    pytest.param({"on": "next monday"}, id="not a date"),
    pytest.param({"lead_on": "2025-03-04"}, id="lead after the filing date"),
    pytest.param({"source": "rumour"}, id="unknown source"),
])
@refuses("F-1")
def test_f1_refuses_an_incomplete_or_invalid_filing(pinned_today: dt.date,
                                                    overrides: dict[str, Any]) -> None:
    """Malformed filing input is an InputError (exit 2) naming F-1."""
    assert filing_rule(**overrides) == "F-1"


@refuses("F-1")
def test_f1_refuses_a_step_dated_before_the_filing_date() -> None:
    case = CaseBuilder()  # filed 2025-03-03
    assert "F-1" in case.rules("propose", "2025-03-02")


@allows("F-1")
def test_f1_allows_a_complete_filing_dated_today(pinned_today: dt.date) -> None:
    filing = file_case(on=TODAY, officers=[" zhang ", "li", "zhang"], source="complaint",
                       lead_on="2025-06-20", campaign=" ")
    assert filing.filed_on == pinned_today
    assert (filing.domain, filing.party_kind, filing.party_id_type) == ("food", PartyKind.ORG,
                                                                        "uscc")
    assert filing.officers == ("zhang", "li")
    assert filing.lead_on == day("2025-06-20")
    assert filing.campaign is None
    assert filing.approved_by == "wang"


@allows("F-1")
def test_f1_allows_the_domain_and_party_kind_by_their_chinese_labels(
        pinned_today: dt.date) -> None:
    filing = file_case(domain_key="特种设备", kind="个体工商户", source="投诉举报")
    assert (filing.domain, filing.party_kind) == ("special_equipment",
                                                  PartyKind.INDIVIDUAL_BUSINESS)
    assert filing.source is not None and filing.source.value == "complaint"


# --- F-2 party identifiers ----------------------------------------------------------------------

def _ric_with_birth(born: str) -> str:
    """An 18-digit resident ID with a correct check digit around any 8-digit birth field."""
    stem = f"511602{born}001"
    return stem + ric.calc_check_digit(stem + "0")


@pytest.mark.parametrize(("kind", "identifier"), [
    pytest.param("org", wrong_check(credit_code(3)), id="credit code, wrong check character"),
    pytest.param("org", credit_code(3)[:17], id="credit code, 17 characters"),
    pytest.param("org", credit_code(3)[:-2] + "I" + credit_code(3)[-1], id="credit code, letter I"),
    pytest.param("individual-business", wrong_check(credit_code(4)), id="individual business"),
    pytest.param("org", resident_id(1), id="resident ID for an organisation"),
    pytest.param("person", wrong_check(resident_id(1)), id="resident ID, wrong check character"),
    pytest.param("person", resident_id(1)[:17], id="resident ID, 17 characters"),
    pytest.param("person", credit_code(1), id="credit code for a person"),
    pytest.param("person", _ric_with_birth("19900230"), id="30 February"),
    pytest.param("person", _ric_with_birth("19901301"), id="month 13"),
    pytest.param("person", _ric_with_birth("20250701"), id="born after today"),
    pytest.param("person", _ric_with_birth("18991231"), id="born before 1900"),
    pytest.param("other", "", id="other, no identifier"),
])
@refuses("F-2")
def test_f2_refuses_a_wrong_identifier(pinned_today: dt.date, kind: str, identifier: str) -> None:
    """A wrong identifier is an InputError (exit 2) naming F-2."""
    assert filing_rule(kind=kind, party_id=identifier, party_id_type="passport") == "F-2"


@refuses("F-2")
def test_f2_refuses_an_other_party_without_an_identifier_type() -> None:
    with pytest.raises(InputError) as caught:
        check_party_id(PartyKind.OTHER, "E12345678", None, today=day(TODAY))
    assert caught.value.rule == "F-2"


@pytest.mark.parametrize(("kind", "typed", "stored", "id_type"), [
    ("org", credit_code(3), credit_code(3), "uscc"),
    ("org", full_width(credit_code(1)), credit_code(1), "uscc"),  # ９１…ｌ → 91…L
    ("org", credit_code(1).lower(), credit_code(1), "uscc"),
    ("individual-business", full_width(credit_code(5)), credit_code(5), "uscc"),
    ("person", resident_id(1), resident_id(1), "ric"),
    ("person", full_width(resident_id(9)), resident_id(9), "ric"),  # ends in ｘ → X
    ("person", resident_id(9).lower(), resident_id(9), "ric"),
    ("person", resident_id(2, born=dt.date(2000, 2, 29)), resident_id(2, born=dt.date(2000, 2, 29)),
     "ric"),
    ("person", resident_id(3, born=dt.date(2025, 6, 30)), resident_id(3, born=dt.date(2025, 6, 30)),
     "ric"),  # born today
])
@allows("F-2")
def test_f2_allows_and_normalises_valid_identifiers(pinned_today: dt.date, kind: str, typed: str,
                                                    stored: str, id_type: str) -> None:
    """Valid codes pass; full-width and lower-case input is stored half-width upper-case."""
    assert resident_id(9).endswith("X")
    filing = file_case(kind=kind, party_id=typed)
    assert (filing.party_id, filing.party_id_type) == (stored, id_type)


@allows("F-2")
def test_f2_allows_a_free_form_identifier_for_an_other_party(pinned_today: dt.date) -> None:
    filing = file_case(kind="other", party_id="E12345678", party_id_type=" passport ")
    assert (filing.party_id, filing.party_id_type) == ("E12345678", "passport")
    assert check_party_id(PartyKind.OTHER, "Ｇ１２３４５６７８", "护照").value == "G12345678"


# --- F-3 numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", [
    "{prefix}立〔{year}〕号",  # no {n}
    "{prefix}立{n}号",  # no {year}
    "{prefix}立号",
    "{prefix}立〔{year}〕{n}号{month}",  # unknown field
    "{prefix}立〔{year}〕{n号",  # malformed
])
@refuses("F-3")
def test_f3_refuses_a_pattern_that_cannot_keep_numbers_unique(pattern: str) -> None:
    with pytest.raises(InputError) as caught:
        check_pattern(pattern)
    assert caught.value.rule == "F-3"
    with pytest.raises(InputError) as caught:
        check_setting("case_no_pattern", pattern)
    assert caught.value.rule == "F-3"
    with pytest.raises(InputError) as caught:
        check_setting("decision_no_pattern", pattern)
    assert caught.value.rule == "F-3"


@allows("F-3")
def test_f3_default_patterns_number_sequentially_and_restart_each_year() -> None:
    assert check_pattern(CASE_PATTERN) == "{prefix}立〔{year}〕{n}号"
    assert check_pattern(DECISION_PATTERN) == "{prefix}处罚〔{year}〕{n}号"
    assert [format_number(CASE_PATTERN, "广区市监", 2025, n) for n in (1, 2, 3)] == [
        "广区市监立〔2025〕1号", "广区市监立〔2025〕2号", "广区市监立〔2025〕3号"]
    assert format_number(CASE_PATTERN, "广区市监", 2026, 1) == "广区市监立〔2026〕1号"
    assert format_number(DECISION_PATTERN, "广区市监", 2026, 12) == "广区市监处罚〔2026〕12号"


@allows("F-3")
def test_f3_allows_a_bureau_pattern_with_year_and_number() -> None:
    pattern = "{prefix}市监立字[{year}]第{n:03d}号"
    assert check_setting("case_no_pattern", pattern) == pattern
    assert format_number(pattern, "广区", 2025, 7) == "广区市监立字[2025]第007号"
    assert check_pattern("{year}-{n}") == "{year}-{n}"  # {prefix} is optional


# --- F-4 the filing clock -----------------------------------------------------------------------

@refuses("F-4")
def test_f4_a_filing_after_15_working_days_is_late() -> None:
    """Lead 2026-09-18, due 2026-10-15; filed 2026-10-16: recorded, and the clock is late."""
    f4 = clock(CaseBuilder(filed="2026-10-16", lead_on="2026-09-18"), "F-4")
    assert (f4.due, f4.met_on) == (day("2026-10-15"), day("2026-10-16"))
    shown = f4.view(day("2026-12-01"), DEFAULT)
    assert (shown["state"], shown["met_on"], shown["unit"]) == ("late", "2026-10-16", "working")


@refuses("F-4")
def test_f4_a_filing_after_the_extended_limit_is_late() -> None:
    """With the head's +15, lead 2026-09-18 is due 2026-11-05; filed 11-06 is late."""
    f4 = clock(CaseBuilder(filed="2026-11-06", lead_on="2026-09-18", lead_extended=True), "F-4")
    assert f4.due == day("2026-11-05")
    assert f4.state(day("2026-12-01")) == "late"


@refuses("F-4")
def test_f4_an_extension_without_a_lead_date_is_refused(pinned_today: dt.date) -> None:
    assert filing_rule(lead_extended=True) == "F-4"


@allows("F-4")
def test_f4_a_filing_within_15_working_days_is_met() -> None:
    """Filed on day 15 (2026-10-15) or before it: met."""
    for filed in ("2026-09-18", "2026-10-09", "2026-10-15"):
        f4 = clock(CaseBuilder(filed=filed, lead_on="2026-09-18"), "F-4")
        assert (f4.due, f4.state(day("2026-12-01"))) == (day("2026-10-15"), "met")


@allows("F-4")
def test_f4_the_heads_extension_adds_15_working_days() -> None:
    """Filed 2026-10-16 (day 16): late without the extension, met with it (due 2026-11-05)."""
    f4 = clock(CaseBuilder(filed="2026-10-16", lead_on="2026-09-18", lead_extended=True), "F-4")
    assert f4.due == day("2026-11-05")
    assert f4.state(day("2026-12-01")) == "met"
    on_last_day = clock(CaseBuilder(filed="2026-11-05", lead_on="2026-09-18",
                                    lead_extended=True), "F-4")
    assert on_last_day.state(day("2026-12-01")) == "met"


@allows("F-4")
def test_f4_a_filing_with_the_extension_passes_the_filing_checks(pinned_today: dt.date) -> None:
    filing = file_case(lead_on="2025-02-10", lead_extended=True)
    assert (filing.lead_on, filing.lead_extended) == (day("2025-02-10"), True)


@allows("F-4")
def test_f4_no_clock_without_a_lead_date() -> None:
    """Recorded only when the lead date is given."""
    clocks = case_clocks(CaseBuilder().state, DEFAULT, day("2025-04-01"))
    assert "F-4" not in [c.rule for c in clocks]


@refuses("P-5")
def test_p5_the_last_active_admin_cannot_leave():
    """The ledger keeps an admin: retiring the last one is refused, naming the fix."""
    problems = last_admin_problems(staff("admin", "admin"), admins_left=0)
    assert [p.rule for p in problems] == ["P-5"]
    assert "last active admin" in problems[0].why


@allows("P-5")
def test_p5_an_admin_may_leave_while_another_stays():
    assert last_admin_problems(staff("admin", "admin"), admins_left=1) == []
    assert last_admin_problems(staff("zhang", "officer"), admins_left=0) == []
