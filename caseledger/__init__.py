"""caseledger: a tamper-evident ledger of administrative-penalty cases (行政处罚案件)."""

__version__ = "0.1.0"
