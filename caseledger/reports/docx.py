"""Documents (文书) as files: DOCX through python-docx (built in) or docxtpl (a bureau's own
template), PDF through LibreOffice.

A DOCX is a zip; python-docx stamps each member and the core properties with the time of
saving. Both are fixed here (the members at 1980-01-01, the properties at the document's own
date), so the same document of the same case state is the same bytes, and `doc verify` can
recognise a re-issued file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from caseledger.domain.documents import Document

BODY_FONT = "仿宋_GB2312"  # the 范本's body face; Word and LibreOffice substitute when absent
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "宋体"


def render(doc: Document, footer: str, template: Path | None = None) -> bytes:
    """The document as DOCX bytes: a bureau's template filled with `doc.fields`, else the
    built-in layout; `footer` on every page either way."""
    if template is not None:
        data = _from_template(doc, footer, template)
    else:
        data = _built_in(doc, footer)
    return normalized(data)


def _font(run: Any, face: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = face
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)


def _built_in(doc: Document, footer: str) -> bytes:
    from docx import Document as Docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    out = Docx()
    section = out.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4, as 范本 prints
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _properties(out, doc)

    def paragraph(text: str, *, align: Any = None, face: str = BODY_FONT, size: float = 16,
                  bold: bool = False, indent: bool = False, space_after: float = 0) -> Any:
        p = out.add_paragraph()
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.space_after = Pt(space_after)
        p.paragraph_format.line_spacing = Pt(28)
        lines = text.split("\n")
        for i, line in enumerate(lines):
            run = p.add_run(line)
            _font(run, face, size, bold)
            if i < len(lines) - 1:
                run.add_break()
        return p

    for block in doc.blocks:
        if block.kind == "heading":
            paragraph(block.text, align=WD_ALIGN_PARAGRAPH.CENTER, face=HEADING_FONT, size=18,
                      bold=True)
        elif block.kind == "title":
            paragraph(block.text, align=WD_ALIGN_PARAGRAPH.CENTER, face=TITLE_FONT, size=22,
                      bold=True, space_after=6)
        elif block.kind == "number":
            paragraph(block.text, align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=12)
        elif block.kind == "to":
            paragraph(block.text)
        elif block.kind == "para":
            paragraph(block.text, indent=True)
        elif block.kind == "items":
            for i, item in enumerate(block.text.split("\n"), start=1):
                paragraph(f"{i}. {item}", indent=True)
        elif block.kind == "sign":
            out.add_paragraph()
            paragraph(block.text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        elif block.kind == "table":
            table = out.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for label, value in block.rows:
                cells = table.add_row().cells
                cells[0].width, cells[1].width = Cm(4.2), Cm(11.4)
                for cell, text, bold in ((cells[0], label, True), (cells[1], value, False)):
                    p = cell.paragraphs[0]
                    lines = text.split("\n")
                    for i, line in enumerate(lines):
                        run = p.add_run(line)
                        _font(run, BODY_FONT, 14, bold)
                        if i < len(lines) - 1:
                            run.add_break()
    _footer(out, footer)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _footer(document: Any, footer: str) -> None:
    """The case number and the event the document rests on, on every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        p = section.footer.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(p.add_run(footer), BODY_FONT, 8)


def _properties(document: Any, doc: Document) -> None:
    """Core properties that say what the document is and hold no time of saving."""
    moment = dt.datetime.combine(doc.dated, dt.time())
    props = document.core_properties
    props.author = doc.fields.get("bureau", "")
    props.title = f"{doc.title} {doc.number or doc.fields.get('case_no', '')}".strip()
    props.subject = doc.fields.get("case_no", "")
    props.created = props.modified = props.last_printed = moment
    props.last_modified_by = ""
    props.revision = 1
    props.comments = ""
    props.keywords = ""


def _from_template(doc: Document, footer: str, template: Path) -> bytes:
    from docxtpl import DocxTemplate

    from caseledger.domain.errors import InputError
    from caseledger.domain.lang import t

    try:
        tpl = DocxTemplate(str(template))
        tpl.render({**doc.fields, "footer": footer,
                    "evidence_items": doc.fields.get("evidence", "").split("；")
                    if doc.fields.get("evidence") else []})
    except Exception as exc:  # noqa: BLE001 - a bureau's file: any failure is bad input
        raise InputError(t(f"{template}: 模板无法使用（{type(exc).__name__}: {exc}）",
                           f"{template}: the template cannot be used "
                           f"({type(exc).__name__}: {exc})")) from None
    _properties(tpl.docx, doc)
    if not any(footer in p.text for s in tpl.docx.sections for p in s.footer.paragraphs):
        _footer(tpl.docx, footer)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def placeholders(template: Path) -> set[str]:
    """The `{{ names }}` a template uses (`doc fields` checks them against the ledger's)."""
    from docxtpl import DocxTemplate

    return set(DocxTemplate(str(template)).get_undeclared_template_variables())


def normalized(data: bytes) -> bytes:
    """The zip rewritten with every member dated 1980-01-01 and compressed the same way."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return buffer.getvalue()


def to_pdf(data: bytes, name: str) -> bytes:
    """The DOCX converted by LibreOffice (`soffice --headless --convert-to pdf`); InputError
    (exit 2) saying how to install it when it is not installed."""
    import shutil
    import subprocess
    import tempfile

    from caseledger.domain.errors import InputError
    from caseledger.domain.lang import t

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise InputError(t("出具 PDF 需要 LibreOffice：Debian/Ubuntu 执行 "
                           "`apt install libreoffice-writer-nogui`，或以 --format docx 出具",
                           "a PDF needs LibreOffice: on Debian or Ubuntu `apt install "
                           "libreoffice-writer-nogui`, or issue it with --format docx"))
    with tempfile.TemporaryDirectory(prefix="caseledger-doc-") as folder:
        source = Path(folder) / f"{name}.docx"
        source.write_bytes(data)
        profile = Path(folder) / "profile"  # its own profile: no clash with a running office
        done = subprocess.run(
            [office, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", folder, str(source)],
            capture_output=True, text=True, timeout=180)
        result = source.with_suffix(".pdf")
        if done.returncode != 0 or not result.exists():
            raise InputError(t(f"LibreOffice 未能转换为 PDF：{done.stderr.strip()[-300:]}",
                               f"LibreOffice did not convert it to PDF: "
                               f"{done.stderr.strip()[-300:]}"))
        return result.read_bytes()
