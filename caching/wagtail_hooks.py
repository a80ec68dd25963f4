from wagtail import hooks

from caching import page_cache


@hooks.register("on_serve_page")
def serve_through_page_cache(next_serve_page):
    """Marks a page's response as one the page cache may keep (see caching/page_cache.py);
    a page type opts out with ``cache_public = False``."""

    def inner(page, request, args, kwargs):
        request.kpss_cacheable = getattr(page, "cache_public", True)
        page_cache.depends_on(page_cache.page_tag(page.pk))
        return next_serve_page(page, request, args, kwargs)

    return inner
