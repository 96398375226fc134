"""Complete cases through the installed `caseledger` command, as a user runs it (subprocesses).

Five routes: a penalty without hearing, a major case with a hearing, a first-violation
no-penalty, a transfer to the police and a warning alone. After each, `verify` passes and
`case show` carries the expected status, decision and disclosure.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import clone, open_args, staff_commands
from tests.ids import credit_code, resident_id

pytestmark = pytest.mark.slow  # real subprocesses of the installed command

BASIS = "《中华人民共和国食品安全法》第一百二十四条"


@pytest.fixture
def cli(sh, template_ledger: str, db_url: str):  # type: ignore[no-untyped-def]
    """The staffed bureau, driven through the installed command."""
    clone(template_ledger, db_url)
    return sh


def ok(sh, *args: str) -> str:  # type: ignore[no-untyped-def]
    result = sh(*args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def show(sh, case: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = sh("case", "show", case, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return result.json


def verified(sh) -> None:  # type: ignore[no-untyped-def]
    result = sh("verify")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


def file_case(sh, party_id: str, *, kind: str = "org", on: str) -> str:  # type: ignore[no-untyped-def]
    case_no = ok(sh, *open_args(party_id, kind=kind, on=on)).strip()
    assert case_no.startswith("广区市监立〔")
    return case_no


def test_penalty_without_hearing(sh):
    for args in staff_commands():  # a ledger set up from nothing, through the command
        ok(sh, *args)
    case = file_case(sh, credit_code(101), on="2026-08-03")
    assert case == "广区市监立〔2026〕1号"
    ok(sh, "case", "propose", case, "--fine", "5,000", "--basis", BASIS, "--discretion",
       "lighter", "--discretion-ref", "从轻清单第3项", "--on", "2026-09-01")
    out = ok(sh, "case", "review", case, "--outcome", "agree", "--opinion", "事实清楚，同意",
             "--reviewer", "chen", "--on", "2026-09-02")
    assert "案件审核" in out
    out = ok(sh, "case", "notify", case, "--on", "2026-09-03")
    assert "no hearing right" in out
    ok(sh, "case", "statement", case, "--on", "2026-09-04", "--text", "请求从轻处罚")
    out = ok(sh, "case", "decide", case, "--on", "2026-09-07", "--by", "wang")
    assert "广区市监处罚〔2026〕1号" in out
    assert "(served)" in ok(sh, "case", "serve", case, "--on", "2026-09-08", "--method", "direct")
    assert "(executed)" in ok(sh, "case", "pay", case, "--on", "2026-09-10", "--amount", "5000")
    ok(sh, "case", "disclose", case, "--on", "2026-09-14", "--url", "https://example.gov.cn/1")
    assert "(closed)" in ok(sh, "case", "close", case, "--on", "2026-09-18",
                            "--approved-by", "wang")
    verified(sh)
    shown = show(sh, case)
    assert shown["status"] == "closed"
    assert shown["decision"]["outcome"] == "penalty"
    assert shown["decision"]["decision_no"] == "广区市监处罚〔2026〕1号"
    assert shown["decision"]["penalty"]["fine"] == "5000.00"
    assert shown["paid"] == "5000.00" and shown["owed"] == "0.00"
    assert shown["disclosure"] == "disclosed"
    assert shown["disclosure_record"]["until"] == "2026-12-14"  # G-4: a low fine, 3 months
    assert shown["closed"]["by"] == "wang"


def test_major_case_with_hearing(cli):
    sh = cli
    case = file_case(sh, credit_code(102), on="2026-08-03")
    ok(sh, "case", "propose", case, "--fine", "200000", "--basis", BASIS, "--on", "2026-08-24")
    ok(sh, "case", "review", case, "--outcome", "agree", "--opinion", "同意",
       "--reviewer", "chen", "--on", "2026-08-25")
    assert "with a hearing right" in ok(sh, "case", "notify", case, "--on", "2026-08-26")
    ok(sh, "case", "hearing", case, "--requested-on", "2026-08-27")
    blocked = sh("case", "decide", case, "--on", "2026-09-07", "--by", "wang")
    assert blocked.exit_code == 1 and "[N-3]" in blocked.stderr
    ok(sh, "case", "hearing", case, "--held-on", "2026-09-10")
    assert show(sh, case)["major"] == "hearing"
    blocked = sh("case", "decide", case, "--on", "2026-09-15", "--by", "wang")
    assert blocked.exit_code == 1
    assert "[R-2]" in blocked.stderr or "[R-3]" in blocked.stderr
    out = ok(sh, "case", "review", case, "--outcome", "agree", "--opinion", "听证后审核同意",
             "--reviewer", "chen", "--on", "2026-09-11")
    assert "法制审核" in out
    ok(sh, "case", "discuss", case, "--on", "2026-09-14", "--conclusion", "同意处罚",
       "--attendee", "wang")
    number = ok(sh, "case", "decide", case, "--on", "2026-09-15", "--by", "wang")
    assert "广区市监处罚〔2026〕1号" in number
    ok(sh, "case", "serve", case, "--on", "2026-09-16", "--method", "left")
    ok(sh, "case", "pay", case, "--on", "2026-09-22", "--amount", "200000")
    ok(sh, "case", "disclose", case, "--on", "2026-09-23")
    ok(sh, "case", "close", case, "--on", "2026-09-28", "--approved-by", "wang")
    verified(sh)
    shown = show(sh, case)
    assert shown["status"] == "closed"
    assert shown["major"] == "hearing" and shown["review_kind"] == "legal"
    assert shown["reviews"][-1]["kind"] == "legal"
    assert shown["hearing"]["held_on"] == "2026-09-10"
    assert shown["decision"]["outcome"] == "penalty"
    assert shown["decision"]["penalty"]["fine"] == "200000.00"
    assert shown["disclosure"] == "disclosed"
    assert shown["disclosure_record"]["until"] == "2029-09-23"  # G-4: 3 years


def test_first_violation_no_penalty(cli):
    sh = cli
    case = file_case(sh, resident_id(103), kind="person", on="2026-09-01")
    ok(sh, "case", "propose", case, "--no-penalty", "first-violation", "--on", "2026-09-10")
    ok(sh, "case", "review", case, "--outcome", "agree", "--opinion", "符合首违不罚",
       "--reviewer", "chen", "--on", "2026-09-11")
    out = ok(sh, "case", "decide", case, "--on", "2026-09-14", "--by", "wang")
    assert "处罚〔" not in out
    ok(sh, "case", "close", case, "--on", "2026-09-15", "--approved-by", "wang")
    verified(sh)
    shown = show(sh, case)
    assert shown["status"] == "closed"
    assert shown["decision"]["outcome"] == "no-penalty"
    assert shown["decision"]["penalty"]["ground"] == "first-violation"
    assert shown["decision"]["decision_no"] is None
    assert shown["disclosure"] == "not-required"
    assert shown["notices"] == []


def test_transfer_to_the_police(cli):
    sh = cli
    case = file_case(sh, credit_code(104), on="2026-09-01")
    ok(sh, "case", "propose", case, "--transfer", "judicial", "--on", "2026-09-10")
    ok(sh, "case", "review", case, "--outcome", "agree", "--opinion", "涉嫌犯罪，同意移送",
       "--reviewer", "chen", "--on", "2026-09-11")
    ok(sh, "case", "decide", case, "--on", "2026-09-14", "--by", "wang")
    assert "(transferred)" in ok(sh, "case", "transfer", case, "--to", "police",
                                 "--on", "2026-09-16")
    ok(sh, "case", "transfer", case, "--accepted-on", "2026-09-25")
    ok(sh, "case", "close", case, "--on", "2026-09-28", "--approved-by", "wang")
    verified(sh)
    shown = show(sh, case)
    assert shown["status"] == "closed"
    assert shown["decision"]["outcome"] == "transfer-judicial"
    assert shown["decision"]["decision_no"] is None
    assert shown["transfer"]["to"] == "police"
    assert shown["transfer"]["on"] == "2026-09-16"
    assert shown["transfer"]["accepted_on"] == "2026-09-25"
    assert shown["disclosure"] == "not-required"


def test_warning_only(cli):
    sh = cli
    case = file_case(sh, resident_id(105), kind="person", on="2026-09-01")
    ok(sh, "case", "propose", case, "--warning", "--basis", BASIS, "--on", "2026-09-10")
    ok(sh, "case", "review", case, "--outcome", "agree", "--opinion", "同意",
       "--reviewer", "chen", "--on", "2026-09-10")
    ok(sh, "case", "notify", case, "--on", "2026-09-11")
    ok(sh, "case", "statement", case, "--on", "2026-09-11", "--waived")
    assert "广区市监处罚〔2026〕1号" in ok(sh, "case", "decide", case, "--on", "2026-09-14",
                                        "--by", "wang")
    assert "(executed)" in ok(sh, "case", "serve", case, "--on", "2026-09-15")
    assert show(sh, case)["status"] == "executed"
    refused = sh("case", "disclose", case, "--on", "2026-09-15")
    assert refused.exit_code == 1 and "[G-1]" in refused.stderr
    ok(sh, "case", "close", case, "--on", "2026-09-16", "--approved-by", "wang")
    verified(sh)
    shown = show(sh, case)
    assert shown["status"] == "closed"
    assert shown["decision"]["outcome"] == "penalty"
    assert shown["decision"]["penalty"]["sanctions"] == ["warning"]
    assert shown["disclosure"] == "not-required"
    assert shown["owed"] == "0.00"
