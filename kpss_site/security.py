"""Security headers around django-csp: the admin's policy, and Permissions-Policy.

The public site's policy allows no inline script or style at all. Wagtail 8's admin still
renders inline <script> elements (InlinePanel, date and time widgets, wagtail-localize's
translation editor) and inline style attributes, so under KPSS_CSP_ADMIN_PREFIXES the same
policy is loosened by exactly 'unsafe-inline' for scripts and styles, and the admin may frame
itself (the live preview panel); everything else stays as strict.
"""

import ipaddress

from django.conf import settings

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware


class PolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(tuple(settings.KPSS_CSP_ADMIN_PREFIXES)):
            directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.replace = {
                **(parts.replace or {}),
                "script-src": [*directives["script-src"], UNSAFE_INLINE],
                "style-src": [*directives["style-src"], UNSAFE_INLINE],
                "frame-ancestors": [SELF],
            }
        elif getattr(request, "is_dummy", False):
            # Wagtail renders a preview as a dummy request through the whole middleware chain,
            # at the page's own path; the admin shows it in a frame.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class PermissionsPolicyMiddleware:
    """Django sets nosniff, Referrer-Policy and X-Frame-Options, but not Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.KPSS_PERMISSIONS_POLICY)
        return response


UNIX_SOCKET = "unix"


def _is_trusted_proxy(address):
    """Whether the hop that connected to us is one of KPSS_TRUSTED_PROXIES: an address, a
    network, or "unix" for a Unix socket (gunicorn then reports no address at all)."""
    if address == "":
        return UNIX_SOCKET in settings.KPSS_TRUSTED_PROXIES
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    ip = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 from a dual-stack socket
    return any(
        ip in ipaddress.ip_network(entry, strict=False)
        for entry in settings.KPSS_TRUSTED_PROXIES
        if entry != UNIX_SOCKET
    )


def client_ip(request):
    """The visitor's address for lockouts and the audit trail.

    X-Forwarded-For is believed only when the connection comes from a trusted proxy, and then
    only the entries trusted proxies appended, read from the right, at most KPSS_PROXY_COUNT of
    them (nginx's $proxy_add_x_forwarded_for). A client that reaches the app server directly,
    or entries further left, could claim any address.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    for _hop in range(settings.KPSS_PROXY_COUNT):
        if not forwarded or not _is_trusted_proxy(address):
            break
        candidate = forwarded.pop()
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            break  # a proxy passes on only addresses; anything else is not one
        address = candidate
    return address or None
