"""`caseledger db upgrade|current|check` and `init`: Alembic driven from inside the program."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from caseledger.store.db import engine_for, guarded, limit_lock_wait, reading_url, sqlite_path


def script_location() -> Path:
    """Where Alembic's environment is: `caseledger.migrations` in an installed wheel, the
    checkout's top-level `migrations/` when caseledger runs from its source tree (the tests run
    inside a clone, `python -m caseledger` in a checkout), where no such subpackage exists."""
    try:
        return Path(str(resources.files("caseledger.migrations")))
    except ModuleNotFoundError:
        source = Path(__file__).resolve().parents[2] / "migrations"
        if (source / "env.py").is_file():
            return source
        raise


def _config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    from alembic import command

    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    _migrate(url, lambda cfg: command.upgrade(cfg, revision))


def downgrade(url: str, revision: str) -> None:
    """Back to an older schema (for a bureau that must run an older program; and the tests)."""
    from alembic import command

    _migrate(url, lambda cfg: command.downgrade(cfg, revision))


def _migrate(url: str, run: Any) -> None:
    """One transaction of migrations. On SQLite, foreign keys are off meanwhile: batch mode
    changes a table by copying it, and dropping the old copy of a table others refer to would
    fail (SQLite ignores the pragma inside a transaction, so it is set before and after)."""
    engine = engine_for(url).execution_options(caseledger_write=True)
    with guarded(url), engine.connect() as connection:
        raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" \
            else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                limit_lock_wait(connection)
                cfg = _config(url)
                cfg.attributes["connection"] = connection
                run(cfg)
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config("sqlite://")).get_current_head()


def current(url: str) -> str | None:
    from alembic.migration import MigrationContext

    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None  # do not create an empty file just to say there is nothing
    with guarded(url), engine_for(reading_url(url)).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def differences(url: str) -> list[Any]:
    """What autogenerate would change to bring the database to the models (empty when in step)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from caseledger.store.models import Base

    with guarded(url), engine_for(reading_url(url)).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))
