"""Excel/CSV import and export of registration windows, registrations, their lines and the
cluster lists in the admin.

A window, a registration and a cluster list are named by their campaign (council, year and
campaign name over three columns) and their unit or cluster. Their workflow — status, return
reason, extension, submission — moves only through registrations/services (``transition``,
``extension_grant``), which check each step and record it in ``common.StateChange``: those
columns are exported and never imported, and new rows are created by the same services as in
the app (``window_open``, ``registration_start``, ``cluster_list_of``).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields

from awards.models import AwardForm, EmulationTitle
from campaigns.resources import CampaignWidget, ClusterWidget, council_and_year
from common.services import state_change_record
from organizations.resources import Resource, column
from organizations.resources.widgets import (
    CodeWidget,
    PersonWidget,
    UnitWidget,
    UserWidget,
    ViaUnitWidget,
)
from organizations.selectors import unit_subtree
from registrations.models import ClusterList, Registration, RegistrationEntry, RegistrationWindow
from registrations.services.cluster_lists import cluster_list_of
from registrations.services.flow import deadline_text
from registrations.services.registrations import registration_lock_editable, registration_start
from registrations.services.windows import window_open

SUBMISSION_WORKFLOW = ("status", "extended_until", "return_reason", "submitted_at", "submitted_by")


class WindowWidget(CampaignWidget):
    """The registration window of a campaign named by council, year and campaign name."""

    def find(self, text: str, scope: dict):
        campaign = super().find(text, scope)
        window = RegistrationWindow.objects.filter(campaign=campaign).first()
        if window is None:
            raise ValueError(
                _("Registrations for “%(campaign)s” have not been opened.") % {"campaign": campaign}
            )
        return window

    def label(self, obj) -> str:
        return obj.campaign.name


class RegistrationWindowResource(Resource):
    """Registration windows matched by campaign. A new window is opened by ``window_open``
    (launched campaigns only, recorded); a new last day is recorded as
    ``window_close_on`` records it, with the import as reason."""

    council, year = council_and_year("campaign")
    campaign = fields.Field("campaign", column(RegistrationWindow, "campaign"), CampaignWidget())

    class Meta:
        model = RegistrationWindow
        fields = ("council", "year", "campaign", "opens_on", "closes_on")
        import_id_fields = ("campaign",)

    export_select_related = ("campaign__council__unit",)

    def do_instance_save(self, instance, is_create):
        if is_create:
            saved = window_open(
                campaign=instance.campaign,
                actor=self.user,
                closes_on=instance.closes_on,
                opens_on=instance.opens_on,
            )
            self.adopt(instance, saved)
            return
        previous = RegistrationWindow.objects.get(pk=instance.pk).closes_on
        instance.save(update_fields=["opens_on", "closes_on"])
        if previous != instance.closes_on:
            state_change_record(
                obj=instance,
                field="closes_on",
                from_state=deadline_text(previous),
                to_state=deadline_text(instance.closes_on),
                actor=self.user,
                reason=self.import_reason(),
            )


class _SubmissionResource(Resource):
    council, year = council_and_year("window__campaign")
    window = fields.Field("window", column(RegistrationWindow, "campaign"), WindowWidget())
    submitted_by = fields.Field("submitted_by", column(Registration, "submitted_by"), UserWidget())

    workflow_fields = SUBMISSION_WORKFLOW


class RegistrationResource(_SubmissionResource):
    """One unit's registration per window, matched by campaign and unit. Only new drafts come
    in by import (``registration_start``, routed to the unit's cluster); everything else is
    workflow: status, cluster, extension, return reason, submission."""

    unit = fields.Field("unit", column(Registration, "unit"), UnitWidget())
    cluster = fields.Field("cluster", column(Registration, "cluster"), ClusterWidget())

    class Meta:
        model = Registration
        fields = ("council", "year", "window", "unit", "cluster", *SUBMISSION_WORKFLOW)
        import_id_fields = ("window", "unit")

    workflow_fields = ("cluster", *SUBMISSION_WORKFLOW)
    export_select_related = ("window__campaign__council__unit", "unit", "cluster", "submitted_by")

    def do_instance_save(self, instance, is_create):
        if not is_create:
            return super().do_instance_save(instance, is_create)
        council = instance.window.campaign.council
        if not unit_subtree(unit=council.unit).filter(pk=instance.unit_id).exists():
            raise ValidationError(
                {
                    "unit": _("%(unit)s is not under %(council)s.")
                    % {"unit": instance.unit, "council": council}
                }
            )
        self.adopt(instance, registration_start(window=instance.window, unit=instance.unit))


class ClusterListResource(_SubmissionResource):
    """A cluster's consolidated list per window, matched by campaign and cluster. Only new,
    empty lists come in by import (``cluster_list_of``); the registrations in a list are put
    there by the leader's consolidation, and its workflow is exported only."""

    cluster = fields.Field("cluster", column(ClusterList, "cluster"), ClusterWidget())

    class Meta:
        model = ClusterList
        fields = ("council", "year", "window", "cluster", *SUBMISSION_WORKFLOW)
        import_id_fields = ("window", "cluster")

    export_select_related = ("window__campaign__council__unit", "cluster", "submitted_by")

    def do_instance_save(self, instance, is_create):
        if not is_create:
            return super().do_instance_save(instance, is_create)
        self.adopt(instance, cluster_list_of(window=instance.window, cluster=instance.cluster))


class RegistrationEntryResource(Resource):
    """Lines of registrations by id; a line keeps its registration (``id_scope``), named by
    campaign and registering unit. A line changes only while its registration is a draft or
    returned (``registration_lock_editable``): once submitted, the lines are what the cluster
    leader and the council see. The reviewer's note is written by the return and is exported
    only. Saving a line marks its registration changed, so a form opened earlier does not
    overwrite it."""

    council, year = council_and_year("registration__window__campaign")
    campaign = fields.Field(
        "registration__window__campaign",
        column(RegistrationWindow, "campaign"),
        CampaignWidget(),
        readonly=True,
    )
    registration = fields.Field(
        "registration",
        capfirst(gettext_lazy("registering unit")),
        ViaUnitWidget(Registration, scope_fields={"window__campaign": "campaign"}),
    )
    collective = fields.Field("collective", column(RegistrationEntry, "collective"), UnitWidget())
    person = fields.Field("person", column(RegistrationEntry, "person"), PersonWidget())
    title = fields.Field("title", column(RegistrationEntry, "title"), CodeWidget(EmulationTitle))
    form = fields.Field("form", column(RegistrationEntry, "form"), CodeWidget(AwardForm))

    class Meta:
        model = RegistrationEntry
        fields = (
            "id", "council", "year", "campaign", "registration", "order", "kind", "collective",
            "person", "title", "form", "initiative_name", "model_name", "review_note",
        )  # fmt: skip

    workflow_fields = ("review_note",)
    id_scope = ("registration",)
    export_select_related = (
        "registration__window__campaign__council__unit", "registration__unit", "collective",
        "person", "title", "form",
    )  # fmt: skip

    def do_instance_save(self, instance, is_create):
        registration = registration_lock_editable(instance.registration)
        allowed = unit_subtree(unit=registration.unit)
        for name, unit_id in (
            ("collective", instance.collective_id),
            ("person", instance.person.unit_id if instance.person_id else None),
        ):
            if unit_id and not allowed.filter(pk=unit_id).exists():
                raise ValidationError(
                    {
                        name: _("%(nominee)s is not in %(unit)s.")
                        % {"nominee": getattr(instance, name), "unit": registration.unit}
                    }
                )
        super().do_instance_save(instance, is_create)
        Registration.objects.filter(pk=registration.pk).update(updated_at=timezone.now())
