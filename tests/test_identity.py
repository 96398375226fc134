"""Identity and anchoring (A-4, A-5): the recorder is proven by a key, kept heads are checked, and
`verify` replays the rules. Each attack of issue #12 is refused or detected, on SQLite and (with
CASELEDGER_TEST_DB) on PostgreSQL."""

from __future__ import annotations

import json
import stat

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from tests.conftest import open_args
from tests.ids import credit_code
from tests.keys import KEY_DIR, key_file, public_key
from tests.rules import allows, refuses


def events(run) -> int:  # type: ignore[no-untyped-def]
    return run("info", "-f", "json").json["counts"]["events"]


def decided(run, n: int = 1, by: str = "wang"):  # type: ignore[no-untyped-def]
    """Case 2025-n filed, proposed, reviewed, notified, waived and decided."""
    assert run(*open_args(credit_code(n), on="2025-03-03")).exit_code == 0
    for name, *args in (("propose", "--fine", "3000", "--basis", "某法第1条"),
                        ("review", "--outcome", "agree", "--opinion", "同意", "--reviewer", "chen"),
                        ("notify",), ("statement", "--waived"), ("decide", "--by", by)):
        result = run("case", name, f"2025-{n}", *args, "--on", "2025-03-10")
        assert result.exit_code == 0, (name, result.stderr)


def rewrite(db_url: str, change, *, sign: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Apply `change(session, events)` to the event table, then recompute every hash from the
    first changed event on, re-signed with each recorder's key (`sign`) or left as it is, and
    move the head: a history rewritten by someone who holds (or lacks) the keys."""
    from caseledger.store.chain import event_hash
    from caseledger.store.models import ChainHead, Event
    from caseledger.store.signing import load_key

    engine = create_engine(db_url)
    with Session(engine) as session, session.begin():
        rows = list(session.execute(select(Event).order_by(Event.seq)).scalars())
        first = change(session, rows)
        rows = list(session.execute(select(Event).order_by(Event.seq)).scalars())
        previous = rows[first - 2].hash if first > 1 else "0" * 64
        for row in rows[first - 1:]:
            row.prev_hash = previous
            row.hash = previous = event_hash(row, previous)
            if sign and row.signer_key is not None:
                row.signature = load_key(key_file(row.actor)).sign(row.hash)
        head = session.get(ChainHead, 1)
        head.seq, head.hash = rows[-1].seq, previous
    engine.dispose()


# --- the recorder is proven by the key -----------------------------------------------------

@refuses("A-4")
def test_naming_a_login_without_its_key_is_refused(bureau):
    """`--as wang` with zhang's key: refused, nothing written."""
    before = events(bureau)
    result = bureau(*open_args(credit_code(1)), user="wang", key=str(key_file("zhang")))
    assert result.exit_code == 1
    assert "[A-4]" in result.stderr and "not wang's registered key" in result.stderr
    assert events(bureau) == before


@refuses("A-4")
def test_a_member_without_a_registered_key_cannot_record(bureau):
    assert bureau("staff", "add", "zhou", "--name", "周九", "--role", "officer").exit_code == 0
    before = events(bureau)
    result = bureau("staff", "list", user="zhou")  # reading needs no key
    assert result.exit_code == 0
    result = bureau(*open_args(credit_code(2)), user="zhou")
    assert result.exit_code == 1 and "[A-4]" in result.stderr
    assert "caseledger staff key zhou" in result.stderr
    assert events(bureau) == before


@refuses("A-4")
def test_no_key_on_this_computer_is_refused(bureau, tmp_path):
    result = bureau(*open_args(credit_code(3)), key=str(tmp_path / "none.key"))
    assert result.exit_code == 1 and "[A-4]" in result.stderr and "key init" in result.stderr


@refuses("A-4")
def test_a_key_file_others_can_read_is_refused(bureau, tmp_path):
    loose = tmp_path / "loose.key"
    loose.write_bytes(key_file("admin").read_bytes())
    loose.chmod(0o644)
    result = bureau(*open_args(credit_code(4)), key=str(loose))
    assert result.exit_code == 2 and "chmod 600" in result.stderr


@allows("A-4")
def test_without_as_the_recorder_is_the_keys_holder(bureau, monkeypatch):
    """No --as and no CASELEDGER_USER: the key says who records, and signs the event."""
    monkeypatch.delenv("CASELEDGER_USER")
    result = bureau(*open_args(credit_code(5)), key=str(key_file("zhang")))
    assert result.exit_code == 0, result.stderr
    last = bureau("export", "events", "-f", "json").json[-1]
    assert last["actor"] == "zhang"
    assert bureau("verify").exit_code == 0


@allows("A-4")
def test_key_init_and_show(run, tmp_path, monkeypatch):
    path = tmp_path / "conf" / "signing.key"
    monkeypatch.setenv("CASELEDGER_KEY", str(path))
    made = run("key", "init", key=str(path))
    assert made.exit_code == 0, made.stderr
    public = made.stdout.strip()
    assert public.startswith("ed25519:") and len(public) == 52
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run("key", "show", key=str(path)).stdout.strip() == public
    assert run("key", "init", key=str(path)).exit_code == 2  # kept unless --force
    again = run("key", "init", "--force", key=str(path))
    assert again.exit_code == 0 and again.stdout.strip() != public


@allows("A-4")
def test_init_registers_the_local_key_as_the_first_admins(run):
    assert run("init", "--bureau", "某局", "--prefix", "某", user="boss").exit_code == 0
    staff = run("staff", "list", "-f", "json").json
    assert [(s["login"], s["key"]) for s in staff] == [("boss", public_key("boss"))]


@allows("A-4")
def test_a_rotated_key_signs_from_then_on_and_older_events_stay_verifiable(bureau):
    decided(bureau, 1)
    new = KEY_DIR / "zhang-2.key"
    if not new.exists():
        from caseledger.store.signing import create_key

        create_key(new)
    from caseledger.store.signing import load_key

    rotated = bureau("staff", "key", "zhang", load_key(new).public)
    assert rotated.exit_code == 0, rotated.stderr
    assert bureau(*open_args(credit_code(6)), user="zhang").exit_code == 1  # the old key
    result = bureau(*open_args(credit_code(6)), user="zhang", key=str(new))
    assert result.exit_code == 0, result.stderr
    assert bureau("verify").exit_code == 0
    history = bureau("export", "events", "-f", "json").json
    assert [e["step"] for e in history].count("staff.key") == 1


@refuses("A-4")
def test_a_key_already_registered_to_another_member_is_refused(bureau):
    result = bureau("staff", "key", "li", public_key("zhang"))
    assert result.exit_code == 2 and "already zhang's" in result.stderr


# --- A-4 in verify: forged appends --------------------------------------------------------------

def _forged_admin(session, rows, *, signer=None):  # type: ignore[no-untyped-def]
    """Append a `staff.add` of an admin and head named `forged`, as if the admin recorded it."""
    from caseledger.store.models import Staff

    session.add(Staff(login="forged", name="forged", roles="head,admin", legal_qualified=False,
                      active=True))
    return _append(session, rows, "staff.add", "admin", {
        "login": "forged", "name": "forged", "roles": ["head", "admin"], "cert_no": None,
        "cert_until": None, "legal_qualified": False, "key": None}, signer)


@refuses("A-4")
def test_a_forged_unsigned_append_fails_verify(bureau, db_url):
    rewrite(db_url, _forged_admin, sign=False)
    result = bureau("verify")
    assert result.exit_code == 4 and "not signed" in result.stderr, result.stderr


@refuses("A-4")
def test_a_forged_append_signed_with_another_key_fails_verify(bureau, db_url, tmp_path):
    from caseledger.store.signing import create_key

    intruder = create_key(tmp_path / "intruder.key")
    rewrite(db_url, lambda s, rows: _forged_admin(s, rows, signer=intruder), sign=False)
    _sign_last(db_url, intruder)  # the intruder signs their own event
    result = bureau("verify")
    assert result.exit_code == 4 and "not with admin's key" in result.stderr, result.stderr


@refuses("A-4")
def test_a_stripped_signature_fails_verify(bureau, db_url):
    decided(bureau, 1)

    def strip(session, rows):  # type: ignore[no-untyped-def]
        target = [r for r in rows if r.step == "case.decide"][-1]
        target.signer_key = target.signature = None
        return target.seq

    rewrite(db_url, strip, sign=True)
    result = bureau("verify")
    assert result.exit_code == 4 and "not signed" in result.stderr, result.stderr


# --- the rules replayed ------------------------------------------------------------------

@refuses("A-5")
def test_a_decider_rewritten_to_an_officer_fails_verify_even_re_signed(bureau, db_url):
    """The forger holds every key and re-signs: the replayed P-3 gate still refuses it."""
    decided(bureau, 1)

    def officer_decides(session, rows):  # type: ignore[no-untyped-def]
        target = [r for r in rows if r.step == "case.decide"][-1]
        target.responsible = "zhang"
        target.payload = target.payload.replace('"by":"wang"', '"by":"zhang"')
        return target.seq

    rewrite(db_url, officer_decides, sign=True)
    result = bureau("verify")
    assert result.exit_code == 4 and "[P-3]" in result.stderr, result.stderr
    assert "case.decide" in result.stderr


@refuses("A-5")
def test_a_decision_moved_before_the_statement_window_fails_verify(bureau, db_url):
    """Without the statement or waiver, a decision the day after the notice breaks N-2."""
    decided(bureau, 1)

    def no_waiver(session, rows):  # type: ignore[no-untyped-def]
        target = [r for r in rows if r.step == "case.statement"][-1]
        target.step = "case.tag"
        target.payload = json.dumps({"typical": "city", "campaign": None})
        return target.seq

    rewrite(db_url, no_waiver, sign=True)
    result = bureau("verify")
    assert result.exit_code == 4 and "[N-2]" in result.stderr, result.stderr


@allows("A-5")
def test_an_honest_history_replays_clean(bureau):
    decided(bureau, 1)
    decided(bureau, 2)
    result = bureau("verify", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json["unsigned"] == 0 and result.json["signed"] == result.json["events"]


# --- kept heads ----------------------------------------------------------------------------

@refuses("A-5")
def test_a_truncated_history_is_caught_by_a_kept_head(bureau, db_url, tmp_path):
    decided(bureau, 1)
    kept = bureau("head").stdout.strip()
    seq = int(kept.split(":")[0])
    assert bureau("case", "serve", "2025-1", "--on", "2025-03-11").exit_code == 0

    def cut(session, rows):  # type: ignore[no-untyped-def]
        for row in rows[seq - 3:]:
            session.delete(row)
        session.flush()
        return seq - 3

    rewrite(db_url, cut)
    from tests.test_record import sql

    sql(db_url, "UPDATE cases SET status = 'notified', outcome = NULL, decided_on = NULL, "
                "decision_no = NULL, fine_fen = 0, gains_fen = 0")
    sql(db_url, "DELETE FROM counter WHERE kind = 'decision'")
    sql(db_url, "DELETE FROM case_clock")
    assert bureau("verify").exit_code in (0, 4)  # whatever else it finds, the head is the proof
    result = bureau("verify", "--head", kept)
    assert result.exit_code == 4 and f"kept head {seq}:" in result.stderr, result.stderr
    (tmp_path / "heads.txt").write_text(f"# kept by the auditor\nchain head {kept}\n")
    result = bureau("verify", "--head-file", str(tmp_path / "heads.txt"))
    assert result.exit_code == 4 and f"kept head {seq}:" in result.stderr


@allows("A-5")
def test_kept_heads_still_in_the_chain_pass(bureau, tmp_path):
    first = bureau("head").stdout.strip()
    decided(bureau, 1)
    second = bureau("head").stdout.strip()
    result = bureau("verify", "--head", first, "--head", second)
    assert result.exit_code == 0 and "2 kept head(s) found" in result.stdout, result.stderr
    assert bureau("verify", "--head", "12:nothex").exit_code == 2


@pytest.mark.parametrize("kind", ["report", "export"])
def test_reports_and_exports_print_the_head(bureau, kind):
    decided(bureau, 1)
    head = bureau("head").stdout.strip()
    if kind == "report":
        assert head in bureau("report", "year", "2025").stdout
        assert bureau("report", "year", "2025", "-f", "json").json["head"] == head
    else:
        assert head in bureau("export", "cases").stderr


# --- a ledger from before signatures ---------------------------------------------------------

@allows("A-4")
def test_a_ledger_from_before_signatures_upgrades_in_place(bureau, db_url):
    """Its old events verify as unsigned; nobody records until an admin registers their own
    key first; from then on every event is signed, and an unsigned one after them fails."""
    from caseledger.store import migrate
    from caseledger.store.db import engine_for

    decided(bureau, 1)
    migrate.downgrade(db_url, "0004")
    engine_for(db_url).dispose()
    _rehash_old(db_url)  # as schema 0004 hashed: no key in the encoding
    assert bureau("db", "upgrade").exit_code == 0
    checked = bureau("verify", "-f", "json")
    assert checked.exit_code == 0, checked.stderr
    assert checked.json["unsigned"] == checked.json["events"] > 0
    blocked = bureau(*open_args(credit_code(2), on="2025-03-04"))
    assert blocked.exit_code == 1 and "[A-4]" in blocked.stderr
    assert bureau("staff", "key", "zhang", public_key("zhang")).exit_code == 1  # not the admin's
    assert bureau("staff", "key", "admin", public_key("admin")).exit_code == 0
    for login in ("zhang", "li", "wang", "chen"):
        assert bureau("staff", "key", login, public_key(login)).exit_code == 0
    assert bureau(*open_args(credit_code(2), on="2025-03-04"), user="zhang").exit_code == 0
    checked = bureau("verify", "-f", "json")
    assert checked.exit_code == 0, checked.stderr
    assert checked.json["signed"] == 6 and checked.json["unsigned"] > 0


def _rehash_old(db_url: str) -> None:
    """Recompute the chain of a downgraded ledger the way schema 0004 hashed it."""
    from sqlalchemy import text

    from caseledger.domain.record import canonical, chain_hash

    engine = create_engine(db_url)
    with engine.begin() as conn:
        rows = conn.execute(text(
            "SELECT seq, case_id, step, detail, business_date, actor, responsible, recorded_at, "
            "payload FROM event ORDER BY seq")).all()
        previous = "0" * 64
        import datetime as dt

        for r in rows:
            payload = json.loads(r.payload)
            if r.step in ("ledger.init", "staff.add"):
                payload.pop("key", None)  # registered keys came with signatures
                conn.execute(text("UPDATE event SET payload = :p WHERE seq = :s"),
                             {"p": json.dumps(payload, sort_keys=True, separators=(",", ":"),
                                              ensure_ascii=False), "s": r.seq})
            day = r.business_date if isinstance(r.business_date, dt.date) else \
                dt.date.fromisoformat(r.business_date)
            moment = r.recorded_at if isinstance(r.recorded_at, dt.datetime) else \
                dt.datetime.fromisoformat(r.recorded_at)
            value = chain_hash(previous, canonical(
                seq=r.seq, case_id=r.case_id, step=r.step, detail=r.detail, business_date=day,
                actor=r.actor, responsible=r.responsible, recorded_at=moment,
                payload=payload))
            conn.execute(text("UPDATE event SET prev_hash = :p, hash = :h WHERE seq = :s"),
                         {"p": previous, "h": value, "s": r.seq})
            previous = value
        conn.execute(text("UPDATE chain_head SET hash = :h"), {"h": previous})
    engine.dispose()


# --- attacks a review found -------------------------------------------------------------------

def _append(session, rows, step: str, actor: str, payload: dict, signer=None):  # type: ignore[no-untyped-def]
    import datetime as dt

    from caseledger.store.models import Event

    last = rows[-1]
    session.add(Event(seq=last.seq + 1, step=step, business_date=dt.date.today(), actor=actor,
                      recorded_at=dt.datetime.now(dt.UTC),
                      payload=json.dumps(payload, sort_keys=True, separators=(",", ":")),
                      prev_hash=last.hash, hash="", signer_key=signer.public if signer else None))
    session.flush()
    return last.seq + 1


def _sign_last(db_url: str, signer) -> None:  # type: ignore[no-untyped-def]
    from caseledger.store.models import Event

    engine = create_engine(db_url)
    with Session(engine) as session, session.begin():
        row = session.execute(select(Event).order_by(Event.seq.desc())).scalars().first()
        row.signature = signer.sign(row.hash)
    engine.dispose()


@refuses("A-4")
def test_a_second_ledger_init_cannot_re_key_the_admin(bureau, db_url, tmp_path):
    from caseledger.store.signing import create_key

    mallory = create_key(tmp_path / "mallory.key")
    rewrite(db_url, lambda s, rows: _append(
        s, rows, "ledger.init", "admin", {"admin": "admin", "bureau": "x", "prefix": "x",
                                          "key": mallory.public}, mallory), sign=False)
    _sign_last(db_url, mallory)
    result = bureau("verify")
    assert result.exit_code == 4 and "created once" in result.stderr, result.stderr


@refuses("A-4")
def test_a_keyless_admin_cannot_register_a_first_key_once_others_hold_keys(bureau, db_url,
                                                                          tmp_path):
    from caseledger.store.signing import create_key

    assert bureau("staff", "add", "bob", "--name", "鲍勃", "--role", "admin").exit_code == 0
    mallory = create_key(tmp_path / "mallory.key")
    rewrite(db_url, lambda s, rows: _append(
        s, rows, "staff.key", "bob", {"login": "bob", "key": mallory.public, "was": None},
        mallory), sign=False)
    _sign_last(db_url, mallory)
    result = bureau("verify")
    assert result.exit_code == 4 and "who had no registered signing key" in result.stderr, \
        result.stderr


@refuses("A-4")
def test_a_malformed_key_in_the_chain_is_an_integrity_failure_not_a_crash(bureau, db_url):
    def bad_key(session, rows):  # type: ignore[no-untyped-def]
        target = [r for r in rows if r.step == "staff.add"][0]
        payload = json.loads(target.payload)
        payload["key"] = "ed25519:AAAA"
        target.payload = json.dumps(payload, sort_keys=True, separators=(",", ":"),
                                    ensure_ascii=False)
        return target.seq

    rewrite(db_url, bad_key)
    result = bureau("verify")
    assert result.exit_code == 4 and "internal error" not in result.stderr, result.stderr


@refuses("A-5")
def test_two_kept_heads_of_one_seq_must_both_be_the_chain(bureau):
    decided(bureau, 1)
    seq, value = bureau("head").stdout.strip().split(":")
    result = bureau("verify", "--head", f"{seq}:{'0' * 64}", "--head", f"{seq}:{value}")
    assert result.exit_code == 4 and f"kept head {seq}:{'0' * 64}" in result.stderr


@refuses("A-5")
def test_a_responsible_person_not_on_the_staff_list_fails_the_replay(bureau, db_url):
    decided(bureau, 1)

    def ghost(session, rows):  # type: ignore[no-untyped-def]
        target = [r for r in rows if r.step == "case.decide"][-1]
        target.responsible = "ghost"
        return target.seq

    rewrite(db_url, ghost)
    result = bureau("verify")
    assert result.exit_code == 4 and "'ghost' is not on the staff list" in result.stderr


@refuses("A-5")
def test_stripping_every_signature_is_caught_by_a_head_kept_after_signing(bureau, db_url):
    """Without keys, a forger can make a signed ledger look like one from before signatures;
    a head kept outside the database still proves the history changed."""
    decided(bureau, 1)
    kept = bureau("head").stdout.strip()

    def strip_all(session, rows):  # type: ignore[no-untyped-def]
        for row in rows:
            row.signer_key = row.signature = None
            payload = json.loads(row.payload)
            if row.step in ("ledger.init", "staff.add") and payload.pop("key", None):
                row.payload = json.dumps(payload, sort_keys=True, separators=(",", ":"),
                                         ensure_ascii=False)
        from sqlalchemy import update

        from caseledger.store.models import Staff

        session.execute(update(Staff).values(public_key=None))
        return 1

    rewrite(db_url, strip_all, sign=False)
    assert bureau("verify", "-f", "json").json["unsigned"] > 0  # alone it looks like an old one
    result = bureau("verify", "--head", kept)
    assert result.exit_code == 4 and "kept head" in result.stderr
