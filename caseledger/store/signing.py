"""Signing keys (rule A-4): each officer's Ed25519 key, kept in a file only they can read.

The private key lives at `$CASELEDGER_KEY`, else `<user config dir>/caseledger/signing.key`, as
PKCS#8 PEM with mode 0600; a key file others can read is refused, as ssh refuses one. A public key
is written `ed25519:<base64 of its 32 bytes>`, one line, the form `staff key` registers.

An event is signed over its hash (the 64 hex characters), which covers every field of the event
and the previous hash; the hash of a signed event also covers the signer's public key, so a
signature cannot be stripped without breaking the chain.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from caseledger.domain.errors import InputError, NotFound
from caseledger.domain.lang import t

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PREFIX = "ed25519:"


def key_path() -> Path:
    """Where the running user's signing key lives."""
    env = os.environ.get("CASELEDGER_KEY")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("caseledger", appauthor=False)) / "signing.key"


def public_text(raw: bytes) -> str:
    return PREFIX + base64.b64encode(raw).decode("ascii")


def parse_public(text: str) -> str:
    """A public key as `staff key` takes it, normalised; InputError when it is not one."""
    value = text.strip()
    body = value.removeprefix(PREFIX)
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if not value.startswith(PREFIX) or len(raw) != 32:
        raise InputError(t(f"{value[:60]!r} 不是公钥：应为 `ed25519:` 加 44 个 base64 字符，"
                           "与 `caseledger key show` 的输出一致",
                           f"{value[:60]!r} is not a public key: expected `ed25519:` and 44 base64 "
                           "characters, as `caseledger key show` prints"), rule="A-4")
    return public_text(raw)


@dataclass(frozen=True)
class Signer:
    """The local key: its public text, and signing of an event hash."""

    public: str
    private: Ed25519PrivateKey

    def sign(self, event_hash: str) -> str:
        return base64.b64encode(self.private.sign(event_hash.encode("ascii"))).decode("ascii")


def _signer(private: Ed25519PrivateKey) -> Signer:
    from cryptography.hazmat.primitives import serialization

    raw = private.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
    return Signer(public_text(raw), private)


def create_key(path: Path | None = None, *, force: bool = False) -> Signer:
    """A new key written to `path` (mode 0600, its folder 0700 when created); an existing key
    is kept unless `force`."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = path or key_path()
    if path.exists() and not force:
        raise InputError(t(f"{path} 已有签名密钥；`key init --force` 可替换它"
                           "（用旧密钥签名的事件仍可校验）",
                           f"{path} already holds a signing key; `key init --force` replaces it "
                           "(events signed with the old key stay verifiable)"))
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(path.name + ".new")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(t(f"无法把签名密钥写入 {path}：{exc.strerror}",
                           f"cannot write the signing key to {path}: {exc.strerror}")) from None
    return _signer(private)


def load_key(path: Path | None = None) -> Signer:
    """The signing key at `path`; NotFound when there is none, InputError when others can read
    it or it is not a key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = path or key_path()
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(t(f"{path} 处没有签名密钥；请用 `caseledger key init` 创建",
                         f"no signing key at {path}; create one with `caseledger key init`")
                       ) from None
    except OSError as exc:
        raise InputError(t(f"无法读取签名密钥 {path}：{exc.strerror}",
                           f"cannot read the signing key {path}: {exc.strerror}")) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise InputError(t(f"签名密钥 {path} 可被他人读取（权限 {stat.S_IMODE(mode):04o}）；"
                           f"请运行 `chmod 600 {path}`",
                           f"the signing key {path} can be read by others (mode "
                           f"{stat.S_IMODE(mode):04o}); run `chmod 600 {path}`"), rule="A-4")
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        private = None
    if not isinstance(private, Ed25519PrivateKey):
        raise InputError(t(f"{path} 中不是 Ed25519 签名密钥",
                           f"{path} does not hold an Ed25519 signing key"), rule="A-4")
    return _signer(private)


def local_signer(*, create: bool = False) -> Signer:
    """The running user's key; created first when absent and `create` (for `init`, `demo`)."""
    path = key_path()
    if create and not path.exists():
        return create_key(path)
    return load_key(path)


def verifier(public: str):  # type: ignore[no-untyped-def]
    """A function (event hash, signature) -> bool for the key `public`."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public.removeprefix(PREFIX)))

    def check(event_hash: str, signature: str) -> bool:
        try:
            key.verify(base64.b64decode(signature), event_hash.encode("ascii"))
        except (InvalidSignature, binascii.Error, ValueError):
            return False
        return True

    return check
