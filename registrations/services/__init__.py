"""Writes of registrations, one module per concern: ``windows`` (opening a window and granting
extensions), ``entries`` (saving a registration's lines), ``flow`` (submit, return, accept),
``cluster_lists`` (the cluster leader's consolidated list). Every change of state goes through
``flow.transition`` and is recorded with ``common.services.state_change_record``."""
