"""backup: a consistent SQLite copy while another process keeps writing; PostgreSQL: pg_dump."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import PG_SERVER

WRITER = textwrap.dedent("""
    import sys, time
    from caseledger.services import cases
    from caseledger.store import chain, db
    from caseledger.store.signing import load_key
    from tests.ids import credit_code
    signer = load_key()  # CASELEDGER_KEY: the admin's
    url, n = sys.argv[1], 0
    print("ready", flush=True)
    deadline = time.time() + 6
    while time.time() < deadline:
        with db.transaction(url, write=True) as s:
            chain.sign_with(s, signer)
            cases.open_case(s, "admin", domain_key="food", party_kind="org", party_name="x",
                            party_id=credit_code(n), party_id_type=None,
                            violation="v", officers=["zhang", "li"], approved_by="wang",
                            on="2024-01-02")
        n += 1
    print(n, flush=True)
""")


@pytest.mark.slow  # a second process writing throughout
@pytest.mark.skipif(bool(PG_SERVER), reason="the online backup API is SQLite's")
def test_backup_is_a_consistent_copy_while_another_process_writes(bureau, db_url, tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, db_url], stdout=subprocess.PIPE,
                              text=True, env=os.environ.copy())
    assert writer.stdout.readline().strip() == "ready"
    copies = []
    for i in range(3):
        dest = tmp_path / f"copy{i}.db"
        result = bureau("backup", str(dest))
        assert result.exit_code == 0, result.stderr
        copies.append(dest)
    written = int(writer.communicate(timeout=60)[0].split()[-1])
    assert writer.returncode == 0 and written > 0
    counts = []
    for dest in copies:
        check = bureau("--db", str(dest), "verify", "-f", "json")
        assert check.exit_code == 0, check.stderr
        counts.append(check.json["cases"])
    assert counts == sorted(counts) and counts[-1] <= written
    assert bureau("backup", str(copies[0])).exit_code == 2  # never overwrites


@pytest.mark.skipif(not PG_SERVER, reason="PostgreSQL only")
def test_backup_on_postgresql_points_to_pg_dump(bureau, tmp_path):
    result = bureau("backup", str(tmp_path / "x.db"))
    assert result.exit_code == 2 and "pg_dump" in result.stderr
