"""Long tables laid out by hand (past PLAIN_ROWS rows): aligned, with breached clocks standing out
on a terminal and plain text in a pipe."""

from __future__ import annotations

import io

import pytest

from caseledger.cli import output


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


ROWS = [{"due": "2026-10-30", "case_no": f"广区市监立〔2026〕{n}号", "state": "running"}
        for n in range(output.PLAIN_ROWS + 1)]
ROWS[0] = {**ROWS[0], "state": output.Alarm("breached")}
COLUMNS = [("due", "期限"), ("case_no", "案号"), ("state", "状态")]


@pytest.mark.parametrize("stream, mark", [(io.StringIO, "breached"),
                                          (Terminal, "\x1b[1;31mbreached\x1b[0m")])
def test_a_long_table_is_aligned_and_marks_breaches(monkeypatch, stream, mark):
    monkeypatch.delenv("CASELEDGER_LANG")  # Chinese headers, counted double
    out = stream()
    monkeypatch.setattr("sys.stdout", out)
    output.emit(ROWS, output.OutputFormat.TABLE, COLUMNS)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(ROWS) + 2  # the header, its rule, a line a row
    assert lines[0].split() == ["期限", "案号", "状态"]
    assert set(lines[1].replace(" ", "")) == {"─"}
    assert lines[2].endswith(mark) and "[bold red]" not in out.getvalue()
    # Every state starts in the same terminal column, the Chinese case numbers counted double.
    starts = {output._width(line[:line.rindex("  ") + 2]) for line in lines[2:]}
    assert len(starts) == 1


def test_a_list_fits_the_width_wrapping_text_but_never_a_case_number(monkeypatch):
    """One renderer for every size (#14): at 44 columns the party's name wraps, the case number
    and the date stay whole; every line fits."""
    monkeypatch.delenv("CASELEDGER_LANG")
    monkeypatch.setenv("COLUMNS", "44")
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    rows = [{"case_no": "广区市监立〔2026〕117号", "party": "阿依·努尔·买买提经营部", "on": "2026-03-02"}]
    output.emit(rows, output.OutputFormat.TABLE,
                [("case_no", "案号"), ("party", "当事人"), ("on", "日期")])
    lines = out.getvalue().splitlines()
    from rich.cells import cell_len

    assert all(cell_len(line) <= 44 for line in lines), lines
    assert "广区市监立〔2026〕117号" in lines[2] and "2026-03-02" in lines[2]
    rest = "".join(lines[2:]).replace(" ", "").replace("广区市监立〔2026〕117号", "")
    assert rest.replace("2026-03-02", "") == "阿依·努尔·买买提经营部"  # whole, in order
    assert len(lines) > 3  # the name took more than one line



@pytest.mark.parametrize("rows", [1, output.PLAIN_ROWS + 1])
def test_a_table_shows_markup_and_escape_codes_as_text(monkeypatch, rows):
    """A party named `[link=...]` or holding an escape code (a ledger from before they were
    refused) is shown as it is: rich does not read it as markup, the terminal gets no escape."""
    out = Terminal()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setenv("COLUMNS", "200")
    data = [{"name": "[link=http://x]某商行[/link] \x1b[2J\u202e"}] * rows
    output.emit(data, output.OutputFormat.TABLE, [("name", "当事人")])
    text = out.getvalue()
    assert "[link=http://x]某商行[/link]" in text
    assert "\x1b[2J" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text and "\\u202e" in text


@pytest.mark.parametrize("stream, escaped", [(Terminal, True), (io.StringIO, False)])
def test_csv_is_escaped_on_a_terminal_and_kept_whole_in_a_pipe(monkeypatch, stream, escaped):
    out = stream()
    monkeypatch.setattr("sys.stdout", out)
    name = "某\x1b[2J商行 👨\u200d🍳 软\u00ad字"
    output.emit([{"name": name}], output.OutputFormat.CSV, [("name", "当事人")])
    text = out.getvalue()
    assert ("\x1b" not in text and "\\x1b[2J" in text) if escaped else name in text
    assert "👨\u200d🍳 软\u00ad字" in text  # a joiner and a soft hyphen are not escaped
