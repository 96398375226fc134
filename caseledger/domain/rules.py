"""The rules of RULES.md by id: what kind each is and its one-line title.

Code, refusals and tests name these ids; the rule-coverage test checks that each has a test
refusing and a test allowing, and that this list is the one RULES.md holds.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # gate (refuses the step), clock (flags it late) or rule (defines a term or value)
    title: str


RULES: tuple[Rule, ...] = tuple(Rule(*r) for r in (
    ("D-1", "rule", "working days skip weekends and holidays and count make-up days"),
    ("D-2", "rule", "the first day is not counted; a limit ending on a non-working day moves"),
    ("D-3", "rule", "holiday data from the State Council's schedule; else provisional"),
    ("P-1", "gate", "two officers with certificates valid on the filing date"),
    ("P-2", "gate", "the reviewer has the role, did not handle the case, is qualified"),
    ("P-3", "gate", "filing, extension, decision and closing approved by a head"),
    ("P-4", "gate", "every step records who did it; retired staff cannot act"),
    ("P-5", "gate", "staff, settings and calendar changes by an admin"),
    ("F-1", "gate", "a case has a domain, a party, a violation, a date, an approver"),
    ("F-2", "gate", "party identifiers are checked"),
    ("F-3", "gate", "case and decision numbers are unique and sequential within the year"),
    ("F-4", "clock", "a lead is filed within 15 working days (+15 with approval)"),
    ("R-1", "gate", "no decision without an agreeing review after the latest proposal"),
    ("R-2", "rule", "major cases get 法制审核, others 案件审核"),
    ("R-3", "gate", "after a hearing, the 法制审核 is dated on or after it"),
    ("R-4", "rule", "review outcomes: agree, correct, investigate, other; an opinion always"),
    ("R-5", "clock", "a review within 10 working days; the head may extend it"),
    ("N-1", "gate", "a written notice is served before a penalty decision"),
    ("N-2", "gate", "the decision waits out the 5-working-day statement window"),
    ("N-3", "gate", "the hearing right, its request window and a pending hearing"),
    ("N-4", "gate", "no decision heavier than the notified proposal"),
    ("C-1", "gate", "a major penalty case is decided after a collective discussion"),
    ("X-1", "rule", "decision outcomes and no-penalty grounds"),
    ("X-2", "clock", "a decision within 90 days, extended once by a head, then by discussion"),
    ("X-3", "rule", "penalty kinds; amounts in yuan with at most two decimals, exact"),
    ("X-4", "rule", "discretion is recorded with the list item justifying it"),
    ("X-5", "gate", "first-violation needs a clean record in the look-back window"),
    ("S-1", "clock", "the decision is served within 7 working days"),
    ("S-2", "clock", "a fine is paid within 15 days; 3% a day late, capped at the fine"),
    ("G-1", "rule", "every penalty decision is disclosed, except a warning alone"),
    ("G-2", "clock", "disclosure within 20 working days, a warning from 7"),
    ("G-3", "rule", "what a disclosed record holds; natural persons' identifiers masked"),
    ("G-4", "rule", "publication period: 3 months or 3 years, or a restriction's length"),
    ("G-5", "clock", "a changed or revoked decision's disclosure withdrawn in 3 working days"),
    ("T-1", "rule", "a suspected crime goes to the police; a fine never replaces it"),
    ("T-2", "rule", "a case outside the bureau's competence goes to the named agency"),
    ("K-1", "gate", "closing, with a head, once the penalty is executed or another ground"),
    ("K-2", "clock", "closing within 15 working days of its ground"),
    ("K-3", "gate", "a closed case accepts only revoke, withdraw, correct, tag, acceptance"),
    ("A-1", "rule", "every step is an appended event; never updated or deleted"),
    ("A-2", "rule", "events are hash-chained; verify names the first mismatch"),
    ("A-3", "rule", "a step happens completely or not at all"),
    ("A-4", "rule", "every event is signed with its recorder's key"),
    ("A-5", "rule", "verify replays the gates and proves kept heads are in the chain"),
    ("Y-1", "rule", "the year tally by domain, with the previous year"),
    ("Y-2", "rule", "the compliance report"),
))

BY_ID = {r.id: r for r in RULES}

EDITION = 2
"""The edition of the rules a notice (N-3) or a disclosure (G-3, G-4) was reckoned under; those
events carry it as `edition`, and `verify` derives them again under the same edition.

Edition 1 (events without the key, recorded before issue #11): a party of kind `other` counted as
an organisation for the N-3 and G-4 thresholds, and its identifier was masked like a resident ID
(whole up to 10 characters). Edition 2: such a party counts as a natural person and its identifier
shows at most its first 2 and last 2 characters (G-3).
"""


KIND_LABELS = {"gate": "拦截", "clock": "时限", "rule": "规则"}


@functools.cache
def texts() -> dict[str, dict[str, str]]:
    """Each rule's section, title and full text in Chinese and English (`rules_text.json`, shipped
    in the package: what `caseledger rules ID` prints), keyed by id in RULES.md's order."""
    raw = resources.files("caseledger.domain").joinpath("rules_text.json").read_text("utf-8")
    loaded: dict[str, dict[str, str]] = json.loads(raw)
    return loaded


def lookup(rule_id: str) -> Rule | None:
    """The rule an id names, however it is typed (`r-1`, `R1`, `Ｒ－１`); None when none."""
    import unicodedata

    key = unicodedata.normalize("NFKC", rule_id).strip().upper().replace("_", "-")
    if "-" not in key and len(key) >= 2:
        key = f"{key[0]}-{key[1:]}"
    return BY_ID.get(key)
