"""The export of registration lines (reports/registry.py, kind "registrations").

Every line of the registrations the user may see (``registrations_visible_to``: his units and
those below them, a council's whole area for its secretariat and members, the registrations
sent to a cluster he leads), filtered by registration window (``window``, as the overview page
of a window names it), year, cluster, registering unit (and the units below it) and state
(``state``; the overview's ``show`` — all, not_registered, returned, registered — is taken
for it). Collectives before individuals in each registration (son-tay-2020 §5.2). Rows stream
in chunks of 2,000. Document words in Vietnamese.
"""

from collections.abc import Iterator

import django_filters
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.models import Cluster
from organizations.filters import SelectedUnitMixin, YearFilter
from organizations.selectors import unit_subtree
from registrations.exports.layout import STATE_WORDS
from registrations.models import Registration, RegistrationEntry, RegistrationWindow
from registrations.selectors import REGISTERED, registrations_visible_to, windows_visible_to
from reports.lists import (
    file_slug,
    filter_params,
    list_report,
    report_renderer,
    streamed,
    validated,
)
from reports.registry import TABULAR_FORMATS, Exporter, register
from reports.tabular import Column, Report, Sheet

TITLE = "DANH SÁCH ĐĂNG KÝ THI ĐUA"
FIELDS = ("window", "year", "cluster", "unit", "state")
Status = Registration.Status

# The overview's ``show`` and the extra states: several registration states at once.
STATE_GROUPS = {
    "registered": tuple(REGISTERED),
    "not_registered": (Status.DRAFT, Status.RETURNED),
}
SHOW_TO_STATE = {
    "not_registered": "not_registered",
    "returned": "returned",
    "registered": "registered",
}
STATE_CHOICES = [
    *Status.choices,
    ("registered", _("Registered (submitted or accepted)")),
    ("not_registered", _("Not registered (draft or returned)")),
]
GROUP_WORDS = {
    "registered": "Đã đăng ký (đã nộp hoặc đã chấp thuận)",
    "not_registered": "Chưa đăng ký (dự thảo hoặc bị trả lại)",
}
KIND_WORDS = {
    RegistrationEntry.Kind.COLLECTIVE: "Tập thể",
    RegistrationEntry.Kind.INDIVIDUAL: "Cá nhân",
}
ORDER = (
    "-registration__window__campaign__year",
    "registration__window__campaign__name",
    "registration__window_id",
    "registration__unit__name",
    "registration_id",
    "kind",
    "order",
    "pk",
)
COLUMNS = (
    ("STT", 6, "center"),
    ("Năm", 7, "center"),
    ("Phong trào thi đua", 30, "left"),
    ("Cụm, khối thi đua", 22, "left"),
    ("Đơn vị đăng ký", 28, "left"),
    ("Tình trạng", 16, "left"),
    ("Đối tượng", 10, "left"),
    ("Tên tập thể / cá nhân", 30, "left"),
    ("Chức vụ", 18, "left"),
    ("Danh hiệu / hình thức đăng ký", 30, "left"),
    ("Sáng kiến / mô hình", 34, "left"),
)
_ROW_FIELDS = (
    "registration__window__campaign__year",
    "registration__window__campaign__name",
    "registration__cluster__name",
    "registration__unit__name",
    "registration__status",
    "kind",
    "collective__name",
    "person__full_name",
    "person__position",
    "title__name_vi",
    "form__name_vi",
    "initiative_name",
    "model_name",
)


class RegistrationLineFilter(SelectedUnitMixin, django_filters.FilterSet):
    """Filter registration lines by window (id), campaign year, cluster (id), registering unit
    (id; it and the units below it) and the registration's state (a state, "registered" or
    "not_registered"). Built with ``user=``; a window or unit the user may not see yields
    nothing (``outside_scope``)."""

    window = django_filters.NumberFilter(label=_("Registration window"), method="filter_window")
    year = YearFilter(
        label=_("Year"), field_name="registration__window__campaign__year", min_value=1945,
        max_value=2100,
    )  # fmt: skip
    cluster = django_filters.NumberFilter(label=_("Cluster"), field_name="registration__cluster_id")
    unit = django_filters.NumberFilter(label=_("Unit"), method="filter_unit")
    state = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATE_CHOICES, method="filter_state"
    )

    class Meta:
        model = RegistrationEntry
        fields = list(FIELDS)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    @property
    def qs(self) -> QuerySet[RegistrationEntry]:
        """The filtered lines: by year (newest first), campaign, unit, collectives first."""
        return super().qs.order_by(*ORDER)

    @property
    def selected_window(self) -> RegistrationWindow | None:
        """The window of the ``window`` filter when the user may see it (one query, cached)."""
        if not hasattr(self, "_selected_window"):
            value = self.form.cleaned_data.get("window")
            self._selected_window = (
                windows_visible_to(self.user)
                .select_related("campaign")
                .filter(pk=int(value))
                .first()
                if value is not None
                else None
            )
        return self._selected_window

    def outside_scope(self) -> bool:
        """A window or a unit was named that the user may not see (after validation)."""
        window_named = self.form.cleaned_data.get("window") is not None
        return self.unit_outside_scope() or (window_named and self.selected_window is None)

    def filter_window(self, queryset: QuerySet, name: str, value) -> QuerySet:
        window = self.selected_window
        return queryset.none() if window is None else queryset.filter(registration__window=window)

    def filter_unit(self, queryset: QuerySet, name: str, value) -> QuerySet:
        top = self.selected_unit
        if top is None:
            return queryset.none()
        return queryset.filter(registration__unit__in=unit_subtree(unit=top))

    def filter_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        states = STATE_GROUPS.get(value, (value,))
        return queryset.filter(registration__status__in=states)


def _params(params: dict) -> dict:
    """``params`` with the overview's ``show`` read as ``state`` when no state is given."""
    show = params.get("show")
    if isinstance(show, list | tuple):
        show = show[-1] if show else None
    if show in SHOW_TO_STATE and not params.get("state"):
        params = {**params, "state": SHOW_TO_STATE[show]}
    return filter_params(params, FIELDS)


def line_filter(user, params: dict) -> RegistrationLineFilter:
    """The FilterSet bound to ``params``, over the lines of the registrations the user may
    see."""
    lines = RegistrationEntry.objects.filter(registration__in=registrations_visible_to(user))
    return RegistrationLineFilter(_params(params), queryset=lines, user=user)


def authorize(user, params: dict) -> dict:
    """The filters checked (invalid: ``ValidationError`` in Vietnamese; a window or a unit the
    user may not see: ``Http404``); returns them cleaned (``show`` turned into ``state``)."""
    lines = line_filter(user, params)
    validated(lines)
    if lines.outside_scope():
        raise Http404
    return _params(params)


def _rows(rows) -> Iterator[tuple]:
    for (
        number,
        year,
        campaign,
        cluster,
        unit,
        status,
        kind,
        collective,
        person,
        position,
        title,
        form,
        initiative,
        model,
    ) in rows:
        individual = kind == RegistrationEntry.Kind.INDIVIDUAL
        yield (
            number,
            year,
            campaign,
            cluster or "",
            unit,
            STATE_WORDS.get(status, status),
            KIND_WORDS.get(kind, kind),
            person if individual else collective,
            position if individual else "",
            title or form or "",
            initiative or model or "",
        )


def build_report(*, user, params: dict) -> Report:
    """The lines for ``params`` as a Report "DANH SÁCH ĐĂNG KÝ THI ĐUA [NĂM yyyy]" (the year
    filtered or the window's), one sheet "Đăng ký thi đua" with a total row. Raises what
    ``authorize`` raises."""
    lines = line_filter(user, params)
    validated(lines)
    if lines.outside_scope():
        raise Http404
    data = lines.form.cleaned_data
    window = lines.selected_window
    year = data.get("year") or (window.campaign.year if window else None)
    parts = []
    if window is not None:
        parts.append(f"Phong trào: {window.campaign.name}")
    if data.get("cluster") is not None:
        cluster = Cluster.objects.filter(pk=int(data["cluster"])).values_list("name", flat=True)
        parts.append(f"Cụm, khối: {cluster.first() or data['cluster']}")
    if lines.selected_unit is not None:
        parts.append(f"Đơn vị: {lines.selected_unit.name} (kể cả các đơn vị trực thuộc)")
    if data.get("state"):
        parts.append(f"Tình trạng: {GROUP_WORDS.get(data['state']) or STATE_WORDS[data['state']]}")
    queryset = lines.qs
    count = queryset.count()
    rows = streamed(queryset, _ROW_FIELDS)
    total = ["" for _column in COLUMNS]
    total[7] = f"Tổng cộng: {count}"
    return list_report(
        user=user,
        title=f"{TITLE} NĂM {year}" if year else TITLE,
        parts=parts,
        sheets=[
            Sheet(
                name="Đăng ký thi đua",
                columns=tuple(Column(*column) for column in COLUMNS),
                rows=lambda: _rows(rows()),
                count=count,
                total=tuple(total),
            )
        ],
    )


def title(params: dict) -> str:
    """ "Emulation registrations in 2020" in the user's language."""
    if params.get("year"):
        return gettext("Emulation registrations in %(year)s") % {"year": params["year"]}
    return gettext("Emulation registrations")


def filename(params: dict, fmt: str) -> str:
    """ "danh-sach-dang-ky-thi-dua-2020.xlsx" (the year when one is filtered)."""
    return f"{file_slug('danh sach dang ky thi dua', params.get('year'))}.{fmt}"


register(
    Exporter(
        kind="registrations",
        label=_("Emulation registration lines"),
        formats=TABULAR_FORMATS,
        authorize=authorize,
        title=title,
        filename=filename,
        render=report_renderer(build_report),
    )
)
