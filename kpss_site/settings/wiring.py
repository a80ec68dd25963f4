"""Where a lower app needs a higher one, it asks through one of these settings; only kpss_site
knows every app (docs/architecture.md). Wagtail's own form bases are wired the same way in
base.py (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE), as is the client address
the audit trail shares with the sign-in lockout (AXES_CLIENT_IP_CALLABLE)."""

# The content notes what a rendering reads through kpss_pages.fragments; the anonymous page cache
# with exact invalidation (caching/page_cache.py) keeps it.
KPSS_RENDER_CACHE = "caching.page_cache"
# Who may do what with a page: the route's rules (kpss_pages/models/base.py asks).
KPSS_PAGE_PERMISSION_TESTER = "workflows.permissions.KpssPagePermissionTester"
# The plan's public archive of approved versions (kpss_pages/models/archive.py) asks the route.
KPSS_PUBLIC_ARCHIVE = "workflows.archive"
# The catalogue's text filter (kpss_pages/catalogue.py) finds what the site search finds.
KPSS_TEXT_SEARCH = "search.query.pages_containing"
# Annexes of the plan's PDF (kpss_pages/plan_pdf.py): the settlements of its consultations.
KPSS_PLAN_ANNEXES = ["consultation.annex.plan_annexes"]
# Lines under each measure of a chapter page (kpss_pages/models/plan.py): the monitoring's
# "Plnění 2026: splněno" with a link to the approved evaluation.
KPSS_MEASURE_NOTES = "monitoring.public.measure_notes"
