"""Who may have the statutory forms of a council: its secretariat (a secretariat membership in
the council's unit or above) and superusers. The page and the exporters both ask here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from organizations.models import Council, Membership
from organizations.rules import is_secretariat_of
from organizations.selectors import units_visible_to

MIN_YEAR, MAX_YEAR = 2000, 2100


def councils_for_statutory(user) -> QuerySet[Council]:
    """The councils whose forms ``user`` may have: every council for a superuser, else the
    councils of the units under his secretariat memberships; by name."""
    councils = Council.objects.select_related("unit").order_by("name", "pk")
    if user.is_superuser and user.is_active:
        return councils
    return councils.filter(unit__in=units_visible_to(user, roles=(Membership.Role.SECRETARIAT,)))


def statutory_council(*, user, council_id) -> Council:
    """The council ``council_id`` if ``user`` may have its statutory forms.

    Raises ``Http404`` when there is no such council or the user cannot see its unit,
    ``PermissionDenied`` when he sees it but is not of its secretariat (nor a superuser).
    """
    try:
        pk = int(council_id)
    except (TypeError, ValueError):
        raise Http404 from None
    council = Council.objects.select_related("unit").filter(pk=pk).first()
    if council is None:
        raise Http404
    if user.is_superuser and user.is_active:
        return council
    if not units_visible_to(user).filter(pk=council.unit_id).exists():
        raise Http404
    if not is_secretariat_of(user, council):
        raise PermissionDenied
    return council


def clean_year(value) -> int:
    """The report year from a parameter; raises ``ValidationError`` (Vietnamese) unless it is
    a year between 2000 and 2100."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError("Năm báo cáo không hợp lệ.") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"Năm báo cáo phải từ {MIN_YEAR} đến {MAX_YEAR}.")
    return year


def default_year() -> int:
    """The year a form is asked for by default: the current one (the forms are due on 15
    December of the reporting year)."""
    return timezone.localdate().year
