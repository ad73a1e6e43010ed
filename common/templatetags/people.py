"""Template filters for showing people."""

from django import template

register = template.Library()


@register.filter
def vietnamese_name(user) -> str:
    """A user's name in Vietnamese order, family name first ("Trần Thị Lan"); else the username."""
    full = f"{user.last_name} {user.first_name}".strip()
    return full or user.get_username()
