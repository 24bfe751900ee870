"""The reference marketplace API server behind Bulkdesk (FastAPI + SQLAlchemy)."""

__version__ = "0.1.0"
