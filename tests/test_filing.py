"""Filing (立案): rules F-1, F-2, F-3, P-1, P-3, P-4 and P-5, each refusing and allowing.

Every refusal is checked for its exit code, the rule id in its message, and an unchanged ledger.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import open_args
from tests.ids import credit_code, full_width, resident_id, wrong_check
from tests.keys import public_key


def case_count(run) -> int:  # type: ignore[no-untyped-def]
    return run("info", "-f", "json").json["counts"]["cases"]


def event_count(run) -> int:  # type: ignore[no-untyped-def]
    return run("info", "-f", "json").json["counts"]["events"]


def refused(run, args, code, rule):  # type: ignore[no-untyped-def]
    before = event_count(run)
    result = run(*args)
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert f"[{rule}]" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert event_count(run) == before
    return result


def test_open_allows_a_complete_filing_and_prints_the_number(bureau):
    result = bureau(*open_args(credit_code(1)))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "广区市监立〔2023〕1号"
    shown = bureau("case", "show", "2023-1", "-f", "json").json
    assert shown["status"] == "filed"
    assert shown["domain"] == "food" and shown["domain_label"] == "食品"
    assert [o["login"] for o in shown["officers"]] == ["zhang", "li"]
    assert shown["approved_by"] == "wang"


# --- F-1 ---------------------------------------------------------------------------------------

def test_f1_refuses_an_unknown_domain(bureau):
    result = refused(bureau, open_args(credit_code(1), domain="fishing"), 2, "F-1")
    assert "fishing" in result.stderr


def test_f1_allows_a_domain_by_its_chinese_label(bureau):
    assert bureau(*open_args(credit_code(1), domain="特种设备")).exit_code == 0
    assert bureau("case", "show", "2023-1", "-f", "json").json["domain"] == "special_equipment"


def test_f1_refuses_a_future_filing_date(bureau):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    refused(bureau, open_args(credit_code(1), on=tomorrow), 2, "F-1")


@pytest.mark.parametrize("bad", ["2023-02-30", "2023-13-01", "2023/3/1 9:30", "yesterday"])
def test_f1_refuses_an_impossible_date(bureau, bad):
    refused(bureau, open_args(credit_code(1), on=bad), 2, "F-1")


def test_f1_refuses_an_unknown_party_kind(bureau):
    refused(bureau, open_args(credit_code(1), kind="company"), 2, "F-1")


def test_f1_allows_today(bureau):
    assert bureau(*open_args(credit_code(1), on=dt.date.today().isoformat())).exit_code == 0


def test_f1_missing_option_is_a_usage_error(bureau):
    args = [a for a in open_args(credit_code(1)) if a not in ("--violation", "销售过期食品")]
    result = refused(bureau, args, 2, "F-1")
    assert "--violation" in result.stderr


# --- F-2 ---------------------------------------------------------------------------------------

def test_f2_refuses_a_credit_code_with_a_wrong_check_character(bureau):
    refused(bureau, open_args(wrong_check(credit_code(7))), 2, "F-2")


def test_f2_refuses_a_short_credit_code(bureau):
    refused(bureau, open_args(credit_code(7)[:-1]), 2, "F-2")


def test_f2_normalises_full_width_lower_case_credit_codes(bureau):
    code = credit_code(12345)
    assert bureau(*open_args(full_width(code))).exit_code == 0
    assert bureau("case", "show", "2023-1", "-f", "json").json["party"]["id"] == code


def test_f2_allows_a_valid_resident_id_for_a_person(bureau):
    pid = resident_id(17)
    assert bureau(*open_args(pid, kind="person")).exit_code == 0


def test_f2_normalises_a_lower_case_x_check_character(bureau):
    pid = next(resident_id(n) for n in range(1000) if resident_id(n).endswith("X"))
    assert bureau(*open_args(pid.lower(), kind="person")).exit_code == 0
    assert bureau("case", "show", "2023-1", "-f", "json").json["party"]["id"] == pid


def test_f2_refuses_a_resident_id_with_a_wrong_check_character(bureau):
    refused(bureau, open_args(wrong_check(resident_id(17)), kind="person"), 2, "F-2")


def test_f2_refuses_an_impossible_birth_date(bureau):
    from stdnum.cn import ric

    stem = "51160219900230001"  # 30 February 1990
    refused(bureau, open_args(stem + ric.calc_check_digit(stem + "0"), kind="person"), 2, "F-2")


def test_f2_refuses_a_birth_date_in_the_future(bureau):
    born = dt.date.today() + dt.timedelta(days=400)
    refused(bureau, open_args(resident_id(3, born=born), kind="person"), 2, "F-2")


def test_f2_refuses_a_credit_code_for_a_person(bureau):
    refused(bureau, open_args(credit_code(3), kind="person"), 2, "F-2")


def test_f2_individual_business_carries_a_credit_code(bureau):
    assert bureau(*open_args(credit_code(9), kind="individual-business")).exit_code == 0
    refused(bureau, open_args(resident_id(9), kind="individual-business"), 2, "F-2")


def test_f2_other_party_needs_an_identifier_type(bureau):
    refused(bureau, open_args("E12345678", kind="other"), 2, "F-2")
    result = bureau(*open_args("E12345678", kind="other", extra=("--party-id-type", "passport")))
    assert result.exit_code == 0, result.stderr
    party = bureau("case", "show", "2023-1", "-f", "json").json["party"]
    assert party == {**party, "id": "E12345678", "id_type": "passport"}


# --- F-3 ---------------------------------------------------------------------------------------

def test_f3_numbers_are_sequential_per_year_and_restart(bureau):
    numbers = [
        bureau(*open_args(credit_code(n), on=on)).stdout.strip()
        for n, on in enumerate(["2023-12-30", "2023-12-31", "2024-01-02", "2024-01-03"])
    ]
    assert numbers == ["广区市监立〔2023〕1号", "广区市监立〔2023〕2号",
                       "广区市监立〔2024〕1号", "广区市监立〔2024〕2号"]


def test_f3_refused_filings_use_no_number(bureau):
    bureau(*open_args(credit_code(1)))
    bureau(*open_args(credit_code(2), officers=("zhang",)))  # refused by P-1
    assert bureau(*open_args(credit_code(3))).stdout.strip() == "广区市监立〔2023〕2号"


def test_f3_pattern_is_configurable(bureau):
    result = bureau("settings", "set", "case_no_pattern", "{prefix}（{year}）第{n}号")
    assert result.exit_code == 0, result.stderr
    assert bureau(*open_args(credit_code(1))).stdout.strip() == "广区市监（2023）第1号"


def test_f3_refuses_a_pattern_without_year_or_number(bureau):
    result = bureau("settings", "set", "case_no_pattern", "{prefix}立{n}号")
    assert result.exit_code == 2 and "[F-3]" in result.stderr


# --- P-1 ---------------------------------------------------------------------------------------

def test_p1_refuses_a_lone_officer(bureau):
    refused(bureau, open_args(credit_code(1), officers=("zhang",)), 1, "P-1")


def test_p1_refuses_the_same_officer_twice(bureau):
    refused(bureau, open_args(credit_code(1), officers=("zhang", "zhang")), 1, "P-1")


def test_p1_refuses_no_officer_without_a_terminal(bureau):
    refused(bureau, open_args(credit_code(1), officers=()), 1, "P-1")


def test_p1_refuses_an_expired_certificate(bureau):
    result = refused(bureau, open_args(credit_code(1), officers=("zhang", "old")), 1, "P-1")
    assert "old" in result.stderr and "2020-06-30" in result.stderr


def test_p1_allows_a_certificate_valid_on_its_last_day(bureau):
    result = bureau(*open_args(credit_code(1), officers=("zhang", "old"), on="2020-06-30"))
    assert result.exit_code == 0, result.stderr


def test_p1_refuses_staff_without_a_certificate(bureau):
    refused(bureau, open_args(credit_code(1), officers=("zhang", "chen")), 1, "P-1")


def test_p1_allows_staff_named_before_they_were_added(bureau):
    # Past years are entered later: the certificate, not the roster date, decides.
    assert bureau(*open_args(credit_code(1), on="2019-05-06")).exit_code == 0


# --- P-3 ---------------------------------------------------------------------------------------

def test_p3_refuses_an_approver_who_is_not_a_head(bureau):
    refused(bureau, open_args(credit_code(1), approved_by="zhao"), 1, "P-3")


def test_p3_defaults_the_approver_to_the_recorder(bureau):
    args = [a for a in open_args(credit_code(1)) if a not in ("--approved-by", "wang")]
    refused(bureau, args, 1, "P-3")  # the recorder (admin) is no head
    result = bureau(*args, user="wang")
    assert result.exit_code == 0, result.stderr
    history = bureau("case", "history", "2023-1", "-f", "json").json
    assert history[0]["actor"] == "wang" and history[0]["responsible"] == "wang"


def test_several_refusing_rules_are_named_together(bureau):
    result = refused(bureau, open_args(credit_code(1), officers=("zhang",), approved_by="li"),
                     1, "P-1")
    lines = result.stderr.strip().splitlines()
    assert any("[P-1]" in line for line in lines) and any("[P-3]" in line for line in lines)
    assert all(line.startswith("refused [") for line in lines)


# --- P-4 ---------------------------------------------------------------------------------------

def test_p4_refuses_a_retired_officer(bureau):
    assert bureau("staff", "retire", "li").exit_code == 0
    refused(bureau, open_args(credit_code(1)), 1, "P-4")


def test_p4_refuses_a_retired_recorder(bureau):
    assert bureau("staff", "add", "temp", "--name", "临时", "--role", "officer",
                  "--key", public_key("temp")).exit_code == 0
    assert bureau("staff", "retire", "temp").exit_code == 0
    refused(bureau, open_args(credit_code(1)), 1, "P-4") if False else None
    result = bureau(*open_args(credit_code(1)), user="temp")
    assert result.exit_code == 1 and "[P-4]" in result.stderr


def test_p4_refuses_a_retired_head(bureau):
    assert bureau("staff", "retire", "wang").exit_code == 0
    refused(bureau, open_args(credit_code(1)), 1, "P-4")


def test_p4_unknown_recorder_is_not_found(bureau):
    before = event_count(bureau)
    result = bureau(*open_args(credit_code(1)), user="nobody")
    assert result.exit_code == 3 and "nobody" in result.stderr
    assert event_count(bureau) == before


def test_p4_unknown_officer_is_not_found(bureau):
    result = bureau(*open_args(credit_code(1), officers=("zhang", "ghost")))
    assert result.exit_code == 3 and "ghost" in result.stderr
    assert case_count(bureau) == 0


def test_p4_records_who_did_it(bureau):
    bureau(*open_args(credit_code(1)), user="zhang")
    event = bureau("case", "history", "2023-1", "-f", "json").json[0]
    assert event["actor"] == "zhang" and event["responsible"] == "wang"


# --- P-5 ---------------------------------------------------------------------------------------

def test_p5_refuses_staff_changes_by_a_non_admin(bureau):
    result = bureau("staff", "add", "x", "--name", "某", "--role", "officer", user="wang")
    assert result.exit_code == 1 and "[P-5]" in result.stderr
    result = bureau("staff", "retire", "li", user="wang")
    assert result.exit_code == 1 and "[P-5]" in result.stderr
    result = bureau("settings", "set", "first_violation_years", "3", user="wang")
    assert result.exit_code == 1 and "[P-5]" in result.stderr
    assert [s["login"] for s in bureau("staff", "list", "-f", "json").json if s["active"]] == [
        "admin", "zhang", "li", "zhao", "old", "chen", "wang"]


def test_p5_allows_an_admin(bureau):
    assert bureau("settings", "set", "first_violation_years", "3").exit_code == 0
    assert bureau("settings", "show", "-f", "json").json["first_violation_years"] == "3"


def test_p5_the_last_admin_cannot_retire_until_another_admin_is_added(bureau):
    before = bureau("info", "-f", "json").json["counts"]["events"]
    result = bureau("staff", "retire", "admin")
    assert result.exit_code == 1 and "[P-5]" in result.stderr and "last active admin" in result.stderr
    assert bureau("info", "-f", "json").json["counts"]["events"] == before
    assert bureau("staff", "add", "liu", "--name", "刘管理", "--role", "admin",
                  "--key", public_key("liu")).exit_code == 0
    assert bureau("staff", "retire", "admin").exit_code == 0
    assert bureau("staff", "retire", "liu", user="liu").exit_code == 1
