"""`verify` in flat memory (issue #13): the walk keeps only the recently used case states and
folds any other again from its earlier events; the caches are compared case by case. Here it
keeps a single state, so every case that interleaves with another is folded again, and the
verdicts must be those of a walk that keeps them all."""

from __future__ import annotations

import json

import pytest

from tests.conftest import open_args
from tests.ids import credit_code
from tests.rules import allows, refuses
from tests.test_identity import rewrite

PARTY = credit_code(40)


@pytest.fixture(autouse=True)
def _one_state_kept(monkeypatch):  # type: ignore[no-untyped-def]
    from caseledger.services.verify import States

    monkeypatch.setattr(States, "KEPT", 1)


def _ok(run, *args: str) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 0, (args, result.stderr)


def _interleaved(run) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Case 1 fined and its decision revoked; case 2, the same party's, opened between its
    steps and decided as a first violation (X-5 allows it: the earlier penalty is revoked)."""
    _ok(run, *open_args(PARTY, on="2025-03-03"))
    _ok(run, *open_args(PARTY, on="2025-03-04"))
    first, second = "2025-1", "2025-2"
    _ok(run, "case", "propose", first, "--fine", "3000", "--basis", "某法第1条", "--on", "2025-03-05")
    _ok(run, "case", "propose", second, "--no-penalty", "first-violation", "--on", "2025-03-05")
    for case in (first, second):
        _ok(run, "case", "review", case, "--outcome", "agree", "--opinion", "同意", "--reviewer",
            "chen", "--on", "2025-03-06")
    _ok(run, "case", "notify", first, "--on", "2025-03-06")
    _ok(run, "case", "statement", first, "--waived", "--on", "2025-03-07")
    _ok(run, "case", "decide", first, "--by", "wang", "--on", "2025-03-10")
    _ok(run, "case", "revoke", first, "--reason", "复议撤销", "--on", "2025-03-11")
    _ok(run, "case", "decide", second, "--by", "wang", "--on", "2025-03-12")
    return first, second


@allows("X-5")
def test_interleaved_cases_verify_with_one_state_kept(bureau):
    _interleaved(bureau)
    result = bureau("verify", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json["cases"] == 2


@refuses("X-5")
def test_a_revocation_rewritten_away_fails_the_replayed_x5(bureau, db_url):
    """Without the revocation, the first violation was no first violation: the walk must fold
    the other case back from the record to see it (it is not the state kept)."""
    _interleaved(bureau)

    def unrevoke(session, rows):  # type: ignore[no-untyped-def]
        target = next(r for r in rows if r.step == "case.revoke")
        target.step = "case.tag"
        target.payload = json.dumps({"campaign": None, "typical": None}, sort_keys=True,
                                    separators=(",", ":"))
        return target.seq

    rewrite(db_url, unrevoke, sign=True)
    result = bureau("verify")
    assert result.exit_code == 4 and "[X-5]" in result.stderr, result.stderr


@refuses("A-2")
def test_an_edited_case_row_is_found_by_the_case_by_case_comparison(bureau, db_url):
    from sqlalchemy import create_engine, text

    _interleaved(bureau)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE cases SET fine_fen = 100 WHERE seq = 1"))
    engine.dispose()
    result = bureau("verify")
    assert result.exit_code == 4 and "fine_fen is 100 in the case table" in result.stderr, \
        result.stderr


@refuses("A-2")
def test_a_clock_row_for_an_unknown_case_is_found(bureau, db_url):
    from sqlalchemy import create_engine, text

    _interleaved(bureau)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=OFF") if engine.dialect.name == "sqlite"
                     else text("SET session_replication_role = replica"))
        conn.execute(text("INSERT INTO case_clock (case_id, rule, due, unit, met_on, provisional, "
                          "party_window, paused, warn_from) VALUES (999, 'X-2', '2025-06-01', "
                          "'wd', NULL, false, false, false, NULL)"))
    engine.dispose()
    result = bureau("verify")
    assert result.exit_code == 4 and "clocks of case id 999" in result.stderr, result.stderr


@refuses("A-2")
def test_a_second_opening_of_a_case_no_longer_kept_fails_verify(bureau, db_url):
    """The walk keeps one state: the first case's is folded again to see it was opened."""
    for n, day in ((1, "2025-03-03"), (2, "2025-03-04"), (3, "2025-03-04")):
        assert bureau(*open_args(credit_code(n), on=day)).exit_code == 0

    def retarget(session, rows):  # type: ignore[no-untyped-def]
        rows[-1].case_id = 1  # re-signed by someone who holds the keys
        return rows[-1].seq

    rewrite(db_url, retarget, sign=True)
    result = bureau("verify")
    assert result.exit_code == 4 and "cannot be replayed" in result.stderr, result.stderr


@refuses("A-2")
@pytest.mark.parametrize("orphan", ["case_clock", "case_officer"])
def test_rows_of_a_case_the_table_does_not_hold_fail_verify(bureau, db_url, orphan):
    """Below the first case's id as well as after the last."""
    from sqlalchemy import create_engine, text

    for n in (1, 2):
        assert bureau(*open_args(credit_code(n), on="2025-03-03")).exit_code == 0
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=OFF") if engine.dialect.name == "sqlite"
                     else text("SET session_replication_role = replica"))
        conn.execute(text(
            "INSERT INTO case_clock (case_id, rule, due, unit, met_on, provisional, party_window, "
            "paused, warn_from) VALUES (0, 'X-2', '2025-06-01', 'calendar', NULL, false, false, "
            "false, NULL)" if orphan == "case_clock" else
            "INSERT INTO case_officer (case_id, staff_id, position) "
            "SELECT 0, staff_id, position FROM case_officer WHERE case_id = 1"))
    engine.dispose()
    result = bureau("verify")
    assert result.exit_code == 4 and "of case id 0, which the case table" in result.stderr, \
        result.stderr
