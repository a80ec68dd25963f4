"""Public views that are not pages: robots.txt and the favicon."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static


def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /hledat/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):
    # Resolved per request: the hashed name exists only once static files are collected.
    return HttpResponsePermanentRedirect(static("img/favicon.png"))
