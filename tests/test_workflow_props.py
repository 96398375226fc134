"""Random sequences of step attempts against the workflow table (hypothesis, in-process).

Whatever is tried: a step that succeeds was allowed from the case's prior status by `STEPS`, and
leads to a known status; a step that fails exits 1 (a rule) or 2 (bad input) and writes nothing;
the ledger still verifies at the end.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from caseledger.domain.case_state import STATUS_LABELS
from caseledger.domain.workflow import STEPS
from tests.conftest import open_args
from tests.ids import credit_code, resident_id

pytestmark = pytest.mark.slow  # a property test: many random cases

BASIS = "《中华人民共和国食品安全法》第一百二十四条"
FILED = dt.date(2025, 2, 10)

# name -> (STEPS key, the options after `case COMMAND CASE`, without --on)
ATTEMPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "propose-small-fine": ("propose", ("propose", "--fine", "500", "--basis", BASIS)),
    "propose-mid-fine": ("propose", ("propose", "--fine", "20000", "--basis", BASIS)),
    "propose-big-fine": ("propose", ("propose", "--fine", "200000", "--basis", BASIS)),
    "propose-warning": ("propose", ("propose", "--warning", "--basis", BASIS)),
    "propose-minor": ("propose", ("propose", "--no-penalty", "minor")),
    "propose-first": ("propose", ("propose", "--no-penalty", "first-violation")),
    "propose-judicial": ("propose", ("propose", "--transfer", "judicial")),
    "propose-agency": ("propose", ("propose", "--transfer", "agency")),
    "propose-bad": ("propose", ("propose", "--fine", "-5", "--basis", BASIS)),
    "review-agree": ("review", ("review", "--outcome", "agree", "--opinion", "同意",
                                "--reviewer", "chen")),
    "review-correct": ("review", ("review", "--outcome", "correct", "--opinion", "改",
                                  "--reviewer", "chen")),
    "review-investigate": ("review", ("review", "--outcome", "investigate", "--opinion", "查",
                                      "--reviewer", "chen")),
    "review-by-officer": ("review", ("review", "--outcome", "agree", "--opinion", "同意",
                                     "--reviewer", "zhang")),
    "notify": ("notify", ("notify",)),
    "statement": ("statement", ("statement", "--text", "申辩")),
    "statement-waived": ("statement", ("statement", "--waived")),
    "hearing-requested": ("hearing", ("hearing", "--requested-on")),
    "hearing-held": ("hearing", ("hearing", "--held-on")),
    "hearing-withdrawn": ("hearing", ("hearing", "--withdrawn-on")),
    "hearing-absent": ("hearing", ("hearing", "--absent-on")),
    "hearing-waived": ("hearing", ("hearing", "--waived-on")),
    "discuss": ("discuss", ("discuss", "--conclusion", "同意")),
    "extend-days": ("extend", ("extend", "--days", "30", "--reason", "复杂",
                               "--approved-by", "wang")),
    "extend-until": ("extend", ("extend", "--until", "2025-12-31", "--reason", "复杂")),
    "suspend": ("suspend", ("suspend", "--reason", "检验")),
    "resume": ("resume", ("resume", "--reason", "检验完成")),
    "decide": ("decide", ("decide", "--by", "wang")),
    "decide-by-reviewer": ("decide", ("decide", "--by", "chen")),
    "serve": ("serve", ("serve", "--method", "direct")),
    "pay-some": ("pay", ("pay", "--amount", "300")),
    "pay-rest": ("pay", ("pay", "--amount", "200")),
    "pay-more": ("pay", ("pay", "--amount", "20000")),
    "disclose": ("disclose", ("disclose",)),
    "revoke": ("revoke", ("revoke", "--reason", "撤销")),
    "withdraw": ("withdraw", ("withdraw", "--reason", "撤回")),
    "transfer-police": ("transfer", ("transfer", "--to", "police")),
    "transfer-agency": ("transfer", ("transfer", "--to", "agency", "--agency", "某局")),
    "accept": ("accept", ("transfer", "--accepted-on")),
    "terminate": ("terminate", ("terminate", "--reason", "注销")),
    "close": ("close", ("close", "--approved-by", "wang")),
    "tag": ("tag", ("tag", "--typical", "city")),
    "correct-major": ("correct", ("correct", "--field", "major", "--value", "complex",
                                  "--reason", "复杂")),
    "correct-violation": ("correct", ("correct", "--field", "violation", "--value", "更正",
                                      "--reason", "笔误")),
}

# Options that carry the date themselves (hearing events, the police's acceptance).
DATE_OPTIONS = {"--requested-on", "--held-on", "--withdrawn-on", "--absent-on", "--waived-on",
                "--accepted-on"}

STATUS_LINE = re.compile(r": \S+ \((\w+)\)")

# Complete routes through the workflow; each example follows a prefix of one, with random
# attempts (any step, any order) slipped in between, so that deep statuses are reached too.
ROUTES = [
    ["propose-small-fine", "review-agree", "discuss", "notify", "statement-waived", "decide",
     "serve", "pay-some", "pay-rest", "disclose", "close"],
    ["propose-big-fine", "review-agree", "discuss", "notify", "statement-waived",
     "hearing-waived", "decide", "serve", "disclose", "revoke", "withdraw"],
    ["propose-warning", "review-agree", "discuss", "notify", "statement-waived", "decide",
     "serve", "close", "revoke"],
    ["propose-minor", "review-agree", "decide", "close", "tag"],
    ["propose-first", "review-agree", "decide", "close"],
    ["propose-judicial", "review-agree", "decide", "transfer-police", "accept", "close"],
    ["propose-agency", "review-agree", "decide", "transfer-agency", "close"],
    ["suspend", "resume", "extend-days", "terminate", "close"],
]

random_attempt = st.tuples(st.sampled_from(sorted(ATTEMPTS)),
                           st.integers(min_value=-1, max_value=6))


@st.composite
def sequences(draw):  # type: ignore[no-untyped-def]
    route = draw(st.sampled_from(ROUTES))
    length = draw(st.integers(min_value=1, max_value=len(route)))
    steps: list[tuple[str, int]] = []
    for name in route[:length]:
        steps += draw(st.lists(random_attempt, max_size=1))
        steps.append((name, draw(st.integers(min_value=0, max_value=3))))
    return steps

_parties = itertools.count(1)


def open_case(run, kind: str, major: bool) -> str:  # type: ignore[no-untyped-def]
    """File a case for a new party, filed on FILED; returns its short id."""
    n = next(_parties)
    pid = resident_id(n) if kind == "person" else credit_code(n)
    opened = run(*open_args(pid, kind=kind, on=FILED.isoformat(),
                            extra=(("--major", "complex") if major else ()) + ("-f", "json")))
    assert opened.exit_code == 0, opened.stderr
    return opened.json["short_id"]


def argv(case: str, name: str, on: dt.date) -> list[str]:
    _, opts = ATTEMPTS[name]
    command, *rest = opts
    args = ["case", command, case, *rest]
    if args[-1] in DATE_OPTIONS:
        return [*args, on.isoformat()]
    return [*args, "--on", on.isoformat()]


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["org", "person"]), major=st.booleans(),
       attempts=sequences())
def test_random_step_sequences_keep_to_the_workflow_table(bureau, kind, major, attempts):
    run = bureau
    case = open_case(run, kind, major)
    status = "filed"
    events = run("info", "-f", "json").json["counts"]["events"]
    day = FILED
    for name, offset in attempts:
        day = max(day + dt.timedelta(days=offset), FILED - dt.timedelta(days=1))
        step = STEPS[ATTEMPTS[name][0]]
        args = argv(case, name, day)
        result = run(*args)
        now = run("info", "-f", "json").json["counts"]["events"]
        assert "Traceback" not in result.stderr, result.stderr
        if result.exit_code == 0:
            assert status in step.allowed, (args, status)
            found = STATUS_LINE.search(result.stdout)
            assert found, result.stdout
            status = found.group(1)
            assert status in STATUS_LABELS, result.stdout
            assert now == events + 1, args
        else:
            if status not in step.allowed and name != "propose-bad":
                assert result.exit_code == 1, (args, status, result.stderr)
                rule = "K-3" if status == "closed" else step.status_rule
                assert f"[{rule}]" in result.stderr, (args, status, result.stderr)
            assert result.exit_code in (1, 2), (args, result.exit_code, result.stderr)
            if result.exit_code == 1:
                assert "refused [" in result.stderr, result.stderr
            assert now == events, (args, result.stderr)
        events = now
    assert run("case", "show", case, "-f", "json").json["status"] == status
    event(f"final status: {status}")
    verified = run("verify")
    assert verified.exit_code == 0, verified.stderr
