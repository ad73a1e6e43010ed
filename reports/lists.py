"""What every list export shares (the lists of grants, people, units, registration lines and
dossiers; reports/registry.py).

A list export takes the same parameters as its page's filter (the page's GET query without
``page``) and holds every row the page lists for that user, on all its pages. ``authorize``
checks them with the page's FilterSet (``filter_params``, ``validated``): an invalid value is a
``ValidationError`` in Vietnamese. Rows stream from ``values_list(...).iterator()``
(``streamed``): a fixed number of queries, constant memory, however long the list. The
document's header names the user's council or unit (``letterhead``, Decree 30/2020).

The words of the files (titles, headers, kinds) are document text, Vietnamese whatever the
interface language (reports/tabular.py).
"""

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify

from common.decree30 import council_bodies, date_text, place_date_line, place_of
from common.text import search_key
from organizations.models import Membership, Unit
from organizations.selectors import memberships_of
from reports.tabular import Report, Sheet

CHUNK = 2000  # rows fetched per round trip while streaming

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


def list_report(*, user, title: str, parts: Iterable[str], sheets: list[Sheet]) -> Report:
    """A list as a ``Report``: ``title``, the filters in the subtitle (``parts``, empty ones
    left out), the user's letterhead (``letterhead``: one query) and ``sheets``."""
    parent_issuer, issuer, place_date = letterhead(user)
    return Report(
        title=title,
        subtitle=subtitle_of(parts),
        parent_issuer=parent_issuer,
        issuer=issuer,
        place_date=place_date,
        sheets=sheets,
    )
