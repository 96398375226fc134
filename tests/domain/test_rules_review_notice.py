"""Review (R-1..R-5), notice and hearing (N-1..N-4) and collective discussion (C-1), at the domain
level: states folded from events by `CaseBuilder`, steps judged by `workflow.check`, clocks by
`clocks.case_clocks`. No database, no CLI.

Dates: a quiet stretch of 2025 (filed 03-03, proposed Mon 03-17, notified Tue 03-18: the party's
windows run to Tue 03-25), and National Day 2026 (notice served Mon 2026-09-28; the working days
after it are 09-29, 09-30, then 10-08, 10-09 and the make-up Saturday 10-10, the fifth).
"""

from __future__ import annotations

import datetime as dt

import pytest

from caseledger.domain.calendar import DEFAULT
from caseledger.domain.clocks import Clock, case_clocks
from caseledger.domain.penalty import build_proposal
from caseledger.domain.workflow import review_kind
from tests.domain.builder import BASIS, HEAD, REVIEWER, CaseBuilder, settings
from tests.rules import allows, refuses

PROPOSED, NOTIFIED, STATED, DECIDED = "2025-03-17", "2025-03-18", "2025-03-19", "2025-03-20"
FIFTH = "2025-03-25"  # the fifth working day after NOTIFIED: the windows' last day
AFTER = "2025-03-26"
REVIEW_DUE = "2025-03-31"  # the tenth working day after PROPOSED

N_FILED, N_PROPOSED, N_NOTICE = "2026-09-01", "2026-09-21", "2026-09-28"
N_FIFTH, N_AFTER = "2026-10-10", "2026-10-11"  # the make-up Saturday, and the day after it
BIG = 200_000  # yuan: above the organisation's hearing threshold


def decide(case: CaseBuilder, on: str) -> set[str]:
    """The rules refusing the decision on `on`, approved by a head."""
    return case.rules("decide", on, responsible=HEAD)


def why(case: CaseBuilder, step: str, on: str, rule: str, **kwargs: object) -> str:
    """The `why` of `rule`'s refusal of `step` on `on` (it must refuse)."""
    found = [p.why for p in case.check(step, on, **kwargs) if p.rule == rule]
    assert found, f"{rule} does not refuse {step} on {on}"
    return " ".join(found)


def clock(case: CaseBuilder, rule: str, today: str) -> Clock | None:
    wanted = [c for c in case_clocks(case.state, DEFAULT, dt.date.fromisoformat(today))
              if c.rule == rule]
    return wanted[0] if wanted else None


def propose_fen(case: CaseBuilder, on: str, *, fine_fen: int | None = None,
                gains_fen: int | None = None, sanctions: tuple[str, ...] = (),
                warning: bool = False) -> CaseBuilder:
    """A penalty proposal with amounts in fen (the builder takes whole yuan only)."""
    proposal = build_proposal(
        warning=warning, criticism=False, fine_fen=fine_fen, gains_fen=gains_fen,
        property_text=None, sanctions=list(sanctions), basis=BASIS, discretion=None,
        discretion_ref=None, no_penalty=None, citation=None, transfer=None)
    return case.add("case.propose", on, {"proposal": proposal.to_payload()})


def national_day(**penalty: object) -> CaseBuilder:
    """Proposed, reviewed and notified on Mon 2026-09-28, before the National Day holiday."""
    return CaseBuilder(filed=N_FILED).through_notice(N_PROPOSED, N_NOTICE, **penalty)


def heard(ending: str = "held_on", on: str = "2026-10-13", *,
          major: str | None = None) -> CaseBuilder:
    """A heavy penalty notified before National Day; the party asks for a hearing on 09-29."""
    case = CaseBuilder(filed=N_FILED, major=major).through_notice(N_PROPOSED, N_NOTICE, fine=BIG)
    return case.hearing("requested_on", "2026-09-29").hearing(ending, on)


# --- an agreeing review, on or after the latest proposal ------------------------------------

@refuses("R-1")
@allows("R-1")
def test_r1_no_decision_without_a_review():
    """R-1: no case is decided without a review (件件必监督, 案案有审核); one agreeing allows it."""
    case = CaseBuilder().propose(PROPOSED, no_penalty="minor")
    assert decide(case, DECIDED) == {"R-1"}  # the status alone (proposed) refuses it
    case.review(PROPOSED)
    assert decide(case, DECIDED) == set()


@refuses("R-1")
def test_r1_refuses_a_decision_when_the_reviews_are_missing_in_a_notified_case():
    """R-1: a notified case with its review removed from the story still needs one."""
    case = CaseBuilder().propose(PROPOSED).notify(NOTIFIED).statement(STATED)
    assert case.state["status"] == "notified"
    assert "R-1" in decide(case, DECIDED)
    assert "no review" in why(case, "decide", DECIDED, "R-1", responsible=HEAD)


@refuses("R-1")
@allows("R-1")
def test_r1_a_review_is_dated_on_or_after_the_proposal():
    """R-1: a review dated before the proposal it reviews is refused; the same day is fine."""
    case = CaseBuilder().propose(PROPOSED)
    assert "R-1" in case.rules("review", "2025-03-14", responsible=REVIEWER)
    assert PROPOSED in why(case, "review", "2025-03-14", "R-1", responsible=REVIEWER)
    assert case.rules("review", PROPOSED, responsible=REVIEWER) == set()


@refuses("R-1")
@allows("R-1")
@pytest.mark.parametrize("outcome", ["other", "correct"])
def test_r1_the_latest_review_must_agree(outcome):
    """R-1: the latest review's outcome is `agree`; an earlier agreement does not count."""
    case = CaseBuilder().through_notice().statement(STATED).review(STATED, outcome)
    assert "R-1" in decide(case, DECIDED)
    assert outcome in why(case, "decide", DECIDED, "R-1", responsible=HEAD)
    case.review(STATED)
    assert decide(case, DECIDED) == set()


@refuses("R-1")
@allows("R-1")
def test_r1_the_agreeing_review_must_postdate_the_latest_proposal():
    """R-1: a review that agreed with an earlier proposal does not cover a changed one, even
    once the changed proposal was notified."""
    case = CaseBuilder().through_notice(fine=5000).statement(STATED).propose(STATED, fine=3000)
    assert "R-1" in decide(case, DECIDED)  # the status (proposed) already says so
    case.notify(STATED).statement(STATED)
    assert decide(case, DECIDED) == {"R-1"}
    text = why(case, "decide", DECIDED, "R-1", responsible=HEAD)
    assert PROPOSED in text and STATED in text
    case.review(STATED)
    assert decide(case, DECIDED) == set()


@refuses("R-1")
@allows("R-1")
def test_r1_the_decision_is_not_dated_before_the_agreeing_review():
    """R-1: the decision follows the review that allows it."""
    case = CaseBuilder().propose(PROPOSED, no_penalty="minor").review("2025-03-25")
    assert "R-1" in decide(case, DECIDED)
    assert "2025-03-25" in why(case, "decide", DECIDED, "R-1", responsible=HEAD)
    assert decide(case, "2025-03-25") == set()


# --- 法制审核 for a major case, 案件审核 otherwise ---------------------------------------------

@allows("R-2")
def test_r2_a_case_filed_major_gets_a_legal_review():
    """R-2: a major case's review is 法制审核 (legal); the legal review allows the decision."""
    case = CaseBuilder(major="public-interest").through_notice().statement(STATED)
    assert review_kind(case.state) == "legal"
    assert case.state["reviews"][-1]["kind"] == "legal"
    case.discuss(STATED)
    assert decide(case, DECIDED) == set()


@allows("R-2")
def test_r2_an_ordinary_case_is_decided_on_a_case_review():
    """R-2: a case that is not major gets 案件审核, which allows its decision."""
    case = CaseBuilder().through_notice().statement(STATED)
    assert review_kind(case.state) == "case"
    assert case.state["reviews"][-1]["kind"] == "case"
    assert decide(case, DECIDED) == set()


@refuses("R-2")
def test_r2_a_major_case_is_not_decided_on_a_case_review():
    """R-2: a major case's 案件审核 does not allow the decision."""
    case = CaseBuilder(major="complex").propose(PROPOSED).review(PROPOSED, kind="case")
    case.notify(NOTIFIED).statement(STATED).discuss(STATED)
    assert "R-2" in decide(case, DECIDED)
    assert "法制审核" in why(case, "decide", DECIDED, "R-2", responsible=HEAD)


@refuses("R-2")
@allows("R-2")
def test_r2_a_case_made_major_later_needs_a_new_legal_review():
    """R-2: the major flag set after a 案件审核 calls for a 法制审核 before the decision."""
    case = CaseBuilder().through_notice().statement(STATED)
    assert case.rules("correct", STATED, request={"field": "major", "value": "complex"}) == set()
    case.correct(STATED, "major", "complex").discuss(STATED)
    assert "R-2" in decide(case, DECIDED)
    case.review(STATED)
    assert case.state["reviews"][-1]["kind"] == "legal"
    case.discuss(STATED)
    assert decide(case, DECIDED) == set()


@refuses("R-2")
def test_r2_the_major_flag_is_not_set_after_the_decision():
    """R-2: the major flag is set at filing or later, until the decision."""
    case = CaseBuilder().decided(DECIDED)
    assert case.rules("correct", DECIDED, request={"field": "major", "value": "complex"}) \
        == {"R-2"}
    assert case.rules("correct", DECIDED, request={"field": "violation", "value": "x"}) == set()


@refuses("R-2")
@allows("R-2")
def test_r2_a_hearing_held_makes_the_case_major_for_good():
    """R-2: a hearing held makes the case major (reason `hearing`); it cannot be unset."""
    case = heard("held_on", "2026-10-13")
    assert case.state["major"] == "hearing"
    assert review_kind(case.state) == "legal"
    assert case.rules("correct", "2026-10-14", request={"field": "major", "value": None}) \
        == {"R-2"}
    assert case.rules("correct", "2026-10-14",
                      request={"field": "major", "value": "complex"}) == set()


@allows("R-2")
@pytest.mark.parametrize("ending", ["withdrawn_on", "absent_on"])
def test_r2_a_hearing_not_held_leaves_the_case_ordinary(ending):
    """R-2: only a hearing held makes the case major; a withdrawn or missed one does not."""
    case = heard(ending, "2026-10-13")
    assert case.state["major"] is None
    assert decide(case, "2026-10-14") == set()


# --- after a hearing, the 法制审核 is dated on or after it ------------------------------------

@refuses("R-3")
@allows("R-3")
def test_r3_the_legal_review_must_follow_the_hearing():
    """R-3: a major case heard on 10-13 needs its agreeing 法制审核 dated on or after 10-13."""
    case = heard("held_on", "2026-10-13", major="complex").discuss("2026-10-14")
    assert "R-3" in decide(case, "2026-10-15")
    assert "2026-10-13" in why(case, "decide", "2026-10-15", "R-3", responsible=HEAD)
    case.review("2026-10-13").discuss("2026-10-14")  # the hearing's own day is on or after it
    assert decide(case, "2026-10-15") == set()


@refuses("R-3", "R-2", "C-1")
@allows("R-3", "R-2", "C-1")
def test_r3_a_hearing_held_needs_a_legal_review_and_discussion_after_it():
    """R-2/R-3/C-1: a hearing held makes an ordinary case major; the pre-hearing 案件审核
    no longer allows the decision; a later 法制审核 and a discussion after it do."""
    case = heard("held_on", "2026-10-13")
    assert case.state["reviews"][-1]["kind"] == "case"
    assert {"R-2", "R-3", "C-1"} <= decide(case, "2026-10-15")
    case.review("2026-10-14")
    assert case.state["reviews"][-1]["kind"] == "legal"
    assert decide(case, "2026-10-15") == {"C-1"}
    case.discuss("2026-10-14")
    assert decide(case, "2026-10-15") == set()


@allows("R-3")
def test_r3_without_a_hearing_held_an_earlier_review_stands():
    """R-3: only a hearing held asks for a later review; a withdrawn request does not."""
    case = heard("withdrawn_on", "2026-10-13")
    assert "R-3" not in decide(case, "2026-10-14")
    assert decide(case, "2026-10-14") == set()


# --- review outcomes -----------------------------------------------------------------------

@refuses("R-4", "R-1")
@allows("R-4", "R-1")
def test_r4_investigate_returns_the_case_to_investigation():
    """R-4: `investigate` sends the case back to investigation: no decision until a new
    proposal is reviewed."""
    case = CaseBuilder().propose(PROPOSED, no_penalty="minor").review(PROPOSED, "investigate")
    assert case.state["status"] == "filed"
    assert case.state["proposal"] is None and case.state["proposed_on"] is None
    assert decide(case, DECIDED) == {"R-1"}
    assert "filed" in why(case, "decide", DECIDED, "R-1", responsible=HEAD)
    case.propose(STATED, no_penalty="minor")
    assert "R-1" in decide(case, DECIDED)
    case.review(STATED)
    assert decide(case, DECIDED) == set()


@refuses("R-4", "R-1")
@allows("R-4", "R-1")
def test_r4_correct_needs_a_changed_proposal_reviewed_again():
    """R-4: `correct` recommends changes: the changed proposal must be reviewed again."""
    case = CaseBuilder().propose(PROPOSED, no_penalty="minor").review(PROPOSED, "correct")
    assert case.state["status"] == "proposed"
    assert "R-1" in decide(case, DECIDED)
    case.propose(STATED, no_penalty="first-violation")
    assert "R-1" in decide(case, DECIDED)
    case.review(STATED)
    assert decide(case, DECIDED) == set()


@refuses("R-4")
@allows("R-4")
def test_r4_other_with_an_opinion_does_not_allow_the_decision():
    """R-4: an `other` review (with its opinion recorded) does not allow the decision."""
    case = CaseBuilder().through_notice().statement(STATED).review(STATED, "other")
    assert case.state["reviews"][-1]["opinion"]
    assert case.state["status"] == "notified"
    assert "R-1" in decide(case, DECIDED)
    case.review(STATED, "agree")
    assert decide(case, DECIDED) == set()


@allows("R-4")
def test_r4_agree_moves_a_proposal_to_reviewed():
    """R-4: `agree` marks the proposal reviewed and lets the decision go ahead."""
    case = CaseBuilder().propose(PROPOSED, no_penalty="minor")
    assert case.state["status"] == "proposed"
    case.review(PROPOSED)
    assert case.state["status"] == "reviewed"
    assert decide(case, DECIDED) == set()


# --- the review is completed within 10 working days (clock) ----------------------------------

@allows("R-5")
@pytest.mark.parametrize("reviewed", [PROPOSED, "2025-03-24", REVIEW_DUE])
def test_r5_a_review_within_ten_working_days_is_met(reviewed):
    """R-5: 10 working days from the proposal (its day not counted), the tenth included."""
    c = clock(CaseBuilder().propose(PROPOSED).review(reviewed), "R-5", "2025-04-30")
    assert c is not None and c.due.isoformat() == REVIEW_DUE and c.unit == "working"
    assert c.state(dt.date(2025, 4, 30)) == "met"


@refuses("R-5")
def test_r5_a_review_after_the_tenth_working_day_is_late():
    """R-5: a review recorded after its due date is recorded, and its clock says `late`."""
    case = CaseBuilder().propose(PROPOSED)
    assert case.rules("review", "2025-04-01", responsible=REVIEWER) == set()  # a clock, no gate
    c = clock(case.review("2025-04-01"), "R-5", "2025-04-30")
    assert c is not None and c.state(dt.date(2025, 4, 30)) == "late"


@refuses("R-5")
@allows("R-5")
def test_r5_an_open_review_runs_then_is_breached():
    """R-5: no review yet: `running` up to the due date, `breached` the day after."""
    c = clock(CaseBuilder().propose(PROPOSED), "R-5", REVIEW_DUE)
    assert c is not None
    assert c.state(dt.date.fromisoformat(REVIEW_DUE)) == "running"
    assert c.state(dt.date(2025, 4, 1)) == "breached"


@allows("R-5")
def test_r5_runs_from_the_latest_proposal():
    """R-5: a new proposal restarts the clock; a review of the earlier one does not meet it."""
    case = CaseBuilder().propose(PROPOSED).review(PROPOSED, "correct").propose("2025-04-01")
    c = clock(case, "R-5", "2025-04-02")
    assert c is not None and c.met_on is None
    assert c.due == dt.date(2025, 4, 16)  # Qingming (Fri 04-04) is not a working day
    assert c.state(dt.date(2025, 4, 2)) == "running"


@refuses("R-5")
@allows("R-5")
def test_r5_the_head_extends_a_review_still_under_way():
    """R-5: the head may extend the limit up to its last day, not after it has passed."""
    case = CaseBuilder().propose(PROPOSED)
    assert case.rules("extend-review", REVIEW_DUE, responsible=HEAD) == set()
    assert case.rules("extend-review", "2025-04-01", responsible=HEAD) == {"R-5"}
    assert REVIEW_DUE in why(case, "extend-review", "2025-04-01", "R-5", responsible=HEAD)
    case.extend_review("2025-03-28", days=5)
    c = clock(case, "R-5", "2025-04-08")
    assert c is not None
    assert c.due == dt.date(2025, 4, 8)  # five more working days, Qingming 04-04 skipped
    assert c.state(dt.date(2025, 4, 8)) == "running"
    assert clock(case.review("2025-04-07"), "R-5", "2025-04-30").state(dt.date(2025, 4, 30)) \
        == "met"


@refuses("R-5")
def test_r5_no_extension_once_the_proposal_is_reviewed_or_before_it():
    """R-5: the extension is of a review under way: not after the review, nor before the
    proposal."""
    case = CaseBuilder().propose(PROPOSED)
    assert case.rules("extend-review", "2025-03-14", responsible=HEAD) == {"R-5"}
    case.review("2025-03-20")
    assert case.rules("extend-review", "2025-03-21", responsible=HEAD) == {"R-5"}
    assert "reviewed already" in why(case, "extend-review", "2025-03-21", "R-5",
                                     responsible=HEAD)


# --- N-1: a written notice before a penalty decision --------------------------------------------

@refuses("N-1")
@allows("N-1")
def test_n1_no_penalty_decision_without_a_notice():
    """N-1: a notice (告知书) of the proposed penalty is served before the decision."""
    case = CaseBuilder().propose(PROPOSED).review(PROPOSED)
    assert decide(case, DECIDED) == {"N-1"}
    case.notify(NOTIFIED).statement(STATED)
    assert decide(case, DECIDED) == set()


@refuses("N-1")
@allows("N-1")
def test_n1_the_decision_follows_the_service_of_the_notice():
    """N-1: a decision dated before the notice was served is refused."""
    case = CaseBuilder().through_notice(notified="2025-03-25").statement("2025-03-26")
    assert "N-1" in decide(case, DECIDED)
    assert "2025-03-25" in why(case, "decide", DECIDED, "N-1", responsible=HEAD)
    assert decide(case, "2025-03-27") == set()


@allows("N-1")
@pytest.mark.parametrize("no_penalty", ["minor", "first-violation", "not-established"])
def test_n1_a_no_penalty_decision_needs_no_notice(no_penalty):
    """N-1: only a penalty decision needs the notice."""
    case = CaseBuilder().propose(PROPOSED, no_penalty=no_penalty).review(PROPOSED)
    assert decide(case, DECIDED) == set()


@refuses("N-1")
@allows("N-1")
def test_n1_a_notice_is_of_a_proposed_penalty_dated_on_or_after_it():
    """N-1: the notice states a proposed penalty: none without one, nor before the proposal."""
    case = CaseBuilder()
    assert case.rules("notify", NOTIFIED) == {"N-1"}  # nothing proposed
    case.propose(PROPOSED, no_penalty="minor")
    assert case.rules("notify", NOTIFIED) == {"N-1"}
    case.propose(STATED)
    assert case.rules("notify", NOTIFIED) == {"N-1"}
    assert STATED in why(case, "notify", NOTIFIED, "N-1")
    assert case.rules("notify", STATED) == set()


# --- N-2: the party's 5-working-day statement window --------------------------------------------

@refuses("N-2")
@allows("N-2")
def test_n2_the_fifth_working_day_belongs_to_the_window():
    """N-2: decide on the window's fifth working day: refused; the day after: allowed."""
    case = CaseBuilder().through_notice()
    assert decide(case, FIFTH) == {"N-2"}
    assert FIFTH in why(case, "decide", FIFTH, "N-2", responsible=HEAD)
    assert decide(case, AFTER) == set()


@refuses("N-2")
@pytest.mark.parametrize("on", [N_NOTICE, "2026-09-30", "2026-10-01", "2026-10-08", N_FIFTH])
def test_n2_the_national_day_window_runs_to_the_make_up_saturday(on):
    """N-2/D-1: served Mon 2026-09-28, the fifth working day is the make-up Sat 2026-10-10."""
    case = national_day()
    assert "N-2" in decide(case, on)
    text = why(case, "decide", on, "N-2", responsible=HEAD)
    assert N_FIFTH in text and "provisional" not in text


@allows("N-2")
def test_n2_the_national_day_window_closes_after_the_make_up_saturday():
    """N-2: the earliest decision date is the day after the window: Sun 2026-10-11."""
    case = national_day()
    assert decide(case, N_AFTER) == set()
    c = clock(case, "N-2", N_AFTER)
    assert c is not None and c.due.isoformat() == N_FIFTH
    assert c.state(dt.date.fromisoformat(N_FIFTH)) == "running"
    assert c.state(dt.date.fromisoformat(N_AFTER)) == "met"


@allows("N-2")
@pytest.mark.parametrize("waived", [False, True])
def test_n2_a_statement_or_waiver_ends_the_window(waived):
    """N-2: the party's statement (陈述申辩) or express waiver ends the window on its date."""
    case = national_day().statement("2026-09-29", waived=waived)
    assert decide(case, "2026-09-29") == set()
    assert decide(case, "2026-09-30") == set()
    c = clock(case, "N-2", "2026-09-30")
    assert c is not None and c.state(dt.date(2026, 9, 30)) == "met"


@refuses("N-2")
@allows("N-2")
def test_n2_a_statement_dated_after_the_decision_does_not_end_the_window():
    """N-2: a statement ends the window only from its own date."""
    case = national_day().statement("2026-10-09")
    assert decide(case, "2026-09-30") == {"N-2"}
    assert decide(case, "2026-10-09") == set()


@refuses("N-2")
@allows("N-2")
def test_n2_a_statement_is_not_dated_before_the_notice():
    """N-2: the statement answers the notice, so it is dated on or after its service."""
    case = CaseBuilder().through_notice()
    assert case.rules("statement", PROPOSED) == {"N-2"}
    assert NOTIFIED in why(case, "statement", PROPOSED, "N-2")
    assert case.rules("statement", NOTIFIED) == set()


@refuses("N-2")
@allows("N-2")
def test_n2_a_new_notice_opens_a_new_window():
    """N-2: a statement answering an earlier notice does not end the window of a new one."""
    case = CaseBuilder().through_notice().statement(STATED).notify(DECIDED)
    assert case.state["statement"] is None
    assert decide(case, "2025-03-21") == {"N-2"}
    assert "2025-03-27" in why(case, "decide", "2025-03-21", "N-2", responsible=HEAD)
    assert decide(case, "2025-03-28") == set()


@refuses("N-2")
def test_n2_the_party_window_is_never_late_or_breached():
    """N-2: the party's window runs until it closes, then `met`; it never blocks as a clock."""
    case = CaseBuilder().through_notice()
    c = clock(case, "N-2", NOTIFIED)
    assert c is not None and c.party_window
    assert [c.state(dt.date.fromisoformat(x)) for x in (NOTIFIED, FIFTH, AFTER, "2026-01-01")] \
        == ["running", "running", "met", "met"]
    assert "N-2" in decide(case, FIFTH)  # the gate, not the clock, holds the decision


# --- N-3: the hearing right, its request window and a pending request ---------------------------

HEARING_RIGHT = [
    ("person", {"fine_fen": 1_000_000}),
    ("person", {"gains_fen": 1_000_000}),
    ("individual-business", {"fine_fen": 1_000_000}),
    ("individual-business", {"gains_fen": 1_000_000}),
    ("other", {"fine_fen": 1_000_000}),  # a foreign national with a passport: a natural person
    ("org", {"fine_fen": 10_000_000}),
    ("org", {"gains_fen": 10_000_000}),
    ("org", {"warning": True, "sanctions": ("licence-revocation",)}),
    ("org", {"warning": True, "sanctions": ("qualification-downgrade",)}),
    ("person", {"warning": True, "sanctions": ("business-suspension",)}),
    ("org", {"fine_fen": 100_000, "sanctions": ("closure",)}),
    ("person", {"warning": True, "sanctions": ("employment-restriction",)}),
]
NO_HEARING_RIGHT = [
    ("person", {"fine_fen": 999_999}),
    ("person", {"gains_fen": 999_999}),
    ("individual-business", {"fine_fen": 999_999}),
    ("other", {"fine_fen": 999_999}),
    ("org", {"fine_fen": 9_999_999}),
    ("org", {"fine_fen": 1_000_000}),  # a natural person's threshold is not an organisation's
    ("org", {"fine_fen": 6_000_000, "gains_fen": 6_000_000}),  # each compared alone
    ("person", {"fine_fen": 600_000, "gains_fen": 600_000}),
    ("org", {"warning": True}),
    ("org", {"warning": True, "sanctions": ("licence-suspension",)}),
    ("org", {"warning": True, "sanctions": ("production-restriction",)}),
]


def _notified(kind: str, penalty: dict[str, object], cfg: dict[str, str] | None = None) \
        -> CaseBuilder:
    case = CaseBuilder(kind=kind, cfg=cfg)
    propose_fen(case, PROPOSED, **penalty)  # type: ignore[arg-type]
    return case.review(PROPOSED).notify(NOTIFIED).statement(STATED)


@refuses("N-3")
@pytest.mark.parametrize(("kind", "penalty"), HEARING_RIGHT)
def test_n3_a_heavy_penalty_carries_a_hearing_right(kind, penalty):
    """N-3: at or above the threshold (10,000 yuan for a natural person or individual business,
    100,000 for an organisation; fine and confiscation each alone) or a heavy sanction: the
    notice says so, and the decision waits out the request window."""
    case = _notified(kind, penalty)
    assert case.state["notices"][-1]["hearing_right"] is True
    assert decide(case, STATED) == {"N-3"}
    assert FIFTH in why(case, "decide", STATED, "N-3", responsible=HEAD)


@allows("N-3")
@pytest.mark.parametrize(("kind", "penalty"), NO_HEARING_RIGHT)
def test_n3_a_lighter_penalty_carries_no_hearing_right(kind, penalty):
    """N-3: below the thresholds, and without a heavy sanction, no hearing right: a statement
    lets the decision go ahead."""
    case = _notified(kind, penalty)
    assert case.state["notices"][-1]["hearing_right"] is False
    assert decide(case, STATED) == set()
    assert case.rules("hearing", STATED, request={"event": "requested_on"}) == {"N-3"}


@refuses("N-3")
@allows("N-3")
def test_n3_the_threshold_is_configurable():
    """N-3: a bureau's own threshold replaces the default."""
    penalty = {"fine_fen": 5_000_000}
    assert _notified("org", penalty).state["notices"][-1]["hearing_right"] is False
    lower = _notified("org", penalty, settings(hearing_fine_org="50000.00"))
    assert lower.state["notices"][-1]["hearing_right"] is True
    assert "N-3" in decide(lower, STATED)


@refuses("N-3")
@allows("N-3")
def test_n3_a_statement_does_not_cut_short_the_request_window():
    """N-2/N-3: a statement ends the statement window only; the request window runs to the
    make-up Saturday 2026-10-10, and the decision may follow the day after."""
    case = national_day(fine=BIG).statement("2026-09-29")
    assert decide(case, "2026-10-09") == {"N-3"}
    assert decide(case, N_FIFTH) == {"N-3"}
    assert N_FIFTH in why(case, "decide", N_FIFTH, "N-3", responsible=HEAD)
    assert decide(case, N_AFTER) == set()


@refuses("N-3")
@allows("N-3")
def test_n3_an_express_waiver_of_the_hearing_ends_the_request_window():
    """N-3: the party's express waiver of the hearing, recorded, lets an early decision go."""
    case = national_day(fine=BIG).statement("2026-09-29")
    assert "N-3" in decide(case, "2026-09-30")
    case.hearing("waived_on", "2026-09-29")
    assert decide(case, "2026-09-30") == set()


@refuses("N-3")
@allows("N-3")
def test_n3_a_request_on_the_fifth_working_day_is_in_time():
    """N-3: the party may ask up to the fifth working day (the make-up Saturday), not after."""
    case = national_day(fine=BIG)
    request = {"event": "requested_on"}
    assert case.rules("hearing", N_FIFTH, request=request) == set()
    assert case.rules("hearing", N_AFTER, request=request) == {"N-3"}
    assert N_FIFTH in why(case, "hearing", N_AFTER, "N-3", request=request)


@refuses("N-3")
@allows("N-3")
@pytest.mark.parametrize("ending", ["withdrawn_on", "absent_on"])
def test_n3_a_pending_request_blocks_until_withdrawn_or_missed(ending):
    """N-3: a request in time holds the decision until it is withdrawn or the party failed to
    appear (recorded)."""
    case = national_day(fine=BIG).statement("2026-09-29").hearing("requested_on", N_FIFTH)
    assert decide(case, "2026-10-20") == {"N-3"}
    assert N_FIFTH in why(case, "decide", "2026-10-20", "N-3", responsible=HEAD)
    case.hearing(ending, "2026-10-19")
    assert decide(case, "2026-10-19") == set()
    assert decide(case, "2026-10-20") == set()


@refuses("N-3")
@allows("N-3")
def test_n3_a_pending_request_blocks_until_the_hearing_is_held():
    """N-3: a requested hearing holds the decision until it is held (dated on or before it)."""
    case = national_day(fine=BIG).statement("2026-09-29").hearing("requested_on", "2026-09-30")
    assert decide(case, "2026-10-20") == {"N-3"}
    case.hearing("held_on", "2026-10-14").review("2026-10-15").discuss("2026-10-16")
    assert "N-3" in decide(case, "2026-10-13")  # dated before the hearing: still pending
    assert decide(case, "2026-10-20") == set()


@refuses("N-3")
def test_n3_the_hearing_outcomes_follow_a_request():
    """N-3: a hearing held, withdrawn or missed needs a request pending; one request only."""
    case = national_day(fine=BIG)
    assert case.rules("hearing", "2026-10-13", request={"event": "held_on"}) == {"N-3"}
    case.hearing("requested_on", "2026-09-29")
    assert case.rules("hearing", "2026-09-30", request={"event": "requested_on"}) == {"N-3"}
    assert case.rules("hearing", "2026-10-13", request={"event": "held_on"}) == set()


# --- N-4: no decision heavier than the notified proposal ----------------------------------------

@refuses("N-4")
@pytest.mark.parametrize(("changed", "reason"), [
    ({"fine": 8000}, "a larger fine"),
    ({"fine": 5000, "warning": True}, "sanctions not in the notice"),
    ({"fine": 5000, "gains": 1000}, "a larger confiscation"),
    ({"fine": 5000, "sanctions": ("licence-revocation",)}, "sanctions not in the notice"),
])
def test_n4_refuses_a_decision_heavier_than_the_notice(changed, reason):
    """N-4: no heavier penalty than the last notified proposal (APL Art. 45)."""
    case = CaseBuilder().through_notice(fine=5000).statement(STATED)
    case.propose(STATED, **changed).review(STATED)
    assert decide(case, DECIDED) == {"N-4"}  # reviewed again: only N-4 stands in the way
    assert reason in why(case, "decide", DECIDED, "N-4", responsible=HEAD)


@allows("N-4")
@pytest.mark.parametrize("changed", [{"fine": 5000}, {"fine": 3000}, {"fine": 1}])
def test_n4_allows_a_decision_as_heavy_as_the_notice_or_lighter(changed):
    """N-4: the same penalty or a lighter one needs no new notice."""
    case = CaseBuilder().through_notice(fine=5000).statement(STATED)
    case.propose(STATED, **changed).review(STATED)
    assert decide(case, DECIDED) == set()


@refuses("N-4")
@allows("N-4")
def test_n4_a_heavier_penalty_needs_a_new_notice():
    """N-4: a heavier penalty is decided once a new notice of it was served (and its window
    used)."""
    case = CaseBuilder().through_notice(fine=5000).statement(STATED)
    case.propose(STATED, fine=8000).review(STATED)
    assert "N-4" in decide(case, DECIDED)
    case.notify(STATED)
    assert "N-4" not in decide(case, DECIDED)
    case.statement(DECIDED)
    assert decide(case, DECIDED) == set()


# --- C-1: collective discussion for a major penalty case ----------------------------------------

@refuses("C-1")
@allows("C-1")
def test_c1_a_major_penalty_case_needs_a_collective_discussion():
    """C-1: a major case with a proposed penalty is decided after the heads' discussion."""
    case = CaseBuilder(major="complex").through_notice().statement(STATED)
    assert decide(case, DECIDED) == {"C-1"}
    assert "集体讨论" in why(case, "decide", DECIDED, "C-1", responsible=HEAD)
    case.discuss(STATED)
    assert decide(case, DECIDED) == set()


@refuses("C-1")
@allows("C-1")
def test_c1_the_discussion_follows_the_latest_agreeing_legal_review():
    """C-1: a discussion before the latest agreeing 法制审核 does not count; one the same day
    does."""
    case = CaseBuilder(major="complex").through_notice().statement(STATED).discuss(PROPOSED)
    assert decide(case, DECIDED) == set()  # the discussion is on the review's day
    case.review(STATED)  # a later 法制审核 agrees again
    assert decide(case, DECIDED) == {"C-1"}
    assert STATED in why(case, "decide", DECIDED, "C-1", responsible=HEAD)
    case.discuss(STATED)
    assert decide(case, DECIDED) == set()


@refuses("C-1")
@allows("C-1")
def test_c1_the_decision_is_not_dated_before_the_discussion():
    """C-1: the discussion is dated on or before the decision."""
    case = CaseBuilder(major="complex").through_notice().statement(STATED).discuss("2025-03-25")
    assert decide(case, DECIDED) == {"C-1"}
    assert decide(case, "2025-03-25") == set()


@allows("C-1")
@pytest.mark.parametrize(("major", "proposal"), [
    ("complex", {"no_penalty": "minor"}),
    ("public-interest", {"transfer": "agency"}),
    (None, {"fine": 5000}),
])
def test_c1_only_a_major_penalty_case_needs_the_discussion(major, proposal):
    """C-1: a major case without a penalty, or an ordinary penalty case, needs no discussion."""
    case = CaseBuilder(major=major).propose(PROPOSED, **proposal).review(PROPOSED)
    if proposal.get("fine"):
        case.notify(NOTIFIED).statement(STATED)
    assert decide(case, DECIDED) == set()
