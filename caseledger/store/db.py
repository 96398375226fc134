"""Which database, its engine, and one transaction per command.

SQLite is tuned in one connect listener; writes start with BEGIN IMMEDIATE so two writers queue on
the busy timeout instead of failing mid-transaction. On PostgreSQL every write locks the chain
head row first, which serialises appends, numbering and the checks that precede them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session

from caseledger.domain.errors import StorageError
from caseledger.domain.lang import t
from caseledger.store.schema import SCHEMA_REVISION

BUSY_TIMEOUT_S = 30  # the default of CASELEDGER_LOCK_TIMEOUT


def lock_timeout() -> float:
    """Seconds a writer waits for another writer's lock before giving up (exit 5):
    CASELEDGER_LOCK_TIMEOUT, default 30."""
    text_value = os.environ.get("CASELEDGER_LOCK_TIMEOUT", "").strip()
    if not text_value:
        return BUSY_TIMEOUT_S
    try:
        value = float(text_value)
    except ValueError:
        value = -1
    if not 0.001 <= value <= 86_400:
        from caseledger.domain.errors import InputError

        raise InputError(t(f"CASELEDGER_LOCK_TIMEOUT={text_value!r} 不是 0.001 至 86400 之间的秒数",
                           f"CASELEDGER_LOCK_TIMEOUT={text_value!r} is not a number of seconds "
                           "from 0.001 to 86400"))
    return value


def lock_timeout_ms() -> int:
    return max(1, round(lock_timeout() * 1000))


def limit_lock_wait(connection: Any) -> None:
    """On PostgreSQL, this transaction waits at most CASELEDGER_LOCK_TIMEOUT for a lock (SQLite
    has its busy timeout, set as each transaction begins)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = {lock_timeout_ms()}")


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("caseledger", appauthor=False)) / "ledger.db"


def resolve_url(db: str | None) -> str:
    """--db, then CASELEDGER_DB, then ledger.db in the user data directory; a path means SQLite."""
    value = db or os.environ.get("CASELEDGER_DB") or str(default_path())
    if "://" in value:
        return value
    return sqlite_url(Path(value).expanduser().resolve())


def sqlite_url(path: Path) -> str:
    """The URL of the SQLite file at `path`; quoted, so a `#`, `?` or `%` in it stays its own."""
    return f"sqlite:///{quote(str(path), safe='/')}"


def display_url(url: str) -> str:
    """The URL without its password, for `info` and error messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def read_only_uri(path: Path) -> str | None:
    """An SQLite URI that opens the ledger at `path` for reading only, when this process cannot
    write its file or its directory (an archive copy, an auditor's read-only mount); else None.

    SQLite in WAL mode writes a `-shm` file beside the ledger even to read, which a read-only
    directory refuses. When nobody can change the file (no write permission on it or on its
    directory for anyone, or a read-only filesystem) and no `-wal` file holds commits not yet
    checkpointed, it is opened `immutable`: no locks, no `-shm`. Otherwise it is read with
    `mode=ro`, which takes part in locking (so a writer elsewhere is waited for, not read torn)
    and needs the `-shm` file to exist already.
    """
    effective = os.access in os.supports_effective_ids
    if os.access(path, os.W_OK, effective_ids=effective) \
            and os.access(path.parent, os.W_OK, effective_ids=effective):
        return None
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    name = quote(str(path), safe="/")  # a `#` or `?` in a folder name must not end the name
    return f"file:{name}?mode=ro" + ("&immutable=1" if _unchangeable(path) and not pending else "")


def _unchangeable(path: Path) -> bool:
    """Whether no one can write the ledger's file, or its folder, or anything on its mount."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return True
        return not (path.stat().st_mode & 0o222) or not (path.parent.stat().st_mode & 0o222)
    except OSError:
        return False


def reading_url(url: str) -> str:
    """The URL to read the ledger at `url` through: a read-only SQLite URI when the ledger
    cannot be written here, else `url` itself."""
    path = sqlite_path(url)
    uri = read_only_uri(path) if path is not None and path.exists() else None
    # `%` doubled: SQLAlchemy's URL parser takes one level of quoting off, SQLite the other.
    return url if uri is None else f"sqlite:///{uri.replace('%', '%25')}&uri=true"


@cache
def engine_for(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StorageError(t(f"{url!r} 不是数据库 URL 或文件路径",
                             f"{url!r} is not a database URL or path")) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
            _tune_sqlite(engine, read_only=parsed.query.get("mode") == "ro")
        else:
            engine = create_engine(url, pool_pre_ping=False)
    except (NoSuchModuleError, ImportError) as exc:
        raise StorageError(t(f"无法使用 {display_url(url)}：{exc}",
                             f"cannot use {display_url(url)}: {exc}")) from None
    return engine


def _tune_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy emit BEGIN itself (below), so a write can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not read_only:
            # Readers never block the writer and the writer never blocks readers.
            cursor.execute("PRAGMA journal_mode=WAL")
        # SQLite leaves foreign keys off unless asked, per connection.
        cursor.execute("PRAGMA foreign_keys=ON")
        # Durable at each WAL checkpoint; safe against application crashes, fast to commit.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        # Wait for another writer instead of failing at once (exit 5 only past this).
        conn.exec_driver_sql(f"PRAGMA busy_timeout={lock_timeout_ms()}")
        # A write takes the write lock up front: the checks it makes then stay true until commit.
        immediate = conn.get_execution_options().get("caseledger_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def storage_error(exc: Exception, url: str) -> StorageError:
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else repr(exc)
    if "locked" in detail or "lock timeout" in detail:
        return StorageError(t(
            f"台账 {display_url(url)} 被另一个写入操作锁定超过 {lock_timeout():g} 秒"
            f"（CASELEDGER_LOCK_TIMEOUT；{detail}）",
            f"the ledger {display_url(url)} stayed locked by another writer for over "
            f"{lock_timeout():g} s (CASELEDGER_LOCK_TIMEOUT; {detail})"
        ))
    if "read-only transaction" in detail:  # a standby server, or a reading role's connection
        return StorageError(t(f"台账 {display_url(url)} 在此处只读（{detail}）；查询类命令仍可使用",
                              f"the ledger {display_url(url)} is read-only here ({detail}); "
                              "reading commands still work"))
    return StorageError(t(f"数据库 {display_url(url)}：{detail}",
                          f"database {display_url(url)}: {detail}"))


def schema_revision(session: Session) -> str | None:
    try:
        with session.begin_nested():
            return session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def check_schema(session: Session, url: str) -> None:
    """Exit 5 unless the ledger's schema is the one this program was built for."""
    found = schema_revision(session)
    if found == SCHEMA_REVISION:
        return
    if found is None:
        raise StorageError(t(
            f"{display_url(url)} 中没有 caseledger 台账\n"
            "请运行 `caseledger init --bureau NAME --prefix ABBR` 创建台账",
            f"{display_url(url)} holds no caseledger ledger\n"
            "run `caseledger init --bureau NAME --prefix ABBR` to create one"
        ))
    raise StorageError(t(
        f"台账的数据库结构版本为 {found}，本程序需要 {SCHEMA_REVISION}\n"
        "请运行 `caseledger db upgrade`（请先备份台账）",
        f"the ledger's schema is at revision {found}, this program needs {SCHEMA_REVISION}\n"
        "run `caseledger db upgrade` (back up the ledger first)"
    ))


@contextmanager
def guarded(url: str) -> Iterator[None]:
    """Database errors become one plain StorageError line (exit 5)."""
    try:
        yield
    except DBAPIError as exc:
        raise storage_error(exc, url) from exc


@contextmanager
def transaction(url: str, *, write: bool) -> Iterator[Session]:
    """One command's transaction: committed if the block ends normally, else rolled back whole."""
    if write:
        lock_timeout()  # a bad CASELEDGER_LOCK_TIMEOUT is exit 2 before anything is opened
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise StorageError(t(
            f"{path} 处没有台账\n请运行 `caseledger init --bureau NAME --prefix ABBR`"
            "（或用 --db / CASELEDGER_DB 指向已有的台账）",
            f"no ledger at {path}\nrun `caseledger init --bureau NAME --prefix ABBR` "
            "(or point --db / CASELEDGER_DB at an existing ledger)"
        ))
    opened = url if write else reading_url(url)
    if write and path is not None and read_only_uri(path) is not None:
        raise StorageError(t(f"台账 {path} 在此处只读（其文件或所在目录不可写）；查询类命令仍可使用",
                             f"the ledger {path} is read-only here (its file or directory cannot "
                             "be written); reading commands still work"))
    engine = engine_for(opened).execution_options(caseledger_write=write)
    with guarded(url), Session(engine, expire_on_commit=False) as session, session.begin():
        connection = session.connection()  # reach the server first: unreachable is not "no ledger"
        if write:
            limit_lock_wait(connection)  # a writer waits this long for the chain head, then exit 5
        check_schema(session, url)
        yield session
