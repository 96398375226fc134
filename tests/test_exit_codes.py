"""Exit codes that no rule owns: a defect of caseledger (70)."""

from __future__ import annotations

import pytest

from tests.conftest import open_args
from tests.ids import credit_code


def test_a_defect_exits_70_in_one_plain_line_and_writes_nothing(bureau, monkeypatch):
    """CLI.md: an internal error is exit 70 (never 1, which means a rule refused), no traceback,
    and the step's transaction is rolled back whole."""
    from caseledger.services import clocks

    case = bureau(*open_args(credit_code(77), on="2025-03-03", extra=("-f", "json"))).json
    before = bureau("info", "-f", "json").json["counts"]["events"]

    def defect(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a defect planted by the test")

    with monkeypatch.context() as patched:
        patched.setattr(clocks, "store", defect)
        result = bureau("case", "propose", case["short_id"], "--fine", "500", "--basis", "某条",
                        "--on", "2025-03-10")
    assert result.exit_code == 70, result.stderr
    assert result.stderr.startswith("internal error: ZeroDivisionError: a defect planted")
    assert "nothing was written" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr
    assert bureau("info", "-f", "json").json["counts"]["events"] == before
    assert bureau("case", "show", case["short_id"], "-f", "json").json["status"] == "filed"


def test_an_absurd_case_number_is_not_found(bureau):
    """A short id out of any integer's range, or in digits other than ASCII, is no case: exit 3."""
    for ref in ("2026-99999999999999999999", "٢٠٢٦-١", "99999-1", "2026-"):
        result = bureau("case", "show", ref)
        assert result.exit_code == 3, (ref, result.stderr)
        assert result.stderr.startswith("not found: case"), result.stderr


@pytest.mark.slow  # a real process whose reader has gone
def test_a_reader_that_closes_the_pipe_early_is_exit_0(bureau, db_url):
    """`caseledger export events | head -1`: the reader stops early; that is no failure."""
    import os
    import subprocess

    from tests.conftest import caseledger_command

    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first line
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin"}
    proc = subprocess.run([*caseledger_command(), "export", "events"], stdout=write,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    os.close(write)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_a_year_the_ledger_cannot_hold_is_bad_input_not_a_defect(bureau):
    for args in (("report", "year", "10000"), ("report", "compliance", "0"),
                 ("export", "events", "--year", "0"), ("calendar", "show", "10000")):
        result = bureau(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert "outside the years the ledger takes" in result.stderr
        assert result.stdout == ""


@pytest.mark.slow  # a real process whose reader has gone
def test_a_table_to_a_closed_pipe_is_exit_0(bureau, db_url):
    """rich draws tables; its own broken-pipe handling must not turn into exit 1."""
    import os
    import subprocess

    from tests.conftest import caseledger_command

    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "CASELEDGER_DB": db_url, "CASELEDGER_USER": "admin", "COLUMNS": "80"}
    proc = subprocess.run([*caseledger_command(), "staff", "list"], stdout=write,
                          stderr=subprocess.PIPE, text=True, env=env, timeout=60)
    os.close(write)
    assert proc.returncode == 0, proc.stderr
