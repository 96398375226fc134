"""Officers read Chinese (CLI.md "Global"): every message is Chinese by default, with the rule id
and the fixed prefixes scripts read kept; `--lang en` / CASELEDGER_LANG=en gives English.

The rest of the suite pins English (conftest), the language its assertions are written in; these
tests take the pin off and walk the common failures an officer meets."""

from __future__ import annotations

import re

import pytest

from tests.conftest import open_args
from tests.ids import credit_code, wrong_check
from tests.test_import import HEADER, good_row, write_csv
from tests.test_record import sql

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CASELEDGER_LANG")


def every_line_is_chinese(stderr: str) -> None:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines, "nothing was said"
    english = [line for line in lines if not CJK.search(line)]
    assert not english, f"lines without Chinese: {english}"


def test_a_refusal_is_chinese_and_keeps_its_rule_prefix(bureau, chinese):
    result = bureau(*open_args(credit_code(81), officers=("zhang",)))
    assert result.exit_code == 1
    every_line_is_chinese(result.stderr)
    assert result.stderr.startswith("refused [P-1]: ")
    assert "（P-1：" in result.stderr  # the rule's own title closes the line


def test_bad_input_is_chinese_and_names_its_rule(bureau, chinese):
    for args, rule in [
        (open_args(credit_code(82), on="2024/2/30"), "F-1"),
        (open_args(wrong_check(credit_code(83))), "F-2"),
        (open_args(credit_code(84), domain="fishing"), "F-1"),
    ]:
        result = bureau(*args)
        assert result.exit_code == 2, result.stderr
        every_line_is_chinese(result.stderr)
        assert result.stderr.startswith(f"error [{rule}]: "), result.stderr


def test_a_missing_option_and_an_unknown_case(bureau, chinese):
    missing = bureau("case", "open", "--no-input", "--party-kind", "org")
    assert missing.exit_code == 2 and "缺少选项 --domain" in missing.stderr
    unknown = bureau("case", "show", "2099-1")
    assert unknown.exit_code == 3 and unknown.stderr.startswith("not found: ")
    every_line_is_chinese(unknown.stderr)


def test_the_gates_of_a_decision_speak_chinese(bureau, chinese):
    opened = bureau(*open_args(credit_code(85)))
    case = opened.stdout.strip()
    assert bureau("case", "propose", case, "--fine", "5000", "--basis", "《食品安全法》第一百二十四条",
                  "--on", "2023-03-10").exit_code == 0
    result = bureau("case", "decide", case, "--on", "2023-03-20", "--by", "wang")
    assert result.exit_code == 1
    every_line_is_chinese(result.stderr)
    assert result.stderr.startswith("refused [R-1]: ") and "审核" in result.stderr


def test_staff_changes_by_a_non_admin(bureau, chinese):
    result = bureau("staff", "add", "sun", "--name", "孙八", "--role", "officer", user="chen")
    assert result.exit_code == 1
    every_line_is_chinese(result.stderr)
    assert result.stderr.startswith("refused [P-5]: ")


def test_an_import_lists_its_rows_in_chinese(bureau, tmp_path, chinese):
    bad = good_row(86)
    bad[HEADER.index("party_id")] = wrong_check(credit_code(86))
    ghost = good_row(87)
    ghost[HEADER.index("officers")] = "zhang、ghost"
    f = write_csv(tmp_path / "cases.csv", HEADER, [bad, ghost], "utf-8-sig")
    result = bureau("import", str(f))
    assert result.exit_code == 1
    every_line_is_chinese(result.stderr)
    assert re.search(r"^row 2: party_id: ", result.stderr, re.MULTILINE), result.stderr
    assert re.search(r"^row 3: officers: 'ghost'", result.stderr, re.MULTILINE), result.stderr


def test_verify_names_a_tampered_event_in_chinese(bureau, db_url, chinese):
    assert bureau(*open_args(credit_code(88))).exit_code == 0
    sql(db_url, "UPDATE cases SET party_name = '别的商行'")
    result = bureau("verify")
    assert result.exit_code == 4
    every_line_is_chinese(result.stderr)


def test_tables_speak_chinese(bureau, chinese):
    assert bureau(*open_args(credit_code(89))).exit_code == 0
    listed = bureau("case", "list").stdout
    assert "案号" in listed and "已立案" in listed
    shown = bureau("case", "show", "2023-1").stdout
    assert "当事人名称" in shown and "状态" in shown and "期限" in shown


def test_lang_en_and_the_environment_give_english(bureau, monkeypatch):
    monkeypatch.delenv("CASELEDGER_LANG")
    flag = bureau("--lang", "en", *open_args(credit_code(90), officers=("zhang",)))
    assert flag.exit_code == 1 and not CJK.search(flag.stderr.split("(P-1:")[0]), flag.stderr
    monkeypatch.setenv("CASELEDGER_LANG", "en")
    env = bureau(*open_args(credit_code(90), officers=("zhang",)))
    assert env.stderr == flag.stderr
    listed = bureau("case", "list")
    assert "case no" in listed.stdout or listed.stdout.strip() == "(none)"


def test_an_unknown_language_is_a_usage_error(bureau):
    result = bureau("--lang", "fr", "info")
    assert result.exit_code == 2 and "zh" in result.stderr and "en" in result.stderr
