"""The published plan as one PDF, generated on the server with WeasyPrint.

The file is stored under a fingerprint of the live revisions of the plan and its live chapters,
so it is generated once per published version and served from storage afterwards; a newer
publication changes the fingerprint and the next request generates the new file.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from workflows.templatetags.approval_tags import approval_note

DIRECTORY = "plan-pdf"


def fingerprint(plan, chapters):
    versions = [f"{plan.pk}:{plan.live_revision_id}"]
    versions += [f"{chapter.pk}:{chapter.live_revision_id}" for chapter in chapters]
    return hashlib.sha256(",".join(versions).encode()).hexdigest()[:16]


def render_pdf(plan, chapters, request):
    from weasyprint import HTML

    from kpss_pages.models import number_hierarchy

    sections, first = [], 1
    for chapter in chapters:  # priorities are numbered across the plan, in chapter order
        sections.append(
            {
                "chapter": chapter,
                "hierarchy": number_hierarchy(chapter.priorities, first),
                "approval": approval_note(chapter),
            }
        )
        first += len(chapter.priorities)
    html = render_to_string(
        "kpss_pages/plan_pdf.html",
        {
            "plan": plan,
            "sections": sections,
            "plan_approval": approval_note(plan),
            "plan_url": request.build_absolute_uri(plan.get_url(request)),
        },
        request=request,
    )
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=fetch_nothing
    ).write_pdf()


def fetch_nothing(url, *args, **kwargs):
    """The print template needs no file or address, so nothing stored in content (an image
    in rich text saved before its check, say) can make the server read a local file or call
    an address on the PDF's behalf. WeasyPrint leaves the resource out and goes on."""
    raise ValueError(f"Tiskový výstup nenačítá externí zdroje ({url[:100]}).")


def plan_pdf(plan, request):
    """(storage name, created): the stored PDF of the plan's published version."""
    chapters = list(plan.live_chapters())
    name = f"{DIRECTORY}/{plan.pk}-{fingerprint(plan, chapters)}.pdf"
    if default_storage.exists(name):
        return name, False
    saved = default_storage.save(name, ContentFile(render_pdf(plan, chapters, request)))
    # Older versions' files are of no further use; the public archive shows old versions.
    _dirs, files = default_storage.listdir(DIRECTORY)
    for other in files:
        if other.startswith(f"{plan.pk}-") and f"{DIRECTORY}/{other}" != saved:
            default_storage.delete(f"{DIRECTORY}/{other}")
    return saved, True
