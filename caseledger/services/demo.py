"""`caseledger demo`: one synthetic year modelled on the bureau's 2023 rule-of-law report.

Every case is driven through the same service functions as the command line, with the report's
figures built in: 529 ordinary-procedure cases filed in the year, 160 food, 108 drug, medical
device and cosmetics, 19 special equipment, 25 product quality (2 transferred to judicial
organs), 18 trademark infringement decisions and 1 more trademark case transferred, 2 counterfeit
patents, 9 transfers the police accepted, 303 cases through 法制审核, 5 typical cases at city level
and 1 at province level. Parties, officers and dates are invented (seeded, so reproducible).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseledger.domain import calendar
from caseledger.domain.lang import t
from caseledger.services import cases, ledger, staff, steps
from caseledger.store import db
from caseledger.store.signing import local_signer

BUREAU = "广安市广安区市场监督管理局"
PREFIX = "广区市监"
ADMIN = "admin"
OFFICERS = [("zhangwei", "张伟"), ("liuyang", "刘洋"), ("wangfang", "王芳"), ("chenjie", "陈杰"),
            ("yangmin", "杨敏"), ("zhaolei", "赵磊"), ("huangli", "黄丽"), ("zhoubin", "周斌")]
REVIEWERS = [("lihong", "李红"), ("sunqiang", "孙强")]  # 配备法制审核人员2名
HEADS = [("director", "何局长"), ("deputy1", "罗副局长"), ("deputy2", "唐副局长")]

# Filed per domain (the report's figures; the rest spread over the other domains).
FILED = {"food": 160, "drug": 62, "medical_device": 26, "cosmetics": 20, "special_equipment": 19,
         "product_quality": 25, "trademark": 19, "patent": 2}
OTHER_DOMAINS = ["metrology", "standards", "certification", "price", "advertising",
                 "competition", "online_trade", "consumer", "registration", "other"]
TOTAL = 529
TRANSFERS = {"product_quality": 2, "trademark": 1, "food": 4, "drug": 2}  # 9, all accepted
LEGAL_REVIEWS = 303
HEARINGS = 12  # of the major cases: heavy fines, hearing requested and held
NO_PENALTY = 24
WARNING_ONLY = 10
LATE_DISCLOSURES = 3
TYPICAL = ["city"] * 5 + ["province"]

_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VIOLATIONS = {
    "food": ["销售超过保质期的食品", "未取得食品经营许可从事食品经营", "餐饮服务环境不符合卫生要求"],
    "drug": ["销售劣药", "未按规定储存药品"], "medical_device": ["经营无注册证的医疗器械"],
    "cosmetics": ["销售过期化妆品"], "special_equipment": ["使用未经定期检验的电梯"],
    "product_quality": ["销售不合格燃气灶具", "生产不符合标准的电线电缆"],
    "trademark": ["销售侵犯注册商标专用权的商品"], "patent": ["假冒专利"],
}


@dataclass
class Plan:
    domain: str
    outcome: str  # fine, warning, no-penalty, transfer
    major: bool = False
    hearing: bool = False
    late_disclosure: bool = False
    typical: str | None = None


def plans(rng: random.Random) -> list[Plan]:
    keys = [k for k, n in FILED.items() for _ in range(n)]
    keys += [OTHER_DOMAINS[i % len(OTHER_DOMAINS)] for i in range(TOTAL - len(keys))]
    result = [Plan(k, "fine") for k in keys]
    transfers = dict(TRANSFERS)
    for p in result:
        if transfers.get(p.domain):
            transfers[p.domain] -= 1
            p.outcome = "transfer"
    open_ = [p for p in result if p.outcome == "fine" and p.domain not in ("trademark", "patent")]
    rng.shuffle(open_)
    for p in open_[:NO_PENALTY]:
        p.outcome = "no-penalty"
    for p in open_[NO_PENALTY:NO_PENALTY + WARNING_ONLY]:
        p.outcome = "warning"
    fines = [p for p in result if p.outcome == "fine"]
    rng.shuffle(fines)
    for p in fines[:HEARINGS]:
        p.hearing = True  # major by the hearing itself, then 法制审核 after it
    for p in fines[HEARINGS:LEGAL_REVIEWS]:
        p.major = True
    for p, level in zip(fines[HEARINGS:HEARINGS + len(TYPICAL)], TYPICAL, strict=True):
        p.typical = level
    for p in fines[-LATE_DISCLOSURES:]:
        p.late_disclosure = True
    return result


def credit_code(rng: random.Random) -> str:
    from stdnum.cn import uscc

    stem = "92" if rng.random() < 0.3 else "91"
    stem += "511602" + "".join(rng.choice(_USCC) for _ in range(9))
    return stem + uscc.calc_check_digit(stem)


def resident_id(rng: random.Random) -> str:
    from stdnum.cn import ric

    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40))
    stem = f"511602{born:%Y%m%d}{rng.randrange(1000):03d}"
    return stem + ric.calc_check_digit(stem + "0")


def working_days_after(day: dt.date, n: int) -> dt.date:
    return calendar.add_working_days(day, n)[0]


def run_demo(url: str, year: int = 2023, seed: int = 2023,
             progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Build the demo ledger at `url` (which must hold no cases) and return the year's tally."""
    from caseledger.domain.errors import InputError, StorageError
    from caseledger.reports.year import year_report

    try:  # refuse before writing anything into a ledger that is in use
        with db.transaction(url, write=False) as s:
            in_use = ledger.info(s, url)["counts"]["cases"] > 0
    except StorageError:
        in_use = False  # no ledger there yet
    if in_use:
        raise InputError(t(f"{db.display_url(url)} 中已有案件；演示需要新的台账"
                           "（不加 --db 即使用临时台账）",
                           f"{db.display_url(url)} already holds cases; the demo needs a new "
                           "ledger (omit --db for a scratch one)"))
    signer = local_signer(create=True)  # the demo's admin signs with the user's own key
    ledger.init(url, ADMIN, BUREAU, PREFIX, signer)
    with db.transaction(url, write=True) as s:
        staff.recorder(s, ADMIN, signer)  # the local key must be the demo admin's
        for login, name in OFFICERS:
            staff.add(s, ADMIN, login=login, name=name, roles=["officer"],
                      cert_no=f"5116{rng_cert(login)}", cert_until=f"{year + 5}-12-31")
        for login, name in REVIEWERS:
            staff.add(s, ADMIN, login=login, name=name, roles=["reviewer"], legal_qualified=True)
        for login, name in HEADS:
            staff.add(s, ADMIN, login=login, name=name, roles=["head"])
        for key, value in DOCUMENT_SETTINGS.items():
            ledger.set_setting(s, ADMIN, key, value)
    rng = random.Random(seed)
    all_plans = plans(rng)
    for i, plan in enumerate(all_plans):
        with db.transaction(url, write=True) as s:
            staff.recorder(s, ADMIN, signer)
            _drive(s, plan, rng, year)
        if progress:
            progress(i + 1, len(all_plans))
    with db.transaction(url, write=False) as s:
        return year_report(s, year)


def issue_documents(url: str, folder: Path) -> tuple[str, list[Path]]:
    """The documents of one typical case of the demo into `folder`: a fine the party asked a
    hearing on, decided after the hearing, served, paid, disclosed and closed, so it has all
    eight. Returns its case number and the files."""
    from sqlalchemy import select

    from caseledger.services import documents
    from caseledger.store.models import Case

    signer = local_signer(create=True)
    with db.transaction(url, write=False) as s:
        case_no = s.execute(select(Case.case_no).where(
            Case.status == "closed", Case.outcome == "penalty", Case.fine_fen > 0,
            Case.major == "hearing").order_by(Case.id).limit(1)).scalar_one()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in ("filing", "notice", "hearing-notice", "review", "decision", "service",
                 "disclosure", "closing"):
        with db.transaction(url, write=True) as s:
            staff.recorder(s, ADMIN, signer)
            issued = documents.issue(s, ADMIN, kind, case_no)
        path = folder / issued["file_name"]
        path.write_bytes(issued["data"])
        written.append(path)
    return case_no, written


STREETS = ("建安路", "兴平街", "中桥路", "金安大道", "思源大道", "滨河路", "花园街", "广宁路")
# What the demo's decisions tell the party (the documents, APL Art. 59).
DOCUMENT_SETTINGS = {
    "payment_account": "广安市广安区财政局非税收入汇缴结算户（开户行：某某银行广安分行，"
                       "账号：5110 0000 0000 0001）",
    "review_organ": "广安市广安区人民政府",
    "court": "广安市广安区人民法院",
}


def rng_cert(login: str) -> str:
    return f"{sum(map(ord, login)) * 7919 % 10**8:08d}"


def _drive(s: Any, plan: Plan, rng: random.Random, year: int) -> None:
    """File one case and take it through its steps, each through the service layer."""
    day = dt.date(year, 1, 3) + dt.timedelta(days=rng.randrange(0, 200))
    day = calendar.roll_forward(day)[0]
    kind = rng.choices(["org", "individual-business", "person"], [6, 3, 1])[0]
    party_id = resident_id(rng) if kind == "person" else credit_code(rng)
    name = {"org": "广安{}商贸有限公司", "individual-business": "广安区{}经营部",
            "person": "{}某"}[kind].format(rng.choice("鑫华盛和兴隆顺达利泰丰源"))
    officers = rng.sample([o for o, _ in OFFICERS], 2)
    head = rng.choice(HEADS)[0]
    reviewer = rng.choice(REVIEWERS)[0]
    violation = rng.choice(VIOLATIONS.get(plan.domain, ["违反市场监督管理法律法规的行为"]))
    opened = cases.open_case(
        s, ADMIN, domain_key=plan.domain, party_kind=kind, party_name=name, party_id=party_id,
        party_id_type=None, violation=violation, officers=officers, approved_by=head,
        on=day.isoformat(), source=rng.choice(["inspection", "complaint", "sampling", "referral"]),
        major=rng.choice(["complex", "public-interest", "statutory"]) if plan.major and not plan.hearing else None,
        # For the documents; drawn from the identifier, not the random stream, so the year's
        # figures stay those of the seed.
        party_address=f"广安市广安区{STREETS[int(party_id[-3:-1], 36) % len(STREETS)]}"
                      f"{int(party_id[-5:-3], 36) % 98 + 1}号",
        legal_rep=None if kind == "person" else f"{'赵钱孙李周吴郑王'[len(name) % 8]}某",
    )
    ref = opened["short_id"]
    steps_ = _Steps(s, ref, day)
    natural = kind != "org"
    if plan.outcome == "transfer":
        steps_.next(15, steps.propose, transfer="judicial", basis="涉嫌犯罪，依法移送")
        steps_.next(2, steps.review, outcome="agree", opinion="同意移送", reviewer=reviewer)
        steps_.next(1, steps.decide, by=head)
        steps_.next(1, steps.transfer, to="police")
        steps_.at(10, steps.accept)
        steps_.next(3, steps.close, approved_by=head)
        return
    if plan.outcome == "no-penalty":
        ground = "first-violation" if rng.random() < 0.6 else "minor"
        steps_.next(15, steps.propose, no_penalty=ground, basis="《行政处罚法》第三十三条")
        steps_.next(2, steps.review, outcome="agree", opinion="同意不予处罚", reviewer=reviewer)
        steps_.next(1, steps.decide, by=head)
        steps_.next(2, steps.serve, method="direct")
        steps_.next(3, steps.close, approved_by=head)
        return
    if plan.outcome == "warning":
        steps_.next(15, steps.propose, warning=True, basis="《食品安全法》第一百二十六条")
        steps_.next(2, steps.review, outcome="agree", opinion="同意", reviewer=reviewer)
        steps_.next(1, steps.notify)
        steps_.next(1, steps.statement, waived=True)
        steps_.next(1, steps.decide, by=head)
        steps_.next(2, steps.serve, method="direct")
        steps_.next(3, steps.close, approved_by=head)
        return
    if plan.hearing:
        fine = rng.randrange(12, 30) * 1000 if natural else rng.randrange(110, 300) * 1000
    else:
        fine = rng.randrange(1, 9) * 1000 if natural else rng.randrange(2, 60) * 1000
    gains = rng.randrange(0, 5) * 500
    extra = {"confiscate_gains": str(gains)} if gains else {}
    steps_.next(20, steps.propose, fine=str(fine), gains=extra.get("confiscate_gains"),
                basis="依据相关法律法规第X条", discretion="standard",
                facts=f"{day.year}年{day.month}月{day.day}日，执法人员对当事人经营场所依法检查，"
                      f"发现当事人{violation}，违法事实清楚。",
                evidence=["现场检查笔录", "询问笔录", "现场照片", "当事人主体资格证明"])
    if not plan.hearing:  # a heard case is reviewed once, by 法制审核 after the hearing
        steps_.next(2, steps.review, outcome="agree", opinion="同意", reviewer=reviewer)
    steps_.next(1, steps.notify)
    if plan.hearing:
        steps_.next(2, steps.hearing, event="requested_on")
        steps_.next(7, steps.hearing, event="held_on")
        steps_.next(2, steps.review, outcome="agree", opinion="听证后法制审核，同意",
                    reviewer=reviewer)
    elif rng.random() < 0.5:
        steps_.next(2, steps.statement, text="对违法事实无异议，请求从轻处罚")
    if plan.major or plan.hearing:
        steps_.next(6, steps.discuss, conclusion="同意按拟处罚意见作出决定",
                    attendees=[h for h, _ in HEADS])
    steps_.next(6, steps.decide, by=head)
    steps_.next(2, steps.serve, method=rng.choice(["direct", "direct", "post", "electronic"]))
    steps_.next(8, steps.pay, amount=str(fine + gains))
    steps_.next(25 if plan.late_disclosure else 5, steps.disclose)
    steps_.next(3, steps.close, approved_by=head)
    if plan.typical:
        steps.tag(s, ADMIN, ref, typical=plan.typical, on=steps_.day.isoformat())


class _Steps:
    """Walks one case forward in working days, calling a service function at each step."""

    def __init__(self, session: Any, ref: str, day: dt.date):
        self.session, self.ref, self.day = session, ref, day

    def next(self, days: int, fn: Callable[..., Any], **kwargs: Any) -> None:
        self.day = working_days_after(self.day, days)
        fn(self.session, ADMIN, self.ref, on=self.day.isoformat(), **kwargs)

    def at(self, days: int, fn: Callable[..., Any]) -> None:
        self.next(days, fn)


def iter_plans(seed: int = 2023) -> Iterator[Plan]:
    yield from plans(random.Random(seed))
