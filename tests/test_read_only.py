"""A read-only ledger (an archive copy, an auditor's mount): `verify`, `info` and every reading
command work, and a step says the ledger is read-only (exit 5) without touching it.

SQLite: the ledger's file and directory lose their write permission, and the installed command
runs as a process that cannot override it (as root: without CAP_DAC_OVERRIDE, through
`setpriv`). PostgreSQL: every transaction of the connection is read-only
(`default_transaction_read_only`), as on a standby server or for a reader's role.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import Result, caseledger_command, open_args
from tests.ids import credit_code, resident_id

READS = [
    ("info",), ("verify",), ("case", "list"), ("case", "show", "2025-1"),
    ("case", "history", "2025-1"), ("case", "steps", "2025-1", "--on", "2025-04-01"),
    ("staff", "list"), ("settings", "show"), ("party", "history", credit_code(1)),
    ("report", "year", "2025"), ("report", "compliance", "2025", "--on", "2025-12-31"),
    ("deadlines", "--on", "2025-04-01"), ("calendar", "show", "2025"),
    ("export", "cases"), ("export", "events", "-f", "json"), ("export", "disclosures"),
    ("db", "current"),
]


def unprivileged() -> list[str]:
    """A prefix that makes root obey file permissions; nothing for any other user."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to test read-only ledgers as root"
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


@pytest.fixture
def archive(bureau, db_url, tmp_path):  # type: ignore[no-untyped-def]
    """The test ledger with a decided and disclosed case, then made read-only; yields a runner
    of the installed command against it."""
    for n, (pid, kind) in enumerate(((credit_code(1), "org"), (resident_id(2), "person")), 1):
        assert bureau(*open_args(pid, kind=kind, on="2025-03-03")).exit_code == 0
        for name, *args in (
            ("propose", "--fine", "3000", "--basis", "某法第1条"),
            ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
            ("notify",), ("statement", "--waived"), ("decide", "--by", "wang"), ("disclose",),
        ):
            result = bureau("case", name, f"2025-{n}", *args, "--on", "2025-03-10")
            assert result.exit_code == 0, result.stderr
    prefix: list[str] = []
    if db_url.startswith("sqlite"):
        folder = tmp_path / "archive"
        folder.mkdir()
        copy = folder / "ledger.db"
        assert bureau("backup", str(copy)).exit_code == 0
        url = f"sqlite:///{copy}"
        copy.chmod(0o444)
        folder.chmod(0o555)
        prefix = unprivileged()
    else:
        url = make_url(db_url).update_query_dict(
            {"options": "-c default_transaction_read_only=on"}).render_as_string(
                hide_password=False)

    def run(*args: str) -> Result:
        proc = subprocess.run(
            [*prefix, *caseledger_command(), "--db", url, "--as", "admin", *args],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "COLUMNS": "200"})
        return Result(proc.returncode, proc.stdout, proc.stderr)

    yield run
    if db_url.startswith("sqlite"):
        (tmp_path / "archive").chmod(0o755)


@pytest.mark.slow
def test_every_reading_command_works_on_a_read_only_ledger(archive, db_url, tmp_path):
    for args in READS:
        result = archive(*args)
        assert result.exit_code == 0, (args, result.stderr)
    assert "2 cases" in archive("verify").stdout
    out = tmp_path / "cases.xlsx"
    assert archive("export", "cases", "-f", "xlsx", "-o", str(out)).exit_code == 0
    assert out.stat().st_size > 0
    if db_url.startswith("sqlite"):
        assert sorted(p.name for p in (tmp_path / "archive").iterdir()) == ["ledger.db"]
        copy = tmp_path / "copy.db"
        assert archive("backup", str(copy)).exit_code == 0


@pytest.mark.slow
def test_a_step_on_a_read_only_ledger_is_a_storage_error_and_changes_nothing(archive):
    before = archive("verify").stdout
    result = archive("staff", "add", "zhou", "--name", "周八", "--role", "officer")
    assert result.exit_code == 5
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "read-only" in lines[0], result.stderr
    assert archive("verify").stdout == before


@pytest.mark.slow
def test_a_read_only_copy_with_commits_still_in_its_write_ahead_log_is_read_whole(
        tmp_path, bureau, db_url):
    """A copy taken while a writer held the ledger open: the `-wal` file holds commits not yet in
    the main file; they are read, not ignored."""
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's write-ahead log")
    path = make_url(db_url).database
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    assert bureau(*open_args(credit_code(9), on="2025-03-03")).exit_code == 0
    folder = tmp_path / "mount"
    folder.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy(path + suffix, folder / ("ledger.db" + suffix))
    writer.close()
    assert (folder / "ledger.db-wal").stat().st_size > 0
    for f in folder.iterdir():
        f.chmod(0o444)
    folder.chmod(0o555)
    try:
        proc = subprocess.run(
            [*unprivileged(), *caseledger_command(), "--db", f"sqlite:///{folder / 'ledger.db'}",
             "case", "list", "-f", "json"], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert credit_code(9) in proc.stdout
    finally:
        folder.chmod(0o755)


def test_the_read_only_uri_is_chosen_only_when_the_ledger_cannot_be_written(tmp_path):
    from caseledger.store.db import read_only_uri

    path = tmp_path / "ledger.db"
    path.write_bytes(b"")
    assert read_only_uri(Path(path)) is None


@pytest.mark.slow
def test_a_read_only_ledger_in_a_folder_named_with_hash_and_question_mark(bureau, db_url,
                                                                           tmp_path):
    """`#` and `?` belong to the folder's name, not to the URI SQLite is given."""
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite's file URI")
    folder = tmp_path / "卷#1?甲"
    folder.mkdir()
    copy = folder / "ledger.db"
    assert bureau("backup", str(copy)).exit_code == 0
    copy.chmod(0o444)
    folder.chmod(0o555)
    try:
        proc = subprocess.run(
            [*unprivileged(), *caseledger_command(), "--db", str(copy), "info", "-f", "json"],
            capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["ledger.db"]
        assert not (tmp_path / "卷").exists()
    finally:
        folder.chmod(0o755)
