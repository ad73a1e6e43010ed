"""Exports of the unit list and the people list (reports/registry.py), and what every list
export shares (the grants, registrations and dossiers lists use it too).

A list export takes the same parameters as its page's filter (the page's GET query without
``page``) and holds every row the page lists for that user, on all its pages. ``authorize``
checks them with the page's FilterSet: an invalid value is a ``ValidationError`` in Vietnamese,
a unit the user may not see a 404. Rows stream from ``values_list(...).iterator()``: a fixed
number of queries, constant memory, however long the list.

The words of the files (titles, headers, kinds) are document text, Vietnamese whatever the
interface language (reports/tabular.py).
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.decree30 import council_bodies, date_text, place_date_line, place_of
from common.text import search_key
from organizations.filters import PersonFilter, UnitFilter
from organizations.models import Membership, Person, Unit
from organizations.selectors import memberships_of, people_visible_to, units_visible_to
from reports.registry import TABULAR_FORMATS, Exporter, register
from reports.tabular import Column, Report, Sheet

CHUNK = 2000  # rows fetched per round trip while streaming

# --- What every list export shares -------------------------------------------------------------

# The order in which a user's memberships name the issuer of his lists.
_ROLE_ORDER = {
    Membership.Role.SECRETARIAT: 0,
    Membership.Role.ADMIN: 1,
    Membership.Role.COUNCIL_MEMBER: 2,
    Membership.Role.UNIT_OFFICER: 3,
}


def letterhead(user, *, today: datetime.date | None = None) -> tuple[str, str, str]:
    """(parent issuer, issuer, place-and-date line) of a list the user exports, in the Decree
    30/2020 layout: for a secretariat, admin or council member of a unit with a council, the
    council ("UBND THỊ XÃ SƠN TÂY" over "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"); for a unit officer,
    his unit ("UBND PHƯỜNG AN BÌNH", or "UBND PHƯỜNG AN BÌNH" over "TRƯỜNG TIỂU HỌC …" for a
    unit that is not an administrative one); nothing for a user without a membership. The
    date line is placed at that unit ("An Bình, ngày 05 tháng 01 năm 2021"), ``today`` by
    default. One query."""
    day = today or timezone.localdate()
    memberships = sorted(
        memberships_of(user=user), key=lambda m: (_ROLE_ORDER.get(m.role, 9), m.pk)
    )
    if not memberships:
        return "", "", place_date_line("", date_text(day))
    membership = memberships[0]
    unit = membership.unit
    council = getattr(unit, "council", None)
    if council is not None and membership.role != Membership.Role.UNIT_OFFICER:
        parent_issuer, issuer = council_bodies(council)
    elif unit.kind in Unit.ADMINISTRATIVE_KINDS:
        parent_issuer, issuer = "", f"UBND {unit.name}".upper()
    else:
        parent = unit.parent
        if parent is None:
            parent_issuer = ""
        elif parent.kind in Unit.ADMINISTRATIVE_KINDS:
            parent_issuer = f"UBND {parent.name}".upper()
        else:
            parent_issuer = parent.name.upper()
        issuer = unit.name.upper()
    place_unit = unit
    if unit.kind not in Unit.ADMINISTRATIVE_KINDS and unit.parent is not None:
        place_unit = unit.parent
    return parent_issuer, issuer, place_date_line(place_of(place_unit), date_text(day))


def filter_params(params: dict, fields: Iterable[str]) -> dict[str, str]:
    """The values of ``params`` (a dict of str, or of lists of str as ``QueryDict.lists()``
    gives) named in ``fields``, as stripped strings; empty ones and other names (``page``)
    dropped. JSON-able, and a FilterSet bound to it filters as the page did."""
    cleaned = {}
    for name in fields:
        value = params.get(name)
        if isinstance(value, list | tuple):
            value = value[-1] if value else None
        if value is None:
            continue
        value = str(value).strip()
        if value:
            cleaned[name] = value
    return cleaned


def validated(filterset) -> None:
    """Raise ``ValidationError`` (in Vietnamese, one message per field: "Năm: …") when the
    FilterSet's values are invalid."""
    with translation.override("vi"):
        if filterset.is_valid():
            return
        messages = []
        for name, errors in filterset.form.errors.items():
            field = filterset.form.fields.get(name)
            label = str(field.label) if field is not None and field.label else name
            messages.extend(f"{label}: {error}" for error in errors)
        raise ValidationError(messages)


def numbered(rows: Iterable[Sequence]) -> Iterator[tuple]:
    """Each row with its number (STT) in front, from 1."""
    for number, row in enumerate(rows, start=1):
        yield (number, *row)


def streamed(queryset: QuerySet, fields: Sequence[str]) -> Callable[[], Iterator[tuple]]:
    """A ``Sheet.rows`` callable: the numbered ``values_list`` rows of ``queryset``, fetched
    ``CHUNK`` at a time (a server-side cursor on PostgreSQL): constant memory."""

    def rows() -> Iterator[tuple]:
        return numbered(queryset.values_list(*fields).iterator(chunk_size=CHUNK))

    return rows


def file_slug(*words: object) -> str:
    """An ASCII file name stem: "danh-sach-khen-thuong-2020" from ("Danh sách khen thưởng",
    2020); None and "" words left out."""
    return slugify(search_key(" ".join(str(w) for w in words if w not in (None, ""))))


def report_renderer(build: Callable[..., Report]) -> Callable[..., None]:
    """An ``Exporter.render`` that writes the Report ``build(user=, params=)`` returns with the
    shared writers (``reports.writers.write_report``)."""

    def render(*, user, params: dict, fmt: str, out, progress) -> None:
        from reports.writers import write_report  # the writers load XlsxWriter and WeasyPrint

        write_report(build(user=user, params=params), fmt, out, progress)

    return render


def subtitle_of(parts: Iterable[str]) -> str:
    """The line under a list's title saying how it was filtered ("" when it was not)."""
    return "; ".join(part for part in parts if part)


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

    parent_issuer, issuer, place_date = letterhead(user)
    count = units.count()
    return Report(
        title=UNITS_TITLE,
        subtitle=subtitle_of(parts),
        parent_issuer=parent_issuer,
        issuer=issuer,
        place_date=place_date,
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

    parent_issuer, issuer, place_date = letterhead(user)
    count = queryset.count()
    return Report(
        title=PEOPLE_TITLE,
        subtitle=subtitle_of(parts),
        parent_issuer=parent_issuer,
        issuer=issuer,
        place_date=place_date,
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
