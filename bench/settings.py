"""Production settings for the benchmark's gunicorn, plus the floor view's URL (bench/urls.py)."""

from pathlib import Path

from kpss_site.settings.production import *  # noqa: F403
from kpss_site.settings.production import BASE_DIR

ROOT_URLCONF = "bench.urls"
KPSS_BENCH_FLOOR_FILE = Path(BASE_DIR) / "var" / "bench" / "www" / "floor.html"
# Served over plain HTTP on 127.0.0.1, without a TLS proxy in front: no HTTPS redirect.
SECURE_SSL_REDIRECT = False
