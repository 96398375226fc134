"""`case steps` answers what the step commands then do (hypothesis; marked slow).

Random cases are driven through the CLI by the attempts of test_workflow_props; after each step
that succeeds, `case steps --on DAY -f json` is compared with the commands themselves: every step
is tried with each valid request its command accepts (listed here, independently of the domain's
own list), each try in a transaction that is rolled back. A step `case steps` shows allowed must
succeed with some request; a step it shows blocked must be refused with every request, by the rules
it names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseledger.domain.errors import Refused
from caseledger.services import steps as service
from caseledger.store import chain
from caseledger.store.db import transaction
from caseledger.store.signing import load_key
from tests.conftest import open_args
from tests.ids import credit_code
from tests.keys import key_file
from tests.test_workflow_props import FILED, argv, open_case, sequences

pytestmark = pytest.mark.slow

BASIS = "《中华人民共和国食品安全法》第一百二十四条"
Try = Callable[[Any, str, dt.date], object]  # (session, case, day) -> runs one step


def _tries() -> dict[str, list[Try]]:
    """For each step of `case steps`, every kind of valid request its command accepts."""
    s = service
    a = "admin"

    def hearing(event: str) -> Try:
        def run(db: Any, case: str, day: dt.date) -> object:
            later = (day + dt.timedelta(days=10)).isoformat() if event == "noticed_on" else None
            return s.hearing(db, a, case, event=event, on=day.isoformat(), scheduled_for=later)
        return run

    return {
        "propose": [lambda db, c, d: s.propose(db, a, c, on=d.isoformat(), fine="500",
                                               basis=BASIS),
                    lambda db, c, d: s.propose(db, a, c, on=d.isoformat(), no_penalty="minor")],
        "review": [lambda db, c, d: s.review(db, a, c, on=d.isoformat(), outcome="agree",
                                             opinion="同意", reviewer="chen")],
        "notify": [lambda db, c, d: s.notify(db, a, c, on=d.isoformat())],
        "statement": [lambda db, c, d: s.statement(db, a, c, on=d.isoformat(), text="申辩"),
                      lambda db, c, d: s.statement(db, a, c, on=d.isoformat(), waived=True)],
        "hearing": [hearing(e) for e in ("requested_on", "noticed_on", "held_on",
                                         "withdrawn_on", "absent_on", "waived_on")],
        "discuss": [lambda db, c, d: s.discuss(db, a, c, on=d.isoformat(), conclusion="同意")],
        "extend": [lambda db, c, d: s.extend(db, a, c, on=d.isoformat(), reason="复杂", days=30,
                                             approved_by="wang"),
                   lambda db, c, d: s.extend(db, a, c, on=d.isoformat(), reason="复杂",
                                             until="2030-12-31")],
        "extend-review": [lambda db, c, d: s.extend_review(db, a, c, on=d.isoformat(),
                                                           reason="复杂", days=5,
                                                           approved_by="wang")],
        "suspend": [lambda db, c, d: s.suspend(db, a, c, on=d.isoformat(), reason="检验")],
        "resume": [lambda db, c, d: s.suspend(db, a, c, on=d.isoformat(), reason="完成",
                                              resume=True)],
        "decide": [lambda db, c, d: s.decide(db, a, c, on=d.isoformat(), by="wang")],
        "serve": [lambda db, c, d: s.serve(db, a, c, on=d.isoformat(), method="direct")],
        "pay": [lambda db, c, d: s.pay(db, a, c, on=d.isoformat(), amount="0.01")],
        "disclose": [lambda db, c, d: s.disclose(db, a, c, on=d.isoformat())],
        "revoke": [lambda db, c, d: s.revoke(db, a, c, on=d.isoformat(), reason="撤销")],
        "withdraw": [lambda db, c, d: s.withdraw(db, a, c, on=d.isoformat(), reason="撤回")],
        "transfer": [lambda db, c, d: s.transfer(db, a, c, on=d.isoformat(), to="police"),
                     lambda db, c, d: s.transfer(db, a, c, on=d.isoformat(), to="procuratorate"),
                     lambda db, c, d: s.transfer(db, a, c, on=d.isoformat(), to="agency",
                                                 agency="某区卫生健康局")],
        "accept": [lambda db, c, d: s.accept(db, a, c, on=d.isoformat())],
        "terminate": [lambda db, c, d: s.terminate(db, a, c, on=d.isoformat(), reason="注销")],
        "close": [lambda db, c, d: s.close(db, a, c, on=d.isoformat(), approved_by="wang")],
        "tag": [lambda db, c, d: s.tag(db, a, c, typical="city", on=d.isoformat())],
        "correct": [lambda db, c, d: s.correct(db, a, c, field="violation", value="更正",
                                               reason="笔误", on=d.isoformat())],
    }


TRIES = _tries()
ADMIN_KEY = load_key(key_file("admin"))


class _Undo(Exception):
    """Raised to roll a successful try back."""


def attempt(url: str, fn: Try, case: str, day: dt.date) -> set[str]:
    """The rules refusing one try (empty when the command would succeed); nothing is kept."""
    try:
        with transaction(url, write=True) as session:
            chain.sign_with(session, ADMIN_KEY)
            fn(session, case, day)
            raise _Undo
    except _Undo:
        return set()
    except Refused as exc:
        return {p.rule for p in exc.problems}


def check_steps(run, url: str, case: str, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    shown = run("case", "steps", case, "--on", day.isoformat(), "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert {s["step"] for s in shown.json} == set(TRIES)
    for step in shown.json:
        refusals = [attempt(url, fn, case, day) for fn in TRIES[step["step"]]]
        passes = any(not rules for rules in refusals)
        assert step["allowed"] == passes, (day, step, refusals)
        if not passes:
            named = {b["rule"] for b in step["blocked_by"]}
            assert named == set().union(*refusals), (day, step, refusals)




@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["org", "person"]), major=st.booleans(), attempts=sequences(),
       lag=st.integers(min_value=0, max_value=8))
def test_case_steps_agrees_with_the_commands(bureau, db_url, kind, major, attempts, lag):
    run = bureau
    case = open_case(run, kind, major)
    day = FILED
    check_steps(run, db_url, case, day)
    for name, offset in attempts:
        day = max(day + dt.timedelta(days=offset), FILED)
        if run(*argv(case, name, day)).exit_code == 0:
            check_steps(run, db_url, case, day + dt.timedelta(days=lag))


def test_case_steps_after_an_agency_transfer_decision_and_a_hearing_request(bureau, db_url):
    """The two cases of issue #10: `transfer` after `--transfer agency`, `hearing` after a
    request, both shown allowed because `case transfer --to agency` and `--held-on` succeed."""
    run = bureau
    case = run(*open_args(credit_code(900), on="2025-03-03", extra=("-f", "json"))).json["short_id"]
    for args in (("propose", "--transfer", "agency", "--on", "2025-03-10"),
                 ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen",
                  "--on", "2025-03-10"),
                 ("decide", "--by", "wang", "--on", "2025-03-11")):
        assert run("case", args[0], case, *args[1:]).exit_code == 0, args
    allowed = {s["step"]: s["allowed"] for s in run("case", "steps", case, "--on", "2025-03-12",
                                                    "-f", "json").json}
    assert allowed["transfer"]
    check_steps(run, db_url, case, dt.date(2025, 3, 12))

    other = run(*open_args(credit_code(901), on="2025-03-03", extra=("-f", "json"))).json["short_id"]
    for args in (("propose", "--fine", "200000", "--basis", BASIS, "--on", "2025-03-10"),
                 ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen",
                  "--on", "2025-03-10"),
                 ("notify", "--on", "2025-03-11"),
                 ("hearing", "--requested-on", "2025-03-12")):
        assert run("case", args[0], other, *args[1:]).exit_code == 0, args
    allowed = {s["step"]: s["allowed"] for s in run("case", "steps", other, "--on", "2025-03-20",
                                                    "-f", "json").json}
    assert allowed["hearing"]
    assert not allowed["decide"]
    check_steps(run, db_url, other, dt.date(2025, 3, 20))
