"""`caseledger db roles`: the PostgreSQL group roles staff connect through (A-1).

`caseledger_writer` may read every table, append events, and insert or update only what a case
step writes; it may never UPDATE, DELETE or TRUNCATE `event`, so the record stays append-only
whatever a member's program does. `caseledger_admin` is a writer that may also change the roster,
the settings and the calendar (what the admin's steps write, P-5); an officer's login cannot
touch them. Each member connects as their own login:
`CREATE ROLE zhang LOGIN PASSWORD '...' IN ROLE caseledger_writer` (`caseledger_admin` for an
admin). Run it as the database's owner after `init` and after every `db upgrade` (grants cover
the tables that exist).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from caseledger.domain.errors import InputError
from caseledger.store.db import display_url, engine_for, guarded, limit_lock_wait

ROLE = "caseledger_writer"
ADMIN_ROLE = "caseledger_admin"
# What each table lets a case step do, beyond reading it.
WRITES = {
    "event": "INSERT",
    "cases": "INSERT, UPDATE",
    "case_officer": "INSERT",
    "case_clock": "INSERT, UPDATE, DELETE",
    "case_tally": "INSERT, UPDATE",
    "tally_total": "INSERT, UPDATE",
    "counter": "INSERT, UPDATE",
    "chain_head": "UPDATE",
}
# And what the admin's steps write besides (P-5).
ADMIN_WRITES = {
    "staff": "INSERT, UPDATE",
    "setting": "INSERT, UPDATE",
    "calendar_day": "INSERT, UPDATE",
}


def create_roles(url: str) -> dict[str, Any]:
    engine = engine_for(url)
    if engine.dialect.name != "postgresql":
        raise InputError("db roles is for PostgreSQL; an SQLite ledger is protected by its "
                         "file's permissions and by `verify`")
    with guarded(url), engine.begin() as conn:
        # Roles belong to the whole server: two databases set up at once take turns.
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:r))"), {"r": ROLE})
        limit_lock_wait(conn)
        database = conn.execute(text("SELECT current_database()")).scalar_one()
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                              {"r": ROLE}).first()
        if not exists:
            conn.execute(text(f"CREATE ROLE {ROLE} NOLOGIN"))
        if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                            {"r": ADMIN_ROLE}).first():
            conn.execute(text(f"CREATE ROLE {ADMIN_ROLE} NOLOGIN IN ROLE {ROLE}"))
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {ROLE}'))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {ROLE}"))
        for role in (ROLE, ADMIN_ROLE):
            conn.execute(text(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN "
                              f"SCHEMA public FROM {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {ROLE}"))
        for role, writes in ((ROLE, WRITES), (ADMIN_ROLE, ADMIN_WRITES)):
            for table, rights in writes.items():
                conn.execute(text(f"GRANT {rights} ON {table} TO {role}"))
        # UPDATE: an import gives case ids itself and moves the sequence past them (setval).
        conn.execute(text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public "
                          f"TO {ROLE}"))
    return {"role": ROLE, "admin_role": ADMIN_ROLE, "database": display_url(url),
            "created": not exists, "writes": WRITES, "admin_writes": ADMIN_WRITES}
