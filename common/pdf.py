"""PDF documents rendered by WeasyPrint in the fonts shipped with the project.

Every printed document (plans, award histories, and later registrations, decisions and
certificates) is set in Liberation Serif 2 from ``static/fonts`` (SIL OFL 1.1, metric-compatible
with Times New Roman, covers Vietnamese), loaded by file URL under a family name no system font
has: output never depends on the machine's fonts, and nothing but the shipped files and the
stylesheets a caller names is ever fetched — no network access.
"""

import functools
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

STATIC_DIR = Path(settings.BASE_DIR) / "static"
FONT_DIR = STATIC_DIR / "fonts"
# (weight, style) → shipped file.
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}


def font_faces() -> list[dict]:
    """The shipped fonts for a template's @font-face rules: ``[{url, weight, style}, …]``."""
    return [
        {"url": (FONT_DIR / name).as_uri(), "weight": weight, "style": style}
        for (weight, style), name in FONT_FILES.items()
    ]


def render_pdf(*, template: str, context: dict, stylesheets: Sequence[Path] = ()) -> bytes:
    """Render ``template`` with ``context`` (plus ``fonts``: ``font_faces()``) to PDF bytes.

    ``stylesheets`` are the only files besides the fonts the document may load (by file URL).
    Raises ``FileNotFoundError`` if a shipped font or a stylesheet is missing, ``OSError`` if one
    cannot be loaded or the document asks for anything else, and whatever WeasyPrint raises on a
    rendering failure.
    """
    import weasyprint  # heavy: loaded only when a PDF is rendered
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    allowed = [*stylesheets, *(FONT_DIR / name for name in FONT_FILES.values())]
    for path in allowed:
        if not path.is_file():
            raise FileNotFoundError(path)
    html = render_to_string(template, {**context, "fonts": font_faces()})
    fetcher = _fetcher_class()(frozenset(path.as_uri() for path in allowed))
    document = weasyprint.HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    try:
        return document.write_pdf(font_config=FontConfiguration())
    except FatalURLFetchingError as error:  # a BaseException: callers catch ordinary errors
        raise OSError(f"A resource of {template} cannot be loaded: {error}") from error


@functools.cache
def _fetcher_class() -> type:
    """The URL fetcher class (built on first use, as weasyprint is imported lazily)."""
    from weasyprint.urls import URLFetcher

    class ShippedFilesOnly(URLFetcher):
        """Fetches the allowed files from disk; any other URL stops the rendering
        (``fail_on_errors``) instead of being skipped with a logged warning."""

        def __init__(self, allowed: frozenset[str]):
            super().__init__(allowed_protocols={"file"}, fail_on_errors=True)
            self.allowed = allowed

        def fetch(self, url, headers=None):
            if url not in self.allowed:
                raise ValueError(f"Resource not allowed in a PDF: {url}")
            return super().fetch(url, headers)

    return ShippedFilesOnly
