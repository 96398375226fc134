"""The record (A-1..A-3): append-only, hash-chained, re-derivable; verify catches tampering."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from tests.conftest import open_args
from tests.ids import credit_code
from tests.keys import key_file
from tests.rules import allows, refuses


@pytest.fixture
def ledger(bureau, db_url):  # type: ignore[no-untyped-def]
    for n in range(3):
        assert bureau(*open_args(credit_code(n), on=f"2023-03-0{n + 1}")).exit_code == 0
    yield bureau
    from caseledger.store.db import engine_for

    engine_for(db_url).dispose()


def sql(db_url: str, statement: str, **params) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine(db_url)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.execute(text(statement), params)
    engine.dispose()


@allows("A-2", "A-3")
def test_verify_passes_on_an_untouched_ledger(ledger):
    result = ledger("verify", "-f", "json")
    assert result.exit_code == 0, result.stderr
    summary = result.json
    info = ledger("info", "-f", "json").json
    assert summary["ok"] and summary["cases"] == 3
    assert summary["events"] == info["counts"]["events"] == info["chain_head"]["seq"]
    assert summary["chain_head"] == info["chain_head"]["hash"]


def test_every_event_links_to_the_one_before(ledger):
    events = [e for n in (1, 2, 3) for e in ledger("case", "history", f"2023-{n}", "-f", "json").json]
    assert [e["step"] for e in events] == ["case.open"] * 3
    assert len({e["hash"] for e in events}) == 3


@refuses("A-2")
def test_verify_names_an_edited_event(ledger, db_url):
    sql(db_url, "UPDATE event SET payload = replace(payload, 'food', 'drug') WHERE seq = 9")
    result = ledger("verify")
    assert result.exit_code == 4
    assert "event #9" in result.stderr and "hash" in result.stderr


def test_verify_names_an_edited_business_date(ledger, db_url):
    sql(db_url, "UPDATE event SET business_date = '2023-01-01' WHERE seq = 8")
    result = ledger("verify")
    assert result.exit_code == 4 and "event #8" in result.stderr


@refuses("A-1")
def test_verify_names_a_deleted_event(ledger, db_url):
    sql(db_url, "DELETE FROM event WHERE seq = 5")
    result = ledger("verify")
    assert result.exit_code == 4 and "#5" in result.stderr and "missing" in result.stderr


def test_verify_notices_the_last_event_deleted(ledger, db_url):
    sql(db_url, "DELETE FROM case_officer WHERE case_id = 3")
    sql(db_url, "DELETE FROM event WHERE seq = 10")
    result = ledger("verify")
    assert result.exit_code == 4 and "#10" in result.stderr


def test_verify_notices_a_rewritten_tail(ledger, db_url):
    # Delete the last event and move the head back: the case row is left without its event.
    sql(db_url, "DELETE FROM event WHERE seq = 10")
    sql(db_url, "UPDATE chain_head SET seq = 9, hash = (SELECT hash FROM event WHERE seq = 9)")
    result = ledger("verify")
    assert result.exit_code == 4 and "2023〕3号" in result.stderr


def test_verify_names_an_edited_case_row(ledger, db_url):
    sql(db_url, "UPDATE cases SET domain = 'drug' WHERE seq = 2")
    result = ledger("verify")
    assert result.exit_code == 4
    assert "domain" in result.stderr and "#9" in result.stderr


def test_verify_notices_a_case_inserted_behind_the_ledgers_back(ledger, db_url):
    sql(db_url, """INSERT INTO cases (case_no, year, seq, domain, party_kind, party_name, party_id,
        party_id_type, violation, filed_on, approved_by, status)
        VALUES ('X', 2023, 4, 'food', 'org', 'x', 'x', 'uscc', 'x', '2023-03-05', 'wang', 'filed')""")
    result = ledger("verify")
    assert result.exit_code == 4 and "no filing event" in result.stderr


def test_verify_notices_a_staff_member_edited(ledger, db_url):
    sql(db_url, "UPDATE staff SET cert_until = '2040-01-01' WHERE login = 'old'")
    result = ledger("verify")
    assert result.exit_code == 4 and "old" in result.stderr and "cert_until" in result.stderr


@allows("A-1")
def test_an_event_payload_is_json_of_what_the_step_carried(ledger):
    event = ledger("case", "history", "2023-2", "-f", "json").json[0]
    assert event["payload"]["officers"] == ["zhang", "li"]
    assert event["payload"]["case_no"] == "广区市监立〔2023〕2号"
    assert event["business_date"] == "2023-03-02"
    assert event["recorded_at"].endswith("Z")


@refuses("A-3")
def test_a_failed_step_writes_nothing(ledger, db_url):
    before = ledger("info", "-f", "json").json
    assert ledger(*open_args(credit_code(99), officers=("zhang", "old"))).exit_code == 1
    after = ledger("info", "-f", "json").json
    assert after == before


def test_history_and_show_of_an_unknown_case_exit_3(ledger):
    for command in ("show", "history"):
        result = ledger("case", command, "2023-99")
        assert result.exit_code == 3 and "2023-99" in result.stderr


def test_case_is_found_by_number_or_short_id(ledger):
    by_no = ledger("case", "show", "广区市监立〔2023〕2号", "-f", "json").json
    assert by_no == ledger("case", "show", "2023-2", "-f", "json").json


def test_case_list_filters(ledger):
    assert ledger(*open_args(credit_code(50), domain="drug", on="2022-05-05")).exit_code == 0
    everything = ledger("case", "list", "-f", "json").json
    assert len(everything) == 4
    assert [c["short_id"] for c in ledger("case", "list", "--year", "2022", "-f", "json").json] == ["2022-1"]
    assert len(ledger("case", "list", "--domain", "药品", "-f", "json").json) == 1
    assert len(ledger("case", "list", "--status", "filed", "-f", "json").json) == 4
    assert ledger("case", "list", "--status", "decided", "-f", "json").json == []
    party = ledger("case", "list", "--party", credit_code(1).lower(), "-f", "json").json
    assert [c["short_id"] for c in party] == ["2023-2"]
    assert ledger("case", "list", "--status", "nonsense").exit_code == 2
    assert ledger("case", "list", "--domain", "nonsense").exit_code == 2
    # Undecided past 90 days: all of them, filed in 2022-2023.
    assert len(ledger("case", "list", "--overdue", "-f", "json").json) == 4


def test_case_list_csv_has_a_header_and_a_line_per_case(ledger):
    lines = ledger("case", "list", "-f", "csv").stdout.strip().splitlines()
    assert lines[0].startswith("case_no,short_id")
    assert len(lines) == 4


def test_party_history(ledger):
    ledger(*open_args(credit_code(1), domain="drug", on="2023-04-01"))
    result = ledger("party", "history", credit_code(1), "-f", "json")
    assert result.exit_code == 0, result.stderr
    history = result.json
    assert [c["short_id"] for c in history["cases"]] == ["2023-2", "2023-4"]
    assert {f["domain"]: f["first_violation_open"] for f in history["first_violation"]} == {
        "food": True, "drug": True}
    assert ledger("party", "history", credit_code(777)).exit_code == 3


def test_json_goes_alone_to_stdout(ledger):
    for args in (("info",), ("staff", "list"), ("case", "list"), ("case", "show", "2023-1"),
                 ("case", "history", "2023-1"), ("verify",), ("settings", "show")):
        result = ledger(*args, "-f", "json")
        assert result.exit_code == 0, (args, result.stderr)
        json.loads(result.stdout)


def rechain(db_url: str, step: str, edit) -> None:  # type: ignore[no-untyped-def]
    """Edit the payload of the last `step` event and recompute every hash after it, re-signed
    with each recorder's own key, as someone rewriting history while holding every key would:
    the chain and its signatures are whole again, only the re-derivation can tell."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from caseledger.store.chain import event_hash
    from caseledger.store.models import ChainHead, Event
    from caseledger.store.signing import load_key

    engine = create_engine(db_url)
    with Session(engine) as session, session.begin():
        events = session.execute(select(Event).order_by(Event.seq)).scalars().all()
        target = [e for e in events if e.step == step][-1]
        target.payload = json.dumps(edit(json.loads(target.payload)), ensure_ascii=False)
        previous = events[target.seq - 2].hash
        for event in events[target.seq - 1:]:
            event.prev_hash = previous
            event.hash = previous = event_hash(event, previous)
            if event.signer_key is not None:
                event.signature = load_key(key_file(event.actor)).sign(event.hash)
        head = session.get(ChainHead, 1)
        head.hash = previous
    engine.dispose()


def disclosed(bureau):  # type: ignore[no-untyped-def]
    assert bureau(*open_args(credit_code(7), on="2025-03-03")).exit_code == 0
    for name, *args in (
        ("propose", "--fine", "150000", "--basis", "某法第1条"),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
        ("notify",), ("statement", "--waived"), ("hearing", "--waived-on", "2025-03-10"),
        ("decide", "--by", "wang"), ("disclose",),
    ):
        on = () if name == "hearing" else ("--on", "2025-03-11" if name in ("decide", "disclose")
                                                  else "2025-03-10")
        result = bureau("case", name, "2025-1", *args, *on)
        assert result.exit_code == 0, (name, result.stderr)


@pytest.mark.parametrize("step, edit, named", [
    ("case.disclose", lambda p: {**p, "until": "2025-06-11"}, "until"),
    ("case.disclose", lambda p: {**p, "record": {**p["record"], "party_id": "hidden"}}, "record"),
    ("case.notify", lambda p: {**p, "hearing_right": False}, "hearing_right"),
    ("case.decide", lambda p: {**p, "decision_no": "广区市监处罚〔2025〕9号"}, "decision_no"),
    ("case.review", lambda p: {**p, "kind": "legal"}, "kind"),
])
def test_verify_derives_the_values_a_step_froze_in_its_payload(bureau, db_url, step, edit, named):
    disclosed(bureau)
    assert bureau("verify").exit_code == 0
    rechain(db_url, step, edit)
    result = bureau("verify")
    assert result.exit_code == 4, result.stderr
    assert step in result.stderr and f"its {named} is" in result.stderr


def other_party_disclosed(bureau, fine: str = "20000"):  # type: ignore[no-untyped-def]
    """A foreign national with a passport (kind `other`), fined, notified, decided, disclosed;
    the hearing right (from 10,000 yuan) waived."""
    args = open_args("E12345678", kind="other", on="2025-03-03",
                     extra=("--party-id-type", "passport"))
    assert bureau(*args).exit_code == 0
    for name, *args in (
        ("propose", "--fine", fine, "--basis", "某法第1条"),
        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
        ("notify",), ("statement", "--waived"), ("hearing", "--waived-on", "2025-03-10"),
        ("decide", "--by", "wang"), ("disclose",),
    ):
        if name == "hearing" and int(fine) < 10000:
            continue
        on = () if name == "hearing" else ("--on", "2025-03-11" if name in ("decide", "disclose")
                                                  else "2025-03-10")
        result = bureau("case", name, "2025-1", *args, *on)
        assert result.exit_code == 0, (name, result.stderr)


def as_first_edition(payload):  # type: ignore[no-untyped-def]
    """A notice or disclosure as the ledger recorded it before rules edition 2 (rules.EDITION):
    a 5,000-yuan fine, and the passport published whole."""
    old = {k: v for k, v in payload.items() if k != "edition"}
    if "hearing_right" in old:
        return old
    return old | {"record": old["record"] | {"party_id": "E12345678"}}


@refuses("G-3")
def test_an_other_partys_passport_is_masked_in_the_disclosure_export(bureau):
    """G-3: `E12345678` is published as `E1*****78`; N-3 gives the natural person's hearing
    right at 20,000 yuan."""
    other_party_disclosed(bureau)
    case = json.loads(bureau("case", "show", "2025-1", "-f", "json").stdout)
    assert case["notices"][-1]["hearing_right"] is True
    rows = json.loads(bureau("export", "disclosures", "-f", "json").stdout)
    assert rows[0]["party_id"] == "E1*****78"
    assert "E12345678" not in bureau("export", "disclosures").stdout


@allows("A-2")
def test_a_notice_and_disclosure_recorded_under_the_first_edition_still_verify(bureau, db_url):
    """Events recorded before rules edition 2 are derived again as they were reckoned then;
    the export masks the identifier under G-3 as it stands now."""
    other_party_disclosed(bureau, fine="5000")
    rechain(db_url, "case.notify", as_first_edition)
    rechain(db_url, "case.disclose", as_first_edition)
    result = bureau("verify")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(bureau("export", "disclosures", "-f", "json").stdout)
    assert rows[0]["party_id"] == "E1*****78"


@refuses("A-2")
def test_a_second_edition_disclosure_with_the_whole_passport_fails_verify(bureau, db_url):
    other_party_disclosed(bureau)
    rechain(db_url, "case.disclose",
            lambda p: p | {"record": p["record"] | {"party_id": "E12345678"}})
    result = bureau("verify")
    assert result.exit_code == 4 and "its record is" in result.stderr, result.stderr


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(actor=_TEXT, case_id=st.none() | st.integers(1, 2**31), detail=st.none() | _TEXT,
       responsible=st.none() | _TEXT, key=st.none() | _TEXT, step=_TEXT,
       payload=st.dictionaries(_TEXT, _JSON, max_size=4),
       on=st.dates(), at=st.datetimes(timezones=st.just(dt.UTC)), seq=st.integers(1, 2**40))
def test_the_appends_fast_encoding_is_the_canonical_one(actor, case_id, detail, responsible, key,
                                                        step, payload, on, at, seq):
    """`chain.append` encodes a new event without re-parsing its payload; the bytes must be
    those `verify` recomputes from the stored row (A-2)."""
    from caseledger.domain.record import canonical_payload
    from caseledger.store.chain import _encoded, _fast_encoded

    values = {"seq": seq, "case_id": case_id, "step": step, "detail": detail, "actor": actor,
              "responsible": responsible, "business_date": on, "recorded_at": at,
              "payload": canonical_payload(payload), "signer_key": key}
    assert _fast_encoded(values) == _encoded(values.__getitem__)
