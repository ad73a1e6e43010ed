"""Writes of reminders: the dispatcher (dispatch.py), sending (sending.py), what units and the
secretariat do with deadlines (deadlines.py)."""
