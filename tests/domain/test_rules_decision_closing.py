"""Decision (X), service and execution (S), disclosure (G), transfer (T) and closing (K) rules of
RULES.md, tested where they live: the workflow's gates, the clocks, the disclosure record and the
proposal and money parsers. No database, no CLI: every test folds a handful of events.

Dates sit in 2025 (holiday data known): filed Mon 2025-03-03; the 90th day, Sun 2025-06-01, is
followed by the Dragon Boat holiday (Mon 06-02), so the decision is due Tue 06-03 (D-2). Qingming
(Fri 04-04) and the Labour Day holidays (05-01..05-05) fall inside several working-day counts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from caseledger.domain import disclosure
from caseledger.domain.calendar import DEFAULT
from caseledger.domain.clocks import Clock, case_clocks, decision_due, surcharge_fen
from caseledger.domain.errors import InputError
from caseledger.domain.money import parse_yuan, to_fen
from caseledger.domain.penalty import (
    Discretion,
    Ground,
    Outcome,
    Proposal,
    Sanction,
    build_proposal,
)
from caseledger.domain.workflow import STEPS
from tests.domain.builder import BASIS, FILED, HEAD, CaseBuilder, settings
from tests.ids import credit_code, resident_id
from tests.rules import allows, refuses

PROPOSED, NOTIFIED, STATED, DECIDED = "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20"
SERVED, PAID = "2025-03-21", "2025-03-24"
PRIOR_CASE = "广区市监立〔2024〕7号"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def clock(case: CaseBuilder, rule: str, today: str) -> Clock:
    """The case's clock for `rule` as it stands on `today`."""
    found = [c for c in case_clocks(case.state, DEFAULT, day(today)) if c.rule == rule]
    assert len(found) == 1, [c.rule for c in case_clocks(case.state, DEFAULT, day(today))]
    return found[0]


def clock_rules(case: CaseBuilder, today: str) -> set[str]:
    return {c.rule for c in case_clocks(case.state, DEFAULT, day(today))}


def proposal(**given: Any) -> Proposal:
    """`build_proposal` with every option off unless given."""
    options: dict[str, Any] = dict(
        warning=False, criticism=False, fine_fen=None, gains_fen=None, property_text=None,
        sanctions=[], basis=BASIS, discretion=None, discretion_ref=None, no_penalty=None,
        citation=None, transfer=None)
    return build_proposal(**(options | given))


def outcome_decided(on: str = DECIDED, **outcome: Any) -> CaseBuilder:
    """A no-penalty or transfer outcome proposed, reviewed and decided (no notice: no penalty)."""
    return CaseBuilder().propose(PROPOSED, **outcome).review(PROPOSED).decide(on)


def disclosed(case: CaseBuilder, on: str) -> dict[str, Any]:
    """What a disclosure of `case` on `on` would publish (G-2, G-3, G-4)."""
    return disclosure.published(case.state, day(on), case.settings, DEFAULT)


# --- outcomes -----------------------------------------------------------------------------

@allows("X-1")
@pytest.mark.parametrize("ground", [g.value for g in Ground if g is not Ground.OTHER])
def test_x1_no_penalty_grounds_are_accepted(ground: str) -> None:
    """X-1: a no-penalty outcome with one of the listed grounds drops every sanction."""
    p = proposal(no_penalty=ground)
    assert p.outcome is Outcome.NO_PENALTY
    assert p.ground is Ground(ground)
    assert p.sanctions == () and p.fine_fen == 0 and p.gains_fen == 0


@allows("X-1")
def test_x1_other_ground_with_a_citation_and_transfers_are_accepted() -> None:
    """X-1: `other` carries its citation; transfers go to judicial organs or another agency."""
    other = proposal(no_penalty="other", citation="《行政处罚法》第三十三条")
    assert (other.outcome, other.ground, other.citation) == (
        Outcome.NO_PENALTY, Ground.OTHER, "《行政处罚法》第三十三条")
    assert proposal(transfer="judicial").outcome is Outcome.TRANSFER_JUDICIAL
    assert proposal(transfer="agency").outcome is Outcome.TRANSFER_AGENCY
    assert proposal(fine_fen=100).outcome is Outcome.PENALTY


@refuses("X-1")
@pytest.mark.parametrize("given", [
    {},  # no outcome at all
    {"basis": None},
    {"fine_fen": 500000, "no_penalty": "minor"},  # a penalty and a no-penalty
    {"warning": True, "transfer": "judicial"},
    {"no_penalty": "minor", "transfer": "agency"},
    {"no_penalty": "forgiven"},  # not a ground of the list
    {"no_penalty": "other"},  # `other` without its citation
    {"no_penalty": "other", "citation": "   "},
    {"transfer": "court"},  # neither judicial nor agency
], ids=["none", "none-no-basis", "penalty+no-penalty", "penalty+transfer",
        "no-penalty+transfer", "unknown-ground", "other-no-citation", "other-blank-citation",
        "unknown-transfer"])
def test_x1_refuses_anything_but_exactly_one_known_outcome(given: dict[str, Any]) -> None:
    """X-1: exactly one of penalty, no-penalty with a ground, or transfer, else exit 2."""
    with pytest.raises(InputError):
        proposal(**given)


@refuses("X-1")
def test_x1_a_decided_case_takes_no_new_proposal() -> None:
    """X-1: the outcome is proposed while the case is undecided."""
    assert "X-1" in CaseBuilder().decided().rules("propose", "2025-03-21")


@allows("X-1")
def test_x1_an_undecided_case_takes_a_proposal() -> None:
    """X-1: filed, or proposed again after a review, the case takes a proposal."""
    assert CaseBuilder().rules("propose", PROPOSED) == set()
    assert CaseBuilder().through_notice().rules("propose", STATED) == set()


# --- the decision limit -------------------------------------------------------------------

@allows("X-2")
def test_x2_due_90_calendar_days_after_filing_moved_past_weekend_and_holiday() -> None:
    """X-2 with D-2: day 90 is Sun 06-01, Mon 06-02 a holiday: due Tue 06-03, met on it."""
    case = CaseBuilder().decided("2025-06-03")
    x2 = clock(case, "X-2", "2025-06-03")
    assert (x2.due, x2.unit, x2.state(day("2025-06-03"))) == (day("2025-06-03"), "calendar", "met")


@refuses("X-2")
def test_x2_a_decision_after_the_limit_is_late_and_no_decision_breached() -> None:
    """X-2: decided the day after the due date is late; undecided past it, breached."""
    late = CaseBuilder().decided("2025-06-04")
    assert clock(late, "X-2", "2025-06-04").state(day("2025-06-04")) == "late"
    open_case = CaseBuilder().through_notice()
    assert clock(open_case, "X-2", "2025-06-03").state(day("2025-06-03")) == "running"
    assert clock(open_case, "X-2", "2025-06-04").state(day("2025-06-04")) == "breached"


@allows("X-2")
@pytest.mark.parametrize(("suspended_days", "due"), [
    (0, "2025-06-03"),  # 06-01 (Sun) moved to 06-03
    (1, "2025-06-03"),  # 06-02 (holiday) moved to 06-03
    (3, "2025-06-04"),  # 06-04: moved once, at the end, not 06-03 + 3
    (10, "2025-06-11"),
])
def test_x2_suspended_periods_extend_the_limit_then_move_once(suspended_days: int,
                                                             due: str) -> None:
    """X-2: + each suspension's end minus start, and D-2 applied once to the final day."""
    case = CaseBuilder()
    if suspended_days:
        start = day("2025-03-10")
        case.suspend(start.isoformat()).resume(
            (start + dt.timedelta(days=suspended_days)).isoformat())
    assert decision_due(case.state, DEFAULT, day("2025-04-01"))[0] == day(due)


@allows("X-2")
def test_x2_head_extension_adds_30_days() -> None:
    """X-2: filing + 90 + 30 = Tue 2025-07-01, met on the day."""
    case = CaseBuilder().extend("2025-05-20")
    assert decision_due(case.state, DEFAULT, day("2025-05-20"))[0] == day("2025-07-01")
    case = case.through_notice("2025-06-20", "2025-06-23").statement("2025-06-24")
    case.decide("2025-07-01")
    assert clock(case, "X-2", "2025-07-01").state(day("2025-07-01")) == "met"


@allows("X-2")
@pytest.mark.parametrize("ended", ["held_on", "withdrawn_on", "absent_on"])
def test_x2_a_hearing_counts_from_request_to_its_end(ended: str) -> None:
    """X-2: a hearing requested 03-20 and held, withdrawn or missed 04-03 adds 14 days:
    day 104 is Sun 06-15, so due Mon 06-16."""
    case = CaseBuilder().through_notice(fine=200000).hearing("requested_on", "2025-03-20")
    case.hearing(ended, "2025-04-03")
    assert decision_due(case.state, DEFAULT, day("2025-04-10"))[0] == day("2025-06-16")


@allows("X-2")
def test_x2_extension_suspension_and_hearing_add_up() -> None:
    """X-2: 90 + 30 (head) + 10 (suspended) + 14 (hearing) = 144 days: Fri 2025-07-25."""
    case = CaseBuilder().suspend("2025-03-05").resume("2025-03-15")
    case.through_notice(fine=200000).hearing("requested_on", "2025-03-20")
    case.hearing("held_on", "2025-04-03").extend("2025-05-20")
    assert decision_due(case.state, DEFAULT, day("2025-05-20"))[0] == day("2025-07-25")


@allows("X-2")
def test_x2_an_open_suspension_pauses_the_clock_and_counts_up_to_today() -> None:
    """X-2: a suspension still open counts to today, and the clock shows paused."""
    case = CaseBuilder().suspend("2025-03-10")
    x2 = clock(case, "X-2", "2025-04-01")
    assert x2.due == DEFAULT.add_calendar_days(day(FILED), 90 + 22)[0]
    assert x2.state(day("2025-04-01")) == "paused"


@refuses("X-2")
def test_x2_a_suspended_case_is_not_decided_nor_suspended_again() -> None:
    """X-2: decide and suspend wait for the resumption; resume needs a suspension."""
    case = CaseBuilder().through_notice().statement(STATED).suspend(STATED)
    assert "X-2" in case.rules("decide", DECIDED, responsible=HEAD)
    assert "X-2" in case.rules("suspend", DECIDED)
    assert "X-2" in CaseBuilder().rules("resume", DECIDED)


@allows("X-2")
def test_x2_a_resumed_case_is_decided() -> None:
    """X-2: once resumed, the decision is no longer held."""
    case = CaseBuilder().through_notice().statement(STATED).suspend(STATED).resume(DECIDED)
    assert case.rules("decide", DECIDED, responsible=HEAD) == set()
    assert CaseBuilder().rules("suspend", DECIDED) == set()


@allows("X-2")
def test_x2_the_head_extends_once_up_to_the_due_date() -> None:
    """X-2: the head's 30 days are granted on any day up to the due date itself."""
    assert CaseBuilder().rules("extend", "2025-05-20", request={"days": 30},
                               responsible=HEAD) == set()
    assert CaseBuilder().rules("extend", "2025-06-03", request={"days": 30},
                               responsible=HEAD) == set()


@refuses("X-2")
def test_x2_a_second_head_extension_is_refused() -> None:
    """X-2: the head extends once; a further extension rests on a collective discussion."""
    case = CaseBuilder().extend("2025-05-20")
    assert "X-2" in case.rules("extend", "2025-06-10", request={"days": 30}, responsible=HEAD)


@refuses("X-2")
@pytest.mark.parametrize("request_", [{"days": 30}, {"until": dt.date(2025, 8, 15)}])
def test_x2_no_extension_after_the_limit_has_passed(request_: dict[str, Any]) -> None:
    """X-2: due 06-03; on 06-04 the limit is no longer extended, by the head or a discussion."""
    case = CaseBuilder().discuss("2025-05-20")
    if "until" in request_:
        case.extend("2025-05-20")  # the head's extension: due 07-01
        on = "2025-07-02"
    else:
        on = "2025-06-04"
    assert "X-2" in case.rules("extend", on, request=request_, responsible=HEAD)


@refuses("X-2")
def test_x2_an_extension_to_a_fixed_date_needs_a_collective_discussion() -> None:
    """X-2: after the head's extension, `--until` needs a recorded discussion on or before it."""
    case = CaseBuilder().extend("2025-05-20")
    problems = case.check("extend", "2025-06-10", request={"until": dt.date(2025, 8, 15)})
    assert [p.rule for p in problems] == ["X-2"]
    assert "collective discussion" in problems[0].why
    later = CaseBuilder().extend("2025-05-20").discuss("2025-06-11")
    assert "X-2" in later.rules("extend", "2025-06-10", request={"until": dt.date(2025, 8, 15)})


@refuses("X-2")
def test_x2_a_fixed_date_follows_the_head_extension_and_lies_beyond_the_limit() -> None:
    """X-2: `--until` comes after the head's 30 days, and later than the current limit."""
    first = CaseBuilder().discuss("2025-05-20")
    assert "X-2" in first.rules("extend", "2025-05-21", request={"until": dt.date(2025, 8, 15)})
    case = CaseBuilder().extend("2025-05-20").discuss("2025-06-10")
    assert "X-2" in case.rules("extend", "2025-06-10", request={"until": dt.date(2025, 7, 1)})


@allows("X-2")
def test_x2_a_discussion_fixes_a_new_date_which_replaces_the_computed_one() -> None:
    """X-2: head's extension, discussion, `--until 2025-08-15`: due exactly that date."""
    case = CaseBuilder().suspend("2025-03-05").resume("2025-03-15").extend("2025-05-20")
    case.discuss("2025-06-10")
    assert case.rules("extend", "2025-06-10", request={"until": dt.date(2025, 8, 15)}) == set()
    case.extend("2025-06-10", until="2025-08-15")
    assert decision_due(case.state, DEFAULT, day("2025-06-10"))[0] == day("2025-08-15")
    case.through_notice("2025-08-01", "2025-08-04").statement("2025-08-05").decide("2025-08-15")
    assert clock(case, "X-2", "2025-08-15").state(day("2025-08-15")) == "met"


# --- sanctions and amounts ----------------------------------------------------------------

@allows("X-3")
@pytest.mark.parametrize(("text", "amount", "fen"), [
    ("5000", Decimal("5000.00"), 500000),
    ("5000.5", Decimal("5000.50"), 500050),
    ("5,000.05", Decimal("5000.05"), 500005),
    ("0.01", Decimal("0.01"), 1),
    ("１２３４．５６", Decimal("1234.56"), 123456),  # full-width digits
    ("1,234,567.89", Decimal("1234567.89"), 123456789),
])
def test_x3_amounts_are_yuan_with_two_decimals_stored_exactly(text: str, amount: Decimal,
                                                             fen: int) -> None:
    """X-3: yuan with at most two decimals, an exact Decimal, stored as integer fen."""
    value = parse_yuan(text)
    assert value == amount and isinstance(value, Decimal)
    assert to_fen(value) == fen and isinstance(to_fen(value), int)


@allows("X-3")
def test_x3_no_float_rounding() -> None:
    """X-3: 0.10 + 0.20 is exactly 0.30 yuan, 30 fen."""
    assert to_fen(parse_yuan("0.10") + parse_yuan("0.20")) == 30


@refuses("X-3")
@pytest.mark.parametrize("text", ["5000.555", "-5", "5e3", "abc", "", "1,00", "5000.", ".5",
                                  "5 000"])
def test_x3_refuses_what_is_not_yuan_with_at_most_two_decimals(text: str) -> None:
    """X-3: three decimals, signs, exponents, stray separators are refused (exit 2)."""
    with pytest.raises(InputError):
        parse_yuan(text)


@allows("X-3")
def test_x3_a_penalty_holds_its_sanctions_in_law_order_and_exact_amounts() -> None:
    """X-3: the sanctions of APL Art. 9 in their order; amounts in fen."""
    p = proposal(fine_fen=500050, gains_fen=12345, warning=True, property_text=" 过期食品 ",
                 sanctions=["business-suspension", "licence-suspension"], restriction_months=6)
    assert p.sanctions == (Sanction.WARNING, Sanction.FINE, Sanction.CONFISCATE_GAINS,
                           Sanction.CONFISCATE_PROPERTY, Sanction.LICENCE_SUSPENSION,
                           Sanction.BUSINESS_SUSPENSION)
    assert (p.fine_fen, p.gains_fen, p.confiscated_property) == (500050, 12345, "过期食品")
    assert Proposal.from_payload(p.to_payload()) == p


@refuses("X-3")
@pytest.mark.parametrize("given", [
    {"fine_fen": 0},
    {"fine_fen": -100},
    {"gains_fen": 0, "warning": True},
    {"sanctions": ["banishment"]},
    {"sanctions": ["warning"]},  # given with its own option, not --sanction
    {"sanctions": ["fine"]},
    {"fine_fen": 100, "restriction_months": 6},  # a term without a restriction
    {"sanctions": ["closure"], "restriction_months": 0},
    {"fine_fen": 100, "basis": "  "},  # a penalty rests on its provisions
])
def test_x3_refuses_inconsistent_sanctions(given: dict[str, Any]) -> None:
    """X-3: amounts above zero, known sanctions, a term only with a restriction, a basis."""
    with pytest.raises(InputError):
        proposal(**given)


# --- discretion ---------------------------------------------------------------------------

@allows("X-4")
@pytest.mark.parametrize(("discretion", "ref"), [
    ("none", None), ("standard", None), ("mitigated", "减轻清单第3项"),
    ("lighter", "从轻清单第1项"), ("heavier", "从重清单第2项"), ("从轻", "从轻清单第1项"),
])
def test_x4_discretion_is_recorded_with_its_list_item(discretion: str, ref: str | None) -> None:
    """X-4: the discretion and the list item justifying it are kept with the proposal."""
    p = proposal(fine_fen=100000, discretion=discretion, discretion_ref=ref)
    assert p.discretion is not None and p.discretion_ref == ref
    assert p.to_payload()["discretion"] == p.discretion.value
    assert Proposal.from_payload(p.to_payload()).discretion_ref == ref


@refuses("X-4")
@pytest.mark.parametrize(("discretion", "ref"), [
    ("mitigated", None), ("lighter", None), ("heavier", "  "), ("generous", None),
])
def test_x4_refuses_departures_without_a_list_item_and_unknown_discretion(
        discretion: str, ref: str | None) -> None:
    """X-4: 减轻, 从轻 and 从重 name the list item; only the five kinds exist."""
    with pytest.raises(InputError):
        proposal(fine_fen=100000, discretion=discretion, discretion_ref=ref)


@allows("X-4")
def test_x4_every_kind_of_discretion_exists() -> None:
    """X-4: none, mitigated, lighter, standard, heavier."""
    assert {d.value for d in Discretion} == {"none", "mitigated", "lighter", "standard", "heavier"}


# --- first violation ----------------------------------------------------------------------

def first_violation() -> CaseBuilder:
    return CaseBuilder().propose(PROPOSED, no_penalty="first-violation").review(PROPOSED)


@refuses("X-5")
def test_x5_an_earlier_penalty_in_the_window_refuses_and_is_named() -> None:
    """X-5: a prior penalty decision against the party in the domain refuses first-violation."""
    case = first_violation()
    problems = case.check("decide", DECIDED, responsible=HEAD,
                          prior=[(PRIOR_CASE, dt.date(2024, 5, 6))])
    assert [p.rule for p in problems] == ["X-5"]
    assert PRIOR_CASE in problems[0].why and "2024-05-06" in problems[0].why
    assert "2 years" in problems[0].why


@refuses("X-5")
def test_x5_the_refusal_names_the_latest_prior_case_and_the_configured_window() -> None:
    """X-5: with several, the latest earlier case is named; the window is the setting's."""
    case = CaseBuilder(cfg=settings(first_violation_years="3"))
    case.propose(PROPOSED, no_penalty="first-violation").review(PROPOSED)
    problems = case.check("decide", DECIDED, responsible=HEAD, prior=[
        ("广区市监立〔2022〕3号", dt.date(2022, 6, 1)), (PRIOR_CASE, dt.date(2024, 5, 6))])
    assert {p.rule for p in problems} == {"X-5"}
    assert PRIOR_CASE in problems[0].why and "3 years" in problems[0].why


@allows("X-5")
def test_x5_a_clean_record_allows_first_violation() -> None:
    """X-5: no earlier penalty in the window: the first-violation decision passes every gate."""
    assert first_violation().rules("decide", DECIDED, responsible=HEAD, prior=[]) == set()


@allows("X-5")
@pytest.mark.parametrize("ground", ["minor", "no-fault", "not-established"])
def test_x5_other_grounds_do_not_look_back(ground: str) -> None:
    """X-5: only a first-violation ground needs the clean record."""
    case = CaseBuilder().propose(PROPOSED, no_penalty=ground).review(PROPOSED)
    assert "X-5" not in case.rules("decide", DECIDED, responsible=HEAD,
                                   prior=[(PRIOR_CASE, dt.date(2024, 5, 6))])


# --- S-1: service ------------------------------------------------------------------------------

@allows("S-1")
@pytest.mark.parametrize("served", [DECIDED, SERVED, "2025-03-31"])
def test_s1_served_within_7_working_days_is_met(served: str) -> None:
    """S-1: decided Thu 03-20, due the 7th working day after, Mon 03-31 (inclusive)."""
    case = CaseBuilder().decided().serve(served)
    s1 = clock(case, "S-1", served)
    assert (s1.due, s1.unit, s1.state(day(served))) == (day("2025-03-31"), "working", "met")


@allows("S-1")
def test_s1_a_no_penalty_decision_is_served_too() -> None:
    """S-1: every decision is served, a no-penalty one included."""
    case = outcome_decided(no_penalty="minor").serve("2025-03-31")
    assert clock(case, "S-1", "2025-03-31").state(day("2025-03-31")) == "met"


@refuses("S-1")
def test_s1_service_after_the_7th_working_day_is_late_unserved_breached() -> None:
    """S-1: served Tue 04-01 is late; not served by then is breached."""
    late = CaseBuilder().decided().serve("2025-04-01")
    assert clock(late, "S-1", "2025-04-01").state(day("2025-04-01")) == "late"
    unserved = CaseBuilder().decided()
    assert clock(unserved, "S-1", "2025-03-31").state(day("2025-03-31")) == "running"
    assert clock(unserved, "S-1", "2025-04-01").state(day("2025-04-01")) == "breached"


# --- S-2: payment and surcharge ----------------------------------------------------------------

@allows("S-2")
def test_s2_paid_within_15_calendar_days_moved_past_qingming_is_met() -> None:
    """S-2: served 03-21, day 15 is Sat 04-05 in the Qingming break: due Mon 04-07, no charge."""
    case = CaseBuilder().decided().serve(SERVED).pay("2025-04-07")
    s2 = clock(case, "S-2", "2025-04-07")
    assert (s2.due, s2.unit, s2.state(day("2025-04-07"))) == (day("2025-04-07"), "calendar", "met")
    assert s2.view(day("2025-04-07"), DEFAULT)["surcharge"] == "0.00"


@refuses("S-2")
def test_s2_paid_late_is_late_with_3_percent_per_day() -> None:
    """S-2: paid Tue 04-08, one day late: 3% of the 5,000-yuan fine, 150 yuan (gains excluded)."""
    case = CaseBuilder().decided(gains=2000).serve(SERVED).pay("2025-04-08")
    s2 = clock(case, "S-2", "2025-04-08")
    assert s2.state(day("2025-04-08")) == "late"
    assert s2.view(day("2025-04-20"), DEFAULT)["surcharge"] == "150.00"


@refuses("S-2")
def test_s2_unpaid_or_partly_paid_past_the_due_date_is_breached() -> None:
    """S-2: a part payment does not meet the clock; the surcharge runs to today."""
    case = CaseBuilder().decided().serve(SERVED).pay("2025-04-01", yuan=1000)
    s2 = clock(case, "S-2", "2025-04-17")
    assert s2.state(day("2025-04-07")) == "running"
    assert s2.state(day("2025-04-08")) == "breached"
    assert s2.view(day("2025-04-17"), DEFAULT)["surcharge"] == "1500.00"  # 10 days x 150


@refuses("S-2")
def test_s2_service_by_public_notice_takes_effect_30_days_later() -> None:
    """S-1/S-2: public notice 03-21 takes effect 04-20; day 15 is Mon 05-05 (holiday): 05-06."""
    case = CaseBuilder().decided().serve(SERVED, method="public-notice").pay("2025-05-07")
    s2 = clock(case, "S-2", "2025-05-07")
    assert s2.due == day("2025-05-06")
    assert s2.state(day("2025-05-07")) == "late"


@refuses("S-2")
@allows("S-2")
@pytest.mark.parametrize(("days_late", "fen"), [
    (-5, 0), (0, 0), (1, 15000), (10, 150000), (33, 495000), (34, 500000), (400, 500000),
])
def test_s2_surcharge_is_3_percent_a_day_capped_at_the_fine(days_late: int, fen: int) -> None:
    """S-2: 3% of the fine per day after the due date, never more than the fine."""
    due = day("2025-04-07")
    assert surcharge_fen(500000, due, due + dt.timedelta(days=days_late)) == fen


@allows("S-2")
@pytest.mark.parametrize("fen", [1, 250000, 500000])
def test_s2_a_payment_up_to_what_is_owed_is_accepted(fen: int) -> None:
    """S-2: a served fine takes payments up to the amount owed."""
    case = CaseBuilder().decided().serve(SERVED)
    assert case.rules("pay", PAID, request={"amount_fen": fen}) == set()


@refuses("S-2")
def test_s2_no_payment_beyond_what_is_owed() -> None:
    """S-2: 5,000 yuan owed: 5,000.01 is refused; after 3,000 paid, 2,000.01 is too."""
    case = CaseBuilder().decided().serve(SERVED)
    assert "S-2" in case.rules("pay", PAID, request={"amount_fen": 500001})
    case.pay(PAID, yuan=3000)
    assert "S-2" in case.rules("pay", PAID, request={"amount_fen": 200001})
    assert case.rules("pay", PAID, request={"amount_fen": 200000}) == set()


@refuses("S-2")
def test_s2_nothing_is_owed_on_a_warning_a_no_penalty_or_a_paid_fine() -> None:
    """S-2: a warning or a no-penalty decision owes nothing; nor does a fine paid in full."""
    warning = CaseBuilder().decided(fine=None, warning=True).serve(SERVED)
    assert "S-2" in warning.rules("pay", PAID, request={"amount_fen": 100})
    assert "S-2" not in clock_rules(warning, PAID)
    no_penalty = outcome_decided(no_penalty="minor").serve(SERVED)
    assert "S-2" in no_penalty.rules("pay", PAID, request={"amount_fen": 100})
    paid = CaseBuilder().decided().serve(SERVED).pay(PAID)
    assert "S-2" in paid.rules("pay", PAID, request={"amount_fen": 100})


@refuses("S-2")
def test_s2_payment_follows_service() -> None:
    """S-2: the 15 days run from service; an unserved decision takes no payment."""
    assert "S-2" in CaseBuilder().decided().rules("pay", SERVED, request={"amount_fen": 100})


# --- G-1: what is disclosed --------------------------------------------------------------------

@allows("G-1")
@pytest.mark.parametrize("penalty", [
    {}, {"warning": True}, {"fine": None, "criticism": True}, {"fine": None, "gains": 800},
], ids=["fine", "warning+fine", "criticism", "gains"])
def test_g1_a_penalty_decision_is_disclosed(penalty: dict[str, Any]) -> None:
    """G-1: every penalty decision except a warning alone is disclosed (decided or later)."""
    case = CaseBuilder().decided(**penalty)
    assert case.rules("disclose", "2025-03-25") == set()
    assert "G-2" in clock_rules(case, "2025-03-25")
    case.serve(SERVED)
    assert case.rules("disclose", "2025-03-25") == set()


@refuses("G-1")
def test_g1_a_warning_only_decision_is_not_disclosed() -> None:
    """G-1: a warning and nothing else: not disclosed, and no G-2 clock."""
    case = CaseBuilder().decided(fine=None, warning=True)
    assert "G-1" in case.rules("disclose", "2025-03-25")
    assert "G-2" not in clock_rules(case, "2025-05-01")


@refuses("G-1")
@pytest.mark.parametrize("outcome", [
    {"no_penalty": "minor"}, {"no_penalty": "first-violation"},
    {"transfer": "judicial"}, {"transfer": "agency"},
])
def test_g1_no_penalty_and_transfer_outcomes_are_not_disclosed(outcome: dict[str, Any]) -> None:
    """G-1: only penalty decisions are disclosed."""
    case = outcome_decided(**outcome)
    assert "G-1" in case.rules("disclose", "2025-03-25")
    assert "G-2" not in clock_rules(case, "2025-05-01")


@refuses("G-1")
def test_g1_a_decision_is_disclosed_once() -> None:
    """G-1: a second disclosure of the same decision is refused."""
    case = CaseBuilder().decided().disclose("2025-03-25")
    assert "G-1" in case.rules("disclose", "2025-03-26")


@refuses("G-1")
def test_g1_nothing_is_disclosed_before_the_decision_nor_after_revocation() -> None:
    """G-1: an undecided case has nothing to disclose; a revoked decision is not disclosed."""
    assert "G-1" in CaseBuilder().through_notice().rules("disclose", "2025-03-25")
    assert "G-1" in CaseBuilder().decided().revoke("2025-03-24").rules("disclose", "2025-03-25")


# --- G-2: when it is disclosed -----------------------------------------------------------------

@allows("G-2")
@pytest.mark.parametrize("on", ["2025-03-20", "2025-03-31", "2025-04-18"])
def test_g2_disclosed_within_20_working_days_is_met(on: str) -> None:
    """G-2: decided 03-20, due the 20th working day after (Qingming skipped): Fri 04-18."""
    case = CaseBuilder().decided()
    assert disclosed(case, on)["due"] == "2025-04-18"
    assert disclosed(case, on)["late"] is False
    g2 = clock(case.disclose(on), "G-2", on)
    assert (g2.due, g2.unit, g2.state(day(on))) == (day("2025-04-18"), "working", "met")


@refuses("G-2")
def test_g2_disclosed_after_the_due_date_is_late_undisclosed_breached() -> None:
    """G-2: disclosed Mon 04-21 is late (and recorded as late); undisclosed then, breached."""
    case = CaseBuilder().decided()
    assert disclosed(case, "2025-04-21")["late"] is True
    assert clock(case, "G-2", "2025-04-21").state(day("2025-04-21")) == "breached"
    case.disclose("2025-04-21")
    assert case.state["disclosure"]["late"] is True
    assert clock(case, "G-2", "2025-04-21").state(day("2025-04-21")) == "late"


@allows("G-2")
def test_g2_warns_from_the_7th_working_day() -> None:
    """G-2: running, with a warning from the TSG target (03-31) while not yet due."""
    g2 = clock(CaseBuilder().decided(), "G-2", "2025-03-28")
    assert g2.view(day("2025-03-28"), DEFAULT)["warning"] is False
    assert g2.view(day("2025-03-31"), DEFAULT)["warning"] is True
    assert g2.view(day("2025-03-31"), DEFAULT)["state"] == "running"


# --- G-3: what the record shows ----------------------------------------------------------------

G3_FIELDS = {"decision_no", "party_name", "party_id", "violation", "penalty", "bureau",
             "decided_on"}


@refuses("G-3")
def test_g3_a_natural_persons_id_is_masked_to_first_6_and_last_4() -> None:
    """G-3: `511602********0014`: 8 stars; no address, phone or bank account in the record."""
    pid = resident_id(1)
    case = CaseBuilder(kind="person", party_id=pid).decided()
    record = disclosed(case, "2025-03-25")["record"]
    assert record["party_id"] == pid[:6] + "********" + pid[-4:] == "511602********0014"
    assert pid not in str(record)
    assert set(record) == G3_FIELDS


@refuses("G-3")
@pytest.mark.parametrize(("party_id", "shown"), [
    ("E12345678", "E1*****78"),  # a passport: first 2 and last 2 at most
    ("H1234567890", "H1*******90"),  # an 11-character permit: not one star
    ("C12345", "C1***5"),  # at least half of it stars
    ("AB12", "A**2"),
    ("ABC", "A**"),
    ("X", "*"),
])
def test_g3_any_other_identifier_shows_at_most_its_first_2_and_last_2(
        party_id: str, shown: str) -> None:
    """G-3: a passport or permit of a party of kind `other`: at most the first 2 and last 2
    characters, at least half of it `*`."""
    case = CaseBuilder(kind="other", party_id=party_id).decided()
    record = disclosed(case, "2025-03-25")["record"]
    assert record["party_id"] == shown
    assert shown.count("*") * 2 >= len(party_id)
    assert party_id not in str(record)


@allows("G-3")
@pytest.mark.parametrize("kind", ["org", "individual-business"])
def test_g3_a_credit_code_is_shown_in_full(kind: str) -> None:
    """G-3: an organisation's or individual business's credit code is published whole."""
    code = credit_code(7)
    case = CaseBuilder(kind=kind, party_id=code).decided()
    record = disclosed(case, "2025-03-25")["record"]
    assert record == {
        "decision_no": "广区市监处罚〔2025〕1号", "party_name": "广安某某商行", "party_id": code,
        "violation": "销售过期食品", "penalty": "罚款5000.00元",
        "bureau": "广安市广安区市场监督管理局", "decided_on": DECIDED,
    }


# --- G-4: how long it stays published ----------------------------------------------------------

@refuses("G-4")
@pytest.mark.parametrize(("kind", "penalty"), [
    ("org", {"fine": 99999}),
    ("org", {"fine": 20000}),
    ("person", {"fine": 9999}),
    ("individual-business", {"fine": 9999}),
    ("other", {"fine": 9999}),
    ("org", {"fine": None, "criticism": True}),
    ("person", {"fine": 5000, "warning": True}),
])
def test_g4_a_notice_of_criticism_or_a_low_fine_is_published_3_months(
        kind: str, penalty: dict[str, Any]) -> None:
    """G-4: below 100,000 yuan (organisation) or 10,000 yuan (natural person): 3 months."""
    case = CaseBuilder(kind=kind).decided(**penalty)
    assert disclosed(case, "2025-03-25")["until"] == "2025-06-25"


@refuses("G-4")
def test_g4_three_months_end_on_the_last_day_of_a_shorter_month() -> None:
    """G-4: disclosed 2025-11-30, three months later is 2026-02-28."""
    case = CaseBuilder().decided()
    assert disclosed(case, "2025-11-30")["until"] == "2026-02-28"


@allows("G-4")
@pytest.mark.parametrize(("kind", "penalty"), [
    ("org", {"fine": 100000}),  # at the threshold: not below it
    ("person", {"fine": 10000}),
    ("individual-business", {"fine": 20000}),  # a natural person's threshold
    ("other", {"fine": 20000}),  # kind `other` counts as a natural person
    ("org", {"fine": None, "gains": 500}),  # confiscation: not a low fine
    ("org", {"fine": 1000, "sanctions": ("licence-revocation",)}),
    ("org", {"fine": None, "sanctions": ("business-suspension",), "restriction_months": 24}),
])
def test_g4_otherwise_3_years(kind: str, penalty: dict[str, Any]) -> None:
    """G-4: every other penalty stays published 3 years."""
    case = CaseBuilder(kind=kind).decided(**penalty)
    assert disclosed(case, "2025-03-25")["until"] == "2028-03-25"


@allows("G-4")
def test_g4_a_restriction_longer_than_3_years_stays_published_for_its_length() -> None:
    """G-4: a 5-year employment restriction: published until 2030-03-25."""
    case = CaseBuilder(kind="person").decided(
        fine=None, sanctions=("employment-restriction",), restriction_months=60)
    assert disclosed(case, "2025-03-25")["until"] == "2030-03-25"
    case.disclose("2025-03-25")
    assert case.state["disclosure"]["until"] == "2030-03-25"


@allows("G-4")
def test_g4_the_thresholds_are_configurable() -> None:
    """G-4: with the organisation's low fine at 10,000 yuan, a 20,000-yuan fine runs 3 years."""
    case = CaseBuilder(cfg=settings(low_fine_org="10000")).decided(fine=20000)
    assert disclosed(case, "2025-03-25")["until"] == "2028-03-25"


# --- G-5: withdrawal after revocation ----------------------------------------------------------

def revoked_after_disclosure(revoked: str = "2025-04-02") -> CaseBuilder:
    return CaseBuilder().decided().serve(SERVED).disclose("2025-03-25").revoke(revoked)


@allows("G-5")
@pytest.mark.parametrize("withdrawn", ["2025-04-02", "2025-04-08"])
def test_g5_withdrawn_within_3_working_days_of_revocation_is_met(withdrawn: str) -> None:
    """G-5: revoked Wed 04-02; 3 working days skip Qingming and the weekend: due Tue 04-08."""
    case = revoked_after_disclosure().withdraw(withdrawn)
    g5 = clock(case, "G-5", withdrawn)
    assert (g5.due, g5.unit, g5.state(day(withdrawn))) == (day("2025-04-08"), "working", "met")


@refuses("G-5")
def test_g5_withdrawn_later_is_late_not_withdrawn_breached() -> None:
    """G-5: withdrawn 04-09 is late; still published on 04-09, breached."""
    case = revoked_after_disclosure()
    assert clock(case, "G-5", "2025-04-08").state(day("2025-04-08")) == "running"
    assert clock(case, "G-5", "2025-04-09").state(day("2025-04-09")) == "breached"
    case.withdraw("2025-04-09")
    assert clock(case, "G-5", "2025-04-09").state(day("2025-04-09")) == "late"


@allows("G-5")
def test_g5_a_disclosure_is_withdrawn_and_a_decision_revoked() -> None:
    """G-5: a disclosed decision is revoked; its disclosure is withdrawn."""
    case = CaseBuilder().decided().serve(SERVED).disclose("2025-03-25")
    assert case.rules("revoke", "2025-04-02") == set()
    case.revoke("2025-04-02")
    assert case.rules("withdraw", "2025-04-03") == set()


@refuses("G-5")
def test_g5_refuses_withdrawing_nothing_or_twice_and_revoking_twice() -> None:
    """G-5: no disclosure, nothing to withdraw; each is withdrawn or revoked once."""
    assert "G-5" in CaseBuilder().decided().rules("withdraw", "2025-03-25")
    assert "G-5" in CaseBuilder().through_notice().rules("revoke", "2025-03-25")
    case = revoked_after_disclosure().withdraw("2025-04-03")
    assert "G-5" in case.rules("withdraw", "2025-04-04")
    assert "G-5" in case.rules("revoke", "2025-04-04")


# --- T-1: suspected crimes to the police -------------------------------------------------------

@allows("T-1")
@pytest.mark.parametrize("to", ["police", "procuratorate"])
def test_t1_a_transfer_judicial_decision_goes_to_the_police(to: str) -> None:
    """T-1: a decision to transfer a suspected crime is followed by the transfer."""
    case = outcome_decided(transfer="judicial")
    assert case.rules("transfer", "2025-03-24", request={"to": to, "agency": None}) == set()


@allows("T-1")
def test_t1_a_fine_never_replaces_a_transfer() -> None:
    """T-1: a penalty decision may still be transferred; the fine stays to be paid."""
    case = CaseBuilder().decided().serve(SERVED)
    assert case.rules("transfer", PAID, request={"to": "police", "agency": None}) == set()
    case.transfer(PAID)
    assert case.state["status"] == "served"
    assert "K-1" in case.rules("close", PAID, responsible=HEAD)
    assert case.pay("2025-03-25").rules("close", "2025-03-25", responsible=HEAD) == set()


@refuses("T-1")
@pytest.mark.parametrize("outcome", [{"no_penalty": "minor"}, {"transfer": "agency"}])
def test_t1_the_police_transfer_needs_a_judicial_transfer_or_a_penalty(
        outcome: dict[str, Any]) -> None:
    """T-1: a no-penalty or agency-transfer decision is not sent to the police."""
    case = outcome_decided(**outcome)
    assert "T-1" in case.rules("transfer", "2025-03-24", request={"to": "police", "agency": None})


@refuses("T-1")
def test_t1_a_case_is_transferred_once_and_only_once_decided() -> None:
    """T-1: a second transfer is refused; an undecided case is not transferred."""
    case = outcome_decided(transfer="judicial").transfer("2025-03-24")
    assert "T-1" in case.rules("transfer", "2025-03-25", request={"to": "police"})
    assert "T-1" in CaseBuilder().through_notice().rules("transfer", "2025-03-25",
                                                          request={"to": "police"})


@allows("T-1")
@pytest.mark.parametrize("to", ["police", "procuratorate"])
def test_t1_the_police_acceptance_follows_the_transfer(to: str) -> None:
    """T-1: the date the police opened a case is recorded, on or after the transfer."""
    case = outcome_decided(transfer="judicial").transfer("2025-03-24", to=to)
    assert case.rules("accept", "2025-03-24") == set()
    assert case.rules("accept", "2025-04-10") == set()


@refuses("T-1")
def test_t1_acceptance_needs_a_judicial_transfer_before_it_and_is_recorded_once() -> None:
    """T-1: no transfer, an agency transfer, a date before the transfer, or a repeat: refused."""
    assert "T-1" in outcome_decided(transfer="judicial").rules("accept", "2025-03-24")
    agency = outcome_decided(transfer="agency").transfer("2025-03-24", "agency", "广安区税务局")
    assert "T-1" in agency.rules("accept", "2025-03-25")
    case = outcome_decided(transfer="judicial").transfer("2025-03-24")
    assert "T-1" in case.rules("accept", "2025-03-21")
    case.accept("2025-04-10")
    assert "T-1" in case.rules("accept", "2025-04-11")


# --- T-2: to the competent agency --------------------------------------------------------------

@allows("T-2")
def test_t2_an_agency_transfer_names_the_competent_agency() -> None:
    """T-2: after a decision to transfer to another agency, naming it."""
    case = outcome_decided(transfer="agency")
    assert case.rules("transfer", "2025-03-24",
                      request={"to": "agency", "agency": "广安市广安区税务局"}) == set()
    case.transfer("2025-03-24", "agency", "广安市广安区税务局")
    assert case.state["transfer"]["agency"] == "广安市广安区税务局"
    assert case.state["status"] == "transferred"


@refuses("T-2")
@pytest.mark.parametrize("agency", [None, ""])
def test_t2_the_agency_must_be_named(agency: str | None) -> None:
    """T-2: a transfer to another agency without its name is refused."""
    case = outcome_decided(transfer="agency")
    assert "T-2" in case.rules("transfer", "2025-03-24", request={"to": "agency", "agency": agency})


@refuses("T-2")
@pytest.mark.parametrize("decided", ["penalty", "judicial", "no-penalty"])
def test_t2_an_agency_transfer_needs_a_decision_to_transfer_to_an_agency(decided: str) -> None:
    """T-2: a penalty, a judicial transfer or a no-penalty decision is not sent to an agency."""
    case = {"penalty": lambda: CaseBuilder().decided(),
            "judicial": lambda: outcome_decided(transfer="judicial"),
            "no-penalty": lambda: outcome_decided(no_penalty="minor")}[decided]()
    assert "T-2" in case.rules("transfer", "2025-03-24",
                               request={"to": "agency", "agency": "广安市广安区税务局"})


# --- K-1: when a case closes -------------------------------------------------------------------

@allows("K-1")
@pytest.mark.parametrize("path", [
    "fine-paid", "warning-served", "criticism-served", "no-penalty", "transferred",
    "agency-transferred", "terminated",
])
def test_k1_a_case_closes_on_one_of_its_grounds(path: str) -> None:
    """K-1: executed (paid in full; served, for a penalty without money), no-penalty, transfer,
    termination: closed with the head's approval."""
    case = {
        "fine-paid": lambda: CaseBuilder().decided().serve(SERVED).pay(PAID),
        "warning-served": lambda: CaseBuilder().decided(fine=None, warning=True).serve(SERVED),
        "criticism-served": lambda: CaseBuilder().decided(fine=None, criticism=True).serve(SERVED),
        "no-penalty": lambda: outcome_decided(no_penalty="minor"),
        "transferred": lambda: outcome_decided(transfer="judicial").transfer(SERVED),
        "agency-transferred": lambda: outcome_decided(transfer="agency").transfer(
            SERVED, "agency", "广安市广安区税务局"),
        "terminated": lambda: CaseBuilder().terminate("2025-03-10"),
    }[path]()
    assert case.rules("close", "2025-03-25", responsible=HEAD) == set()


@refuses("K-1")
@pytest.mark.parametrize("path", [
    "fine-decided", "fine-served", "fine-part-paid", "warning-unserved", "gains-unpaid",
])
def test_k1_an_unexecuted_penalty_is_not_closed(path: str) -> None:
    """K-1: a penalty with money closes when paid in full; one without, when served."""
    case = {
        "fine-decided": lambda: CaseBuilder().decided(),
        "fine-served": lambda: CaseBuilder().decided().serve(SERVED),
        "fine-part-paid": lambda: CaseBuilder().decided().serve(SERVED).pay(PAID, yuan=4999),
        "warning-unserved": lambda: CaseBuilder().decided(fine=None, warning=True),
        "gains-unpaid": lambda: CaseBuilder().decided(gains=800).serve(SERVED).pay(PAID, 5000),
    }[path]()
    problems = case.check("close", "2025-03-25", responsible=HEAD)
    assert [p.rule for p in problems] == ["K-1"]


@refuses("K-1")
@pytest.mark.parametrize("path", ["filed", "proposed", "notified"])
def test_k1_an_undecided_case_is_not_closed(path: str) -> None:
    """K-1: no ground while the case is still under investigation."""
    case = {"filed": lambda: CaseBuilder(), "proposed": lambda: CaseBuilder().propose(PROPOSED),
            "notified": lambda: CaseBuilder().through_notice()}[path]()
    assert "K-1" in case.rules("close", "2025-03-25", responsible=HEAD)


# --- K-2: closing within 15 working days of the ground -----------------------------------------

@allows("K-2")
@pytest.mark.parametrize("closed", ["2025-03-24", "2025-04-15"])
def test_k2_closed_within_15_working_days_of_payment_is_met(closed: str) -> None:
    """K-2: paid Mon 03-24; the 15th working day after (Qingming skipped) is Tue 04-15."""
    case = CaseBuilder().decided().serve(SERVED).pay(PAID).close(closed)
    k2 = clock(case, "K-2", closed)
    assert (k2.due, k2.unit, k2.state(day(closed))) == (day("2025-04-15"), "working", "met")


@refuses("K-2")
def test_k2_closed_later_is_late_not_closed_breached() -> None:
    """K-2: closed Wed 04-16 is late; still open that day, breached."""
    case = CaseBuilder().decided().serve(SERVED).pay(PAID)
    assert clock(case, "K-2", "2025-04-15").state(day("2025-04-15")) == "running"
    assert clock(case, "K-2", "2025-04-16").state(day("2025-04-16")) == "breached"
    case.close("2025-04-16")
    assert clock(case, "K-2", "2025-04-16").state(day("2025-04-16")) == "late"


@allows("K-2")
@pytest.mark.parametrize(("path", "ground"), [
    ("warning-served", SERVED), ("no-penalty", DECIDED), ("transferred", PAID),
    ("terminated", "2025-03-10"),
])
def test_k2_runs_from_the_ground_for_closing(path: str, ground: str) -> None:
    """K-2: from service (no money), the decision (no-penalty), the transfer, the termination."""
    case = {
        "warning-served": lambda: CaseBuilder().decided(fine=None, warning=True).serve(SERVED),
        "no-penalty": lambda: outcome_decided(no_penalty="minor"),
        "transferred": lambda: outcome_decided(transfer="judicial").transfer(PAID),
        "terminated": lambda: CaseBuilder().terminate("2025-03-10"),
    }[path]()
    due = DEFAULT.add_working_days(day(ground), 15)[0]
    assert clock(case, "K-2", ground).due == due
    case.close(due.isoformat())
    assert clock(case, "K-2", due.isoformat()).state(due) == "met"


@refuses("K-2")
def test_k2_no_clock_before_a_ground_then_late_from_it() -> None:
    """K-2: an unpaid fine gives no ground yet; a no-penalty decision closed after 15 days is late."""
    assert "K-2" not in clock_rules(CaseBuilder().decided().serve(SERVED), "2025-06-01")
    case = outcome_decided(no_penalty="minor")
    due = DEFAULT.add_working_days(day(DECIDED), 15)[0]
    case.close((due + dt.timedelta(days=1)).isoformat())
    assert clock(case, "K-2", "2025-06-01").state(day("2025-06-01")) == "late"


# --- K-3: a closed case ------------------------------------------------------------------------

def closed_case() -> CaseBuilder:
    """Decided, served, disclosed, paid, transferred to the police as well, and closed."""
    return (CaseBuilder().decided().serve(SERVED).disclose("2025-03-21").pay(PAID)
            .transfer(PAID).close("2025-03-28"))


STILL_OPEN = {"revoke", "withdraw", "correct", "tag", "accept"}


@refuses("K-3")
@pytest.mark.parametrize("step", sorted(set(STEPS) - STILL_OPEN))
def test_k3_a_closed_case_refuses_the_workflow_steps(step: str) -> None:
    """K-3: every step but revoke, withdraw, correct, tag and the police's acceptance."""
    problems = closed_case().check(step, "2025-04-01", responsible=HEAD,
                                   request={"days": 30, "amount_fen": 100, "to": "police",
                                            "event": "requested_on"})
    assert [p.rule for p in problems] == ["K-3"]


@allows("K-3")
@pytest.mark.parametrize(("step", "request_"), [
    ("revoke", {}),
    ("correct", {"field": "violation", "value": "销售超过保质期的食品"}),
    ("tag", {"typical": "典型案例"}),
    ("accept", {}),
])
def test_k3_a_closed_case_accepts_revoke_correct_tag_and_acceptance(
        step: str, request_: dict[str, Any]) -> None:
    """K-3: these steps stay open on a closed case."""
    assert closed_case().rules(step, "2025-04-02", request=request_) == set()


@allows("K-3")
def test_k3_a_closed_case_accepts_the_withdrawal_after_revocation() -> None:
    """K-3 with G-5: revoked after closing, the disclosure is still withdrawn."""
    case = closed_case().revoke("2025-04-02")
    assert case.state["status"] == "closed"
    assert case.rules("withdraw", "2025-04-03") == set()
    case.withdraw("2025-04-03")
    assert clock(case, "G-5", "2025-04-03").state(day("2025-04-03")) == "met"


@allows("K-3")
def test_k3_the_police_accept_a_judicial_transfer_after_closing() -> None:
    """K-3 with T-1: transferred, closed, and the police's acceptance recorded later."""
    case = outcome_decided(transfer="judicial").transfer(PAID).close("2025-03-28")
    assert case.rules("accept", "2025-04-10") == set()
    case.accept("2025-04-10")
    assert case.state["status"] == "closed"
    assert case.state["transfer"]["accepted_on"] == "2025-04-10"
