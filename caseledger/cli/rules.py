"""`caseledger rules [ID]`: every rule the ledger enforces, in Chinese and English, from the
package itself (no ledger needed): the ids every refusal names."""

from __future__ import annotations

from typing import Annotated

import typer

from caseledger.cli.common import FormatOption
from caseledger.cli.output import OutputFormat, emit
from caseledger.domain.lang import t

COLUMNS = [("id", "编号"), ("kind_label", "类别"), ("title_zh", "标题")]


def rules(
    rule_id: Annotated[str | None, typer.Argument(metavar="ID", help="A rule id, e.g. R-1 (default: list them all).")] = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """The rules: every id with its title, or one rule's full text (Chinese and English)."""
    from caseledger.domain.errors import NotFound
    from caseledger.domain.rules import KIND_LABELS, RULES, lookup, texts

    def row(rule_id: str) -> dict[str, str]:
        rule, text = lookup(rule_id), texts()[rule_id]
        assert rule is not None
        return {"id": rule.id, "kind": rule.kind, "kind_label": KIND_LABELS[rule.kind],
                "section": text["section_zh"], "section_en": text["section_en"],
                "title_zh": text["title_zh"], "title": rule.title,
                "text_zh": text["text_zh"], "text": text["text_en"]}

    if rule_id is None:
        emit([row(r.id) for r in RULES], fmt, COLUMNS)
        return
    rule = lookup(rule_id)
    if rule is None:
        raise NotFound(t(f"没有规则 {rule_id!r}；`caseledger rules` 列出全部规则（D-1 … Y-2）",
                         f"no rule {rule_id!r}; `caseledger rules` lists them (D-1 … Y-2)"))
    found = row(rule.id)
    if fmt is not OutputFormat.TABLE:
        emit(found, fmt)
        return
    from rich.text import Text

    from caseledger.cli.output import console

    out = console()
    out.print(Text.assemble((found["id"], "bold"), f"  {found['title_zh']}（{found['kind_label']}，"
                            f"{found['section']}）"))
    out.print(Text(found["text_zh"]))
    out.print()
    out.print(Text.assemble((found["id"], "bold"), f"  {found['title']} ({found['kind']}, "
                            f"{found['section_en']})"))
    out.print(Text(found["text"]))
