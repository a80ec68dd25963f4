"""What a public rendering reads and which values many pages share, as the content says it.

Page models and template tags note what a rendering shows (``depends_on`` with a tag below),
share a value many pages show (``fragment``) and list only public pages (``public``). Nothing here
stores anything: the cache named by ``settings.KPSS_RENDER_CACHE`` (``caching.page_cache``,
wired in kpss_site) keeps fragments and whole responses and invalidates them exactly. Without one,
each fragment is built when asked and nothing is noted, so the content app knows no cache.
"""

import functools

from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string

from wagtail.models import Page

# Every rendering depends on this tag: view restrictions, sites and locales change what is
# public everywhere.
ALL = "all"


def page_tag(pk):
    return f"p:{pk}"


def children_tag(parent_pk):
    return f"c:{parent_pk}"


def model_tag(model):
    return f"m:{model._meta.label_lower}"


def object_tag(model, pk):
    return f"o:{model._meta.label_lower}:{pk}"


@functools.cache
def _cache():
    path = getattr(settings, "KPSS_RENDER_CACHE", "")
    return import_string(path) if path else None


def depends_on(*tags):
    """Note that the response being rendered shows what these tags stand for."""
    if _cache() is not None:
        _cache().depends_on(*tags)


def fragment(key, build):
    """A value shared by many pages (navigation, footer): `build()` unless the cache has it."""
    if _cache() is None:
        return build()
    return _cache().fragment(key, build)


def restricted_paths():
    """Tree paths of the private sections: restricted pages and aliases of them, which Wagtail
    restricts alike. Shared under ALL, which a change to a view restriction or a new alias
    stamps."""
    from wagtail.models import PageViewRestriction

    def build():
        restricted = PageViewRestriction.objects.values("page_id")
        pages = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of__in=restricted))
        return sorted(pages.values_list("path", flat=True))

    return fragment("restricted-paths", build)


def is_restricted(page):
    return any(page.path.startswith(path) for path in restricted_paths())


def public(pages):
    """``pages.public()`` without a query for the view restrictions on every call."""
    for path in restricted_paths():
        pages = pages.exclude(path__startswith=path)
    return pages
