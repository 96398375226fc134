"""F-3 under load: officers filing at the same moment get distinct, gap-free numbers (A-3)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import caseledger_command, clone, open_args
from tests.ids import credit_code

WRITERS = 8


@pytest.mark.slow
def test_eight_processes_filing_at_once_get_distinct_gap_free_numbers(
    template_ledger, db_url
):
    clone(template_ledger, db_url)
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin"}
    procs = [
        subprocess.Popen(
            [*caseledger_command(), *open_args(credit_code(1000 + n), on="2024-06-03")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for n in range(WRITERS)
    ]
    outcomes = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in outcomes] == [0] * WRITERS, [err for _, _, err in outcomes]
    numbers = sorted(out.strip() for _, out, _ in outcomes)
    expected = sorted(f"广区市监立〔2024〕{n}号" for n in range(1, WRITERS + 1))
    assert numbers == expected
    verify = subprocess.run([*caseledger_command(), "verify"], env=env, capture_output=True,
                            text=True)
    assert verify.returncode == 0, verify.stderr
