"""The command line: one Typer module per noun, joined in `app`. Commands parse options, open one
transaction, call one service function and render its result. No SQL and no rules here."""
