"""The approved evaluation as a tagged PDF (kpss_pages.pdf), generated once per published
version and served from storage afterwards."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kpss_pages import pdf
from monitoring.public import evaluation_context

DIRECTORY = "vyhodnoceni-pdf"


def render_evaluation(page, request):
    context = evaluation_context(page, request)
    return pdf.render_pdf(
        "monitoring/evaluation_pdf.html",
        {**context, "page": page, "page_url": request.build_absolute_uri(page.get_url(request))},
        language=page.locale.language_code,
        title=page.title,
        request=request,
    )


def evaluation_pdf(page, request):
    """The storage name of the PDF of the page's published version."""
    version = f"{page.pk}:{page.live_revision_id}:{pdf.FORMAT}"
    digest = hashlib.sha256(version.encode()).hexdigest()[:16]
    name = f"{DIRECTORY}/{page.pk}-{digest}.pdf"
    if default_storage.exists(name):
        return name
    saved = default_storage.save(name, ContentFile(render_evaluation(page, request)))
    _dirs, files = default_storage.listdir(DIRECTORY)
    for other in files:
        if other.startswith(f"{page.pk}-") and f"{DIRECTORY}/{other}" != saved:
            default_storage.delete(f"{DIRECTORY}/{other}")
    return saved
