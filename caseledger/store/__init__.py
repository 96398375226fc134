"""Storage: SQLAlchemy models, engines and sessions, numbering and the event chain."""
