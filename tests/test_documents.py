"""Documents (文书, CLI.md "Documents", #15): each kind refused before its step (naming the rule)
and issued after it; the decision holds every item of APL Art. 59; the notice states the rights;
numbers gap-free per year and standing on re-issue; the same state gives the same bytes and
`doc verify` recognises them; the disclosure masks by G-3; a bureau's template replaces the
built-in layout. Files are opened with python-docx, as an officer's Word would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import open_args
from tests.ids import credit_code, resident_id

FACTS = "2026年2月27日，执法人员检查当事人经营场所，发现其货架上陈列销售超过保质期的牛奶12盒。"
EVIDENCE = ("现场检查笔录", "现场照片6张", "营业执照复印件")
SETTINGS = {"payment_account": "广安区非税收入汇缴账户（某某银行广安分行 1234567890）",
            "review_organ": "广安市广安区人民政府", "court": "广安市广安区人民法院"}


def text_of(path: Path) -> str:
    """Every paragraph, table cell and footer of a DOCX, one a line."""
    from docx import Document

    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    for section in doc.sections:
        lines += [p.text for p in section.footer.paragraphs]
    return "\n".join(line for line in lines if line.strip())


def step(run, *args):  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 0, (args, result.stderr)
    return result


def opened(run, n: int = 1, kind: str = "org", fine: str = "5000"):  # type: ignore[no-untyped-def]
    party = credit_code(900 + n) if kind == "org" else resident_id(900 + n)
    case = step(run, *open_args(party, kind=kind, on="2026-03-02", extra=(
        "--party-address", "广安市广安区某某路1号", "--legal-rep", "赵某"))).stdout.strip()
    step(run, "case", "propose", case, "--fine", fine, "--basis", "《食品安全法》第一百二十四条",
         "--facts", FACTS, *(a for e in EVIDENCE for a in ("--evidence", e)), "--on", "2026-03-20")
    return case


def decided(run, n: int = 1, kind: str = "org"):  # type: ignore[no-untyped-def]
    case = opened(run, n, kind)
    step(run, "case", "review", case, "--outcome", "agree", "--opinion", "同意", "--reviewer",
         "chen", "--on", "2026-03-23")
    step(run, "case", "notify", case, "--on", "2026-03-24")
    step(run, "case", "statement", case, "--waived", "--on", "2026-03-25")
    step(run, "case", "decide", case, "--by", "wang", "--on", "2026-04-01")
    return case


@pytest.fixture
def office(bureau, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The bureau with the decision's settings, documents written into tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CASELEDGER_TODAY", "2026-12-03")
    for key, value in SETTINGS.items():
        step(bureau, "settings", "set", key, value)
    return bureau


def issue(run, kind: str, case: str, *extra: str) -> Path:  # type: ignore[no-untyped-def]
    return Path(step(run, "doc", kind, case, *extra).stdout.strip())


def test_each_kind_is_refused_before_the_step_it_records(office):
    case = step(office, *open_args(credit_code(950), on="2026-03-02")).stdout.strip()
    head = office("head").stdout
    for kind, rule in (("notice", "N-1"), ("hearing-notice", "N-3"), ("review", "R-1"),
                       ("decision", "X-1"), ("service", "S-1"), ("closing", "K-1"),
                       ("disclosure", "G-1")):
        result = office("doc", kind, case)
        assert result.exit_code == 1, (kind, result.stderr)
        assert result.stderr.startswith(f"refused [{rule}]: "), (kind, result.stderr)
    assert office("head").stdout == head  # nothing was written
    assert "立案审批表" in text_of(issue(office, "filing", case))  # the filing has its step


def test_the_decision_states_every_item_of_apl_article_59(office):
    case = decided(office)
    text = text_of(issue(office, "decision", case))
    shown = office("case", "show", case, "-f", "json").json
    for item in ("广安市广安区市场监督管理局", "行政处罚决定书", shown["decision"]["decision_no"],
                 "当事人：广安某某商行", "住所（住址）：广安市广安区某某路1号", "法定代表人（负责人）：赵某",
                 FACTS, *EVIDENCE, "《食品安全法》第一百二十四条", "罚款5000.00元",
                 "十五日内", SETTINGS["payment_account"], "六十日内", SETTINGS["review_organ"],
                 "六个月内", SETTINGS["court"], "2026年4月1日", "（印章）"):
        assert item in text, item
    last = office("case", "history", case, "-f", "json").json
    steps = [e for e in last if e["step"] != "doc.issue"]
    assert f"案号：{shown['case_no']}" in text and steps[-1]["hash"] in text  # the footer


def test_a_decision_lacking_an_item_is_refused_naming_how_to_supply_it(bureau, tmp_path,
                                                                       monkeypatch):
    monkeypatch.chdir(tmp_path)
    case = decided(bureau)
    result = bureau("doc", "decision", case)
    assert result.exit_code == 2
    for key in ("payment_account", "review_organ", "court"):
        assert f"settings set {key}" in result.stderr, result.stderr
    assert not list(tmp_path.glob("*.docx"))


def test_the_notice_states_the_rights_and_the_hearing_right_only_where_n3_gives_it(office):
    small = opened(office, 1, fine="5000")
    text = text_of(issue(office, "notice", small))
    assert "陈述和申辩" in text and "五个工作日内" in text and "要求听证" not in text
    large = opened(office, 2, fine="200000")  # at or above 100,000 yuan for an organisation
    text = text_of(issue(office, "notice", large))
    assert "有权要求听证" in text and "第六十三条" in text


def test_numbers_are_gap_free_per_year_and_stand_on_reissue(office):
    first, second = opened(office, 1), opened(office, 2)
    assert "广区市监罚告〔2026〕1号" in text_of(issue(office, "notice", first))
    assert "广区市监罚告〔2026〕2号" in text_of(issue(office, "notice", second))
    assert "广区市监罚告〔2026〕1号" in text_of(issue(office, "notice", first, "-o", "again.docx"))


def test_the_same_state_gives_the_same_bytes_and_doc_verify_knows_them(office, tmp_path):
    case = decided(office)
    one = issue(office, "decision", case, "-o", "one.docx").read_bytes()
    two = issue(office, "decision", case, "-o", "two.docx").read_bytes()
    assert one == two
    known = office("doc", "verify", "one.docx")
    assert known.exit_code == 0 and "行政处罚决定书" in known.stdout and case in known.stdout
    altered = tmp_path / "altered.docx"
    altered.write_bytes(one[:-1] + bytes([one[-1] ^ 1]))
    assert office("doc", "verify", str(altered)).exit_code == 4
    events = [e for e in office("case", "history", case, "-f", "json").json
              if e["step"] == "doc.issue"]
    assert len(events) == 2  # each issue is recorded
    assert office("verify").exit_code == 0  # the chain replays with its doc.issue events


def test_the_disclosure_masks_a_natural_persons_id_and_holds_nothing_personal(office):
    case = decided(office, 3, kind="person")
    step(office, "case", "serve", case, "--on", "2026-04-02")
    step(office, "case", "disclose", case, "--on", "2026-04-13")
    party = resident_id(903)
    text = text_of(issue(office, "disclosure", case))
    assert party not in text and party[:6] + "********" + party[-4:] in text  # G-3
    assert "广安市广安区某某路1号" not in text and FACTS not in text


def test_the_hearing_notice_answers_a_request(office):
    case = opened(office, 4, fine="200000")  # a hearing right (N-3)
    step(office, "case", "review", case, "--outcome", "agree", "--opinion", "同意", "--reviewer",
         "chen", "--on", "2026-03-23")
    step(office, "case", "notify", case, "--on", "2026-03-24")
    step(office, "case", "hearing", case, "--requested-on", "2026-03-26")
    text = text_of(issue(office, "hearing-notice", case))
    assert "听证通知书" in text and "2026年3月26日提出的听证要求" in text
    assert "广区市监听告〔2026〕1号" in text and "申请回避" in text


def test_the_other_kinds_hold_their_steps(office):
    case = decided(office)
    review = text_of(issue(office, "review", case))
    assert "案件审核表" in review and "陈审" in review and "同意" in review
    served = text_of(issue(office, "service", case))
    assert "送达回证" in served and "受送达人签名或者盖章" in served
    step(office, "case", "serve", case, "--on", "2026-04-02")
    step(office, "case", "pay", case, "--amount", "5000", "--on", "2026-04-10")
    step(office, "case", "disclose", case, "--on", "2026-04-13")
    step(office, "case", "close", case, "--approved-by", "wang", "--on", "2026-04-20")
    closing = text_of(issue(office, "closing", case))
    assert "结案审批表" in closing and "同意结案" in closing and "王局" in closing
    filing = text_of(issue(office, "filing", case))
    assert "张三（执法证号 51000001）" in filing and "同意立案" in filing


def test_a_bureau_template_replaces_the_built_in_layout(office, tmp_path):
    from docx import Document

    template = tmp_path / "decision.docx"
    doc = Document()
    doc.add_paragraph("{{ bureau }}处罚决定（本局格式）")
    doc.add_paragraph("{{ number }} {{ party_name }} {{ payment_account }}")
    doc.save(str(template))
    case = decided(office)
    text = text_of(issue(office, "decision", case, "--template", str(template)))
    assert "本局格式" in text and SETTINGS["payment_account"] in text and "广安某某商行" in text
    assert "案号：" in text  # the footer is added to a template that has none
    listed = office("doc", "fields", "decision", "-f", "json").json
    assert {"payment_account", "review_organ", "court"} <= {f["name"] for f in listed}


def test_a_pdf_needs_libreoffice(office, monkeypatch, tmp_path):
    case = decided(office)
    if shutil.which("soffice") is None:
        result = office("doc", "decision", case, "--format", "pdf")
        assert result.exit_code == 2 and "libreoffice-writer-nogui" in result.stderr
        return
    monkeypatch.setenv("PATH", str(tmp_path))  # LibreOffice out of reach
    result = office("doc", "decision", case, "--format", "pdf")
    assert result.exit_code == 2 and "libreoffice-writer-nogui" in result.stderr


@pytest.mark.slow  # LibreOffice converts the file: seconds
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice is not installed (.ci/run installs libreoffice-writer-nogui)")
def test_a_decision_as_pdf_reads_back(office):
    from pypdf import PdfReader

    case = decided(office)
    pdf = issue(office, "decision", case, "--format", "pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    compact = text.replace(" ", "").replace("\n", "")
    assert "行政处罚决定书" in compact and SETTINGS["court"] in compact
    assert office("doc", "verify", str(pdf)).exit_code == 0


def test_the_cli_lists_the_kinds_the_domain_builds():
    from caseledger.cli.doc import KIND_TITLES
    from caseledger.domain.documents import KINDS

    assert list(KIND_TITLES) == list(KINDS)


def test_verify_holds_the_documents_numbers_to_their_counter(office, db_url):
    from tests.test_record import sql

    case = opened(office, 5)
    issue(office, "notice", case)
    assert office("verify").exit_code == 0
    sql(db_url, "UPDATE counter SET last = 3 WHERE kind = 'doc:notice'")
    result = office("verify")
    assert result.exit_code == 4 and "doc:notice" in result.stderr, result.stderr


def test_a_template_in_the_ledgers_templates_folder_is_used(office, tmp_path, monkeypatch):
    from docx import Document

    folder = tmp_path / "templates"
    folder.mkdir()
    doc = Document()
    doc.add_paragraph("本局立案表 {{ case_no }} {{ party_name }}")
    doc.save(str(folder / "filing.docx"))
    monkeypatch.setenv("CASELEDGER_TEMPLATES", str(folder))
    case = step(office, *open_args(credit_code(960), on="2026-03-02")).stdout.strip()
    assert "本局立案表 " + case in text_of(issue(office, "filing", case))


def test_import_and_export_carry_the_documents_fields(office, tmp_path):
    import csv
    import io

    case = decided(office, 6)
    exported = office("export", "cases", "-f", "json").json
    row = next(r for r in exported if r["case_no"] == case)
    assert row["party_address"] == "广安市广安区某某路1号" and row["legal_rep"] == "赵某"
    assert row["facts"] == FACTS and row["evidence"] == "；".join(EVIDENCE)
    out = tmp_path / "cases.csv"
    step(office, "export", "cases", "-o", str(out))
    other = ["--db", f"sqlite:///{tmp_path / 'other.db'}"]
    from tests.conftest import BUREAU, PREFIX

    step(office, *other, "init", "--bureau", BUREAU, "--prefix", PREFIX)
    roster = tmp_path / "staff.csv"
    step(office, "staff", "export", "-o", str(roster))
    step(office, *other, "staff", "import", str(roster))
    step(office, *other, "import", str(out))
    again = office(*other, "case", "show", "2026-1", "-f", "json").json
    assert again["party"]["address"] == "广安市广安区某某路1号" and again["facts"] == FACTS
    assert again["evidence"] == list(EVIDENCE)
    header = next(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert {"party_address", "legal_rep", "facts", "evidence"} <= set(header)


def test_a_document_issued_before_its_step_keeps_its_number_and_date_and_verify_agrees(office):
    """Found in review: a notice issued on proposal and again after it was served."""
    case = opened(office, 7)
    first = text_of(issue(office, "notice", case, "-o", "first.docx"))
    step(office, "case", "review", case, "--outcome", "agree", "--opinion", "同意", "--reviewer",
         "chen", "--on", "2026-03-23")
    step(office, "case", "notify", case, "--on", "2026-03-24")
    second = text_of(issue(office, "notice", case, "-o", "second.docx"))
    assert "2026年12月3日" in first and "2026年12月3日" in second  # the first issue's date stands
    assert "广区市监罚告〔2026〕1号" in second
    assert office("verify").exit_code == 0


def test_an_issue_whose_file_cannot_be_written_records_nothing(office, tmp_path):
    case = opened(office, 8)
    head = office("head").stdout
    result = office("doc", "notice", case, "-o", str(tmp_path / "no-such-folder" / "n.docx"))
    assert result.exit_code == 2
    assert office("head").stdout == head
    assert "广区市监罚告〔2026〕1号" in text_of(issue(office, "notice", case))  # the number is free


def test_a_revoked_decision_and_a_withdrawn_disclosure_are_not_issued(office):
    case = decided(office, 9)
    step(office, "case", "serve", case, "--on", "2026-04-02")
    step(office, "case", "disclose", case, "--on", "2026-04-13")
    step(office, "case", "revoke", case, "--reason", "复议撤销", "--on", "2026-05-06")
    for kind in ("decision", "service", "disclosure"):
        result = office("doc", kind, case)
        assert result.exit_code == 1 and "[G-5]" in result.stderr, (kind, result.stderr)


def test_a_decision_without_a_legal_basis_is_incomplete(office):
    case = step(office, *open_args(credit_code(970), on="2026-03-02", extra=(
        "--party-address", "广安市广安区某某路1号"))).stdout.strip()
    step(office, "case", "propose", case, "--no-penalty", "minor", "--facts", FACTS,
         "--evidence", "现场检查笔录", "--on", "2026-03-20")
    step(office, "case", "review", case, "--outcome", "agree", "--opinion", "同意", "--reviewer",
         "chen", "--on", "2026-03-23")
    step(office, "case", "decide", case, "--by", "wang", "--on", "2026-03-24")
    result = office("doc", "decision", case)
    assert result.exit_code == 2 and "--basis" in result.stderr, result.stderr


def test_the_disclosure_document_is_the_published_record(office):
    case = decided(office, 10)
    step(office, "case", "serve", case, "--on", "2026-04-02")
    step(office, "case", "disclose", case, "--on", "2026-04-13")
    step(office, "case", "correct", case, "--field", "party_name", "--value", "另一商行",
         "--reason", "笔误", "--on", "2026-04-20")
    text = text_of(issue(office, "disclosure", case))
    assert "广安某某商行" in text and "另一商行" not in text
