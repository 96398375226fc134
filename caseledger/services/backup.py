"""`backup DEST`: a consistent copy of a SQLite ledger while others keep writing.

SQLite's online backup API copies every page inside one read transaction, which in WAL mode is a
snapshot: writers go on committing and the copy holds the ledger exactly as of one commit. The
copy is then checked like `verify` would. PostgreSQL ledgers are copied with pg_dump instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from caseledger.domain.errors import InputError
from caseledger.domain.lang import t
from caseledger.store import db


def backup(url: str, dest: str) -> dict[str, Any]:
    source = db.sqlite_path(url)
    if source is None:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        dump = (f"`pg_dump --format=custom --file=ledger.dump -h {parsed.host or 'localhost'} "
                f"-p {parsed.port or 5432} -U {parsed.username or 'postgres'} {parsed.database}`")
        raise InputError(t(
            f"backup 只复制 SQLite 台账；PostgreSQL 台账请用其自带工具，例如 {dump}"
            "（用 pg_restore 恢复）",
            "backup copies SQLite ledgers; for PostgreSQL use its own tool, e.g. "
            f"{dump} "
            "(restore with pg_restore)"))
    target = Path(dest).expanduser().resolve()
    if target.exists():
        raise InputError(t(f"{target} 已存在；请给出新的文件名",
                           f"{target} already exists; give a new file name"))
    if not target.parent.is_dir():
        raise InputError(t(f"{target.parent} 不是目录", f"{target.parent} is not a directory"))
    with db.transaction(url, write=False):
        pass  # the source is a ledger at this program's schema (else exit 5)
    uri = db.read_only_uri(source) or f"file:{quote(str(source))}?mode=ro"
    src = sqlite3.connect(uri, uri=True, timeout=db.BUSY_TIMEOUT_S)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # all pages in one step: one snapshot
    finally:
        dst.close()
        src.close()
    from caseledger.services.verify import verify

    copy_url = db.sqlite_url(target)
    with db.transaction(copy_url, write=False) as session:
        summary = verify(session)
    db.engine_for(copy_url).dispose()
    return {"backup": str(target), **summary}
