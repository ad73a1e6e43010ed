"""Exporters of the annual summary (reports/registry.py)."""
