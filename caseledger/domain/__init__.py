"""Pure domain: rules, identifiers, money, dates, the vocabulary. No database, no printing."""
