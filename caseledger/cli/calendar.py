"""`caseledger calendar show|set`: holiday data for years the bundled schedule lacks (D-3)."""

from __future__ import annotations

from typing import Annotated

import typer

from caseledger.cli.common import FormatOption, read, say, write
from caseledger.cli.output import OutputFormat, emit
from caseledger.domain.lang import english, t

app = typer.Typer(help="The working-day calendar (holidays, make-up working days).",
                  no_args_is_help=True)


@app.command()
def show(ctx: typer.Context,
         year: Annotated[int, typer.Argument(help="The year.")],
         fmt: FormatOption = OutputFormat.TABLE) -> None:
    """A year's holidays on weekdays and working weekends, and where they come from."""
    from caseledger.services import calendar

    result = read(ctx, calendar.show, year)
    if fmt is OutputFormat.JSON:
        emit(result, fmt)
        return
    if fmt is OutputFormat.TABLE:
        mark = t("——暂定：仅按周末计算（D-3）", " — provisional: weekends only (D-3)") \
            if result["provisional"] else ""
        say(f"{year}: {result['source']}{mark}")
    emit(result["days"], fmt, [("date", "日期"), ("weekday", "星期"), ("kind", "类型")])


@app.command("set")
def set_(ctx: typer.Context,
         date: Annotated[str, typer.Argument(metavar="DATE", help="YYYY-MM-DD.")],
         kind: Annotated[str, typer.Argument(metavar="workday|holiday")]) -> None:
    """Mark a day of an uncovered year a working day or a holiday (admin)."""
    from caseledger.services import calendar

    result = write(ctx, calendar.set_day, date, kind)
    if english():
        say(f"{result['date']}: {'workday' if result['working'] else 'holiday'}")
    else:
        say(f"{result['date']}: {'工作日' if result['working'] else '休息日'}")
