"""Excel/CSV import and export of campaigns, clusters (with their member units) and cluster
results in the admin.

Campaigns and clusters are saved through ``campaigns.services`` (the same checks and audit
records as the app's pages); their workflow state is exported, never imported.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from campaigns.models import Campaign, Cluster, ClusterResult
from campaigns.services.campaigns import campaign_create, campaign_update
from campaigns.services.clusters import cluster_create, cluster_update
from organizations.resources import ListField, Resource, column
from organizations.resources.widgets import (
    CouncilWidget,
    ManyWidget,
    ScopedLookupWidget,
    UnitWidget,
    UserWidget,
)
from plans.resources import PlanWidget

BY_COUNCIL_AND_YEAR = {"council": "council", "year": "year"}


class CampaignWidget(ScopedLookupWidget):
    """A campaign by name among the campaigns of the row's council and year."""

    model = Campaign

    def __init__(self, scope_fields: dict[str, str] = BY_COUNCIL_AND_YEAR, **kwargs) -> None:
        super().__init__(scope_fields=scope_fields, **kwargs)


class ClusterWidget(ScopedLookupWidget):
    """A cluster or bloc by name among those of the row's council and year."""

    model = Cluster

    def __init__(self, scope_fields: dict[str, str] = BY_COUNCIL_AND_YEAR, **kwargs) -> None:
        super().__init__(scope_fields=scope_fields, **kwargs)


def council_and_year(path: str, model=Campaign) -> tuple[fields.Field, fields.Field]:
    """Read-only "council" and "year" columns of a related campaign, cluster or round at
    ``path``, which the scoped widgets of the row read to find it."""
    prefix = f"{path}__" if path else ""
    return (
        fields.Field(f"{prefix}council", column(model, "council"), CouncilWidget(), readonly=True),
        fields.Field(
            f"{prefix}year", column(model, "year"), widgets.IntegerWidget(), readonly=True
        ),
    )


CAMPAIGN_FIELDS = (
    "name", "kind", "year", "plan", "lead_unit", "requested_by", "criteria", "starts_on",
    "ends_on", "mid_year_review_on", "annual_review_on",
)  # fmt: skip


class CampaignResource(Resource):
    """Campaigns matched by council, year and name, their participants in one cell.

    ``status`` and ``launched_at`` are exported but never imported: a campaign is launched or
    ended by ``campaign_launch`` / ``campaign_end``, which check it and record the step. Rows
    are saved by ``campaign_create`` / ``campaign_update``: a new campaign starts as a draft (or
    proposed, when a unit asks for it), and a launched one no longer changes.
    """

    council = fields.Field("council", column(Campaign, "council"), CouncilWidget())
    plan = fields.Field(
        "plan", column(Campaign, "plan"), PlanWidget(unit_field="council", year_field="year")
    )
    lead_unit = fields.Field("lead_unit", column(Campaign, "lead_unit"), UnitWidget())
    requested_by = fields.Field("requested_by", column(Campaign, "requested_by"), UnitWidget())
    participants = ListField(
        "participants", column(Campaign, "participants"), ManyWidget(UnitWidget())
    )

    class Meta:
        model = Campaign
        fields = (
            "council", "year", "name", "kind", "plan", "lead_unit", "requested_by",
            "participants", "criteria", "starts_on", "ends_on", "mid_year_review_on",
            "annual_review_on", "status", "launched_at",
        )  # fmt: skip
        import_id_fields = ("council", "year", "name")

    workflow_fields = ("status", "launched_at")
    export_select_related = ("council__unit", "plan", "lead_unit", "requested_by")
    export_prefetch_related = ("participants",)

    def do_instance_save(self, instance, is_create):
        data = {name: getattr(instance, name) for name in CAMPAIGN_FIELDS}
        participants = self.cleaned("participants")
        if is_create:
            saved = campaign_create(
                council=instance.council, actor=self.user, participants=participants or (), **data
            )
        else:
            saved = campaign_update(
                campaign=instance, actor=self.user, participants=participants, **data
            )
        self.adopt(instance, saved)


CLUSTER_FIELDS = (
    "year", "kind", "number", "name", "plan", "leader", "deputy", "in_charge", "scope",
    "difference_threshold", "quorum_percent", "majority_percent", "elected_on",
)  # fmt: skip


class ClusterResource(Resource):
    """Clusters and blocs matched by council, year, kind and number, their member units in one
    cell.

    ``scoring_status`` and ``scoring_closed_at`` are exported but never imported: scoring is
    closed by ``scoring_close``, which freezes the results and records the step. Rows are saved
    by ``cluster_create`` / ``cluster_update``, which check that the leader and deputy are
    members, record a change of either, and refuse changes once scoring is closed.
    """

    council = fields.Field("council", column(Cluster, "council"), CouncilWidget())
    plan = fields.Field(
        "plan", column(Cluster, "plan"), PlanWidget(unit_field="council", year_field="year")
    )
    members = ListField("members", column(Cluster, "members"), ManyWidget(UnitWidget()))
    leader = fields.Field("leader", column(Cluster, "leader"), UnitWidget())
    deputy = fields.Field("deputy", column(Cluster, "deputy"), UnitWidget())
    in_charge = fields.Field("in_charge", column(Cluster, "in_charge"), UserWidget())

    class Meta:
        model = Cluster
        fields = (
            "council", "year", "kind", "number", "name", "plan", "members", "leader", "deputy",
            "in_charge", "scope", "difference_threshold", "quorum_percent", "majority_percent",
            "elected_on", "scoring_status", "scoring_closed_at",
        )  # fmt: skip
        import_id_fields = ("council", "year", "kind", "number")

    workflow_fields = ("scoring_status", "scoring_closed_at")
    export_select_related = ("council__unit", "plan", "leader", "deputy", "in_charge")
    export_prefetch_related = ("members",)

    def do_instance_save(self, instance, is_create):
        data = {name: getattr(instance, name) for name in CLUSTER_FIELDS}
        members = self.cleaned("members")
        if is_create:
            saved = cluster_create(
                council=instance.council, actor=self.user, members=members or (), **data
            )
        else:
            saved = cluster_update(cluster=instance, actor=self.user, members=members, **data)
        self.adopt(instance, saved)


class ClusterResultResource(Resource):
    """Final scores and ranks per member, matched by cluster and unit; export only in effect.

    Every value is written by ``scoring_close`` when the cluster leader closes scoring and is
    frozen afterwards, so all of them are workflow fields: an import of an export finds every
    row unchanged, a changed value or a new row is an error.
    """

    council, year = council_and_year("cluster", Cluster)
    cluster = fields.Field("cluster", capfirst(Cluster._meta.verbose_name), ClusterWidget())
    unit = fields.Field("unit", column(ClusterResult, "unit"), UnitWidget())

    class Meta:
        model = ClusterResult
        fields = (
            "council", "year", "cluster", "unit", "self_total", "cross_total", "total", "rank",
        )  # fmt: skip
        import_id_fields = ("cluster", "unit")

    workflow_fields = ("self_total", "cross_total", "total", "rank")
    export_select_related = ("cluster__council__unit", "unit")
    new_rows_refused = _("results are written when the cluster leader closes scoring.")
