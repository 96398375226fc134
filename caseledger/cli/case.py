"""`caseledger case ...`: filing (立案) and reading cases back."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from caseledger.cli import labels
from caseledger.cli.common import (
    FormatOption,
    NoInputOption,
    OnOption,
    ask,
    read,
    say,
    session,
    write,
)
from caseledger.cli.output import OutputFormat, emit
from caseledger.domain.lang import english, t
from caseledger.domain.text import shown

app = typer.Typer(help="Cases (行政处罚案件): file them and follow them.", no_args_is_help=True)

LIST_COLUMNS = [
    ("case_no", "案号"), ("short_id", "短号"), ("filed_on", "立案日期"), ("domain_label", "领域"),
    ("party_name", "当事人"), ("status_label", "状态"),
]
HISTORY_COLUMNS = [
    ("seq", "#"), ("business_date", "业务日期"), ("step_label", "环节"), ("actor", "记录人"),
    ("responsible", "责任人"), ("recorded_at", "记录时间"), ("hash", "哈希"),
]

HEARING_LABELS = {"requested_on": "当事人申请听证", "noticed_on": "听证通知已送达", "held_on": "已举行",
                  "withdrawn_on": "当事人撤回申请", "absent_on": "当事人未到场", "waived_on": "当事人放弃听证"}

def _logins(answer: str) -> list[str]:
    return [o.strip() for o in answer.replace("，", ",").replace("、", ",").split(",") if o.strip()]


def _opinion(answer: str) -> None:
    from caseledger.domain import text as texts
    from caseledger.domain.errors import InputError

    if not texts.visible(answer):
        raise InputError(t("审核意见不能为空（R-4）", "the opinion is empty (R-4)"), rule="R-4")
    texts.text(answer, "--opinion", rule="R-4")


def _two_or_more(answer: str) -> None:
    from caseledger.domain.errors import InputError

    if len(set(_logins(answer))) < 2:
        raise InputError(t("至少需要两名执法人员（P-1）", "at least two officers are needed (P-1)"),
                         rule="P-1")


CaseArg = Annotated[str, typer.Argument(metavar="CASE", help="Case number or short id (2023-17).")]


@app.command("open")
def open_(
    ctx: typer.Context,
    domain: Annotated[str | None, typer.Option("--domain", help="Domain key or label (food, 食品 ...).")] = None,
    party_kind: Annotated[str | None, typer.Option("--party-kind", help="org, individual-business, person or other.")] = None,
    party_name: Annotated[str | None, typer.Option("--party-name", help="The party's name.")] = None,
    party_id: Annotated[str | None, typer.Option("--party-id", help="Credit code or resident ID.")] = None,
    party_id_type: Annotated[str | None, typer.Option("--party-id-type", help="For kind other: the document type (passport ...).")] = None,
    violation: Annotated[str | None, typer.Option("--violation", help="What the party is suspected of.")] = None,
    officers: Annotated[list[str] | None, typer.Option("--officer", help="Handling officer login; at least two (P-1).")] = None,
    approved_by: Annotated[str | None, typer.Option("--approved-by", help="The head approving the filing (default: you).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="inspection, complaint, sampling, referral, assigned or other.")] = None,
    lead_on: Annotated[str | None, typer.Option("--lead-on", help="Date the lead was found (starts F-4).")] = None,
    lead_extended: Annotated[bool, typer.Option("--lead-extended", help="The approving head extended F-4 by 15 working days.")] = False,
    major: Annotated[str | None, typer.Option("--major", help="public-interest, hearing, complex or statutory (R-2).")] = None,
    campaign: Annotated[str | None, typer.Option("--campaign", help="Enforcement campaign (专项行动).")] = None,
    party_address: Annotated[str | None, typer.Option("--party-address", help="The party's address (住所); the documents state it.")] = None,
    legal_rep: Annotated[str | None, typer.Option("--legal-rep", help="An organisation's legal representative (法定代表人).")] = None,
    on: OnOption = None,
    no_input: NoInputOption = False,
    fmt: Annotated[OutputFormat | None, typer.Option("--format", "-f", help="Print the case as json/csv/table instead of its number.")] = None,
) -> None:
    """立案: file a case; prints its case number.

    \b
    Examples:
      caseledger case open --domain 食品 --party-kind org \\
        --party-name 某某商贸有限公司 --party-id 91511602MA6XXXXXXX \\
        --violation 销售过期食品 --officer zhang --officer li \\
        --approved-by wang --on 2026/3/2
      caseledger case open          (on a terminal: asks for each missing answer)
    """
    from caseledger.domain import dates, identifiers
    from caseledger.domain import text as texts
    from caseledger.domain.identifiers import PartyKind
    from caseledger.domain.vocabulary import domain as domain_named
    from caseledger.domain.vocabulary import domains
    from caseledger.services import cases

    # Each answer is checked as it is given (and asked again), by the same checks the step runs.
    kind = ask(ctx, party_kind, "--party-kind", choices=[(k.value, k.label) for k in PartyKind],
               no_input=no_input, rule="F-1", label="当事人类型", check=identifiers.party_kind)
    the_domain = ask(ctx, domain, "--domain", choices=[(d.key, d.label) for d in domains()],
                     no_input=no_input, rule="F-1", label="领域", check=domain_named)
    name = ask(ctx, party_name, "--party-name", no_input=no_input, rule="F-1", label="当事人名称",
               check=lambda v: texts.name(v, "--party-name", rule="F-1"))
    id_type = party_id_type
    if identifiers.party_kind(kind) is PartyKind.OTHER:
        id_type = ask(ctx, party_id_type, "--party-id-type", no_input=no_input, rule="F-2",
                      label="证件类型")
    the_id = ask(ctx, party_id, "--party-id", no_input=no_input, rule="F-2", label="证件号码",
                 check=lambda v: identifiers.check_party_id(identifiers.party_kind(kind), v,
                                                            id_type, today=dates.today()))
    fields = dict(
        domain_key=the_domain, party_kind=kind, party_name=name, party_id=the_id,
        party_id_type=id_type,
        violation=ask(ctx, violation, "--violation", no_input=no_input, rule="F-1",
                      label="违法行为", check=lambda v: texts.text(v, "--violation", rule="F-1")),
    )
    if not officers:
        # P-1 refuses fewer than two; on a terminal, ask rather than refuse.
        from caseledger.cli.common import interactive, prompt

        if interactive(ctx, no_input):
            answer = prompt("--officer", label="执法人员（两名及以上，登录名以逗号或顿号分隔）",
                            check=_two_or_more)
            officers = _logins(answer)
    result = write(ctx, cases.open_case, **fields, officers=officers or [],
                   approved_by=approved_by, on=on, source=source, lead_on=lead_on, major=major,
                   campaign=campaign, lead_extended=lead_extended, party_address=party_address,
                   legal_rep=legal_rep)
    if fmt is None:
        typer.echo(shown(result["case_no"]))
        say(t(f"已立案 {result['short_id']}：{result['domain_label']}，{result['party']['name']}",
              f"opened {result['short_id']}: {result['domain_label']}, {result['party']['name']}"))
    else:
        emit(result, fmt)


@app.command()
def show(ctx: typer.Context, case: CaseArg,
         on: Annotated[str | None, typer.Option("--on", help="Evaluate the clocks (and the S-2 surcharge) as of this date.")] = None,
         fmt: FormatOption = OutputFormat.TABLE) -> None:
    """Everything about one case: status, parties, officers, decision, clocks, disclosure."""
    from caseledger.services import cases

    shown_case = read(ctx, lambda s: cases.show(s, cases.find(s, case), on))
    if fmt is not OutputFormat.TABLE:
        emit(shown_case, fmt, title=None)
        return
    # A table: the case's fields, then its clocks as a table of their own.
    clocks = shown_case.pop("clocks")
    emit(shown_case, fmt, title=None)
    if clocks:
        emit(labels.clock_rows(clocks), fmt, labels.CLOCK_COLUMNS)


@app.command()
def history(ctx: typer.Context, case: CaseArg, fmt: FormatOption = OutputFormat.TABLE) -> None:
    """The case's events in order, with actor, business date, recorded time and hash."""
    from caseledger.services import cases

    events = read(ctx, lambda s: cases.history(s, cases.find(s, case)))
    if fmt is OutputFormat.TABLE:
        # A table shows the recorded time to the second and the hash's first 12 characters,
        # enough to tell events apart at 80 columns; JSON and CSV carry them whole.
        events = [e | {"recorded_at": e["recorded_at"][:19].replace("T", " "),
                       "hash": e["hash"][:12] + "…"} for e in events]
    emit(events, fmt, HISTORY_COLUMNS)


@app.command("list")
def list_(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Filing year.")] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="Domain key or label.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="filed, proposed, ... closed.")] = None,
    party: Annotated[str | None, typer.Option("--party", help="Party identifier.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only undecided cases past their decision limit (X-2).")] = False,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Cases, oldest filing first; without filters, every case.

    \b
    Examples:
      caseledger case list --year 2026 --domain 食品
      caseledger case list --status decided -f csv > decided.csv
      caseledger case list --overdue
    """
    from caseledger.services import cases

    with session(ctx, write=False) as s:
        rows = cases.list_cases(s, year=year, domain_key=domain, status=status, party=party,
                                overdue=overdue)
        # Streamed as JSON or CSV, so memory stays flat; a table is laid out from all its rows.
        emit(list(rows) if fmt is OutputFormat.TABLE else rows, fmt, LIST_COLUMNS)


# --- workflow steps ------------------------------------------------------------------------------
# Each prints one line on stdout (the case, its new status, and what the step produced) and
# leaves the rules to services.steps.

Opt = typer.Option
Reason = Annotated[str | None, Opt("--reason", help="Why (recorded on the event).")]


def _done(result: dict, extra: str = "") -> None:
    from caseledger.domain.case_state import STATUS_LABELS

    status = result["status"]
    typer.echo(shown(f"{result['case_no']}: {STATUS_LABELS[status]} ({status}){extra}"))


@app.command()
def propose(
    ctx: typer.Context,
    case: CaseArg,
    warning: Annotated[bool, Opt("--warning", help="警告.")] = False,
    criticism: Annotated[bool, Opt("--criticism", help="通报批评.")] = False,
    fine: Annotated[str | None, Opt("--fine", help="罚款, yuan.")] = None,
    confiscate_gains: Annotated[str | None, Opt("--confiscate-gains", help="没收违法所得, yuan.")] = None,
    confiscate_property: Annotated[str | None, Opt("--confiscate-property", help="没收非法财物: what.")] = None,
    sanction: Annotated[list[str] | None, Opt("--sanction", help="Other sanction kind; repeatable.")] = None,
    restriction_months: Annotated[int | None, Opt("--restriction-months", help="How long a restriction runs, in months (G-4 keeps a longer one published for its length).")] = None,
    basis: Annotated[str | None, Opt("--basis", help="The provisions the penalty rests on.")] = None,
    discretion: Annotated[str | None, Opt("--discretion", help="none, mitigated, lighter, standard, heavier (X-4).")] = None,
    discretion_ref: Annotated[str | None, Opt("--discretion-ref", help="The list item justifying it.")] = None,
    no_penalty: Annotated[str | None, Opt("--no-penalty", help="minor, first-violation, no-fault, not-established, other.")] = None,
    citation: Annotated[str | None, Opt("--citation", help="Legal basis of an `other` no-penalty ground.")] = None,
    transfer: Annotated[str | None, Opt("--transfer", help="judicial or agency.")] = None,
    facts: Annotated[str | None, Opt("--facts", help="The facts the investigation found (违法事实); the notice and decision state them.")] = None,
    evidence: Annotated[list[str] | None, Opt("--evidence", help="An item of evidence (证据); repeatable.")] = None,
    on: OnOption = None,
    no_input: NoInputOption = False,
) -> None:
    """调查终结: propose the outcome (a penalty, no penalty, or a transfer).

    \b
    Examples:
      caseledger case propose 2026-17 --fine 5000 --basis 《食品安全法》第124条
      caseledger case propose 2026-17 --no-penalty first-violation --basis ...
      caseledger case propose 2026-17 --transfer judicial --basis 涉嫌犯罪
    """
    from caseledger.cli.common import interactive
    from caseledger.services import steps

    given = (warning, criticism, fine, confiscate_gains, confiscate_property, sanction,
             no_penalty, transfer)
    if not any(given) and interactive(ctx, no_input):
        answers = _ask_proposal(basis, discretion, discretion_ref)
        warning, fine, confiscate_gains = answers["warning"], answers["fine"], answers["gains"]
        basis, discretion = answers["basis"], answers["discretion"]
        discretion_ref, no_penalty = answers["discretion_ref"], answers["no_penalty"]
        citation, transfer = answers["citation"], answers["transfer"]
    result = write(ctx, steps.propose, case, on=on, warning=warning, criticism=criticism,
                   fine=fine, gains=confiscate_gains, property_text=confiscate_property,
                   sanctions=sanction or [], basis=basis, discretion=discretion,
                   discretion_ref=discretion_ref, no_penalty=no_penalty, citation=citation,
                   transfer=transfer, restriction_months=restriction_months, facts=facts,
                   evidence=evidence or [])
    _done(result)


def _ask_proposal(basis: str | None, discretion: str | None,
                  discretion_ref: str | None) -> dict[str, Any]:
    """The proposal asked for on a terminal, each answer checked as it is given, and the whole
    checked by the rules the step applies (X-1, X-3, X-4) before anything is written: a proposal
    they refuse is asked again from its outcome."""
    from caseledger.cli.common import prompt
    from caseledger.domain import text as texts
    from caseledger.domain.errors import LedgerError
    from caseledger.domain.money import parse_yuan, to_fen
    from caseledger.domain.penalty import Discretion, Ground, build_proposal

    def optional_yuan(option: str, label: str) -> str | None:
        answer = prompt(option, label=label, default="",
                        check=lambda v: parse_yuan(v, option) if v else None)
        return answer or None

    while True:
        a: dict[str, Any] = dict.fromkeys(("warning", "fine", "gains", "discretion_ref",
                                           "no_penalty", "citation", "transfer"))
        a.update(warning=False, basis=basis, discretion=discretion, discretion_ref=discretion_ref)
        kind = prompt("--outcome", label="拟处理意见", choices=[
            ("penalty", "处罚"), ("no-penalty", "不予处罚"), ("transfer", "移送")])
        if kind == "penalty":
            a["warning"] = prompt("--warning", label="警告", choices=[("no", "否"), ("yes", "是")],
                                  default="no") == "yes"
            a["fine"] = optional_yuan("--fine", "罚款（元，无则回车）")
            a["gains"] = optional_yuan("--confiscate-gains", "没收违法所得（元，无则回车）")
            a["discretion"] = a["discretion"] or prompt(
                "--discretion", label="裁量情形",
                choices=[(d.value, d.label) for d in Discretion], default="none")
            if Discretion(a["discretion"]).needs_reference and not a["discretion_ref"]:
                a["discretion_ref"] = prompt(
                    "--discretion-ref", label="裁量依据（裁量基准条目）",
                    check=lambda v: texts.name(v, "--discretion-ref", rule="X-4"))
        elif kind == "no-penalty":
            a["no_penalty"] = prompt("--no-penalty", label="不予处罚理由",
                                     choices=[(g.value, g.label) for g in Ground])
            if a["no_penalty"] == Ground.OTHER.value:
                a["citation"] = prompt("--citation", label="法律依据",
                                       check=lambda v: texts.text(v, "--citation", rule="X-1"))
        else:
            a["transfer"] = prompt("--transfer", label="移送", choices=[
                ("judicial", "移送司法机关"), ("agency", "移送其他机关")])
        if not a["basis"]:
            a["basis"] = prompt("--basis", label="处理依据（法律条款）",
                                check=lambda v: texts.text(v, "--basis", rule="X-3"))
        try:
            build_proposal(
                warning=a["warning"], criticism=False,
                fine_fen=to_fen(parse_yuan(a["fine"], "--fine")) if a["fine"] else None,
                gains_fen=to_fen(parse_yuan(a["gains"], "--confiscate-gains"))
                if a["gains"] else None,
                property_text=None, sanctions=[], basis=a["basis"], discretion=a["discretion"],
                discretion_ref=a["discretion_ref"], no_penalty=a["no_penalty"],
                citation=a["citation"], transfer=a["transfer"], restriction_months=None)
        except LedgerError as exc:
            for line in exc.lines():
                typer.echo(line, err=True)
            continue
        return a


@app.command()
def review(
    ctx: typer.Context,
    case: CaseArg,
    outcome: Annotated[str | None, Opt("--outcome", help="agree, correct, investigate or other.")] = None,
    opinion: Annotated[str | None, Opt("--opinion", help="The reviewer's opinion (always recorded, R-4).")] = None,
    reviewer: Annotated[str | None, Opt("--reviewer", help="Who reviewed (default: you).")] = None,
    on: OnOption = None,
    no_input: NoInputOption = False,
) -> None:
    """法制审核 (major case) or 案件审核: the review of the proposal."""
    from caseledger.services import steps

    result = write(ctx, steps.review, case, on=on,
                   outcome=ask(ctx, outcome, "--outcome", label="审核结论",
                               choices=[(o, labels.REVIEW_OUTCOMES[o])
                                        for o in steps.REVIEW_OUTCOMES],
                               no_input=no_input),
                   opinion=ask(ctx, opinion, "--opinion", no_input=no_input, rule="R-4",
                               label="审核意见", check=_opinion),
                   reviewer=reviewer)
    kind = "法制审核" if result["kind"] == "legal" else "案件审核"
    outcome = result["outcome"]
    _done(result, t(f"；{kind}：{labels.REVIEW_OUTCOMES.get(outcome, outcome)}（{outcome}）",
                    f"; {kind} {outcome}"))


@app.command()
def notify(ctx: typer.Context, case: CaseArg, on: OnOption = None,
           no_input: NoInputOption = False) -> None:
    """告知: the notice of the proposed penalty was served; prints the hearing right (N-3)."""
    from caseledger.services import steps

    result = write(ctx, steps.notify, case, on=on)
    if result["hearing_right"]:
        right = t("已告知，当事人享有听证权（N-3）", "notice with a hearing right (听证权)")
    else:
        right = t("已告知，不适用听证", "notice no hearing right")
    _done(result, f"；{right}" if not english() else f"; {right}")


@app.command()
def statement(
    ctx: typer.Context, case: CaseArg, on: OnOption = None,
    waived: Annotated[bool, Opt("--waived", help="The party expressly waived its statement.")] = False,
    text: Annotated[str | None, Opt("--text", help="What the party said.")] = None,
    no_input: NoInputOption = False,
) -> None:
    """陈述申辩: the party's statement or its waiver (ends the N-2 window)."""
    from caseledger.services import steps

    _done(write(ctx, steps.statement, case, on=on, waived=waived, text=text))


@app.command()
def hearing(
    ctx: typer.Context, case: CaseArg,
    requested_on: Annotated[str | None, Opt("--requested-on", help="The party asked for a hearing.")] = None,
    held_on: Annotated[str | None, Opt("--held-on", help="The hearing was held.")] = None,
    withdrawn_on: Annotated[str | None, Opt("--withdrawn-on", help="The request was withdrawn.")] = None,
    absent_on: Annotated[str | None, Opt("--absent-on", help="The party failed to appear.")] = None,
    waived_on: Annotated[str | None, Opt("--waived-on", help="The party expressly gave up the hearing.")] = None,
    noticed_on: Annotated[str | None, Opt("--noticed-on", help="The hearing notice (听证通知书) was served; with --scheduled-for.")] = None,
    scheduled_for: Annotated[str | None, Opt("--scheduled-for", help="The hearing date the notice gives (7 working days after it at the earliest).")] = None,
    no_input: NoInputOption = False,
) -> None:
    """听证: record one hearing event (request, notice, held, withdrawn, absent, waived)."""
    from caseledger.domain.errors import InputError
    from caseledger.services import steps

    given = {k: v for k, v in (("requested_on", requested_on), ("noticed_on", noticed_on),
                               ("held_on", held_on), ("withdrawn_on", withdrawn_on),
                               ("absent_on", absent_on), ("waived_on", waived_on)) if v}
    if len(given) != 1:
        raise InputError(t("--requested-on、--noticed-on、--held-on、--withdrawn-on、--absent-on、"
                           "--waived-on 须且只能给出一项",
                           "give exactly one of --requested-on, --noticed-on, --held-on, "
                           "--withdrawn-on, --absent-on, --waived-on"))
    (event, on), = given.items()
    _done(write(ctx, steps.hearing, case, event=event, on=on, scheduled_for=scheduled_for),
          t(f"；听证：{HEARING_LABELS[event]}", f"; hearing {event[:-3]}"))


@app.command()
def discuss(
    ctx: typer.Context, case: CaseArg, on: OnOption = None,
    conclusion: Annotated[str | None, Opt("--conclusion", help="What the heads concluded.")] = None,
    attendee: Annotated[list[str] | None, Opt("--attendee", help="Who attended; repeatable.")] = None,
    no_input: NoInputOption = False,
) -> None:
    """集体讨论: the bureau heads' collective discussion (C-1)."""
    from caseledger.services import steps

    _done(write(ctx, steps.discuss, case, on=on, attendees=attendee or [],
                conclusion=ask(ctx, conclusion, "--conclusion", no_input=no_input)))


@app.command()
def extend(
    ctx: typer.Context, case: CaseArg,
    days: Annotated[int | None, Opt("--days", help="30: the head's extension (X-2); working days for R-5.")] = None,
    until: Annotated[str | None, Opt("--until", help="New date fixed after a collective discussion.")] = None,
    reason: Reason = None,
    approved_by: Annotated[str | None, Opt("--approved-by", help="The approving head (default: you).")] = None,
    clock: Annotated[str, Opt("--clock", help="X-2 (the decision limit, default) or R-5 (the review limit).")] = "X-2",
    on: OnOption = None,
    no_input: NoInputOption = False,
) -> None:
    """延期: extend the decision limit (X-2), or with --clock R-5 the review limit."""
    from caseledger.domain.errors import InputError
    from caseledger.services import steps

    the_reason = ask(ctx, reason, "--reason", no_input=no_input)
    if clock.upper() == "R-5":
        if until is not None:
            raise InputError(t("审核期限以 --days N（工作日）延长",
                               "the review limit is extended by --days N (working days)"),
                             rule="R-5")
        _done(write(ctx, steps.extend_review, case, on=on, days=days, reason=the_reason,
                    approved_by=approved_by))
    elif clock.upper() == "X-2":
        _done(write(ctx, steps.extend, case, on=on, days=days, until=until, reason=the_reason,
                    approved_by=approved_by))
    elif clock.upper() == "F-4":
        raise InputError(t("立案期限延长的 15 个工作日随立案一并批准：`case open --lead-extended`",
                           "the filing limit's 15 more days are approved with the filing: "
                           "`case open --lead-extended`"), rule="F-4")
    else:
        raise InputError(t(f"无法延长的期限 {clock!r}；可选：X-2、R-5",
                           f"unknown clock {clock!r} to extend; one of: X-2, R-5"))


@app.command()
def suspend(ctx: typer.Context, case: CaseArg, reason: Reason = None, on: OnOption = None,
            no_input: NoInputOption = False) -> None:
    """中止: the decision limit stops running (testing, appraisal, public notice ...)."""
    from caseledger.services import steps

    _done(write(ctx, steps.suspend, case, on=on,
                reason=ask(ctx, reason, "--reason", no_input=no_input)))


@app.command()
def resume(ctx: typer.Context, case: CaseArg, reason: Reason = None, on: OnOption = None,
           no_input: NoInputOption = False) -> None:
    """恢复: the decision limit runs again."""
    from caseledger.services import steps

    _done(write(ctx, steps.suspend, case, on=on, resume=True,
                reason=ask(ctx, reason, "--reason", no_input=no_input)))


@app.command()
def decide(
    ctx: typer.Context, case: CaseArg, on: OnOption = None,
    by: Annotated[str | None, Opt("--by", help="The deciding head (default: you).")] = None,
    no_input: NoInputOption = False,
) -> None:
    """决定: the head decides the reviewed proposal; prints the decision number of a penalty."""
    from caseledger.cli.common import interactive, prompt
    from caseledger.services import steps

    if by is None and interactive(ctx, no_input):
        by = prompt("--by", label="决定人（负责人登录名，本人直接回车）", default="") or None
    result = write(ctx, steps.decide, case, on=on, by=by)
    number = result["decision_no"]
    outcome = result["proposal"]["outcome"]
    if number:
        _done(result, t(f"；决定书文号 {number}", f"; {number}"))
    else:
        _done(result, t(f"；{labels.OUTCOMES.get(outcome, outcome)}（{outcome}）", f"; {outcome}"))


@app.command()
def serve(
    ctx: typer.Context, case: CaseArg, on: OnOption = None,
    method: Annotated[str, Opt("--method", help="direct, left, electronic, post, entrusted, public-notice.")] = "direct",
    no_input: NoInputOption = False,
) -> None:
    """送达: the decision was served."""
    from caseledger.services import steps

    _done(write(ctx, steps.serve, case, on=on, method=method))


@app.command()
def pay(
    ctx: typer.Context, case: CaseArg, on: OnOption = None,
    amount: Annotated[str | None, Opt("--amount", help="Yuan paid.")] = None,
    no_input: NoInputOption = False,
) -> None:
    """缴款: a payment of the fine and confiscated gains."""
    from caseledger.services import steps

    _done(write(ctx, steps.pay, case, on=on, amount=ask(ctx, amount, "--amount", no_input=no_input)))


@app.command()
def disclose(
    ctx: typer.Context, case: CaseArg, on: OnOption = None,
    url: Annotated[str | None, Opt("--url", help="Where it was published.")] = None,
    no_input: NoInputOption = False,
) -> None:
    """公示: the decision was published (masked per G-3, until the G-4 end date)."""
    from caseledger.services import steps

    result = write(ctx, steps.disclose, case, on=on, url=url)
    if english():
        late = " (late)" if result["late"] else ""
        _done(result, f"; disclosed{late} until {result['until']}")
    else:
        late = "（逾期公示）" if result["late"] else ""
        _done(result, f"；已公示{late}，公示至 {result['until']}")


@app.command()
def revoke(ctx: typer.Context, case: CaseArg, reason: Reason = None, on: OnOption = None,
           no_input: NoInputOption = False) -> None:
    """The decision was changed, revoked, or confirmed illegal or void."""
    from caseledger.services import steps

    _done(write(ctx, steps.revoke, case, on=on,
                reason=ask(ctx, reason, "--reason", no_input=no_input)),
          t("；处罚决定已撤销", "; decision revoked"))


@app.command()
def withdraw(ctx: typer.Context, case: CaseArg, reason: Reason = None, on: OnOption = None,
             no_input: NoInputOption = False) -> None:
    """撤回公示: the disclosure was withdrawn (G-5)."""
    from caseledger.services import steps

    _done(write(ctx, steps.withdraw, case, on=on,
                reason=ask(ctx, reason, "--reason", no_input=no_input)),
          t("；公示已撤回", "; disclosure withdrawn"))


@app.command()
def transfer(
    ctx: typer.Context, case: CaseArg,
    to: Annotated[str | None, Opt("--to", help="police, procuratorate or agency.")] = None,
    agency: Annotated[str | None, Opt("--agency", help="The competent agency's name (T-2).")] = None,
    accepted_on: Annotated[str | None, Opt("--accepted-on", help="The police opened a case on it.")] = None,
    on: OnOption = None,
    no_input: NoInputOption = False,
) -> None:
    """移送: transfer the case, or record the police's acceptance (--accepted-on)."""
    from caseledger.services import steps

    if accepted_on:
        _done(write(ctx, steps.accept, case, on=accepted_on), t("；公安机关已立案", "; accepted by the police"))
        return
    target = ask(ctx, to, "--to", choices=list(steps.TRANSFER_TARGETS), no_input=no_input,
                 rule="T-1")
    _done(write(ctx, steps.transfer, case, on=on, to=target, agency=agency))


@app.command()
def terminate(ctx: typer.Context, case: CaseArg, reason: Reason = None, on: OnOption = None,
              no_input: NoInputOption = False) -> None:
    """终止调查: the investigation was terminated."""
    from caseledger.services import steps

    _done(write(ctx, steps.terminate, case, on=on,
                reason=ask(ctx, reason, "--reason", no_input=no_input)))


@app.command()
def close(
    ctx: typer.Context, case: CaseArg, on: OnOption = None,
    approved_by: Annotated[str | None, Opt("--approved-by", help="The approving head (default: you).")] = None,
    no_input: NoInputOption = False,
) -> None:
    """结案: close the case with a head's approval (K-1)."""
    from caseledger.services import steps

    _done(write(ctx, steps.close, case, on=on, approved_by=approved_by))


@app.command()
def tag(
    ctx: typer.Context, case: CaseArg,
    typical: Annotated[str | None, Opt("--typical", help="city, province or national 典型案例.")] = None,
    campaign: Annotated[str | None, Opt("--campaign", help="Enforcement campaign (专项行动).")] = None,
    on: OnOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Mark a typical case (典型案例) or its campaign."""
    from caseledger.services import steps

    _done(write(ctx, steps.tag, case, typical=typical, campaign=campaign, on=on))


@app.command()
def correct(
    ctx: typer.Context, case: CaseArg,
    field: Annotated[str | None, Opt("--field", help="major, party_name, violation, campaign, source, party_address, legal_rep.")] = None,
    value: Annotated[str | None, Opt("--value", help="The corrected value (major: a reason code or none).")] = None,
    reason: Reason = None,
    on: OnOption = None,
    no_input: NoInputOption = False,
) -> None:
    """A correction: a new event naming the field and why; nothing is overwritten."""
    from caseledger.services import steps

    _done(write(ctx, steps.correct, case, on=on,
                field=ask(ctx, field, "--field", choices=list(steps.CORRECTABLE), no_input=no_input),
                value=ask(ctx, value, "--value", no_input=no_input),
                reason=ask(ctx, reason, "--reason", no_input=no_input)))


@app.command("steps")
def steps_(ctx: typer.Context, case: CaseArg, on: OnOption = None,
           fmt: FormatOption = OutputFormat.TABLE) -> None:
    """What can be done next: each step allowed now, or the rules blocking it and the fix."""
    from caseledger.services import steps

    rows = read(ctx, steps.steps, case, on)
    if fmt is OutputFormat.JSON:
        emit(rows, fmt)
        return
    flat = [{"step": r["step"], "label": r["label"], "allowed": r["allowed"],
             "rules": " ".join(p["rule"] for p in r["blocked_by"]),
             "why": t("；", "; ").join(f"{p['why']} → {p['fix']}" if p["fix"] else p["why"]
                                      for p in r["blocked_by"])} for r in rows]
    emit(flat, fmt, [("step", "step"), ("label", "环节"), ("allowed", "可办理"),
                     ("rules", "规则"), ("why", "原因与办法")])
