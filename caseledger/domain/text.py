"""Text a person typed or another agency's spreadsheet carried, checked before it is recorded.

What a ledger holds is read by other officers, printed on documents and disclosed; text that looks
different from what it is must not get in. Refused (exit 2, naming the field and the character):

- control characters (C0, DEL, C1), among them the terminal's escape codes; free text may hold
  line breaks and tabs, a name none;
- bidirectional controls (the right-to-left override U+202E and its kin), which reorder what is
  shown (`gpj.exe` shown as `exe.jpg`);
- in a name or login, every invisible formatting character (zero-width space U+200B, zero-width
  joiners, the byte-order mark U+FEFF, the soft hyphen), so that two names that look alike are
  alike; and a name left empty once such characters and spaces are taken away;
- text longer than its field's limit, counted in characters the same way whichever database
  keeps it (PostgreSQL's `varchar(n)` counts characters; SQLite would store anything).

Logins are ASCII (letters, digits, `.`, `_`, `-`, `@`): a Cyrillic `а` in `wаng` would look like
another officer. Text is put in Unicode NFC form, so the same name typed two ways is one name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from caseledger.domain.errors import InputError
from caseledger.domain.lang import t

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\t")

# Limits in characters. Names are within their database columns (see store.models); free text is
# a page or two, and anything longer belongs in the case file, not in a ledger field.
NAME = 200  # a party's name (单位名称 or a person's name), the bureau's name
SHORT = 64  # an identifier, its type, a certificate number, a staff member's name
LOGIN = 32
TEXT = 10_000  # a violation, an opinion, a reason, a conclusion

_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def _subject(what: str) -> str:
    """`what` as the subject of a Chinese sentence: a space after a field or option name written
    in ASCII (`--reason 为空`), none after Chinese (`当事人名称为空`)."""
    return f"{what} " if what and what[-1].isascii() else what


# Every character `bad_character` might refuse (categories Cc, Cf, Zl, Zp, Cs, as of Unicode 15):
# text without any of them, nearly all text, is passed by one regular-expression search.
_SUSPECT = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]")


def bad_character(value: str, *, multiline: bool = False) -> str | None:
    """What is wrong with the first character text may not hold, or None."""
    if _SUSPECT.search(value) is None:
        return None
    for position, ch in enumerate(value, 1):
        if multiline and ch in LINE_BREAKS:
            continue
        category = unicodedata.category(ch)
        if ch in BIDI_CONTROLS:
            return t(f"双向控制字符（第 {position} 个字符，{_describe(ch)}）",
                     f"a bidirectional control ({_describe(ch)}) at character {position}")
        if category == "Cc":
            escape = ch == "\x1b" or ch == "\x9b"
            kind = "an escape code" if escape else "a control character"
            return t(f"{'终端转义码' if escape else '控制字符'}（第 {position} 个字符，{_describe(ch)}）",
                     f"{kind} ({_describe(ch)}) at character {position}")
        if category in ("Zl", "Zp"):
            return t(f"行分隔符（第 {position} 个字符，{_describe(ch)}）",
                     f"a line separator ({_describe(ch)}) at character {position}")
        if category == "Cs":
            return t(f"不是 UTF-8 文本的字节（第 {position} 个字符；请把终端或文件设为 UTF-8 编码）",
                     f"bytes that are not UTF-8 text at character {position} (set the terminal "
                     "or the file to UTF-8)")
        if not multiline and category == "Cf":
            return t(f"不可见字符（第 {position} 个字符，{_describe(ch)}）",
                     f"an invisible character ({_describe(ch)}) at character {position}")
    return None


def _checked(value: str, what: str, limit: int, multiline: bool, rule: str | None) -> str:
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n") if multiline else value)
    text = text.strip()
    if len(text) > limit:
        raise InputError(t(f"{_subject(what)}长度为 {len(text):,} 个字符，最多 {limit:,} 个",
                           f"{what} has {len(text):,} characters; at most {limit:,}"), rule=rule)
    problem = bad_character(text, multiline=multiline)
    if problem:
        raise InputError(t(f"{_subject(what)}含有{problem}", f"{what} holds {problem}"), rule=rule)
    if not visible(text):
        raise InputError(t(f"{_subject(what)}为空", f"{what} is empty"), rule=rule)
    return text


# Letters that look like nothing: Hangul fillers, the braille blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def visible(value: str) -> bool:
    """Whether anything is left once spaces, invisible characters, blank-looking letters and
    lone combining marks are taken away."""
    return any(not ch.isspace() and ch not in _BLANK_LETTERS
               and unicodedata.category(ch) not in ("Cf", "Mn", "Me") for ch in value)


def name(value: str, what: str, limit: int = NAME, *, rule: str | None = None) -> str:
    """A one-line name: stripped, NFC, no control, bidirectional or invisible characters."""
    return _checked(value, what, limit, False, rule)


def text(value: str, what: str, limit: int = TEXT, *, rule: str | None = None) -> str:
    """Free text: as a name, but line breaks and tabs are kept."""
    return _checked(value, what, limit, True, rule)


def optional_name(value: str | None, what: str, limit: int = NAME) -> str | None:
    """A name that may be left out: None when absent or blank."""
    return name(value, what, limit) if value is not None and value.strip() else None


def login(value: str, what: str | None = None) -> str:
    """A staff login: one ASCII word of letters, digits, `.`, `_`, `-` or `@`, at most 32.
    `what`: the field named in a refusal (default: login)."""
    what = what or t("登录名", "login")
    word = value.strip()
    if not word:
        raise InputError(t(f"{_subject(what)}为空", f"{what} is empty"))
    if len(word) > LOGIN:
        raise InputError(t(f"{_subject(what)}长度为 {len(word)} 个字符，最多 {LOGIN} 个",
                           f"{what} has {len(word)} characters; at most {LOGIN}"))
    if not _LOGIN.fullmatch(word):
        at = next((i for i, ch in enumerate(word) if not _LOGIN.fullmatch("a" + ch)), 0)
        ch = word[at]
        printable = unicodedata.category(ch)[0] not in "CZ"
        shown_ch = f"{ch!r} " if printable else ""
        raise InputError(t(
            f"{what} {word!r} 的第 {at + 1} 个字符{f' {ch!r}' if printable else ''}"
            f"（{_describe(ch)}）不能用于登录名；登录名须是一个由 ASCII 字母、数字、'.'、'_'、'-' "
            "或 '@' 组成的词，并以字母或数字开头",
            f"{what} {word!r} holds {shown_ch}({_describe(ch)}) at character {at + 1}; a login "
            "is one word of ASCII letters, digits, '.', '_', '-' or '@', starting with a letter "
            "or digit"))
    return word


def shown(value: str, *, one_line: bool = False) -> str:
    """Text made safe for a terminal: control characters (escape codes among them),
    bidirectional controls, line separators and lone surrogates (from a ledger written before
    they were refused) are shown as `\\x1b`, `\\u202e` and the like. Line breaks and tabs are
    kept unless `one_line` (a message: an old name cannot forge a line of its own). Other
    invisible characters (a joiner inside an emoji, a soft hyphen) are harmless and kept."""
    if value.isprintable():
        return value
    keep = () if one_line else LINE_BREAKS
    return "".join(ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                   if ch not in keep and (ch in BIDI_CONTROLS
                                          or unicodedata.category(ch) in _HIDDEN) else ch
                   for ch in value)


_HIDDEN = frozenset({"Cc", "Zl", "Zp", "Cs"})


def check_recorded(payload: dict[str, object]) -> None:
    """The last line of defence before an event is recorded: no text anywhere in its payload
    holds a control or bidirectional character or runs past `TEXT` characters (InputError,
    naming the field). Names were checked more strictly where they were entered."""
    for key, value in _strings(payload, ""):
        if len(value) > TEXT:
            raise InputError(t(f"{_subject(key)}长度为 {len(value):,} 个字符，最多 {TEXT:,} 个",
                               f"{key} has {len(value):,} characters; at most {TEXT:,}"))
        problem = bad_character(value, multiline=True)
        if problem:
            raise InputError(t(f"{_subject(key)}含有{problem}", f"{key} holds {problem}"))


def _strings(value: object, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{key}.{k}" if key else str(k))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v, key)
