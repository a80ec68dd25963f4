"""Protection of the public form without third parties: a limit of comments per address and
hour (the honeypot and the size limits are in the form)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

PER_HOUR = 10


def _key(request):
    address = import_string(settings.AXES_CLIENT_IP_CALLABLE)(request) or ""
    # The address itself is not kept, only a digest that expires with the hour.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"consultation-rate:{digest}"


def over_limit(request):
    """Whether this address already sent PER_HOUR comments in the last hour."""
    return cache.get(_key(request), 0) >= PER_HOUR


def count(request):
    key = _key(request)
    if cache.add(key, 1, 3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, 3600)
