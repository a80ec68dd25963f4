"""Production settings for the benchmarks' gunicorn, plus the floor view's URL (bench/urls.py)."""

from pathlib import Path

from kpss_site.settings.production import *  # noqa: F403
from kpss_site.settings.production import BASE_DIR, DATABASES, env

# bench/faults.py serves the site alone: it has no floor page.
ROOT_URLCONF = "bench.urls" if env.bool("KPSS_BENCH_FLOOR", default=True) else "kpss_site.urls"
KPSS_BENCH_FLOOR_FILE = Path(BASE_DIR) / "var" / "bench" / "www" / "floor.html"
# Served over plain HTTP on 127.0.0.1, without a TLS proxy in front: no HTTPS redirect.
SECURE_SSL_REDIRECT = False
# bench/faults.py measures recovery from a database restart with and without checking a
# persistent connection before a request reuses it; unset, the site's own setting applies.
if "CONN_HEALTH_CHECKS" in env.ENVIRON:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS")
