"""Excel/CSV import and export of review rounds, award dossiers and their nominations in the
admin.

A round is named by council, year and name; a dossier by its round and proposing unit. Writes go
through dossiers/services (``round_save``, ``dossier_start``, ``nomination_save``) so that an
import meets the same checks as the app's pages. A dossier's workflow — status, version,
appraiser, submission, return reason — and a nomination's appraisal, council result and grant
are exported, never imported: they change only through ``dossier_transition`` and the appraisal
and council services, which record each step in ``common.StateChange``.
"""

from import_export import fields

from awards.models import AwardForm, AwardGrant, EmulationTitle
from awards.resources import HouseholdWidget
from campaigns.resources import BY_COUNCIL_AND_YEAR, council_and_year
from dossiers.models import Dossier, Nomination, Round
from dossiers.services.dossiers import NominationInput, dossier_start, nomination_save
from dossiers.services.rounds import ROUND_FIELDS, round_save
from organizations.resources import ListField, Resource, column
from organizations.resources.widgets import (
    CodeWidget,
    CouncilWidget,
    IdWidget,
    ManyWidget,
    PersonWidget,
    ScopedLookupWidget,
    UnitWidget,
    UserWidget,
    ViaUnitWidget,
)


class RoundWidget(ScopedLookupWidget):
    """A review round by name among the rounds of the row's council and year."""

    model = Round

    def __init__(self, **kwargs) -> None:
        super().__init__(scope_fields=BY_COUNCIL_AND_YEAR, **kwargs)


class RoundResource(Resource):
    """Review rounds matched by council, year and name, the titles and forms they accept by
    code in one cell ("advanced_worker; certificate_of_merit"). Saved by ``round_save``: the
    closing day is counted from the ceremony when its working days are given. The public page
    key is never exported."""

    council = fields.Field("council", column(Round, "council"), CouncilWidget())
    titles = ListField("titles", column(Round, "titles"), ManyWidget(CodeWidget(EmulationTitle)))
    forms = ListField("forms", column(Round, "forms"), ManyWidget(CodeWidget(AwardForm)))

    class Meta:
        model = Round
        fields = (
            "council", "year", "name", "titles", "forms", "opens_on", "closes_on", "ceremony_on",
            "working_days_before", "late_policy", "requires_registration",
            "disclosure_starts_on", "disclosure_ends_on",
        )  # fmt: skip
        import_id_fields = ("council", "year", "name")

    export_select_related = ("council__unit",)
    export_prefetch_related = ("titles", "forms")

    def do_instance_save(self, instance, is_create):
        titles, forms = self.cleaned("titles"), self.cleaned("forms")
        if titles is None:
            titles = [] if is_create else list(instance.titles.all())
        if forms is None:
            forms = [] if is_create else list(instance.forms.all())
        saved = round_save(
            council=instance.council,
            actor=self.user,
            titles=titles,
            forms=forms,
            instance=None if is_create else instance,
            **{name: getattr(instance, name) for name in ROUND_FIELDS},
        )
        self.adopt(instance, saved)


class DossierResource(Resource):
    """Dossiers matched by round and proposing unit. An import only starts new, empty drafts
    (``dossier_start``, which checks the unit sends dossiers to the round's council); the
    status and everything the workflow writes are exported only."""

    council, year = council_and_year("round", Round)
    round = fields.Field("round", column(Dossier, "round"), RoundWidget())
    unit = fields.Field("unit", column(Dossier, "unit"), UnitWidget())
    assignee = fields.Field("assignee", column(Dossier, "assignee"), UserWidget())

    class Meta:
        model = Dossier
        fields = (
            "council", "year", "round", "unit", "status", "version", "assignee", "submitted_at",
            "submitted_late", "return_reason",
        )  # fmt: skip
        import_id_fields = ("round", "unit")

    workflow_fields = (
        "status", "version", "assignee", "submitted_at", "submitted_late", "return_reason",
    )  # fmt: skip
    export_select_related = ("round__council__unit", "unit", "assignee")

    def do_instance_save(self, instance, is_create):
        if not is_create:
            return super().do_instance_save(instance, is_create)
        saved = dossier_start(round_=instance.round, unit=instance.unit, actor=self.user)
        self.adopt(instance, saved)


class NominationResource(Resource):
    """Nominations by id; a nomination keeps its dossier (``id_scope``), named by round and
    proposing unit. Saved by ``nomination_save``: only while the dossier is a draft or
    returned, for an award of the round and a nominee of the unit, and its eligibility findings
    are worked out again. The appraisal, the council's result and the grant are exported only.
    """

    council, year = council_and_year("dossier__round", Round)
    round = fields.Field("dossier__round", column(Dossier, "round"), RoundWidget(), readonly=True)
    dossier = fields.Field(
        "dossier",
        column(Dossier, "unit"),
        ViaUnitWidget(Dossier, scope_fields={"round": "round"}),
    )
    person = fields.Field("person", column(Nomination, "person"), PersonWidget())
    collective = fields.Field("collective", column(Nomination, "collective"), UnitWidget())
    household = fields.Field("household", column(Nomination, "household"), HouseholdWidget())
    title = fields.Field("title", column(Nomination, "title"), CodeWidget(EmulationTitle))
    form = fields.Field("form", column(Nomination, "form"), CodeWidget(AwardForm))
    grant = fields.Field("grant", column(Nomination, "grant"), IdWidget(AwardGrant))

    class Meta:
        model = Nomination
        fields = (
            "id", "council", "year", "round", "dossier", "order", "person", "collective",
            "household", "title", "form", "achievement", "summary", "appraisal",
            "appraisal_reason", "council_result", "grant",
        )  # fmt: skip

    workflow_fields = ("appraisal", "appraisal_reason", "council_result", "grant")
    id_scope = ("dossier",)
    export_select_related = (
        "dossier__round__council__unit", "dossier__unit", "person", "collective", "household",
        "title", "form",
    )  # fmt: skip

    def do_instance_save(self, instance, is_create):
        data = NominationInput(
            nominee=instance.person or instance.collective or instance.household,
            award=instance.title or instance.form,
            achievement=instance.achievement,
            summary=instance.summary,
        )
        saved = nomination_save(
            dossier=instance.dossier,
            data=data,
            actor=self.user,
            nomination=None if is_create else instance,
        )
        self.adopt(instance, saved)
