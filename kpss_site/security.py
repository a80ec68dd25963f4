"""Security headers around django-csp: the admin's policy, and Permissions-Policy.

The public site's policy allows no inline script or style at all. Wagtail 8's admin still
renders inline <script> elements (InlinePanel, date and time widgets, wagtail-localize's
translation editor) and inline style attributes, so under KPSS_CSP_ADMIN_PREFIXES the same
policy is loosened by exactly 'unsafe-inline' for scripts and styles, and the admin may frame
itself (the live preview panel); everything else stays as strict.
"""

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


def client_ip(request):
    """The visitor's address for lockouts and the audit trail. Behind KPSS_PROXY_COUNT proxies
    it is the entry the nearest proxy appended to X-Forwarded-For (nginx's
    $proxy_add_x_forwarded_for): entries further left come from the client and can be forged."""
    if request is None:
        return None
    if settings.KPSS_PROXY_COUNT:
        from ipware.ip import get_client_ip

        address, _routable = get_client_ip(
            request,
            proxy_order="right-most",
            proxy_count=settings.KPSS_PROXY_COUNT,
            request_header_order=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR") or None
