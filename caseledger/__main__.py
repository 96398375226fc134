"""`python -m caseledger` runs the command line."""

from caseledger.cli.app import main

main()
