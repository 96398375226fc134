"""The schema: migrations match the models on SQLite and PostgreSQL; a schema behind exits 5."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from caseledger.store import migrate
from caseledger.store.schema import SCHEMA_REVISION


def test_the_program_needs_the_newest_migration():
    assert migrate.head_revision() == SCHEMA_REVISION


def test_upgrading_an_empty_database_matches_the_models(db_url):
    migrate.upgrade(db_url)
    assert migrate.current(db_url) == SCHEMA_REVISION
    assert migrate.differences(db_url) == []


def test_init_is_idempotent(run):
    assert run("init", "--bureau", "某局", "--prefix", "某").exit_code == 0
    before = run("info", "-f", "json").json
    assert run("init", "--bureau", "某局", "--prefix", "某").exit_code == 0
    assert run("info", "-f", "json").json == before
    assert run("db", "current").stdout.strip() == SCHEMA_REVISION


def test_init_makes_the_runner_the_first_admin(run):
    assert run("init", "--bureau", "某局", "--prefix", "某", user="boss").exit_code == 0
    staff = run("staff", "list", "-f", "json").json
    assert [(s["login"], s["roles"]) for s in staff] == [("boss", ["admin"])]


def test_a_schema_behind_the_program_exits_5(run, db_url):
    assert run("init", "--bureau", "某局", "--prefix", "某").exit_code == 0
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    engine.dispose()
    result = run("case", "list")
    assert result.exit_code == 5
    assert "caseledger db upgrade" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_ledger_exits_5_and_says_to_init(run, tmp_path):
    result = run("--db", str(tmp_path / "nowhere.db"), "case", "list")
    assert result.exit_code == 5 and "caseledger init" in result.stderr
    assert not (tmp_path / "nowhere.db").exists()


def test_an_unreachable_server_exits_5(run):
    result = run("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "info")
    assert result.exit_code == 5 and "Traceback" not in result.stderr


def test_db_upgrade_brings_a_new_database_to_head(run, db_url):
    assert run("db", "upgrade").exit_code == 0
    assert migrate.current(db_url) == SCHEMA_REVISION


def test_upgrading_from_the_oldest_revision_keeps_the_ledger(db_url):
    migrate.upgrade(db_url, "0001")
    assert migrate.current(db_url) == "0001"
    migrate.upgrade(db_url)
    assert migrate.current(db_url) == SCHEMA_REVISION
    assert migrate.differences(db_url) == []
