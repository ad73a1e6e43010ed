"""The export of the list of award grants (reports/registry.py, kind "grants").

It takes the filters of the list page (awards/views/grants.py, ``GrantFilter``) and holds
every grant the page lists for that user, on all its pages, in its order: a first sheet with
one row per grant (streamed: ``values_list`` in chunks of 2,000, constant memory for 100,000
grants) and a second sheet counting them per title or form. Document words in Vietnamese.
"""

from collections.abc import Iterator

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.filters import GrantFilter
from awards.grants import grants_visible_to
from awards.models import AwardGrant
from reports.lists import (
    file_slug,
    filter_params,
    list_report,
    streamed,
    validated,
)
from reports.registry import CSV, TABULAR_FORMATS, Exporter, register
from reports.tabular import Column, Report, Sheet

TITLE = "DANH SÁCH KHEN THƯỞNG"
FIELDS = ("q", "year", "award", "kind", "achievement", "decision", "revoked", "unit")

KIND_WORDS = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}
ACHIEVEMENT_WORDS = {
    AwardGrant.Achievement.MERIT: "Theo công trạng, thành tích",
    AwardGrant.Achievement.SUDDEN: "Đột xuất",
    AwardGrant.Achievement.THEMATIC: "Theo chuyên đề",
    AwardGrant.Achievement.CONTRIBUTION: "Quá trình cống hiến",
}
REVOKED_WORD = "Đã thu hồi"

GRANT_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Năm", 7, "center"),
    Column("Tên tập thể / cá nhân", 30),
    Column("Đối tượng", 12),
    Column("Đơn vị", 28),
    Column("Danh hiệu / hình thức khen thưởng", 30),
    Column("Loại thành tích", 18),
    Column("Số quyết định", 16),
    Column("Ngày quyết định", 12, "center"),
    Column("Cấp quyết định", 24),
    Column("Thu hồi", 10, "center"),
    Column("Ngày thu hồi", 12, "center"),
)
SUMMARY_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Danh hiệu / hình thức khen thưởng", 40),
    Column("Cá nhân", 10, "right"),
    Column("Tập thể", 10, "right"),
    Column("Hộ gia đình", 12, "right"),
    Column("Tổng số", 10, "right"),
    Column("Trong đó đã thu hồi", 14, "right"),
)

# The columns a grant row is read from: one query, whatever the number of rows.
ROW_FIELDS = (
    "year",
    "person__full_name",
    "unit__name",
    "household__name",
    "person__unit__name",
    "unit__parent__name",
    "household__unit__name",
    "award_name",
    "achievement",
    "decision__number",
    "decision__date",
    "decision__authority",
    "revoked",
    "revoked_on",
)


def grant_filter(user, params: dict) -> GrantFilter:
    """The list page's FilterSet bound to ``params``, over the grants the user may see."""
    return GrantFilter(filter_params(params, FIELDS), queryset=grants_visible_to(user), user=user)


def authorize(user, params: dict) -> dict:
    """The list's filters checked (invalid: ``ValidationError`` in Vietnamese; a unit the user
    may not see: ``Http404``); returns them as the page's query has them, without ``page``."""
    grants = grant_filter(user, params)
    validated(grants)
    if grants.unit_outside_scope():
        raise Http404
    return filter_params(params, FIELDS)


def row_queryset(grants: GrantFilter) -> QuerySet[AwardGrant]:
    """The filtered grants in the list's order with ``award_name`` (the title's or the form's
    Vietnamese name) annotated: ``.values_list(*ROW_FIELDS)`` gives the raw rows of the sheet
    (benchmarks/exports.py copies the same query with PostgreSQL's COPY)."""
    return grants.qs.annotate(award_name=Coalesce(F("title__name_vi"), F("form__name_vi")))


def _grant_rows(rows) -> Iterator[tuple]:
    """The sheet's cells from the ``ROW_FIELDS`` values (numbered); empty cells are None,
    which every writer passes over fastest."""
    individual, collective_word, household_word = (
        KIND_WORDS["individual"],
        KIND_WORDS["collective"],
        KIND_WORDS["household"],
    )
    achievements = ACHIEVEMENT_WORDS
    for (
        number,
        year,
        person,
        collective,
        household,
        person_unit,
        collective_parent,
        household_unit,
        award,
        achievement,
        decision_number,
        decision_date,
        authority,
        revoked,
        revoked_on,
    ) in rows:
        if person is not None:
            recipient, kind, unit = person, individual, person_unit
        elif collective is not None:
            recipient, kind, unit = collective, collective_word, collective_parent
        else:
            recipient, kind, unit = household, household_word, household_unit
        yield (
            number,
            year,
            recipient,
            kind,
            unit,
            award,
            achievements.get(achievement, achievement),
            decision_number,
            decision_date,
            authority,
            REVOKED_WORD if revoked else None,
            revoked_on,
        )


def _subtitle_parts(grants: GrantFilter) -> list[str]:
    data = grants.form.cleaned_data
    parts = []
    if data.get("award"):
        names = dict(grants.filters["award"].extra["choices"])
        parts.append(f"Danh hiệu, hình thức: {names.get(data['award'], data['award'])}")
    if data.get("kind"):
        parts.append(f"Đối tượng: {KIND_WORDS[data['kind']]}")
    if data.get("achievement"):
        parts.append(f"Loại thành tích: {ACHIEVEMENT_WORDS[data['achievement']]}")
    if grants.selected_unit is not None:
        parts.append(f"Đơn vị: {grants.selected_unit.name} (kể cả các đơn vị trực thuộc)")
    if data.get("decision"):
        parts.append(f"Số quyết định có chứa: {data['decision']}")
    if data.get("revoked") is not None:
        parts.append(REVOKED_WORD if data["revoked"] else "Chưa bị thu hồi")
    if data.get("q"):
        parts.append(f"Tên có chứa: {data['q']}")
    return parts


def _summary_rows(grants) -> list[tuple]:
    """Grants per title or form, individuals, collectives and households apart: one query."""
    counted = (
        grants.order_by()
        .annotate(name=Coalesce(F("title__name_vi"), F("form__name_vi")))
        .values("name", "title__order", "form__order", "title_id")
        .annotate(
            individuals=Count("pk", filter=Q(person__isnull=False)),
            collectives=Count("pk", filter=Q(unit__isnull=False)),
            households=Count("pk", filter=Q(household__isnull=False)),
            total=Count("pk"),
            revoked_count=Count("pk", filter=Q(revoked=True)),
        )
    )
    ordered = sorted(
        counted,
        key=lambda row: (
            row["title_id"] is None,
            row["title__order"] if row["title_id"] is not None else row["form__order"],
            row["name"],
        ),
    )
    return [
        (
            number,
            row["name"],
            row["individuals"],
            row["collectives"],
            row["households"],
            row["total"],
            row["revoked_count"],
        )
        for number, row in enumerate(ordered, start=1)
    ]


def build_report(*, user, params: dict, summary: bool = True) -> Report:
    """The grants the list page shows for ``params`` (every page, in its order) as a Report:
    "DANH SÁCH KHEN THƯỞNG [NĂM yyyy]", the filters in the subtitle, the sheet "Khen thưởng"
    (STT, year, recipient, recipient kind, unit, title or form, achievement, decision number,
    date and authority, revoked and when; a total row with the number of grants and of the
    revoked ones) and, with ``summary``, the sheet "Tổng hợp" (grants per title or form).
    Raises what ``authorize`` raises. Five queries before the rows, one for the rows."""
    grants = grant_filter(user, params)
    validated(grants)
    if grants.unit_outside_scope():
        raise Http404
    year = grants.form.cleaned_data.get("year")
    queryset = row_queryset(grants)
    per_award = _summary_rows(grants.qs)
    count = sum(row[5] for row in per_award)
    revoked = sum(row[6] for row in per_award)
    rows = streamed(queryset, ROW_FIELDS)
    blank = [""] * len(GRANT_COLUMNS)
    total = [*blank]
    total[2], total[10] = f"Tổng cộng: {count}", revoked
    summary_total = ("", "Tổng cộng", *(sum(row[i] for row in per_award) for i in range(2, 7)))
    return list_report(
        user=user,
        title=f"{TITLE} NĂM {year}" if year else TITLE,
        parts=_subtitle_parts(grants),
        sheets=[
            Sheet(
                name="Khen thưởng",
                columns=GRANT_COLUMNS,
                rows=lambda: _grant_rows(rows()),
                count=count,
                total=tuple(total),
            ),
            *(
                [
                    Sheet(
                        name="Tổng hợp",
                        columns=SUMMARY_COLUMNS,
                        rows=lambda: iter(per_award),
                        count=len(per_award),
                        heading="TỔNG HỢP THEO DANH HIỆU, HÌNH THỨC KHEN THƯỞNG",
                        total=summary_total,
                    )
                ]
                if summary
                else []
            ),
        ],
    )


def title(params: dict) -> str:
    """ "List of award grants in 2020" in the user's language."""
    year = params.get("year")
    if year:
        return gettext("List of award grants in %(year)s") % {"year": year}
    return gettext("List of award grants")


def filename(params: dict, fmt: str) -> str:
    """ "danh-sach-khen-thuong-2020.xlsx"."""
    return f"{file_slug('danh sach khen thuong', params.get('year'))}.{fmt}"


def render(*, user, params: dict, fmt: str, out, progress) -> None:
    """Write the list in ``fmt``; a CSV file holds the grants alone (one table a program can
    read), the workbook and the PDF add the sheet per title or form."""
    from reports.writers import write_report  # loads XlsxWriter or WeasyPrint when writing

    report = build_report(user=user, params=params, summary=fmt != CSV)
    write_report(report, fmt, out, progress)


register(
    Exporter(
        kind="grants",
        label=_("List of award grants"),
        formats=TABULAR_FORMATS,
        authorize=authorize,
        title=title,
        filename=filename,
        render=render,
    )
)
