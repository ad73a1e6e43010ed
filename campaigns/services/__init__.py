"""Writes of the campaigns app: campaigns, clusters, scoring and acclamation.

Every function takes the acting user as ``actor``, runs in one transaction, refuses what the
rules forbid with ``django.core.exceptions.ValidationError`` (a Vietnamese message for the user)
and records each change of state with ``common.services.state_change_record``.
"""
