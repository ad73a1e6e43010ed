"""Excel/CSV import and export in the admin (django-import-export): the shared base and cell
widgets every app's resources use (``base``, ``widgets``), and the resources of councils and
memberships. Units and people keep their resources in organizations/admin.py.
"""

from import_export import fields

from organizations.models import Council, Membership
from organizations.resources.base import ListField, Resource, column
from organizations.resources.widgets import UnitWidget, UserWidget

__all__ = ["CouncilResource", "ListField", "MembershipResource", "Resource", "column"]


class CouncilResource(Resource):
    """Councils matched by their unit (a unit has one council)."""

    unit = fields.Field("unit", column(Council, "unit"), UnitWidget())

    class Meta:
        model = Council
        fields = ("unit", "name", "quorum_percent")
        import_id_fields = ("unit",)

    export_select_related = ("unit",)


class MembershipResource(Resource):
    """Roles of users in units, matched by (user, unit, role): a row gives a role, and an
    import never takes one away (delete the membership in the admin)."""

    user = fields.Field("user", column(Membership, "user"), UserWidget())
    unit = fields.Field("unit", column(Membership, "unit"), UnitWidget())

    class Meta:
        model = Membership
        fields = ("user", "unit", "role")
        import_id_fields = ("user", "unit", "role")

    export_select_related = ("user", "unit")
