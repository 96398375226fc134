"""Writers give up after CASELEDGER_LOCK_TIMEOUT seconds (exit 5) on SQLite and PostgreSQL, and
on PostgreSQL staff connect through `caseledger_writer`, which the server stops from updating,
deleting or truncating events."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import PG_SERVER, open_args
from tests.ids import credit_code
from tests.rules import allows, refuses


def test_a_writer_behind_a_held_lock_gives_up_after_the_timeout(bureau, db_url, monkeypatch):
    monkeypatch.setenv("CASELEDGER_LOCK_TIMEOUT", "1")
    if db_url.startswith("sqlite"):
        holder = sqlite3.connect(make_url(db_url).database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        release = holder.close
    else:
        engine = create_engine(db_url)
        conn = engine.connect()
        trans = conn.begin()
        conn.execute(text("SELECT seq FROM chain_head WHERE id = 1 FOR UPDATE"))

        def release() -> None:
            trans.rollback()
            conn.close()
            engine.dispose()
    try:
        result = bureau(*open_args(credit_code(1)))
    finally:
        release()
    assert result.exit_code == 5, result.stderr
    assert "CASELEDGER_LOCK_TIMEOUT" in result.stderr and "locked" in result.stderr
    assert bureau(*open_args(credit_code(1))).exit_code == 0  # free again


def test_a_lock_timeout_that_is_not_a_number_is_exit_2(bureau, monkeypatch):
    monkeypatch.setenv("CASELEDGER_LOCK_TIMEOUT", "soon")
    result = bureau(*open_args(credit_code(1)))
    assert result.exit_code == 2 and "CASELEDGER_LOCK_TIMEOUT" in result.stderr


def test_db_roles_is_for_postgresql(bureau, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the SQLite answer")
    result = bureau("db", "roles")
    assert result.exit_code == 2 and "PostgreSQL" in result.stderr


def login_in(bureau, db_url, role: str):  # type: ignore[no-untyped-def]
    """A database login in `role`, as a member's own login would be; yields its URL."""
    if not PG_SERVER:
        pytest.skip("database roles are PostgreSQL's")
    assert bureau("db", "roles").exit_code == 0
    name = f"clerk_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {name} LOGIN IN ROLE {role}"))
    url = make_url(db_url).set(username=name, password=None).render_as_string(hide_password=False)
    yield url
    from caseledger.store.db import engine_for

    engine_for(url).dispose()
    engine_for.cache_clear()
    with admin.connect() as conn:
        conn.execute(text(f"DROP OWNED BY {name}"))
        conn.execute(text(f"DROP ROLE {name}"))
    admin.dispose()


@pytest.fixture
def clerk(bureau, db_url):  # type: ignore[no-untyped-def]
    """An officer's database login (caseledger_writer)."""
    yield from login_in(bureau, db_url, "caseledger_writer")


@pytest.fixture
def admin_login(bureau, db_url):  # type: ignore[no-untyped-def]
    """An admin's database login (caseledger_admin)."""
    yield from login_in(bureau, db_url, "caseledger_admin")


@allows("A-1")
def test_the_writer_role_runs_the_whole_workflow(bureau, clerk):
    assert bureau("--db", clerk, *open_args(credit_code(1), on="2025-03-03")).exit_code == 0
    for name, *args in (("propose", "--fine", "3000", "--basis", "某法第1条"),
                        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
                        ("notify",), ("statement", "--waived"), ("decide", "--by", "wang"),
                        ("serve",), ("pay", "--amount", "3000"), ("disclose",),
                        ("close", "--approved-by", "wang")):
        result = bureau("--db", clerk, "case", name, "2025-1", *args, "--on", "2025-03-10")
        assert result.exit_code == 0, (name, result.stderr)
    assert bureau("--db", clerk, "verify").exit_code == 0


@allows("A-1")
def test_the_writer_role_imports_a_file(bureau, clerk, tmp_path):
    """The bulk path writes the read model and moves the case id sequence (#13)."""
    from tests.test_import import HEADER, good_row, write_csv

    f = write_csv(tmp_path / "one.csv", HEADER, [good_row(1), good_row(2)], "utf-8")
    result = bureau("--db", clerk, "import", str(f))
    assert result.exit_code == 0, result.stderr
    assert bureau("--db", clerk, *open_args(credit_code(3), on="2025-03-03")).exit_code == 0
    assert bureau("--db", clerk, "report", "year", "2024", "-f", "json").json["total"][
        "closed"] == 2
    assert bureau("--db", clerk, "verify").exit_code == 0


def test_the_roster_and_settings_are_the_admin_roles(bureau, clerk, admin_login):
    """An officer's login cannot change the roster, even by hand; an admin's can, by a step."""
    refused = bureau("--db", clerk, "settings", "set", "first_violation_years", "3")
    assert refused.exit_code == 5 and "permission denied" in refused.stderr
    engine = create_engine(clerk)
    from sqlalchemy.exc import ProgrammingError

    with pytest.raises(ProgrammingError), engine.begin() as conn:
        conn.execute(text("UPDATE staff SET roles = 'officer,admin' WHERE login = 'zhang'"))
    engine.dispose()
    assert bureau("--db", admin_login, "settings", "set", "first_violation_years", "3") \
        .exit_code == 0
    assert bureau("--db", admin_login, "verify").exit_code == 0


@refuses("A-1")
@pytest.mark.parametrize("statement", ["UPDATE event SET actor = 'forged' WHERE seq = 1",
                                       "DELETE FROM event WHERE seq > 1",
                                       "TRUNCATE event CASCADE"])
def test_the_server_refuses_the_writer_role_an_update_of_events(bureau, clerk, statement):
    from psycopg.errors import InsufficientPrivilege
    from sqlalchemy.exc import ProgrammingError

    engine = create_engine(clerk)
    with pytest.raises(ProgrammingError) as refused, engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()
    assert isinstance(refused.value.orig, InsufficientPrivilege)
    assert bureau("verify").exit_code == 0
