"""Typing tests: programs mypy --strict must accept (``accept_*.py``) or reject (``reject/``)."""
