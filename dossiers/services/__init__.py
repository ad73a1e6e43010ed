"""Writes of the dossiers app: rounds, dossiers and nominations, attachments, the workflow."""
