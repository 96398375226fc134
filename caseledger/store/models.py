"""The ledger's tables. Events are the record; the other tables are caches `verify` re-derives.

Money is integer fen; business dates are DATE; recorded times are timezone-aware UTC.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC in and out, also on SQLite, which keeps no zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("recorded times must be timezone-aware")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """A setting an admin has set (defaults live in caseledger.domain.settings)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Staff(Base):
    """执法人员 and the rest of the bureau's staff; roles are a comma-separated set."""

    __tablename__ = "staff"
    __table_args__ = (Index("uq_staff_public_key", "public_key", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128))
    roles: Mapped[str] = mapped_column(String(64))
    cert_no: Mapped[str | None] = mapped_column(String(64))
    cert_until: Mapped[dt.date | None] = mapped_column(Date)
    legal_qualified: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The registered Ed25519 key (`ed25519:<base64>`) the member records with.
    public_key: Mapped[str | None] = mapped_column(String(64))


class Case(Base):
    """One administrative-penalty case (行政处罚案件): its filing facts and derived status."""

    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("year", "seq", name="uq_case_year_seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(128), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    domain: Mapped[str] = mapped_column(String(32), index=True)
    party_kind: Mapped[str] = mapped_column(String(32))
    party_name: Mapped[str] = mapped_column(String(256))
    party_id: Mapped[str] = mapped_column(String(64), index=True)
    party_id_type: Mapped[str] = mapped_column(String(64))
    violation: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(32))
    lead_on: Mapped[dt.date | None] = mapped_column(Date)
    major: Mapped[str | None] = mapped_column(String(32))
    campaign: Mapped[str | None] = mapped_column(String(128))
    filed_on: Mapped[dt.date] = mapped_column(Date, index=True)
    approved_by: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32), index=True)
    # The decision, filled by the workflow's `decide` step.
    outcome: Mapped[str | None] = mapped_column(String(32))
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decision_no: Mapped[str | None] = mapped_column(String(128), unique=True)
    fine_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    gains_fen: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")

    officers: Mapped[list[CaseOfficer]] = relationship(
        order_by="CaseOfficer.position", cascade="all, delete-orphan"
    )


class CaseOfficer(Base):
    """A handling officer (承办人员) of a case, in the order named at filing."""

    __tablename__ = "case_officer"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)

    staff: Mapped[Staff] = relationship(lazy="joined")


class Counter(Base):
    """The last number given out per kind (`case`, `decision`) and year (F-3)."""

    __tablename__ = "counter"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Event(Base):
    """One step of the record (执法全过程记录), hash-chained to the one before (A-1, A-2)."""

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_case_id_seq", "case_id", "seq"),
        Index("ix_event_step_business_date", "step", "business_date"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    step: Mapped[str] = mapped_column(String(32))
    # What reports group a step by: a review's kind, a decision's outcome, a transfer's target.
    detail: Mapped[str | None] = mapped_column(String(32))
    business_date: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(64))
    responsible: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The recorder's key and its Ed25519 signature over `hash`; None on events recorded
    # before the ledger was upgraded to signatures.
    signer_key: Mapped[str | None] = mapped_column(String(64))
    signature: Mapped[str | None] = mapped_column(String(100))


class ChainHead(Base):
    """The newest event's number and hash: one row, locked by every write so appends serialise."""

    __tablename__ = "chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class CalendarDay(Base):
    """A day an admin entered for a year the bundled holiday schedule lacks (D-3)."""

    __tablename__ = "calendar_day"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool] = mapped_column(Boolean)


class CaseClock(Base):
    """A case's clocks as of its latest step: a cache of the fold that `deadlines` queries and
    `verify` re-derives. States are worked out when read, against the date asked about."""

    __tablename__ = "case_clock"
    __table_args__ = (Index("ix_case_clock_met_on_due", "met_on", "due"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    rule: Mapped[str] = mapped_column(String(16), primary_key=True)
    due: Mapped[dt.date] = mapped_column(Date)
    unit: Mapped[str] = mapped_column(String(8))
    met_on: Mapped[dt.date | None] = mapped_column(Date)
    provisional: Mapped[bool] = mapped_column(Boolean)
    party_window: Mapped[bool] = mapped_column(Boolean)
    paused: Mapped[bool] = mapped_column(Boolean)
    warn_from: Mapped[dt.date | None] = mapped_column(Date)


class CaseTally(Base):
    """The read model of the year tally (Y-1): what a case's steps add to each year and month,
    kept by every step in its own transaction and re-derived by `verify`. The case's domain,
    source and campaign are copied in, so `report year` is one grouped scan of the year's rows
    (clustered by year on SQLite) with no join.

    `events` counts the case's events of that fact in the month; `once` is 1 on one row per
    case, fact and year, so the distinct-case counts of a year are a sum."""

    __tablename__ = "case_tally"
    __table_args__ = (Index("ix_case_tally_case_id", "case_id"), {"sqlite_with_rowid": False})

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    fact: Mapped[str] = mapped_column(String(16), primary_key=True)  # a count key of Y-1
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(String(32))
    campaign: Mapped[str | None] = mapped_column(String(128))
    events: Mapped[int] = mapped_column(Integer)
    once: Mapped[int] = mapped_column(Integer)
    fine_fen: Mapped[int] = mapped_column(BigInteger)
    gains_fen: Mapped[int] = mapped_column(BigInteger)


class TallyTotal(Base):
    """`case_tally` summed over cases: one row per year, month, fact, domain, source and campaign
    (an empty string for none), so `report year` reads a few hundred rows however many cases
    there are. Every change to a case's tally rows adds its difference here in the same
    transaction; `verify` sums `case_tally` again and compares.

    `events` and `once` are the sums of those columns; `cases` counts the per-case rows (the
    cases with that fact in that month)."""

    __tablename__ = "tally_total"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact: Mapped[str] = mapped_column(String(16), primary_key=True)
    domain: Mapped[str] = mapped_column(String(32), primary_key=True)
    source: Mapped[str] = mapped_column(String(32), primary_key=True)
    campaign: Mapped[str] = mapped_column(String(128), primary_key=True)
    events: Mapped[int] = mapped_column(BigInteger)
    once: Mapped[int] = mapped_column(BigInteger)
    cases: Mapped[int] = mapped_column(BigInteger)
    fine_fen: Mapped[int] = mapped_column(BigInteger)
    gains_fen: Mapped[int] = mapped_column(BigInteger)
