"""Audit tests of the services that write many rows (applied with the audit patch)."""
