"""Exporters of the statutory forms 0601–0605 (reports/registry.py)."""
