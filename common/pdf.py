"""PDF documents rendered by WeasyPrint in the fonts shipped with the project.

Every printed document (plans, award histories, and later registrations, decisions and
certificates) is set in Liberation Serif 2 from ``static/fonts`` (SIL OFL 1.1, metric-compatible
with Times New Roman, covers Vietnamese), loaded by file URL under a family name no system font
has: output never depends on the machine's fonts, and nothing but the shipped files and the
stylesheets a caller names is ever fetched — no network access.

A process (a Celery worker, a web worker) that renders several documents pays for WeasyPrint's
font configuration, the shipped fonts and the stylesheets once per thread: they are kept in a
thread-local cache (``_Reused``) and reused by every later rendering in that thread.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string

if TYPE_CHECKING:  # weasyprint is heavy: imported only when a PDF is rendered
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

STATIC_DIR = Path(settings.BASE_DIR) / "static"
FONT_DIR = STATIC_DIR / "fonts"
# (weight, style) → shipped file.
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}
FONT_FACES_TEMPLATE = "common/pdf/_font_faces.html"


def font_faces() -> list[dict]:
    """The shipped fonts for a template's @font-face rules: ``[{url, weight, style}, …]``."""
    return [
        {"url": (FONT_DIR / name).as_uri(), "weight": weight, "style": style}
        for (weight, style), name in FONT_FILES.items()
    ]


def render_pdf(*, template: str, context: dict, stylesheets: Sequence[Path] = ()) -> bytes:
    """Render ``template`` with ``context`` (plus ``fonts``: ``font_faces()``) to PDF bytes.

    The shipped fonts' @font-face rules and ``stylesheets`` (CSS files, in cascade order) are
    applied to the document; the template need not link them. Both are parsed once per thread
    and reused while a file's modification time and size stay the same. The fonts and
    ``stylesheets`` are the only files the document may load (by file URL).

    Raises ``FileNotFoundError`` if a shipped font or a stylesheet is missing, ``OSError`` if one
    cannot be loaded or the document asks for anything else, and whatever WeasyPrint raises on a
    rendering failure.
    """
    import weasyprint  # heavy: loaded only when a PDF is rendered
    from weasyprint.urls import FatalURLFetchingError

    allowed = [*stylesheets, *(FONT_DIR / name for name in FONT_FILES.values())]
    for path in allowed:
        if not path.is_file():
            raise FileNotFoundError(path)
    fetcher = _fetcher_class()(frozenset(path.as_uri() for path in allowed))
    html = render_to_string(template, {**context, "fonts": font_faces()})
    document = weasyprint.HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher)
    reused = _reused()
    try:
        sheets = [reused.font_faces(fetcher), *(reused.stylesheet(p, fetcher) for p in stylesheets)]
        return document.write_pdf(font_config=reused.font_config, stylesheets=sheets)
    except FatalURLFetchingError as error:  # a BaseException: callers catch ordinary errors
        raise OSError(f"A resource of {template} cannot be loaded: {error}") from error


_font_configs = weakref.WeakSet()


def _font_configuration() -> FontConfiguration:
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    _font_configs.add(config)
    return config


@atexit.register
def _remove_font_folders() -> None:
    """Remove the folders where the font configurations kept the fonts, while the interpreter
    can still do it: WeasyPrint's own clean-up (``__del__``) fails when it runs at shutdown."""
    for config in list(_font_configs):
        if config._folder:
            shutil.rmtree(config._folder, ignore_errors=True)
            config._folder = None


@dataclass
class _Reused:
    """What one thread's renderings share: WeasyPrint's font configuration (Fontconfig and
    Pango state, with the shipped fonts registered by the first rendering) and the parsed
    stylesheets (``weasyprint.CSS``, parsed with that font configuration, as WeasyPrint
    requires). WeasyPrint's objects are never shared between threads.
    """

    font_config: FontConfiguration = field(default_factory=_font_configuration)
    font_face_sheet: CSS | None = None
    # path → ((modification time in ns, size in bytes), parsed stylesheet)
    sheets: dict[Path, tuple[tuple[int, int], CSS]] = field(default_factory=dict)

    def font_faces(self, fetcher: URLFetcher) -> CSS:
        """The shipped fonts' @font-face rules as a ``weasyprint.CSS``."""
        import weasyprint

        if self.font_face_sheet is None:
            css = render_to_string(FONT_FACES_TEMPLATE, {"fonts": font_faces()})
            self.font_face_sheet = weasyprint.CSS(
                string=css, url_fetcher=fetcher, font_config=self.font_config
            )
        return self.font_face_sheet

    def stylesheet(self, path: Path, fetcher: URLFetcher) -> CSS:
        """The CSS file at ``path`` as a ``weasyprint.CSS``, parsed again when it changed."""
        import weasyprint

        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
        if path not in self.sheets or self.sheets[path][0] != version:
            css = weasyprint.CSS(
                url=path.as_uri(), url_fetcher=fetcher, font_config=self.font_config
            )
            self.sheets[path] = (version, css)
        return self.sheets[path][1]


_local = threading.local()


def _reused() -> _Reused:
    if not hasattr(_local, "reused"):
        _local.reused = _Reused()
    return _local.reused


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
