"""The import's bulk path (issue #13): rows written in batches, each batch's events signed as one
run (A-4), a refused row undone from the batch, and X-5 seeing the import's own earlier cases."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from tests.conftest import open_args
from tests.ids import credit_code
from tests.rules import allows, refuses
from tests.test_identity import rewrite
from tests.test_import import HEADER, good_row, write_csv


def _small_batches(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from caseledger.store import bulk

    monkeypatch.setattr(bulk, "BATCH_EVENTS", 12)  # a row is 10 events: a run every 2 rows


def _signatures(db_url: str) -> tuple[int, int]:
    """(events with a signature, events without one) among those that name a key."""
    from caseledger.store.models import Event

    engine = create_engine(db_url)
    with Session(engine) as session:
        signed = session.scalar(select(func.count()).where(Event.signature.is_not(None)))
        open_ = session.scalar(select(func.count()).where(
            Event.signature.is_(None), Event.signer_key.is_not(None)))
    engine.dispose()
    return signed, open_


def _imported(bureau, tmp_path, monkeypatch, n: int = 5):  # type: ignore[no-untyped-def]
    _small_batches(monkeypatch)
    f = write_csv(tmp_path / "year.csv", HEADER, [good_row(i) for i in range(1, n + 1)], "utf-8")
    result = bureau("import", str(f))
    assert result.exit_code == 0, result.stderr
    return result


@allows("A-4")
def test_an_import_is_signed_in_runs_and_verifies(bureau, db_url, tmp_path, monkeypatch):
    before = bureau("info", "-f", "json").json["counts"]["events"]
    _imported(bureau, tmp_path, monkeypatch)
    signed, open_ = _signatures(db_url)
    assert open_ > 0  # most of an import's events are covered by their run's signature
    result = bureau("verify", "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = result.json
    assert report["events"] == before + 50 and report["cases"] == 5
    assert report["signatures"] == signed < report["signed"] == report["events"]
    listed = bureau("case", "list", "-f", "json").json
    assert sorted(c["case_no"][-3:] for c in listed)[-1].endswith("5号")
    assert bureau("report", "year", "2024", "-f", "json").json["total"]["closed"] == 5


@refuses("A-4")
def test_an_imports_last_signature_stripped_fails_verify(bureau, db_url, tmp_path, monkeypatch):
    _imported(bureau, tmp_path, monkeypatch)

    def strip(session, rows):  # type: ignore[no-untyped-def]
        rows[-1].signature = None
        return rows[-1].seq

    rewrite(db_url, strip, sign=False)
    result = bureau("verify")
    assert result.exit_code == 4
    assert "to the end of the chain are not signed" in result.stderr, result.stderr


@refuses("A-4")
def test_a_run_closed_by_another_recorders_key_fails_verify(bureau, db_url, tmp_path,
                                                            monkeypatch):
    _imported(bureau, tmp_path, monkeypatch)
    imported_last = bureau("info", "-f", "json").json["counts"]["events"]
    assert bureau(*open_args(credit_code(90), on="2024-04-01"), user="zhang").exit_code == 0

    def strip(session, rows):  # type: ignore[no-untyped-def]
        rows[imported_last - 1].signature = None
        return imported_last

    rewrite(db_url, strip, sign=False)
    result = bureau("verify")
    assert result.exit_code == 4 and "no signature of their key covers them" in result.stderr, \
        result.stderr


@refuses("A-4")
def test_an_unsigned_event_of_a_run_edited_fails_verify(bureau, db_url, tmp_path, monkeypatch):
    """The run's signature covers every event before it: editing one and re-hashing the chain
    without the key breaks the signature that closes its run."""
    _imported(bureau, tmp_path, monkeypatch)

    def edit(session, rows):  # type: ignore[no-untyped-def]
        target = next(r for r in rows if r.signer_key and r.signature is None
                      and r.step == "case.review")
        target.payload = target.payload.replace("同意", "同意，另附意见")
        return target.seq

    rewrite(db_url, edit, sign=False)
    result = bureau("verify")
    assert result.exit_code == 4 and "signature" in result.stderr, result.stderr


@refuses("X-5")
def test_x5_sees_a_penalty_earlier_in_the_same_import(bureau, tmp_path, monkeypatch):
    """First-violation no-penalty for a party penalised by an earlier row of the same file."""
    _small_batches(monkeypatch)
    again = good_row(1)
    again[7] = "2024-05-06"  # filed after the first row's decision
    again[10:21] = ["chen", "2024-05-10", "", "", "wang", "2024-05-20", "不予处罚:first-violation",
                    "2024-05-21", "", "", "2024-05-27"]
    again[9] = ""
    f = write_csv(tmp_path / "again.csv", HEADER, [good_row(1), again], "utf-8")
    result = bureau("import", str(f))
    assert result.exit_code == 1 and "row 3: decided_on: X-5" in result.stderr, result.stderr
    assert bureau("case", "list", "-f", "json").json == []


@allows("X-5")
def test_x5_allows_a_first_violation_of_another_party_in_the_same_import(bureau, tmp_path,
                                                                         monkeypatch):
    _small_batches(monkeypatch)
    other = good_row(2)
    other[7] = "2024-05-06"
    other[10:21] = ["chen", "2024-05-10", "", "", "wang", "2024-05-20", "不予处罚:first-violation",
                    "2024-05-21", "", "", "2024-05-27"]
    other[9] = ""
    f = write_csv(tmp_path / "other.csv", HEADER, [good_row(1), other], "utf-8")
    result = bureau("import", str(f))
    assert result.exit_code == 0, result.stderr
    assert bureau("verify").exit_code == 0


def test_a_refused_row_between_batches_leaves_nothing(bureau, tmp_path, monkeypatch):
    """Rows before the bad one were already written in batches: all-or-nothing still holds."""
    _small_batches(monkeypatch)
    before = bureau("info", "-f", "json").json["counts"]
    bad = good_row(9)
    bad[0] = "fishing"
    rows = [good_row(i) for i in range(1, 7)] + [bad, good_row(10)]
    result = bureau("import", str(write_csv(tmp_path / "bad.csv", HEADER, rows, "utf-8")))
    assert result.exit_code == 1 and "row 8: domain: F-1" in result.stderr, result.stderr
    assert bureau("info", "-f", "json").json["counts"] == before
    assert bureau("verify").exit_code == 0
    # The same file without the bad row goes in whole, numbered from 1.
    rows.remove(bad)
    assert bureau("import", str(write_csv(tmp_path / "ok.csv", HEADER, rows, "utf-8"))).exit_code == 0
    numbers = sorted(c["case_no"] for c in bureau("case", "list", "-f", "json").json)
    assert len(numbers) == 7 and any(n.endswith("〔2024〕1号") for n in numbers)
    assert bureau("verify").exit_code == 0


def _forge_unsigned_tail(db_url: str) -> None:
    """Someone who can write the database but holds no key rewrites zhang's last event (a new
    party name), leaves it unsigned naming zhang's key, re-hashes and moves the head."""
    import json

    from caseledger.domain.record import canonical_payload

    def forge(session, rows):  # type: ignore[no-untyped-def]
        last = rows[-1]
        payload = json.loads(last.payload)
        payload["party_name"] = "伪造名称"
        last.payload = canonical_payload(payload)
        last.signature = None
        return last.seq

    rewrite(db_url, forge, sign=False)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE cases SET party_name = '伪造名称' WHERE seq = 1")
    engine.dispose()


@refuses("A-4")
def test_an_ordinary_signature_never_covers_unsigned_events_before_it(bureau, db_url):
    """The key holder's next step signs its own hash, which chains over a forged unsigned event:
    that must not pass for a run's signature (review of #13)."""
    assert bureau(*open_args(credit_code(1), on="2024-03-01"), user="zhang").exit_code == 0
    _forge_unsigned_tail(db_url)
    assert bureau("verify").exit_code == 4
    # The next step is refused before it writes: nothing is appended after an unsigned event.
    step = bureau("case", "tag", "2024-1", "--typical", "city", user="zhang")
    assert step.exit_code == 4 and "[A-4]" in step.stderr, step.stderr
    # And were it appended anyway (an older program), verify still refuses the cover.
    from caseledger.store.signing import load_key
    from tests.keys import key_file

    def append_signed(session, rows):  # type: ignore[no-untyped-def]
        import datetime as dt

        from caseledger.domain.record import canonical_payload
        from caseledger.store.models import Event

        last = rows[-1]
        session.add(Event(seq=last.seq + 1, case_id=last.case_id, step="case.tag",
                          detail="city", business_date=dt.date(2024, 3, 2), actor="zhang",
                          responsible="zhang", recorded_at=dt.datetime.now(dt.UTC),
                          payload=canonical_payload({"typical": "city", "campaign": None}),
                          prev_hash=last.hash, hash="", signer_key=last.signer_key))
        session.flush()
        return last.seq + 1

    rewrite(db_url, append_signed, sign=False)
    engine = create_engine(db_url)
    with Session(engine) as session, session.begin():
        from caseledger.store.models import Event

        row = session.execute(select(Event).order_by(Event.seq.desc())).scalars().first()
        row.signature = load_key(key_file("zhang")).sign(row.hash)  # an ordinary signature
    engine.dispose()
    result = bureau("verify")
    assert result.exit_code == 4 and "does not cover the unsigned events" in result.stderr, \
        result.stderr
