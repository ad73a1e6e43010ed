"""A user's pages, rendered once and shown again until the data they show changes.

The pages read most often (the officer's dashboard, the secretariat's dossier queue and a
dossier's appraisal page, the annual summary) cost tens of milliseconds of queries and template
rendering on a province's data, and the same user opens the same page again and again. So
``cached_page`` keeps what a page's template renders in its ``title`` and ``content`` blocks in
Django's cache, under a key made of:

- the data version (common/data_version.py): any write the page could show makes it unreachable;
- the user, the language, today's date (what is late or due changes with it) and the request's
  path with its query string.

What stays fresh on every request is the layout around those blocks (``base.html``: the menu,
the messages, the scripts with their CSP nonce) and each form's CSRF token: the blocks are
rendered with a placeholder token, replaced by the request's own when shown.

The permission checks are the page's context function's, run on a miss: a hit is the page the
same user was shown for the same request and the same data, so it needs none. An answer other
than the page (a 404, a 403, a refused filter) is never cached.

Entries expire after ``settings.TDKT_PAGE_CACHE_SECONDS``; 0 turns the cache off. It is off by
default without a shared cache (``REDIS_URL``): each process's memory would not see another
process's writes.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import Context
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.test.signals import template_rendered
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from common.data_version import data_version

SHELL = "common/cached_page.html"
BLOCKS = ("title", "content")
CSRF_PLACEHOLDER = "tdkt-csrf-placeholder-8d1f3c"


def page_key(request: HttpRequest, name: str) -> str:
    """The cache key of ``request``'s page ``name`` (a template name) for its user now."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    parts = (
        data_version(),
        name,
        request.user.pk,
        translation.get_language(),
        timezone.localdate().isoformat(),
        path,
    )
    return "page:" + ":".join(str(part) for part in parts)


def render_blocks(template_name: str, context: dict) -> dict[str, str]:
    """The ``title`` and ``content`` blocks of ``template_name`` (a template that extends
    ``base.html``) rendered with ``context`` alone: no context processor runs, and
    ``{% csrf_token %}`` writes ``CSRF_PLACEHOLDER``. Returns ``{block name: HTML}``. Sends
    ``template_rendered`` like any rendered template, so the test client sees the context."""
    template = get_template(template_name).template
    blocks = {node.name: node for node in template.nodelist.get_nodes_by_type(BlockNode)}
    bound = Context({**context, "csrf_token": CSRF_PLACEHOLDER})
    template_rendered.send(sender=template, template=template, context=bound)
    found = {}
    with bound.bind_template(template):
        for name in BLOCKS:
            node = blocks.get(name)
            found[name] = node.render(bound) if node is not None else ""
    return found


def cached_page(
    request: HttpRequest, template_name: str, *, context: Callable[[], dict | HttpResponse]
) -> HttpResponse:
    """The page ``template_name`` for ``request``: its blocks from the cache, or rendered with
    what ``context()`` returns and kept (module docstring). ``context()`` does the page's
    permission checks (raising ``Http404`` or ``PermissionDenied`` as the view would) and returns
    the template's context, or a response to send as it is, uncached (a refused filter). The
    template may use ``request``, ``user`` and ``LANGUAGE_CODE`` besides what ``context()`` gives,
    and no context processor's other variables."""
    seconds = settings.TDKT_PAGE_CACHE_SECONDS
    key = page_key(request, template_name) if seconds else ""
    blocks = cache.get(key) if seconds else None
    if blocks is None:
        found = context()
        if isinstance(found, HttpResponse):
            return found
        values = {
            "request": request,
            "user": request.user,
            "LANGUAGE_CODE": translation.get_language(),
            **found,
        }
        blocks = render_blocks(template_name, values)
        if seconds:
            cache.set(key, blocks, timeout=seconds)
    token = get_token(request)
    shown = {
        name: mark_safe(html.replace(CSRF_PLACEHOLDER, token))  # noqa: S308
        for name, html in blocks.items()
    }
    return render(
        request, SHELL, {"cached_title": shown["title"], "cached_content": shown["content"]}
    )
