"""`--help` in Chinese: the help texts swapped for their Chinese (`help_zh.HELP_ZH`, keyed by the
English text Click holds) and laid out by screen width, which Click's own formatter counts in
characters (a Chinese character takes two columns, and a sentence has no spaces to break at).
English help is left to Click as it is."""

from __future__ import annotations

from typing import Any

HEADINGS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}


def localize(command: Any, english: bool) -> None:
    """Swap every help text of the command tree to the reader's language (the English kept on
    the object, so a later call in the same process can swap back)."""
    from caseledger.cli.help_zh import HELP_ZH

    def swap(obj: Any, attr: str) -> None:
        saved = f"_{attr}_en"
        if not hasattr(obj, saved):
            setattr(obj, saved, getattr(obj, attr, None))
        en = getattr(obj, saved)
        setattr(obj, attr, en if english or not en else HELP_ZH.get(en, en))

    swap(command, "help")
    for param in getattr(command, "params", []):
        if hasattr(param, "help"):
            swap(param, "help")
    for sub in getattr(command, "commands", {}).values():
        localize(sub, english)


def formatter_class() -> type:
    from rich.cells import cell_len
    from typer._click.formatting import HelpFormatter

    def wrap(text: str, width: int) -> list[str]:
        """Greedy lines of at most `width` columns: ASCII words kept whole, any CJK
        character a place to break."""
        tokens: list[str] = []
        word = ""
        for ch in text:
            if ch.isascii() and not ch.isspace():
                word += ch
                continue
            if word:
                tokens.append(word)
                word = ""
            if ch.isspace():
                if tokens:
                    tokens[-1] += " "
            else:
                tokens.append(ch)
        if word:
            tokens.append(word)
        lines, line = [], ""
        for token in tokens:
            if line and cell_len(line + token.rstrip()) > width:
                lines.append(line.rstrip())
                line = ""
            line += token
        if line.strip():
            lines.append(line.rstrip())
        return lines or [""]

    def paragraphs(text: str) -> list[tuple[bool, list[str], int]]:
        out: list[tuple[bool, list[str], int]] = []
        for block in text.split("\n\n"):
            lines = block.splitlines()
            if not lines:
                continue
            raw = lines[0].strip() == "\b"
            body = lines[1:] if raw else lines
            indent = len(body[0]) - len(body[0].lstrip()) if body else 0
            out.append((raw, body, indent))
        return out

    class CellFormatter(HelpFormatter):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, "用法：" if prefix is None else prefix)

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

        def write_text(self, text: str) -> None:
            indent = " " * self.current_indent
            out = []
            for raw, body, extra in paragraphs(text):
                if raw:
                    out.append("\n".join(indent + line for line in body))
                else:
                    joined = " ".join(line.strip() for line in body)
                    pad = indent + " " * extra
                    out.append("\n".join(pad + line for line in
                                         wrap(joined, max(self.width - len(pad), 20))))
            self.write("\n\n".join(out) + "\n")

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            rows = list(rows)
            first_col = min(max((cell_len(r[0]) for r in rows), default=0), col_max) + col_spacing
            for first, second in rows:
                self.write(f"{'':>{self.current_indent}}{first}")
                if not second:
                    self.write("\n")
                    continue
                if cell_len(first) <= first_col - col_spacing:
                    self.write(" " * (first_col - cell_len(first)))
                else:
                    self.write("\n" + " " * (first_col + self.current_indent))
                lines = wrap(second.replace("\n", " "), max(self.width - first_col - 2, 10))
                self.write(lines[0] + "\n")
                for line in lines[1:]:
                    self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    return CellFormatter
