"""Interactive entry: on a terminal a missing option is asked for; without one it is an error."""

from __future__ import annotations

import os
import pty
import subprocess

import pytest

from tests.conftest import caseledger_command, clone
from tests.ids import credit_code


@pytest.mark.slow  # a real process on a pseudo-terminal
def test_case_open_prompts_on_a_terminal_for_missing_options(template_ledger, db_url):
    clone(template_ledger, db_url)
    master, slave = pty.openpty()
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin"}
    proc = subprocess.Popen(
        [*caseledger_command(), "case", "open", "--party-kind", "org", "--party-name", "某商行",
         "--violation", "无证经营", "--approved-by", "wang", "--on", "2024-05-06"],
        stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    os.close(slave)
    # Answers in the order asked: domain, party id, officers.
    os.write(master, f"special_equipment\n{credit_code(4)}\nzhang，li\n".encode())
    out, err = proc.communicate(timeout=60)
    os.close(master)
    assert proc.returncode == 0, err
    assert "domain" in out and "food" in out  # the prompt shows the allowed choices
    assert out.strip().endswith("广区市监立〔2024〕1号")
    shown = subprocess.run([*caseledger_command(), "case", "show", "2024-1", "-f", "json"],
                           env=env, capture_output=True, text=True)
    assert '"special_equipment"' in shown.stdout


def test_no_input_makes_a_missing_option_an_error(bureau):
    result = bureau("case", "open", "--no-input", "--party-kind", "org")
    assert result.exit_code == 2 and "--domain" in result.stderr


def test_global_no_input_applies_too(bureau):
    result = bureau("--no-input", "case", "open", "--domain", "food")
    assert result.exit_code == 2 and "--party-kind" in result.stderr


def _on_a_terminal(db_url: str, args: list[str], answers: list[str],
                   lang: str | None = None) -> tuple[int, str, str]:
    """Run the installed command with a pseudo-terminal as stdin, giving `answers` one a line."""
    master, slave = pty.openpty()
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin"}
    env.pop("CASELEDGER_LANG", None)
    if lang:
        env["CASELEDGER_LANG"] = lang
    proc = subprocess.Popen([*caseledger_command(), *args], stdin=slave, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    os.close(slave)
    os.write(master, "".join(f"{a}\n" for a in answers).encode())
    out, err = proc.communicate(timeout=60)
    os.close(master)
    return proc.returncode, out, err


@pytest.mark.slow  # real processes on a pseudo-terminal
def test_each_answer_is_checked_as_it_is_given_and_asked_again(template_ledger, db_url):
    """#14: one bad answer no longer throws the others away; choices by number or label."""
    clone(template_ledger, db_url)
    code, out, err = _on_a_terminal(db_url, [
        "case", "open", "--party-name", "某商行", "--violation", "无证经营", "--approved-by", "wang",
        "--on", "2024-05-06"], [
        "单位",                       # party kind by its Chinese label
        "fishing", "2",               # an unknown domain, asked again; then drug by number
        "91511602MA6XXXXXX0", credit_code(5),  # a bad credit code, asked again
        "zhang", "zhang、li",          # one officer is too few (P-1), asked again
    ])
    assert code == 0, err
    assert "当事人类型（--party-kind）" in out and "1) org 单位" in out
    assert "fishing" in err and "F-2" in err and "P-1" in err, err
    shown = subprocess.run([*caseledger_command(), "case", "show", "2024-1", "-f", "json"],
                           env={**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin"},
                           capture_output=True, text=True)
    assert '"domain": "drug"' in shown.stdout and '"kind": "org"' in shown.stdout


@pytest.mark.slow
def test_propose_review_and_decide_prompt_on_a_terminal(template_ledger, db_url):
    clone(template_ledger, db_url)
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin"}
    opened = subprocess.run([*caseledger_command(), "case", "open", "--no-input", "--domain",
                             "food", "--party-kind", "org", "--party-name", "某商行",
                             "--party-id", credit_code(6), "--violation", "无证经营",
                             "--officer", "zhang", "--officer", "li", "--approved-by", "wang",
                             "--on", "2024-05-06"], env=env, capture_output=True, text=True)
    assert opened.returncode == 0, opened.stderr
    code, out, err = _on_a_terminal(db_url, ["case", "propose", "2024-1", "--on", "2024-05-20"], [
        "处罚",        # the outcome by label
        "",            # warning: the default, no
        "5千", "5,000",  # not an amount, asked again
        "",            # no confiscated gains
        "2",           # discretion by number: mitigated, which needs its list item
        "裁量基准第3条",
        "《无证无照经营查处办法》第十三条",
    ])
    assert code == 0, err
    assert "5千" in err
    code, out, err = _on_a_terminal(db_url, ["case", "review", "2024-1", "--on", "2024-05-21",
                                             "--reviewer", "chen"], ["同意", "同意拟处理意见"])
    assert code == 0, err
    code, out, err = _on_a_terminal(db_url, ["case", "notify", "2024-1", "--on", "2024-05-22"], [])
    assert code == 0, err
    code, out, err = _on_a_terminal(db_url, ["case", "statement", "2024-1", "--on", "2024-05-23",
                                             "--waived"], [])
    assert code == 0, err
    code, out, err = _on_a_terminal(db_url, ["case", "decide", "2024-1", "--on", "2024-06-03"],
                                    ["wang"])
    assert code == 0, err
    assert "决定人" in out
    shown = subprocess.run([*caseledger_command(), "case", "show", "2024-1", "-f", "json"],
                           env=env, capture_output=True, text=True)
    import json

    case = json.loads(shown.stdout)
    assert case["proposal"]["fine"] == "5000.00" and case["proposal"]["discretion"] == "mitigated"
    assert case["proposal"]["discretion_ref"] == "裁量基准第3条"
    assert case["reviews"][-1]["outcome"] == "agree" and case["decision"]["by"] == "wang"
