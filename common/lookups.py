"""``__in`` on integer fields with numbers the database cannot hold.

Django (5.2) turns ``pk=10**30`` into "no match", but sends ``pk__in=[10**30]`` to the
database as it is: SQLite then fails (``OverflowError: Python int too large to convert to
SQLite INTEGER``). A posted id list reaches such a query unchecked in every
``ModelMultipleChoiceField`` (``ModelMultipleChoiceField._check_values``), so a form with
checkboxes answered a crafted POST with a server error. ``IntegerIn`` drops the numbers outside
the column's range, which no row can hold, before the query is built; when none is left the
lookup matches nothing. Registered on ``IntegerField`` (and so on every auto id) when
``common`` starts (``CommonConfig.ready``).
"""

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerIn(In):
    """``In`` that leaves out integers outside the database column's range."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            internal_type = self.lhs.output_field.get_internal_type()
            low, high = connection.ops.integer_field_range(internal_type)
            kept = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
            if not kept:
                raise EmptyResultSet
            self.rhs = kept
        return super().process_rhs(compiler, connection)


def register() -> None:
    """Use ``IntegerIn`` for ``__in`` on every integer field (idempotent)."""
    IntegerField.register_lookup(IntegerIn, lookup_name="in")
