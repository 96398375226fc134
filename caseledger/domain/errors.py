"""The ledger's errors, each carrying the exit code of CLI.md's table.

Rules *return* problems (rule id, why, what would satisfy it); a service raises `Refused` with all of
them at once so the officer can fix everything in one go.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One gate's verdict against a step: the rule, why it refused, and what would satisfy it."""

    rule: str
    why: str
    fix: str = ""

    def line(self) -> str:
        """`refused [RULE]: why; what would satisfy it (RULE: the rule's title)`; the prefix is
        the same in both languages (scripts read it), the rest in the reader's language."""
        from caseledger.domain.lang import english

        text = f"refused [{self.rule}]: {self.why}"
        if english():
            return (f"{text}; {self.fix}" if self.fix else text) + self._title("title_en", " ({})")
        return (f"{text}；{self.fix}" if self.fix else text) + self._title("title_zh", "（{}）")

    def _title(self, key: str, form: str) -> str:
        from caseledger.domain.rules import BY_ID, texts

        if self.rule not in BY_ID:
            return ""
        return form.format(f"{self.rule}: {texts()[self.rule][key]}" if key == "title_en"
                           else f"{self.rule}：{texts()[self.rule][key]}")


class LedgerError(Exception):
    exit_code = 1

    def lines(self) -> list[str]:
        return [f"error: {self}"]


class Refused(LedgerError):
    """A gate refused the step (exit 1). Nothing was written."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.line() for p in problems))
        self.problems = problems

    def lines(self) -> list[str]:
        return [p.line() for p in self.problems]


class InputError(LedgerError):
    """Invalid input or usage (exit 2); names the rule when F-1 or F-2 describes the input."""

    exit_code = 2

    def __init__(self, message: str, rule: str | None = None):
        super().__init__(message)
        self.rule = rule

    def lines(self) -> list[str]:
        tag = f" [{self.rule}]" if self.rule else ""
        return [f"error{tag}: {self}"]


class NotFound(LedgerError):
    """A case, staff member or party that the ledger does not hold (exit 3)."""

    exit_code = 3

    def lines(self) -> list[str]:
        return [f"not found: {self}"]


class UnknownStaff(NotFound):
    """A login the staff list does not hold (exit 3); an import names each such login once."""

    def __init__(self, message: str, login: str):
        super().__init__(message)
        self.login = login


class IntegrityFailure(LedgerError):
    """`verify` found an event or derived value that does not match (exit 4)."""

    exit_code = 4

    def lines(self) -> list[str]:
        return [f"integrity check failed: {self}"]


class StorageError(LedgerError):
    """The database is unreachable, locked past the timeout, or at the wrong schema (exit 5)."""

    exit_code = 5

    def lines(self) -> list[str]:
        return [f"storage: {line}" for line in str(self).split("\n")]
