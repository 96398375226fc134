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
