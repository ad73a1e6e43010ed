"""Exports of the unit list and the people list (reports/registry.py, reports/lists.py)."""

from collections.abc import Iterator

from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organizations.filters import PersonFilter, UnitFilter
from organizations.models import Person, Unit
from organizations.selectors import people_visible_to, units_visible_to
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


def visible_unit(user, value) -> Unit:
    """The unit ``value`` (an id) if the user may see it; ``Http404`` otherwise."""
    unit = units_visible_to(user).filter(pk=int(value)).first() if value is not None else None
    if unit is None:
        raise Http404
    return unit


# --- Units ---------------------------------------------------------------------------------------

UNIT_KIND_WORDS = {
    Unit.Kind.PROVINCE: "Tỉnh, thành phố",
    Unit.Kind.COMMUNE: "Xã",
    Unit.Kind.WARD: "Phường",
    Unit.Kind.SPECIAL_ZONE: "Đặc khu",
    Unit.Kind.DISTRICT: "Cấp huyện (trước 01/07/2025)",
    Unit.Kind.DEPARTMENT: "Phòng, ban, sở",
    Unit.Kind.AGENCY: "Cơ quan",
    Unit.Kind.SCHOOL: "Trường học",
    Unit.Kind.ENTERPRISE: "Doanh nghiệp",
    Unit.Kind.RESIDENTIAL_GROUP: "Tổ dân phố, thôn, xóm",
    Unit.Kind.ASSOCIATION: "Hội, đoàn thể",
}
UNITS_TITLE = "DANH SÁCH ĐƠN VỊ"
UNIT_FIELDS = ("q", "kind", "under", "active")
UNIT_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Tên đơn vị", 40),
    Column("Loại đơn vị", 24),
    Column("Mã hành chính", 12, "center"),
    Column("Đơn vị cấp trên", 32),
    Column("Ngày thành lập", 14, "center"),
    Column("Ngày giải thể", 14, "center"),
)


def _unit_filter(user, params: dict) -> UnitFilter:
    visible = units_visible_to(user).select_related("parent")
    return UnitFilter(filter_params(params, UNIT_FIELDS), queryset=visible)


def units_authorize(user, params: dict) -> dict:
    """The unit list's filters (``q``, ``kind``, ``under``, ``active``) checked: a unit named
    in ``under`` that the user may not see is a 404."""
    unit_filter = _unit_filter(user, params)
    validated(unit_filter)
    if unit_filter.form.cleaned_data.get("under") is not None:
        visible_unit(user, unit_filter.form.cleaned_data["under"])
    return filter_params(params, UNIT_FIELDS)


def units_report(*, user, params: dict) -> Report:
    """The units the list page shows for ``params``, every page, in its order (by name)."""
    unit_filter = _unit_filter(user, params)
    validated(unit_filter)
    data = unit_filter.form.cleaned_data
    units = unit_filter.qs
    parts = []
    if data.get("under") is not None:
        parts.append(f"Trực thuộc: {visible_unit(user, data['under']).name}")
    if data.get("kind"):
        parts.append(f"Loại đơn vị: {UNIT_KIND_WORDS.get(data['kind'], data['kind'])}")
    if data.get("active") is not None:
        parts.append("Đang hoạt động" if data["active"] else "Đã giải thể")
    if data.get("q"):
        parts.append(f"Tên có chứa: {data['q']}")
    fields = ("name", "kind", "code", "parent__name", "established_on", "dissolved_on")

    def rows() -> Iterator[tuple]:
        for number, name, kind, code, parent, established, dissolved in streamed(units, fields)():
            yield (
                number,
                name,
                UNIT_KIND_WORDS.get(kind, kind),
                code,
                parent,
                established,
                dissolved,
            )

    count = units.count()
    return list_report(
        user=user,
        title=UNITS_TITLE,
        parts=parts,
        sheets=[
            Sheet(
                name="Đơn vị",
                columns=UNIT_COLUMNS,
                rows=rows,
                count=count,
                total=("", f"Tổng cộng: {count} đơn vị", "", "", "", "", ""),
            )
        ],
    )


register(
    Exporter(
        kind="units",
        label=_("List of units"),
        formats=TABULAR_FORMATS,
        authorize=units_authorize,
        title=lambda params: gettext("List of units"),
        filename=lambda params, fmt: f"{file_slug('danh sach don vi')}.{fmt}",
        render=report_renderer(units_report),
    )
)


# --- People --------------------------------------------------------------------------------------

PEOPLE_TITLE = "DANH SÁCH CÁ NHÂN"
GENDER_WORDS = {Person.Gender.FEMALE: "Nữ", Person.Gender.MALE: "Nam"}
PERSON_FIELDS = ("q", "birth_year", "gender", "position", "unit")
PERSON_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Họ và tên", 30),
    Column("Năm sinh", 10, "center"),
    Column("Giới tính", 10, "center"),
    Column("Chức vụ", 28),
    Column("Đơn vị", 32),
    Column("Đơn vị cấp trên", 32),
)


def person_filter(user, params: dict) -> PersonFilter:
    """The people list's FilterSet bound to ``params``, over the people the user may see."""
    return PersonFilter(
        filter_params(params, PERSON_FIELDS), queryset=people_visible_to(user), user=user
    )


def people_authorize(user, params: dict) -> dict:
    """The people list's filters (``q``, ``birth_year``, ``gender``, ``position``, ``unit``)
    checked: a unit the user may not see is a 404."""
    people = person_filter(user, params)
    validated(people)
    if people.unit_outside_scope():
        raise Http404
    return filter_params(params, PERSON_FIELDS)


def people_report(*, user, params: dict) -> Report:
    """The people the list page shows for ``params``, every page, by name."""
    people = person_filter(user, params)
    validated(people)
    data = people.form.cleaned_data
    parts = []
    if people.selected_unit is not None:
        parts.append(f"Đơn vị: {people.selected_unit.name} (kể cả các đơn vị trực thuộc)")
    if data.get("gender"):
        parts.append(f"Giới tính: {GENDER_WORDS.get(data['gender'], data['gender'])}")
    if data.get("birth_year") is not None:
        parts.append(f"Năm sinh: {data['birth_year']}")
    if data.get("position"):
        parts.append(f"Chức vụ có chứa: {data['position']}")
    if data.get("q"):
        parts.append(f"Tên có chứa: {data['q']}")
    queryset = people.qs
    fields = ("full_name", "birth_year", "gender", "position", "unit__name", "unit__parent__name")

    def rows() -> Iterator[tuple]:
        for number, name, born, gender, position, unit, parent in streamed(queryset, fields)():
            yield (number, name, born, GENDER_WORDS.get(gender, ""), position, unit, parent)

    count = queryset.count()
    return list_report(
        user=user,
        title=PEOPLE_TITLE,
        parts=parts,
        sheets=[
            Sheet(
                name="Cá nhân",
                columns=PERSON_COLUMNS,
                rows=rows,
                count=count,
                total=("", f"Tổng cộng: {count} người", "", "", "", "", ""),
            )
        ],
    )


register(
    Exporter(
        kind="people",
        label=_("List of people"),
        formats=TABULAR_FORMATS,
        authorize=people_authorize,
        title=lambda params: gettext("List of people"),
        filename=lambda params, fmt: f"{file_slug('danh sach ca nhan')}.{fmt}",
        render=report_renderer(people_report),
    )
)
