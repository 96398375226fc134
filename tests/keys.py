"""Signing keys for the tests' staff (A-4): one key file per login, made on first use in a
temporary folder of this test process, so every login a test records as can prove itself."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

KEY_DIR = Path(tempfile.mkdtemp(prefix="caseledger-keys-"))


@functools.cache
def key_file(login: str) -> Path:
    from caseledger.store.signing import create_key

    path = KEY_DIR / f"{login}.key"
    create_key(path)
    return path


def public_key(login: str) -> str:
    from caseledger.store.signing import load_key

    return load_key(key_file(login)).public


def claimed(args: tuple[str, ...] | list[str], user: str | None, default: str | None) -> str:
    """The login a command line records as: `--as X` among its arguments, else `user`, else
    the environment's CASELEDGER_USER."""
    words = list(args)
    if "--as" in words[:-1]:
        return words[words.index("--as") + 1]
    return user or default or "admin"
