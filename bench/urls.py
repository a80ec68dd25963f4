"""The site's URLs plus the benchmark's floor: a bare Django view returning a fixed page."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from kpss_site.urls import urlpatterns as site_urlpatterns

FLOOR_HTML = settings.KPSS_BENCH_FLOOR_FILE.read_bytes()


def floor(request):
    return HttpResponse(FLOOR_HTML)


urlpatterns = [path("_bench/floor/", floor), *site_urlpatterns]
