import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from kpss_pages import open_data
from kpss_pages.views import favicon, robots_txt
from search.views import search_view

urlpatterns = [
    # Before Wagtail's admin, whose catch-all would otherwise answer these paths.
    path("admin/dvoufazove-overeni/", include("accounts.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
    path("robots.txt", robots_txt),
    path("favicon.ico", favicon),
]

if settings.KPSS_SERVE_MEDIA:
    # Not django.conf.urls.static.static(), which serves nothing once DEBUG is off (the demo).
    urlpatterns.append(
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# Czech has no prefix (/), English lives under /en/.
urlpatterns += i18n_patterns(
    path("hledat/", search_view, name="search"),
    path("otevrena-data/sluzby.json", open_data.services_json, name="open_data_json"),
    path("otevrena-data/sluzby.csv", open_data.services_csv, name="open_data_csv"),
    path("", include("consultation.urls")),
    path("", include("monitoring.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
