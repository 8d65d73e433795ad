"""Coalesce: run a security-sector-reform coalition and train people to build one."""

__version__ = "0.1.0"
