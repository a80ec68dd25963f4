"""Anonymous page cache with exact, tag-based invalidation.

While a public page renders, every page and record it reads is noted as a tag (``p:12``,
``o:kpss_pages.organisation:7``), and every listing it shows notes its source (``c:5`` for the
children of page 5, ``m:kpss_pages.targetgroup`` for a whole code list). Publishing, unpublishing,
moving or deleting a page, or saving a record, stamps the affected tags with the current time. A
cached response is served only while all its tags are older than the moment its rendering began,
so nothing it shows can have changed since; entries are never searched for or deleted. "Time" is
a counter in the cache itself, shared by all app servers, so their clocks do not matter.

The same stamps drive the front cache: the URLs stored under a tag are purged through
wagtail.contrib.frontend_cache when the tag is stamped (only if a front cache is configured).
"""

import contextvars
import hashlib
import time
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import translation
from django.utils.cache import patch_cache_control

from wagtail.models import Page

from kpss_pages.fragments import (  # noqa: F401 -- the tags and visibility, re-exported
    ALL,
    children_tag,
    is_restricted,
    model_tag,
    object_tag,
    page_tag,
    public,
    restricted_paths,
)

COUNTER = "kpss:clock"
# Front-cache purge lists are capped; beyond the cap, s-maxage bounds how long a URL may wait.
MAX_URLS_PER_TAG = 2000

_collector = contextvars.ContextVar("kpss_page_cache_collector", default=None)


def cache():
    return caches[settings.KPSS_PAGE_CACHE_ALIAS]


def enabled():
    """Whole responses; the fragments below are always cached (KPSS_PAGE_CACHE=false for
    measuring pages uncached)."""
    return settings.KPSS_PAGE_CACHE


def _tag_key(tag):
    return f"kpss:tag:{tag}"


def _urls_key(tag):
    return f"kpss:urls:{tag}"


# Collecting what a rendering depends on ---------------------------------------------------------


def _clock():
    """The current value of the shared counter. If it is missing (a new or flushed cache) it
    starts at the time in microseconds, above anything it can have counted before."""
    value = cache().get(COUNTER)
    if value is None:
        cache().add(COUNTER, int(time.time() * 1_000_000), timeout=None)
        value = cache().get(COUNTER)
    return value


def _tick():
    try:
        return cache().incr(COUNTER)
    except ValueError:  # missing
        _clock()
        return cache().incr(COUNTER)


class Collector:
    def __init__(self):
        self.started = _clock()
        self.tags = {ALL}


def depends_on(*tags):
    """Note that the response being rendered shows what these tags stand for."""
    collector = _collector.get()
    if collector is not None:
        collector.tags.update(tags)


@contextmanager
def collecting():
    """Collect the tags of everything read inside; nested collections add to the outer one."""
    outer = _collector.get()
    collector = Collector()
    token = _collector.set(collector)
    try:
        yield collector
    finally:
        _collector.reset(token)
        if outer is not None:
            outer.tags |= collector.tags


# A change to these changes what is public on every page.
SITE_WIDE_MODELS = {"wagtailcore.pageviewrestriction", "wagtailcore.site", "wagtailcore.locale"}


# Records shown on public pages: loading one while rendering makes it a dependency, saving or
# deleting one stamps it. (A page's inline rows change only when the page is published.)
WATCHED_MODELS = {
    "kpss_pages.organisation",
    "kpss_pages.municipality",
    "kpss_pages.servicekind",
    "kpss_pages.targetgroup",
    "kpss_pages.agecategory",
    "kpss_pages.formofprovision",
    "kpss_pages.workinggroupmember",
    "kpss_pages.sitesettings",
    "kpss_pages.measureservicelink",
    "wagtaildocs.document",
    "wagtailimages.image",
}


# Records that belong to a page it lists them on: saving or deleting one stamps that page too,
# so a new row reaches it (a service page and its measures' links).
RECORD_PAGES = {"kpss_pages.measureservicelink": "service_id"}


def is_watched(model):
    return model._meta.label_lower in WATCHED_MODELS


def note_instance(sender, instance, **kwargs):
    """post_init: a page or watched record loaded while rendering becomes a dependency."""
    collector = _collector.get()
    if collector is None:
        return
    if isinstance(instance, Page):
        if instance.pk is not None:
            collector.tags.add(page_tag(instance.pk))
    elif is_watched(sender):
        # A record created while rendering (get_or_create) has no key yet: any change to a
        # record of its kind counts.
        pk = instance.pk
        collector.tags.add(object_tag(sender, pk) if pk is not None else model_tag(sender))


# Stamping -----------------------------------------------------------------------------------------


def _stamp(tags):
    now = _tick()
    cache().set_many({_tag_key(tag): now for tag in tags}, timeout=None)


def invalidate(tags):
    """Stamp the tags now and again once the transaction commits.

    The first stamp makes the change visible at once to this process (and to tests, whose
    transactions never commit); the second catches a rendering that began after the first stamp
    but still read the data from before the commit.
    """
    tags = set(tags)
    if not tags:
        return
    _stamp(tags)

    def after_commit():
        _stamp(tags)
        purge_front_cache(tags)

    transaction.on_commit(after_commit)


def invalidate_pages(pages, *, with_descendants=False):
    """Stamp pages (and their translations, whose language links point at them), their parents'
    listings and their types."""
    tags = set()
    for page in pages:
        family = Page.objects.filter(translation_key=page.translation_key)
        if with_descendants:
            family = Page.objects.filter(pk__in=family.values("pk")) | Page.objects.filter(
                path__startswith=page.path
            )
        tags.update(page_tag(pk) for pk in family.values_list("pk", flat=True))
        tags.add(page_tag(page.pk))
        tags.update(parent_tags(page))
        tags.add(model_tag(page.specific_class or type(page)))
    invalidate(tags)


def parent_tags(page):
    parent_path = page.path[: -Page.steplen]
    if not parent_path:
        return set()
    parent_pk = Page.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    return {children_tag(parent_pk)} if parent_pk else set()


# Storing and serving ------------------------------------------------------------------------------


def request_key(request):
    # The URL decides the language (Czech without a prefix, /en/…), never a header or cookie.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    raw = f"{request.get_host()}|{request.get_full_path()}|{language}|{static_version()}"
    return "kpss:page:" + hashlib.sha256(raw.encode()).hexdigest()


def static_version():
    """A new deployment's static files (other hashed names) must not meet pages cached with
    the old ones: the manifest's hash is part of every key."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return getattr(staticfiles_storage, "manifest_hash", "")


def is_anonymous_request(request):
    """No session cookie means no signed-in user, without touching the session store."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _fresh(entry):
    tags = [_tag_key(tag) for tag in entry["tags"]]
    stamps = cache().get_many(tags)
    # A missing stamp (evicted, or never written) cannot prove the entry fresh.
    return len(stamps) == len(tags) and max(stamps.values()) <= entry["created"]


def _save(key, collector, entry, timeout):
    created = collector.started
    tags = _essential(collector.tags)
    keys = [_tag_key(tag) for tag in tags]
    stamps = cache().get_many(keys)
    for tag_key in keys:
        if tag_key not in stamps:
            # At this entry's start: older entries under the tag become stale, which is
            # right, since whatever stamped the tag before it was lost is unknown.
            cache().add(tag_key, created, timeout=None)
    cache().set(key, {**entry, "created": created, "tags": tags}, timeout=timeout)
    return tags


# More rows of one list than this and the entry depends on the whole list instead: every
# cache hit reads all its stamps, and a chapter names dozens of organisations.
MAX_ROWS_PER_LIST = 8


def _essential(tags):
    """A whole-list tag (m:label) covers the tags of that list's rows (o:label:pk); saving a
    row stamps both (signals.py), so the coarser tag is never staler."""
    rows = Counter(tag[2:].rsplit(":", 1)[0] for tag in tags if tag.startswith("o:"))
    whole = {tag[2:] for tag in tags if tag.startswith("m:")}
    whole |= {label for label, count in rows.items() if count > MAX_ROWS_PER_LIST}
    kept = {
        tag for tag in tags if not (tag.startswith("o:") and tag[2:].rsplit(":", 1)[0] in whole)
    }
    return sorted(kept | {f"m:{label}" for label in whole})


def lookup(request):
    entry = cache().get(request_key(request))
    return entry if entry is not None and _fresh(entry) else None


def store(request, response, collector):
    entry = {
        "status": response.status_code,
        "content": response.content,
        "headers": list(response.items()),
    }
    tags = _save(request_key(request), collector, entry, settings.KPSS_PAGE_CACHE_TIMEOUT)
    if settings.WAGTAILFRONTENDCACHE:
        remember_urls(tags, request.build_absolute_uri())


def fragment(key, build):
    """A value shared by many pages (navigation, footer), cached with the tags of what
    building it read; the page using it depends on the same tags."""
    key = f"kpss:fragment:{key}"
    entry = cache().get(key)
    if entry is not None and _fresh(entry):
        depends_on(*entry["tags"])
        return entry["value"]
    with collecting() as collector:
        value = build()
    _save(key, collector, {"value": value}, settings.KPSS_PAGE_CACHE_TIMEOUT)
    return value


def remember_urls(tags, url):
    keys = [_urls_key(tag) for tag in tags]
    current = cache().get_many(keys)
    updates = {}
    for key in keys:
        urls = current.get(key, [])
        if url not in urls:
            updates[key] = [*urls[-(MAX_URLS_PER_TAG - 1) :], url]
    if updates:
        cache().set_many(updates, timeout=settings.KPSS_PAGE_CACHE_TIMEOUT)


def purge_front_cache(tags):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    lists = cache().get_many([_urls_key(tag) for tag in tags])
    urls = sorted({url for urls in lists.values() for url in urls})
    if urls:
        purge_urls_from_cache(urls)
        cache().delete_many(list(lists))


def response_from(entry):
    from django.http import HttpResponse

    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def public_cache_control(response):
    # The URL alone decides the language, so Accept-Language (which LocaleMiddleware lists) is
    # dropped; so is Cookie: signed-in users get private, no-store pages and shared caches pass
    # them by on the session cookie (deploy/nginx-kpss.conf). A Vary also makes nginx keep
    # variants that its purge module cannot purge.
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    vary = [v for v in vary if v.lower() not in ("accept-language", "cookie")]
    if vary:
        response["Vary"] = ", ".join(vary)
    elif "Vary" in response:
        del response["Vary"]
    patch_cache_control(
        response,
        public=True,
        max_age=settings.KPSS_CACHE_MAX_AGE,
        s_maxage=settings.KPSS_CACHE_S_MAXAGE,
    )


class PageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache and stores what pages render.

    It sits before the session and locale middleware, so a hit touches neither. Only responses
    of Wagtail pages that marked themselves cacheable (see wagtail_hooks) are
    stored; search, forms, previews and the admin never are. Signed-in users are recognised by
    their session cookie and never get or fill the cache; their pages are private, no-store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_request(request):
            response = self.get_response(request)
            if getattr(request, "kpss_cacheable", False):
                patch_cache_control(response, private=True, no_store=True)
            return response
        if enabled():
            entry = lookup(request)
            if entry is not None:
                return response_from(entry)
        with collecting() as collector:
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if self._cacheable(request, response):
            public_cache_control(response)
            if enabled() and request.method == "GET":
                store(request, response, collector)
                response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _cacheable(request, response):
        if not getattr(request, "kpss_cacheable", False):
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "")
        return not any(word in control for word in ("private", "no-cache", "no-store"))
