"""What paginated list pages share."""

from django.http import HttpRequest


def query_without(request: HttpRequest, *names: str) -> str:
    """The page's query string without the parameters ``names``, for links that set them
    again (the page number, a status tab)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
